// Collecting the page: Xapian's own, wire copies folded, or articles ranked as wholes.
#include "src/search/collect.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "schema/schema.h"
#include "src/search/plan.h"

namespace dateline {

using schema::Field;

namespace {

// Xapian counts in 32 bits: a page past the last document is empty, not wrapped around.
Xapian::doccount clamp(std::size_t n, Xapian::doccount all) {
    return static_cast<Xapian::doccount>(std::min<std::size_t>(n, all));
}

// The index's articles, and their average length from the first kLengthSample (ids in term
// order: a sample independent of the query; the whole index when it is smaller).
struct ArticleStats {
    double articles = 0;
    double average_length = 1;
};

ArticleStats article_stats(const Xapian::Database& db) {
    const std::string article_prefix(schema::spec(Field::Article).prefix);
    constexpr std::size_t kLengthSample = 2000;
    double articles = 0, sampled = 0, total = 0;
    for (auto t = db.allterms_begin(article_prefix); t != db.allterms_end(article_prefix); ++t) {
        if (++articles > kLengthSample) continue;
        ++sampled;
        Xapian::Document first = db.get_document(*db.postlist_begin(*t), Xapian::DOC_ASSUME_VALID);
        total +=
            Xapian::sortable_unserialise(first.get_value(schema::spec(Field::ArticleLength).slot));
    }
    return {articles, std::max(1.0, total / std::max(1.0, sampled))};
}

// A word's frequency in each article it occurs in: the sum over the article's passages. The
// length of an article first seen goes into `lengths`.
std::unordered_map<std::string, double> article_frequencies(
    const Xapian::Database& db, const std::string& term,
    std::unordered_map<std::string, double>& lengths) {
    const Xapian::valueno id_slot = schema::spec(Field::Article).slot;
    const Xapian::valueno length_slot = schema::spec(Field::ArticleLength).slot;
    std::unordered_map<std::string, double> frequency;  // article -> the word's count
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
        std::string id = doc.get_value(id_slot);
        if (!lengths.count(id))
            lengths[id] = Xapian::sortable_unserialise(doc.get_value(length_slot));
        frequency[id] += p.get_wdf();
    }
    return frequency;
}

// BM25 of whole articles for the query's words (Xapian::BM25Weight's formulas, min_normlen
// 0.5), from the passages' postings: a word's frequency in an article is the sum over its
// passages, its document frequency counts articles, an article's length is the ArticleLength
// the indexer stored (its words). For the articles in `matches` only.
std::unordered_map<std::string, double> article_bm25(const Xapian::Database& db,
                                                     const Xapian::Query& text, const Ranking& r,
                                                     const ArticleMatches& matches) {
    std::map<std::string, int> query_frequency;
    for (const auto& term : word_terms(text)) ++query_frequency[term];
    std::unordered_map<std::string, double> scores;
    if (query_frequency.empty()) return scores;
    const ArticleStats stats = article_stats(db);
    std::unordered_map<std::string, double> lengths;
    for (const auto& [term, qf] : query_frequency) {
        const auto frequency = article_frequencies(db, term, lengths);
        if (frequency.empty()) continue;
        double n = static_cast<double>(frequency.size());
        double tw = (stats.articles - n + 0.5) / (n + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        double idf = std::log(tw) * (r.k3 + 1) * qf / (r.k3 + qf);
        for (const auto& [id, f] : frequency) {
            if (!matches.count(id)) continue;
            double k = r.k1 * ((1 - r.b) + r.b * std::max(lengths[id] / stats.average_length, 0.5));
            scores[id] += idf * (r.k1 + 1) * f / (k + f);
        }
    }
    return scores;
}

// Ranked articles: the spy sees every match with its weight; no page is needed from Xapian.
Page ranked_articles_page(Xapian::Enquire& enquire, MatchCounts& counts,
                          const SearchRequest& request, const Xapian::Database& db,
                          const Xapian::Query& text, Xapian::doccount all) {
    Page page{counts.run(enquire, 0, 0, all), {}};
    ArticleMatches& articles = counts.articles;
    std::unordered_map<std::string, double> whole =
        article_bm25(db, text, request.ranking, articles);
    std::vector<std::pair<double, const std::string*>> order;
    for (const auto& [id, match] : articles)
        order.emplace_back(0.25 * match.best + 0.75 * whole[id], &id);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : *a.second < *b.second;
    });
    for (std::size_t i = request.offset; i < order.size() && i - request.offset < request.limit;
         ++i) {
        const ArticleMatch& match = articles[*order[i].second];
        page.shown.push_back({match.docid, order[i].first, match.passages - 1});
    }
    return page;
}

// Folding copies, the page starts at the offset-th distinct result: ask for more passages
// than the page, and more again if copies used them up. The best-ranked passage of each copy
// key, in rank order (what a collapse key on the Copy slot gives), until the page is full.
Page folded_copies_page(Xapian::Enquire& enquire, MatchCounts& counts, const SearchRequest& request,
                        Xapian::doccount all) {
    const std::size_t wanted = request.offset >= all
                                   ? all + 1  // past the last: an empty page
                                   : request.offset + std::min<std::size_t>(request.limit, all);
    std::size_t asked = std::min<std::size_t>(2 * std::min<std::size_t>(wanted, all) + 32, all);
    Page page{counts.run(enquire, 0, clamp(asked, all), all), {}};
    std::unordered_set<std::string> seen;
    std::size_t results = 0;
    for (auto it = page.mset.begin(); results < wanted;) {
        if (it == page.mset.end()) {
            if (page.mset.size() < asked || asked >= all) break;  // no more matches
            std::size_t from = page.mset.size();
            asked = std::min<std::size_t>(2 * asked, all);
            page.mset = enquire.get_mset(0, clamp(asked, all));
            it = page.mset[static_cast<Xapian::doccount>(from)];
            continue;
        }
        Xapian::Document doc = it.get_document();
        std::string key = doc.get_value(schema::spec(Field::Copy).slot);
        if (key.empty() || seen.insert(std::move(key)).second) {
            if (results >= request.offset) page.shown.push_back({*it, it.get_weight(), 0});
            ++results;
        }
        ++it;
    }
    return page;
}

// Every copy, or articles by Xapian's collapse key: Xapian's own page.
Page xapian_page(Xapian::Enquire& enquire, MatchCounts& counts, const SearchRequest& request,
                 Xapian::doccount all) {
    Page page{counts.run(enquire, clamp(request.offset, all), clamp(request.limit, all), all), {}};
    for (auto it = page.mset.begin(); it != page.mset.end(); ++it)
        page.shown.push_back({*it, it.get_weight(), 0});
    return page;
}

}  // namespace

Paging choose_paging(const SearchRequest& request, bool any_remote, const Xapian::Query& text) {
    if (request.per_article)
        return request.sort == SortOrder::Relevance && !any_remote && !word_terms(text).empty()
                   ? Paging::RankArticles
                   : Paging::CollapseArticles;
    return request.all_copies ? Paging::EveryCopy : Paging::FoldCopies;
}

Xapian::Enquire make_enquire(const Xapian::Database& db, const SearchRequest& request,
                             Paging paging) {
    Xapian::Enquire enquire(db);
    const Ranking& r = request.ranking;
    enquire.set_weighting_scheme(Xapian::BM25Weight(r.k1, r.k2, r.k3, r.b, r.min_normlen));
    // Wire copies share a copy key (schema Copy); an article's passages its id. Match spies run
    // before collapsing: facets still count every copy's outlet.
    // (Copies are folded by folded_copies_page, not by a Xapian collapse key: over a common
    // word Xapian would keep an entry for each of ~100k distinct copy keys.)
    if (paging == Paging::CollapseArticles)
        enquire.set_collapse_key(schema::spec(Field::Article).slot);
    if (request.sort != SortOrder::Relevance)
        enquire.set_sort_by_value_then_relevance(schema::spec(Field::Published).slot,
                                                 request.sort == SortOrder::Newest);
    return enquire;
}

Page collect_page(Xapian::Enquire& enquire, MatchCounts& counts, const SearchRequest& request,
                  Paging paging, const Xapian::Database& db, const Xapian::Query& text) {
    const Xapian::doccount all = db.get_doccount();
    if (counts.remote() && request.sort != SortOrder::Relevance) {
        // Over remote parts, Xapian 1.4's match spies see some matches twice when the results
        // are sorted by value (tests/shard_test.cpp found it): they count in a pass by relevance.
        SearchRequest by_relevance = request;
        by_relevance.sort = SortOrder::Relevance;
        Xapian::Enquire counting = make_enquire(db, by_relevance, paging);
        counting.set_query(enquire.get_query());
        counts.run(counting, 0, 0, all);
    }
    if (paging == Paging::RankArticles)
        return ranked_articles_page(enquire, counts, request, db, text, all);
    if (paging == Paging::FoldCopies) return folded_copies_page(enquire, counts, request, all);
    return xapian_page(enquire, counts, request, all);
}

}  // namespace dateline
