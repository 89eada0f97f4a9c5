// Quotations, speakers and places: see entities.h (the Lexicon is in lexicon.cpp).
#include "src/ingest/entities.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <regex>
#include <set>

#include "src/ingest/quotations.h"
#include "src/ingest/split.h"
#include "src/ingest/tokens.h"
#include "src/text/text.h"

namespace dateline {

using namespace extraction;

namespace {

enum class Gender { Unknown, Male, Female };

// A subject that names nobody ("one speaker told the crowd"): the quotation stays unattributed.
const std::string kUnnamed = "\x01unnamed";

struct Person {
    std::string name;  // canonical
    Gender gender = Gender::Unknown;
    std::unordered_set<std::string> roles;  // folded words written before the name
};

// "65-year-old", "65 year old". Not std::regex: it recursed once per digit and overflowed the
// stack on a word of 50,000 digits.
bool is_age_description(std::string_view word) {
    std::size_t digits = 0;
    while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
    std::string_view rest = word.substr(digits);
    return digits > 0 && (rest == " year old" || rest == "-year-old");
}

class ArticleReader {
  public:
    ArticleReader(const Lexicon& lex, const std::vector<Passage>& passages)
        : lex_(lex), passages_(passages) {
        for (const auto& p : passages) tokens_.push_back(tokenize(p.text));
        for (std::size_t p = 0; p < passages.size(); ++p)
            if (passages[p].ordinal == 0)
                for (auto& t : tokens_[p]) t.headline = true;
        for (auto& t : tokens_) spans_.push_back(find_quotations(t));
    }

    std::vector<PassageEntities> run() {
        collect_people_and_countries();
        std::vector<PassageEntities> out(passages_.size());
        std::string dateline = dateline_place();
        std::string previous_speaker;  // the last speaker of the previous passage
        for (std::size_t p = 0; p < passages_.size(); ++p) {
            mentions_.clear();
            mark_mentions(p);
            read_speakers(p, out[p], previous_speaker);
            read_places(p, out[p], dateline);
            previous_speaker.clear();
            if (!out[p].quotes.empty() && !out[p].quotes.back().speaker.empty())
                previous_speaker = out[p].quotes.back().speaker;
            else if (!out[p].speakers.empty())
                previous_speaker = out[p].speakers.back();
        }
        return out;
    }

  private:
    bool is_name_word(const Token& t) const {
        return t.type == Tok::Word && (t.cap || t.upper) && !u_isdigit(code_point_at(t.text, 0)) &&
               !lex_.in_list("not_names", t.folded) &&
               !(t.headline && lex_.in_list("verbs", t.folded));
    }
    bool is_connector(const Token& t) const {
        static const std::unordered_set<std::string> c = {"de", "van", "von", "bin", "al",
                                                          "da", "di",  "du",  "der", "la",
                                                          "le", "el",  "ibn", "dos", "del"};
        return t.type == Tok::Word && !t.cap && c.count(t.folded);
    }
    bool stops_name(const Token& t, bool common_head) const {
        const std::string& f = t.folded;
        if (lex_.in_list("titles", f) || lex_.is_demonym(f)) return true;
        if (const auto* places = lex_.places(f))
            if (places->front().kind == "country") return true;
        if (lex_.in_list("verbs", f) || lex_.in_list("he", f) || lex_.in_list("she", f))
            return true;
        // Two-letter words (Xi, Al) are names even where a dictionary lists them.
        if (!common_head && f.size() >= 3 && lex_.is_common_word(f) && !lex_.is_proper_too(f))
            return true;
        if (t.sentence_start && lex_.is_common_word(f)) return true;
        return false;
    }

    // The name ending at token `end` (inclusive), read leftwards: "US Secretary of State Mike
    // Pompeo" -> [Mike, Pompeo]. Returns the first token index, or SIZE_MAX if none.
    std::size_t name_start(const std::vector<Token>& toks, std::size_t end) const {
        if (end >= toks.size() || !is_name_word(toks[end])) return SIZE_MAX;
        const Token& head = toks[end];
        if (lex_.in_list("titles", head.folded) || lex_.in_list("he", head.folded) ||
            lex_.in_list("she", head.folded))
            return SIZE_MAX;
        if (head.sentence_start && lex_.is_common_word(head.folded) && !head.upper) return SIZE_MAX;
        if (lex_.is_demonym(head.folded)) return SIZE_MAX;
        bool common_head = lex_.is_common_word(head.folded) && !head.upper;
        std::size_t start = end;
        while (start > 0) {
            const Token& t = toks[start - 1];
            if (is_connector(t) && start >= 2 && is_name_word(toks[start - 2])) {
                start -= 2;
                continue;
            }
            if (!is_name_word(t) || t.quoted != head.quoted || stops_name(t, common_head)) break;
            // A possessive ends the name before it ("Belarus' President").
            if (t.text.back() == '\'' ||
                (t.text.size() > 2 && t.text.compare(t.text.size() - 2, 2, "'s") == 0))
                break;
            --start;
        }
        return start;
    }

    std::string join(const std::vector<Token>& toks, std::size_t a, std::size_t b) const {
        std::string out;
        for (std::size_t i = a; i <= b; ++i) {
            if (!out.empty()) out += ' ';
            out += i == b ? strip_possessive(toks[i].text) : toks[i].text;
        }
        return normalize_display(out);
    }

    Gender gender_of(const std::vector<std::string>& words) const {
        auto ends_female = [&](const std::string& w) {
            if (lex_.in_list("male_exceptions", w)) return false;
            for (const auto& e : lex_.list("female_endings"))
                if (w.size() > e.size() + 1 && w.compare(w.size() - e.size(), e.size(), e) == 0)
                    return true;
            return false;
        };
        if (words.empty()) return Gender::Unknown;
        return ends_female(words.front()) || ends_female(words.back()) ? Gender::Female
                                                                       : Gender::Male;
    }

    // Pass 1: the people the article names in full (two to four name words that are neither
    // places nor dictionary words), first use wins; and the countries it mentions, which decide
    // between places that share a name (Brest, Belarus or France).
    void collect_people_and_countries() {
        for (const auto& toks : tokens_) {
            for (std::size_t i = 0; i < toks.size(); ++i) {
                const Token& t = toks[i];
                if (t.type != Tok::Word) continue;
                if (const auto* places = lex_.places(t.folded))
                    if (places->front().kind == "country")
                        countries_.insert(places->front().country);
                if (!is_name_word(t)) continue;
                bool run_end =
                    i + 1 == toks.size() || !is_name_word(toks[i + 1]) || t.text.back() == '\'' ||
                    (t.text.size() > 2 && t.text.compare(t.text.size() - 2, 2, "'s") == 0);
                if (!run_end) continue;
                std::size_t start = name_start(toks, i);
                if (start == SIZE_MAX || i - start < 1 || i - start > 3) continue;
                bool plausible = !lex_.is_common_word(toks[start].folded);
                for (std::size_t k = start; k <= i && plausible; ++k)
                    if (lex_.places(toks[k].folded) || toks[k].upper) plausible = false;
                if (!plausible) continue;
                std::string written = join(toks, start, i);
                std::string canon = lex_.canonical(Lexicon::key(written));
                std::string name = canon.empty() ? written : canon;
                if (people_.count(name)) continue;
                Person person;
                person.name = name;
                std::vector<std::string> words;
                for (std::size_t k = start; k <= i; ++k) words.push_back(toks[k].folded);
                person.gender = gender_of(words);
                for (std::size_t k = start >= 3 ? start - 3 : 0; k < start; ++k)
                    if (toks[k].type == Tok::Word) person.roles.insert(toks[k].folded);
                people_[name] = person;
                order_.push_back(name);
                // Each name word finds the person alone ("Lukashenko" -> Alexander Lukashenko).
                for (std::size_t k = start; k <= i; ++k) {
                    if (k > start) surname_.emplace(toks[k].folded, name);
                }
            }
        }
    }

    // The canonical name for the name tokens [a, b].
    std::string resolve_name(const std::vector<Token>& toks, std::size_t a, std::size_t b) const {
        std::string written = join(toks, a, b);
        std::string k = Lexicon::key(written);
        if (a == b) {
            auto it = surname_.find(k);
            if (it != surname_.end()) return it->second;
        }
        std::string canon = lex_.canonical(k);
        return canon.empty() ? written : canon;
    }

    // People named in passage p, in order, for he/she.
    void mark_mentions(std::size_t p) {
        const auto& toks = tokens_[p];
        for (std::size_t i = 0; i < toks.size(); ++i) {
            if (!is_name_word(toks[i]) || toks[i].quoted) continue;
            if (i + 1 < toks.size() && is_name_word(toks[i + 1]) && toks[i].text.back() != '\'')
                continue;
            std::size_t start = name_start(toks, i);
            if (start == SIZE_MAX) continue;
            std::string name = resolve_name(toks, start, i);
            if (people_.count(name)) {
                mentions_.push_back({i, name});
                for (std::size_t k = start >= 3 ? start - 3 : 0; k < start; ++k)
                    if (toks[k].type == Tok::Word) people_[name].roles.insert(toks[k].folded);
                for (std::size_t k = start; k <= i; ++k) person_tokens_.insert({p, k});
            }
        }
    }

    std::string latest_person(std::size_t before_token, Gender want) const {
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

    // "the president", "the opposition leader", "the 65-year-old".
    std::string resolve_description(std::size_t at, const std::vector<std::string>& words) const {
        if (words.empty()) return "";
        for (const auto& w : words)
            if (is_age_description(w)) return latest_person(at, Gender::Unknown);
        // The latest person called so ("President Lukashenko" ... "the president"), else the
        // article's first person, its protagonist.
        const std::string& head = words.back();
        for (auto it = history_.rbegin(); it != history_.rend(); ++it)
            if (people_.at(*it).roles.count(head)) return *it;
        if (!lex_.in_list("person_nouns", head)) return "";
        return order_.empty() ? "" : order_.front();
    }

    // The speaker written just before a speech verb at index v: "Lukashenko (also) said",
    // "Lukashenko, 65, said", "he said", "the president said", "X was quoted as saying".
    std::string subject_before(std::size_t p, std::size_t v, std::size_t floor) {
        const auto& toks = tokens_[p];
        std::size_t i = v;
        auto skippable = [&](const Token& t) {
            if (t.type == Tok::Word && lex_.in_list("not_names", t.folded)) return true;
            if (t.type != Tok::Word || t.cap) return false;
            if (lex_.in_list("skip", t.folded)) return true;
            if (t.folded == "to") return true;  // "Russia prepared to offer"
            return t.folded.size() > 4 && t.folded.compare(t.folded.size() - 2, 2, "ly") == 0;
        };
        bool relative = false;  // "Putin, who offered"
        while (i > floor && skippable(toks[i - 1])) {
            relative |= toks[i - 1].folded == "who" || toks[i - 1].folded == "which";
            --i;
        }
        if (relative && i > floor + 1 && toks[i - 1].text == "," && is_name_word(toks[i - 2])) {
            std::size_t start = name_start(toks, i - 2);
            if (start != SIZE_MAX) return resolve_name(toks, start, i - 2);
        }
        // "to" only as part of "prepared to", "ready to".
        for (std::size_t k = i; k < v; ++k)
            if (toks[k].folded == "to" && (k == i || !lex_.in_list("skip", toks[k - 1].folded)))
                return "";
        if (i <= floor) return "";
        // "Lukashenko backed down, saying ...": the clause's first name is the subject.
        const std::string& verb = toks[v].folded;
        if (toks[i - 1].text == "," && verb.size() > 4 &&
            verb.compare(verb.size() - 3, 3, "ing") == 0) {
            for (std::size_t k = floor; k < i; ++k)
                if (is_name_word(toks[k]) && !toks[k].quoted &&
                    !(toks[k].sentence_start && lex_.is_common_word(toks[k].folded))) {
                    std::size_t end = k;
                    while (end + 1 < i && is_name_word(toks[end + 1])) ++end;
                    std::size_t start = name_start(toks, end);
                    if (start != SIZE_MAX) return resolve_name(toks, start, end);
                }
        }
        // A list between dashes names several speakers: "the Baltic states – Estonia, Lithuania
        // and Latvia – condemned" (returned one per line).
        if (toks[i - 1].type == Tok::Punct &&
            (toks[i - 1].text == "\xE2\x80\x93" || toks[i - 1].text == "\xE2\x80\x94")) {
            std::string names;
            for (std::size_t k = i - 1; k > floor && i - k < 15; --k) {
                const Token& w = toks[k - 1];
                if (w.text == toks[i - 1].text) break;
                if (is_name_word(w) && (k == i - 1 || !is_name_word(toks[k]))) {
                    std::size_t start = name_start(toks, k - 1);
                    if (start == SIZE_MAX) continue;
                    std::string who = resolve_name(toks, start, k - 1);
                    names = names.empty() ? who : who + "\n" + names;
                }
            }
            return names;
        }
        // An aside between commas: "Lukashenko, who has ruled since 1994, said".
        if (toks[i - 1].type == Tok::Punct && toks[i - 1].text == ",") {
            std::size_t k = i - 1;
            while (k > floor && !(toks[k - 1].type == Tok::Punct && toks[k - 1].text == ",") &&
                   toks[k - 1].type != Tok::Close && toks[k - 1].type != Tok::Open && i - k < 25)
                --k;
            if (k > floor + 1 && toks[k - 1].text == ",")
                i = k - 1;
            else
                return "";
        }
        const Token& t = toks[i - 1];
        if (t.type != Tok::Word || t.quoted) return "";
        if (lex_.in_list("he", t.folded)) return latest_person(i - 1, Gender::Male);
        if (lex_.in_list("she", t.folded)) return latest_person(i - 1, Gender::Female);
        if (is_name_word(t) && !(t.sentence_start && lex_.in_list("skip", t.folded))) {
            std::size_t start = name_start(toks, i - 1);
            if (start == SIZE_MAX) return "";
            // "opponents of Lukashenko say": the name is not the subject.
            static const std::unordered_set<std::string> prepositions = {
                "of", "for", "to", "with", "against", "by", "from", "about", "on", "at"};
            if (start > floor && prepositions.count(toks[start - 1].folded)) return kUnnamed;
            return remember(resolve_name(toks, start, i - 1), toks, start, i - 1);
        }
        // A description after "the".
        std::vector<std::string> words;
        for (std::size_t k = i; k > floor && i - k < 4; --k) {
            const Token& w = toks[k - 1];
            if (w.type != Tok::Word) break;
            if (w.folded == "the") {
                std::reverse(words.begin(), words.end());
                std::string who = resolve_description(k - 1, words);
                return who.empty() ? kUnnamed : who;
            }
            words.push_back(w.folded);
        }
        // "Russia's state-run RIA news agency says": the name before the noun.
        static const std::unordered_set<std::string> pronouns = {"it", "they", "we",   "you",
                                                                 "i",  "this", "that", "there"};
        for (std::size_t k = i - 1; k > floor && i - k <= 3 && !pronouns.count(t.folded); --k) {
            const Token& w = toks[k - 1];
            if (w.type != Tok::Word) break;
            if (is_name_word(w) && !w.sentence_start && !lex_.places(w.folded) &&
                w.folded.find(' ') == std::string::npos) {
                std::size_t start = name_start(toks, k - 1);
                if (start != SIZE_MAX) return resolve_name(toks, start, k - 1);
                break;
            }
        }
        // Someone unnamed ("one speaker told", "protesters chanted").
        return t.cap ? "" : kUnnamed;
    }

    // A speaker named only once, by one word ("Alexei, a 31-year-old worker, said"), becomes
    // a person of the article, so a later "he said" finds him.
    std::string remember(const std::string& name, const std::vector<Token>& toks, std::size_t a,
                         std::size_t b) {
        if (name.empty() || people_.count(name) || a != b || toks[a].upper ||
            lex_.places(toks[a].folded))
            return name;
        Person person;
        person.name = name;
        person.gender = gender_of({toks[a].folded});
        people_[name] = person;
        order_.push_back(name);
        return name;
    }

    // The speaker written just after an inverted verb: "said Alla Georgievna, 68", "said NATO
    // spokeswoman Oana Lungescu", "said the president".
    std::string subject_after(std::size_t p, std::size_t v, std::size_t ceiling) {
        const auto& toks = tokens_[p];
        std::size_t i = v + 1;
        if (i >= ceiling) return "";
        if (lex_.in_list("he", toks[i].folded)) return latest_person(v, Gender::Male);
        if (lex_.in_list("she", toks[i].folded)) return latest_person(v, Gender::Female);
        if (toks[i].folded == "the") {
            std::vector<std::string> words;
            for (std::size_t k = i + 1; k < ceiling && k < i + 4 && toks[k].type == Tok::Word; ++k)
                words.push_back(toks[k].folded);
            return resolve_description(v, words);
        }
        std::size_t last = SIZE_MAX;
        for (std::size_t k = i; k < ceiling && k < i + 8; ++k) {
            if (toks[k].type != Tok::Word) break;
            if (is_name_word(toks[k]))
                last = k;
            else if (last != SIZE_MAX && !is_connector(toks[k]))
                break;
        }
        if (last == SIZE_MAX) return "";
        std::size_t start = name_start(toks, last);
        return start == SIZE_MAX ? "" : resolve_name(toks, start, last);
    }

    bool is_verb_at(const std::vector<Token>& toks, std::size_t k) const {
        return is_verb(toks[k]) && !(k > 0 && lex_.in_list("determiners", toks[k - 1].folded));
    }

    bool is_verb(const Token& t) const {
        return t.type == Tok::Word && !t.quoted && (!t.cap || (t.headline && !t.sentence_start)) &&
               lex_.in_list("verbs", t.folded);
    }

    // The speaker of the clause [from, to): the speech verb nearest to `near` with a subject.
    std::string speaker_in(std::size_t p, std::size_t from, std::size_t to, std::size_t near) {
        const auto& toks = tokens_[p];
        std::vector<std::size_t> verbs;
        for (std::size_t k = from; k < to; ++k)
            if (is_verb_at(toks, k)) verbs.push_back(k);
        std::sort(verbs.begin(), verbs.end(), [&](std::size_t a, std::size_t b) {
            auto d = [&](std::size_t x) { return x > near ? x - near : near - x; };
            return d(a) < d(b);
        });
        for (std::size_t v : verbs) {
            std::string s = subject_of(p, v, from, to);
            if (!s.empty()) return s;  // the nearest verb with a subject decides
        }
        // "according to X"
        for (std::size_t k = from; k + 2 < to; ++k)
            if (toks[k].folded == "according" && toks[k + 1].folded == "to" && !toks[k].quoted) {
                std::size_t last = SIZE_MAX;
                for (std::size_t j = k + 2; j < to && j < k + 10; ++j) {
                    if (toks[j].type != Tok::Word) break;
                    if (is_name_word(toks[j]))
                        last = j;
                    else if (last != SIZE_MAX)
                        break;
                }
                if (last != SIZE_MAX) {
                    std::size_t start = name_start(toks, last);
                    if (start != SIZE_MAX) return resolve_name(toks, start, last);
                }
            }
        return "";
    }

    std::string subject_of(std::size_t p, std::size_t v, std::size_t from, std::size_t to) {
        const auto& toks = tokens_[p];
        std::string s = subject_before(p, v, from);
        if ((s.empty() || s == kUnnamed) && lex_.in_list("inverted", toks[v].folded) &&
            (v == from || toks[v - 1].type == Tok::Close || toks[v - 1].text == ",")) {
            std::string after = subject_after(p, v, to);
            if (!after.empty()) s = after;
        }
        return s;
    }

    void add_unique(std::vector<std::string>& list, const std::string& value) {
        for (const auto& one : split(value, '\n'))
            if (!one.empty() && one != kUnnamed &&
                std::find(list.begin(), list.end(), one) == list.end())
                list.push_back(one);
    }

    std::string speaker_before(std::size_t p, std::size_t open) {
        const auto& toks = tokens_[p];
        std::size_t begin = open;
        while (begin > 0 && !ends_clause(toks[begin - 1]) && !toks[begin - 1].quoted &&
               toks[begin - 1].type != Tok::Close)
            --begin;
        return speaker_in(p, begin, open, open);
    }

    void read_speakers(std::size_t p, PassageEntities& out, const std::string& previous) {
        const auto& toks = tokens_[p];
        const auto& spans = spans_[p];
        std::vector<std::size_t> unattributed;
        for (std::size_t s = 0; s < spans.size(); ++s) {
            const Span& sp = spans[s];
            std::string text = quotation_text(passages_[p].text, toks, sp);
            if (text.empty()) continue;
            std::string speaker;
            // A quotation inside a sentence ("told state TV he “would move…,” DW reports")
            // belongs to the clause that leads into it; one that opens a sentence, to the
            // attribution after it.
            bool embedded = sp.open > 0 && toks[sp.open - 1].type == Tok::Word;
            if (embedded) speaker = speaker_before(p, sp.open);
            // After the quotation, up to the end of the clause or the next quotation.
            if (speaker.empty() && sp.close < toks.size()) {
                std::size_t end = sp.close + 1;
                while (end < toks.size() && !ends_clause(toks[end]) &&
                       toks[end].type != Tok::Open &&
                       !(toks[end].type == Tok::Toggle && !toks[end].quoted))
                    ++end;
                speaker = speaker_in(p, sp.close + 1, end, sp.close);
            }
            // Before it, back to the previous clause or quotation.
            if (speaker.empty() && !embedded) speaker = speaker_before(p, sp.open);
            // Few words in quotation marks inside a sentence are a phrase, not a quotation;
            // in title case they are a name ("March of Freedom"), said by nobody.
            bool phrase = count_words(text) <= 3 && sp.open > 0;
            if (phrase && speaker.empty()) continue;
            if (phrase && is_title_case(toks, sp)) speaker = kUnnamed;
            speaker = split(speaker, '\n').front();
            if (speaker == kUnnamed)
                speaker.clear();
            else if (speaker.empty())
                unattributed.push_back(out.quotes.size());
            out.quotes.push_back({text, speaker});
            add_unique(out.speakers, speaker);
        }
        // Reported speech outside quotations: each clause with a speech verb.
        std::size_t begin = 0;
        for (std::size_t k = 0; k <= toks.size(); ++k) {
            if (k < toks.size() && !ends_clause(toks[k])) continue;
            for (std::size_t j = begin; j < k; ++j)
                if (is_verb_at(toks, j)) {
                    std::string s = subject_of(p, j, begin, k);
                    if (s != kUnnamed) add_unique(out.speakers, s);
                }
            std::string according = speaker_in(p, begin, k, k);
            if (according != kUnnamed) add_unique(out.speakers, according);
            begin = k + 1;
        }
        // A quotation nobody in its sentence said: the passage's speaker, else (when the
        // passage opens with it) the previous passage's.
        for (std::size_t q : unattributed) {
            std::string who;
            if (out.speakers.size() == 1)
                who = out.speakers.front();
            else if (out.speakers.empty() && !spans.empty() && spans.front().open == 0)
                who = previous;
            out.quotes[q].speaker = who;
            add_unique(out.speakers, who);
        }
        for (const auto& m : mentions_) history_.push_back(m.second);
        for (const auto& name : out.speakers)
            if (people_.count(name)) history_.push_back(name);
    }

    // The place of the article's dateline ("MINSK—", "MINSK:", "MINSK (AFP) -").
    std::string dateline_place() const {
        if (passages_.size() < 2) return "";
        static const std::regex re(
            "^\\s*([A-Z][A-Z.' -]{1,40}?)(,\\s*[A-Z][A-Za-z0-9. ]{1,30})?\\s*(\\([^)]{1,40}\\))?"
            "\\s*(\xE2\x80\x94|\xE2\x80\x93|-|:)");
        std::smatch m;
        const std::string& text = passages_[1].text;
        std::string head = text.substr(0, std::min<std::size_t>(text.size(), 120));
        if (!std::regex_search(head, m, re)) return "";
        const auto* places = lex_.places(Lexicon::key(m[1].str()));
        return places ? places->front().name : "";
    }

    void read_places(std::size_t p, PassageEntities& out, const std::string& dateline) {
        add_unique(out.locations, dateline);
        const auto& toks = tokens_[p];
        for (std::size_t i = 0; i < toks.size(); ++i) {
            if (!is_name_word(toks[i]) || person_tokens_.count({p, i})) continue;
            std::size_t max = std::min(lex_.max_place_words(), toks.size() - i);
            for (std::size_t n = max; n >= 1; --n) {
                std::size_t last = i + n - 1;
                if (!is_name_word(toks[last])) continue;
                bool words_only = true;
                std::string k;
                for (std::size_t j = i; j <= last; ++j) {
                    if (toks[j].type != Tok::Word || person_tokens_.count({p, j})) {
                        words_only = false;
                        break;
                    }
                    k += (k.empty() ? "" : " ") + toks[j].folded;
                }
                if (!words_only) continue;
                const auto* candidates = lex_.places(k);
                if (!candidates) continue;
                const Place* place = choose(*candidates, toks, i, n);
                if (!place) continue;
                add_unique(out.locations, place->name);
                i = last;
                break;
            }
        }
    }

    // Which of the places sharing a name is meant, or none if the word is probably not a place.
    const Place* choose(const std::vector<Place>& candidates, const std::vector<Token>& toks,
                        std::size_t i, std::size_t n) const {
        const Place& first = candidates.front();
        if (first.kind == "country" || first.kind == "site") return &first;
        bool common = n == 1 && lex_.is_common_word(toks[i].folded) && !toks[i].upper;
        if (common && toks[i].sentence_start) return nullptr;
        // A capitalised word next to another name word is part of a longer name ("European
        // Union", "Central Election Commission").
        if (n == 1 && ((i > 0 && is_name_word(toks[i - 1]) && !toks[i].sentence_start) ||
                       (i + 1 < toks.size() && is_name_word(toks[i + 1]) &&
                        !lex_.places(toks[i + 1].folded))))
            return nullptr;
        for (const auto& c : candidates)
            if (countries_.count(c.country)) return &c;
        if (common) return nullptr;
        if (first.kind == "region" && first.population >= 1000000) return &first;
        if (first.population >= 100000) return &first;
        return nullptr;
    }

    const Lexicon& lex_;
    const std::vector<Passage>& passages_;
    std::vector<std::vector<Token>> tokens_;
    std::vector<std::vector<Span>> spans_;
    std::map<std::string, Person> people_;
    std::vector<std::string> order_;                        // people in order of first mention
    std::unordered_map<std::string, std::string> surname_;  // name word -> person
    std::unordered_set<std::string> countries_;
    std::vector<std::pair<std::size_t, std::string>> mentions_;  // in the current passage
    std::vector<std::string> history_;                           // people of earlier passages
    std::set<std::pair<std::size_t, std::size_t>> person_tokens_;
};

}  // namespace

EntityExtractor::EntityExtractor(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

std::vector<PassageEntities> EntityExtractor::extract(const std::vector<Passage>& passages) const {
    return ArticleReader(*lexicon_, passages).run();
}

}  // namespace dateline
