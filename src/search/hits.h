// From the page's passages to hits: their stored data, a snippet centred on the matches, and
// what was folded into each. Internal to src/search (centre_snippet is in search.h).
#pragma once

#include <xapian.h>

#include <vector>

#include "src/base/errors.h"
#include "src/search/collect.h"
#include "src/search/search.h"

namespace dateline {

// The error for a matching passage whose stored fields cannot be read: the index is damaged,
// and an answer without that passage would look whole.
IndexError unreadable_passage(Xapian::docid did);

// The hits of page.shown[from, to), ranked from request.offset + from + 1 (throwing
// unreadable_passage for one whose data is not the writer's), each with a snippet of about
// request.snippet_chars and, with FoldCopies and CollapseArticles, what was folded into it: one
// more search of `enquire` for `query` (the search's), over the hits' copy keys or articles.
// `db`: the index the page came from; `all`: its documents.
std::vector<Hit> page_hits(const Page& page, std::size_t from, std::size_t to, Paging paging,
                           const SearchRequest& request, const Xapian::Stem& stemmer,
                           Xapian::Enquire& enquire, const Xapian::Query& query,
                           const Xapian::Database& db);

}  // namespace dateline
