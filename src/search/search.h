// Searching the index: ranked passages with snippets, exact per-article facet counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema/record.h"
#include "src/base/errors.h"
#include "src/search/query.h"
#include "src/store/layout.h"

namespace dateline {

// How results are ordered.
enum class SortOrder {
    Relevance,  // BM25, best first
    Oldest,     // by date, oldest first (a story's timeline), then by relevance
    Newest,     // by date, newest first, then by relevance
};

// Xapian's BM25 parameters (Xapian::BM25Weight): k1 the term-frequency saturation, b the
// length normalisation. Defaults from bench/eval (relevance on four judged collections).
struct Ranking {
    double k1 = 1.6, k2 = 0, k3 = 100, b = 0.75, min_normlen = 0.5;
};

// Where the words and operators of a query must hold together.
enum class Scope {
    Article,  // the default: the article's title and passages together (phrases: one passage)
    Passage,  // one passage (--within passage)
};

// How the date facet groups articles: by day, ISO week (2020-W33), month or year; Auto by day,
// or by month when the matches span more than two months.
enum class DateBucket { Auto, Day, Week, Month, Year };

struct SearchRequest {
    // The index when db_paths is empty: a Dateline index folder, a glass database or a stub file.
    std::string db_path = default_db_path();
    // Several indexes searched as one (--db repeated): each a Dateline index folder, a Xapian
    // glass database, or a Xapian stub file listing local and remote parts ("auto PATH",
    // "remote HOST:PORT" served by xapian-tcpsrv). Every part must have this schema version.
    std::vector<std::string> db_paths;
    // --allow-remote-programs: a stub file given as --db may run "remote :PROGRAM ARGS" lines
    // (xapian-progsrv, ssh). Never a stub inside an index folder, nor one a stub lists.
    bool allow_remote_programs = false;
    std::string query;                   // QueryParser syntax; empty = every passage
    std::vector<std::string> sources;    // --source: any of these outlets
    std::vector<std::string> speakers;   // --speaker
    std::vector<std::string> locations;  // --location
    std::vector<std::string> languages;  // --language: any of these (ru, en)
    // --where NAME=VALUE: a declared field (dateline-index --facet/--filter) or author holds
    // VALUE; values of one name are ORed, names ANDed.
    std::vector<std::pair<std::string, std::string>> where;
    std::string from, to;  // --from/--to: YYYY[-MM[-DD]], inclusive
    std::size_t offset = 0;
    std::size_t limit = 10;
    std::size_t facet_limit = 0;  // values per facet, most articles first; 0 = all
    DateBucket date_bucket = DateBucket::Auto;
    std::size_t snippet_chars = 250;  // about this long, centred on the best match
    bool match_any = false;           // words joined by OR (ranked by how many match), not AND
    bool all_copies = false;          // show every wire copy, rather than the best one with also_in
    bool per_article = false;         // one hit per article: its best passage
    std::size_t context = 0;          // -C N: the N passages before and after each hit
    Scope within = Scope::Article;    // where an AND or a NOT must hold
    SortOrder sort = SortOrder::Relevance;
    Ranking ranking;
};

// A passage next to a hit in its article (-C N).
struct ContextPassage {
    unsigned passage = 0;
    std::string text;
};

struct Hit {
    std::size_t rank = 0;  // 1-based, counting from the first result overall
    double score = 0;      // BM25 weight
    std::string article_id;
    unsigned passage = 0;  // ordinal in the article; 0 = the title
    std::string source, date, title, url;
    std::string published;  // YYYY-MM-DDTHH:MM:SSZ (UTC) when the article gave a time, else ""
    std::string language;   // the article's language tag ("ru"), "" if its source gave none
    // The index's declared fields and the article's values of each, by name.
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
    std::vector<std::string> speakers, locations;
    std::vector<schema::Quote> quotes;  // words, speaker ("" if none) and the speaker's kind
    std::string snippet;                // matched words between kMarkStart and kMarkEnd
    std::string text;                   // the whole passage
    // Other matching passages folded into this hit: wire copies (near-identical passages of other
    // articles), or with per_article the article's other matching passages.
    std::size_t collapsed = 0;
    std::vector<std::string> also_in;           // outlets of the wire copies, best-ranked first
    std::vector<ContextPassage> before, after;  // with context: its article's neighbours
};
inline constexpr char kMarkStart = '\x01';
inline constexpr char kMarkEnd = '\x02';

struct FacetValue {
    std::string value;
    std::size_t count = 0;  // matching articles (not passages)
    bool selected = false;  // a value a filter option (--source, --speaker, --location) asked for
};

struct Facet {
    std::string name;  // schema field name: source, speaker, location, date
    std::vector<FacetValue> values;
};

struct SearchResults {
    std::string query;
    std::size_t total_passages = 0;  // exact
    std::size_t total_articles = 0;  // exact
    // What paging walks through: passages once wire copies are folded, articles with
    // per_article, total_passages with all_copies. Exact.
    std::size_t total_results = 0;
    // The query with misspelled words replaced by the index's words ("Lukashenkp" ->
    // "Lukashenko"); "" when every word is known.
    std::string did_you_mean;
    std::vector<Hit> hits;
    std::vector<Facet> facets;       // source, speaker, location, date (by day, or month if wide)
    std::vector<std::string> notes;  // for the user, about the query (a word that cannot match)
};

// Receives a search's results as they are made, so that memory stays that of one batch of
// hits however many the page holds: start() with everything but the hits (totals, facets,
// notes), then each hit in rank order, then finish(). note() says something mid-way.
class HitSink {
  public:
    virtual ~HitSink() = default;
    virtual void start(const SearchResults& summary) = 0;
    virtual void hit(const Hit& hit) = 0;
    virtual void finish() = 0;
    virtual void note(const std::string& /*note*/) {}
};

// What an index holds (dateline-search --stats), within the request's filters.
struct IndexStats {
    std::size_t articles = 0, passages = 0;
    std::string first_date, last_date;   // YYYY-MM-DD; "" if no article has a date
    std::vector<Facet> facets;           // source (all), speaker, location, date: as search()'s
    std::vector<std::string> databases;  // the parts searched, as messages name them
    std::uintmax_t bytes = 0;            // on disk, the local parts
};

// A window of about `length` characters of `marked` (a passage with every match between
// kMarkStart and kMarkEnd) centred on its densest run of matches, cut at spaces, with "…" where
// text was left out. The whole passage if it is short enough.
std::string centre_snippet(const std::string& marked, std::size_t length);

// Runs the request. Throws QueryError for a bad query or option (see the limits in query.h;
// option values must be UTF-8 without control characters), IndexError for an unusable index
// (one of its parts missing, of another schema version, or a remote part unreachable: the
// message names the part).
// Any offset and limit are valid: past the last match, the page is empty.
SearchResults search(const SearchRequest& request);

// The same, hit by hit. A change to the index before the first hit is sent runs the search
// again, unseen; after it, the rest is read from the index's new revision, with a note.
void search(const SearchRequest& request, HitSink& sink);

// Counts over every passage the request's filters let through (its query is ignored): the
// facets with `facet_limit` values each (outlets all), the date range, the parts and their size.
IndexStats index_stats(const SearchRequest& request);

}  // namespace dateline
