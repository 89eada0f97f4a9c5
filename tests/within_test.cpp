// End-to-end: article-wide matching (the default) against --within passage, on the seeds and on
// allsides-news, with the expected articles counted from the articles' own text.
#include <zlib.h>

#include <algorithm>
#include <regex>

#include "tests/cli_util.h"

using namespace cli;

namespace {

// Whether `text` holds `word` as a whole word (case aside), or with `stems` as a word's start
// (Xapian's stemming finds "Comeys" for "comey"): the bounds of what a search may find.
bool holds(const std::string& text, const std::string& word, bool stems) {
    std::regex re("\\b" + word + (stems ? "" : "\\b"), std::regex::icase);
    return std::regex_search(text, re);
}

bool holds_all(const std::string& text, const std::vector<std::string>& words, bool stems) {
    return std::all_of(words.begin(), words.end(),
                       [&](const std::string& w) { return holds(text, w, stems); });
}

// The seed articles (file name -> text) whose text holds every word: at least (whole words)
// and at most (word starts).
struct Expected {
    std::size_t at_least = 0, at_most = 0;
};
Expected seeds_holding(const SeedsIndex& seeds, const std::vector<std::string>& words,
                       const std::vector<std::string>& none = {}) {
    Expected e;
    for (const auto& entry : fs::directory_iterator(seeds.corpus)) {
        const std::string text = read_text(entry.path());
        auto none_held = [&](bool stems) {
            return std::none_of(none.begin(), none.end(),
                                [&](const std::string& w) { return holds(text, w, stems); });
        };
        e.at_least += holds_all(text, words, false) && none_held(true);
        e.at_most += holds_all(text, words, true) && none_held(false);
    }
    return e;
}

std::set<std::string> articles_of(const json& result) {
    std::set<std::string> ids;
    for (const auto& h : result["hits"]) ids.insert(h["article_id"].get<std::string>());
    return ids;
}

// Each hit holds one of the words at least (the hits are passages matching positive words).
void check_hits_hold_a_word(const json& result, const std::vector<std::string>& words) {
    for (const auto& h : result["hits"]) {
        const std::string text =
            h["title"].get<std::string>() + "\n" + h["text"].get<std::string>();
        CHECK_MESSAGE(std::any_of(words.begin(), words.end(),
                                  [&](const std::string& w) { return holds(text, w, true); }),
                      h["article_id"] << " #" << h["passage"]);
    }
}

}  // namespace

TEST_CASE("AND holds across the article by default: every seed article holding the words") {
    SeedsIndex seeds;
    const std::vector<std::string> words = {"lukashenko", "putin", "military", "help"};
    const Expected expected = seeds_holding(seeds, words);
    REQUIRE(expected.at_least > 1);
    const json article = seeds.search_json({"--all-copies", "Lukashenko Putin military help"});
    CHECK(article["total_articles"] >= expected.at_least);
    CHECK(article["total_articles"] <= expected.at_most);
    CHECK(articles_of(article).size() == article["total_articles"]);
    check_hits_hold_a_word(article, words);
    // The facets count the same articles.
    int outlets = 0;
    for (const auto& [outlet, count] : facet(article, "source")) outlets += count;
    CHECK(outlets == article["total_articles"]);

    // --within passage: all the words in one passage, as before.
    const json passage = seeds.search_json(
        {"--all-copies", "--within", "passage", "Lukashenko Putin military help"});
    CHECK(passage["total_articles"] < article["total_articles"]);
    for (const auto& h : passage["hits"])
        CHECK(holds_all(h["title"].get<std::string>() + " " + h["text"].get<std::string>(), words,
                        true));
}

TEST_CASE("NOT leaves out the articles that hold the word anywhere") {
    SeedsIndex seeds;
    const Expected expected = seeds_holding(seeds, {"lukashenko"}, {"pompeo"});
    REQUIRE(expected.at_least > 0);
    const json article = seeds.search_json({"--all-copies", "lukashenko NOT pompeo"});
    CHECK(article["total_articles"] >= expected.at_least);
    CHECK(article["total_articles"] <= expected.at_most);
    const json passage =
        seeds.search_json({"--all-copies", "--within", "passage", "lukashenko NOT pompeo"});
    CHECK(passage["total_articles"] > article["total_articles"]);
}

TEST_CASE("article-wide matching stays right as articles are added, changed and removed") {
    SeedsIndex seeds;
    const std::string query = "lukashenko NOT pompeo";
    auto found = [&] { return seeds.search_json({"--all-copies", query})["total_articles"]; };
    const std::size_t before = found();
    // A new article naming Lukashenko: found; one naming Pompeo too: not.
    write_file(seeds.corpus / "zz-new.txt",
               "Title: Minsk talks\nSource: Test\nDate: 2020-09-01\n\nLukashenko met envoys.\n\n"
               "The talks went on late.\n");
    Run added = seeds.index({"update", seeds.corpus.string()});
    REQUIRE_MESSAGE(added.status == 0, added.err);
    CHECK(found() == before + 1);
    write_file(seeds.corpus / "zz-new.txt",
               "Title: Minsk talks\nSource: Test\nDate: 2020-09-01\n\nLukashenko met envoys.\n\n"
               "Pompeo was not there.\n");
    Run changed = seeds.index({"update", seeds.corpus.string()});
    REQUIRE_MESSAGE(changed.status == 0, changed.err);
    CHECK(found() == before);
    // The passages of every article still belong to it: each hit's article is one found.
    fs::remove(seeds.corpus / "zz-new.txt");
    for (const auto& entry : fs::directory_iterator(seeds.corpus)) {
        if (read_text(entry.path()).find("Pompeo") == std::string::npos) continue;
        fs::remove(entry.path());  // the article naming Pompeo: now the rest all match
        break;
    }
    Run removed = seeds.index({"update", seeds.corpus.string()});
    REQUIRE_MESSAGE(removed.status == 0, removed.err);
    const Expected expected = seeds_holding(seeds, {"lukashenko"}, {"pompeo"});
    CHECK(found() >= expected.at_least);
    CHECK(found() <= expected.at_most);
    const json all = seeds.search_json({"--all-copies", "--per-article", "lukashenko military"});
    const Expected both = seeds_holding(seeds, {"lukashenko", "military"});
    CHECK(all["total_articles"] >= both.at_least);
    CHECK(all["total_articles"] <= both.at_most);
}

TEST_CASE("quote: and speaker: hold on the passage shown, the other words anywhere in it") {
    SeedsIndex seeds;
    const json quoted = seeds.search_json({"--all-copies", "quote:nato lukashenko"});
    REQUIRE(quoted["hits"].size() > 0);
    for (const auto& h : quoted["hits"]) {
        bool said = false;
        for (const auto& q : h["quotes"]) said |= holds(q["text"].get<std::string>(), "nato", true);
        CHECK_MESSAGE(said, h["article_id"] << " #" << h["passage"]);
    }
    const json spoken = seeds.search_json({"--all-copies", "speaker:putin military help"});
    REQUIRE(spoken["hits"].size() > 0);
    for (const auto& h : spoken["hits"]) {
        auto speakers = h["speakers"].get<std::vector<std::string>>();
        CHECK(std::find(speakers.begin(), speakers.end(), "Vladimir Putin") != speakers.end());
    }
    check_hits_hold_a_word(spoken, {"military", "help"});
}

TEST_CASE("--within takes article or passage, and --choices lists them") {
    SeedsIndex seeds;
    Run bad = seeds.search({"--within", "sentence", "putin"});
    check_refused(bad, {"--within must be article or passage", "'sentence'"});
    Run choices = run(kSearch, {"--choices", "--within"}, seeds.tmp.path);
    CHECK(choices.out == "article\npassage\n");
}

namespace {

// schema/furniture.txt's rules, as the indexer applies them to each line of an article: a
// "drop:" line is left out, an "end:" line and everything after it.
struct Furniture {
    std::vector<std::regex> drop, end;
    Furniture() {
        std::ifstream in(kSource / "schema/furniture.txt");
        std::string line;
        while (std::getline(in, line)) {
            for (auto [tag, rules] : {std::pair{"drop: ", &drop}, std::pair{"end: ", &end}})
                if (line.rfind(tag, 0) == 0)
                    rules->emplace_back(line.substr(std::string(tag).size()), std::regex::icase);
        }
    }
    std::string article_text(const std::string& text) const {
        std::string kept, line;
        std::istringstream lines(text);
        while (std::getline(lines, line)) {
            std::string trimmed = std::regex_replace(line, std::regex("^\\s+|\\s+$"), "");
            auto matches = [&](const std::vector<std::regex>& rules) {
                return trimmed.size() <= 320 &&
                       std::any_of(rules.begin(), rules.end(), [&](const std::regex& r) {
                           return std::regex_match(trimmed, r);
                       });
            };
            if (matches(end)) break;
            if (!matches(drop)) kept += line + "\n";
        }
        return kept;
    }
};

}  // namespace

TEST_CASE("comey flynn on allsides-news finds every article whose text holds both words") {
    if (!have_allsides()) return;
    TempDir tmp;
    // The articles that name either man: those with both, and those with one (which must not
    // be found), counted from the JSON Lines themselves.
    const Furniture furniture;
    const std::vector<std::string> words = {"comey", "flynn"};
    std::set<std::string> both, maybe;  // whole words / word starts
    std::ofstream slice(tmp.path / "slice.jsonl");
    gzFile in = gzopen(kAllsides.c_str(), "rb");
    REQUIRE(in != nullptr);
    std::string line;
    char chunk[1 << 16];
    while (gzgets(in, chunk, sizeof chunk)) {
        line += chunk;
        if (line.back() != '\n') continue;
        std::string lower = line;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        json a =
            lower.find("comey") != std::string::npos || lower.find("flynn") != std::string::npos
                ? json::parse(line)
                : json();  // std::regex is slow: most lines need no look
        const std::string text =
            a.is_null() ? "" : a.value("title", "") + "\n" + a.value("text", "");
        if (holds(text, "comey", true) || holds(text, "flynn", true)) {
            slice << line;
            const std::string kept =
                a.value("title", "") + "\n" + furniture.article_text(a.value("text", ""));
            if (holds_all(kept, words, false)) both.insert(a["id"].get<std::string>());
            if (holds_all(text, words, true)) maybe.insert(a["id"].get<std::string>());
        }
        line.clear();
    }
    gzclose(in);
    slice.close();
    REQUIRE(both.size() > 100);
    const fs::path db = tmp.path / "db";
    Run built =
        run(kIndex, {"import", (tmp.path / "slice.jsonl").string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    Run r = run(kSearch,
                {"--db", db.string(), "--format", "json", "--per-article", "--limit", "100000",
                 "comey", "flynn"},
                tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const std::set<std::string> found = articles_of(json::parse(r.out));
    std::vector<std::string> missed, extra;
    std::set_difference(both.begin(), both.end(), found.begin(), found.end(),
                        std::back_inserter(missed));
    std::set_difference(found.begin(), found.end(), maybe.begin(), maybe.end(),
                        std::back_inserter(extra));
    MESSAGE(found.size() << " articles found; " << both.size() << " hold both words, "
                         << maybe.size() << " both word starts");
    auto first = [](const std::vector<std::string>& v) { return v.empty() ? "" : v.front(); };
    CHECK_MESSAGE(missed.empty(), missed.size() << " missed, the first " << first(missed));
    CHECK_MESSAGE(extra.empty(), extra.size()
                                     << " found without both words, the first " << first(extra));
    Run passage = run(kSearch,
                      {"--db", db.string(), "--format", "json", "--limit", "0", "--within",
                       "passage", "comey", "flynn"},
                      tmp.path);
    CHECK(json::parse(passage.out)["total_articles"] < found.size());
}
