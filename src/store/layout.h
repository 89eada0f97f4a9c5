// The index on disk: its folder of generations, the stub that names the current one, and where
// it lives by default. Shared by the writer, `check` and the searcher.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

namespace dateline {

// A Dateline index is a directory holding generations (g1, g2, ...) and a Xapian stub file
// XAPIANDB naming the current one's databases: "auto g3" for one glass database, or
// "auto g3/s0", "auto g3/s1", ... for a generation in shards (articles routed by
// schema::shard_of). Xapian opens the directory through the stub as one database, and `build`
// switches generations by renaming a new stub over the old: atomic for readers.
struct IndexLayout {
    static constexpr const char* kStub = "XAPIANDB";
    static constexpr const char* kLock = "writer.lock";
    static constexpr const char* kCommitLock = "commit.lock";  // src/store/commit_lock.h
    std::string root;

    // The current generation's directory name ("g3"), or "" if there is none yet.
    std::string current_generation() const;
    // The current generation's databases as the stub lists them ("g3", or "g3/s0", "g3/s1"...),
    // relative to root; empty if there is no stub or it names none. Throws IndexError if the
    // stub cannot be read or names anything else (a remote, another folder).
    std::vector<std::string> current_databases() const;
    // Throws IndexError, saying how to name it again, if the stub names no database while a
    // generation holds one (a stub lost, emptied or edited): a writer that went on would start
    // a new index and delete that generation. `build`, which replaces the index, skips this.
    void refuse_unnamed_generations() const;
    // Points the stub at `databases` (all in `generation`) atomically and deletes generations
    // older than the previous one (kept, so a search that opened it just before the switch can
    // finish).
    void switch_to(const std::string& generation, const std::vector<std::string>& databases) const;
    // A fresh, unused generation name.
    std::string next_generation() const;
};

// "g3" -> 3; -1 for a name that is not a generation's.
int generation_number(const std::string& name);

// Where the index lives when --db is not given: $DATELINE_DB, else ./dateline.db.
inline std::string default_db_path() {
    const char* env = std::getenv("DATELINE_DB");
    return env && *env ? env : "dateline.db";
}

}  // namespace dateline
