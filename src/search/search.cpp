// Search: the stages from a request to its results (plan, collect, count facets, make hits),
// run again when the index changes under them.
#include "src/search/search.h"

#include <algorithm>
#include <map>

#include "schema/schema.h"
#include "src/search/article.h"
#include "src/search/collect.h"
#include "src/search/count.h"
#include "src/search/facets.h"
#include "src/search/hits.h"
#include "src/search/open.h"
#include "src/search/plan.h"
#include "src/search/quoted_by.h"

namespace dateline {

namespace {

using schema::Field;

// Facets whose option filter is active are counted by their own pass (multi-select); the
// others by the main pass. The same for the declared fields that are facets, by their item in
// the Declared value (their place among the declared fields, from 1).
struct FacetPasses {
    std::vector<Field> main, own;
    std::vector<std::size_t> declared_main, declared_own;
};

FacetPasses facet_passes(const SearchPlan& plan, const OpenedIndex& index) {
    FacetPasses passes;
    for (Field f : schema::facet_fields())
        (plan.filters(f) ? passes.own : passes.main).push_back(f);
    for (std::size_t i = 0; i < index.declared.size(); ++i)
        if (index.declared[i].facet)
            (plan.filters(index.declared[i].name) ? passes.declared_own : passes.declared_main)
                .push_back(i + 1);
    return passes;
}

// The values --where selects of a declared field, marked in its facet.
FacetShape declared_shape(const std::string& name, const SearchRequest& request) {
    FacetShape shape{request.facet_limit, request.date_bucket, {}};
    for (const auto& [field, value] : request.where)
        if (field == name) shape.selected.push_back(value);
    return shape;
}

// The declared facets, in name order after the schema's: the main pass's, and each one --where
// filters by a pass without that filter.
void count_declared(const MatchCounts& counts, const FacetPasses& passes, const SearchPlan& plan,
                    Xapian::Enquire& enquire, const OpenedIndex& index, Xapian::doccount all,
                    const SearchRequest& request, std::vector<Facet>& out) {
    std::map<std::size_t, Facet> facets;
    for (std::size_t i = 0; i < passes.declared_main.size(); ++i) {
        const std::string& name = index.declared[passes.declared_main[i] - 1].name;
        facets[passes.declared_main[i]] =
            make_facet(name, counts.declared.counts(i), declared_shape(name, request));
    }
    for (std::size_t item : passes.declared_own) {
        const std::string& name = index.declared[item - 1].name;
        enquire.set_query(plan.query(std::nullopt, name));
        MatchCounts own({}, index.any_remote, false, false, {item});
        own.run(enquire, 0, 0, all);
        facets[item] = make_facet(name, own.declared.counts(0), declared_shape(name, request));
    }
    for (auto& [item, facet] : facets) out.push_back(std::move(facet));
}

// How the request shows a facet: its limit, the date bucket, the values its options select
// (a bare surname as the full name the facet counts it under).
FacetShape facet_shape(Field field, const SearchRequest& request, const OpenedIndex& index) {
    FacetShape shape{request.facet_limit, request.date_bucket, {}};
    const std::vector<std::string>* selected = field == Field::Source     ? &request.sources
                                               : field == Field::Speaker  ? &request.speakers
                                               : field == Field::Location ? &request.locations
                                                                          : nullptr;
    if (!selected) return shape;
    for (const auto& value : *selected) {
        auto full = index.surnames.find(value);
        shape.selected.push_back(
            field == Field::Speaker && full != index.surnames.end() ? full->second : value);
    }
    return shape;
}

// The facets in schema::facet_fields() order: the main pass's from its tally, each multi-select one
// by a pass without its own filter.
std::vector<Facet> count_facets(const MatchCounts& counts, const FacetPasses& passes,
                                const SearchPlan& plan, Xapian::Enquire& enquire,
                                const OpenedIndex& index, Xapian::doccount all,
                                const SearchRequest& request) {
    std::map<Field, Facet> facets;
    for (std::size_t i = 0; i < passes.main.size(); ++i)
        facets[passes.main[i]] =
            make_facet(passes.main[i], counts.tally.counts(i), counts.tally.counts(i, true),
                       facet_shape(passes.main[i], request, index));
    for (Field f : passes.own) {
        enquire.set_query(plan.query(f));
        MatchCounts own({f}, index.any_remote, false, false);
        own.tally.merge_names(Field::Speaker, index.surnames);
        own.run(enquire, 0, 0, all);
        facets[f] = make_facet(f, own.tally.counts(0), {}, facet_shape(f, request, index));
    }
    std::vector<Facet> out;
    for (Field f : schema::facet_fields()) out.push_back(std::move(facets[f]));
    count_declared(counts, passes, plan, enquire, index, all, request, out);
    return out;
}

// Hits are made and sent this many at a time.
constexpr std::size_t kBatch = 256;

// The hits of page.shown[from, to). After the index changed under the search (a writer
// committed twice while a long page was sent), the rest is read from its new revision.
std::vector<Hit> batch_of_hits(const Page& page, std::size_t from, Paging paging,
                               const SearchRequest& request, const SearchPlan& plan,
                               Xapian::Enquire& enquire, OpenedIndex& index, HitSink& sink) {
    const std::size_t to = std::min(page.shown.size(), from + kBatch);
    auto make = [&] {
        // Snippets highlight what the Enquire holds: the previous batch's folding changed it.
        enquire.set_query(has_quote_terms(plan.text()) ? with_quoted_words(plan.query())
                                                       : plan.query());
        std::vector<Hit> hits = page_hits(page, from, to, paging, request, plan.stemmer(), enquire,
                                          plan.query(), index.db);
        for (Hit& hit : hits) show_full_names(index.surnames, hit.speakers, hit.quotes);
        if (request.context > 0)
            for (Hit& hit : hits) add_context(index.db, request.context, hit);
        return hits;
    };
    if (from == 0) return make();  // nothing sent yet: a change starts the search again
    try {
        return make();
    } catch (const Xapian::DatabaseModifiedError&) {
        index.db.reopen();
        sink.note("the index changed while the results were sent (a writer committed): hits " +
                  std::to_string(request.offset + from + 1) + " on come from its newer revision");
    }
    try {
        return make();
    } catch (const Xapian::DocNotFoundError&) {
        throw IndexError(
            "the index changed while the results were sent, and passages of the "
            "page are gone from it; run the search again");
    }
}

// Runs the search, sending its results to `sink`; `started` is set once it has been sent any.
void search_once(const SearchRequest& request, HitSink& sink, bool& started) {
    check_options(request);
    OpenedIndex index = open_index(request);
    const SearchPlan plan(request, index);
    const Paging paging = choose_paging(request, index.any_remote, plan.text());
    const Xapian::doccount all = index.db.get_doccount();
    Xapian::Enquire enquire = make_enquire(index.db, request, paging);
    enquire.set_query(plan.query());
    const FacetPasses passes = facet_passes(plan, index);
    MatchCounts counts(passes.main, index.any_remote, paging == Paging::RankArticles,
                       paging == Paging::FoldCopies, passes.declared_main);
    counts.tally.merge_names(Field::Speaker, index.surnames);
    Page page = collect_page(enquire, counts, request, paging, index.db, plan.text());

    SearchResults results;
    results.query = request.query;
    results.notes = plan.notes();
    results.total_passages = counts.passages();
    results.total_articles = counts.tally.articles();
    results.total_results = paging == Paging::FoldCopies  ? counts.copies.results()
                            : paging == Paging::EveryCopy ? results.total_passages
                                                          : results.total_articles;
    results.did_you_mean = plan.did_you_mean();
    results.facets = count_facets(counts, passes, plan, enquire, index, all, request);
    // After the facet passes, as always: MSet::snippet highlights the query the Enquire holds
    // when it is called (Xapian 1.4.22), which those passes changed in filters only. It weighs
    // only terms the MSet has statistics for: quote: words, highlighted as the plain words of
    // the text, need an MSet of their own.
    if (has_quote_terms(plan.text())) {
        enquire.set_query(with_quoted_words(plan.query()));
        page.mset = enquire.get_mset(0, 0);
    }
    std::vector<Hit> hits = batch_of_hits(page, 0, paging, request, plan, enquire, index, sink);
    started = true;
    sink.start(results);
    for (std::size_t from = 0; from < page.shown.size(); from += kBatch) {
        if (from > 0) hits = batch_of_hits(page, from, paging, request, plan, enquire, index, sink);
        for (const Hit& hit : hits) sink.hit(hit);
    }
    sink.finish();
}

// Keeps what it is sent: the whole results.
class Collected : public HitSink {
  public:
    void start(const SearchResults& summary) override { results = summary; }
    void hit(const Hit& hit) override { results.hits.push_back(hit); }
    void finish() override {}
    void note(const std::string& note) override { results.notes.push_back(note); }
    SearchResults results;
};

}  // namespace

void search(const SearchRequest& request, HitSink& sink) {
    // An indexer committing meanwhile can outdate the revision this reader opened, and a
    // rebuild switches generation: open the index afresh and run the search again, unless
    // results have been sent.
    for (int attempt = 1;; ++attempt) {
        bool started = false;
        try {
            return search_once(request, sink, started);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (started || attempt == 5) throw;
        } catch (const PartGone&) {
            if (started || attempt == 5) throw;
        } catch (const Xapian::NetworkError& e) {  // only remote parts talk over a network
            throw IndexError("a remote shard stopped answering during the search (" +
                             e.get_description() +
                             "); check that the xapian-tcpsrv servers the stub lists are running");
        }
    }
}

SearchResults search(const SearchRequest& request) {
    Collected collected;
    search(request, collected);
    return std::move(collected.results);
}

}  // namespace dateline
