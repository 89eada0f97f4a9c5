// Writing the index: the database layout on disk, the writer lock, and the indexing commands
// (build, update, add, remove, import) behind dateline-index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "src/base/stop.h"
#include "src/index/sources.h"
#include "src/ingest/article.h"
#include "src/ingest/jsonl.h"
#include "src/store/layout.h"

namespace dateline {

struct DatabaseWriter;  // the writer of one database (database_writer.h)

// How the indexer reads its PATHs; `check` reads them the same way, so it agrees with update.
bool ends_with(const std::string& s, const std::string& suffix);
bool is_jsonl(const std::string& path);  // *.jsonl or *.jsonl.gz
// Where an article was read, as messages name it: "file", or "file:line" in JSON Lines.
std::string where_read(const Article& article);
// An article file's bytes. Throws with the reason for what is not a regular file, is larger
// than kMaxArticleFile, or cannot be read; throws Interrupted on Ctrl-C while it reads.
std::string read_file(const std::filesystem::path& path);
// The checks read_file makes before it reads (a regular file, not too large); throws.
void check_article_file(const std::filesystem::path& path);
// As long as a JSON Lines line may be: an article is held whole while it is split into
// passages, so this bounds the memory a file takes.
constexpr std::uintmax_t kMaxArticleFile = 64u << 20;
// Id of an article file: its path relative to the folder named, without extension (a file
// named directly, or outside the folder: its name without extension).
std::string id_from_path(const std::filesystem::path& file, const std::filesystem::path& root);
// Absolute, normalised, links resolved where they can be: an article's origin. Both are text:
// a name that is not UTF-8 keeps its other bytes as private-use characters (text.h).
std::string absolute_path(const std::string& path);

// Articles longer than this are split and written a segment at a time (committing between
// segments when the batch is full): memory is bounded by the segment and the batch, not by the
// article.
constexpr std::size_t kSegmentBytes = 1 << 20;

// Besides every commit_every passages, a shard commits when this much passage text waits
// uncommitted: memory stays bounded whatever the passages are like.
constexpr std::size_t kCommitBytes = 32 << 20;
// Room a commit needs on the disk, checked before writing (Xapian 1.4's glass can abort, or
// leave the committed revision unopenable, when a write meets a full disk): the index takes
// about 13 bytes per byte of text on allsides-news; 16, plus a margin for the tables' own
// rewrites.
constexpr std::uint64_t kIndexBytesPerTextByte = 16;
constexpr std::uint64_t kRoomMargin = 16 << 20;
// How long a commit waits for running searches to let go of the commit lock.
constexpr int kCommitPatienceMs = 10000;

// How far a writing session has come, handed to IndexOptions::progress.
struct IndexProgress {
    std::size_t articles = 0;  // articles read and handed on to be written
    std::size_t passages = 0;  // passages written so far
    bool finished = false;     // the last call: all is written (a progress line can go)
};

struct IndexOptions {
    std::string db_path = default_db_path();
    bool wait_for_lock = false;  // wait for another writer instead of failing
    // update may remove every article of a PATH that now holds none (else it refuses: an
    // unmounted disk looks the same)
    bool allow_empty = false;
    // Follow links in folders to files outside the PATHs given (LinkRule in sources.h).
    bool follow_outside_links = false;
    InputFields input_fields;  // the keys of JSON Lines records fields are read from (--field)
    // build: the fields beyond the schema (--facet, --filter), kept by the index; the other
    // commands take the index's own.
    std::vector<schema::DeclaredField> declared;
    // build: keep paragraphs repeated across an outlet's articles (no furniture found by
    // repetition, furniture.h); the index keeps the choice.
    bool keep_repeated = false;
    // Called every 100 articles and once when all is written, one call at a time with the
    // Report (a program shows a progress line with it); empty: no progress is told.
    std::function<void(const IndexProgress&)> progress;
    std::size_t commit_every = 5000;  // passages per commit: bounds memory, keeps commits big
    // Threads that write (at most one per database): a build with jobs > 1 writes that many
    // parts at once and merges them with Xapian's compaction (unless shards are kept).
    std::size_t jobs = 1;
    // Databases in a generation; 0 = as the current index has (1 for a new one). Only build
    // changes it.
    std::size_t shards = 0;
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
    // The same, with the PATHs already listed (list_path, one per PATH, in order).
    void index_listed(const std::vector<std::string>& paths,
                      const std::vector<PathSources>& listed);
    // Removes articles that came from files under these paths which index_paths did not see.
    void remove_unseen(const std::vector<std::string>& paths);
    // Imports a collection: a JSON Lines file (plain or gzip; "-" the standard input) or a feed.
    void import_collection(const std::string& path);
    // Indexes one parsed article: added, re-indexed if its content changed, or left alone.
    void index_article(Article article);
    // Removes an article by id; false (and a report) if there is none.
    bool remove_article(const std::string& id);

    // Commits, switches generation for Rebuild, and returns the counts. A Rebuild that indexed
    // nothing, or missed a PATH it was given, throws instead and leaves the old index in service.
    IndexSummary finish();

  private:
    // The constructor's steps, once the index folder is locked: a new generation (build, or the
    // first write), or the current one opened, then the shards started.
    void create_generation(std::size_t current_shards);
    void open_generation(const std::vector<std::string>& current);
    void refuse_damaged(const std::string& database) const;
    void read_origins();    // which file was indexed under which id, from every shard
    void store_surnames();  // one name per person, across the shards (surnames.h)
    void drop_furniture();  // an outlet's repeated paragraphs, across the shards (furniture.h)
    void start_shards();    // their first transaction, and their threads if there are any
    void take_declared();   // the declared fields: stamped on a new generation, or read

    void index_file(const std::string& file, const std::string& id);
    void tell_not_articles(const std::string& folder,
                           const std::map<std::string, std::size_t>& counts);
    // Hands an article to its shard's thread (or writes it here when there are no threads).
    void dispatch(Article article);
    // Waits until every shard has written what it was given; rethrows a shard's failure.
    void drain();
    // Ends the shards' threads, after they write what is queued unless `drop_queued`.
    void stop_threads(bool drop_queued);
    // The generation's databases relative to the root, as the stub will list them.
    std::vector<std::string> databases() const;
    void show_progress();

    IndexOptions options_;
    Mode mode_;
    Report report_;                             // serialised: shards report from their threads
    std::shared_ptr<std::mutex> report_mutex_;  // also keeps the progress line whole
    IndexLayout layout_;
    std::string generation_;    // being written
    bool merge_parts_ = false;  // build: parts written in parallel, compacted into one database
    bool threaded_ = false;     // each shard written by a thread of its own
    int lock_fd_ = -1;
    std::vector<std::unique_ptr<DatabaseWriter>> shards_;
    IndexSummary summary_;  // this thread's counts; the shards keep their own
    std::size_t dispatched_ = 0;
    std::map<std::string, std::string> seen_;     // id -> where it was read in this run
    std::map<std::string, std::string> origins_;  // origin key -> id, as indexed (all shards)
    bool finished_ = false;
    bool path_failed_ = false;            // a PATH argument was missing or unreadable
    std::set<std::string> unread_roots_;  // absolute PATHs that failed: remove_unseen spares them
    std::set<std::string> empty_roots_;   // absolute PATHs that held no article
    // The indexed articles not seen in this run, by the root (of `roots`) they come from.
    std::map<std::string, std::vector<std::string>> unseen_under(
        const std::vector<std::string>& roots);
    double start_ = 0;
};

}  // namespace dateline
