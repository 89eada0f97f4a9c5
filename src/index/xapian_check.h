// Xapian's own consistency check of one glass database, run so that `check` can give a verdict
// whatever happens: in a child process, because flipped bits can crash Xapian's checker, and on
// a private copy when the user may not write to the database, because Xapian 1.4 opens every
// table read/write to check it (a sound index of another user's would fail).
#pragma once

#include <cstdint>
#include <string>

namespace dateline {

struct XapianCheck {
    enum class Outcome {
        Sound,    // Xapian finds no error
        Damaged,  // Xapian finds errors, fails on the database, or crashes on it
        Skipped,  // it could not be run (no write access and no room for a copy)
    };
    Outcome outcome = Outcome::Sound;
    std::string message;  // Damaged: what was found; Skipped: why; Sound: "" or how it was run
};

XapianCheck run_xapian_check(const std::string& path);

// The bytes of a database's files (what a check reads, what a copy takes).
std::uintmax_t database_bytes(const std::string& path);

}  // namespace dateline
