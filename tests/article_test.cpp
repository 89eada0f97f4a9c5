// Unit tests of article reading (src/article.h): the header format, its warnings, and JSON Lines.
#include "src/ingest/article.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

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
