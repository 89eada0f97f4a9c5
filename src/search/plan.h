// From a request to the Xapian queries a search runs: option values checked, the query parsed
// with the index's synonyms, boosted for ranking, filtered by dates and options. Internal to
// src/search.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "schema/schema.h"
#include "src/search/open.h"
#include "src/search/query.h"
#include "src/search/search.h"

namespace dateline {

// Throws QueryError unless every option value (--source, --speaker, --location, --from, --to)
// is UTF-8 text without control characters: they reach filter terms and messages.
void check_options(const SearchRequest& request);

// Word terms of a parsed query (unprefixed words and their Z stems), in query order.
std::vector<std::string> word_terms(const Xapian::Query& query);

struct TempFolder;

class SearchPlan {
  public:
    // Parses the request's query, dates and filter options against the index: throws
    // QueryError for a bad one (see QueryBuilder::parse and date_bound).
    SearchPlan(const SearchRequest& request, const OpenedIndex& index);
    ~SearchPlan();

    // The query as parsed, without boosts or filters (and not yet matched article-wide).
    const Xapian::Query& text() const { return text_; }
    // What the search runs: the query (boosted when ranked by relevance) filtered by the dates
    // and every filter option; with `skip`, without that field's option filter (the pass that
    // counts a multi-select facet).
    // With `skip_where`, without the --where filter of that name.
    Xapian::Query query(std::optional<schema::Field> skip = std::nullopt,
                        const std::string& skip_where = "") const;
    // Whether a filter option (--source, ...) selects values of this field.
    bool filters(schema::Field field) const;
    // Whether --where selects values of this name.
    bool filters(const std::string& where_name) const;

    const std::string& did_you_mean() const { return did_you_mean_; }
    // For the user, about the query: the words that cannot match.
    std::vector<std::string> notes() const;
    const Xapian::Stem& stemmer() const { return builder_.stemmer(); }

  private:
    // Declared in the order they are built: each may use those before it.
    std::unique_ptr<TempFolder> synonyms_copy_;  // with remote parts: what the parser reads
    std::string did_you_mean_;
    QueryBuilder builder_;
    Xapian::Query text_;
    Xapian::Query dates_;
    std::vector<std::pair<schema::Field, Xapian::Query>> option_filters_;
    std::vector<std::pair<std::string, Xapian::Query>> where_filters_;  // --where, by name
    bool quotes_unbound_;  // --speaker with quote: over remote parts: per passage only
    std::vector<std::string> unknown_outlets_;  // notes: --source values naming no outlet
    Xapian::Query matched_;  // text_, matched article-wide unless --within passage
    Xapian::Query ranked_;
};

}  // namespace dateline
