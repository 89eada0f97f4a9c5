// The engine's floor for a query: QueryParser (AND by default, phrases, boolean operators,
// wildcards, English stemmer, STEM_SOME), outlet and date filters, Enquire top 10 and each
// hit's document data. All queries in one process, each timed.
//   xapian_floor_search DB QUERIES.tsv REPS
#include <xapian.h>

#include <iostream>

#include "bench/peers/jsonl.h"
#include "bench/peers/queries.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: xapian_floor_search DB QUERIES.tsv REPS\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        auto queries = bench::read_queries(argv[2]);
        int reps = std::stoi(argv[3]);
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_AND);
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
        Xapian::Enquire enquire(db);
        for (int rep = 0; rep <= reps; ++rep) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
                const auto& q = queries[i];
                auto start = bench::Clock::now();
                Xapian::Query query =
                    q.query.empty() ? Xapian::Query::MatchAll : qp.parse_query(q.query, flags);
                if (!q.source.empty())
                    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                          Xapian::Query("XS" + bench::slug(q.source)));
                if (!q.from.empty() || !q.to.empty())
                    query = Xapian::Query(
                        Xapian::Query::OP_FILTER, query,
                        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0,
                                      q.from.empty() ? "0" : bench::yyyymmdd(q.from),
                                      q.to.empty() ? "99999999" : bench::yyyymmdd(q.to)));
                enquire.set_query(query);
                Xapian::MSet mset = enquire.get_mset(0, 10);
                std::size_t bytes = 0;
                for (auto it = mset.begin(); it != mset.end(); ++it)
                    bytes += it.get_document().get_data().size();
                double ms = bench::ms_since(start);
                if (bytes == 0 && !mset.empty()) return 1;  // never: keeps the fetch
                bench::print_timing(i, rep, "top10", ms, mset.get_matches_estimated());
            }
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_floor_search: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "xapian_floor_search: " << e.what() << "\n";
        return 1;
    }
}
