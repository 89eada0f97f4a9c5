// "X said those words": with quote: terms in the query and --speaker X, a passage qualifies only
// if it still matches once every quotation but X's is taken out of it. Internal to src/search.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "schema/record.h"

namespace dateline {

// Whether a query holds quote: terms (the Quote field's prefix, stemmed or not).
bool has_quote_terms(const Xapian::Query& text);

// The query with its quote: terms also as the plain words they index (quote:gates also
// "gates"): what snippets highlight, since a passage's text holds the plain words.
Xapian::Query with_quoted_words(const Xapian::Query& query);

// Whether `speaker` is one that --speaker `slugs` (schema::slug of each value) names: the whole
// name, or its last word (a person's surname: --speaker Trump).
bool said_by(const std::string& speaker, const std::vector<std::string>& slugs);

// Whether a passage matches the query once only some of its quotations are left in it: what
// tells apart the quotation that holds quote: words from the passage's others.
class QuoteMatcher {
  public:
    explicit QuoteMatcher(Xapian::Query text);
    // `record` with `quotes` in place of its own satisfies the query.
    bool matches(schema::PassageRecord record, std::vector<schema::Quote> quotes);

  private:
    Xapian::Query text_;
    schema::DocumentMaker maker_;
    Xapian::WritableDatabase scratch_;  // in memory: the passage as changed
};

// The passages whose quotations by one of `speakers` (as --speaker matches them: the name or a
// person's surname, case and punctuation aside) satisfy `text`, the query as parsed. A Xapian
// PostingSource, so that totals, facets and pages all count the same passages; it reads each
// candidate's stored record and matches the query against a copy of the passage that keeps only
// those quotations. Only local databases run it: Xapian's remote servers know no custom source.
class QuotedBy : public Xapian::PostingSource {
  public:
    QuotedBy(Xapian::Query text, std::vector<std::string> speakers);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return doccount_; }
    Xapian::doccount get_termfreq_max() const override { return doccount_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }
    QuotedBy* clone() const override { return new QuotedBy(text_, speakers_); }
    std::string get_description() const override { return "QuotedBy"; }

  private:
    bool accepts(Xapian::docid did);

    Xapian::Query text_;
    std::vector<std::string> speakers_;  // as given
    std::vector<std::string> slugs_;     // schema::slug of each
    Xapian::Database db_;
    Xapian::docid did_ = 0, last_ = 0;
    Xapian::doccount doccount_ = 0;
    QuoteMatcher matcher_;
};

}  // namespace dateline
