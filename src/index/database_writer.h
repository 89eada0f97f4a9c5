// The writer of one database of the index: articles in, passage documents, article records,
// spelling and aliases out. IndexWriter holds one per database of the generation it writes.
// Internal to src/index.
#pragma once

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "schema/record.h"
#include "src/index/furniture.h"
#include "src/index/index.h"
#include "src/ingest/entities.h"
#include "src/ingest/passages.h"

namespace dateline {

// Its own term generator, splitter and extractor, so that databases are written on threads of
// their own, sharing nothing but the report. Without threads (jobs 1) the IndexWriter calls
// index() directly; with them, it queues articles for run().
struct DatabaseWriter {
    // Opens the database at `at`, or with `create` makes it anew (stamped with the schema
    // version). Commits every `commit_every` passages (or kCommitBytes of text).
    DatabaseWriter(const std::filesystem::path& at, bool create, std::size_t commit_every,
                   Report report);

    // Each batch is a transaction: a crash or an error drops the batch whole, never half an
    // article (without one, closing the database would commit whatever was written).
    void begin() { db.begin_transaction(); }

    // Adds the article, re-indexes it if its content changed, or leaves it alone.
    void index(Article article);
    // Writes the passages of `body` (all or part of the article's body), numbering them from
    // `first` (0: the title comes first); returns the number after the last one.
    unsigned write_passages(const Article& article, std::string_view body, unsigned first);
    bool remove(const std::string& id);
    void maybe_commit();
    // Commits the batch and begins the next: with the disk's room for it checked first
    // (DiskFullError, nothing written, if short), and while no search holds the commit lock.
    // The `last` commit begins no batch after it.
    void commit(bool last = false);
    void store_aliases();
    // "Did you mean" data for a new database: every word of its vocabulary once, with the
    // number of passages that use it (far cheaper than each article adding its words).
    void add_vocabulary_spelling();

    // The thread: articles from the queue until it is closed and empty.
    void run();

    std::string path;
    // The index folder whose commit lock searches hold; "" for a generation no search reads
    // yet (a build's, until it is switched in).
    std::string commit_lock_root;
    Xapian::WritableDatabase db;
    bool spelling_at_end = false;  // a new database: its spelling data comes from its vocabulary
    std::vector<schema::DeclaredField> declared;  // the index's declared fields, by name
    Furniture furniture;          // paragraphs known to be outlets' furniture: never written
    bool keeps_repeated = false;  // built with --keep-repeated: no furniture is looked for
    schema::DocumentMaker maker;
    PassageSplitter splitter;
    EntityExtractor extractor;
    std::size_t commit_every;
    std::size_t uncommitted = 0, uncommitted_bytes = 0;
    // Where the articles added since the last commit begin (schema::kArticleStartsKey), kept
    // by a database that has the list (one written before it never gets a partial one).
    bool keeps_starts = false;
    bool start_pending = false;  // the next document added is an article's first
    std::vector<Xapian::docid> new_starts;
    Report report;
    IndexSummary summary;  // written by this database's thread, read after it stops
    std::atomic<std::size_t> passages_written{0};

    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Article> queue;
    std::size_t queued_bytes = 0;
    bool busy = false, closing = false;
    std::exception_ptr failure;  // a Xapian error: the thread stops, the IndexWriter rethrows it

  private:
    // Throws DiskFullError unless the disk has room for the batch and `more` bytes of text.
    void ensure_room_for(std::size_t more) const;
    void make_room(std::size_t bytes);
    // A huge article, a segment at a time, its record saying so until the last is in.
    void write_segments(const Article& article, const std::string& key);
    // The same content read from another file: only the record follows it.
    void move_origin(nlohmann::json record, const Article& article, const std::string& key);
    // The passages of an article part (its title first), and what each says and quotes.
    std::vector<Passage> split(const Article& article, std::string_view body);
    std::vector<PassageEntities> extract(const std::vector<Passage>& passages);
    void count_written(const Passage& passage);
    // The article part's documents, each given the part's length, into the database.
    void add_documents(std::vector<Xapian::Document>& docs, Xapian::termcount length);
};

// Lists where every article of the database at `path` begins (schema::kArticleStartsKey), from
// its Article slot: after a compaction, which renumbers the documents.
void write_article_starts(const std::string& path);

}  // namespace dateline
