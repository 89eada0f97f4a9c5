// Snippet windows: centred on the matches, whole words, balanced markers.
#include "src/search/search.h"

#include <doctest/doctest.h>

#include <string>

namespace {

std::string mark(const std::string& word) {
    return std::string(1, dateline::kMarkStart) + word + std::string(1, dateline::kMarkEnd);
}

std::string words(int n, const std::string& word) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (out.empty() ? "" : " ") + word;
    return out;
}

}  // namespace

TEST_CASE("a short passage is its own snippet") {
    std::string text = "NATO " + mark("troops") + " are at our gates.";
    CHECK(dateline::centre_snippet(text, 250) == text);
}

TEST_CASE("the window is centred on the match and cut at spaces") {
    std::string text = words(60, "before") + " " + mark("match") + " " + words(60, "after");
    std::string snippet = dateline::centre_snippet(text, 100);
    CHECK(snippet.rfind("…before", 0) == 0);
    CHECK(snippet.size() >= 85);  // whole words only: a little under the window
    CHECK(snippet.size() <= 130);
    CHECK(snippet.find(mark("match")) != std::string::npos);
    std::size_t at = snippet.find(mark("match"));
    std::size_t before = at, after = snippet.size() - at;
    CHECK(before + 25 > after);  // roughly centred
    CHECK(after + 25 > before);
    CHECK(snippet.substr(snippet.size() - 3) == "…");
    CHECK(snippet.find("afte…") == std::string::npos);
}

TEST_CASE("matches near the end keep whole words and all of the densest run") {
    std::string text = words(80, "filler") + " " + mark("health") + " care with " + mark("health") +
                       " care issues it is really not " + mark("health") + " care that";
    std::string snippet = dateline::centre_snippet(text, 100);
    CHECK(snippet.find(mark("health") + " care that") != std::string::npos);
    CHECK(snippet.find("fil…") == std::string::npos);
    CHECK(snippet.rfind("…filler", 0) == 0);
}

TEST_CASE("no match: the opening words, cut at a space") {
    std::string text = words(100, "word");
    std::string snippet = dateline::centre_snippet(text, 50);
    CHECK(snippet.rfind("word word", 0) == 0);
    CHECK(snippet.substr(snippet.size() - 7) == "word…");
}
