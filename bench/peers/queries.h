// The fixed query sets (bench/queries-*.tsv) and the timing output every searcher prints.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

// One line of a query file, tab-separated:
//   label  query  source  from  to  fts5  recoll  sphinx
// `query` is Xapian QueryParser syntax (Dateline and the Xapian floor); `source` an outlet
// filter (exact name), `from`/`to` a date range (YYYY-MM-DD); `fts5`, `recoll` and `sphinx`
// the same query in their syntax when it differs (empty: as `query`; "-": the peer cannot run
// it).
struct BenchQuery {
    std::string label, query, source, from, to, fts5, recoll, sphinx;
};

// The digits of a date: 2019-09-01 -> 20190901.
inline std::string digits(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out += c;
    return out;
}

inline std::vector<BenchQuery> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<BenchQuery> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (;;) {
            std::size_t tab = line.find('\t', start);
            f.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        f.resize(8);
        BenchQuery q{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]};
        if (q.fts5.empty()) q.fts5 = q.query;
        if (q.recoll.empty()) q.recoll = q.query;
        if (q.sphinx.empty()) q.sphinx = q.query;
        out.push_back(q);
    }
    return out;
}

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// One timing line: query number, repetition (0 = warm-up, not counted), mode, milliseconds,
// matches (documents the engine counted, for a sanity check across engines).
inline void print_timing(std::size_t query, int rep, const char* mode, double ms,
                         unsigned long long matches) {
    std::printf("%zu\t%d\t%s\t%.4f\t%llu\n", query, rep, mode, ms, matches);
}

}  // namespace bench
