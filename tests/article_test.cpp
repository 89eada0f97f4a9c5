// Unit tests of article reading (src/article.h): the header format, its warnings, and JSON Lines.
#include "src/ingest/article.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "src/base/errors.h"
#include "src/ingest/jsonl.h"

using namespace dateline;

namespace {

struct Warnings {
    std::vector<std::string> messages;
    Report report() {
        return [this](const dateline::Problem& p) { messages.push_back(p.message()); };
    }
    bool any_contains(const std::string& text) const {
        for (const auto& m : messages)
            if (m.find(text) != std::string::npos) return true;
        return false;
    }
};

Article parse(std::string_view bytes, Warnings& w) {
    return parse_article(bytes, "default-id", "a.txt", w.report());
}

}  // namespace

TEST_CASE("a full header fills every field and leaves the body") {
    Warnings w;
    Article a = parse(
        "Title: NATO at the gates\nSource: EU Today\nDate: 2020-08-16\n"
        "URL: https://eutoday.net/x\nAuthor: Ann Smith, Bob Jones\nId: eu-1\n\nBody text here.\n",
        w);
    CHECK(a.title == "NATO at the gates");
    CHECK(a.source == "EU Today");
    CHECK(a.date == "2020-08-16");
    CHECK(a.url == "https://eutoday.net/x");
    CHECK(a.authors == std::vector<std::string>{"Ann Smith", "Bob Jones"});
    CHECK(a.id == "eu-1");
    CHECK(a.body == "Body text here.\n");
    CHECK(w.messages.empty());
}

TEST_CASE("a file without a header takes its first line as title and warns") {
    Warnings w;
    Article a = parse("Russia offers help\n\nThe Kremlin said so.\n", w);
    CHECK(a.title == "Russia offers help");
    CHECK(a.id == "default-id");
    REQUIRE(w.messages.size() == 1);
    for (std::string field : {"Title", "Source", "Date", "a.txt"}) {
        CAPTURE(field);
        CHECK(w.any_contains(field));
    }
}

TEST_CASE("a bad date warns with path:line and leaves the date empty") {
    Warnings w;
    Article a = parse("Title: T\nSource: S\nDate: 2020-13-45\n\nBody.\n", w);
    CHECK(a.date.empty());
    CHECK(w.any_contains("a.txt:3:"));
    CHECK(w.any_contains("2020-13-45"));
}

TEST_CASE(
    "a Date header may be an ISO 8601 time: the day kept, the time in UTC, no false warning") {
    Warnings w;
    Article a = parse("Title: T\nSource: S\nDate: 2020-08-16T10:00:00+02:00\n\nBody.\n", w);
    CHECK(a.date == "2020-08-16");
    CHECK(a.published == "2020-08-16T08:00:00Z");
    CHECK(w.messages.empty());
    Warnings bad;
    parse("Title: T\nSource: S\nDate: last Tuesday\n\nBody.\n", bad);
    REQUIRE(bad.messages.size() == 1);  // the unreadable Date, not also "header lacks Date"
    CHECK(bad.any_contains("last Tuesday"));
}

TEST_CASE("a Language header, and language tags cut to their primary subtag") {
    Warnings w;
    Article a = parse("Title: T\nSource: S\nDate: 2020-08-16\nLanguage: ru-RU\n\nТекст.\n", w);
    CHECK(a.language == "ru");
    CHECK(w.messages.empty());
    CHECK(language_tag("EN_gb") == "en");
    CHECK(language_tag("fil") == "fil");
    CHECK(language_tag("english") == "");
    CHECK(language_tag("e1") == "");
    CHECK(language_tag("") == "");
}

TEST_CASE("an unknown header key warns") {
    Warnings w;
    Article a = parse("Title: T\nSource: S\nDate: 2020-08-16\nSection: World\n\nBody.\n", w);
    CHECK(a.title == "T");
    CHECK(w.any_contains("a.txt:4:"));
    CHECK(w.any_contains("section"));
}

TEST_CASE("empty and binary files throw") {
    Warnings w;
    CHECK_THROWS_AS(parse("", w), std::runtime_error);
    CHECK_THROWS_AS(parse(" \n\n\t\n", w), std::runtime_error);
    CHECK_THROWS_AS(parse(std::string_view("Title: T\0\0\0binary", 18), w), std::runtime_error);
}

TEST_CASE("is_iso_date accepts only real YYYY-MM-DD dates") {
    struct Row {
        std::string text;
        bool valid;
    };
    const Row rows[] = {
        {"2020-02-29", true}, {"2019-02-29", false}, {"2020-13-01", false}, {"2020-8-1", false},
        {"2020-08-16", true}, {"2000-02-29", true},  {"1900-02-29", false}, {"2020-04-31", false},
        {"20200816", false},  {"", false},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(is_iso_date(row.text) == row.valid);
    }
}

TEST_CASE("read_jsonl takes good lines and reports bad ones by number") {
    char dir_template[] = "/tmp/dateline_article_test_XXXXXX";
    REQUIRE(mkdtemp(dir_template) != nullptr);
    std::filesystem::path dir(dir_template);
    std::string path = (dir / "import.jsonl").string();
    {
        std::ofstream out(path);
        out << R"({"id":"a1","source":"Reuters","date":"2020-08-16","title":"T1","text":"Body one.","authors":["Ann","Bob"]})"
            << "\n{not json\n"
            << R"({"title":"No id","text":"x"})"
            << "\n"
            << R"({"id":"a2","title":"T2","body":"Body two."})"
            << "\n";
    }
    std::vector<Article> taken;
    Warnings w;
    std::size_t skipped = read_jsonl(
        path, [&](Article&& a) { taken.push_back(std::move(a)); }, w.report());
    std::filesystem::remove_all(dir);

    CHECK(skipped == 2);
    CHECK(w.any_contains(":2:"));
    CHECK(w.any_contains(":3:"));
    REQUIRE(taken.size() == 2);
    CHECK(taken[0].id == "a1");
    CHECK(taken[0].date == "2020-08-16");
    CHECK(taken[0].body == "Body one.");
    CHECK(taken[0].authors == std::vector<std::string>{"Ann", "Bob"});
    CHECK(taken[1].id == "a2");
    CHECK(taken[1].body == "Body two.");  // "body" accepted instead of "text"
    CHECK_THROWS_AS(read_jsonl((dir / "gone.jsonl").string(), [](Article&&) {}, w.report()),
                    std::runtime_error);
}

namespace {
std::vector<Article> read_lines(const std::string& text, Warnings& w,
                                const InputFields& keys = {}) {
    char dir_template[] = "/tmp/dateline_jsonl_test_XXXXXX";
    REQUIRE(mkdtemp(dir_template) != nullptr);
    const std::filesystem::path dir(dir_template);
    const std::string path = (dir / "dump.jsonl").string();
    std::ofstream(path) << text;
    std::vector<Article> taken;
    read_jsonl(
        path, [&](Article&& a) { taken.push_back(std::move(a)); }, w.report(), keys);
    std::filesystem::remove_all(dir);
    return taken;
}
}  // namespace

TEST_CASE("JSON Lines fields under the usual other keys are read, and --field chooses one") {
    const std::string lines =
        R"({"id":"r1","outlet":"Meduza","headline":"H","published":"2020-08-16T10:00:00Z","content":"Text one.","link":"https://m.example/1"})"
        "\n";
    Warnings w;
    std::vector<Article> a = read_lines(lines, w);
    REQUIRE(a.size() == 1);
    CHECK(a[0].source == "Meduza");
    CHECK(a[0].title == "H");
    CHECK(a[0].date == "2020-08-16");
    CHECK(a[0].published == "2020-08-16T10:00:00Z");
    CHECK(a[0].body == "Text one.");
    CHECK(a[0].url == "https://m.example/1");
    CHECK(w.messages.empty());

    InputFields keys;
    keys.choose("source=site");
    keys.choose("title = name");
    Warnings chosen;
    a = read_lines(R"({"id":"r2","source":"rss","site":"TASS","name":"N","text":"T."})"
                   "\n",
                   chosen, keys);
    REQUIRE(a.size() == 1);
    CHECK(a[0].source == "TASS");
    CHECK(a[0].title == "N");
    CHECK_THROWS_AS(keys.choose("colour=x"), InputError);
    CHECK_THROWS_AS(keys.choose("source"), InputError);
}

TEST_CASE("what JSON Lines records lack is warned about once per file, with a count and a hint") {
    std::string lines;
    for (int i = 0; i < 5; ++i)
        lines += R"({"id":"x)" + std::to_string(i) +
                 R"(","title":"T","shop":"Acme","text":"Words."})"
                 "\n";
    Warnings w;
    std::vector<Article> a = read_lines(lines, w);
    CHECK(a.size() == 5);
    REQUIRE(w.messages.size() == 2);  // source and date, once each
    CHECK(w.any_contains("5 of 5 articles have no source"));
    CHECK(w.any_contains("5 of 5 articles have no date"));
    CHECK(w.any_contains("\"shop\""));
    CHECK(w.any_contains("--field source=KEY"));
}

TEST_CASE("a JSON Lines record may hold a web page under html: its text and metadata are read") {
    const std::string page =
        "<html><head><title>Page title</title><meta property=\"og:site_name\" content=\"Daily\">"
        "<meta property=\"article:published_time\" content=\"2020-08-16T09:00:00Z\"></head>"
        "<body><nav>Home News Sport</nav><article><p>The first paragraph of the story, long "
        "enough to be the body of the article that the page carries.</p><p>A second paragraph "
        "with more of the story, as articles have.</p></article><script>var x=1;</script>"
        "</body></html>";
    nlohmann::json record = {{"id", "h1"}, {"html", page}};
    Warnings w;
    std::vector<Article> a = read_lines(record.dump() + "\n", w);
    REQUIRE(a.size() == 1);
    CHECK(a[0].title == "Page title");
    CHECK(a[0].source == "Daily");
    CHECK(a[0].published == "2020-08-16T09:00:00Z");
    CHECK(a[0].body.find("first paragraph") != std::string::npos);
    CHECK(a[0].body.find("var x") == std::string::npos);
    CHECK(a[0].body.find("<p>") == std::string::npos);
}
