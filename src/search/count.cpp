// Counting every match: our facet spy, the copy-key table, and a pass with the spies watching.
#include "src/search/count.h"

#include <algorithm>

namespace dateline {

using schema::Field;

void CopyCount::grow() {
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

void FacetSpy::operator()(const Xapian::Document& doc, double weight) {
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

void DeclaredSpy::operator()(const Xapian::Document& doc, double) {
    std::string value = doc.get_value(schema::spec(Field::Declared).slot);
    if (value == last_) return;
    tally_.add(value);
    last_ = std::move(value);
}

MatchCounts::MatchCounts(std::vector<Field> fields, bool any_remote, bool record_articles,
                         bool count_copies, const std::vector<std::size_t>& declared_items)
    : tally(std::move(fields)),
      declared(FacetTally::of_declared(declared_items)),
      any_remote_(any_remote),
      count_copies_(count_copies),
      count_declared_(!declared_items.empty()),
      local_(tally, record_articles ? &articles : nullptr, count_copies ? &copies : nullptr),
      remote_(schema::spec(Field::Facets).slot),
      remote_copies_(schema::spec(Field::Copy).slot),
      local_declared_(declared),
      remote_declared_(schema::spec(Field::Declared).slot) {}

Xapian::MSet MatchCounts::run(Xapian::Enquire& enquire, Xapian::doccount first,
                              Xapian::doccount maxitems, Xapian::doccount all) {
    if (counted_) return enquire.get_mset(first, maxitems);
    counted_ = true;
    if (any_remote_) {
        enquire.add_matchspy(&remote_);
        if (count_copies_) enquire.add_matchspy(&remote_copies_);
        if (count_declared_) enquire.add_matchspy(&remote_declared_);
    } else {
        enquire.add_matchspy(&local_);
        if (count_declared_) enquire.add_matchspy(&local_declared_);
    }
    // checkatleast = every document: the matcher visits all matches, so counts are exact.
    Xapian::MSet mset = enquire.get_mset(first, maxitems, all);
    enquire.clear_matchspies();
    if (any_remote_) {
        tally.add(remote_);
        if (count_declared_) declared.add(remote_declared_);
        copies.keyless = remote_copies_.get_total();
        for (auto it = remote_copies_.values_begin(); it != remote_copies_.values_end(); ++it) {
            copies.keyless -= it.get_termfreq();
            copies.add_key(*it);
        }
    }
    return mset;
}

std::size_t MatchCounts::passages() const {
    return any_remote_ ? remote_.get_total() : local_.passages;
}

}  // namespace dateline
