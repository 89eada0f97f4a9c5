// Search: the query, the exact facet counts (a match spy over every match) and the snippets.
#include "src/search/search.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "schema/schema.h"
#include "src/text/text.h"

namespace dateline {

namespace {

using schema::Field;

constexpr Field kFacetFields[] = {Field::Source, Field::Speaker, Field::Location, Field::Date};

std::string iso_date(const std::string& yyyymmdd) {
    if (yyyymmdd.size() != 8) return yyyymmdd;
    return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// Reads a schema::pack_list value ("LENGTH:bytes" per item) without copying it.
class PackedItems {
  public:
    explicit PackedItems(std::string_view packed) : rest_(packed) {}
    // The next item, or false at the end (or at a malformed item: the rest is ignored).
    bool next(std::string_view& item) {
        std::size_t colon = rest_.find(':');
        std::size_t length = 0;
        if (colon == std::string_view::npos ||
            std::from_chars(rest_.data(), rest_.data() + colon, length).ptr !=
                rest_.data() + colon ||
            length > rest_.size() - colon - 1)
            return false;
        item = rest_.substr(colon + 1, length);
        rest_.remove_prefix(colon + 1 + length);
        return true;
    }

  private:
    std::string_view rest_;
};

// Distinct articles per facet value, and in all, from Facets values (schema::pack_facets:
// article, source, date, speakers, locations) in any order: the distinct values a
// ValueCountMatchSpy saw (remote parts), or each passage's as the matcher visits it
// (FacetSpy, local parts). An article's outlet and date count when its id is first seen. A
// speaker or place counts an article once: the passages of an article come one after another
// (sorted values, or one database's documents), so the last article counted says it, except
// when an article comes back after others (passages of several shards interleave): then the
// values it already counted are looked up.
class FacetTally {
  public:
    explicit FacetTally(std::vector<Field> fields) : fields_(std::move(fields)) {
        counts_.resize(fields_.size());
    }

    void add(const Xapian::ValueCountMatchSpy& spy) {
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) add(*it);
    }

    void add(std::string_view packed) {
        PackedItems items(packed);
        std::string_view article, source, date, speakers, locations;
        if (!items.next(article)) return;
        items.next(source) && items.next(date) && items.next(speakers) && items.next(locations);
        bool first_seen = false;
        if (current_ == 0 || article != article_) {
            if (current_) articles_[current_ - 1].left = true;
            article_.assign(article);
            auto [it, inserted] = ids_.emplace(article_, ids_.size() + 1);
            current_ = it->second;
            first_seen = inserted;
            if (inserted) articles_.emplace_back();
        }
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            std::string_view one;
            switch (fields_[i]) {
                case Field::Source:
                    if (first_seen && !source.empty()) ++entry(counts_[i], source).articles;
                    break;
                case Field::Date:
                    if (!first_seen || date.empty()) break;
                    ++entry(counts_[i], date).articles;
                    ++entry(months_, iso_date(std::string(date)).substr(0, 7)).articles;
                    break;
                case Field::Speaker:
                    for (PackedItems list(speakers); list.next(one);) count(entry(counts_[i], one));
                    break;
                case Field::Location:
                    for (PackedItems list(locations); list.next(one);)
                        count(entry(counts_[i], one));
                    break;
                default:
                    break;
            }
        }
    }

    std::size_t articles() const { return ids_.size(); }

    // Articles per value of fields()[i]; for the date field, per YYYYMMDD or, with by_month,
    // per YYYY-MM.
    std::map<std::string, std::size_t> counts(std::size_t i, bool by_month = false) const {
        std::map<std::string, std::size_t> out;
        for (const auto& [value, count] : by_month ? months_ : counts_[i])
            out.emplace(value, count.articles);
        return out;
    }

  private:
    struct Count {
        std::uint32_t id = 0;
        std::size_t articles = 0;
        std::size_t last = 0;  // the last article counted, numbered from 1
    };
    struct Article {
        bool left = false;                // other articles came after it
        std::vector<std::uint32_t> seen;  // the Counts it added to
    };
    // Keyed by views of strings kept in `names_` (a deque: they never move), so that a lookup
    // copies nothing.
    using Counts = std::unordered_map<std::string_view, Count>;

    Count& entry(Counts& counts, std::string_view value) {
        auto it = counts.find(value);
        if (it == counts.end()) {
            const std::string& kept = names_.emplace_back(value);
            it = counts.emplace(kept, Count{static_cast<std::uint32_t>(names_.size())}).first;
        }
        return it->second;
    }

    void count(Count& c) {
        if (c.last == current_) return;
        c.last = current_;
        Article& a = articles_[current_ - 1];
        if (a.left && std::find(a.seen.begin(), a.seen.end(), c.id) != a.seen.end()) return;
        a.seen.push_back(c.id);
        ++c.articles;
    }

    std::vector<Field> fields_;
    std::unordered_map<std::string, std::size_t> ids_;  // article id -> number from 1
    std::vector<Article> articles_;                     // by number - 1
    std::string article_;                               // the current article's id
    std::size_t current_ = 0;                           // and its number
    std::deque<std::string> names_;
    std::vector<Counts> counts_;
    Counts months_;  // the date field by month
};

// Feeds each matching passage's Facets value to a FacetTally as the matcher visits it, over
// local databases: far cheaper than Xapian's ValueCountMatchSpy, which keeps every distinct
// value in a std::map (the remote backend runs only that one). Consecutive passages with the
// same value (one article, the same people and places) are skipped.
// A matching article as --per-article ranks it: its best passage, and how many passages matched.
struct ArticleMatch {
    double best = -1;
    Xapian::docid docid = 0;
    std::size_t passages = 0;
};
using ArticleMatches = std::unordered_map<std::string, ArticleMatch>;

// The matching passages once wire copies fold: those without a copy key, and one per key.
// The keys (16 hex digits) are kept as 64-bit hashes in an open-addressing table: a common
// word matches some 100,000 passages, and std::unordered_set's node per key cost more than
// reading them.
class CopyCount {
  public:
    std::size_t keyless = 0;

    void add_key(std::string_view key) {
        std::uint64_t h = std::hash<std::string_view>{}(key);
        if (h == 0) h = 1;  // 0 marks an empty cell
        if (2 * (keys_ + 1) > table_.size()) grow();
        std::size_t mask = table_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            if (table_[i] == h) return;
            if (table_[i] == 0) {
                table_[i] = h;
                ++keys_;
                return;
            }
        }
    }
    std::size_t results() const { return keyless + keys_; }

  private:
    void grow() {
        std::vector<std::uint64_t> old(std::max<std::size_t>(1024, 2 * table_.size()));
        old.swap(table_);
        keys_ = 0;
        std::size_t mask = table_.size() - 1;
        for (std::uint64_t h : old) {
            if (h == 0) continue;
            std::size_t i = h & mask;
            while (table_[i] != 0) i = (i + 1) & mask;
            table_[i] = h;
            ++keys_;
        }
    }
    std::vector<std::uint64_t> table_;
    std::size_t keys_ = 0;
};

class FacetSpy : public Xapian::MatchSpy {
  public:
    // With `articles`, each matching passage's article is also recorded there.
    // With `copies`, each matching passage's copy key is counted there.
    explicit FacetSpy(FacetTally& tally, ArticleMatches* articles = nullptr,
                      CopyCount* copies = nullptr)
        : tally_(tally), articles_(articles), copies_(copies) {}

    std::size_t passages = 0;  // matches seen

    void operator()(const Xapian::Document& doc, double weight) override {
        ++passages;
        std::string value = doc.get_value(schema::spec(Field::Facets).slot);
        if (articles_) {
            std::string_view article;
            PackedItems(value).next(article);
            ArticleMatch& a = (*articles_)[std::string(article)];
            ++a.passages;
            if (weight > a.best) a.best = weight, a.docid = doc.get_docid();
        }
        if (copies_) {
            std::string key = doc.get_value(schema::spec(Field::Copy).slot);
            if (key.empty())
                ++copies_->keyless;
            else
                copies_->add_key(key);
        }
        if (value == last_) return;
        tally_.add(value);
        last_ = std::move(value);
    }

  private:
    FacetTally& tally_;
    ArticleMatches* articles_;
    CopyCount* copies_;
    std::string last_;
};

// Facet values, most articles first (dates in calendar order: a timeline). Dates spanning
// more than two months are shown by month (`months`: articles per YYYY-MM).
Facet make_facet(Field field, const std::map<std::string, std::size_t>& counts,
                 const std::map<std::string, std::size_t>& months, std::size_t limit) {
    Facet facet{std::string(schema::spec(field).name), {}};
    if (field == Field::Date) {
        bool by_month = false;
        if (!counts.empty()) {
            const std::string& first = counts.begin()->first;
            const std::string& last = counts.rbegin()->first;
            int months = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
                         std::stoi(last.substr(4, 2)) - std::stoi(first.substr(4, 2));
            by_month = months > 2;
        }
        if (by_month) {
            for (const auto& [month, articles] : months) facet.values.push_back({month, articles});
        } else {
            for (const auto& [day, articles] : counts)
                facet.values.push_back({iso_date(day), articles});
        }
        return facet;  // a timeline is shown whole
    }
    for (const auto& [value, articles] : counts) facet.values.push_back({value, articles});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (limit && facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

std::string unescape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            static const std::pair<const char*, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool done = false;
            for (auto [name, ch] : entities) {
                std::size_t n = std::strlen(name);
                if (s.compare(i, n, name) == 0) {
                    out += ch;
                    i += n - 1;
                    done = true;
                    break;
                }
            }
            if (done) continue;
        }
        out += s[i];
    }
    return out;
}

// The databases a search opens, each checked on its own: a local glass database or a remote
// shard. Stub files (a Dateline index's XAPIANDB, or one a user writes) are read here rather
// than by Xapian, so that every part is checked and named in messages.
struct Part {
    std::string name;  // as messages name it: "index /x.db", "shard remote 10.0.0.2:8100 (...)"
    bool remote = false;
    Xapian::Database db;
    std::string path;  // a local part's folder
};

// A database a stub lists is not there: a build may have switched generation and removed it
// since the stub was read. search() opens the index afresh.
class PartGone : public IndexError {
  public:
    using IndexError::IndexError;
};

// Milliseconds a remote shard may take to connect, and to answer one request (a search with
// exact facets visits every match: allow it time on a big shard).
constexpr unsigned kConnectTimeoutMs = 10000;
constexpr unsigned kRemoteTimeoutMs = 120000;
// Stub files naming stub files: deeper than this is a loop.
constexpr int kMaxStubDepth = 8;

class IndexOpener {
  public:
    std::vector<Part> parts;
    bool any_remote = false;

    // A --db argument: a Dateline index folder, a glass database or a stub file.
    void open_top(const std::string& path) {
        namespace fs = std::filesystem;
        std::string build_hint = "build one with: dateline-index build --db " + path + " corpus/";
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw IndexError("no index at " + path + "; " + build_hint +
                             " (or point --db / $DATELINE_DB at an existing index)");
        open_path(path, {"index " + path, "rebuild it: " + build_hint, build_hint}, 0);
    }

  private:
    struct Where {
        std::string name;     // the part, in messages
        std::string rebuild;  // what to do about a bad index there
        std::string hint;     // how to build one
    };

    static bool is_stub_file(const std::string& path) {
        // A single-file glass database starts with binary bytes; a stub file is text.
        std::ifstream in(path, std::ios::binary);
        char head[16] = {};
        in.read(head, sizeof head);
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            unsigned char c = static_cast<unsigned char>(head[i]);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
        }
        return true;
    }

    void open_path(const std::string& path, const Where& where, int depth) {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status)) {
            if (depth > 0) throw PartGone(where.name + " does not exist; " + where.hint);
            throw IndexError(where.name + " does not exist; " + where.hint);
        }
        if (fs::is_directory(status) && !fs::exists(fs::path(path) / "iamglass", ec) &&
            fs::exists(fs::path(path) / "XAPIANDB", ec))
            return open_stub((fs::path(path) / "XAPIANDB").string(), where, depth, path);
        if (fs::is_regular_file(status) && is_stub_file(path))
            return open_stub(path, where, depth, "");
        open_local(path, where);
    }

    // index_root: the Dateline index folder the stub belongs to ("" for a user's stub file).
    void open_stub(const std::string& file, const Where& where, int depth,
                   const std::string& index_root) {
        namespace fs = std::filesystem;
        if (depth >= kMaxStubDepth)
            throw IndexError("stub file " + file + " is nested more than " +
                             std::to_string(kMaxStubDepth) +
                             " stub files deep (does it list itself?); list the databases in it "
                             "directly");
        std::ifstream in(file);
        if (!in)
            throw IndexError("cannot read the stub file " + file + " of " + where.name + " (" +
                             std::strerror(errno) + "); check its permissions");
        struct Line {
            unsigned number;
            std::string type, rest;
        };
        std::vector<Line> lines;
        std::string line;
        for (unsigned number = 1; std::getline(in, line); ++number) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            std::size_t space = line.find(' ');
            lines.push_back({number, line.substr(0, space),
                             space == std::string::npos ? "" : line.substr(space + 1)});
        }
        if (lines.empty())
            throw IndexError("stub file " + file + " lists no database; add lines like 'auto " +
                             "/path/to/index' or 'remote HOST:PORT'");
        fs::path dir = fs::path(file).parent_path();
        for (const Line& l : lines) {
            std::string at = file + ":" + std::to_string(l.number);
            bool local = (l.type == "auto" || l.type == "glass") && !l.rest.empty();
            if (!local && !(l.type == "remote" && !l.rest.empty()))
                throw IndexError(at + ": " + quote_for_message(l.type + " " + l.rest) +
                                 " is not a stub file line; --db takes a Dateline index folder "
                                 "or a stub file listing one database a line: 'auto PATH' or "
                                 "'remote HOST:PORT' (a server started with xapian-tcpsrv)");
            fs::path path = l.rest;
            if (local && path.is_relative()) path = dir / path;
            // A Dateline index of one generation is named as a whole, as it always was.
            Where part = where;
            if (index_root.empty() || lines.size() > 1) {
                std::string what = local ? path.lexically_normal().string() : "remote " + l.rest;
                if (!index_root.empty()) {
                    part.name = "shard " + what + " of index " + index_root;
                    part.rebuild =
                        "rebuild it: dateline-index build --db " + index_root + " PATH...";
                    part.hint = "the index " + index_root + " is incomplete; " + part.rebuild;
                } else {
                    part.name = "shard " + what + " (listed in " + at + ")";
                    part.rebuild = "rebuild it: dateline-index build --db " + what + " PATH...";
                    part.hint =
                        "correct the stub file, or build an index there: "
                        "dateline-index build --db " +
                        what + " PATH...";
                }
            }
            if (!local)
                open_remote(l.rest, part, at);
            else if (l.type == "auto")
                open_path(path.string(), part, depth + 1);
            else
                open_local(path.string(), part);
        }
    }

    void open_local(const std::string& path, const Where& where) {
        Xapian::Database db;
        try {
            db = Xapian::Database(path);
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw IndexError(where.name + " is corrupt (" + e.get_msg() + "); " + where.rebuild);
        } catch (const Xapian::DatabaseVersionError& e) {
            throw IndexError(where.name + " was written by another Xapian version (" + e.get_msg() +
                             "); " + where.rebuild);
        } catch (const Xapian::DatabaseOpeningError& e) {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec))
                throw PartGone("cannot open " + where.name + " (" + e.get_msg() + "); " +
                               where.hint);
            throw IndexError("cannot open " + where.name + " (" + e.get_msg() +
                             "); is it a Dateline index? " + where.hint);
        }
        std::error_code ec;
        std::string id = std::filesystem::canonical(path, ec).string();
        if (ec) id = path;
        id = "local " + id;
        add({where.name, false, std::move(db), path}, id, where);
    }

    void open_remote(const std::string& address, const Where& where, const std::string& at) {
        Xapian::Database db;
        try {
            if (address[0] == ':') {  // ":PROGRAM ARGS": a program speaking the protocol
                std::size_t space = address.find(' ');
                std::string program =
                    address.substr(1, space == std::string::npos ? std::string::npos : space - 1);
                std::string args =
                    space == std::string::npos ? std::string() : address.substr(space + 1);
                if (program.empty())
                    throw IndexError(at + ": 'remote :' names no program; write e.g. 'remote " +
                                     ":xapian-progsrv /path/to/index'");
                db = Xapian::Remote::open(program, args, kRemoteTimeoutMs);
            } else {
                std::size_t colon = address.rfind(':');
                std::string host = colon == std::string::npos ? "" : address.substr(0, colon);
                if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
                    host = host.substr(1, host.size() - 2);  // [IPv6]:PORT
                std::string port_text = colon == std::string::npos ? "" : address.substr(colon + 1);
                bool digits = !port_text.empty() && port_text.size() <= 5 &&
                              std::all_of(port_text.begin(), port_text.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
                if (host.empty() || !digits || std::stoul(port_text) == 0 ||
                    std::stoul(port_text) > 65535)
                    throw IndexError(at + ": '" + address +
                                     "' is not HOST:PORT; write e.g. 'remote 10.0.0.2:8100'");
                db = Xapian::Remote::open(host, static_cast<unsigned>(std::stoul(port_text)),
                                          kRemoteTimeoutMs, kConnectTimeoutMs);
            }
        } catch (const Xapian::NetworkError& e) {
            throw IndexError(
                "cannot reach " + where.name + " (" + e.get_msg() +
                (e.get_error_string() ? std::string(": ") + e.get_error_string() : std::string()) +
                "); is xapian-tcpsrv running there, serving a Dateline index?");
        } catch (const Xapian::Error& e) {
            throw IndexError(where.name + " cannot be opened (" + e.get_description() +
                             "); check the server (xapian-tcpsrv) and what it serves");
        }
        Where remote = where;
        remote.rebuild = "rebuild the index served there, then restart its xapian-tcpsrv";
        any_remote = true;
        add({where.name, true, std::move(db), ""}, "remote " + address, remote);
    }

    void add(Part part, const std::string& id, const Where& where) {
        std::string version = part.db.get_metadata(std::string(schema::kVersionKey));
        if (version != schema::kSchemaVersion)
            throw IndexError(where.name + " has schema version '" + version +
                             "' but this program reads version '" +
                             std::string(schema::kSchemaVersion) + "'; " + where.rebuild);
        if (!seen_.insert(id).second)
            throw IndexError(where.name + " is listed twice (" + id +
                             "); its matches would count twice: list each index once");
        parts.push_back(std::move(part));
    }

    std::unordered_set<std::string> seen_;
};

struct OpenedIndex {
    Xapian::Database db;  // every part, as one
    bool any_remote = false;
    std::vector<Part> parts;
};

OpenedIndex open_index(const SearchRequest& request) {
    IndexOpener opener;
    if (request.db_paths.empty()) opener.open_top(request.db_path);
    for (const auto& path : request.db_paths) opener.open_top(path);
    OpenedIndex index;
    if (opener.parts.size() == 1) {
        index.db = opener.parts.front().db;
    } else {
        for (const Part& p : opener.parts) index.db.add_database(p.db);
    }
    index.any_remote = opener.any_remote;
    index.parts = std::move(opener.parts);
    return index;
}

Xapian::Query filtered(Xapian::Query query, const Xapian::Query& filter) {
    if (filter.get_type() == Xapian::Query::LEAF_MATCH_ALL) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace

std::string centre_snippet(const std::string& marked, std::size_t length) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(marked);
    const int32_t size = u.length();
    const int32_t window = static_cast<int32_t>(length);
    std::vector<std::pair<int32_t, int32_t>> spans;  // [start marker, past end marker)
    for (int32_t i = 0; i < size; ++i) {
        if (u[i] == kMarkStart) spans.push_back({i, size});
        if (u[i] == kMarkEnd && !spans.empty()) spans.back().second = i + 1;
    }
    if (size - 2 * static_cast<int32_t>(spans.size()) <= window) return marked;

    int32_t from = 0, to = window;
    if (!spans.empty()) {
        // The run of matches that fits most into one window, then the window centred on it.
        std::size_t best = 0, best_count = 0, best_last = 0;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            std::size_t j = i;
            while (j + 1 < spans.size() && spans[j + 1].second <= spans[i].first + window) ++j;
            if (j - i + 1 > best_count) best = i, best_count = j - i + 1, best_last = j;
        }
        int32_t region_start = spans[best].first, region_end = spans[best_last].second;
        int32_t centre = (region_start + region_end) / 2;
        from = std::max(0, std::min(centre - window / 2, region_start));
        to = std::min(size, from + std::max(window, region_end - from));
        from = std::max(0, std::min(from, to - window));
        // Whole words at both ends, never cutting into the chosen matches.
        if (from > 0) {
            int32_t space = u.indexOf(u' ', from);
            if (space < 0 || space >= region_start) space = u.lastIndexOf(u' ', 0, from);
            from = space + 1;  // 0 if there is no space before
        }
        if (to < size) {
            int32_t space = u.lastIndexOf(u' ', 0, to);
            if (space < region_end) space = u.indexOf(u' ', to);
            to = space < 0 ? size : space;
        }
    } else {
        int32_t space = u.lastIndexOf(u' ', 0, to);
        if (space > window / 2) to = space;
    }
    // Never split a surrogate pair (text without spaces is cut anywhere).
    if (from > 0 && from < size && U16_IS_TRAIL(u[from])) --from;
    if (to < size && U16_IS_TRAIL(u[to])) ++to;
    // Markers cut in half by the window are dropped or closed.
    icu::UnicodeString out;
    bool open = false;
    for (int32_t i = from; i < to; ++i) {
        if (u[i] == kMarkEnd && !open) continue;
        if (u[i] == kMarkStart) open = true;
        if (u[i] == kMarkEnd) open = false;
        out.append(u[i]);
    }
    if (open) out.append(static_cast<UChar>(kMarkEnd));
    out.trim();
    std::string result = from > 0 ? "…" : "";
    out.toUTF8String(result);
    if (to < size) result += "…";
    return result;
}

namespace {

// Option values reach filter terms and messages: like a query, they must be UTF-8 text.
void check_option(const std::string& option, const std::string& value) {
    std::string valid;
    bool control = std::any_of(value.begin(), value.end(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F;
    });
    if (control || !to_valid_utf8(value, valid) || valid != value)
        throw QueryError(option + " " + quote_for_message(value) +
                         " is not UTF-8 text (an invalid byte or a control character); type it "
                         "in a UTF-8 terminal (e.g. LANG=C.UTF-8)");
}

// A folder under $TMPDIR removed with everything in it when the search ends.
struct TempFolder {
    std::string path;
    TempFolder() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "dateline-search-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw IndexError("cannot create a temporary folder in " +
                             std::filesystem::temp_directory_path().string() + " (" +
                             std::strerror(errno) + "); set TMPDIR to a writable folder");
        path = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// Word terms of a parsed query (unprefixed words and their Z stems), in query order.
std::vector<std::string> word_terms(const Xapian::Query& query) {
    std::vector<std::string> out;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string& term = *t;
        std::size_t start = !term.empty() && term[0] == 'Z' ? 1 : 0;
        if (term.size() > start && !(term[start] >= 'A' && term[start] <= 'Z')) out.push_back(term);
    }
    return out;
}

// An --any query as ranked: its words again against the article's title (prefix S, on every
// passage) at half weight, and adjacent query words near each other (within 4 words) at a
// quarter; both measured by bench/eval.sh. They only add weight to passages the query matches.
// Other queries are left as typed: the title's postings cover every passage of an article, too
// costly for the exact counts of a common word (bench/run.sh), and the proximity terms would
// have MSet::snippet highlight a phrase's words wherever they stand.
Xapian::Query boosted(const Xapian::Query& text, const std::string& typed,
                      const Xapian::Database& db, bool any) {
    std::vector<std::string> words = word_terms(text);
    if (!any || words.empty()) return text;
    const std::string title(schema::spec(Field::Title).prefix);
    std::vector<Xapian::Query> in_title, near;
    for (const auto& w : words)
        in_title.emplace_back(w[0] == 'Z' ? "Z" + title + w.substr(1) : title + w);
    // The words as typed (case-folded), but operators, field:values and stop words, that the
    // index holds: the terms stem away their form.
    std::vector<std::string> plain;
    std::string word;
    std::istringstream in(typed);
    while (in >> word) {
        if (word.find(':') != std::string::npos || word == "AND" || word == "OR" || word == "NOT" ||
            word == "XOR" || word.rfind("NEAR", 0) == 0 || word.rfind("ADJ", 0) == 0)
            continue;
        std::string folded = fold_for_terms(word), token;
        for (std::size_t i = 0; i <= folded.size(); ++i) {
            unsigned char c = i < folded.size() ? static_cast<unsigned char>(folded[i]) : ' ';
            if (c >= 0x80 || std::isalnum(c) || c == '\'') {
                token += static_cast<char>(c);
            } else if (!token.empty()) {
                if (!is_stop_word(token) && db.term_exists(token)) plain.push_back(token);
                token.clear();
            }
        }
    }
    for (std::size_t i = 1; i < plain.size(); ++i) {
        if (plain[i] == plain[i - 1]) continue;
        Xapian::Query pair[] = {Xapian::Query(plain[i - 1]), Xapian::Query(plain[i])};
        near.emplace_back(Xapian::Query::OP_NEAR, pair, pair + 2, 4);
    }
    std::vector<Xapian::Query> boosts = {
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, in_title.begin(), in_title.end()), 0.5)};
    if (!near.empty())
        boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_OR, near.begin(), near.end()), 0.25);
    Xapian::Query boost(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
    Xapian::Query either(Xapian::Query::OP_OR, text, boost);
    // Not OP_AND_MAYBE: in Xapian 1.4.22 it sometimes adds the boost's weight to a passage it
    // does not match, depending on document order (tests/parallel_test.cpp caught it).
    return Xapian::Query(Xapian::Query::OP_FILTER, either, text);
}

// BM25 of whole articles for the query's words (Xapian::BM25Weight's formulas, min_normlen
// 0.5), from the passages' postings: a word's frequency in an article is the sum over its
// passages, its document frequency counts articles, an article's length is the ArticleLength
// the indexer stored (its words). For the articles in `matches` only.
std::unordered_map<std::string, double> article_bm25(const Xapian::Database& db,
                                                     const Xapian::Query& text, const Ranking& r,
                                                     const ArticleMatches& matches) {
    std::map<std::string, int> query_frequency;
    for (const auto& term : word_terms(text)) ++query_frequency[term];
    std::unordered_map<std::string, double> scores;
    if (query_frequency.empty()) return scores;
    const std::string article_prefix(schema::spec(Field::Article).prefix);
    // Articles, and their average length from the first kLengthSample (ids in term order: a
    // sample independent of the query; the whole index when it is smaller).
    constexpr std::size_t kLengthSample = 2000;
    double articles = 0, sampled = 0, total = 0;
    for (auto t = db.allterms_begin(article_prefix); t != db.allterms_end(article_prefix); ++t) {
        if (++articles > kLengthSample) continue;
        ++sampled;
        Xapian::Document first = db.get_document(*db.postlist_begin(*t), Xapian::DOC_ASSUME_VALID);
        total +=
            Xapian::sortable_unserialise(first.get_value(schema::spec(Field::ArticleLength).slot));
    }
    const double average = std::max(1.0, total / std::max(1.0, sampled));
    const Xapian::valueno id_slot = schema::spec(Field::Article).slot;
    const Xapian::valueno length_slot = schema::spec(Field::ArticleLength).slot;
    std::unordered_map<std::string, double> lengths;
    for (const auto& [term, qf] : query_frequency) {
        std::unordered_map<std::string, double> frequency;  // article -> the word's count
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
            std::string id = doc.get_value(id_slot);
            if (!lengths.count(id))
                lengths[id] = Xapian::sortable_unserialise(doc.get_value(length_slot));
            frequency[id] += p.get_wdf();
        }
        if (frequency.empty()) continue;
        double n = static_cast<double>(frequency.size());
        double tw = (articles - n + 0.5) / (n + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        double idf = std::log(tw) * (r.k3 + 1) * qf / (r.k3 + qf);
        for (const auto& [id, f] : frequency) {
            if (!matches.count(id)) continue;
            double k = r.k1 * ((1 - r.b) + r.b * std::max(lengths[id] / average, 0.5));
            scores[id] += idf * (r.k1 + 1) * f / (k + f);
        }
    }
    return scores;
}

// What was folded into each hit, counted exactly (Xapian's collapse counts are lower bounds
// over several databases): the other matching passages with its key (`field` Copy: its wire
// copies, whose outlets, best-ranked first and without its own, go to also_in; Article: the
// article's other passages). One more search, over those keys' postings only.
void add_folded(Xapian::Enquire& enquire, const Xapian::Query& query, Field field,
                const std::vector<std::string>& keys, Xapian::doccount limit,
                std::vector<Hit>& hits) {
    std::vector<Xapian::Query> terms;
    for (const auto& key : keys)
        if (!key.empty())
            terms.emplace_back(field == Field::Copy ? std::string(schema::spec(field).prefix) + key
                                                    : schema::filter_term(field, key));
    if (terms.empty()) return;
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    enquire.set_collapse_key(Xapian::BAD_VALUENO);
    enquire.set_sort_by_relevance();
    Xapian::MSet found = enquire.get_mset(0, limit);
    struct Group {
        std::size_t passages = 0;
        std::vector<std::string> outlets;  // in rank order
    };
    std::map<std::string, Group> groups;
    for (auto it = found.begin(); it != found.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Group& group = groups[doc.get_value(schema::spec(field).slot)];
        ++group.passages;
        std::string source = doc.get_value(schema::spec(Field::Source).slot);
        if (!source.empty() &&
            std::find(group.outlets.begin(), group.outlets.end(), source) == group.outlets.end())
            group.outlets.push_back(std::move(source));
    }
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (keys[i].empty()) continue;
        const Group& group = groups[keys[i]];
        hits[i].collapsed = group.passages > 0 ? group.passages - 1 : 0;
        if (field == Field::Copy)
            for (const auto& outlet : group.outlets)
                if (outlet != hits[i].source) hits[i].also_in.push_back(outlet);
    }
}

SearchResults search_once(const SearchRequest& request) {
    for (const auto& [option, values] :
         {std::pair{"--source", &request.sources}, std::pair{"--speaker", &request.speakers},
          std::pair{"--location", &request.locations}})
        for (const auto& v : *values) check_option(option, v);
    check_option("--from", request.from);
    check_option("--to", request.to);
    OpenedIndex index = open_index(request);
    const Xapian::Database& db = index.db;
    // The index's synonyms and aliases (the first part's, as get_metadata reads). The remote
    // backend serves no synonyms (a parser reading them over it fails) and the in-memory
    // backend keeps none: with a remote part, the parser reads a throwaway glass copy made from
    // the tables the indexer keeps in metadata.
    Xapian::Database words = db;
    std::unique_ptr<TempFolder> copy_folder;
    if (index.any_remote) {
        copy_folder = std::make_unique<TempFolder>();
        Xapian::WritableDatabase copy(copy_folder->path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
        auto table = nlohmann::json::parse(db.get_metadata(std::string(schema::kSynonymsKey)),
                                           nullptr, false);
        if (table.is_object())
            for (const auto& [word, others] : table.items())
                for (const auto& other : others)
                    if (other.is_string()) copy.add_synonym(word, other.get<std::string>());
        copy.set_metadata(std::string(schema::kAliasesKey),
                          db.get_metadata(std::string(schema::kAliasesKey)));
        copy.commit();
        words = copy;
    }
    const QueryBuilder builder(words);
    std::string did_you_mean;
    Xapian::Query text = builder.parse(request.query, request.match_any, &did_you_mean);
    Xapian::Query dates = QueryBuilder::date_range(
        request.from.empty() ? "" : date_bound(request.from, false, "--from"),
        request.to.empty() ? "" : date_bound(request.to, true, "--to"));
    // Option filters per facet field, so each facet can be counted without its own filter.
    std::map<Field, Xapian::Query> option_filters = {
        {Field::Source, builder.any_of(Field::Source, request.sources)},
        {Field::Speaker, builder.any_of(Field::Speaker, request.speakers)},
        {Field::Location, builder.any_of(Field::Location, request.locations)},
    };
    const bool relevance = request.sort == SortOrder::Relevance;
    const Xapian::Query ranked =
        relevance ? boosted(text, request.query, db, request.match_any) : text;
    auto query_without = [&](std::optional<Field> skip) {
        Xapian::Query q = filtered(ranked, dates);
        for (const auto& [field, filter] : option_filters)
            if (!skip || field != *skip) q = filtered(q, filter);
        return q;
    };

    Xapian::Enquire enquire(db);
    Xapian::doccount all = db.get_doccount();
    const Ranking& r = request.ranking;
    enquire.set_weighting_scheme(Xapian::BM25Weight(r.k1, r.k2, r.k3, r.b, r.min_normlen));
    // --per-article by relevance: articles ranked by their best passage and their BM25 as a
    // whole (bench/eval.sh: better than either alone), from every match the spy sees. Over
    // remote parts (only Xapian's own spy runs there) by their best passage alone.
    const bool rank_articles =
        request.per_article && relevance && !index.any_remote && !word_terms(text).empty();
    // Wire copies share a copy key (schema Copy); an article's passages its id. Match spies run
    // before collapsing: facets still count every copy's outlet.
    // (Copies are folded below, not by a Xapian collapse key: over a common word Xapian would
    // keep an entry for each of ~100k distinct copy keys.)
    if (request.per_article && !rank_articles)
        enquire.set_collapse_key(schema::spec(Field::Article).slot);
    if (request.sort != SortOrder::Relevance)
        enquire.set_sort_by_value_then_relevance(schema::spec(Field::Date).slot,
                                                 request.sort == SortOrder::Newest);

    // Facets whose option filter is active are counted by their own pass (multi-select).
    std::vector<Field> main_fields;
    std::vector<Field> own_pass;
    for (Field f : kFacetFields) {
        auto it = option_filters.find(f);
        bool active =
            it != option_filters.end() && it->second.get_type() != Xapian::Query::LEAF_MATCH_ALL;
        (active ? own_pass : main_fields).push_back(f);
    }

    // Facets: a spy of ours over local databases; Xapian's own ValueCountMatchSpy on the Facets
    // slot when a part is remote (xapian-tcpsrv knows only that one), its distinct values
    // tallied here. Both give the same counts.
    const Xapian::valueno facets_slot = schema::spec(Field::Facets).slot;
    FacetTally tally(main_fields);
    ArticleMatches articles;
    // Folded copies are counted exactly here: Xapian's count after collapsing is an estimate.
    const bool fold_copies = !request.per_article && !request.all_copies;
    CopyCount copies;
    FacetSpy local_spy(tally, rank_articles ? &articles : nullptr, fold_copies ? &copies : nullptr);
    Xapian::ValueCountMatchSpy remote_spy(facets_slot);
    Xapian::ValueCountMatchSpy remote_copies(schema::spec(Field::Copy).slot);
    enquire.set_query(query_without(std::nullopt));
    if (index.any_remote) {
        enquire.add_matchspy(&remote_spy);
        if (fold_copies) enquire.add_matchspy(&remote_copies);
    } else {
        enquire.add_matchspy(&local_spy);
    }
    // checkatleast = every document: the matcher visits all matches, so counts are exact.
    // Xapian counts in 32 bits: a page past the last document is empty, not wrapped around.
    auto clamp = [all](std::size_t n) {
        return static_cast<Xapian::doccount>(std::min<std::size_t>(n, all));
    };
    // Ranking articles: the spy sees every match with its weight; no page is needed from Xapian.
    // Folding copies, the page starts at the offset-th distinct result: ask for more passages
    // than the page, and more again if copies used them up.
    const std::size_t wanted = request.offset >= all
                                   ? all + 1  // past the last: an empty page
                                   : request.offset + std::min<std::size_t>(request.limit, all);
    std::size_t asked = std::min<std::size_t>(2 * std::min<std::size_t>(wanted, all) + 32, all);
    Xapian::MSet mset = rank_articles ? enquire.get_mset(0, 0, all)
                        : fold_copies
                            ? enquire.get_mset(0, clamp(asked), all)
                            : enquire.get_mset(clamp(request.offset), clamp(request.limit), all);
    enquire.clear_matchspies();
    // The page: (passage, score, passages folded into it).
    struct Shown {
        Xapian::Document doc;
        double score;
        std::size_t folded;
    };
    std::vector<Shown> page;
    if (rank_articles) {
        std::unordered_map<std::string, double> whole =
            article_bm25(db, text, request.ranking, articles);
        std::vector<std::pair<double, const std::string*>> order;
        for (const auto& [id, match] : articles)
            order.emplace_back(0.25 * match.best + 0.75 * whole[id], &id);
        std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : *a.second < *b.second;
        });
        for (std::size_t i = request.offset; i < order.size() && i - request.offset < request.limit;
             ++i) {
            const ArticleMatch& match = articles[*order[i].second];
            page.push_back({db.get_document(match.docid), order[i].first, match.passages - 1});
        }
    } else if (fold_copies) {
        // The best-ranked passage of each copy key, in rank order (what a collapse key on the
        // Copy slot gives), until the page is full.
        std::unordered_set<std::string> seen;
        std::size_t results = 0;
        for (auto it = mset.begin(); results < wanted;) {
            if (it == mset.end()) {
                if (mset.size() < asked || asked >= all) break;  // no more matches
                std::size_t from = mset.size();
                asked = std::min<std::size_t>(2 * asked, all);
                mset = enquire.get_mset(0, clamp(asked));
                it = mset[static_cast<Xapian::doccount>(from)];
                continue;
            }
            Xapian::Document doc = it.get_document();
            std::string key = doc.get_value(schema::spec(Field::Copy).slot);
            if (key.empty() || seen.insert(std::move(key)).second) {
                if (results >= request.offset) page.push_back({doc, it.get_weight(), 0});
                ++results;
            }
            ++it;
        }
    } else {
        for (auto it = mset.begin(); it != mset.end(); ++it)
            page.push_back({it.get_document(), it.get_weight(), 0});
    }
    if (index.any_remote) {
        tally.add(remote_spy);
        copies.keyless = remote_copies.get_total();
        for (auto it = remote_copies.values_begin(); it != remote_copies.values_end(); ++it) {
            copies.keyless -= it.get_termfreq();
            copies.add_key(*it);
        }
    }

    SearchResults results;
    results.query = request.query;
    for (const auto& word : unindexable_words(text))
        results.notes.push_back(quote_for_message(word) + " is longer than any word the index " +
                                "holds (" + std::to_string(kMaxIndexedWordBytes) +
                                " bytes): it matches nothing");
    results.total_passages = index.any_remote ? remote_spy.get_total() : local_spy.passages;
    results.total_articles = tally.articles();
    results.total_results = request.per_article ? results.total_articles
                            : fold_copies       ? copies.results()
                                                : results.total_passages;
    results.did_you_mean = did_you_mean;

    std::map<Field, Facet> facets;
    for (std::size_t i = 0; i < main_fields.size(); ++i)
        facets[main_fields[i]] =
            make_facet(main_fields[i], tally.counts(i), tally.counts(i, true), request.facet_limit);
    // Each multi-select facet by a pass without its own filter.
    for (Field f : own_pass) {
        enquire.set_query(query_without(f));
        FacetTally own_tally({f});
        FacetSpy own_local(own_tally);
        Xapian::ValueCountMatchSpy own_remote(facets_slot);
        if (index.any_remote)
            enquire.add_matchspy(&own_remote);
        else
            enquire.add_matchspy(&own_local);
        enquire.get_mset(0, 0, all);
        enquire.clear_matchspies();
        if (index.any_remote) own_tally.add(own_remote);
        facets[f] = make_facet(f, own_tally.counts(0), {}, request.facet_limit);
    }
    for (Field f : kFacetFields) results.facets.push_back(std::move(facets[f]));

    std::string start(1, kMarkStart), end(1, kMarkEnd);
    std::size_t rank = request.offset;
    std::vector<std::string> fold_keys;  // per hit: the key others were folded into it by
    for (const Shown& shown : page) {
        const Xapian::Document& doc = shown.doc;
        auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        Hit hit;
        hit.rank = ++rank;
        hit.score = shown.score;
        hit.collapsed = shown.folded;
        hit.article_id = data.value("article_id", "");
        hit.passage = data.value("passage", 0u);
        hit.source = data.value("source", "");
        hit.date = data.value("date", "");
        hit.title = data.value("title", "");
        hit.url = data.value("url", "");
        hit.speakers = data.value("speakers", std::vector<std::string>{});
        hit.locations = data.value("locations", std::vector<std::string>{});
        for (const auto& q : data.value("quotes", nlohmann::json::array()))
            hit.quotes.emplace_back(q.value("text", ""), q.value("speaker", ""));
        hit.text = data.value("text", "");
        // Xapian marks every match in the whole passage; the window is chosen here, because
        // MSet::snippet starts its window at the first match rather than centring it.
        std::string marked =
            mset.snippet(hit.text, hit.text.size() + 64, builder.stemmer(), 0, start, end, "");
        hit.snippet = centre_snippet(unescape_html(marked), request.snippet_chars);
        // What was folded into the hit is counted below (ranked articles: by the spy).
        if (request.per_article && !rank_articles)
            fold_keys.push_back(hit.article_id);
        else if (!request.per_article && !request.all_copies)
            fold_keys.push_back(doc.get_value(schema::spec(Field::Copy).slot));
        results.hits.push_back(std::move(hit));
    }
    if (!fold_keys.empty())
        add_folded(enquire, query_without(std::nullopt),
                   request.per_article ? Field::Article : Field::Copy, fold_keys, all,
                   results.hits);
    return results;
}

}  // namespace

SearchResults search(const SearchRequest& request) {
    // An indexer committing meanwhile can outdate the revision this reader opened, and a
    // rebuild switches generation: open the index afresh and run the search again.
    for (int attempt = 1;; ++attempt) {
        try {
            return search_once(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 5) throw;
        } catch (const PartGone&) {
            if (attempt == 5) throw;
        } catch (const Xapian::NetworkError& e) {  // only remote parts talk over a network
            throw IndexError("a remote shard stopped answering during the search (" +
                             e.get_description() +
                             "); check that the xapian-tcpsrv servers the stub lists are running");
        }
    }
}

IndexStats index_stats(const SearchRequest& request) {
    SearchRequest every = request;
    every.query.clear();
    every.limit = 0;
    SearchResults counts = search(every);
    IndexStats stats;
    stats.articles = counts.total_articles;
    stats.passages = counts.total_passages;
    stats.facets = std::move(counts.facets);
    // Outlets all, however many: they are what a reader browses.
    every.facet_limit = 0;
    for (Facet& f : stats.facets)
        if (f.name == "source" && request.facet_limit) f = std::move(search(every).facets.front());

    // The first and last dates: the oldest and newest dated passage, one search each.
    every.limit = 1;
    every.from = request.from.empty() ? "0001" : request.from;
    every.per_article = true;
    for (SortOrder order : {SortOrder::Oldest, SortOrder::Newest}) {
        every.sort = order;
        SearchResults one = search(every);
        if (one.hits.empty()) continue;
        (order == SortOrder::Oldest ? stats.first_date : stats.last_date) = one.hits.front().date;
    }

    OpenedIndex index = open_index(request);
    for (const Part& part : index.parts) {
        stats.databases.push_back(part.name);
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(part.path, ec);
             !part.path.empty() && !ec && it != std::filesystem::recursive_directory_iterator();
             it.increment(ec))
            if (it->is_regular_file(ec)) stats.bytes += it->file_size(ec);
    }
    return stats;
}

}  // namespace dateline
