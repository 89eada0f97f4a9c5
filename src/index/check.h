// Checking an index: is it sound (Xapian's own check plus Dateline's invariants), and does it
// hold what its source files hold? Behind `dateline-index check`. Read-only: never takes the
// writer lock.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "src/ingest/article.h"
#include "src/ingest/jsonl.h"

namespace dateline {

struct CheckOptions {
    std::string db_path;                // the index folder (stub XAPIANDB + generations)
    std::vector<std::string> sources;   // PATHs as for `update`: folders, files, *.jsonl[.gz]
    bool follow_outside_links = false;  // as the writer's option of that name
    InputFields input_fields;           // as the writer's (--field)
};

struct CheckProblem {
    enum class Kind {
        Damage,     // the index contradicts itself or Xapian finds errors: rebuild or re-index
        OutOfDate,  // sound, but behind its sources or left unfinished: `update` brings it level
    };
    Kind kind;
    std::string message;  // "what is wrong; what to do", one line
};

struct CheckResult {
    std::string generation;    // the generation checked ("g3"), "" if none
    std::size_t articles = 0;  // article records
    std::size_t passages = 0;  // passage documents
    std::vector<CheckProblem> problems;
    std::vector<std::string> notes;  // worth knowing, not wrong (a writer at work, leftovers)
    bool writer_active = false;      // a writer held the lock: results may be in flux
    bool sources_failed = false;     // a PATH or file could not be read (reported; not compared)
    std::string unfinished;          // why the passages could not all be read, "" if they were

    std::size_t count(CheckProblem::Kind kind) const;
};

// Checks the index at options.db_path, and with options.sources, compares it with them: every
// article they hold is indexed with the same content hash (as the writer computes it, word
// lists included), and no indexed article from under them has gone from disk. Problems reading
// the sources go to `report` ("PATH: error: ...") and set sources_failed. A writer committing
// while the passages are read makes it start again, up to 5 times, then give up (unfinished).
// Throws std::runtime_error if there is no index to check at all (no folder, no stub).
CheckResult check_index(const CheckOptions& options, const Report& report);

}  // namespace dateline
