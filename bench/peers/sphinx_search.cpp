// Sphinx (Debian's sphinxsearch 2.2) through searchd's SphinxQL (MySQL protocol, libmariadb):
// the top 10 by its default ranking, a snippet of each (CALL SNIPPETS over the article files
// Recoll also indexes; searchd's snippets_file_prefix is their folder), the number of matching
// articles and the articles per outlet (GROUP BY source, without the outlet filter). All queries in
// one process, each timed; the time includes the round trips to searchd on the loopback.
//   sphinx_search PORT QUERIES.tsv REPS
#include <mysql.h>

#include <cstdio>
#include <iostream>

#include "bench/peers/queries.h"

namespace {

MYSQL* connection = nullptr;

std::string escape(const std::string& s) {
    std::string out(s.size() * 2 + 1, '\0');
    out.resize(mysql_real_escape_string(connection, out.data(), s.data(), s.size()));
    return out;
}

// Runs a statement; calls f(row, lengths) per row of its result.
template <typename F>
void run(const std::string& sql, F f) {
    if (mysql_real_query(connection, sql.data(), sql.size()) != 0)
        throw std::runtime_error(sql + ": " + mysql_error(connection));
    do {
        MYSQL_RES* res = mysql_store_result(connection);
        if (!res) continue;
        while (MYSQL_ROW row = mysql_fetch_row(res)) f(row, mysql_fetch_lengths(res));
        mysql_free_result(res);
    } while (mysql_next_result(connection) == 0);
}

std::string file_of(long id) {  // as prepare.py files names article id - 1
    char name[64];
    std::snprintf(name, sizeof name, "%03ld/%06ld.txt", (id - 1) / 1000, id - 1);
    return name;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: sphinx_search PORT QUERIES.tsv REPS\n";
        return 2;
    }
    try {
        connection = mysql_init(nullptr);
        if (!mysql_real_connect(connection, "127.0.0.1", "", "", "", std::stoi(argv[1]), nullptr,
                                0))
            throw std::runtime_error(std::string("cannot reach searchd: ") +
                                     mysql_error(connection));
        auto queries = bench::read_queries(argv[2]);
        int reps = std::stoi(argv[3]);
        for (int rep = 0; rep <= reps; ++rep) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
                const auto& q = queries[i];
                if (q.sphinx == "-") continue;
                std::string match = "MATCH('" + escape(q.sphinx) + "')";
                std::string dates;
                if (!q.from.empty() || !q.to.empty())
                    dates = " AND date BETWEEN " + (q.from.empty() ? "0" : bench::digits(q.from)) +
                            " AND " + (q.to.empty() ? "99999999" : bench::digits(q.to));
                std::string outlet =
                    q.source.empty() ? "" : " AND source = '" + escape(q.source) + "'";
                auto start = bench::Clock::now();
                std::vector<long> ids;
                run("SELECT id FROM articles WHERE " + match + outlet + dates + " LIMIT 10",
                    [&](MYSQL_ROW row, unsigned long*) { ids.push_back(std::stol(row[0])); });
                std::size_t bytes = 0;
                if (!ids.empty()) {
                    std::string files;
                    for (long id : ids) files += (files.empty() ? "'" : ",'") + file_of(id) + "'";
                    run("CALL SNIPPETS((" + files + "), 'articles', '" + escape(q.sphinx) +
                            "', 1 AS load_files)",
                        [&](MYSQL_ROW, unsigned long* len) { bytes += len[0]; });
                }
                double top_ms = bench::ms_since(start);
                unsigned long long articles = 0;
                run("SELECT source, COUNT(*) AS n FROM articles WHERE " + match + dates +
                        " GROUP BY source LIMIT 1000",
                    [&](MYSQL_ROW row, unsigned long*) {
                        if (q.source.empty() || q.source == row[0]) articles += std::stoull(row[1]);
                    });
                double ms = bench::ms_since(start);
                bench::print_timing(i, rep, "top10+snippets", top_ms, bytes);
                bench::print_timing(i, rep, "full", ms, articles);
            }
        }
        mysql_close(connection);
    } catch (const std::exception& e) {
        std::cerr << "sphinx_search: " << e.what() << "\n";
        return 1;
    }
}
