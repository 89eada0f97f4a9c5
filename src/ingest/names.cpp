// Which words make a person's name: see names.h.
#include "src/ingest/names.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_set>

#include "src/text/text.h"

namespace dateline::extraction {

// A city this large speaks for its government when it is named as a speaker (Moscow, Beijing).
constexpr unsigned long kSpeakingCity = 500000;

void add_unique(std::vector<std::string>& list, const std::string& name) {
    if (!name.empty() && std::find(list.begin(), list.end(), name) == list.end())
        list.push_back(name);
}

// Straight or curly: Clinton's, Clinton’s, Sanders’.
bool ends_with_possessive(const Token& t) { return strip_possessive(t.text) != t.text; }

bool NameRules::is_name_word(const Token& t) const {
    return t.type == Tok::Word && (t.cap || t.upper) && !u_isdigit(code_point_at(t.text, 0)) &&
           !lex_.in_list("not_names", t.folded) && !(t.headline && t.verb) &&
           !(t.headline && !t.upper && is_headline_small_word(t.folded));
}

// A headline capitalises its small words too ("CNN President On Trump:", "Just Announced",
// "Isn't"): they are no part of a name.
bool NameRules::is_headline_small_word(const std::string& folded) const {
    auto ends = [&](std::string_view end) {
        return folded.size() > end.size() &&
               folded.compare(folded.size() - end.size(), end.size(), end) == 0;
    };
    bool negation = ends("n't") || ends("n\xE2\x80\x99t");  // Isn't, Doesn’t
    return negation || lex_.in_list("stop_words", folded) || lex_.in_list("skip", folded);
}

// A government speaks by its country, region or capital ("Russia said", "Moscow says"); a
// small town's name is a surname (Obama, Japan; Lincoln, Nebraska; Clinton).
bool NameRules::is_speaking_place(const std::string& key) const {
    if (const auto* places = lex_.places(key))
        for (const Place& p : *places)
            if (p.kind != "city" || p.population >= kSpeakingCity) return true;
    return false;
}

bool NameRules::is_organisation(const std::string& name) const {
    std::string key = Lexicon::key(name);
    if (lex_.in_list("organisation_names", key)) return true;
    if (is_speaking_place(key)) return true;
    std::size_t start = 0;
    while (start <= key.size()) {
        std::size_t end = std::min(key.find(' ', start), key.size());
        if (lex_.in_list("organisations", key.substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

bool NameRules::is_connector(const Token& t) const {
    static const std::unordered_set<std::string> c = {"de", "van", "von", "bin", "al",
                                                      "da", "di",  "du",  "der", "la",
                                                      "le", "el",  "ibn", "dos", "del"};
    return t.type == Tok::Word && !t.cap && c.count(t.folded);
}

// A word before a name that is not part of it: a title, a demonym, a country, a verb, he/she,
// a dictionary word.
bool NameRules::stops_name(const Token& t, bool common_head, bool before_first_name) const {
    const std::string& f = t.folded;
    if (lex_.in_list("titles", f) || lex_.is_demonym(f) || lex_.in_list("determiners", f))
        return true;
    // President-elect, Vice-President: a hyphenated title.
    if (std::size_t space = f.find(' ');
        space != std::string::npos && lex_.in_list("titles", f.substr(0, space)))
        return true;
    if (const auto* places = lex_.places(f))
        if (places->front().kind == "country") return true;
    if (t.verb || lex_.in_list("he", f) || lex_.in_list("she", f)) return true;
    // A party before a person: "Democrat Hillary Clinton" (not the Democratic National Committee).
    if (before_first_name && lex_.in_list("groups", f)) return true;
    // Two-letter words (Xi, Al) are names even where a dictionary lists them. Under a head
    // that is a dictionary word too, so are dictionary words ("New York Times", "House
    // Intelligence Committee"), except the titles before a person's first name ("Chief Legal
    // Officer Brad Smith").
    if (f.size() >= 3 && lex_.is_common_word(f) && !lex_.is_proper_too(f) &&
        (!common_head || before_first_name))
        return true;
    // A capitalised common word opening a sentence, unless a name: a surname, or a census
    // first name (Frank, Tom) before the rest of the name.
    if (t.sentence_start && lex_.is_common_word(f) && !t.surname && !lex_.sex_of_first_name(f))
        return true;
    return false;
}

// A word that can be a first name: a census first name (Mark, Bill), or capitalised and no
// title, demonym, place or dictionary word.
bool NameRules::is_first_name(const Token& t) const {
    const std::string& f = t.folded;
    if (t.type != Tok::Word || !t.cap || t.upper || lex_.in_list("titles", f)) return false;
    if (lex_.sex_of_first_name(f)) return true;
    return !lex_.is_demonym(f) && !lex_.places(f) && !lex_.is_common_word(f);
}

void NameRules::mark_surnames(std::vector<std::vector<Token>>& passages) const {
    std::unordered_set<std::string> after_name;
    for (const auto& toks : passages)
        for (std::size_t k = 1; k < toks.size(); ++k) {
            const Token& t = toks[k];
            if (t.type == Tok::Word && t.cap && !t.upper && !t.headline && toks[k - 1].cap &&
                is_first_name(toks[k - 1]))
                after_name.insert(t.folded);
        }
    if (after_name.empty()) return;
    for (const auto& toks : passages)  // written in lower case somewhere: no surname
        for (const auto& t : toks)
            if (t.type == Tok::Word && !t.cap && !t.upper) after_name.erase(t.folded);
    for (auto& toks : passages)
        for (auto& t : toks) t.surname = t.type == Tok::Word && t.cap && after_name.count(t.folded);
}

// Pronouns (I, We), groups and demonyms (Democrats, Americans), and a dictionary word in
// capitals (MORE), unless the article writes it after a first name (PENCE, for Mike Pence).
bool NameRules::is_never_a_name(const Token& head) const {
    // A contraction (I'm, we're, don't) is no name, whatever else the article says of it.
    for (const char* ending : {"'m", "'re", "'ve", "'ll", "n't", "\xE2\x80\x99m", "\xE2\x80\x99re",
                               "\xE2\x80\x99ve", "\xE2\x80\x99ll", "n\xE2\x80\x99t"}) {
        std::size_t n = std::strlen(ending);
        if (head.text.size() > n && head.text.compare(head.text.size() - n, n, ending) == 0)
            return true;
    }
    if (head.surname) return false;
    const std::string& f = head.folded;
    if (lex_.in_list("pronouns", f) || lex_.in_list("groups", f) || lex_.is_demonym(f)) return true;
    if (f.size() > 3 && f.back() == 's' && lex_.is_demonym(f.substr(0, f.size() - 1)))
        return true;  // Americans, Russians
    return head.upper && lex_.is_common_word(f);
}

std::size_t NameRules::name_start(const std::vector<Token>& toks, std::size_t end) const {
    if (end >= toks.size() || !is_name_word(toks[end])) return SIZE_MAX;
    const Token& head = toks[end];
    if (lex_.in_list("he", head.folded) || lex_.in_list("she", head.folded)) return SIZE_MAX;
    // A title is a surname after a first name or an honorific (Peter T. King, Mr. Prince), or
    // alone where the article writes it so (Billie Jean King ... King said).
    if (lex_.in_list("titles", head.folded) && !head.surname &&
        !(end > 0 && is_name_word(toks[end - 1]) &&
          (!lex_.in_list("titles", toks[end - 1].folded) ||
           lex_.in_list("honorifics", toks[end - 1].folded))))
        return SIZE_MAX;
    if (head.sentence_start && lex_.is_common_word(head.folded) && !head.upper && !head.surname)
        return SIZE_MAX;
    if (is_never_a_name(head)) return SIZE_MAX;
    bool common_head = lex_.is_common_word(head.folded) && !head.upper;
    std::size_t start = end;
    while (start > 0) {
        const Token& t = toks[start - 1];
        if (is_connector(t) && start >= 2 && is_name_word(toks[start - 2])) {
            start -= 2;
            continue;
        }
        bool before_first_name = lex_.sex_of_first_name(toks[start].folded) != 0;
        // A place of two words stays whole ("New York Times", not "York Times").
        bool place = lex_.places(t.folded + " " + toks[start].folded) != nullptr;
        if (!is_name_word(t) || t.quoted != head.quoted ||
            (!place && stops_name(t, common_head, before_first_name)))
            break;
        // A possessive ends the name before it ("Belarus' President").
        if (ends_with_possessive(t)) break;
        --start;
    }
    return start;
}

std::string NameRules::written_name(const std::vector<Token>& toks, std::size_t a,
                                    std::size_t b) const {
    std::string out;
    for (std::size_t i = a; i <= b; ++i) {
        if (!out.empty()) out += ' ';
        out += i == b ? strip_possessive(toks[i].text) : toks[i].text;
    }
    return normalize_display(out);
}

std::string NameRules::shown_name(const std::string& written) const {
    std::string canon = lex_.canonical(Lexicon::key(written));
    if (!canon.empty()) return canon;
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < written.size()) {
        std::size_t end = std::min(written.find(' ', start), written.size());
        words.push_back(written.substr(start, end - start));
        start = end + 1;
    }
    auto initial = [](const std::string& w) {  // J. or J or H.W.
        std::size_t letters = 0;
        for (char c : w) letters += (c >= 'A' && c <= 'Z');
        return letters > 0 && letters + std::count(w.begin(), w.end(), '.') == w.size() &&
               letters <= 2;
    };
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        bool middle = i > 0 && i + 1 < words.size() && initial(words[i]) && !initial(words[0]);
        if (middle) continue;
        out += (out.empty() ? "" : " ") + words[i];
    }
    return out;
}

Gender NameRules::gender_of(const std::vector<std::string>& words) const {
    auto ends_female = [&](const std::string& w) {
        if (lex_.in_list("male_exceptions", w)) return false;
        for (const auto& e : lex_.list("female_endings"))
            if (w.size() > e.size() + 1 && w.compare(w.size() - e.size(), e.size(), e) == 0)
                return true;
        return false;
    };
    if (words.empty()) return Gender::Unknown;
    // The census first names decide (Patty, Susan, Lily); the endings only for the rest.
    if (!lex_.in_list("male_exceptions", words.front())) {
        char sex = lex_.sex_of_first_name(words.front());
        if (sex == 'm' || sex == 'f') return sex == 'f' ? Gender::Female : Gender::Male;
    }
    return ends_female(words.front()) || ends_female(words.back()) ? Gender::Female : Gender::Male;
}

}  // namespace dateline::extraction
