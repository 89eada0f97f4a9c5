// Facets: the fields counted, their per-article tallies, and facets as results show them.
#include "src/search/facets.h"

#include <algorithm>

namespace dateline {

using schema::Field;

namespace {

// The items of a Facets value, in schema::pack_facets' order; kItems: a field it does not hold.
enum FacetsItem : std::size_t { kArticle, kSource, kDate, kSpeakers, kLocations, kItems };

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

void FacetTally::add(std::string_view packed) {
    std::string_view items[kItems + 1];  // items[kItems] stays empty
    PackedItems reader(packed);
    if (!reader.next(items[kArticle])) return;
    for (std::size_t n = kArticle + 1; n < kItems && reader.next(items[n]);) ++n;
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
                facet.values.push_back({schema::iso_date(day), articles});
        }
        return facet;  // a timeline is shown whole
    }
    for (const auto& [value, articles] : counts) facet.values.push_back({value, articles});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (limit && facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

}  // namespace dateline
