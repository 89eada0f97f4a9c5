// End-to-end: indexing on several threads (--jobs) and into several databases (--shards) gives
// the same answers as one thread writing one database, and updates find each article's shard.
#include <cmath>

#include "tests/cli_util.h"

using namespace cli;

namespace {

// Queries of each kind, with filters and dates: their answers must not depend on the layout.
const std::vector<std::vector<std::string>> kQueries = {
    {"health care"},
    {"\"health care\""},
    {"Trump OR Obama"},
    {"tax NOT cut"},
    {"immigra*"},
    {"minister", "--source", "Reuters"},
    {"police", "--from", "2017-01-10", "--to", "2017-01-20"},
    {"said", "--facet-limit", "0"},
};

std::vector<std::string> stub_lines(const fs::path& db) {
    std::ifstream stub(db / "XAPIANDB");
    std::vector<std::string> lines;
    for (std::string line; std::getline(stub, line);) lines.push_back(line);
    return lines;
}

json search(const fs::path& db, std::vector<std::string> args, const fs::path& dir) {
    args.insert(args.begin(), {"--db", db.string(), "--format", "json", "--limit", "100000"});
    Run r = run(kSearch, args, dir);
    REQUIRE_MESSAGE(r.status <= 1, r.err);
    return json::parse(r.out);
}

// Two answers agree: the same totals and facet counts, the same passages with the same scores
// (ties may come in another order: documents are numbered differently in each layout).
// A wildcard is expanded in each database on its own, so its weights depend on the layout:
// with `scores` false only what matched is compared.
void check_same(const json& a, const json& b, const std::string& what, bool scores) {
    CAPTURE(what);
    CHECK(a["total_passages"] == b["total_passages"]);
    CHECK(a["total_articles"] == b["total_articles"]);
    CHECK(a["facets"] == b["facets"]);
    std::map<std::string, double> weights;
    for (const auto& h : a["hits"])
        weights[h["article_id"].get<std::string>() + "#" +
                std::to_string(h["passage"].get<int>())] = h["score"];
    REQUIRE(a["hits"].size() == b["hits"].size());
    for (const auto& h : b["hits"]) {
        std::string key =
            h["article_id"].get<std::string>() + "#" + std::to_string(h["passage"].get<int>());
        auto it = weights.find(key);
        REQUIRE_MESSAGE(it != weights.end(), key << " only in the second answer");
        if (scores) CHECK(std::abs(it->second - h["score"].get<double>()) < 1e-9);
    }
}

void check_same_answers(const fs::path& reference, const fs::path& other, const fs::path& dir) {
    for (const auto& q : kQueries) {
        std::string what = other.filename().string() + ":";
        for (const auto& w : q) what += " " + w;
        bool wildcard = q.front().find('*') != std::string::npos;
        std::vector<std::string> every = q;
        every.insert(every.begin(), "--all-copies");
        check_same(search(reference, every, dir), search(other, every, dir), what, !wildcard);
        // Wire copies folded: the same number of results (which of two tied copies shows may
        // differ with the layout).
        json folded = search(reference, q, dir), other_folded = search(other, q, dir);
        CHECK(folded["total_results"] == other_folded["total_results"]);
        CHECK(folded["hits"].size() == other_folded["hits"].size());
    }
}

// The JSON Lines file rewritten: the first `drop` articles gone, the next `edit` with a
// sentence added, and `add` articles of the corpus after the first `count` appended.
void write_changed(const fs::path& from, const fs::path& to, std::size_t drop, std::size_t edit,
                   const fs::path& extra) {
    std::ifstream in(from);
    std::ofstream out(to, std::ios::binary);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line); ++n) {
        if (n < drop) continue;
        if (n >= drop + edit) {
            out << line << "\n";  // unchanged, byte for byte
            continue;
        }
        json article = json::parse(line);
        article["text"] = article["text"].get<std::string>() +
                          "\n\nThe council said on Friday that the review was complete.";
        out << article.dump() << "\n";
    }
    std::ifstream more(extra);
    out << more.rdbuf();
}

}  // namespace

TEST_CASE("--jobs and --shards answer exactly as one thread writing one database") {
    if (!have_allsides()) return;
    TempDir tmp;
    const fs::path slice = tmp.path / "slice.jsonl";
    write_slice(slice, 300);
    const fs::path corpus = kSource / "corpus";
    struct Layout {
        std::string name;
        std::vector<std::string> options;
        std::size_t databases;
    };
    const Layout layouts[] = {{"one.db", {"--jobs", "1"}, 1},
                              {"merged.db", {"--jobs", "2"}, 1},
                              {"shards3.db", {"--jobs", "2", "--shards", "3"}, 3},
                              {"shards2.db", {"--jobs", "1", "--shards", "2"}, 2}};
    for (const auto& layout : layouts) {
        CAPTURE(layout.name);
        const fs::path db = tmp.path / layout.name;
        std::vector<std::string> args = {"build", corpus.string(), slice.string(), "--db",
                                         db.string()};
        args.insert(args.end(), layout.options.begin(), layout.options.end());
        Run built = run(kIndex, args, tmp.path);
        REQUIRE_MESSAGE(built.status == 0, built.err);
        CHECK(built.out.find("305 added") != std::string::npos);
        std::vector<std::string> lines = stub_lines(db);
        REQUIRE(lines.size() == layout.databases);
        if (layout.databases > 1)
            CHECK(lines.back() == "auto g1/s" + std::to_string(lines.size() - 1));
        // Merged parts leave nothing behind but the generation.
        CHECK_FALSE(fs::exists(db / "g1-parts"));
        Run check =
            run(kIndex, {"check", "--db", db.string(), corpus.string(), slice.string()}, tmp.path);
        CHECK_MESSAGE(check.status == 0, check.out << check.err);
        CHECK(check.out.find("305 articles") != std::string::npos);
        if (layout.name != "one.db") check_same_answers(tmp.path / "one.db", db, tmp.path);
    }
}

TEST_CASE("update sends each article to its shard: the same index as a fresh build") {
    if (!have_allsides()) return;
    TempDir tmp;
    const fs::path all = tmp.path / "all.jsonl", articles = tmp.path / "articles.jsonl",
                   extra = tmp.path / "extra.jsonl";
    write_slice(all, 260);
    {
        std::ifstream in(all);
        std::ofstream first(articles), rest(extra);
        std::string line;
        for (int n = 0; std::getline(in, line); ++n) (n < 240 ? first : rest) << line << "\n";
    }
    const fs::path db = tmp.path / "sharded.db";
    Run built =
        run(kIndex, {"build", articles.string(), "--db", db.string(), "--shards", "3"}, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);

    // 10 articles gone, 10 edited, 20 new; the file keeps its name, as an edited corpus would.
    const fs::path changed = tmp.path / "changed.jsonl";
    write_changed(articles, changed, 10, 10, extra);
    fs::rename(changed, articles);
    Run update = run(kIndex, {"update", articles.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(update.status == 0, update.err);
    CHECK_MESSAGE(
        update.out.find("20 added, 10 updated, 220 unchanged, 10 removed") != std::string::npos,
        update.out);
    CHECK(stub_lines(db).size() == 3);
    Run check = run(kIndex, {"check", "--db", db.string(), articles.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.out << check.err);
    CHECK(check.out.find("250 articles") != std::string::npos);

    const fs::path fresh = tmp.path / "fresh.db";
    Run rebuilt =
        run(kIndex, {"build", articles.string(), "--db", fresh.string(), "--jobs", "1"}, tmp.path);
    REQUIRE_MESSAGE(rebuilt.status == 0, rebuilt.err);
    check_same_answers(fresh, db, tmp.path);
    json council = search(db, {"\"review was complete\""}, tmp.path);
    CHECK(council["total_articles"] == 10);

    // The number of shards changes only with a build.
    Run refused =
        run(kIndex, {"update", articles.string(), "--db", db.string(), "--shards", "2"}, tmp.path);
    CHECK(refused.status == 2);
    CHECK(refused.err.find("--shards goes with build") != std::string::npos);
    Run rebuilt2 =
        run(kIndex, {"build", articles.string(), "--db", db.string(), "--shards", "2"}, tmp.path);
    REQUIRE_MESSAGE(rebuilt2.status == 0, rebuilt2.err);
    CHECK(stub_lines(db) == std::vector<std::string>{"auto g2/s0", "auto g2/s1"});
    check_same_answers(fresh, db, tmp.path);
}
