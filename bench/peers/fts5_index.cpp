// SQLite FTS5: one row per article (title and text indexed with the Porter stemmer over
// unicode61; outlet, date and id stored unindexed), inserted in one transaction, then merged
// into one segment ('optimize') as a static index would be.
//   fts5_index DB.sqlite FILE.jsonl[.gz]...
#include <sqlite3.h>

#include <cstdio>
#include <iostream>

#include "bench/peers/jsonl.h"

namespace {

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "?";
        sqlite3_free(error);
        throw std::runtime_error(std::string(sql) + ": " + message);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: fts5_index DB.sqlite FILE.jsonl[.gz]...\n";
        return 2;
    }
    std::remove(argv[1]);
    sqlite3* db = nullptr;
    try {
        if (sqlite3_open(argv[1], &db) != SQLITE_OK) throw std::runtime_error("cannot open db");
        exec(db,
             "CREATE VIRTUAL TABLE doc USING fts5(title, body, source UNINDEXED, date UNINDEXED, "
             "id UNINDEXED, tokenize='porter unicode61')");
        exec(db, "BEGIN");
        sqlite3_stmt* insert = nullptr;
        if (sqlite3_prepare_v2(db,
                               "INSERT INTO doc(title, body, source, date, id) VALUES(?,?,?,?,?)",
                               -1, &insert, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
        std::size_t docs = 0, bytes = 0;
        for (int i = 2; i < argc; ++i) {
            bytes += bench::for_each_article(argv[i], [&](const bench::Article& a) {
                const std::string* cols[] = {&a.title, &a.text, &a.source, &a.date, &a.id};
                for (int c = 0; c < 5; ++c)
                    sqlite3_bind_text(insert, c + 1, cols[c]->data(),
                                      static_cast<int>(cols[c]->size()), SQLITE_STATIC);
                if (sqlite3_step(insert) != SQLITE_DONE)
                    throw std::runtime_error(sqlite3_errmsg(db));
                sqlite3_reset(insert);
                ++docs;
            });
        }
        sqlite3_finalize(insert);
        exec(db, "COMMIT");
        exec(db, "INSERT INTO doc(doc) VALUES('optimize')");
        sqlite3_close(db);
        std::cout << "fts5: " << docs << " rows, " << bytes << " bytes read\n";
    } catch (const std::exception& e) {
        std::cerr << "fts5_index: " << e.what() << "\n";
        sqlite3_close(db);
        return 1;
    }
}
