// The indexing commands: files and JSON Lines in, passage documents out, one writer at a time.
#include "src/index/index.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
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
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/index/database_writer.h"
#include "src/index/sources.h"
#include "src/index/surnames.h"
#include "src/index/xapian_check.h"
#include "src/ingest/jsonl.h"
#include "src/store/sanity.h"
#include "src/text/text.h"

namespace fs = std::filesystem;

namespace dateline {

namespace {

// Databases up to this size get Xapian's full check before a writer writes to them: it reads
// every table, about 7 s for allsides-news' 818 MB, so larger ones get the quick look only
// (damage_signs; `check` does the rest).
constexpr std::uintmax_t kFullCheckBytes = 256u << 20;

constexpr const char* kLockName = IndexLayout::kLock;

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// The pid the lock's holder wrote into it, as " (pid N)", or "" when it wrote none.
std::string lock_holder(int fd) {
    char pid[32] = {0};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    const std::string_view text = n > 0 ? trim(pid) : std::string_view();
    return text.empty() ? "" : " (pid " + std::string(text) + ")";
}

// Acquires the writer lock on the index directory, or throws with the holder's pid. With
// `wait`, a busy lock is told (a note naming the holder) before the wait, so that a writer
// that seems to hang says why.
int lock_index(const std::string& root, bool wait, const Report& report) {
    std::string path = root + "/" + kLockName;
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error("cannot create lock file " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const std::string holder = lock_holder(fd);
        if (!wait) {
            ::close(fd);
            throw std::runtime_error("index " + root + " is being updated by another process" +
                                     holder + "; wait for it to finish, or pass --wait");
        }
        report(note_at(root, "waiting for another writer" + holder +
                                 " to finish (--wait; Ctrl-C stops waiting)"));
        int locked;
        while ((locked = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR && !stop_requested()) {
        }
        if (locked != 0) {
            const int error = errno;
            ::close(fd);
            if (stop_requested()) throw Interrupted();
            throw std::runtime_error("cannot lock " + path + ": " + std::strerror(error));
        }
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message above; the lock itself holds.
    }
    return fd;
}

}  // namespace

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string where_read(const Article& article) {
    const std::string file(schema::origin_file(article.origin));
    return article.line ? file + ":" + std::to_string(article.line) : file;
}

bool is_jsonl(const std::string& path) {
    return ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz");
}

void check_article_file(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // links followed
    if (!ec && !fs::is_regular_file(status))
        throw std::runtime_error("not a regular file (a device, a pipe or a folder)");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxArticleFile)
        throw std::runtime_error("larger than " + std::to_string(kMaxArticleFile >> 20) +
                                 " MiB; split it into articles");
}

std::string read_file(const fs::path& path) {
    check_article_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read: ") + std::strerror(errno));
    std::string bytes;
    std::vector<char> block(1 << 20);
    while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
        if (stop_requested()) throw Interrupted();
        bytes.append(block.data(), static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > kMaxArticleFile)  // it grew while it was read
            throw std::runtime_error("larger than " + std::to_string(kMaxArticleFile >> 20) +
                                     " MiB; split it into articles");
    }
    if (in.bad()) throw std::runtime_error(std::string("read error: ") + std::strerror(errno));
    return bytes;
}

std::string id_from_path(const fs::path& file, const fs::path& root) {
    fs::path relative = file.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") relative = file.filename();
    if (relative.extension() == ".gz") relative.replace_extension();  // a.html.gz: a
    return file_name_as_utf8(relative.replace_extension().generic_string());
}

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return file_name_as_utf8((ec ? fs::absolute(path) : p).lexically_normal().generic_string());
}

namespace {

// Articles waiting for one shard's thread: enough to keep it busy, little memory.
constexpr std::size_t kQueueArticles = 64;
constexpr std::size_t kQueueBytes = 8 << 20;

}  // namespace

namespace {

// `report`, made safe to call from several threads: one message at a time, under `mutex`.
Report serialised(Report report, std::shared_ptr<std::mutex> mutex) {
    return [mutex = std::move(mutex), report = std::move(report)](const Problem& problem) {
        std::lock_guard<std::mutex> lock(*mutex);
        report(problem);
    };
}

// Makes sure `root` is a Dateline index, or a new or empty folder, and that it exists.
void prepare_index_folder(const std::string& root_path) {
    fs::path root(root_path);
    if (fs::exists(root / "iamglass") || (fs::exists(root) && !fs::is_directory(root)))
        throw std::runtime_error(root_path +
                                 " is not a Dateline index (no XAPIANDB stub in a folder); choose "
                                 "another --db or move it away");
    if (fs::is_directory(root) && !fs::is_empty(root) && !fs::exists(root / IndexLayout::kStub) &&
        !fs::exists(root / kLockName))
        throw std::runtime_error(root_path +
                                 " is a folder that is not a Dateline index; choose another --db "
                                 "(a new or empty folder)");
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec)
        throw std::runtime_error("cannot create index folder " + root_path + ": " + ec.message());
}

// Threads that write: at least one.
std::size_t writing_jobs(const IndexOptions& options) {
    return std::max<std::size_t>(1, options.jobs);
}

// Each of `databases` commits after its share of the passages per commit.
std::size_t commit_share(const IndexOptions& options, std::size_t databases) {
    return std::max<std::size_t>(1, options.commit_every / databases);
}

}  // namespace

IndexWriter::IndexWriter(IndexOptions options, Mode mode, Report report)
    : options_(std::move(options)), mode_(mode) {
    start_ = now_seconds();
    // Shards report from their own threads: one message at a time.
    report_mutex_ = std::make_shared<std::mutex>();
    report_ = serialised(std::move(report), report_mutex_);
    layout_.root = options_.db_path;
    prepare_index_folder(layout_.root);
    lock_fd_ = lock_index(layout_.root, options_.wait_for_lock, report_);
    const std::vector<std::string> current = layout_.current_databases();
    if (mode_ != Mode::Rebuild) layout_.refuse_unnamed_generations();  // or it would replace them
    if (mode_ == Mode::Rebuild || current.empty())
        create_generation(current.size());
    else
        open_generation(current);
    take_declared();
    start_shards();
}

void IndexWriter::create_generation(std::size_t current_shards) {
    generation_ = layout_.next_generation();
    const std::size_t shards =
        options_.shards ? options_.shards : std::max<std::size_t>(1, current_shards);
    // One database written by several threads: parts, merged by compaction in finish().
    merge_parts_ = mode_ == Mode::Rebuild && shards == 1 && writing_jobs(options_) > 1;
    const std::size_t parts = merge_parts_ ? writing_jobs(options_) : shards;
    const fs::path root(layout_.root);
    const fs::path parts_dir = root / (generation_ + "-parts");
    std::error_code ec;
    fs::remove_all(parts_dir, ec);
    for (std::size_t i = 0; i < parts; ++i) {
        fs::path at = merge_parts_  ? parts_dir / ("p" + std::to_string(i))
                      : shards == 1 ? root / generation_
                                    : root / generation_ / ("s" + std::to_string(i));
        fs::create_directories(at.parent_path());
        shards_.push_back(
            std::make_unique<DatabaseWriter>(at, true, commit_share(options_, parts), report_));
    }
    if (mode_ == Mode::Update) {
        // A first write creates the index: commit and publish it at once.
        for (auto& shard : shards_) shard->db.commit();
        layout_.switch_to(generation_, databases());
        for (auto& shard : shards_) shard->commit_lock_root = layout_.root;  // searched from now
    }
}

void IndexWriter::open_generation(const std::vector<std::string>& current) {
    if (options_.shards && options_.shards != current.size())
        throw std::runtime_error("index " + layout_.root + " has " +
                                 std::to_string(current.size()) +
                                 " shard(s); to change that, rebuild it: dateline-index "
                                 "build --shards " +
                                 std::to_string(options_.shards) + " PATH...");
    generation_ = layout_.current_generation();
    for (const auto& database : current) {
        refuse_damaged(database);
        shards_.push_back(std::make_unique<DatabaseWriter>(fs::path(layout_.root) / database, false,
                                                           commit_share(options_, current.size()),
                                                           report_));
        shards_.back()->commit_lock_root = layout_.root;  // the generation searches read
        std::string version = shards_.back()->db.get_metadata(std::string(schema::kVersionKey));
        if (version != schema::kSchemaVersion)
            throw std::runtime_error("index " + layout_.root + " has schema version '" + version +
                                     "', this program writes '" +
                                     std::string(schema::kSchemaVersion) +
                                     "'; rebuild it with: dateline-index build PATH...");
    }
    read_origins();
}

// Writing to a damaged database can crash the writer or make the damage worse, and an exit 0
// would hide it: a quick look first, and Xapian's full check (in a child process) where it
// takes two seconds at most.
void IndexWriter::refuse_damaged(const std::string& database) const {
    const std::string path = layout_.root + "/" + database;
    std::string signs;
    try {
        signs = damage_signs(path, Xapian::Database(path, Xapian::DB_BACKEND_GLASS));
    } catch (const Xapian::DatabaseCorruptError& e) {
        signs = e.get_description();
    }
    if (signs.empty() && database_bytes(path) <= kFullCheckBytes) {
        const XapianCheck verdict = run_xapian_check(path);
        if (verdict.outcome == XapianCheck::Outcome::Damaged) signs = verdict.message;
    }
    if (!signs.empty())
        throw IndexError("index " + layout_.root + " looks damaged: " + path + ": " + signs +
                         "; nothing was written; see what dateline-index check --db " +
                         layout_.root + " says, and rebuild it: dateline-index build PATH...");
}

void IndexWriter::take_declared() {
    const std::string key(schema::kDeclaredFieldsKey);
    if (shards_.front()->spelling_at_end) {  // a new generation: the fields asked for
        if (!options_.declared.empty())
            for (auto& shard : shards_)
                shard->db.set_metadata(key, schema::pack_declared(options_.declared));
    } else {
        const std::string stored = shards_.front()->db.get_metadata(key);
        if (!options_.declared.empty() && schema::pack_declared(options_.declared) != stored)
            throw std::runtime_error("index " + layout_.root +
                                     " keeps the fields it was built with; to change them, "
                                     "rebuild it: dateline-index build --facet NAME ... PATH...");
        options_.declared = schema::unpack_declared(stored);
    }
    std::sort(options_.declared.begin(), options_.declared.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    options_.input_fields.kept.clear();
    for (const auto& f : options_.declared) options_.input_fields.kept.push_back(f.name);
    for (auto& shard : shards_) shard->declared = options_.declared;
}

void IndexWriter::read_origins() {
    // Read once, here, so that no thread reads a database another is writing.
    const std::string prefix(schema::kOriginKeyPrefix);
    for (auto& shard : shards_)
        for (auto it = shard->db.metadata_keys_begin(prefix);
             it != shard->db.metadata_keys_end(prefix); ++it) {
            std::string id = shard->db.get_metadata(*it);
            if (!id.empty()) origins_[*it] = id;
        }
}

void IndexWriter::start_shards() {
    for (auto& shard : shards_) shard->begin();
    // Threads when there are cores to use: one per database (with one database, the thread
    // writes while this one reads and parses).
    threaded_ = writing_jobs(options_) > 1;
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
    const LinkRule links = link_rule(paths, options_.follow_outside_links);
    std::vector<PathSources> listed;
    for (const std::string& path : paths) listed.push_back(list_path(path, links));
    index_listed(paths, listed);
}

void IndexWriter::index_listed(const std::vector<std::string>& paths,
                               const std::vector<PathSources>& listed) {
    auto unread = [&](const std::string& path, const std::string& what) {
        report_(error_at(path, what));
        ++summary_.skipped;
        path_failed_ = true;
        unread_roots_.insert(absolute_path(path));
    };
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string& path = paths[i];
        const PathSources& sources = listed[i];
        if (sources.kind == PathSources::Kind::Missing) {
            unread(path, "no such file or folder; skipped");
            continue;
        }
        if (sources.kind == PathSources::Kind::Collection) {
            import_collection(path);
            continue;
        }
        for (const auto& [file, error] : sources.bad_links) {
            report_(error_at(file, "cannot open (" + error.message() +
                                       "; a symbolic link loop or a broken link?); skipped"));
            ++summary_.skipped;
        }
        for (const auto& [file, target] : sources.outside_links) {
            report_(error_at(file, "a link to " + target +
                                       ", outside the PATHs given; not followed (pass "
                                       "--follow-outside-links to index what it leads to)"));
            ++summary_.skipped;
        }
        if (sources.list_error)
            unread(path, "cannot list folder (" + sources.list_error.message() + ")");
        else if (sources.files.empty() && sources.collections.empty())
            empty_roots_.insert(absolute_path(path));
        for (const auto& article : sources.files) index_file(article.file, article.id);
        for (const auto& file : sources.collections) import_collection(file);
        tell_not_articles(path, sources.not_articles);
    }
}

// "skipped 3 .pdf, 2 .png": the files of a folder that are not articles, never indexed.
void IndexWriter::tell_not_articles(const std::string& folder,
                                    const std::map<std::string, std::size_t>& counts) {
    std::string list;
    for (const auto& [ext, count] : counts)
        list += (list.empty() ? "" : ", ") + std::to_string(count) + " " +
                (ext.empty() ? "without extension" : ext);
    if (!list.empty())
        report_(note_at(folder, "skipped " + list +
                                    ": not article formats (articles are .txt, .html, .htm, "
                                    ".xhtml, .jsonl, .rss, .atom or an .xml feed; convert others "
                                    "to text or HTML)"));
}

void IndexWriter::index_file(const std::string& file, const std::string& id) {
    try {
        Article article = read_article_file(file, id, report_, options_.input_fields);
        article.origin = absolute_path(file);
        // Named another way (a file instead of its folder), the file keeps the id it has.
        auto known = origins_.find(schema::origin_key(article.origin));
        if (article.id == id && known != origins_.end()) article.id = known->second;
        index_article(std::move(article));
    } catch (const Xapian::Error&) {
        throw;  // the index itself is in trouble: stop
    } catch (const Interrupted&) {
        throw;
    } catch (const DiskFullError&) {
        throw;  // the index's disk, not this input: stop
    } catch (const std::exception& e) {
        report_(error_at(file, reason(e) + "; skipped"));
        ++summary_.skipped;
        // Unreadable now is not deleted: update keeps the version already indexed.
        auto known = origins_.find(schema::origin_key(absolute_path(file)));
        seen_.emplace(known == origins_.end() ? id : known->second, file);
    }
}

void IndexWriter::import_collection(const std::string& path) {
    try {
        std::string origin = schema::import_origin(path == "-" ? path : absolute_path(path));
        std::size_t articles = 0;
        std::size_t bad_lines = read_collection(
            path,
            [&](Article&& a) {
                a.origin = origin;
                ++articles;
                index_article(std::move(a));
            },
            report_, options_.input_fields);
        summary_.skipped += bad_lines;
        // A line that could not be read may be an indexed article's: keep them all.
        if (bad_lines > 0) unread_roots_.insert(absolute_path(path));
        if (articles == 0 && bad_lines == 0) empty_roots_.insert(absolute_path(path));
    } catch (const Xapian::Error&) {
        throw;
    } catch (const Interrupted&) {
        throw;
    } catch (const DiskFullError&) {
        throw;  // the index's disk, not this input: stop
    } catch (const std::exception& e) {
        report_(error_at(path, reason(e) + "; skipped"));
        ++summary_.skipped;
        unread_roots_.insert(absolute_path(path));
    }
}

void IndexWriter::index_article(Article article) {
    if (stop_requested()) throw Interrupted();
    auto [it, fresh] = seen_.emplace(article.id, where_read(article));
    if (!fresh) {
        const char* rename = article.line ? "another \"id\"" : "another Id: header";
        report_(error_at(where_read(article), "duplicate id '" + article.id +
                                                  "' (already read from " + it->second +
                                                  "); skipped; give one of them " + rename));
        ++summary_.skipped;
        return;
    }
    if (!schema::is_import_origin(article.origin))
        origins_[schema::origin_key(article.origin)] = article.id;
    ++dispatched_;
    DatabaseWriter& shard = *shards_[schema::shard_of(article.id, shards_.size())];
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
    for (const auto& [root, gone] : unseen_under(roots)) {
        // An unmounted disk or an emptied folder looks like every article deleted.
        if (empty_roots_.count(root) && !options_.allow_empty) {
            report_(error_at(root, "holds no articles now, but " + std::to_string(gone.size()) +
                                       " in the index come from it (an unmounted disk, an "
                                       "emptied folder?); none removed; to remove them, run "
                                       "update again with --allow-empty"));
            ++summary_.skipped;
            continue;
        }
        for (const auto& id : gone) remove_article(id);
    }
}

std::map<std::string, std::vector<std::string>> IndexWriter::unseen_under(
    const std::vector<std::string>& roots) {
    std::map<std::string, std::vector<std::string>> gone;
    const std::string prefix(schema::kArticleKeyPrefix);
    for (auto& shard : shards_) {
        Xapian::WritableDatabase& db = shard->db;
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            auto record = nlohmann::json::parse(db.get_metadata(*it), nullptr, false);
            if (record.is_discarded()) continue;
            std::string id = record.value("id", "");
            if (seen_.count(id)) continue;
            // The file it came from: an article file, or the JSON Lines file it was imported from.
            const std::string origin = std::string(schema::origin_file(record.value("origin", "")));
            // A collection in a folder that could not be read whole says nothing of its articles.
            if (unread_roots_.count(origin)) continue;
            for (const auto& root : roots)
                if (is_under(origin, root)) {
                    gone[root].push_back(id);
                    break;
                }
        }
    }
    return gone;
}

void IndexWriter::show_progress() {
    if (!options_.progress || dispatched_ % 100 != 0) return;
    IndexProgress progress;
    progress.articles = dispatched_;
    for (auto& shard : shards_) progress.passages += shard->passages_written;
    std::lock_guard<std::mutex> lock(*report_mutex_);
    options_.progress(progress);
}

// The name each speaker name is shown as (surnames.h), from every shard (the writers read their
// own uncommitted passages), into each shard's metadata.
void IndexWriter::store_surnames() {
    std::vector<Xapian::Database> dbs;
    for (auto& shard : shards_) dbs.push_back(shard->db);
    const SpeakerNames speakers = speaker_names(dbs, shards_.front()->extractor.lexicon());
    const std::string shown = nlohmann::json(shown_names(speakers)).dump();
    const std::string facts = encode_speaker_names(speakers);
    for (auto& shard : shards_) {
        shard->db.set_metadata(std::string(schema::kPersonNamesKey), shown);
        shard->db.set_metadata(std::string(schema::kSpeakerNamesKey), facts);
    }
}

void IndexWriter::drop_furniture() {
    if (shards_.front()->spelling_at_end && options_.keep_repeated) {  // a new generation
        for (auto& shard : shards_) keep_repeated(shard->db);
        return;
    }
    if (shards_.front()->keeps_repeated) return;
    std::vector<Xapian::WritableDatabase*> dbs;
    for (auto& shard : shards_) dbs.push_back(&shard->db);
    FurnitureFound f = remove_furniture(dbs, shards_.front()->furniture);
    for (auto& shard : shards_) write_furniture(shard->db, f.found);
    if (f.passages > 0)
        report_(note_at(layout_.root,
                        std::to_string(f.passages) + " passages of " +
                            std::to_string(f.new_paragraphs) +
                            " paragraphs left out as outlets' furniture (printed verbatim in " +
                            std::to_string(kFurnitureArticles) + "+ articles of one outlet on " +
                            std::to_string(kFurnitureDays) + "+ days)"));
}

IndexSummary IndexWriter::finish() {
    drain();
    // A build stopped during its last articles must not switch: it changes nothing.
    if (mode_ == Mode::Rebuild && stop_requested()) throw Interrupted();
    stop_threads(false);
    drop_furniture();
    store_surnames();
    for (auto& shard : shards_) {
        shard->store_aliases();
        shard->add_vocabulary_spelling();
        shard->commit(true);
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
    if (options_.progress) options_.progress({dispatched_, total.passages, true});
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
            write_article_starts((fs::path(layout_.root) / generation_).string());
            fs::remove_all(parts_dir);
        }
        layout_.switch_to(generation_, databases());
    }
    finished_ = true;
    total.seconds = now_seconds() - start_;
    return total;
}

}  // namespace dateline
