// Article-wide matching: the words and boolean operators of a query are matched against the
// whole article (its title and passages together), and the hits are its passages that match
// the query's positive words. Phrases, NEAR and ADJ hold within a passage, as do quote:,
// speaker: and location: (on the passage shown). Internal to src/search.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dateline {

// Whether matching `query` article-wide can differ from matching it passage by passage: it
// has an AND whose parts may stand in different passages, or a NOT.
bool differs_by_article(const Xapian::Query& query);

// The query matched article-wide over `db`: the passages that match the query's positive
// parts (each AND read as OR, each NOT left out; phrases kept whole, and passage-bound fields
// required of the passage shown)
// and belong to an article that satisfies the whole query. The article set is worked out
// here, by one pass over each part's matches, the rarest first. Over remote parts (whose
// servers run only Xapian's own posting sources) the articles are filtered by their id terms.
Xapian::Query match_by_article(const Xapian::Database& db, const Xapian::Query& query,
                               bool any_remote);

// Articles, by id (the Article slot).
using ArticleIds = std::unordered_set<std::string>;

// The passages of a set of articles, as document id ranges [first, end) ascending (one
// database, its articles' passages numbered consecutively): cheap to walk and to skip.
class ArticleRunsSource : public Xapian::PostingSource {
  public:
    using Runs = std::vector<std::pair<Xapian::docid, Xapian::docid>>;
    explicit ArticleRunsSource(std::shared_ptr<const Runs> runs);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return passages_; }
    Xapian::doccount get_termfreq_max() const override { return passages_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool at_end() const override;
    Xapian::docid get_docid() const override { return did_; }
    ArticleRunsSource* clone() const override { return new ArticleRunsSource(runs_); }
    std::string get_description() const override;

  private:
    void settle();  // onto the first id of a run at or after did_

    std::shared_ptr<const Runs> runs_;
    Xapian::doccount passages_ = 0;  // ids in the runs (some may be of removed passages)
    std::size_t run_ = 0;
    Xapian::docid did_ = 0, last_ = 0;
};

// The passages of a set of articles: a filter that the matcher asks about each candidate (by
// the candidate's Article value), never one that walks the slot by itself.
class ArticleSetSource : public Xapian::PostingSource {
  public:
    explicit ArticleSetSource(std::shared_ptr<const ArticleIds> ids);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return all_; }
    Xapian::doccount get_termfreq_max() const override { return all_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return it_ == end_; }
    Xapian::docid get_docid() const override { return it_.get_docid(); }
    ArticleSetSource* clone() const override { return new ArticleSetSource(ids_); }
    std::string get_description() const override;

  private:
    bool member() const { return ids_->count(*it_) > 0; }
    void to_member();  // from the current value to the next one in the set

    std::shared_ptr<const ArticleIds> ids_;
    Xapian::Database db_;
    Xapian::ValueIterator it_, end_;
    bool started_ = false;  // next() has been called, or a move made
    bool placed_ = false;   // it_ is on a document or at the end (not after a failed check)
    Xapian::doccount all_ = 0;
};

}  // namespace dateline
