// Speakers, quotations and places against the hand-made gold set of the seeds
// (tests/labels/seed-passages.tsv, seed-quotes.tsv): precision and recall printed, 0.9 required.
#include "src/ingest/entities.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "src/ingest/article.h"
#include "src/ingest/passages.h"

namespace {

namespace fs = std::filesystem;
const std::string kSource = DATELINE_SOURCE_DIR;

std::vector<std::string> columns(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string col; std::getline(in, col, '\t');) out.push_back(col);
    while (out.size() < 5) out.emplace_back();
    return out;
}

std::set<std::string> names(const std::string& field) {
    std::set<std::string> out;
    std::size_t start = 0;
    while (start < field.size()) {
        std::size_t end = field.find("; ", start);
        std::string name = field.substr(start, end == std::string::npos ? end : end - start);
        if (!name.empty()) out.insert(name);
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return out;
}

struct Extracted {
    std::vector<dateline::Passage> passages;
    std::vector<dateline::PassageEntities> entities;
};

std::map<std::string, Extracted> extract_seeds() {
    std::map<std::string, Extracted> out;
    dateline::PassageSplitter splitter;
    dateline::EntityExtractor extractor(dateline::Lexicon::load(
        kSource + "/schema", [](const dateline::Problem& p) { FAIL(p.message()); }));
    for (const auto& entry : fs::directory_iterator(kSource + "/corpus")) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        std::string id = entry.path().stem().string();
        dateline::Article article =
            dateline::parse_article(bytes.str(), id, entry.path().string(), [](auto&) {});
        Extracted& e = out[id];
        e.passages = splitter.split(article);
        e.entities = extractor.extract(e.passages);
    }
    return out;
}

// The passage of `article` whose text starts with `anchor`.
const dateline::PassageEntities* find(const Extracted& e, const std::string& anchor,
                                      std::string* text = nullptr) {
    for (std::size_t i = 0; i < e.passages.size(); ++i)
        if (e.passages[i].text.rfind(anchor, 0) == 0) {
            if (text) *text = e.passages[i].text;
            return &e.entities[i];
        }
    return nullptr;
}

struct Score {
    int found = 0, right = 0, gold = 0;
    double precision() const { return found ? double(right) / found : 1; }
    double recall() const { return gold ? double(right) / gold : 1; }
};

std::string list(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : "; ") + x;
    return out;
}

}  // namespace

TEST_CASE("speakers and places of the seeds match the hand-made labels") {
    auto seeds = extract_seeds();
    std::ifstream gold(kSource + "/tests/labels/seed-passages.tsv");
    REQUIRE(gold);
    bool verbose = std::getenv("DATELINE_VERBOSE") != nullptr;
    Score speakers, places;
    int rows = 0;
    for (std::string line; std::getline(gold, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto col = columns(line);
        ++rows;
        REQUIRE_MESSAGE(seeds.count(col[0]), "unknown article " << col[0]);
        std::string text;
        const auto* found = find(seeds[col[0]], col[2], &text);
        REQUIRE_MESSAGE(found, col[0] << ": no passage starts with \"" << col[2] << "\"");
        for (auto [score, want, got] : {std::tuple{&speakers, names(col[3]), &found->speakers},
                                        std::tuple{&places, names(col[4]), &found->locations}}) {
            std::set<std::string> have(got->begin(), got->end());
            score->found += have.size();
            score->gold += want.size();
            for (const auto& n : have) score->right += want.count(n);
            if (verbose && have != want)
                std::printf("%s:%s %s\n  want: %s\n  got:  %s\n", col[0].c_str(), col[1].c_str(),
                            score == &speakers ? "speakers" : "places", list(want).c_str(),
                            list(have).c_str());
        }
    }
    CHECK(rows == 115);
    std::printf("seed speakers:  precision %.3f recall %.3f (%d found, %d right, %d labelled)\n",
                speakers.precision(), speakers.recall(), speakers.found, speakers.right,
                speakers.gold);
    std::printf("seed locations: precision %.3f recall %.3f (%d found, %d right, %d labelled)\n",
                places.precision(), places.recall(), places.found, places.right, places.gold);
    CHECK(speakers.precision() >= 0.9);
    CHECK(speakers.recall() >= 0.9);
    CHECK(places.precision() >= 0.9);
    CHECK(places.recall() >= 0.9);
}

TEST_CASE("each quotation of the seeds is attributed as labelled") {
    auto seeds = extract_seeds();
    std::ifstream gold(kSource + "/tests/labels/seed-quotes.tsv");
    REQUIRE(gold);
    bool verbose = std::getenv("DATELINE_VERBOSE") != nullptr;
    int total = 0, right = 0;
    for (std::string line; std::getline(gold, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto col = columns(line);
        ++total;
        const Extracted& e = seeds[col[0]];
        std::string want = col[3] == "-" ? "" : col[3], got = "(not found)";
        std::size_t passage = std::stoul(col[1]);
        if (passage < e.passages.size())
            for (const auto& q : e.entities[passage].quotes)
                if (q.text.rfind(col[2], 0) == 0) got = q.speaker;
        // A phrase in quotation marks with no speaker need not be listed as a quotation.
        if (got == "(not found)" && want.empty()) got = "";
        if (got == want)
            ++right;
        else if (verbose)
            std::printf("%s:%s \"%s\" want %s, got %s\n", col[0].c_str(), col[1].c_str(),
                        col[2].c_str(), want.c_str(), got.c_str());
    }
    double accuracy = total ? double(right) / total : 0;
    std::printf("seed quotations: %d of %d attributed as labelled (%.3f)\n", right, total,
                accuracy);
    CHECK(total >= 50);
    CHECK(accuracy >= 0.9);
}

TEST_CASE("an age description stands for the latest person, however many digits it has") {
    // Regression: the age was matched with std::regex, which overflowed the stack on 50,000
    // digits (found by fuzzing; a crash of the whole indexer).
    dateline::PassageSplitter splitter;
    dateline::EntityExtractor extractor(dateline::Lexicon::load(
        kSource + "/schema", [](const dateline::Problem& p) { FAIL(p.message()); }));
    for (std::size_t digits : {2, 200000}) {
        CAPTURE(digits);
        std::string text =
            "Title: Protest in Minsk\nSource: X\nDate: 2020-08-16\n\n"
            "Alla Georgievna joined the march in Minsk on Sunday.\n\n"
            "\"We will not leave,\" the " +
            std::string(digits, '6') + "-year-old said.\n";
        dateline::Article article =
            dateline::parse_article(text, "age", "age.txt", [](const dateline::Problem&) {});
        auto passages = splitter.split(article);
        auto entities = extractor.extract(passages);
        REQUIRE(entities.size() == passages.size());
        std::string speaker = "(no quotation)";
        for (const auto& e : entities)
            for (const auto& q : e.quotes)
                if (q.text.rfind("We will not leave", 0) == 0) speaker = q.speaker;
        CHECK(speaker == "Alla Georgievna");
    }
}

TEST_CASE("a misspelt section of speech.txt is an error that lists the sections") {
    fs::path dir = fs::temp_directory_path() / ("dateline-speech-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(kSource + "/schema", dir, fs::copy_options::recursive);
    std::ofstream(dir / "speech.txt", std::ios::app) << "verbz: mumbled\n";
    std::vector<std::string> problems;
    auto lexicon = dateline::Lexicon::load(
        dir.string(), [&](const dateline::Problem& p) { problems.push_back(p.message()); });
    fs::remove_all(dir);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("no section \"verbz\"") != std::string::npos);
    CHECK(problems[0].find("the sections are verbs, phrasal") != std::string::npos);
    CHECK_FALSE(lexicon->in_list("verbs", "mumbled"));
    // In code, too: a section asked for by a name speech.txt cannot have.
    CHECK_THROWS_AS(lexicon->in_list("verbz", "said"), std::logic_error);
}
