// Places in passages: see places.h.
#include "src/ingest/places.h"

#include <algorithm>
#include <regex>

namespace dateline::extraction {

void PlaceFinder::collect_countries(const std::vector<std::vector<Token>>& passages) {
    for (const auto& toks : passages)
        for (const Token& t : toks) {
            if (t.type != Tok::Word) continue;
            if (const auto* places = lex_.places(t.folded))
                if (places->front().kind == "country") countries_.insert(places->front().country);
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

// Which of the places sharing a name is meant, or none if the word is probably not a place.
const Place* PlaceFinder::choose_place(const std::vector<Place>& candidates,
                                       const std::vector<Token>& toks, std::size_t i,
                                       std::size_t n) const {
    const Place& first = candidates.front();
    if (first.kind == "country" || first.kind == "site") return &first;
    bool common = n == 1 && lex_.is_common_word(toks[i].folded) && !toks[i].upper;
    if (common && toks[i].sentence_start) return nullptr;
    // A capitalised word next to another name word is part of a longer name ("European
    // Union", "Central Election Commission").
    if (n == 1 && ((i > 0 && names_.is_name_word(toks[i - 1]) && !toks[i].sentence_start) ||
                   (i + 1 < toks.size() && names_.is_name_word(toks[i + 1]) &&
                    !lex_.places(toks[i + 1].folded))))
        return nullptr;
    for (const auto& c : candidates)
        if (countries_.count(c.country)) return &c;
    if (common) return nullptr;
    if (first.kind == "region" && first.population >= 1000000) return &first;
    if (first.population >= 100000) return &first;
    return nullptr;
}

}  // namespace dateline::extraction
