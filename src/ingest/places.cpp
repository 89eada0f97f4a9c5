// Places in passages: see places.h.
#include "src/ingest/places.h"

#include <algorithm>
#include <regex>

namespace dateline::extraction {

void PlaceFinder::collect_countries(const std::vector<std::vector<Token>>& passages) {
    for (const auto& toks : passages)
        for (std::size_t k = 0; k < toks.size(); ++k) {
            if (toks[k].type != Tok::Word || !toks[k].cap) continue;
            std::string key = toks[k].folded;
            for (std::size_t n = 1; n <= 2 && k + n <= toks.size(); ++n) {
                if (n == 2) key += " " + toks[k + 1].folded;
                const auto* places = lex_.places(key);
                if (!places) continue;
                for (const Place& place : *places) {
                    if (place.kind == "country" && &place == &places->front())
                        countries_.insert(place.country);
                    if (place.kind == "region") regions_.insert(place.name);
                }
            }
        }
}

std::string PlaceFinder::dateline_place(const std::vector<Passage>& passages) const {
    if (passages.size() < 2) return "";
    static const std::regex re(
        "^\\s*([A-Z][A-Z.' -]{1,40}?)(,\\s*[A-Z][A-Za-z0-9. ]{1,30})?\\s*(\\([^)]{1,40}\\))?"
        "\\s*(\xE2\x80\x94|\xE2\x80\x93|-|:)");
    std::smatch m;
    const std::string& text = passages[1].text;
    std::string head = text.substr(0, std::min<std::size_t>(text.size(), 120));
    if (!std::regex_search(head, m, re)) return "";
    const auto* places = lex_.places(Lexicon::key(m[1].str()));
    return places ? places->front().name : "";
}

void PlaceFinder::read_places(std::size_t p, const std::vector<Token>& toks, const People& people,
                              const std::string& dateline,
                              std::vector<std::string>& locations) const {
    add_unique(locations, dateline);
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (!names_.is_name_word(toks[i]) || people.is_person_token(p, i)) continue;
        // The longest run of words from i that the gazetteer knows.
        std::size_t max = std::min(lex_.max_place_words(), toks.size() - i);
        for (std::size_t n = max; n >= 1; --n) {
            std::size_t last = i + n - 1;
            if (!names_.is_name_word(toks[last])) continue;
            std::optional<std::string> key = place_key(p, toks, people, i, last);
            if (!key) continue;
            const auto* candidates = lex_.places(*key);
            if (!candidates) continue;
            const Place* place = choose_place(*candidates, toks, i, n);
            if (!place) continue;
            add_unique(locations, place->name);
            i = last;
            break;
        }
    }
}

// The gazetteer key of tokens [first, last], or none if one is not a word or is a person's.
std::optional<std::string> PlaceFinder::place_key(std::size_t p, const std::vector<Token>& toks,
                                                  const People& people, std::size_t first,
                                                  std::size_t last) const {
    std::string k;
    for (std::size_t j = first; j <= last; ++j) {
        if (toks[j].type != Tok::Word || people.is_person_token(p, j)) return std::nullopt;
        k += (k.empty() ? "" : " ") + toks[j].folded;
    }
    return k;
}

// A census first name (Elizabeth, Warren, Clinton, Chad): no town unless its region says so,
// and no country before another name (Chad Pergram).
bool PlaceFinder::is_persons_name(const Token& t) const {
    return lex_.sex_of_first_name(t.folded) != 0;
}

// The candidate whose region is named right after it ("Otisville, New York", "Clinton,
// Maryland"), or none.
const Place* PlaceFinder::in_named_region(const std::vector<Place>& candidates,
                                          const std::vector<Token>& toks, std::size_t after) const {
    if (after + 1 >= toks.size() || toks[after].text != ",") return nullptr;
    for (std::size_t n = 1; n <= 2 && after + n < toks.size(); ++n) {
        std::string key;
        for (std::size_t k = after + 1; k <= after + n; ++k)
            key += (key.empty() ? "" : " ") + toks[k].folded;
        for (const auto& c : candidates)
            if (!c.region.empty() && Lexicon::key(c.region) == key) return &c;
    }
    return nullptr;
}

// Which of the places sharing a name is meant, or none if the word is probably not a place.
const Place* PlaceFinder::choose_place(const std::vector<Place>& candidates,
                                       const std::vector<Token>& toks, std::size_t i,
                                       std::size_t n) const {
    const Place& first = candidates.front();
    if (first.kind == "site") return &first;
    if (const Place* named = in_named_region(candidates, toks, i + n)) return named;
    if (first.kind == "country")
        return n == 1 && is_persons_name(toks[i]) && i + 1 < toks.size() &&
                       names_.is_name_word(toks[i + 1])
                   ? nullptr
                   : &first;
    bool common = n == 1 && lex_.is_common_word(toks[i].folded) && !toks[i].upper;
    if (common && toks[i].sentence_start) return nullptr;
    // A capitalised word next to another name word is part of a longer name ("European
    // Union", "Central Election Commission").
    if (n == 1 && ((i > 0 && names_.is_name_word(toks[i - 1]) && !toks[i].sentence_start) ||
                   (i + 1 < toks.size() && names_.is_name_word(toks[i + 1]) &&
                    !lex_.places(toks[i + 1].folded))))
        return nullptr;
    if (n == 1 && is_persons_name(toks[i]) && first.kind != "region") return nullptr;
    // A town of a region the article names ("Otisville" with New York named).
    for (const auto& c : candidates)
        if (!c.region.empty() && regions_.count(c.region) && countries_.count(c.country)) return &c;
    if (common) return nullptr;
    // A region (a state) of a country the article names, or of a million people.
    if (first.kind == "region" && (countries_.count(first.country) || first.population >= 1000000))
        return &first;
    // A city of 100,000 people or more, in a country the article names if several share the name.
    for (const auto& c : candidates)
        if (c.population >= 100000 && countries_.count(c.country)) return &c;
    if (first.population >= 100000) return &first;
    return nullptr;
}

}  // namespace dateline::extraction
