// Quotations, speakers and places: see entities.h (the Lexicon is in lexicon.cpp).
#include "src/ingest/entities.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <regex>
#include <set>

#include "src/ingest/names.h"
#include "src/ingest/people.h"
#include "src/ingest/places.h"
#include "src/ingest/quotations.h"
#include "src/ingest/split.h"
#include "src/ingest/tokens.h"
#include "src/text/text.h"

namespace dateline {

using namespace extraction;

namespace {

class ArticleReader {
  public:
    ArticleReader(const Lexicon& lex, const std::vector<Passage>& passages)
        : lex_(lex), passages_(passages), names_(lex), people_(lex, names_), places_(lex, names_) {
        for (const auto& p : passages) tokens_.push_back(tokenize(p.text));
        for (std::size_t p = 0; p < passages.size(); ++p)
            if (passages[p].ordinal == 0)
                for (auto& t : tokens_[p]) t.headline = true;
        for (auto& t : tokens_) spans_.push_back(find_quotations(t));
    }

    std::vector<PassageEntities> run() {
        people_.collect(tokens_);
        places_.collect_countries(tokens_);
        std::vector<PassageEntities> out(passages_.size());
        std::string dateline = places_.dateline_place(passages_);
        std::string previous_speaker;  // the last speaker of the previous passage
        for (std::size_t p = 0; p < passages_.size(); ++p) {
            people_.mark_mentions(p, tokens_[p]);
            read_speakers(p, out[p], previous_speaker);
            people_.end_passage(out[p].speakers);
            places_.read_places(p, tokens_[p], people_, dateline, out[p].locations);
            previous_speaker.clear();
            if (!out[p].quotes.empty() && !out[p].quotes.back().speaker.empty())
                previous_speaker = out[p].quotes.back().speaker;
            else if (!out[p].speakers.empty())
                previous_speaker = out[p].speakers.back();
        }
        return out;
    }

  private:
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
        if (relative && i > floor + 1 && toks[i - 1].text == "," &&
            names_.is_name_word(toks[i - 2])) {
            std::size_t start = names_.name_start(toks, i - 2);
            if (start != SIZE_MAX) return people_.resolve_name(toks, start, i - 2);
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
                if (names_.is_name_word(toks[k]) && !toks[k].quoted &&
                    !(toks[k].sentence_start && lex_.is_common_word(toks[k].folded))) {
                    std::size_t end = k;
                    while (end + 1 < i && names_.is_name_word(toks[end + 1])) ++end;
                    std::size_t start = names_.name_start(toks, end);
                    if (start != SIZE_MAX) return people_.resolve_name(toks, start, end);
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
                if (names_.is_name_word(w) && (k == i - 1 || !names_.is_name_word(toks[k]))) {
                    std::size_t start = names_.name_start(toks, k - 1);
                    if (start == SIZE_MAX) continue;
                    std::string who = people_.resolve_name(toks, start, k - 1);
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
        if (lex_.in_list("he", t.folded)) return people_.latest_person(i - 1, Gender::Male);
        if (lex_.in_list("she", t.folded)) return people_.latest_person(i - 1, Gender::Female);
        if (names_.is_name_word(t) && !(t.sentence_start && lex_.in_list("skip", t.folded))) {
            std::size_t start = names_.name_start(toks, i - 1);
            if (start == SIZE_MAX) return "";
            // "opponents of Lukashenko say": the name is not the subject.
            static const std::unordered_set<std::string> prepositions = {
                "of", "for", "to", "with", "against", "by", "from", "about", "on", "at"};
            if (start > floor && prepositions.count(toks[start - 1].folded)) return kUnnamed;
            return people_.remember(people_.resolve_name(toks, start, i - 1), toks, start, i - 1);
        }
        // A description after "the".
        std::vector<std::string> words;
        for (std::size_t k = i; k > floor && i - k < 4; --k) {
            const Token& w = toks[k - 1];
            if (w.type != Tok::Word) break;
            if (w.folded == "the") {
                std::reverse(words.begin(), words.end());
                std::string who = people_.resolve_description(k - 1, words);
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
            if (names_.is_name_word(w) && !w.sentence_start && !lex_.places(w.folded) &&
                w.folded.find(' ') == std::string::npos) {
                std::size_t start = names_.name_start(toks, k - 1);
                if (start != SIZE_MAX) return people_.resolve_name(toks, start, k - 1);
                break;
            }
        }
        // Someone unnamed ("one speaker told", "protesters chanted").
        return t.cap ? "" : kUnnamed;
    }

    // The speaker written just after an inverted verb: "said Alla Georgievna, 68", "said NATO
    // spokeswoman Oana Lungescu", "said the president".
    std::string subject_after(std::size_t p, std::size_t v, std::size_t ceiling) {
        const auto& toks = tokens_[p];
        std::size_t i = v + 1;
        if (i >= ceiling) return "";
        if (lex_.in_list("he", toks[i].folded)) return people_.latest_person(v, Gender::Male);
        if (lex_.in_list("she", toks[i].folded)) return people_.latest_person(v, Gender::Female);
        if (toks[i].folded == "the") {
            std::vector<std::string> words;
            for (std::size_t k = i + 1; k < ceiling && k < i + 4 && toks[k].type == Tok::Word; ++k)
                words.push_back(toks[k].folded);
            return people_.resolve_description(v, words);
        }
        std::size_t last = SIZE_MAX;
        for (std::size_t k = i; k < ceiling && k < i + 8; ++k) {
            if (toks[k].type != Tok::Word) break;
            if (names_.is_name_word(toks[k]))
                last = k;
            else if (last != SIZE_MAX && !names_.is_connector(toks[k]))
                break;
        }
        if (last == SIZE_MAX) return "";
        std::size_t start = names_.name_start(toks, last);
        return start == SIZE_MAX ? "" : people_.resolve_name(toks, start, last);
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
                    if (names_.is_name_word(toks[j]))
                        last = j;
                    else if (last != SIZE_MAX)
                        break;
                }
                if (last != SIZE_MAX) {
                    std::size_t start = names_.name_start(toks, last);
                    if (start != SIZE_MAX) return people_.resolve_name(toks, start, last);
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
    }

    const Lexicon& lex_;
    const std::vector<Passage>& passages_;
    std::vector<std::vector<Token>> tokens_;
    std::vector<std::vector<Span>> spans_;
    NameRules names_;
    People people_;
    PlaceFinder places_;
};

}  // namespace

EntityExtractor::EntityExtractor(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

std::vector<PassageEntities> EntityExtractor::extract(const std::vector<Passage>& passages) const {
    return ArticleReader(*lexicon_, passages).run();
}

}  // namespace dateline
