// Facets: the fields counted, their per-article tallies, and facets as results show them.
#include "src/search/facets.h"

#include <algorithm>

#include "src/base/calendar.h"

namespace dateline {

using schema::Field;

namespace {

// The items of a Facets value, in schema::pack_facets' order; kItems: a field it does not hold.
enum FacetsItem : std::size_t { kArticle, kSource, kDate, kSpeakers, kLocations, kItems };
// A Declared value's items: the article, then the declared fields.
constexpr std::size_t kMaxItems = 1 + schema::kMaxDeclaredFields;
static_assert(kMaxItems > kItems);

FacetsItem facets_item(Field field) {
    switch (field) {
        case Field::Article:
            return kArticle;
        case Field::Source:
            return kSource;
        case Field::Date:
            return kDate;
        case Field::Speaker:
            return kSpeakers;
        case Field::Location:
            return kLocations;
        default:
            return kItems;
    }
}

}  // namespace

FacetTally::FacetTally(std::vector<Field> fields) {
    for (Field f : fields)
        columns_.push_back({facets_item(f), schema::spec(f).multi, f == Field::Date, f});
    counts_.resize(fields.size());
}

FacetTally FacetTally::of_declared(const std::vector<std::size_t>& items) {
    FacetTally tally({});
    for (std::size_t item : items)
        if (item < kMaxItems) tally.columns_.push_back({item, true, false, Field::Declared});
    tally.counts_.resize(tally.columns_.size());
    return tally;
}

void FacetTally::add(std::string_view packed) {
    std::string_view items[kMaxItems + 1];  // items[kItems] stays empty for a Facets value
    PackedItems reader(packed);
    if (!reader.next(items[kArticle])) return;
    for (std::size_t n = kArticle + 1; n < kMaxItems && reader.next(items[n]);) ++n;
    const bool first_seen = enter(items[kArticle]);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const Column& column = columns_[i];
        const std::string_view value = items[column.item];
        if (column.multi) {
            std::string_view one;
            for (PackedItems list(value); list.next(one);) {
                if (i == merged_column_)
                    if (auto it = merged_.find(one); it != merged_.end()) one = it->second;
                count(entry(counts_[i], one));
            }
        } else if (first_seen && !value.empty()) {
            ++entry(counts_[i], value).articles;
            if (column.by_month) ++entry(months_, schema::iso_date(value).substr(0, 7)).articles;
        }
    }
}

void FacetTally::merge_names(Field field,
                             const std::unordered_map<std::string, std::string>& names) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].field == field) merged_column_ = i;
    for (const auto& [from, to] : names) merged_.emplace(from, to);
}

std::map<std::string, std::size_t> FacetTally::counts(std::size_t i, bool by_month) const {
    std::map<std::string, std::size_t> out;
    for (const auto& [value, count] : by_month ? months_ : counts_[i])
        out.emplace(value, count.articles);
    return out;
}

// Makes `article` the current one; true when its id is first seen.
bool FacetTally::enter(std::string_view article) {
    if (current_ != 0 && article == article_) return false;
    if (current_) articles_[current_ - 1].left = true;
    article_.assign(article);
    auto [it, inserted] = ids_.emplace(article_, ids_.size() + 1);
    current_ = it->second;
    if (inserted) articles_.emplace_back();
    return inserted;
}

FacetTally::Count& FacetTally::entry(Counts& counts, std::string_view value) {
    auto it = counts.find(value);
    if (it == counts.end()) {
        const std::string& kept = names_.emplace_back(value);
        it = counts.emplace(kept, Count{static_cast<std::uint32_t>(names_.size())}).first;
    }
    return it->second;
}

void FacetTally::count(Count& c) {
    if (c.last == current_) return;
    c.last = current_;
    Article& a = articles_[current_ - 1];
    if (a.left && std::find(a.seen.begin(), a.seen.end(), c.id) != a.seen.end()) return;
    a.seen.push_back(c.id);
    ++c.articles;
}

namespace {

// The ISO week of a YYYYMMDD day, as 2020-W33.
std::string iso_week(const std::string& day) {
    const int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(4, 2)),
              d = std::stoi(day.substr(6, 2));
    const long days = days_from_civil(y, m, d);
    const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // Monday 0
    const long thursday = days - weekday + 3;  // the week's Thursday names its year
    int year = y + 1;
    while (days_from_civil(year, 1, 1) > thursday) --year;
    const long week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    return std::to_string(year) + (week < 10 ? "-W0" : "-W") + std::to_string(week);
}

// The day counts (YYYYMMDD) summed by bucket: an article has one date.
std::map<std::string, std::size_t> bucketed(const std::map<std::string, std::size_t>& days,
                                            DateBucket bucket) {
    std::map<std::string, std::size_t> out;
    for (const auto& [day, articles] : days) {
        if (day.size() != 8) continue;
        const std::string iso = schema::iso_date(day);
        out[bucket == DateBucket::Year    ? iso.substr(0, 4)
            : bucket == DateBucket::Month ? iso.substr(0, 7)
            : bucket == DateBucket::Week  ? iso_week(day)
                                          : iso] += articles;
    }
    return out;
}

bool spans_months(const std::map<std::string, std::size_t>& days) {
    if (days.empty()) return false;
    const std::string& first = days.begin()->first;
    const std::string& last = days.rbegin()->first;
    int months = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
                 std::stoi(last.substr(4, 2)) - std::stoi(first.substr(4, 2));
    return months > 2;
}

// The date facet: a timeline of the `limit` buckets with most articles, in calendar order.
Facet date_facet(const std::map<std::string, std::size_t>& days,
                 const std::map<std::string, std::size_t>& months, const FacetShape& shape) {
    DateBucket bucket = shape.bucket;
    if (bucket == DateBucket::Auto)
        bucket = spans_months(days) ? DateBucket::Month : DateBucket::Day;
    const auto counts =
        bucket == DateBucket::Month && !months.empty() ? months : bucketed(days, bucket);
    Facet facet{std::string(schema::spec(Field::Date).name), {}};
    for (const auto& [when, articles] : counts) facet.values.push_back({when, articles});
    if (shape.limit && facet.values.size() > shape.limit) {
        std::vector<std::size_t> order(facet.values.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return facet.values[a].count > facet.values[b].count;  // ties: the earlier first
        });
        order.resize(shape.limit);
        std::sort(order.begin(), order.end());
        std::vector<FacetValue> kept;
        for (std::size_t i : order) kept.push_back(facet.values[i]);
        facet.values = std::move(kept);
    }
    return facet;
}

// Whether a facet value is the one an option asked for: the same (case, spaces and
// punctuation aside), or a name whose last word it is ("Lukashenko", as speaker: reads it).
bool is_selected(const std::string& value, const std::string& want) {
    const std::string key = schema::slug(want);
    if (schema::slug(value) == key) return true;
    const std::size_t space = value.rfind(' ');
    return space != std::string::npos && schema::slug(value.substr(space + 1)) == key;
}

// Marks the selected values, adding those the counts or the limit left out.
void mark_selected(Facet& facet, const std::vector<std::string>& selected) {
    for (const auto& want : selected) {
        auto it = std::find_if(facet.values.begin(), facet.values.end(),
                               [&](const FacetValue& v) { return is_selected(v.value, want); });
        if (it != facet.values.end())
            it->selected = true;
        else
            facet.values.push_back({want, 0, true});
    }
}

}  // namespace

Facet make_facet(Field field, const std::map<std::string, std::size_t>& counts,
                 const std::map<std::string, std::size_t>& months, const FacetShape& shape) {
    if (field == Field::Date) return date_facet(counts, months, shape);
    return make_facet(std::string(schema::spec(field).name), counts, shape);
}

Facet make_facet(std::string name, const std::map<std::string, std::size_t>& counts,
                 const FacetShape& shape) {
    Facet facet{std::move(name), {}};
    for (const auto& [value, articles] : counts) facet.values.push_back({value, articles});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    std::vector<FacetValue> past_limit;
    if (shape.limit && facet.values.size() > shape.limit) {
        past_limit.assign(facet.values.begin() + static_cast<std::ptrdiff_t>(shape.limit),
                          facet.values.end());
        facet.values.resize(shape.limit);
    }
    // A selected value past the limit is listed with its count.
    for (const auto& want : shape.selected)
        for (const auto& v : past_limit)
            if (is_selected(v.value, want)) facet.values.push_back(v);
    mark_selected(facet, shape.selected);
    return facet;
}

}  // namespace dateline
