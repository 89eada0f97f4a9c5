// `dateline-index check`: Xapian's consistency check, Dateline's own invariants (one article
// term per passage, readable data, value slots, records that match their passages), and the
// index compared with its sources.
#include "src/index/check.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "schema/record.h"
#include "schema/schema.h"
#include "src/index/index.h"
#include "src/index/sources.h"
#include "src/index/xapian_check.h"
#include "src/ingest/entities.h"
#include "src/ingest/jsonl.h"
#include "src/store/sanity.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace dateline {

std::size_t CheckResult::count(CheckProblem::Kind kind) const {
    std::size_t n = 0;
    for (const auto& p : problems) n += p.kind == kind;
    return n;
}

namespace {

using Kind = CheckProblem::Kind;
constexpr const char* kStubName = IndexLayout::kStub;
constexpr const char* kLockName = IndexLayout::kLock;
constexpr int kScanAttempts = 5;
const char* const kRebuild = "rebuild the index: dateline-index build PATH...";

// Sources are read exactly as IndexWriter::index_paths reads them (the walk of sources.h, and
// the ids, origins and hashes of index.h's helpers), or check would report articles as out of
// date that update leaves alone.

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

// The pid of a process holding an flock on the writer lock, 0 if none, -1 if it cannot be told.
// Read from /proc/locks rather than by trying the lock: even a brief shared lock would make an
// indexer starting at that moment fail with "being updated by another process".
long writer_pid(const std::string& root) {
    struct stat st;
    std::string lock = root + "/" + kLockName;
    if (::stat(lock.c_str(), &st) != 0) return 0;  // no writer has ever run
    std::ifstream locks("/proc/locks");
    if (!locks) return -1;
    char want[64];
    std::snprintf(want, sizeof want, "%02x:%02x:%lu", ::major(st.st_dev), ::minor(st.st_dev),
                  static_cast<unsigned long>(st.st_ino));
    for (std::string line; std::getline(locks, line);) {
        // "1: FLOCK  ADVISORY  WRITE 18526 fe:00:10953037 0 EOF"; "1: -> FLOCK ..." waits.
        std::istringstream fields(line);
        std::string number, type, mode, access, pid, where;
        fields >> number >> type;
        if (type != "FLOCK") continue;
        fields >> mode >> access >> pid >> where;
        if (where == want) return std::atol(pid.c_str());
    }
    return 0;
}

// One article as its source holds it.
struct SourceArticle {
    std::string id;        // as parsed
    bool id_from_path;     // the id came from the file name: an indexed file keeps its old id
    std::string origin;    // as the writer records it
    std::string hash;      // as the writer records it
    std::string where;     // the file it was read from, for messages
    std::string path_arg;  // the PATH given on the command line
    bool unreadable = false;
};

struct Sources {
    std::vector<SourceArticle> articles;
    // PATHs that could be read, absolute and as given: stale articles are looked for under them.
    std::vector<std::pair<std::string, std::string>> roots;
};

// Problems reading the sources: reported, and the comparison marked as incomplete.
struct SourceProblems {
    const Report& report;
    bool& failed;
    void operator()(const std::string& where, const std::string& what) const {
        report(error_at(where, what));
        failed = true;
    }
};

// An article file's article as the writer would record it; unreadable, if it cannot be read.
SourceArticle source_article(const ArticleFile& source, const std::string& path_arg,
                             const std::string& fingerprint, const InputFields& input,
                             const SourceProblems& problem) {
    SourceArticle a{source.id, true, absolute_path(source.file), "", source.file, path_arg};
    try {
        Report quiet = [](const Problem&) {};  // warnings were the indexer's to give
        Article parsed = read_article_file(source.file, source.id, quiet, input);
        a.id_from_path = parsed.id == source.id;
        a.id = parsed.id;
        a.hash = parsed.hash + "-" + fingerprint;
    } catch (const std::exception& e) {
        problem(source.file, std::string(e.what()) + "; not compared");
        a.unreadable = true;  // as in update: its indexed version is kept, not stale
    }
    return a;
}

// The articles of a collection (JSON Lines, a feed) as the writer would record them; false if it
// cannot be read.
bool read_collection_articles(const std::string& path, const std::string& fingerprint,
                              const InputFields& keys, std::vector<SourceArticle>& out,
                              const SourceProblems& problem) {
    const std::string origin = schema::import_origin(path == "-" ? path : absolute_path(path));
    try {
        read_collection(
            path,
            [&](Article&& parsed) {
                out.push_back(
                    {parsed.id, false, origin, parsed.hash + "-" + fingerprint, path, path});
            },
            [](const Problem&) {}, keys);  // bad lines are skipped by the indexer too
        return true;
    } catch (const std::exception& e) {
        problem(path, std::string(e.what()) + "; not compared");
        return false;
    }
}

// The articles under the PATHs, read as the writer reads them (list_path walks for both).
Sources read_sources(const CheckOptions& options, const std::string& fingerprint,
                     const Report& report, bool& failed) {
    Sources out;
    const SourceProblems problem{report, failed};
    const std::vector<std::string>& paths = options.sources;
    const LinkRule links = link_rule(paths, options.follow_outside_links);
    for (const std::string& path : paths) {
        const PathSources listed = list_path(path, links);
        bool whole = true;  // every article under it was listed: stale ones can be told
        if (listed.kind == PathSources::Kind::Missing) {
            problem(path, "no such file or folder; not compared");
            continue;
        }
        if (listed.kind == PathSources::Kind::Collection) {
            whole = read_collection_articles(path, fingerprint, options.input_fields, out.articles,
                                             problem);
        } else if (listed.list_error) {  // bad links are the indexer's to report
            problem(path, "cannot list folder (" + listed.list_error.message() +
                              "); articles under it not compared");
            whole = false;
        }
        for (const ArticleFile& file : listed.files)
            out.articles.push_back(
                source_article(file, path, fingerprint, options.input_fields, problem));
        for (const std::string& file : listed.collections)
            whole = read_collection_articles(file, fingerprint, options.input_fields, out.articles,
                                             problem) &&
                    whole;
        if (whole) out.roots.emplace_back(absolute_path(path), path);
    }
    return out;
}

struct Record {
    std::string origin, hash;
    long passages = -1;  // -1: an older record that does not say
    bool incomplete = false;
};

struct Seen {  // an article's passage documents
    std::size_t documents = 0;
    std::set<long> ordinals;
    std::set<long> repeated;
};

// A string member of a JSON object, "" if it is absent or not a string.
std::string text_of(const json& object, const char* key) {
    if (!object.is_object()) return "";
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Damage found by the scan, as a problem of the check.
using Damage = std::function<void(std::string)>;

// Values slot by slot, in docid order alongside the documents: a stream per slot reads far
// less than each document's own value list.
struct Slot {
    const schema::FieldSpec* spec;
    Xapian::ValueIterator at, end;
};

std::vector<Slot> value_streams(const Xapian::Database& db) {
    std::vector<Slot> slots;
    for (const auto& spec : schema::kFields)
        if (spec.slot != Xapian::BAD_VALUENO)
            slots.push_back(
                {&spec, db.valuestream_begin(spec.slot), db.valuestream_end(spec.slot)});
    return slots;
}

// The boolean terms of a document, less the article term (counted from the term side).
std::vector<std::string> boolean_terms(const Xapian::Document& doc) {
    const std::string_view article_prefix = schema::spec(schema::Field::Article).prefix;
    std::vector<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (schema::is_boolean_term(*t) && (*t).compare(0, article_prefix.size(), article_prefix))
            out.push_back(*t);
    return out;
}

// What differs between two sorted lists of terms: the first term one has and the other lacks.
std::string first_difference(const std::vector<std::string>& want,
                             const std::vector<std::string>& have) {
    std::vector<std::string> missing, extra;
    std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                        std::back_inserter(missing));
    std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                        std::back_inserter(extra));
    return missing.empty() ? "it has " + in_quotes(extra.front()) + ", which its data does not give"
                           : "it lacks " + in_quotes(missing.front());
}

// Damage where a stored passage differs from the document its record makes: in a value slot
// (`slots` read up to `did`), or in its boolean terms.
void compare_document(const Xapian::Document& stored, schema::PassageRecord record,
                      std::vector<Slot>& slots, const std::string& where, const Damage& damage) {
    const Xapian::docid did = stored.get_docid();
    record.copy_key = copy_key(record.text);  // what the writer derives from the text
    const Xapian::Document expected = schema::make_document(record);
    for (Slot& slot : slots) {
        std::string actual;
        if (slot.at != slot.end && slot.at.get_docid() < did) slot.at.skip_to(did);
        if (slot.at != slot.end && slot.at.get_docid() == did) actual = *slot.at;
        if (actual != expected.get_value(slot.spec->slot))
            damage(where + ": value slot " + std::to_string(slot.spec->slot) + " (" +
                   std::string(slot.spec->name) + ") does not match its data; " + kRebuild);
    }
    const std::vector<std::string> want = boolean_terms(expected), have = boolean_terms(stored);
    if (want != have)
        damage(where + ": its filter terms do not match its data (" + first_difference(want, have) +
               "); " + kRebuild);
}

// The article records, by id.
std::map<std::string, Record> read_records(const Xapian::Database& db, const Damage& damage) {
    std::map<std::string, Record> records;
    const std::string prefix(schema::kArticleKeyPrefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        const std::string key = *it;
        json record = json::parse(db.get_metadata(key), nullptr, false);
        std::string id = text_of(record, "id");
        if (id.empty() || schema::article_key(id) != key) {
            damage("article record " + in_quotes(key) + " is unreadable or names another id; " +
                   kRebuild);
            continue;
        }
        Record r;
        r.origin = text_of(record, "origin");
        r.hash = text_of(record, "hash");
        r.incomplete = record.contains("incomplete") && record["incomplete"] == true;
        if (record.contains("passages") && record["passages"].is_number_unsigned())
            r.passages = record["passages"].get<long>();
        records[id] = r;
    }
    return records;
}

// Article terms per document, from the term side: cheaper than every document's termlist.
struct ArticleTerms {
    std::vector<unsigned char> count;  // by docid, up to 255
    std::vector<std::string> term;     // by docid, the last one met
};

ArticleTerms article_terms(const Xapian::Database& db) {
    const std::string prefix(schema::spec(schema::Field::Article).prefix);
    ArticleTerms out{std::vector<unsigned char>(db.get_lastdocid() + 1, 0),
                     std::vector<std::string>(db.get_lastdocid() + 1)};
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            if (out.count[*p] < 255) ++out.count[*p];
            out.term[*p] = *t;
        }
    return out;
}

// Every passage document checked against the record it holds; what each article has.
std::map<std::string, Seen> scan_passages(const Xapian::Database& db, CheckResult& result,
                                          const Damage& damage) {
    const ArticleTerms terms = article_terms(db);
    std::vector<Slot> slots = value_streams(db);
    std::map<std::string, Seen> seen;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::docid did = *p;
        ++result.passages;
        std::string where = "passage document " + std::to_string(did);
        const Xapian::Document doc = db.get_document(did, Xapian::DOC_ASSUME_VALID);
        std::optional<schema::PassageRecord> record =
            schema::read_record(doc, schema::Reading::Strict);
        if (!record) {
            damage(where + " has unreadable data (not the fields the writer stores); " + kRebuild);
            continue;
        }
        const std::string id = record->article_id;
        const long ordinal = record->passage;
        where += " (" + in_quotes(id) + " #" + std::to_string(ordinal) + ")";
        if (terms.count[did] != 1)
            damage(where + " has " + std::to_string(terms.count[did]) + " article terms, not 1; " +
                   kRebuild);
        else if (terms.term[did] != schema::filter_term(schema::Field::Article, id))
            damage(where + " carries the article term of another article; " + kRebuild);
        compare_document(doc, std::move(*record), slots, where, damage);
        Seen& s = seen[id];
        ++s.documents;
        if (!s.ordinals.insert(ordinal).second) s.repeated.insert(ordinal);
    }
    return seen;
}

// Articles whose passages disagree with their record: none, repeated, or another number.
void compare_passages_with_records(const std::map<std::string, Seen>& seen,
                                   const std::map<std::string, Record>& records,
                                   const Damage& damage) {
    for (const auto& [id, s] : seen) {
        auto r = records.find(id);
        std::string redo = "remove it (dateline-index remove " + in_quotes(id) +
                           ") and index its source again, or " + kRebuild;
        if (r == records.end()) {
            damage("article " + in_quotes(id) + ": " + std::to_string(s.documents) +
                   " passage(s) but no article record; " + kRebuild);
            continue;
        }
        for (long ordinal : s.repeated)
            damage("article " + in_quotes(id) + " has passage #" + std::to_string(ordinal) +
                   " more than once; " + redo);
        if (!r->second.incomplete && r->second.passages >= 0 &&
            static_cast<std::size_t>(r->second.passages) != s.documents)
            damage("article " + in_quotes(id) + " has " + std::to_string(s.documents) +
                   " passages, its record says " + std::to_string(r->second.passages) + "; " +
                   redo);
    }
}

// Records left half-written (out of date: update finishes them) or with no passages at all.
void check_records(const std::map<std::string, Seen>& seen,
                   const std::map<std::string, Record>& records, CheckResult& result,
                   const Damage& damage) {
    for (const auto& [id, r] : records) {
        if (r.incomplete) {
            std::string source(schema::origin_file(r.origin));
            result.problems.push_back(
                {Kind::OutOfDate, "article " + in_quotes(id) +
                                      " was only partly written (the indexer was interrupted); "
                                      "finish it: dateline-index update " +
                                      (source.empty() ? "PATH" : source)});
        } else if (!seen.count(id) && r.passages != 0) {
            damage("article " + in_quotes(id) +
                   " has a record but no passages; remove it "
                   "(dateline-index remove " +
                   in_quotes(id) + ") and index its source again, or " + kRebuild);
        }
    }
}

// Reads the article records and the passage documents of one revision, and finds where they
// disagree. Throws Xapian::DatabaseModifiedError if a writer moves on while it reads.
std::map<std::string, Record> scan(const Xapian::Database& db, CheckResult& result) {
    const Damage damage = [&](std::string message) {
        result.problems.push_back({Kind::Damage, std::move(message)});
    };
    std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version != schema::kSchemaVersion)
        damage("schema version is '" + version + "', this program reads '" +
               std::string(schema::kSchemaVersion) + "'; " + kRebuild);
    std::map<std::string, Record> records = read_records(db, damage);
    result.articles = records.size();
    const std::map<std::string, Seen> seen = scan_passages(db, result, damage);
    compare_passages_with_records(seen, records, damage);
    check_records(seen, records, result, damage);
    return records;
}

// The id the article is indexed under: a file named another way keeps the id it was indexed
// under, which its origin key (in the article's shard) records.
std::string indexed_id(const std::vector<Xapian::Database>& dbs, const SourceArticle& a) {
    if (!a.id_from_path) return a.id;
    for (const auto& db : dbs) {
        std::string known = db.get_metadata(schema::origin_key(a.origin));
        if (!known.empty()) return known;
    }
    return a.id;
}

// Indexed articles from under a PATH that none of its articles are any more.
void report_stale(const Sources& sources, const std::map<std::string, Record>& records,
                  const std::set<std::string>& listed, CheckResult& result) {
    for (const auto& [id, r] : records) {
        if (listed.count(id)) continue;
        const std::string origin(schema::origin_file(r.origin));
        for (const auto& [root, arg] : sources.roots)
            if (is_under(origin, root)) {
                result.problems.push_back(
                    {Kind::OutOfDate, "article " + in_quotes(id) + " is indexed from " + origin +
                                          ", which no longer holds it; remove it: "
                                          "dateline-index update " +
                                          arg});
                break;
            }
    }
}

void compare_sources(const std::vector<Xapian::Database>& dbs, const Sources& sources,
                     const std::map<std::string, Record>& records, CheckResult& result) {
    auto outdated = [&](std::string message) {
        result.problems.push_back({Kind::OutOfDate, std::move(message)});
    };
    std::set<std::string> seen;
    for (const SourceArticle& a : sources.articles) {
        const std::string id = indexed_id(dbs, a);
        if (!seen.insert(id).second || a.unreadable) continue;  // duplicates: the first counts
        std::string update = "dateline-index update " + a.path_arg;
        auto r = records.find(id);
        if (r == records.end())
            outdated(a.where + ": article " + in_quotes(id) +
                     " is not in the index; add it: " + update);
        else if (r->second.incomplete)
            continue;  // reported with the records
        else if (r->second.hash != a.hash || r->second.origin != a.origin)
            outdated(a.where + ": article " + in_quotes(id) +
                     " differs from its indexed version (edited since, or schema/ word lists "
                     "changed); re-index it: " +
                     update);
    }
    report_stale(sources, records, seen, result);
}

void report_damage(CheckResult& result, std::string message) {
    result.problems.push_back({Kind::Damage, std::move(message)});
}

// Notes a writer at work on the index (its results may then be in flux).
// `pid` is writer_pid's answer.
void note_writer(const std::string& root, const IndexLayout& layout, long pid,
                 CheckResult& result) {
    if (pid == -1) {
        // No /proc/locks: Xapian can tell, without side effects, of a writer updating in place.
        try {
            if (!result.generation.empty() &&
                Xapian::Database(root + "/" + layout.current_databases().front()).locked())
                pid = 1;
        } catch (const Xapian::Error&) {
            pid = 0;
        }
    }
    result.writer_active = pid > 0;
    if (result.writer_active)
        result.notes.push_back("a writer" + (pid > 1 ? " (pid " + std::to_string(pid) + ")" : "") +
                               " is updating " + root +
                               ": results may be in flux; check again when it finishes");
}

// A writer at work when the check began, or since: a failure may be its doing, not damage.
bool writer_at_work(const std::string& root, const CheckResult& result) {
    return result.writer_active || writer_pid(root) > 0;
}

// The folders of the index that are named like generations ("g3").
std::vector<std::string> generation_folders(const std::string& root) {
    std::vector<std::string> generations;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec))
        if (generation_number(entry.path().filename().string()) >= 0)
            generations.push_back(entry.path().filename().string());
    return generations;
}

// True if the stub names a generation; else the damage is noted. Throws if the folder holds no
// index at all.
bool stub_names_generation(const std::string& root, const std::vector<std::string>& generations,
                           CheckResult& result) {
    if (!result.generation.empty()) return true;
    if (!fs::exists(fs::path(root) / kStubName) && generations.empty())
        throw std::runtime_error(root + " holds no Dateline index (no " + kStubName +
                                 " stub, no generation); build one: dateline-index build --db " +
                                 root + " PATH...");
    report_damage(result,
                  std::string("the stub ") + root + "/" + kStubName +
                      " is missing or names no generation (if the first run that wrote here "
                      "was interrupted, nothing was published yet: run it again); " +
                      kRebuild);
    return false;
}

// True if every database the stub names is there; else the damage is noted.
bool databases_exist(const std::string& root, const std::vector<std::string>& databases,
                     CheckResult& result) {
    std::error_code ec;
    for (const auto& database : databases)
        if (!fs::exists(fs::path(root) / database / "iamglass", ec)) {
            report_damage(result, "the stub names " + database +
                                      ", which is not a Xapian database; " + kRebuild);
            return false;
        }
    return true;
}

// Notes the generations other than the current one that a build left behind.
void note_leftovers(const std::string& root, const std::vector<std::string>& generations,
                    CheckResult& result) {
    std::error_code ec;
    auto is_database = [&](const fs::path& folder) {
        return fs::exists(folder / "iamglass", ec) || fs::exists(folder / "s0" / "iamglass", ec);
    };
    for (const auto& g : generations) {
        if (g == result.generation) continue;
        if (!is_database(fs::path(root) / g))
            // Builds clean up only folders that are databases: this one stays till removed.
            result.notes.push_back(g +
                                   " is the remains of a generation (a build or its "
                                   "cleanup was interrupted); nothing uses it: rm -r " +
                                   root + "/" + g);
        else if (generation_number(g) > generation_number(result.generation))
            result.notes.push_back(g +
                                   " is not in service (left by an interrupted build); "
                                   "the next build removes it");
    }
}

// Xapian's own consistency check of one database: "" if it passes (or cannot be run, noted),
// else what it found.
std::string xapian_check(const std::string& path, CheckResult& result) {
    const XapianCheck verdict = run_xapian_check(path);
    if (verdict.outcome == XapianCheck::Outcome::Damaged) return verdict.message;
    if (!verdict.message.empty()) result.notes.push_back(verdict.message);
    return "";
}

// Xapian's check of every database. A writer's commits can overwrite blocks under a reader, and
// Xapian's check then reports corruption ("Block overwritten") where there is none. While a
// writer is at work (or has started since), a failure is tried again and, failing still, left
// unfinished, not damage. False if the check is left unfinished.
bool passes_xapian_check(const std::string& root, const std::vector<std::string>& databases,
                         CheckResult& result) {
    for (const auto& database : databases) {
        const std::string path = root + "/" + database;
        for (int attempt = 1;; ++attempt) {
            const std::string failure = xapian_check(path, result);
            if (failure.empty()) break;
            if (!writer_at_work(root, result)) {
                report_damage(result, failure + "; " + kRebuild);
                break;
            }
            if (attempt == kScanAttempts) {
                result.unfinished = failure +
                                    " while a writer is committing; check again when it "
                                    "finishes";
                return false;
            }
        }
    }
    return true;
}

// Opens the databases to read; false (and the damage noted) if one cannot be opened.
bool open_databases(const std::string& root, const std::vector<std::string>& databases,
                    std::vector<Xapian::Database>& dbs, CheckResult& result) {
    for (const auto& database : databases) {
        const std::string path = root + "/" + database;
        try {
            dbs.emplace_back(path);
        } catch (const Xapian::Error& e) {
            report_damage(result,
                          "cannot open " + path + " (" + e.get_description() + "); " + kRebuild);
            return false;
        }
        // A missing table passes Xapian's check: it reads as an empty one.
        const std::string signs = damage_signs(path, dbs.back());
        if (!signs.empty()) {
            report_damage(result, path + ": " + signs + "; " + kRebuild);
            return false;
        }
    }
    return true;
}

// Scans every database on its own (its records against its passages) and gathers their
// records, each checked to be in the shard its id belongs in, and in one only.
std::map<std::string, Record> scan_databases(const std::vector<Xapian::Database>& dbs,
                                             const std::vector<std::string>& databases,
                                             CheckResult& result) {
    std::map<std::string, Record> all;
    std::size_t articles = 0, passages = 0;
    for (std::size_t i = 0; i < dbs.size(); ++i) {
        result.articles = result.passages = 0;
        const std::map<std::string, Record> records = scan(dbs[i], result);
        articles += result.articles;
        passages += result.passages;
        for (auto& [id, r] : records) {
            const std::size_t home = schema::shard_of(id, dbs.size());
            if (dbs.size() > 1 && home != i)
                report_damage(result, "article " + in_quotes(id) + " is in " + databases[i] +
                                          ", but its id belongs in " + databases[home] + "; " +
                                          kRebuild);
            if (!all.emplace(id, r).second)
                report_damage(
                    result, "article " + in_quotes(id) + " is in more than one shard; " + kRebuild);
        }
    }
    result.articles = articles;
    result.passages = passages;
    return all;
}

// Scans the databases and, with sources, compares them. A writer that commits twice while they
// are read (DatabaseModifiedError, or another error while a writer is at work) makes it start
// again on the latest revision, up to kScanAttempts times; then it is left unfinished.
void read_index(const std::string& root, std::vector<Xapian::Database>& dbs,
                const std::vector<std::string>& databases, const Sources* sources,
                CheckResult& result) {
    const std::size_t before = result.problems.size();
    for (int attempt = 1;; ++attempt) {
        try {
            const std::map<std::string, Record> records = scan_databases(dbs, databases, result);
            if (sources) compare_sources(dbs, *sources, records, result);
            return;
        } catch (const Xapian::Error& e) {
            if (std::string(e.get_type()) != "DatabaseModifiedError" &&
                !writer_at_work(root, result)) {
                report_damage(result, "reading " + root + "/" + result.generation + " fails (" +
                                          e.get_description() + "); " + kRebuild);
                return;
            }
            result.problems.resize(before);
            result.articles = result.passages = 0;
            if (attempt == kScanAttempts) {
                result.unfinished = "the index changed " + std::to_string(attempt) +
                                    " times while its passages were being read (a writer is "
                                    "committing); check again when it finishes";
                return;
            }
            for (auto& db : dbs) db.reopen();
        }
    }
}

}  // namespace

CheckResult check_index(const CheckOptions& options, const Report& report) {
    CheckResult result;
    const std::string& root = options.db_path;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw std::runtime_error("no index at " + root +
                                 "; pass --db (or set $DATELINE_DB) to an existing index");
    const IndexLayout layout{root};
    const long pid = writer_pid(root);
    result.generation = layout.current_generation();
    note_writer(root, layout, pid, result);
    const std::vector<std::string> generations = generation_folders(root);
    if (!stub_names_generation(root, generations, result)) return result;
    // A generation is one database ("g3") or shards ("g3/s0", "g3/s1", ...), as the stub says.
    const std::vector<std::string> databases = layout.current_databases();
    if (!databases_exist(root, databases, result)) return result;
    if (!result.writer_active) note_leftovers(root, generations, result);
    if (!passes_xapian_check(root, databases, result)) return result;

    Sources sources;
    if (!options.sources.empty())
        sources = read_sources(options, Lexicon::standard()->fingerprint(), report,
                               result.sources_failed);
    std::vector<Xapian::Database> dbs;
    if (!open_databases(root, databases, dbs, result)) return result;
    read_index(root, dbs, databases, options.sources.empty() ? nullptr : &sources, result);
    return result;
}

}  // namespace dateline
