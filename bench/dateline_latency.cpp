// Dateline's query latency, all queries in one process, each timed (steady_clock):
//   full      dateline::search(), the default request: top 10 passages with snippets, exact
//             totals and exact facets (outlet, speaker, place, date); it opens the index
//   top10     the plain top 10: the same parsed query and filters (QueryBuilder) on an index
//             opened once, Enquire top 10 passages and their stored data, no facets or snippets
//   exact     as top10 but every match visited (checkatleast = all), as the facets need
//   snippets  as top10, then each hit's stored data parsed and its snippet made as search()
//             makes it (MSet::snippet over the passage, centred): full - open - snippets is
//             about what the exact totals and facets cost
//   passage   as full, with the query within one passage (--within passage; full matches it
//             article-wide, the default)
//   open      opening the index and its QueryBuilder (synonyms, aliases), as search() does
//   dateline_latency DB QUERIES.tsv REPS [full|scopes]
//             (full: that mode alone, for a profile; scopes: full and passage alone)
#include <xapian.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/peers/queries.h"
#include "src/search/search.h"

namespace {

Xapian::Query with_filters(const dateline::QueryBuilder& builder, const bench::BenchQuery& q) {
    Xapian::Query query = builder.parse(q.query);
    if (!q.source.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              builder.any_of(dateline::schema::Field::Source, {q.source}));
    if (!q.from.empty() || !q.to.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              dateline::QueryBuilder::date_range(
                                  q.from.empty() ? "" : dateline::date_bound(q.from, false, "from"),
                                  q.to.empty() ? "" : dateline::date_bound(q.to, true, "to")));
    return query;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string only = argc == 5 ? argv[4] : "";
    if (argc != 4 && !(argc == 5 && (only == "full" || only == "scopes"))) {
        std::cerr << "usage: dateline_latency DB QUERIES.tsv REPS [full|scopes]\n";
        return 2;
    }
    try {
        const std::string path = argv[1];
        auto queries = bench::read_queries(argv[2]);
        int reps = std::stoi(argv[3]);
        Xapian::Database db(path);
        const dateline::QueryBuilder builder(db);
        Xapian::Enquire enquire(db);
        const Xapian::doccount all = db.get_doccount();
        for (int rep = 0; rep <= reps; ++rep) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
                const auto& q = queries[i];
                dateline::SearchRequest request;
                request.db_path = path;
                request.query = q.query;
                if (!q.source.empty()) request.sources = {q.source};
                request.from = q.from;
                request.to = q.to;
                auto start = bench::Clock::now();
                dateline::SearchResults r = dateline::search(request);
                bench::print_timing(i, rep, "full", bench::ms_since(start), r.total_articles);
                if (only == "full") continue;

                request.within = dateline::Scope::Passage;
                start = bench::Clock::now();
                r = dateline::search(request);
                bench::print_timing(i, rep, "passage", bench::ms_since(start), r.total_articles);
                if (only == "scopes") continue;

                for (Xapian::doccount check : {Xapian::doccount(0), all}) {
                    start = bench::Clock::now();
                    enquire.set_query(with_filters(builder, q));
                    Xapian::MSet mset = enquire.get_mset(0, 10, check);
                    std::size_t bytes = 0;
                    for (auto it = mset.begin(); it != mset.end(); ++it)
                        bytes += it.get_document().get_data().size();
                    double ms = bench::ms_since(start);
                    if (bytes == 0 && !mset.empty()) return 1;  // never: keeps the fetch
                    bench::print_timing(i, rep, check ? "exact" : "top10", ms,
                                        mset.get_matches_estimated());
                }

                start = bench::Clock::now();
                enquire.set_query(with_filters(builder, q));
                Xapian::MSet mset = enquire.get_mset(0, 10);
                const std::string marks[] = {std::string(1, dateline::kMarkStart),
                                             std::string(1, dateline::kMarkEnd)};
                std::size_t chars = 0;
                for (auto it = mset.begin(); it != mset.end(); ++it) {
                    auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
                    if (data.is_discarded()) continue;
                    std::string text = data.value("text", "");
                    std::string marked = mset.snippet(text, text.size() + 64, builder.stemmer(), 0,
                                                      marks[0], marks[1], "");
                    chars += dateline::centre_snippet(marked, 250).size();
                }
                bench::print_timing(i, rep, "snippets", bench::ms_since(start), chars);

                start = bench::Clock::now();
                Xapian::Database fresh(path);
                const dateline::QueryBuilder fresh_builder(fresh);
                bench::print_timing(i, rep, "open", bench::ms_since(start), fresh.get_doccount());
            }
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline_latency: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dateline_latency: " << e.what() << "\n";
        return 1;
    }
}
