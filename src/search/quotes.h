// Quotations as results (dateline-search --quotes): who said what, and which outlets carried it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "src/search/search.h"

namespace dateline {

struct QuoteLine {
    std::string text, speaker, speaker_kind;  // the kind: person, organisation, document...
    std::string source, date, article_id;     // of the best-ranked passage that carries it
    unsigned passage = 0;
    std::vector<std::string> also_in;  // other outlets carrying the same words by the same speaker
};

struct QuoteResults {
    std::string query;
    std::size_t total_quotes = 0;   // lines, once copies fold
    std::vector<QuoteLine> quotes;  // the page: request.offset, request.limit
    std::vector<Facet> facets;      // speaker, source, date: quotation lines counted
    std::vector<std::string> notes;
};

// The quotations of the passages the request matches, in their order: with quote: terms only
// those that hold the words, with --speaker only that speaker's. The same words by the same
// speaker in several outlets are one line, at its best-ranked passage. Throws as search() does.
QuoteResults search_quotes(const SearchRequest& request);

}  // namespace dateline
