// Counting every match exactly: the match spies of a pass over all the matches (facets,
// passages, each article's best passage, wire copies), locally or over remote parts. Internal
// to src/search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/schema.h"
#include "src/search/facets.h"

namespace dateline {

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
    void grow();

    std::vector<std::uint64_t> table_;
    std::size_t keys_ = 0;
};

// Feeds each matching passage's Facets value to a FacetTally as the matcher visits it, over
// local databases: far cheaper than Xapian's ValueCountMatchSpy, which keeps every distinct
// value in a std::map (the remote backend runs only that one). Consecutive passages with the
// same value (one article, the same people and places) are skipped.
class FacetSpy : public Xapian::MatchSpy {
  public:
    // With `articles`, each matching passage's article is also recorded there.
    // With `copies`, each matching passage's copy key is counted there.
    explicit FacetSpy(FacetTally& tally, ArticleMatches* articles = nullptr,
                      CopyCount* copies = nullptr)
        : tally_(tally), articles_(articles), copies_(copies) {}

    std::size_t passages = 0;  // matches seen

    void operator()(const Xapian::Document& doc, double weight) override;

  private:
    FacetTally& tally_;
    ArticleMatches* articles_;
    CopyCount* copies_;
    std::string last_;
};

// Feeds each matching passage's Declared value (the fields declared at build time) to a
// FacetTally, as FacetSpy does the Facets value.
class DeclaredSpy : public Xapian::MatchSpy {
  public:
    explicit DeclaredSpy(FacetTally& tally) : tally_(tally) {}
    void operator()(const Xapian::Document& doc, double weight) override;

  private:
    FacetTally& tally_;
    std::string last_;
};

// The counts of one pass over every match. Facets: a spy of ours over local databases;
// Xapian's own ValueCountMatchSpy on the Facets slot when a part is remote (xapian-tcpsrv
// knows only that one), its distinct values tallied here. Both give the same counts.
class MatchCounts {
  public:
    // Facets of `fields`; with record_articles, each article's best passage (local parts
    // only); with count_copies, the results once wire copies fold.
    // With `declared_items`, the facets of those items of the Declared value as well.
    MatchCounts(std::vector<schema::Field> fields, bool any_remote, bool record_articles,
                bool count_copies, const std::vector<std::size_t>& declared_items = {});
    MatchCounts(const MatchCounts&) = delete;
    MatchCounts& operator=(const MatchCounts&) = delete;

    // enquire.get_mset(first, maxitems) with the spies watching every match (`all`: the
    // index's documents), then without them: a later get_mset counts nothing again, nor does
    // a later run (it only returns the MSet).
    Xapian::MSet run(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount maxitems,
                     Xapian::doccount all);

    std::size_t passages() const;  // matches, exact
    bool remote() const { return any_remote_; }

    FacetTally tally;
    FacetTally declared;      // with declared_items
    ArticleMatches articles;  // with record_articles
    CopyCount copies;         // with count_copies

  private:
    bool any_remote_, count_copies_, count_declared_;
    bool counted_ = false;
    FacetSpy local_;
    Xapian::ValueCountMatchSpy remote_;
    Xapian::ValueCountMatchSpy remote_copies_;
    DeclaredSpy local_declared_;
    Xapian::ValueCountMatchSpy remote_declared_;
};

}  // namespace dateline
