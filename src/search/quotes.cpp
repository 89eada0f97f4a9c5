// Quotations as results: see quotes.h.
#include "src/search/quotes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "schema/record.h"
#include "schema/schema.h"
#include "src/search/collect.h"
#include "src/search/facets.h"
#include "src/search/hits.h"
#include "src/search/open.h"
#include "src/search/plan.h"
#include "src/search/quoted_by.h"
#include "src/text/text.h"

namespace dateline {

namespace {

using schema::Field;

// The quotations of one passage that the request asks for.
class QuoteFilter {
  public:
    QuoteFilter(const SearchRequest& request, const Xapian::Query& text)
        : words_(has_quote_terms(text)), matcher_(text) {
        for (const auto& s : request.speakers) slugs_.push_back(schema::slug(s));
    }

    std::vector<schema::Quote> wanted(const schema::PassageRecord& record) {
        std::vector<schema::Quote> out;
        for (const auto& q : record.quotes) {
            if (!slugs_.empty() && !said_by(q.speaker, slugs_)) continue;
            if (words_ && !matcher_.matches(record, {q})) continue;
            out.push_back(q);
        }
        return out;
    }

  private:
    bool words_;  // the query has quote: terms: a quotation must hold them
    std::vector<std::string> slugs_;
    QuoteMatcher matcher_;
};

// What makes two quotations one line: their words (case, spacing and marks aside) and speaker.
std::string line_key(const schema::Quote& q) {
    return fold_for_terms(q.text) + '\t' + schema::slug(q.speaker);
}

// Every matching passage's wanted quotations, folded into lines, in the passages' order.
std::vector<QuoteLine> quote_lines(Xapian::Enquire& enquire, Xapian::doccount all,
                                   QuoteFilter& filter,
                                   const std::unordered_map<std::string, std::string>& surnames) {
    std::vector<QuoteLine> lines;
    std::unordered_map<std::string, std::size_t> line_of;
    Xapian::MSet mset = enquire.get_mset(0, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::optional<schema::PassageRecord> record = schema::read_record(it.get_document());
        if (!record) throw unreadable_passage(*it);
        for (auto& q : filter.wanted(*record)) {
            if (auto full = surnames.find(q.speaker); full != surnames.end())
                q.speaker = full->second;
            auto [at, fresh] = line_of.emplace(line_key(q), lines.size());
            if (fresh) {
                lines.push_back({q.text,
                                 q.speaker,
                                 q.kind,
                                 record->source,
                                 record->date,
                                 record->article_id,
                                 record->passage,
                                 {}});
                continue;
            }
            QuoteLine& line = lines[at->second];
            if (!record->source.empty() && record->source != line.source &&
                std::find(line.also_in.begin(), line.also_in.end(), record->source) ==
                    line.also_in.end())
                line.also_in.push_back(record->source);
        }
    }
    return lines;
}

// Lines per speaker, per outlet (each that carries the line) and per date.
std::vector<Facet> count_lines(const std::vector<QuoteLine>& lines, std::size_t limit) {
    std::map<std::string, std::size_t> speakers, sources, days, months;
    for (const auto& line : lines) {
        if (!line.speaker.empty()) ++speakers[line.speaker];
        if (!line.source.empty()) ++sources[line.source];
        for (const auto& outlet : line.also_in) ++sources[outlet];
        if (line.date.size() == 10) {
            ++days[schema::date_key(line.date)];
            ++months[line.date.substr(0, 7)];
        }
    }
    const FacetShape shape{limit, DateBucket::Auto, {}};
    return {make_facet(Field::Speaker, speakers, {}, shape),
            make_facet(Field::Source, sources, {}, shape),
            make_facet(Field::Date, days, months, shape)};
}

}  // namespace

QuoteResults search_quotes(const SearchRequest& request) {
    check_options(request);
    const OpenedIndex index = open_index(request);
    const SearchPlan plan(request, index);
    Xapian::Enquire enquire = make_enquire(index.db, request, Paging::EveryCopy);
    enquire.set_query(plan.query());
    QuoteFilter filter(request, plan.text());
    std::vector<QuoteLine> lines =
        quote_lines(enquire, index.db.get_doccount(), filter, index.surnames);

    QuoteResults results;
    results.query = request.query;
    results.notes = plan.notes();
    results.total_quotes = lines.size();
    results.facets = count_lines(lines, request.facet_limit);
    std::size_t from = std::min(request.offset, lines.size());
    std::size_t to = from + std::min(request.limit, lines.size() - from);
    results.quotes.assign(std::make_move_iterator(lines.begin() + from),
                          std::make_move_iterator(lines.begin() + to));
    return results;
}

}  // namespace dateline
