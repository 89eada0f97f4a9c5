// The speaker facet of real news: on the allsides-news import, its 50 largest values hold no junk
// and no person twice (issue 15). The whole corpus in the Release build; the sanitizer build,
// where a full import takes too long, checks the first 2,000 articles.
#include <cctype>
#include <cstring>

#include "tests/cli_util.h"

using namespace cli;

namespace {

// A value that names nobody: a pronoun, a group, a fragment of a longer name, a dateline in
// capitals, a contraction, a lower-case word that is no name particle, a leading "The".
std::string junk_reason(const std::string& value) {
    static const std::set<std::string> nobody = {
        "I",           "We",        "You",        "They",       "He",        "She",
        "It",          "Left",      "Right",      "MORE",       "More",      "Democrats",
        "Republicans", "Democrat",  "Republican", "Democratic", "Americans", "American",
        "Officials",   "Sources",   "House",      "Senate",     "Times",     "Post",
        "Department",  "Committee", "York",       "New"};
    static const std::set<std::string> particles = {"de", "van", "von", "bin", "al",  "la",  "le",
                                                    "da", "di",  "du",  "der", "del", "dos", "ibn"};
    std::vector<std::string> words = words_of(value);
    if (words.empty()) return "empty";
    if (nobody.count(value)) return "names nobody";
    if (words.front() == "The") return "a leading The";
    for (const auto& w : words) {
        if (std::islower(static_cast<unsigned char>(w[0])) && !particles.count(w))
            return "a lower-case word";
        for (const char* contraction : {"'m", "\xE2\x80\x99m", "'re", "\xE2\x80\x99re", "n't"})
            if (w.size() > std::strlen(contraction) &&
                w.compare(w.size() - std::strlen(contraction), std::string::npos, contraction) == 0)
                return "a contraction";
    }
    bool capitals = words.size() == 1 && words[0].size() > 5;
    for (char c : words[0]) capitals &= !std::islower(static_cast<unsigned char>(c));
    if (capitals) return "a word in capitals (a dateline)";
    return "";
}

// nickname -> formal, from schema/nicknames.tsv (data, read as the indexer reads it).
std::map<std::string, std::string> nicknames() {
    std::map<std::string, std::string> out;
    std::ifstream in(kSource / "schema" / "nicknames.tsv");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        out[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return out;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Why two values name one person, or "": a bare surname only one of the others carries, or
// the same first name (a nickname counted as its formal name) and surname.
std::string same_person(const std::string& a, const std::string& b,
                        const std::vector<std::string>& all) {
    static const std::map<std::string, std::string> nick = nicknames();
    auto formal = [&](const std::string& w) {
        auto it = nick.find(lower(w));
        return it == nick.end() ? lower(w) : it->second;
    };
    std::vector<std::string> wa = words_of(a), wb = words_of(b);
    if (wa.size() == 1 && wb.size() > 1 && wb.back() == wa[0]) {
        int carriers = 0;
        for (const auto& v : all) carriers += words_of(v).size() > 1 && words_of(v).back() == wa[0];
        return carriers == 1 ? "a bare surname of " + b : "";
    }
    if (wa.size() > 1 && wb.size() > 1 && wa.back() == wb.back() &&
        formal(wa.front()) == formal(wb.front()))
        return "one first name and surname";
    return "";
}

}  // namespace

TEST_CASE("the 50 largest speakers of allsides-news: no junk, no person twice") {
    if (!have_allsides()) return;
    TempDir tmp;
    fs::path corpus = kAllsides;
    if (DATELINE_SANITIZED) {
        corpus = tmp.path / "slice.jsonl";
        gzFile in = gzopen(kAllsides.c_str(), "rb");
        REQUIRE(in);
        std::ofstream out(corpus);
        char chunk[1 << 16];
        for (int lines = 0; lines < 2000 && gzgets(in, chunk, sizeof chunk);)
            if (out << chunk, std::strchr(chunk, '\n')) ++lines;
        gzclose(in);
    }
    fs::path db = tmp.path / "allsides.db";
    Run imported = run(kIndex, {"import", corpus.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(imported.status == 0, imported.err);
    Run facet = run(
        kSearch, {"--db", db.string(), "--format", "json", "--limit", "0", "--facet-limit", "50"},
        tmp.path);
    REQUIRE_MESSAGE(facet.status == 0, facet.err);
    std::vector<std::string> top;
    std::string listed;
    const json facets = json::parse(facet.out)["facets"];  // kept: a loop over a temporary's
    for (const auto& v : facets["speaker"]) {              // member would dangle
        top.push_back(v["value"].get<std::string>());
        listed += "\n  " + top.back() + " " + std::to_string(v["count"].get<int>());
    }
    MESSAGE("the 50 largest values of the speaker facet:" << listed);
    REQUIRE(top.size() == 50);
    for (const auto& v : top) {
        std::string why = junk_reason(v);
        CHECK_MESSAGE(why.empty(), "junk speaker \"" << v << "\": " << why);
    }
    for (const auto& a : top)
        for (const auto& b : top) {
            if (a == b) continue;
            std::string why = same_person(a, b, top);
            CHECK_MESSAGE(why.empty(), "\"" << a << "\" and \"" << b << "\": " << why);
        }
}
