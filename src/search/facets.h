// Facets: which fields are counted, their values tallied per article, and facets as results
// show them. Internal to src/search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/schema.h"
#include "src/search/search.h"

namespace dateline {

// The facet decoder is the schema's: the Facets value's layout is on-disk format.
using schema::PackedItems;

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
    explicit FacetTally(std::vector<schema::Field> fields);
    // The same over a Declared value (schema::Field::Declared: the article id, then each
    // declared field's values): a column for each of these items, numbered from 1.
    static FacetTally of_declared(const std::vector<std::size_t>& items);

    void add(const Xapian::ValueCountMatchSpy& spy) {
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) add(*it);
    }
    void add(std::string_view packed);

    std::size_t articles() const { return ids_.size(); }

    // Counts the values of `field` as `names` maps them (a bare surname as the full name it
    // stands for: OpenedIndex::surnames), each article once. `names` must outlive the tally.
    void merge_names(schema::Field field,
                     const std::unordered_map<std::string, std::string>& names);

    // Articles per value of fields()[i]; for the date field, per YYYYMMDD or, with by_month,
    // per YYYY-MM.
    std::map<std::string, std::size_t> counts(std::size_t i, bool by_month = false) const;

  private:
    // Where a field's values are in a Facets value, and how they count.
    struct Column {
        std::size_t item;  // its place in the Facets value
        bool multi;        // a packed list (the schema's multi column): each value counts once
        bool by_month;     // the date: counted by month as well
        schema::Field field;
    };
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

    bool enter(std::string_view article);
    Count& entry(Counts& counts, std::string_view value);
    void count(Count& c);

    std::vector<Column> columns_;           // per field
    std::size_t merged_column_ = SIZE_MAX;  // the column merge_names maps
    std::unordered_map<std::string_view, std::string_view> merged_;
    std::unordered_map<std::string, std::size_t> ids_;  // article id -> number from 1
    std::vector<Article> articles_;                     // by number - 1
    std::string article_;                               // the current article's id
    std::size_t current_ = 0;                           // and its number
    std::deque<std::string> names_;
    std::vector<Counts> counts_;  // per field
    Counts months_;               // the date field by month
};

// How a facet is shown: at most `limit` values (0: all); dates grouped by `bucket`; the
// `selected` values (a filter option's, as typed or as the names a surname stands for) marked,
// and listed even past the limit or without a match.
struct FacetShape {
    std::size_t limit = 0;
    DateBucket bucket = DateBucket::Auto;
    std::vector<std::string> selected;
};

// Facet values, most articles first (dates in calendar order: a timeline, of the `limit`
// buckets with most articles). With DateBucket::Auto, dates spanning more than two months are
// shown by month (`months`: articles per YYYY-MM).
Facet make_facet(schema::Field field, const std::map<std::string, std::size_t>& counts,
                 const std::map<std::string, std::size_t>& months, const FacetShape& shape);
// A facet of values counted by article, most first: a filter field's, or a declared field's.
Facet make_facet(std::string name, const std::map<std::string, std::size_t>& counts,
                 const FacetShape& shape);

}  // namespace dateline
