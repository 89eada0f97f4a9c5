// Writing the index: the database layout on disk, the writer lock, and the indexing commands
// (build, update, add, remove, import) behind dateline-index.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/article.h"
#include "src/entities.h"
#include "src/passages.h"

namespace dateline {

// A Dateline index is a directory holding generations (g1, g2, ...: Xapian glass databases) and
// a Xapian stub file XAPIANDB naming the current one. Xapian opens the directory through the
// stub, and `build` switches generations by renaming a new stub over the old: atomic for readers.
struct IndexLayout {
    std::string root;

    // The current generation's directory name ("g3"), or "" if there is none yet.
    std::string current_generation() const;
    // Points the stub at `generation` atomically and deletes generations older than the
    // previous one (kept, so a search that opened it just before the switch can finish).
    void switch_to(const std::string& generation) const;
    // A fresh, unused generation name.
    std::string next_generation() const;
};

// Ctrl-C and SIGTERM: the signal handler calls request_stop() (async-signal-safe); the writer
// then throws Interrupted before its next article, and the caller decides what to keep.
void request_stop();
bool stop_requested();
class Interrupted : public std::runtime_error {
  public:
    Interrupted() : std::runtime_error("interrupted") {}
};

// Where the index lives when --db is not given: $DATELINE_DB, else ./dateline.db.
std::string default_db_path();

// Articles longer than this are split and written a segment at a time (committing between
// segments when the batch is full): memory is bounded by the segment and the batch, not by the
// article.
constexpr std::size_t kSegmentBytes = 1 << 20;

struct IndexOptions {
    std::string db_path = default_db_path();
    bool wait_for_lock = false;       // wait for another writer instead of failing
    bool progress = false;            // a progress line on stderr (for a terminal)
    std::size_t commit_every = 5000;  // passages per commit: bounds memory, keeps commits big
};

struct IndexSummary {
    std::size_t added = 0, updated = 0, unchanged = 0, removed = 0, skipped = 0;
    std::size_t passages = 0;  // passages written by this run
    double seconds = 0;
};

// One writing session on an index. Holds the writer lock from construction to destruction.
class IndexWriter {
  public:
    enum class Mode { Update, Rebuild };  // Rebuild writes a new generation, switched on finish()
    IndexWriter(IndexOptions options, Mode mode, Report report);
    ~IndexWriter();

    // Indexes the articles under these paths: folders (their *.txt files, recursively), article
    // files, and JSON Lines files (*.jsonl, *.jsonl.gz). Id of a file: its path relative to the
    // folder named, without extension (a file named directly: its name without extension).
    void index_paths(const std::vector<std::string>& paths);
    // Removes articles that came from files under these paths which index_paths did not see.
    void remove_unseen(const std::vector<std::string>& paths);
    // Imports a JSON Lines file (plain or gzip).
    void import_jsonl(const std::string& path);
    // Indexes one parsed article: added, re-indexed if its content changed, or left alone.
    void index_article(Article article);
    // Removes an article by id; false (and a report) if there is none.
    bool remove_article(const std::string& id);

    // Commits, switches generation for Rebuild, and returns the counts. A Rebuild that indexed
    // nothing, or missed a PATH it was given, throws instead and leaves the old index in service.
    IndexSummary finish();

  private:
    void index_file(const std::string& file, const std::string& id);
    // Writes the passages of `body` (all or part of the article's body), numbering them from
    // `first` (0: the title comes first); returns the number after the last one.
    unsigned write_passages(const Article& article, std::string_view body, unsigned first);
    void maybe_commit();
    void store_aliases();
    void show_progress();

    IndexOptions options_;
    Mode mode_;
    Report report_;
    IndexLayout layout_;
    std::string generation_;  // being written
    int lock_fd_ = -1;
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator terms_;
    PassageSplitter splitter_;
    EntityExtractor extractor_;
    IndexSummary summary_;
    std::size_t uncommitted_ = 0;
    std::map<std::string, std::string> seen_;  // id -> origin indexed in this run (duplicates)
    bool finished_ = false;
    bool path_failed_ = false;            // a PATH argument was missing or unreadable
    std::set<std::string> unread_roots_;  // absolute PATHs that failed: remove_unseen spares them
    double start_ = 0;
};

}  // namespace dateline
