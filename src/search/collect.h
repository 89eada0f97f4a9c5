// Collecting the page of a search: the main pass over every match (counted exactly), then the
// page in one of its paging modes. Internal to src/search.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "src/search/count.h"
#include "src/search/search.h"

namespace dateline {

// How results are paged, as the request and the index decide.
enum class Paging {
    EveryCopy,         // --all-copies: Xapian's page of passages
    FoldCopies,        // the default: the best-ranked passage of each copy key
    CollapseArticles,  // --per-article: Xapian's page, collapsed on the article id
    RankArticles,      // --per-article by relevance: articles ranked as wholes, by us
};

// --per-article by relevance ranks articles by their best passage and their BM25 as a whole
// (bench/eval.sh: better than either alone), from every match the spy sees; over remote parts
// (only Xapian's own spy runs there), or for a query without words, by their best passage alone.
Paging choose_paging(const SearchRequest& request, bool any_remote, const Xapian::Query& text);

// An Enquire over `db` with the request's ranking and order, collapsing as `paging` needs.
Xapian::Enquire make_enquire(const Xapian::Database& db, const SearchRequest& request,
                             Paging paging);

// A passage of the page, its score, and how many passages the paging folded into it (ranked
// articles: the article's other matching passages; otherwise counted later, by add_folded).
// A document id, not the document: a page of every match stays small until its hits are made.
struct Shown {
    Xapian::docid docid;
    double score;
    std::size_t folded;
};

struct Page {
    Xapian::MSet mset;  // the last one asked for: what snippets are made with
    std::vector<Shown> shown;
};

// Runs the enquire's query over every match with `counts` watching (see MatchCounts, made for
// `paging`), then takes the request's page (offset, limit): any offset is valid, and past the
// last result the page is empty. `text` is the query as parsed (for ranking articles).
Page collect_page(Xapian::Enquire& enquire, MatchCounts& counts, const SearchRequest& request,
                  Paging paging, const Xapian::Database& db, const Xapian::Query& text);

}  // namespace dateline
