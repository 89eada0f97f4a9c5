// SQLite FTS5 over judged queries: the index of bench/peers/fts5_index (one row per article,
// title and body, porter over unicode61), each query's words quoted and joined by OR, ordered by
// bm25() (k1 1.2, b 0.75, both columns weight 1), the first 1000 as a TREC run.
//   fts5_eval DB.sqlite QUERIES.jsonl RUN
#include <sqlite3.h>

#include <fstream>
#include <iostream>

#include "bench/eval/trec.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: fts5_eval DB.sqlite QUERIES.jsonl RUN\n";
        return 2;
    }
    sqlite3* db = nullptr;
    sqlite3_stmt* top = nullptr;
    try {
        if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + std::string(argv[1]));
        // bm25() is lower for better matches.
        const std::string sql =
            "SELECT id, bm25(doc) FROM doc WHERE doc MATCH ?1 ORDER BY rank "
            "LIMIT " +
            std::to_string(eval::kDepth);
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &top, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
        eval::Run run;
        for (const auto& q : eval::read_queries(argv[2])) {
            std::string match;
            for (const auto& w : eval::words(q.text))
                match += (match.empty() ? "\"" : " OR \"") + w + "\"";
            auto& ranked = run[q.id];
            if (match.empty()) continue;
            sqlite3_bind_text(top, 1, match.c_str(), -1, SQLITE_TRANSIENT);
            int rc;
            while ((rc = sqlite3_step(top)) == SQLITE_ROW)
                ranked.push_back({reinterpret_cast<const char*>(sqlite3_column_text(top, 0)),
                                  -sqlite3_column_double(top, 1)});
            if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
            sqlite3_reset(top);
        }
        std::ofstream out(argv[3]);
        eval::write_run(out, run, "fts5");
        sqlite3_finalize(top);
        sqlite3_close(db);
    } catch (const std::exception& e) {
        std::cerr << "fts5_eval: " << e.what() << "\n";
        sqlite3_finalize(top);
        sqlite3_close(db);
        return 1;
    }
}
