// The indexing commands: files and JSON Lines in, passage documents out, one writer at a time.
#include "src/index/index.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "schema/schema.h"
#include "src/ingest/entities.h"
#include "src/ingest/passages.h"
#include "src/text/text.h"

namespace fs = std::filesystem;

namespace dateline {

namespace {

constexpr const char* kLockName = IndexLayout::kLock;

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// "20200816" for "2020-08-16".
std::string date_key(const std::string& iso) {
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// Acquires the writer lock on the index directory, or throws with the holder's pid.
int lock_index(const std::string& root, bool wait) {
    std::string path = root + "/" + kLockName;
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error("cannot create lock file " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        char pid[32] = {0};
        ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        std::string holder = n > 0 ? " (pid " + std::string(trim(pid)) + ")" : "";
        throw std::runtime_error("index " + root + " is being updated by another process" + holder +
                                 "; wait for it to finish, or pass --wait");
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message above; the lock itself holds.
    }
    return fd;
}

volatile std::sig_atomic_t g_stop = 0;

// `text` in pieces of at most `size` bytes, cut at a blank line in the piece's second half if
// there is one, else a line end, else a space, else between two UTF-8 characters.
std::vector<std::string_view> segments(std::string_view text, std::size_t size) {
    std::vector<std::string_view> out;
    while (text.size() > size) {
        std::string_view window = text.substr(0, size);
        std::size_t cut = window.rfind("\n\n");
        if (cut == std::string_view::npos || cut < size / 2) cut = window.rfind('\n');
        if (cut == std::string_view::npos || cut < size / 2) cut = window.rfind(' ');
        if (cut == std::string_view::npos || cut < size / 2) {
            cut = size;
            while (cut > 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        }
        out.push_back(text.substr(0, cut));
        text.remove_prefix(cut);
    }
    if (!text.empty()) out.push_back(text);
    return out;
}

}  // namespace

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_jsonl(const std::string& path) {
    return ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz");
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read: ") + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw std::runtime_error(std::string("read error: ") + std::strerror(errno));
    return bytes.str();
}

std::string id_from_path(const fs::path& file, const fs::path& root) {
    fs::path relative = file.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") relative = file.filename();
    return relative.replace_extension().generic_string();
}

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return (ec ? fs::absolute(path) : p).lexically_normal().generic_string();
}

void request_stop() { g_stop = 1; }
bool stop_requested() { return g_stop != 0; }

namespace {

// Articles waiting for one shard's thread: enough to keep it busy, little memory.
constexpr std::size_t kQueueArticles = 64;
constexpr std::size_t kQueueBytes = 8 << 20;

}  // namespace

// Words "did you mean" suggests: unprefixed terms (a lower-case letter or a non-ASCII byte
// first), numbers left out.
static bool is_spelling_word(const std::string& term) {
    if (term.empty()) return false;
    unsigned char first = static_cast<unsigned char>(term[0]);
    return ((first >= 'a' && first <= 'z') || first >= 0x80) &&
           term.find_first_of("0123456789") == std::string::npos;
}

// One database of the index and what writes it: its own term generator, splitter and
// extractor, so that shards are written on threads of their own, sharing nothing but the
// report. Without threads (jobs 1) the writer calls index() directly.
struct IndexWriter::Shard {
    Shard(const fs::path& at, bool create, std::size_t commit_every, Report report)
        : path(at.string()),
          spelling_at_end(create),
          commit_every(commit_every),
          report(std::move(report)) {
        if (create) {
            db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE);
            db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kSchemaVersion));
        } else {
            db = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
        }
        terms.set_stemmer(Xapian::Stem("english"));
        terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    }

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
    void store_aliases();
    // "Did you mean" data for a new database: every word of its vocabulary once, with the
    // number of passages that use it (far cheaper than each article adding its words).
    void add_vocabulary_spelling();

    // The thread: articles from the queue until it is closed and empty.
    void run();

    std::string path;
    Xapian::WritableDatabase db;
    bool spelling_at_end = false;  // a new database: its spelling data comes from its vocabulary
    Xapian::TermGenerator terms;
    PassageSplitter splitter;
    EntityExtractor extractor;
    std::size_t commit_every;
    std::size_t uncommitted = 0, uncommitted_bytes = 0;
    Report report;
    IndexSummary summary;  // written by this shard's thread, read after it stops
    std::atomic<std::size_t> passages_written{0};

    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Article> queue;
    std::size_t queued_bytes = 0;
    bool busy = false, closing = false;
    std::exception_ptr failure;  // a Xapian error: the shard stops, the writer rethrows it
};

void IndexWriter::Shard::run() {
    for (;;) {
        Article article;
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return !queue.empty() || closing; });
            if (queue.empty()) return;
            article = std::move(queue.front());
            queue.pop_front();
            queued_bytes -= article.body.size();
            busy = true;
        }
        changed.notify_all();  // room in the queue
        std::exception_ptr error;
        try {
            index(std::move(article));
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            busy = false;
            if (error) {
                failure = error;
                queue.clear();
                queued_bytes = 0;
            }
        }
        changed.notify_all();
        if (error) return;
    }
}

void IndexWriter::Shard::index(Article article) {
    try {
        // The word lists and gazetteer are part of what an article's index entry depends on.
        std::string hash = article.hash + "-" + extractor.lexicon().fingerprint();
        std::string key = schema::article_key(article.id);
        std::string stored = db.get_metadata(key);
        bool existed = !stored.empty();
        if (existed) {
            auto record = nlohmann::json::parse(stored, nullptr, false);
            if (!record.is_discarded() && record.value("hash", "") == hash &&
                record.value("origin", "") == article.origin) {
                ++summary.unchanged;
                return;
            }
            db.delete_document(schema::filter_term(schema::Field::Article, article.id));
        }
        std::size_t before = summary.passages;
        if (article.body.size() <= kSegmentBytes) {
            write_passages(article, article.body, 0);
        } else {
            // A huge article is written a segment at a time and may span commits: until its
            // last segment is in, its record says so, and `update` writes it again.
            nlohmann::json partial = {
                {"id", article.id}, {"hash", ""}, {"origin", article.origin}, {"incomplete", true}};
            db.set_metadata(key, partial.dump());
            unsigned next = 0;
            for (std::string_view segment : segments(article.body, kSegmentBytes)) {
                next = write_passages(article, segment, next);
                maybe_commit();
            }
        }
        nlohmann::json record = {{"id", article.id},
                                 {"hash", hash},
                                 {"origin", article.origin},
                                 {"passages", summary.passages - before}};
        db.set_metadata(key, record.dump());
        if (article.origin.rfind("import:", 0) != 0)
            db.set_metadata(schema::origin_key(article.origin), article.id);
        ++(existed ? summary.updated : summary.added);
        maybe_commit();
    } catch (const Xapian::Error&) {
        throw;  // the index itself is in trouble: stop
    } catch (const std::exception& e) {
        report(error_at(article.origin, std::string(e.what()) + "; skipped"));
        ++summary.skipped;
    }
}

unsigned IndexWriter::Shard::write_passages(const Article& article, std::string_view body,
                                            unsigned first) {
    using schema::Field;
    Article part;  // the article's fields with only this part of its body
    part.title = article.title;
    part.body = body;
    std::vector<Passage> passages = splitter.split(part);
    std::string title_terms = fold_for_terms(article.title);
    std::string date = article.date.empty() ? "" : date_key(article.date);
    std::string source = normalize_display(article.source);
    // DATELINE_NO_EXTRACTION=1 leaves speakers and places out: only bench/extraction-cost.sh
    // uses it, to measure what extraction costs.
    static const bool extract = std::getenv("DATELINE_NO_EXTRACTION") == nullptr;
    std::vector<PassageEntities> entities =
        extract ? extractor.extract(passages) : std::vector<PassageEntities>(passages.size());
    std::unordered_set<std::string> spelling;
    std::vector<Xapian::Document> docs;
    Xapian::termcount length = 0;  // the article's (of a huge one: this segment's)
    // The title is passage 0 of the first part only; later parts continue the numbering.
    for (std::size_t n = first == 0 ? 0 : 1; n < passages.size(); ++n) {
        Passage& passage = passages[n];
        const PassageEntities& found = entities[n];
        if (first > 0) passage.ordinal = first + passage.ordinal - 1;
        if (trim(passage.text).empty()) continue;
        Xapian::Document doc;
        terms.set_document(doc);
        terms.index_text(fold_for_terms(passage.text));
        // title: words are on every passage, their positions only on the title's own (a
        // phrase in the title finds the title): positions are most of the index's size.
        if (n == 0) {
            terms.increase_termpos();
            terms.index_text(title_terms, 1, std::string(schema::spec(Field::Title).prefix));
        } else {
            terms.index_text_without_positions(title_terms, 1,
                                               std::string(schema::spec(Field::Title).prefix));
        }
        nlohmann::json quotes = nlohmann::json::array();
        for (const Quotation& q : found.quotes) {
            terms.increase_termpos();
            terms.index_text(fold_for_terms(q.text), 1,
                             std::string(schema::spec(Field::Quote).prefix));
            quotes.push_back({{"text", q.text}, {"speaker", q.speaker}});
        }
        for (auto [field, names] : {std::pair{Field::Speaker, &found.speakers},
                                    std::pair{Field::Location, &found.locations}}) {
            for (const auto& name : *names) {
                doc.add_boolean_term(schema::filter_term(field, name));
                // A person's surname alone filters too: speaker:Lukashenko.
                std::size_t space = name.rfind(' ');
                if (field == Field::Speaker && space != std::string::npos)
                    doc.add_boolean_term(schema::filter_term(field, name.substr(space + 1)));
            }
            if (!names->empty()) doc.add_value(schema::spec(field).slot, schema::pack_list(*names));
        }
        doc.add_boolean_term(schema::filter_term(Field::Article, article.id));
        if (!source.empty()) {
            doc.add_boolean_term(schema::filter_term(Field::Source, source));
            doc.add_value(schema::spec(Field::Source).slot, source);
        }
        if (!date.empty()) {
            doc.add_boolean_term(schema::filter_term(Field::Date, date));
            doc.add_value(schema::spec(Field::Date).slot, date);
        }
        doc.add_value(schema::spec(Field::Article).slot, article.id);
        doc.add_value(
            schema::spec(Field::Facets).slot,
            schema::pack_facets({article.id, source, date, found.speakers, found.locations}));
        doc.add_value(schema::spec(Field::Passage).slot,
                      Xapian::sortable_serialise(passage.ordinal));
        // Wire copies: the same key on near-identical passages of other articles.
        if (std::string key = copy_key(passage.text); !key.empty()) {
            doc.add_boolean_term(std::string(schema::spec(Field::Copy).prefix) + key);
            doc.add_value(schema::spec(Field::Copy).slot, key);
        }
        nlohmann::json data = {{"article_id", article.id},
                               {"passage", passage.ordinal},
                               {"source", source},
                               {"date", article.date},
                               {"title", normalize_display(article.title)},
                               {"url", article.url},
                               {"authors", article.authors},
                               {"speakers", found.speakers},
                               {"locations", found.locations},
                               {"quotes", quotes},
                               {"text", passage.text}};
        doc.set_data(data.dump());
        // Words for "did you mean", each once per article part, when an existing database is
        // updated (a new one takes its whole vocabulary at the end).
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            const std::string& word = *t;
            // The article's words: unprefixed terms (not stems, title or quotation terms).
            if (!word.empty() && !(word[0] >= 'A' && word[0] <= 'Z')) length += t.get_wdf();
            if (!spelling_at_end && is_spelling_word(word)) spelling.insert(word);
        }
        docs.push_back(std::move(doc));
        ++summary.passages;
        ++passages_written;
        ++uncommitted;
        uncommitted_bytes += passage.text.size();
    }
    // Every passage carries its article's length: --per-article ranks whole articles by BM25.
    const std::string article_length = Xapian::sortable_serialise(length);
    for (Xapian::Document& doc : docs) {
        doc.add_value(schema::spec(Field::ArticleLength).slot, article_length);
        db.add_document(doc);
    }
    for (const auto& word : spelling) db.add_spelling(word);
    return first == 0 || passages.size() > 1 ? passages.back().ordinal + 1 : first;
}

void IndexWriter::Shard::add_vocabulary_spelling() {
    if (!spelling_at_end) return;
    std::vector<std::pair<std::string, Xapian::doccount>> words;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
        if (is_spelling_word(*t)) words.emplace_back(*t, t.get_termfreq());
    // Xapian keeps a word's spelling fragments in memory until a commit: commit in batches, so
    // the memory stays bounded however large the vocabulary.
    constexpr std::size_t kSpellingBatch = 20000;
    for (std::size_t i = 0; i < words.size(); ++i) {
        db.add_spelling(words[i].first, words[i].second);
        if ((i + 1) % kSpellingBatch == 0) {
            db.commit_transaction();
            db.begin_transaction();
        }
    }
}

bool IndexWriter::Shard::remove(const std::string& id) {
    std::string key = schema::article_key(id);
    // Passages without a record (left by a fault) can be removed by id too.
    bool has_passages = db.term_exists(schema::filter_term(schema::Field::Article, id));
    if (db.get_metadata(key).empty() && !has_passages) return false;
    auto record = nlohmann::json::parse(db.get_metadata(key), nullptr, false);
    if (!record.is_discarded() &&
        db.get_metadata(schema::origin_key(record.value("origin", ""))) == id)
        db.set_metadata(schema::origin_key(record.value("origin", "")), "");
    db.delete_document(schema::filter_term(schema::Field::Article, id));
    db.set_metadata(key, "");
    ++summary.removed;
    ++uncommitted;
    maybe_commit();
    return true;
}

void IndexWriter::Shard::maybe_commit() {
    if (uncommitted >= commit_every || uncommitted_bytes >= kCommitBytes) {
        db.commit_transaction();
        db.begin_transaction();
        uncommitted = uncommitted_bytes = 0;
    }
}

// Words of names that vary, aligned from the end ("Svetlana Tikhanovskaya" and "Sviatlana
// Tsikhanouskaya": svetlana~sviatlana, tikhanovskaya~tsikhanouskaya). A one-word variant of a
// person pairs with the surname; place names pair only word for word ("Kiev"~"Kyiv"), so "US"
// never becomes a synonym of "states".
static std::vector<std::set<std::string>> aligned_words(const std::vector<std::string>& group,
                                                        bool place) {
    std::vector<std::vector<std::string>> names;
    for (const auto& member : group) {
        std::vector<std::string> words;
        std::istringstream in(fold_for_terms(member));
        for (std::string w; in >> w;) {
            while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.pop_back();
            if (!w.empty()) words.push_back(w);
        }
        if (!words.empty()) names.push_back(words);
    }
    std::vector<std::set<std::string>> sets;
    for (const auto& a : names)
        for (const auto& b : names) {
            if (&a == &b || (place && a.size() != b.size())) continue;
            if (!place && a.size() != b.size() && a.size() != 1 && b.size() != 1) continue;
            for (std::size_t i = 1; i <= std::min(a.size(), b.size()); ++i) {
                const std::string& x = a[a.size() - i];
                const std::string& y = b[b.size() - i];
                if (x != y) sets.push_back({x, y});
            }
        }
    return sets;
}

// The alias table travels with the index, in every shard: as Xapian synonyms for query words,
// and as metadata for the searcher's speaker:/location: filters.
void IndexWriter::Shard::store_aliases() {
    const Lexicon& lex = extractor.lexicon();
    std::vector<std::string> keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& key : keys) db.clear_synonyms(key);
    std::map<std::string, std::set<std::string>> synonyms;
    for (const auto& group : lex.alias_groups()) {
        bool place = lex.places(Lexicon::key(group.front())) != nullptr;
        for (const auto& pair : aligned_words(group, place))
            for (const auto& x : pair)
                for (const auto& y : pair)
                    if (x != y) synonyms[x].insert(y);
    }
    for (const auto& [word, others] : synonyms)
        for (const auto& other : others) db.add_synonym(word, other);
    db.set_metadata(std::string(schema::kSynonymsKey), nlohmann::json(synonyms).dump());
    db.set_metadata(std::string(schema::kAliasesKey), nlohmann::json(lex.alias_groups()).dump());
}

IndexWriter::IndexWriter(IndexOptions options, Mode mode, Report report)
    : options_(std::move(options)), mode_(mode) {
    start_ = now_seconds();
    // Shards report from their own threads: one message at a time.
    auto serial = std::make_shared<std::mutex>();
    report_ = [serial, report = std::move(report)](const Problem& problem) {
        std::lock_guard<std::mutex> lock(*serial);
        report(problem);
    };
    report_mutex_ = serial;
    layout_.root = options_.db_path;
    fs::path root(layout_.root);
    std::error_code ec;
    if (fs::exists(root / "iamglass") || (fs::exists(root) && !fs::is_directory(root)))
        throw std::runtime_error(layout_.root +
                                 " is not a Dateline index (no XAPIANDB stub in a folder); choose "
                                 "another --db or move it away");
    if (fs::is_directory(root) && !fs::is_empty(root) && !fs::exists(root / IndexLayout::kStub) &&
        !fs::exists(root / kLockName))
        throw std::runtime_error(layout_.root +
                                 " is a folder that is not a Dateline index; choose another --db "
                                 "(a new or empty folder)");
    fs::create_directories(root, ec);
    if (ec)
        throw std::runtime_error("cannot create index folder " + layout_.root + ": " +
                                 ec.message());
    lock_fd_ = lock_index(layout_.root, options_.wait_for_lock);

    std::vector<std::string> current = layout_.current_databases();
    if (mode_ != Mode::Rebuild) layout_.refuse_unnamed_generations();  // or it would replace them
    std::size_t jobs = std::max<std::size_t>(1, options_.jobs);
    auto per_shard = [&](std::size_t n) {
        return std::max<std::size_t>(1, options_.commit_every / n);
    };
    if (mode_ == Mode::Rebuild || current.empty()) {
        generation_ = layout_.next_generation();
        std::size_t shards =
            options_.shards ? options_.shards : std::max<std::size_t>(1, current.size());
        // One database written by several threads: parts, merged by compaction in finish().
        merge_parts_ = mode_ == Mode::Rebuild && shards == 1 && jobs > 1;
        std::size_t parts = merge_parts_ ? jobs : shards;
        fs::path parts_dir = root / (generation_ + "-parts");
        fs::remove_all(parts_dir, ec);
        for (std::size_t i = 0; i < parts; ++i) {
            fs::path at = merge_parts_  ? parts_dir / ("p" + std::to_string(i))
                          : shards == 1 ? root / generation_
                                        : root / generation_ / ("s" + std::to_string(i));
            fs::create_directories(at.parent_path());
            shards_.push_back(std::make_unique<Shard>(at, true, per_shard(parts), report_));
        }
        if (mode_ == Mode::Update) {
            // A first write creates the index: commit and publish it at once.
            for (auto& shard : shards_) shard->db.commit();
            layout_.switch_to(generation_, databases());
        }
    } else {
        if (options_.shards && options_.shards != current.size())
            throw std::runtime_error("index " + layout_.root + " has " +
                                     std::to_string(current.size()) +
                                     " shard(s); to change that, rebuild it: dateline-index "
                                     "build --shards " +
                                     std::to_string(options_.shards) + " PATH...");
        generation_ = layout_.current_generation();
        for (const auto& database : current) {
            shards_.push_back(std::make_unique<Shard>(root / database, false,
                                                      per_shard(current.size()), report_));
            std::string version = shards_.back()->db.get_metadata(std::string(schema::kVersionKey));
            if (version != schema::kSchemaVersion)
                throw std::runtime_error("index " + layout_.root + " has schema version '" +
                                         version + "', this program writes '" +
                                         std::string(schema::kSchemaVersion) +
                                         "'; rebuild it with: dateline-index build PATH...");
        }
        // Which file was indexed under which id, from every shard: read once, here, so that
        // no thread reads a database another is writing.
        const std::string prefix(schema::kOriginKeyPrefix);
        for (auto& shard : shards_)
            for (auto it = shard->db.metadata_keys_begin(prefix);
                 it != shard->db.metadata_keys_end(prefix); ++it) {
                std::string id = shard->db.get_metadata(*it);
                if (!id.empty()) origins_[*it] = id;
            }
    }
    for (auto& shard : shards_) shard->begin();
    // Threads when there are cores to use: one per database (with one database, the thread
    // writes while this one reads and parses).
    threaded_ = jobs > 1;
    if (threaded_)
        for (auto& shard : shards_) shard->thread = std::thread([s = shard.get()] { s->run(); });
}

IndexWriter::~IndexWriter() {
    // On failure, queued articles are dropped, not written.
    stop_threads(!finished_);
    if (!finished_) {
        for (auto& shard : shards_) {
            try {
                shard->db.cancel_transaction();
            } catch (const Xapian::Error&) {
                // No transaction open, or the database already failed: nothing to drop.
            }
        }
    }
    if (!finished_ && mode_ == Mode::Rebuild && !generation_.empty()) {
        // A failed build leaves the old index in service and its own half-written copy removed.
        for (auto& shard : shards_) shard->db.close();
        std::error_code ec;
        fs::remove_all(fs::path(layout_.root) / generation_, ec);
        fs::remove_all(fs::path(layout_.root) / (generation_ + "-parts"), ec);
    }
    // Xapian's own write locks go before ours: a writer waiting on ours (--wait) must find the
    // databases free when it gets it.
    shards_.clear();
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::vector<std::string> IndexWriter::databases() const {
    if (merge_parts_ || shards_.size() == 1) return {generation_};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < shards_.size(); ++i)
        out.push_back(generation_ + "/s" + std::to_string(i));
    return out;
}

void IndexWriter::drain() {
    if (!threaded_) return;
    for (auto& shard : shards_) {
        std::unique_lock<std::mutex> lock(shard->mutex);
        shard->changed.wait(
            lock, [&] { return shard->failure || (shard->queue.empty() && !shard->busy); });
        if (shard->failure) std::rethrow_exception(shard->failure);
    }
}

void IndexWriter::stop_threads(bool drop_queued) {
    for (auto& shard : shards_) {
        if (!shard->thread.joinable()) continue;
        {
            std::lock_guard<std::mutex> lock(shard->mutex);
            shard->closing = true;
            if (drop_queued) shard->queue.clear();
        }
        shard->changed.notify_all();
        shard->thread.join();
    }
}

void IndexWriter::index_paths(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        std::error_code ec;
        fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            report_(error_at(path, "no such file or folder; skipped"));
            ++summary_.skipped;
            path_failed_ = true;
            unread_roots_.insert(absolute_path(path));
        } else if (fs::is_directory(status)) {
            std::vector<fs::path> files;
            fs::path root = fs::path(path).lexically_normal();
            for (auto it = fs::recursive_directory_iterator(
                     root, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    std::error_code hidden;
                    if (it->is_directory(hidden)) it.disable_recursion_pending();
                    continue;
                }
                // Links to folders are not followed (no loops); a looping or broken link to a
                // file is named and skipped.
                std::error_code link;
                bool regular = it->is_regular_file(link);
                if (link && ends_with(name, ".txt")) {
                    report_(error_at(it->path().string(),
                                     std::string("cannot open (") + link.message() +
                                         "; a symbolic link loop or a broken link?); skipped"));
                    ++summary_.skipped;
                } else if (regular && ends_with(name, ".txt")) {
                    files.push_back(it->path());
                }
            }
            if (ec) {
                report_(error_at(path, std::string("cannot list folder (") + ec.message() + ")"));
                ++summary_.skipped;
                path_failed_ = true;
                unread_roots_.insert(absolute_path(path));
            }
            std::sort(files.begin(), files.end());
            for (const auto& file : files) index_file(file.string(), id_from_path(file, root));
        } else if (is_jsonl(path)) {
            import_jsonl(path);
        } else {
            index_file(path, fs::path(path).stem().string());
        }
    }
}

void IndexWriter::index_file(const std::string& file, const std::string& id) {
    try {
        Article article = parse_article(read_file(file), id, file, report_);
        article.origin = absolute_path(file);
        // Named another way (a file instead of its folder), the file keeps the id it has.
        auto known = origins_.find(schema::origin_key(article.origin));
        if (article.id == id && known != origins_.end()) article.id = known->second;
        index_article(std::move(article));
    } catch (const Xapian::Error&) {
        throw;  // the index itself is in trouble: stop
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        report_(error_at(file, std::string(e.what()) + "; skipped"));
        ++summary_.skipped;
        // Unreadable now is not deleted: update keeps the version already indexed.
        auto known = origins_.find(schema::origin_key(absolute_path(file)));
        seen_.emplace(known == origins_.end() ? id : known->second, file);
    }
}

void IndexWriter::import_jsonl(const std::string& path) {
    try {
        std::string origin = "import:" + absolute_path(path);
        summary_.skipped += read_jsonl(
            path,
            [&](Article&& a) {
                a.origin = origin;
                index_article(std::move(a));
            },
            report_);
    } catch (const Xapian::Error&) {
        throw;
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        report_(error_at(path, std::string(e.what()) + "; skipped"));
        ++summary_.skipped;
        unread_roots_.insert(absolute_path(path));
    }
}

void IndexWriter::index_article(Article article) {
    if (stop_requested()) throw Interrupted();
    auto [it, fresh] = seen_.emplace(article.id, article.origin);
    if (!fresh) {
        report_(error_at(article.origin, std::string("duplicate id '") + article.id +
                                             "' (already read from " + it->second +
                                             "); skipped; give one of them another Id: header"));
        ++summary_.skipped;
        return;
    }
    if (article.origin.rfind("import:", 0) != 0)
        origins_[schema::origin_key(article.origin)] = article.id;
    ++dispatched_;
    Shard& shard = *shards_[schema::shard_of(article.id, shards_.size())];
    if (!threaded_) {
        shard.index(std::move(article));
    } else {
        std::unique_lock<std::mutex> lock(shard.mutex);
        shard.changed.wait(lock, [&] {
            return shard.failure || shard.queue.empty() ||
                   (shard.queue.size() < kQueueArticles &&
                    shard.queued_bytes + article.body.size() <= kQueueBytes);
        });
        if (shard.failure) std::rethrow_exception(shard.failure);
        shard.queued_bytes += article.body.size();
        shard.queue.push_back(std::move(article));
        lock.unlock();
        shard.changed.notify_all();
    }
    show_progress();
}

bool IndexWriter::remove_article(const std::string& id) {
    drain();
    if (shards_[schema::shard_of(id, shards_.size())]->remove(id)) return true;
    report_(error_at(
        id, std::string("no article with this id in ") + layout_.root + "; nothing removed"));
    ++summary_.skipped;
    return false;
}

void IndexWriter::remove_unseen(const std::vector<std::string>& paths) {
    drain();  // the shards' records are complete, and no thread writes while they are read
    std::vector<std::string> roots;
    for (const auto& p : paths) {
        // A PATH that could not be read (gone, unmounted) says nothing about its articles.
        if (unread_roots_.count(absolute_path(p))) {
            report_(note_at(p, "could not be read, so the articles indexed from it are kept"));
            continue;
        }
        roots.push_back(absolute_path(p));
    }
    std::vector<std::string> gone;
    const std::string prefix(schema::kArticleKeyPrefix);
    for (auto& shard : shards_) {
        Xapian::WritableDatabase& db = shard->db;
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            auto record = nlohmann::json::parse(db.get_metadata(*it), nullptr, false);
            if (record.is_discarded()) continue;
            std::string id = record.value("id", "");
            std::string origin = record.value("origin", "");
            if (origin.rfind("import:", 0) == 0) origin.erase(0, 7);  // JSON Lines files count too
            if (seen_.count(id)) continue;
            for (const auto& root : roots)
                if (origin == root || origin.compare(0, root.size() + 1, root + "/") == 0) {
                    gone.push_back(id);
                    break;
                }
        }
    }
    for (const auto& id : gone) remove_article(id);
}

void IndexWriter::show_progress() {
    if (!options_.progress || dispatched_ % 100 != 0) return;
    std::size_t passages = 0;
    for (auto& shard : shards_) passages += shard->passages_written;
    std::lock_guard<std::mutex> lock(*report_mutex_);
    std::cerr << "\r" << dispatched_ << " articles, " << passages << " passages written"
              << std::flush;
}

IndexSummary IndexWriter::finish() {
    drain();
    stop_threads(false);
    for (auto& shard : shards_) {
        shard->store_aliases();
        shard->add_vocabulary_spelling();
        shard->db.commit_transaction();
    }
    IndexSummary total = summary_;
    for (auto& shard : shards_) {
        const IndexSummary& s = shard->summary;
        total.added += s.added;
        total.updated += s.updated;
        total.unchanged += s.unchanged;
        total.removed += s.removed;
        total.skipped += s.skipped;
        total.passages += s.passages;
    }
    if (options_.progress) std::cerr << "\r\033[K" << std::flush;
    if (mode_ == Mode::Rebuild) {
        if (path_failed_ || total.added == 0)
            throw std::runtime_error(
                std::string("build: ") +
                (path_failed_ ? "a PATH could not be read" : "no article was indexed") +
                "; nothing changed, the previous index stays in service");
        for (auto& shard : shards_) shard->db.close();
        if (merge_parts_) {
            // The parts, written side by side, become one database (Xapian renumbers the
            // documents and keeps the first copy of metadata they share: version, aliases).
            fs::path parts_dir = fs::path(layout_.root) / (generation_ + "-parts");
            Xapian::Database parts;
            for (auto& shard : shards_) parts.add_database(Xapian::Database(shard->path));
            parts.compact((fs::path(layout_.root) / generation_).string());
            parts.close();
            fs::remove_all(parts_dir);
        }
        layout_.switch_to(generation_, databases());
    }
    finished_ = true;
    total.seconds = now_seconds() - start_;
    return total;
}

}  // namespace dateline
