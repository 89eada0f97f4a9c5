// What the index knows of its speaker names: see surnames.h.
#include "src/index/surnames.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "schema/schema.h"
#include "src/base/split.h"

namespace dateline {

namespace {

using Counts = std::unordered_map<std::string, std::size_t>;

// Articles per speaker value, from each passage's Facets value (article id, source, date,
// speakers, places): the passages of an article are consecutive in one database.
void count_speakers(const Xapian::Database& db, Counts& articles) {
    const Xapian::valueno slot = schema::spec(schema::Field::Facets).slot;
    std::string last_article;
    std::vector<std::string> seen;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const std::string packed = *it;
        schema::PackedItems items(packed);
        std::string_view article, source, date, speakers;
        if (!items.next(article) || !items.next(source) || !items.next(date) ||
            !items.next(speakers))
            continue;
        if (article != last_article) {
            last_article.assign(article);
            seen.clear();
        }
        std::string_view one;
        for (schema::PackedItems list(speakers); list.next(one);) {
            std::string name(one);
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            seen.push_back(name);
            ++articles[name];
        }
    }
}

// A person's key: the formal first name, the middle names (initials left out) and the surname
// (with any Jr. after it), folded; "" for a name that is not a person's full name: one word, a
// place, an organisation's (a word of speech.txt's organisations), not opening with a first
// name (a census first name, or a capitalised word no dictionary or gazetteer has), or ending
// with its own first name again (a list run together: "Tim Scott Timothy").
std::string person_key(const std::string& name, const Lexicon& lexicon) {
    std::string key = Lexicon::key(name);
    std::vector<std::string> words = split(key, ' ');
    if (words.size() < 2 || lexicon.in_list("stop_words", words.front()) || lexicon.places(key))
        return "";
    // An organisation's name: Washington Post, Thomson Reuters, Obama Justice Department.
    for (const auto& w : words)
        if (lexicon.in_list("organisations", w) || lexicon.in_list("organisation_names", w))
            return "";
    const std::string& first = lexicon.formal_first_name(words.front());
    if (!lexicon.sex_of_first_name(first) &&
        (lexicon.is_common_word(first) || lexicon.places(words.front())))
        return "";
    if (words.size() > 2 && lexicon.formal_first_name(words.back()) == first) return "";
    std::string out = first;
    for (std::size_t i = 1; i < words.size(); ++i)
        if (i + 1 == words.size() || words[i].size() > 2 || words[i].back() != '.')
            out += " " + words[i];
    return out;
}

bool is_country_or_organisation(const std::string& name, const Lexicon& lexicon) {
    std::string key = Lexicon::key(name);
    const auto* places = lexicon.places(key);
    return (places && places->front().kind != "city") || lexicon.in_list("organisation_names", key);
}

}  // namespace

SpeakerNames speaker_names(const std::vector<Xapian::Database>& databases, const Lexicon& lexicon) {
    Counts articles;
    for (const auto& db : databases) count_speakers(db, articles);
    SpeakerNames out;
    for (const auto& [name, n] : articles) {
        NameFacts& facts = out[name];
        facts.articles = n;
        facts.person = person_key(name, lexicon);
        // A country, a region, an organisation or an acronym is no surname here: Jordan said,
        // Reuters reported, the UN (of Kim Jong Un) voted.
        bool acronym =
            std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (name.find(' ') == std::string::npos && !acronym &&
            !is_country_or_organisation(name, lexicon))
            facts.surname = Lexicon::key(name);
    }
    return out;
}

}  // namespace dateline
