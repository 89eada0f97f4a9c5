// SQLite FTS5 answering what Dateline answers: the top 10 by bm25 with a snippet each, the
// number of matching articles, and the matching articles per outlet (GROUP BY source, without
// the outlet filter, as Dateline's multi-select facet). All queries in one process, each timed.
//   fts5_search DB.sqlite QUERIES.tsv REPS
#include <sqlite3.h>

#include <iostream>

#include "bench/peers/queries.h"

namespace {

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    return s;
}

// MATCH ?1, then optional outlet ?2 and date range ?3..?4.
std::string where(bool source, bool dates) {
    std::string w = " WHERE doc MATCH ?1";
    if (source) w += " AND source = ?2";
    if (dates) w += " AND date >= ?3 AND date <= ?4";
    return w;
}

void bind(sqlite3_stmt* s, const bench::BenchQuery& q, bool source) {
    sqlite3_bind_text(s, 1, q.fts5.c_str(), -1, SQLITE_TRANSIENT);
    if (source && !q.source.empty())
        sqlite3_bind_text(s, 2, q.source.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.from.empty() || !q.to.empty()) {
        sqlite3_bind_text(s, 3, q.from.empty() ? "0" : q.from.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, q.to.empty() ? "9" : q.to.c_str(), -1, SQLITE_TRANSIENT);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: fts5_search DB.sqlite QUERIES.tsv REPS\n";
        return 2;
    }
    sqlite3* db = nullptr;
    try {
        if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + std::string(argv[1]));
        auto queries = bench::read_queries(argv[2]);
        int reps = std::stoi(argv[3]);
        for (int rep = 0; rep <= reps; ++rep) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
                const auto& q = queries[i];
                if (q.fts5 == "-") continue;
                bool dates = !q.from.empty() || !q.to.empty();
                auto start = bench::Clock::now();
                // Statements are prepared per query, as a program answering one query would.
                sqlite3_stmt* top =
                    prepare(db,
                            "SELECT id, title, source, date, bm25(doc), "
                            "snippet(doc, 1, '**', '**', '…', 40) FROM doc" +
                                where(!q.source.empty(), dates) + " ORDER BY rank LIMIT 10");
                bind(top, q, true);
                std::size_t bytes = 0;
                int rc;
                while ((rc = sqlite3_step(top)) == SQLITE_ROW)
                    bytes += static_cast<std::size_t>(sqlite3_column_bytes(top, 5));
                if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
                sqlite3_finalize(top);
                double top_ms = bench::ms_since(start);
                sqlite3_stmt* facet = prepare(db, "SELECT source, count(*) FROM doc" +
                                                      where(false, dates) + " GROUP BY source");
                bind(facet, q, false);
                unsigned long long articles = 0;  // with the outlet filter, as Dateline counts
                while ((rc = sqlite3_step(facet)) == SQLITE_ROW) {
                    auto n = static_cast<unsigned long long>(sqlite3_column_int64(facet, 1));
                    auto source = reinterpret_cast<const char*>(sqlite3_column_text(facet, 0));
                    if (q.source.empty() || (source && q.source == source)) articles += n;
                }
                if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
                sqlite3_finalize(facet);
                double ms = bench::ms_since(start);
                bench::print_timing(i, rep, "top10+snippets", top_ms, bytes);
                bench::print_timing(i, rep, "full", ms, articles);
            }
        }
        sqlite3_close(db);
    } catch (const std::exception& e) {
        std::cerr << "fts5_search: " << e.what() << "\n";
        sqlite3_close(db);
        return 1;
    }
}
