// End-to-end: Russian news (../shared/corpora/ru-news) stemmed as Russian, English as before.
#include <fstream>

#include "tests/cli_util.h"

using namespace cli;

namespace {

const fs::path kRuNews = shared_data::root() / "corpora/ru-news/ods_sample.jsonl";

std::set<std::string> articles_found(SeedsIndex& index, const std::string& word) {
    std::set<std::string> ids;
    const json result = index.search_json({word});
    for (const auto& h : result["hits"]) ids.insert(h["article_id"].get<std::string>());
    return ids;
}

// The ids of the articles whose title or text holds `word` as a whole word, as written: Russian
// letters are bytes of 0x80 and above in UTF-8, so a word ends at any byte below that which is
// not an ASCII letter or digit.
std::set<std::string> articles_holding(const std::string& word) {
    std::set<std::string> ids;
    std::ifstream in(kRuNews);
    for (std::string line; std::getline(in, line);) {
        const json article = json::parse(line);
        const std::string text =
            article["title"].get<std::string>() + " " + article["text"].get<std::string>() + " ";
        auto is_letter = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
        for (std::size_t at = text.find(word); at != std::string::npos;
             at = text.find(word, at + 1)) {
            bool starts = at == 0 || !is_letter(static_cast<unsigned char>(text[at - 1]));
            if (starts && !is_letter(static_cast<unsigned char>(text[at + word.size()]))) {
                ids.insert(article["id"].get<std::string>());
                break;
            }
        }
    }
    return ids;
}

}  // namespace

TEST_CASE("Russian inflected forms find the same articles as their base form (ru-news)") {
    if (!shared_data::present(kRuNews)) return;
    SeedsIndex index;
    Run built = index.index({"build", kRuNews.string()});
    REQUIRE_MESSAGE(built.status == 0, built.err);
    // Nouns in a case other than the nominative, each beside its nominative; both forms occur in
    // the sample, so each alone would miss articles that hold only the other.
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"москве", "москва"},
        {"москвы", "москва"},
        {"россии", "россия"},
        {"россию", "россия"},
        {"президента", "президент"},
        {"города", "город"},
        {"городе", "город"},
        {"году", "год"},
        {"суда", "суд"},
        {"закона", "закон"},
        {"компании", "компания"},
        {"правительства", "правительство"},
        {"выборов", "выборы"},
        {"решения", "решение"},
        {"министра", "министр"},
        {"полиции", "полиция"},
        {"человека", "человек"},
        {"области", "область"},
        {"проекта", "проект"},
        {"агентства", "агентство"}};
    for (const auto& pair : pairs) {
        const std::string& inflected = pair.first;
        const std::string& base = pair.second;
        CAPTURE(inflected);
        const std::set<std::string> found = articles_found(index, inflected);
        CHECK(found == articles_found(index, base));
        // Every article holding either form as written is found.
        for (const auto& word : {inflected, base})
            for (const auto& id : articles_holding(word)) CHECK_MESSAGE(found.count(id), id);
    }
}

TEST_CASE("a capitalised Russian word is stemmed too: names inflect (ru-news)") {
    if (!shared_data::present(kRuNews)) return;
    SeedsIndex index;
    Run built = index.index({"build", kRuNews.string()});
    REQUIRE_MESSAGE(built.status == 0, built.err);
    const std::set<std::string> nominative = articles_found(index, "Москва");
    CHECK(!nominative.empty());
    CHECK(articles_found(index, "Москве") == nominative);
    CHECK(articles_found(index, "Путина") == articles_found(index, "Путин"));
    for (const auto& id : articles_holding("Москве")) CHECK_MESSAGE(nominative.count(id), id);
}

TEST_CASE("an article that names no language gets the one detected from its text") {
    SeedsIndex seeds;  // the seed articles name none
    CHECK(seeds.search_json({"language:en"})["total_articles"] == 5);
    if (!shared_data::present(kRuNews)) return;
    Run built = seeds.index({"build", kRuNews.string()});  // nor do these
    REQUIRE_MESSAGE(built.status == 0, built.err);
    const json all = seeds.search_json({"--per-article"});
    CHECK(all["hits"].size() == 63);
    for (const auto& hit : all["hits"]) {
        CAPTURE(hit["article_id"]);
        // A text of a few words may be told from no other language; never taken for another.
        const std::string language = hit["language"];
        CHECK((language == "ru" || language.empty()));
    }
    const json russian = seeds.search_json({"language:ru"});
    CHECK(russian["total_articles"] >= 60);
    // --language is the same filter, as an option.
    const json option = seeds.search_json({"--language", "ru"});
    CHECK(option["total_passages"] == russian["total_passages"]);
    CHECK(option["request"]["language"] == json::array({"ru"}));
    CHECK(seeds.search({"--language", "en"}).status == 1);
}

TEST_CASE("a country named in Russian finds the English news that names it (seeds)") {
    SeedsIndex seeds;
    auto passages = [&](const std::string& query) {
        return seeds.search_json({query})["total_passages"].get<int>();
    };
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"Россия", "Russia"}, {"России", "Russia"},   {"Польша", "Poland"},
        {"Польши", "Poland"}, {"Литва", "Lithuania"}, {"location:Россия", "location:Russia"}};
    for (const auto& pair : pairs) {
        const std::string& russian = pair.first;
        const std::string& english = pair.second;
        CAPTURE(russian);
        CHECK(passages(english) > 0);
        CHECK(passages(russian) == passages(english));
    }
}
