// Search: the stages from a request to its results (plan, collect, count facets, make hits),
// run again when the index changes under them.
#include "src/search/search.h"

#include <algorithm>
#include <map>

#include "schema/schema.h"
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
// others by the main pass.
struct FacetPasses {
    std::vector<Field> main, own;
};

FacetPasses facet_passes(const SearchPlan& plan) {
    FacetPasses passes;
    for (Field f : schema::facet_fields())
        (plan.filters(f) ? passes.own : passes.main).push_back(f);
    return passes;
}

// The facets in schema::facet_fields() order: the main pass's from its tally, each multi-select one
// by a pass without its own filter.
std::vector<Facet> count_facets(const MatchCounts& counts, const FacetPasses& passes,
                                const SearchPlan& plan, Xapian::Enquire& enquire,
                                const OpenedIndex& index, Xapian::doccount all, std::size_t limit) {
    std::map<Field, Facet> facets;
    for (std::size_t i = 0; i < passes.main.size(); ++i)
        facets[passes.main[i]] =
            make_facet(passes.main[i], counts.tally.counts(i), counts.tally.counts(i, true), limit);
    for (Field f : passes.own) {
        enquire.set_query(plan.query(f));
        MatchCounts own({f}, index.any_remote, false, false);
        own.tally.merge_names(Field::Speaker, index.surnames);
        own.run(enquire, 0, 0, all);
        facets[f] = make_facet(f, own.tally.counts(0), {}, limit);
    }
    std::vector<Facet> out;
    for (Field f : schema::facet_fields()) out.push_back(std::move(facets[f]));
    return out;
}

// Hits name a speaker as the facets count them: a bare surname as the full name it stands for.
void show_full_names(std::vector<Hit>& hits,
                     const std::unordered_map<std::string, std::string>& surnames) {
    auto full = [&](std::string& name) {
        if (auto it = surnames.find(name); it != surnames.end()) name = it->second;
    };
    for (Hit& hit : hits) {
        for (auto& name : hit.speakers) full(name);
        for (auto& quote : hit.quotes) full(quote.speaker);
        std::vector<std::string> unique;
        for (auto& name : hit.speakers)
            if (std::find(unique.begin(), unique.end(), name) == unique.end())
                unique.push_back(name);
        hit.speakers = std::move(unique);
    }
}

SearchResults search_once(const SearchRequest& request) {
    check_options(request);
    const OpenedIndex index = open_index(request);
    const SearchPlan plan(request, index);
    const Paging paging = choose_paging(request, index.any_remote, plan.text());
    const Xapian::doccount all = index.db.get_doccount();
    Xapian::Enquire enquire = make_enquire(index.db, request, paging);
    enquire.set_query(plan.query());
    const FacetPasses passes = facet_passes(plan);
    MatchCounts counts(passes.main, index.any_remote, paging == Paging::RankArticles,
                       paging == Paging::FoldCopies);
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
    results.facets = count_facets(counts, passes, plan, enquire, index, all, request.facet_limit);
    // After the facet passes, as always: MSet::snippet highlights the query the Enquire holds
    // when it is called (Xapian 1.4.22), which those passes changed in filters only. It weighs
    // only terms the MSet has statistics for: quote: words, highlighted as the plain words of
    // the text, need an MSet of their own.
    if (has_quote_terms(plan.text())) {
        enquire.set_query(with_quoted_words(plan.query()));
        page.mset = enquire.get_mset(0, 0);
    }
    results.hits = page_hits(page, paging, request, plan.stemmer(), enquire, plan.query(), all);
    show_full_names(results.hits, index.surnames);
    return results;
}

}  // namespace

SearchResults search(const SearchRequest& request) {
    // An indexer committing meanwhile can outdate the revision this reader opened, and a
    // rebuild switches generation: open the index afresh and run the search again.
    for (int attempt = 1;; ++attempt) {
        try {
            return search_once(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 5) throw;
        } catch (const PartGone&) {
            if (attempt == 5) throw;
        } catch (const Xapian::NetworkError& e) {  // only remote parts talk over a network
            throw IndexError("a remote shard stopped answering during the search (" +
                             e.get_description() +
                             "); check that the xapian-tcpsrv servers the stub lists are running");
        }
    }
}

}  // namespace dateline
