// Unit tests of passage splitting (src/passages.h): furniture, paragraphs and sentence bounds.
#include "src/ingest/passages.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/ingest/article.h"
#include "src/text/text.h"

using namespace dateline;
using Verdict = FurnitureFilter::Verdict;

namespace {

std::vector<Passage> split_corpus_file(const std::string& name) {
    std::string path = std::string(DATELINE_SOURCE_DIR) + "/corpus/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::stringstream bytes;
    bytes << in.rdbuf();
    Article a = parse_article(bytes.str(), name, path, [](const dateline::Problem&) {});
    return PassageSplitter().split(a);
}

bool ends_with(const std::string& s, std::string_view end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

TEST_CASE("page furniture stays out of the passages of the seed articles") {
    for (std::string file : {"001_10430055b764595e.txt", "002_b53cec8373aa6d43.txt"}) {
        CAPTURE(file);
        std::vector<Passage> passages = split_corpus_file(file);
        REQUIRE(passages.size() > 2);
        CHECK(passages[0].ordinal == 0);
        CHECK(passages[0].text.find("Belarus") != std::string::npos);
        CHECK(passages[1].text != passages[0].text);  // title not repeated
        for (const auto& p : passages) {
            CAPTURE(p.text);
            for (std::string furniture :
                 {"Please let us know if you're having issues", "Follow EU Today", "Related posts",
                  "Read More", "Epoch Times Photo", "Belarus protest", "Getty Images"}) {
                CAPTURE(furniture);
                CHECK(p.text.find(furniture) == std::string::npos);
            }
        }
    }
}

TEST_CASE("judge tells furniture from article lines") {
    struct Row {
        std::string line;
        Verdict verdict;
    };
    const Row rows[] = {
        {"23 min", Verdict::Drop},
        {"This browser does not support the video element.", Verdict::Drop},
        {"Related posts", Verdict::End},
        {"NATO said it was closely monitoring the situation in Belarus.", Verdict::Keep},
    };
    for (const auto& row : rows) {
        CAPTURE(row.line);
        CHECK(FurnitureFilter::standard().judge(row.line) == row.verdict);
    }
}

TEST_CASE("a hard-wrapped block is one paragraph, a block of sentence lines is not") {
    const FurnitureFilter& f = FurnitureFilter::standard();
    auto wrapped = f.paragraphs(
        "line one of a wrapped paragraph that goes on\nand continues on the next line here ok\n"
        "and ends here.",
        "Title");
    CHECK(wrapped == std::vector<std::string>{"line one of a wrapped paragraph that goes on and "
                                              "continues on the next line here ok and ends here."});
    const std::string first = "Russia said on Sunday it was ready to offer military assistance.";
    const std::string second = "The protest in Minsk attracted tens of thousands of people.";
    CHECK(f.paragraphs(first + "\n" + second, "Title") == std::vector<std::string>{first, second});
}

TEST_CASE("a long paragraph is split at sentence boundaries, not after abbreviations") {
    std::string paragraph;
    for (int i = 0; i < 28; ++i)
        paragraph += "Gen. Smith met Sen. Jones in the U.S. Capitol on Monday. ";
    REQUIRE(count_words(paragraph) > 300);
    Article a;
    a.title = "Title";
    a.body = paragraph;
    std::vector<Passage> passages = PassageSplitter().split(a);
    REQUIRE(passages.size() >= 4);  // title and at least three chunks
    for (std::size_t i = 1; i < passages.size(); ++i) {
        const std::string& text = passages[i].text;
        CAPTURE(text);
        CHECK(passages[i].ordinal == i);
        CHECK(count_words(text) <= PassageSplitter::kMaxWords);
        CHECK(ends_with(text, "on Monday."));
        for (std::string abbreviation : {"Gen.", "Sen.", "U.S."})
            CHECK_FALSE(ends_with(text, abbreviation));
    }
}

TEST_CASE("sentences does not break after an abbreviation") {
    struct Row {
        std::string paragraph;
        std::vector<std::string> sentences;
    };
    const Row rows[] = {
        {"Gen. Smith arrived. He left.", {"Gen. Smith arrived.", "He left."}},
        {"He met Sen. Jones. Then he left.", {"He met Sen. Jones.", "Then he left."}},
        {"Lt. Smith arrived. He left.", {"Lt. Smith arrived.", "He left."}},
        {"He visited the U.S. Capitol. Then he left.",
         {"He visited the U.S. Capitol.", "Then he left."}},
    };
    PassageSplitter splitter;
    for (const auto& row : rows) {
        CAPTURE(row.paragraph);
        CHECK(splitter.sentences(row.paragraph) == row.sentences);
    }
}

TEST_CASE("copy_key: copies of one paragraph share it, other paragraphs do not") {
    const std::string wire =
        "\u201cNATO troops are at our gates. Lithuania, Latvia, Poland and our native Ukraine are "
        "ordering us to hold new elections,\u201d he said, adding that Belarus would \u201cdie as "
        "a "
        "state\u201d if new polls were held.";
    const std::string key = copy_key(wire);
    CHECK(key.size() == 16);
    // Other quotation marks, a comma more, other case: the same words.
    CHECK(copy_key("\"NATO troops are at our gates. Lithuania, Latvia, Poland, and our native "
                   "Ukraine are ordering us to hold new elections,\" he said.") == key);
    CHECK(copy_key("nato TROOPS are at our gates lithuania latvia poland and our native ukraine "
                   "are ordering us to hold new elections") == key);
    CHECK(copy_key("Lukashenko told supporters in Minsk that NATO troops are at our gates and "
                   "that Lithuania, Latvia and Poland were ordering new elections.") != key);
    CHECK(copy_key("The opposition candidate fled to Lithuania after the vote, her campaign "
                   "said on Tuesday.") != key);
    // Too short to call a copy.
    CHECK(copy_key("NATO troops are at our gates.") == "");
    CHECK(copy_key("") == "");
}
