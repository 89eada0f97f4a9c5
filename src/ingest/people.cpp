// The people of an article: see people.h.
#include "src/ingest/people.h"

#include <cstdint>
#include <string_view>

namespace dateline::extraction {

namespace {

// Up to three words written just before a name, as its title ("US Secretary of State",
// "campaign manager"): what "the secretary" will mean. Not across a verb, a determiner or
// a stop word ("the editorial said Ann Obel" gives her no role).
void add_roles_before(std::unordered_set<std::string>& roles, const std::vector<Token>& toks,
                      std::size_t start, const Lexicon& lex) {
    for (std::size_t k = start; k > 0 && start - k < 3; --k) {
        const Token& t = toks[k - 1];
        if (t.type != Tok::Word || t.quoted || t.verb || lex.in_list("stop_words", t.folded) ||
            lex.in_list("determiners", t.folded))
            break;
        roles.insert(t.folded);
    }
}

// "65-year-old", "65 year old". Not std::regex: it recursed once per digit and overflowed the
// stack on a word of 50,000 digits.
bool is_age_description(std::string_view word) {
    std::size_t digits = 0;
    while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
    std::string_view rest = word.substr(digits);
    return digits > 0 && (rest == " year old" || rest == "-year-old");
}

// The name ending at token i modifies a title of another name: "Trump campaign chairman
// Paul Manafort" (role nouns between, no verb: "Perez hammered Trump" is no title).
bool modifies_name(const std::vector<Token>& toks, std::size_t i, const Lexicon& lex) {
    for (std::size_t k = i + 1; k < toks.size() && k <= i + 3; ++k) {
        const Token& t = toks[k];
        if (t.type != Tok::Word || t.quoted) return false;
        if (t.cap) return k > i + 1;
        bool past = t.folded.size() > 3 && t.folded.compare(t.folded.size() - 2, 2, "ed") == 0;
        if (t.verb || past || lex.in_list("stop_words", t.folded) || lex.in_list("skip", t.folded))
            return false;
    }
    return false;
}

}  // namespace

void People::collect(const std::vector<std::vector<Token>>& passages) {
    for (const auto& toks : passages) {
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const Token& t = toks[i];
            if (!names_.is_name_word(t)) continue;
            bool run_end = i + 1 == toks.size() || !names_.is_name_word(toks[i + 1]) ||
                           ends_with_possessive(t);
            if (!run_end) continue;
            std::size_t start = names_.name_start(toks, i);
            if (start == SIZE_MAX) continue;
            std::size_t end = headline_name_end(toks, start, i);
            if (end - start < 1 || end - start > 3) continue;
            if (is_full_name(toks, start, end)) add_person(toks, start, end);
        }
    }
}

// A headline capitalises every word: its name ends before a dictionary word the article
// never writes after a first name ("Chuck Grassley Compares Trump’s": Chuck Grassley).
std::size_t People::headline_name_end(const std::vector<Token>& toks, std::size_t start,
                                      std::size_t end) const {
    for (std::size_t k = start + 1; k <= end && toks[k].headline; ++k)
        if (lex_.is_common_word(toks[k].folded) && !toks[k].surname &&
            !lex_.sex_of_first_name(toks[k].folded))
            return k - 1;
    return end;
}

// Plausibly a name in full: no organisation or place (Peterson Institute, Los Angeles); the
// first word is a census first name (Lily, Chuck, Elizabeth) or no dictionary word; no other
// word is a place (after a first name: a country, region or large city), and none is all
// upper-case.
bool People::is_full_name(const std::vector<Token>& toks, std::size_t start,
                          std::size_t end) const {
    if (names_.is_organisation(names_.written_name(toks, start, end))) return false;
    bool first_name = lex_.sex_of_first_name(toks[start].folded) != 0;
    if (!first_name && (lex_.is_common_word(toks[start].folded) || lex_.places(toks[start].folded)))
        return false;
    // After a census first name a small town's name is a surname (Hillary Clinton).
    for (std::size_t k = start; k <= end; ++k) {
        bool place = first_name ? names_.is_speaking_place(toks[k].folded)
                                : lex_.places(toks[k].folded) != nullptr;
        if ((k > start && place) || toks[k].upper) return false;
    }
    // Without a census first name, a dictionary word after the first is a thing's name, not
    // a surname (Islamic State), unless the article writes it after a first name.
    for (std::size_t k = start + 1; k <= end && !first_name; ++k)
        if (lex_.is_common_word(toks[k].folded) && !toks[k].surname) return false;
    return true;
}

void People::add_person(const std::vector<Token>& toks, std::size_t start, std::size_t end) {
    std::string name = names_.shown_name(names_.written_name(toks, start, end));
    if (people_.count(name)) return;
    Person person;
    person.name = name;
    std::vector<std::string> words;
    for (std::size_t k = start; k <= end; ++k) words.push_back(toks[k].folded);
    person.gender = names_.gender_of(words);
    add_roles_before(person.roles, toks, start, lex_);
    people_[name] = person;
    order_.push_back(name);
    // Each name word finds the person alone ("Lukashenko" -> Alexander Lukashenko).
    for (std::size_t k = start + 1; k <= end; ++k) surname_.emplace(toks[k].folded, name);
}

std::string People::resolve_name(const std::vector<Token>& toks, std::size_t a,
                                 std::size_t b) const {
    std::string written = names_.written_name(toks, a, b);
    std::string k = Lexicon::key(written);
    if (a == b) {
        auto it = surname_.find(k);
        if (it != surname_.end()) return it->second;
    }
    return names_.shown_name(written);
}

void People::mark_mentions(std::size_t p, const std::vector<Token>& toks) {
    mentions_.clear();
    owners_.clear();
    sentence_.assign(toks.size() + 1, 0);
    for (std::size_t i = 0; i < toks.size(); ++i)
        sentence_[i + 1] = sentence_[i] + (!toks[i].quoted && ends_clause(toks[i]));
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (!names_.is_name_word(toks[i]) || toks[i].quoted) continue;
        if (i + 1 < toks.size() && names_.is_name_word(toks[i + 1]) && toks[i].text.back() != '\'')
            continue;
        std::size_t start = names_.name_start(toks, i);
        if (start == SIZE_MAX) continue;
        std::string name = resolve_name(toks, start, i);
        if (people_.count(name)) {
            mentions_.push_back({i, name});
            if (ends_with_possessive(toks[i]) || strip_possessive(toks[i].text) != toks[i].text ||
                modifies_name(toks, i, lex_))
                owners_.insert(i);
            add_roles_before(people_[name].roles, toks, start, lex_);
            for (std::size_t k = start; k <= i; ++k) person_tokens_.insert({p, k});
        }
    }
}

void People::end_passage(const std::vector<std::string>& speakers) {
    for (const auto& m : mentions_) history_.push_back(m.second);
    for (const auto& name : speakers)
        if (people_.count(name)) history_.push_back(name);
}

std::string People::latest_person(std::size_t before_token, Gender want) const {
    auto fits = [&](const std::string& name) {
        return want == Gender::Unknown || people_.at(name).gender == want;
    };
    // The sentence's subject, its first person, before later ones, who are mostly objects:
    // "Bush went after Trump, when he called him …" is Bush.
    // Not an owner: "Trump's attorney, Alan Garten, said … He said" is Garten.
    if (before_token < sentence_.size())
        for (const auto& m : mentions_)
            if (m.first < before_token && sentence_[m.first] == sentence_[before_token] &&
                !owners_.count(m.first) && fits(m.second))
                return m.second;
    // Else the previous sentence's subject: "Greg Raiff, …, said the jet was rare. “…,” he
    // said."
    if (before_token < sentence_.size() && sentence_[before_token] > 0)
        for (const auto& m : mentions_)
            if (sentence_[m.first] + 1 == sentence_[before_token] && !owners_.count(m.first) &&
                fits(m.second))
                return m.second;
    for (auto it = mentions_.rbegin(); it != mentions_.rend(); ++it)
        if (it->first < before_token) {
            const Person& person = people_.at(it->second);
            if (want == Gender::Unknown || person.gender == want) return person.name;
        }
    for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
        const Person& person = people_.at(*it);
        if (want == Gender::Unknown || person.gender == want) return person.name;
    }
    return "";
}

std::string People::resolve_description(std::size_t at,
                                        const std::vector<std::string>& words) const {
    if (words.empty()) return "";
    for (const auto& w : words)
        if (is_age_description(w)) return latest_person(at, Gender::Unknown);
    // The latest person called so ("President Lukashenko" ... "the president"; "former
    // President Bill Clinton" ... "the former president"), else the article's first person,
    // its protagonist ("the candidate"), unless someone else is called so (Vice President
    // Joe Biden is no "former president").
    const std::string& head = words.back();
    auto called_so = [&](const Person& p) {
        for (const auto& w : words)
            if (!p.roles.count(w) && !lex_.in_list("determiners", w)) return false;
        return true;
    };
    bool held = false;
    for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
        if (called_so(people_.at(*it))) return *it;
        held |= people_.at(*it).roles.count(head) != 0;
    }
    if (!lex_.in_list("person_nouns", head) || held) return "";
    return order_.empty() ? "" : order_.front();
}

std::string People::remember(const std::string& name, const std::vector<Token>& toks, std::size_t a,
                             std::size_t b) {
    if (name.empty() || people_.count(name) || a != b || toks[a].upper ||
        lex_.places(toks[a].folded))
        return name;
    Person person;
    person.name = name;
    person.gender = names_.gender_of({toks[a].folded});
    people_[name] = person;
    order_.push_back(name);
    return name;
}

}  // namespace dateline::extraction
