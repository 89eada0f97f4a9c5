// End-to-end: output for people and scripts (URLs, --color, the request echoed, selected facet
// values, date buckets, the newest first when browsing, --help at 80 columns).
#include <algorithm>

#include "tests/cli_util.h"

using namespace cli;

namespace {

// The stored URL of the seed article whose file name starts with `prefix`.
std::string seed_url(const SeedsIndex& seeds, const std::string& id) {
    std::ifstream in(seeds.corpus / (id + ".txt"));
    std::string line;
    while (std::getline(in, line) && !line.empty())
        if (line.rfind("URL: ", 0) == 0) return line.substr(5);
    return "";
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("each text hit shows its article's URL under its id") {
    SeedsIndex seeds;
    const json hits = seeds.search_json({"troops"});
    Run text = seeds.search({"--limit", "3", "troops"});
    REQUIRE(text.status == 0);
    const auto lines = lines_of(text.out);
    for (const auto& h : hits["hits"]) {
        const std::string id = h["article_id"];
        const std::string url = seed_url(seeds, id);
        REQUIRE_FALSE(url.empty());
        CHECK(h["url"] == url);
        auto at = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
            return l.rfind("   " + id + " #", 0) == 0;
        });
        REQUIRE(at != lines.end());
        CHECK(*(at + 1) == "   " + url);
    }
}

TEST_CASE("--color always bolds matches when piped, never marks them with **") {
    SeedsIndex seeds;
    Run always = seeds.search({"--color", "always", "troops"});
    CHECK(always.out.find("\033[1mtroops\033[0m") != std::string::npos);
    Run never = seeds.search({"--color", "never", "troops"});
    CHECK(never.out.find("**troops**") != std::string::npos);
    CHECK(never.out.find('\033') == std::string::npos);
    check_refused(seeds.search({"--color", "sometimes", "troops"}),
                  {"--color must be auto, always or never"});
}

TEST_CASE("JSON echoes the request and the time it took") {
    SeedsIndex seeds;
    const json r = seeds.search_json(
        {"--source", "France 24", "--sort", "newest", "--offset", "1", "Lukashenko"});
    CHECK(r["request"]["query"] == "Lukashenko");
    CHECK(r["request"]["source"] == json::array({"France 24"}));
    CHECK(r["request"]["sort"] == "newest");
    CHECK(r["request"]["offset"] == 1);
    CHECK(r["request"]["limit"] == 1000);
    CHECK(r["request"]["within"] == "article");
    CHECK(r["took_ms"].is_number());
    CHECK(r["took_ms"] >= 0);
}

TEST_CASE("facets mark the values selected, and list them even past the limit") {
    SeedsIndex seeds;
    // The outlet with fewest Lukashenko passages' articles would fall past a limit of 1.
    const json all = seeds.search_json({"Lukashenko"});
    const std::string last = all["facets"]["source"].back()["value"];
    const json r = seeds.search_json({"--facet-limit", "1", "--source", last, "Lukashenko"});
    const json& outlets = r["facets"]["source"];
    CHECK(outlets.size() == 2);
    CHECK(outlets.back()["value"] == last);
    CHECK(outlets.back()["selected"] == true);
    CHECK_FALSE(outlets.front().contains("selected"));
    Run text = seeds.search({"--facet-limit", "1", "--source", last, "Lukashenko"});
    CHECK(text.out.find("[" + last + " 1]") != std::string::npos);
    // A surname selects the full name the facet counts.
    const json speaker = seeds.search_json({"--speaker", "Lukashenko", "nato"});
    bool marked = false;
    for (const auto& v : speaker["facets"]["speaker"])
        marked |= v["value"] == "Alexander Lukashenko" && v.value("selected", false);
    CHECK(marked);
}

TEST_CASE("the date facet takes --facet-limit and --date-bucket") {
    SeedsIndex seeds;
    auto dates = [&](std::vector<std::string> args) {
        args.push_back("Lukashenko");
        std::map<std::string, int> out;
        const json r = seeds.search_json(args);  // kept: a loop over a temporary's member dangles
        for (const auto& v : r["facets"]["date"]) out[v["value"]] = v["count"];
        return out;
    };
    const auto days = dates({});
    REQUIRE(days.size() == 2);  // 2020-08-16 (4 articles) and 2020-08-17 (1)
    CHECK(dates({"--facet-limit", "1"}) == std::map<std::string, int>{{"2020-08-16", 4}});
    CHECK(dates({"--date-bucket", "week"}) ==
          std::map<std::string, int>{{"2020-W33", 4}, {"2020-W34", 1}});  // a Sunday, a Monday
    CHECK(dates({"--date-bucket", "month"}) == std::map<std::string, int>{{"2020-08", 5}});
    CHECK(dates({"--date-bucket", "year"}) == std::map<std::string, int>{{"2020", 5}});
    check_refused(seeds.search({"--date-bucket", "hour", "x"}), {"--date-bucket must be"});
}

TEST_CASE("browsing without a query shows the newest first") {
    SeedsIndex seeds;
    const json r = seeds.search_json({"--per-article"});
    std::vector<std::string> dates;
    for (const auto& h : r["hits"]) dates.push_back(h["date"]);
    REQUIRE(dates.size() == 5);
    CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
    CHECK(dates.front() > dates.back());
    CHECK(r["request"]["sort"] == "newest");
}

TEST_CASE("--help names each option's value and fits 80 columns") {
    TempDir tmp;
    Run help = run(kSearch, {"--help"}, tmp.path);
    CHECK(help.status == 0);
    for (const auto& line : lines_of(help.out)) CHECK_MESSAGE(line.size() <= 80, line);
    CHECK(help.out.find(" arg ") == std::string::npos);
    for (const char* shown : {"--source NAME", "--limit N", "--from DATE", "--db PATH"})
        CHECK(help.out.find(shown) != std::string::npos);
}

TEST_CASE("an outlet that is not in the index is named, with the outlets it may mean") {
    SeedsIndex seeds;
    Run r = seeds.search({"--source", "france", "Lukashenko"});
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("no outlet 'france'; did you mean: France 24") != std::string::npos,
                  r.err);
    Run none = seeds.search({"--source", "xyzzy", "Lukashenko"});
    CHECK(none.err.find("no outlet 'xyzzy'; dateline-search --values source lists them") !=
          std::string::npos);
    // An alias group of schema/aliases.txt: any of its names finds the outlet.
    const json alias = seeds.search_json({"--source", "Breitbart News", "Lukashenko"});
    CHECK(hit_sources(alias) == std::set<std::string>{"Breitbart"});
    const json prefix = seeds.search_json({"source:\"Breitbart News\"", "Lukashenko"});
    CHECK(prefix["total_passages"] == alias["total_passages"]);
    CHECK(seeds.search({"--source", "Breitbart News", "Lukashenko"}).err.empty());
}

TEST_CASE("outlet aliases give no word synonyms: new finds no article that has only york") {
    // aliases.txt aligns "New York Times" with "The New York Times" and "CNN" with "CNN (Web
    // News)": as query synonyms those would make new = the = york and news = cnn.
    TempDir tmp;
    const fs::path jsonl = tmp.path / "articles.jsonl";
    std::ofstream(jsonl)
        << R"({"id": "a", "title": "A bridge", "source": "Gazette", "date": "2020-01-02", )"
        << R"("text": "The new bridge opened on Monday."})"
        << "\n"
        << R"({"id": "b", "title": "A minster", "source": "Gazette", "date": "2020-01-02", )"
        << R"("text": "York reopened its minster, CNN reported."})"
        << "\n";
    const std::string db = (tmp.path / "words.db").string();
    Run built = run(kIndex, {"build", jsonl.string(), "--db", db}, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    for (const auto& expected : std::vector<std::pair<std::string, std::string>>{
             {"new", "a"}, {"york", "b"}, {"news", ""}}) {
        const std::string& word = expected.first;
        const std::string& id = expected.second;
        CAPTURE(word);
        Run r = run(kSearch, {"--db", db, "--format", "json", word}, tmp.path);
        const json result = json::parse(r.out);
        CHECK(result["total_articles"] == (id.empty() ? 0 : 1));
        if (!id.empty() && !result["hits"].empty()) CHECK(result["hits"][0]["article_id"] == id);
    }
}

TEST_CASE("--article prints an article whole, its passages in order with who speaks") {
    SeedsIndex seeds;
    const json all = seeds.search_json({"--all-copies", "--within", "passage"});
    const std::string id = all["hits"][0]["article_id"];
    std::map<int, std::string> texts;  // every passage of the article, from the search
    for (const auto& h : all["hits"])
        if (h["article_id"] == id) texts[h["passage"]] = h["text"];
    Run r = seeds.search({"--format", "json", "--article", id});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const json article = json::parse(r.out);
    CHECK(article["article_id"] == id);
    CHECK(article["url"] == seed_url(seeds, id));
    REQUIRE(article["passages"].size() == texts.size());
    int previous = -1;
    for (const auto& p : article["passages"]) {
        CHECK(p["passage"] > previous);
        previous = p["passage"];
        CHECK(p["text"] == texts[previous]);
    }
    Run text = seeds.search({"--article", id});
    const auto lines = lines_of(text.out);
    REQUIRE(lines.size() > 3);
    CHECK(lines[0] == article["title"]);
    CHECK(text.out.find("\n#1  ") != std::string::npos);
    CHECK(text.out.find("    speakers: ") != std::string::npos);
    Run none = seeds.search({"--article", "no-such-article"});
    CHECK(none.status == 1);
    CHECK(none.err.find("no article 'no-such-article'") != std::string::npos);
}

TEST_CASE("-C N shows the passages around each hit, from its own article") {
    SeedsIndex seeds;
    const json r = seeds.search_json({"-C", "2", "troops"});
    REQUIRE(r["hits"].size() > 0);
    for (const auto& h : r["hits"]) {
        const int at = h["passage"];
        const json& before = h["context"]["before"];
        const json& after = h["context"]["after"];
        CHECK(before.size() <= 2);
        CHECK(after.size() <= 2);
        if (at >= 2) CHECK(before.size() == 2);
        for (const auto& c : before) CHECK((c["passage"] >= at - 2 && c["passage"] < at));
        for (const auto& c : after) CHECK((c["passage"] > at && c["passage"] <= at + 2));
    }
    Run text = seeds.search({"-C", "1", "--limit", "1", "troops"});
    CHECK(text.out.find("\n > ") != std::string::npos);
    CHECK_FALSE(seeds.search_json({"troops"})["hits"][0].contains("context"));
}

namespace {

// RFC 4180 fields of one CSV record (a quoted field may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            rows.back().back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            rows.back().emplace_back();
        } else if (!quoted && c == '\n') {
            rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("--format csv and tsv give a hit a line, or with --limit 0 a facet value a line") {
    SeedsIndex seeds;
    const json hits = seeds.search_json({"troops"});
    Run csv = seeds.search({"--format", "csv", "--limit", "1000", "troops"});
    REQUIRE_MESSAGE(csv.status == 0, csv.err);
    const auto rows = read_csv(csv.out);
    REQUIRE(rows.size() == hits["hits"].size() + 1);
    CHECK(rows[0][0] == "rank");
    CHECK(rows[0][2] == "article_id");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == rows[0].size());
        CHECK(rows[i][2] == hits["hits"][i - 1]["article_id"]);
        CHECK(rows[i][6] == hits["hits"][i - 1]["title"]);
        CHECK(rows[i][10] == hits["hits"][i - 1]["snippet"]);
    }
    Run tsv = seeds.search({"--format", "tsv", "--limit", "1000", "troops"});
    const auto lines = lines_of(tsv.out);
    REQUIRE(lines.size() == rows.size());
    for (const auto& line : lines) CHECK(std::count(line.begin(), line.end(), '\t') == 11);
    Run facets = seeds.search({"--format", "tsv", "--limit", "0", "troops"});
    const auto facet_lines = lines_of(facets.out);
    CHECK(facet_lines[0] == "facet\tvalue\tcount");
    std::size_t outlets = 0;
    for (const auto& line : facet_lines) outlets += line.rfind("source\t", 0) == 0;
    CHECK(outlets == facet(hits, "source").size());
    check_refused(seeds.search({"--format", "csv", "--stats"}), {"--format csv and tsv"});
}

namespace {

// UTF-8 characters in a line.
std::size_t columns_of(const std::string& line) {
    return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace

TEST_CASE("text on a terminal wraps at its width with a hanging indent, never inside a word") {
    SeedsIndex seeds;
    if (std::system("command -v script >/dev/null && command -v stty >/dev/null") != 0) {
        MESSAGE("skipped: no script(1) or stty(1) to give the program a terminal");
        return;
    }
    const std::string search =
        quote(kSearch) + " --db " + quote(seeds.db.string()) + " --color never --limit 3 troops";
    Run piped = run("sh", {"-c", search}, seeds.tmp.path);
    REQUIRE(piped.status == 0);
    // A 50-column terminal (script(1) gives the program one; stty sets its width).
    Run tty = run("script", {"-qec", "stty cols 50; " + search, "/dev/null"}, seeds.tmp.path);
    REQUIRE_MESSAGE(tty.status == 0, tty.err);
    std::string out;
    for (char c : tty.out)
        if (c != '\r') out += c;
    CHECK(words_of(out) == words_of(piped.out));
    const auto lines = lines_of(out);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (columns_of(lines[i]) > 50)  // only a single word too long for the width (a URL)
            CHECK_MESSAGE(words_of(lines[i]).size() == 1, lines[i]);
        // The hit line ("1. [3.67] France 24 · …") goes on, indented, under itself.
        if (i + 1 < lines.size() && lines[i].rfind("1. [", 0) == 0)
            CHECK((lines[i + 1].rfind("   ", 0) == 0 &&
                   lines[i + 1].find(" #") == std::string::npos));
    }
    CHECK(lines.size() > lines_of(piped.out).size());
    bool long_piped_line = false;
    for (const auto& line : lines_of(piped.out)) long_piped_line |= columns_of(line) > 50;
    CHECK(long_piped_line);  // piped: not wrapped
}

TEST_CASE("--histogram draws the date facet as bars") {
    SeedsIndex seeds;
    Run r = seeds.search({"--histogram", "--limit", "0", "Lukashenko"});
    REQUIRE(r.status == 0);
    const std::string bar = "\u2588";
    CHECK(r.out.find("Dates (articles):\n") != std::string::npos);
    CHECK(r.out.find("  2020-08-16  " + bar) != std::string::npos);
    CHECK(r.out.find(" 4\n") != std::string::npos);
    CHECK(r.out.find(bar + " 1\n") != std::string::npos);
    std::size_t longest = 0, shortest = SIZE_MAX;
    for (const auto& line : lines_of(r.out)) {
        std::size_t bars = 0;
        for (std::size_t at = line.find(bar); at != std::string::npos; at = line.find(bar, at + 1))
            ++bars;
        if (bars == 0) continue;
        longest = std::max(longest, bars);
        shortest = std::min(shortest, bars);
    }
    CHECK(longest == 4 * shortest);  // 4 articles on the 16th, 1 on the 17th
}
