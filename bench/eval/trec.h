// Judged test collections (bench/eval): queries.jsonl, TREC qrels and runs, and the three
// figures every system is scored by, in one place so that all of them are scored alike.
//   MAP      mean over the judged queries (at least one relevant document) of the average
//            precision of the first 1000 results; a query without results counts 0
//   nDCG@10  graded gain (the qrels' grade), log2 discount, ideal from the qrels
//   P@10     relevant among the first 10 (a grade over 0 is relevant)
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eval {

inline constexpr std::size_t kDepth = 1000;  // results per query in a run

struct Query {
    std::string id, text;  // as natural_language() makes it: every system gets the same words
};

// ASCII lower case: TIME's queries are upper case, and QueryParser reads AND/OR/NOT in capitals
// as operators.
inline std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The query's words: runs of ASCII letters and digits, or of non-ASCII bytes.
inline std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) {
            w += c;
        } else if (!w.empty()) {
            out.push_back(w);
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(w);
    return out;
}

// A query as plain words: lower case (TIME's queries are upper case, and QueryParser reads AND,
// OR, NOT in capitals as operators), everything but words replaced by spaces (quotes would be
// phrases, a hyphen a phrase or NOT, parentheses groups), single spaces.
inline std::string natural_language(const std::string& text) {
    std::string out;
    for (const auto& w : words(lower(text))) out += (out.empty() ? "" : " ") + w;
    return out;
}

inline std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line);
        auto id = j.at("id");
        out.push_back({id.is_string() ? id.get<std::string>() : id.dump(),
                       natural_language(j.at("text").get<std::string>())});
    }
    return out;
}

using Qrels = std::map<std::string, std::map<std::string, int>>;  // query -> document -> grade

inline Qrels read_qrels(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Qrels out;
    std::string q, iter, doc;
    int grade;
    while (in >> q >> iter >> doc >> grade) out[q][doc] = grade;
    return out;
}

struct Ranked {
    std::string doc;
    double score;
};
using Run = std::map<std::string, std::vector<Ranked>>;  // query -> results, best first

// Best first; equal scores by document id, so every run is deterministic.
inline void sort_ranked(std::vector<Ranked>& r) {
    std::sort(r.begin(), r.end(), [](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    });
    if (r.size() > kDepth) r.resize(kDepth);
}

inline void write_run(std::ostream& out, const Run& run, const std::string& tag) {
    char buf[64];
    for (const auto& [q, ranked] : run)
        for (std::size_t i = 0; i < ranked.size() && i < kDepth; ++i) {
            std::snprintf(buf, sizeof buf, "%.6f", ranked[i].score);
            out << q << " Q0 " << ranked[i].doc << ' ' << i + 1 << ' ' << buf << ' ' << tag << '\n';
        }
}

// A TREC run: results in file order per query (the order write_run gives them).
inline Run read_run(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Run run;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream f(line);
        std::string q, q0, doc, rank, tag;
        double score = 0;
        if (f >> q >> q0 >> doc >> rank >> score) run[q].push_back({doc, score});
    }
    return run;
}

struct Metrics {
    double map = 0, ndcg10 = 0, p10 = 0;
    std::size_t queries = 0;  // judged
};

inline Metrics score(const Run& run, const Qrels& qrels) {
    Metrics m;
    for (const auto& [q, judged] : qrels) {
        std::size_t relevant = 0;
        std::vector<int> grades;
        for (const auto& [doc, g] : judged)
            if (g > 0) {
                ++relevant;
                grades.push_back(g);
            }
        if (relevant == 0) continue;
        ++m.queries;
        std::sort(grades.rbegin(), grades.rend());
        double ideal = 0;
        for (std::size_t i = 0; i < grades.size() && i < 10; ++i)
            ideal += grades[i] / std::log2(i + 2.0);
        auto it = run.find(q);
        if (it == run.end()) continue;
        double ap = 0, dcg = 0;
        std::size_t found = 0;
        for (std::size_t i = 0; i < it->second.size() && i < kDepth; ++i) {
            auto g = judged.find(it->second[i].doc);
            int grade = g == judged.end() ? 0 : g->second;
            if (grade <= 0) continue;
            ++found;
            ap += static_cast<double>(found) / static_cast<double>(i + 1);
            if (i < 10) {
                dcg += grade / std::log2(i + 2.0);
                m.p10 += 0.1;
            }
        }
        m.map += ap / static_cast<double>(relevant);
        m.ndcg10 += dcg / ideal;
    }
    if (m.queries) {
        double n = static_cast<double>(m.queries);
        m.map /= n;
        m.ndcg10 /= n;
        m.p10 /= n;
    }
    return m;
}

}  // namespace eval
