// Speech verbs and their subjects: see speech.h.
#include "src/ingest/speech.h"

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "src/base/split.h"
#include "src/ingest/quotations.h"

namespace dateline::extraction {

void mark_speech_verbs(std::vector<Token>& toks, const Lexicon& lexicon) {
    for (std::size_t k = 0; k < toks.size(); ++k) {
        Token& t = toks[k];
        if (t.type != Tok::Word) continue;
        t.verb = lexicon.has_verb_form("verbs", t.folded);
        // A verb of speech only with its particle: "as X put it", "X pointed out".
        if (!t.verb && k + 1 < toks.size() && toks[k + 1].type == Tok::Word)
            t.verb = lexicon.in_list("phrasal", t.folded + "+" + toks[k + 1].folded);
        bool finite = t.folded.size() < 4 || t.folded.compare(t.folded.size() - 3, 3, "ing") != 0;
        t.inverted = t.verb && finite && lexicon.has_verb_form("inverted", t.folded);
    }
}

bool SpeechReader::is_verb(const Token& t) const {
    return t.type == Tok::Word && !t.quoted && (!t.cap || (t.headline && !t.sentence_start)) &&
           t.verb;
}

// An inverted verb opening a sentence before its speaker: "Said Ada Quist, 70: “…”".
bool SpeechReader::is_opening_inverted(std::size_t k) const {
    const Token& t = toks_[k];
    return t.type == Tok::Word && !t.quoted && t.cap && t.sentence_start && t.inverted &&
           !t.headline && k + 1 < toks_.size() && names_.is_name_word(toks_[k + 1]);
}

bool SpeechReader::is_verb_at(std::size_t k) const {
    if (is_opening_inverted(k)) return true;
    // After a possessive's adjective, a noun: "Reddy's repeated calls"; after "a" and a name,
    // too: "posted a Twitter comment", "an NBC report".
    bool after_adjective = k > 0 && is_noun_after_possessive(k - 1) && toks_[k - 1].verb;
    after_adjective |= k > 1 && names_.is_name_word(toks_[k - 1]) &&
                       (toks_[k - 2].folded == "a" || toks_[k - 2].folded == "an");
    return is_verb(toks_[k]) && !(k > 0 && lex_.in_list("determiners", toks_[k - 1].folded)) &&
           !is_noun_after_possessive(k) && !after_adjective;
}

bool SpeechReader::is_speech_noun_at(std::size_t k) const {
    return is_verb(toks_[k]) && is_noun_after_possessive(k);
}

// "Trump's remarks", "Ginsburg's comments": a verb's form after a possessive is a noun; not a
// past participle after the 's of has ("he's said", "Smith's added").
bool SpeechReader::is_noun_after_possessive(std::size_t k) const {
    if (k == 0 || toks_[k - 1].type != Tok::Word) return false;
    const Token& before = toks_[k - 1];
    if (strip_possessive(before.text) == before.text) return false;
    const std::string& f = toks_[k].folded;
    bool participle = f.size() > 3 && f.compare(f.size() - 2, 2, "ed") == 0;
    bool pronoun = lex_.in_list("he", before.folded) || lex_.in_list("she", before.folded) ||
                   lex_.in_list("pronouns", before.folded);
    return !pronoun && (!participle || is_adjective_before_noun(k));
}

// A participle before a noun is an adjective: "Reddy's proposed credit", "Obel's stated
// goal"; not before a pronoun, a stop word or punctuation ("Smith's added that").
bool SpeechReader::is_adjective_before_noun(std::size_t k) const {
    if (k + 1 >= toks_.size()) return false;
    const Token& next = toks_[k + 1];
    return next.type == Tok::Word && !next.cap && !next.quoted &&
           !lex_.in_list("stop_words", next.folded) && !lex_.in_list("he", next.folded) &&
           !lex_.in_list("she", next.folded) && !lex_.in_list("pronouns", next.folded) &&
           !lex_.in_list("skip", next.folded);
}

std::string kind_name(SpeakerKind kind) {
    switch (kind) {
        case SpeakerKind::Person:
            return "person";
        case SpeakerKind::Organisation:
            return "organisation";
        case SpeakerKind::Document:
            return "document";
        case SpeakerKind::Unnamed:
            return "unnamed";
        case SpeakerKind::None:
            break;
    }
    return "";
}

// A person of the article, else an organisation when the name is a place ("Russia said"), an
// acronym (FBI) or holds an organisation word (Peterson Institute, Justice Department).
Speaker SpeechReader::named(const std::string& name) const {
    if (name.empty()) return {};
    if (people_.knows(name)) return {SpeakerKind::Person, {name}};
    // One organisation word alone is a fragment of a name ("the House", "the Times"): whose,
    // the text does not say.
    if (name.find(' ') == std::string::npos && lex_.in_list("organisations", Lexicon::key(name)))
        return Speaker::nameless(SpeakerKind::Unnamed);
    bool acronym = name.size() <= 6 && name.find(' ') == std::string::npos;
    for (char c : name) acronym &= !(c >= 'a' && c <= 'z');
    bool organisation = acronym || names_.is_organisation(name);
    return {organisation ? SpeakerKind::Organisation : SpeakerKind::Person, {name}};
}

// "the president", "the memo", "a campaign aide": the person meant, else a document or someone
// unnamed, by the description's last word. `at` is the token of the determiner.
Speaker SpeechReader::description(std::size_t at, const std::vector<std::string>& words) const {
    // A document is nobody's name: "the editorial read".
    bool document = !words.empty() && lex_.in_list("documents", words.back());
    if (document) return Speaker::nameless(SpeakerKind::Document);
    if (Speaker who = named(people_.resolve_description(at, words)); who.found()) return who;
    return Speaker::nameless(SpeakerKind::Unnamed);
}

Speaker SpeechReader::speaker_in(std::size_t from, std::size_t to, std::size_t near) {
    std::vector<std::size_t> verbs;
    for (std::size_t k = from; k < to; ++k)
        if (is_verb_at(k)) verbs.push_back(k);
    // A verb in a clause that a speech verb's "that when", "that if" opens is the reported
    // speech's, not its speaker's: "Obel said that when Reddy railed against it, “…”".
    const std::size_t first = verbs.empty() ? SIZE_MAX : verbs.front();  // in text order
    auto subordinate = [&](std::size_t v) { return first < v && is_subordinate_verb(first, v); };
    std::sort(verbs.begin(), verbs.end(), [&](std::size_t a, std::size_t b) {
        auto d = [&](std::size_t x) { return x > near ? x - near : near - x; };
        bool sa = subordinate(a), sb = subordinate(b);
        return sa != sb ? sb : d(a) < d(b);
    });
    // The nearest verb with a named subject decides; one whose subject names nobody ("the
    // leaders agreed") only if no verb has a name.
    Speaker nameless;
    for (std::size_t v : verbs) {
        Speaker s = subject_of(v, from, to);
        if (s.named()) return s;
        if (!nameless.found()) nameless = s;
    }
    Speaker according = according_to(from, to);
    if (!according.found()) according = in_words_of(from, to);
    return according.found() ? according : nameless;
}

// The verb at v stands in a clause opened by "that when", "that if" … after the speech verb
// at `main`.
bool SpeechReader::is_subordinate_verb(std::size_t main, std::size_t v) const {
    static const std::unordered_set<std::string> subordinators = {
        "when", "while", "if", "because", "although", "though", "after", "before", "since"};
    for (std::size_t k = main + 1; k + 1 < v; ++k)
        if (toks_[k].folded == "that" && subordinators.count(toks_[k + 1].folded)) return true;
    return false;
}

// "in Bolton's view", "in Forbes' words", "in the words of Rhea Tallis".
Speaker SpeechReader::in_words_of(std::size_t from, std::size_t to) const {
    static const std::unordered_set<std::string> views = {"view",       "words",   "opinion",
                                                          "estimation", "telling", "account"};
    for (std::size_t k = from; k + 2 < to; ++k) {
        if (toks_[k].folded != "in" || toks_[k].quoted) continue;
        std::size_t owner = k + 1;
        while (owner + 1 < to && owner < k + 4 && names_.is_name_word(toks_[owner]) &&
               !ends_with_possessive(toks_[owner]))
            ++owner;
        if (owner + 1 < to && names_.is_name_word(toks_[owner]) &&
            ends_with_possessive(toks_[owner]) && views.count(toks_[owner + 1].folded))
            return name_at(owner);
        if (k + 4 < to && toks_[k + 1].folded == "the" && toks_[k + 2].folded == "words" &&
            toks_[k + 3].folded == "of")
            if (std::size_t last = last_name_word_after(k + 4, to); last != SIZE_MAX)
                return name_at(last);
    }
    return {};
}

// "according to X", "according to court documents".
Speaker SpeechReader::according_to(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k + 2 < to; ++k) {
        if (toks_[k].folded != "according" || toks_[k + 1].folded != "to" || toks_[k].quoted)
            continue;
        std::size_t last = SIZE_MAX;
        std::vector<std::string> words;
        for (std::size_t j = k + 2; j < to && j < k + 10; ++j) {
            if (toks_[j].type != Tok::Word) break;
            words.push_back(toks_[j].folded);
            if (names_.is_name_word(toks_[j]))
                last = j;
            else if (last != SIZE_MAX)
                break;
        }
        if (last != SIZE_MAX)
            if (auto name = name_ending_at(last)) return named(*name);
        if (!words.empty()) return description(k + 2, words);
    }
    return {};
}

Speaker SpeechReader::subject_of(std::size_t v, std::size_t from, std::size_t to) {
    Speaker s = subject_before(v, from);
    if (!s.named() && toks_[v].inverted &&
        (v == from || toks_[v - 1].type == Tok::Close || toks_[v - 1].text == ",")) {
        Speaker after = subject_after(v, to);
        if (after.found()) s = after;
    }
    return s;
}

Speaker SpeechReader::speaker_before(std::size_t open) {
    std::size_t begin = open;
    for (;;) {
        while (begin > 0 && !ends_clause(toks_[begin - 1]) && !toks_[begin - 1].quoted &&
               toks_[begin - 1].type != Tok::Close &&
               !(begin > 1 && toks_[begin - 1].type == Tok::Toggle && toks_[begin - 2].quoted))
            --begin;
        std::size_t title = title_before(begin);
        if (title == SIZE_MAX) break;
        begin = title;
    }
    Speaker speaker = speaker_in(begin, open, open);
    // A name and a colon lead into the quotation: "Philip Bump: “Two weeks ago…”", "PENCE: “…".
    // Not a place or platform after a preposition: "celebrated the attacks on Twitter: “…”".
    // A party and state may stand between: "Rep. Tom Reddy (R-S.C.): “…”".
    if (!speaker.found() && open >= begin + 2 && toks_[open - 1].text == ":") {
        std::size_t end = before_parenthesis(open - 1, begin);
        if (end > begin && !after_preposition(end - 1, begin)) speaker = name_at(end - 1);
    }
    if (!speaker.found() && open > begin + 2) speaker = lead_in_subject(begin, open);
    return speaker;
}

// A sentence that opens with a person, its subject, and ends in a colon or dash leads into
// that person's words: "Kaine has taken the stance of many Catholics: “I'm pro-life …”",
// "She then told the crowd: “…”". Not "Another said …:", nor "The photo quotes Romans:".
Speaker SpeechReader::lead_in_subject(std::size_t begin, std::size_t open) const {
    const std::string& mark = toks_[open - 1].text;
    bool lead = mark == ":" || mark == "--" || mark == "\xE2\x80\x94" || mark == "\xE2\x80\x93";
    const Token& first = toks_[begin];
    if (!lead || first.headline || first.quoted) return {};
    bool pronoun = first.folded == "he" || first.folded == "she";
    std::size_t end = begin;
    while (end + 1 < open && names_.is_name_word(toks_[end + 1])) ++end;
    if (!pronoun && !(opens_name(begin, open) && names_.name_start(toks_, end) <= begin + 1))
        return {};
    Speaker who = first_of_clause(begin, open - 1);
    return who.kind == SpeakerKind::Person ? who : Speaker{};
}

// The index of the first of the titles before token `start` ("Sen." of "with Sen. John
// McCain"), or `start`.
std::size_t SpeechReader::before_titles(std::size_t start, std::size_t floor) const {
    while (start > floor + 1 && lex_.in_list("titles", toks_[start - 1].folded)) --start;
    return start;
}

// The name ending at token `end` is where, not who: after "on", "in", "at" or "to" ("on
// Twitter"; "More from Jones:" is his).
bool SpeechReader::after_preposition(std::size_t end, std::size_t floor) const {
    static const std::unordered_set<std::string> where = {"on", "in", "at", "to"};
    std::size_t start = names_.name_start(toks_, end);
    return start != SIZE_MAX && start > floor && where.count(toks_[start - 1].folded);
}

// A preposition before a name makes it no subject: "opponents of Lukashenko say".
bool SpeechReader::is_preposition(const Token& t) const {
    static const std::unordered_set<std::string> prepositions = {
        "of", "for", "to", "with", "against", "by", "from", "about", "on", "at", "in"};
    return t.type == Tok::Word && prepositions.count(t.folded);
}

// A quotation mark, or a quotation's last word, stands just before token `floor`.
bool SpeechReader::after_quotation(std::size_t floor) const {
    if (floor == 0) return false;
    const Token& t = toks_[floor - 1];
    return t.quoted || t.type == Tok::Close || t.type == Tok::Toggle;
}

// A title in quotation marks inside a clause, closing just before token `end` (NBC's
// “Today,” CBS' ''Face the Nation''): the index of its opening mark, else SIZE_MAX. The
// clause reads on past it.
std::size_t SpeechReader::title_before(std::size_t end) const {
    if (end < 3) return SIZE_MAX;
    bool mark = toks_[end - 1].type == Tok::Close || toks_[end - 1].type == Tok::Toggle;
    if (!mark) return SIZE_MAX;
    std::size_t k = end - 1;  // the closing mark
    std::size_t words = 0;
    while (k > 0 && toks_[k - 1].quoted && end - k < 8) words += toks_[--k].type == Tok::Word;
    if (k == 0 || k == end - 1 || words > 4 || toks_[k - 1].quoted) return SIZE_MAX;
    std::size_t open = k - 1;  // the opening mark
    if (open == 0 || toks_[open - 1].type != Tok::Word || ends_clause(toks_[end - 2]))
        return SIZE_MAX;
    return is_title_case(toks_, {open, end - 1}) ? open : SIZE_MAX;
}

// The speaker written just after an inverted verb: "said Alla Georgievna, 68", "said NATO
// spokeswoman Oana Lungescu", "said former South Carolina Gov. Jim Hodges", "said the
// president"; nameless for "said a campaign aide" or "read the statement".
Speaker SpeechReader::subject_after(std::size_t v, std::size_t ceiling) {
    std::size_t i = v + 1;
    if (i >= ceiling || toks_[i].type != Tok::Word) return {};
    const std::string& first = toks_[i].folded;
    if (lex_.in_list("he", first)) return named(people_.latest_person(v, Gender::Male));
    if (lex_.in_list("she", first)) return named(people_.latest_person(v, Gender::Female));
    if (first == "the" || lex_.in_list("indefinites", first)) {
        if (Speaker named_after = apposition_after(i, ceiling); named_after.named())
            return named_after;
        std::vector<std::string> words;
        for (std::size_t k = i + 1; k < ceiling && k < i + 4 && toks_[k].type == Tok::Word &&
                                    !lex_.in_list("stop_words", toks_[k].folded);
             ++k)
            words.push_back(toks_[k].folded);
        if (first != "the" && !words.empty() && lex_.in_list("documents", words.back()))
            return Speaker::nameless(SpeakerKind::Document);
        return first == "the" ? description(i, words) : Speaker::nameless(SpeakerKind::Unnamed);
    }
    std::size_t last = last_name_word_after(i, ceiling);
    if (last == SIZE_MAX) return {};
    return name_at(last);
}

// A name set off by commas after a description that starts at token i: "said another user,
// Johanna Bayer." Nobody if none closes within a few words.
Speaker SpeechReader::apposition_after(std::size_t i, std::size_t ceiling) {
    for (std::size_t k = i + 1; k < ceiling && k < i + 8; ++k) {
        if (toks_[k].type != Tok::Word && toks_[k].text != ",") break;
        if (toks_[k].text != ",") continue;
        std::size_t last = last_name_word_after(k + 1, ceiling);
        bool closed = last != SIZE_MAX && (last + 1 >= ceiling || toks_[last + 1].text == "," ||
                                           ends_clause(toks_[last + 1]));
        if (closed && names_.name_start(toks_, last) == k + 1) return name_at(last);
        break;
    }
    return {};
}

// The last word of the name that starts at or soon after token i, read through the roles and
// titles before it ("Clinton campaign spokesman Brian Fallon": Fallon); SIZE_MAX if none.
std::size_t SpeechReader::last_name_word_after(std::size_t i, std::size_t ceiling) const {
    std::size_t last = SIZE_MAX;
    for (std::size_t k = i; k < ceiling && k < i + 12; ++k) {
        const Token& t = toks_[k];
        if (t.type != Tok::Word) break;
        if (names_.is_name_word(t)) {
            if (last != SIZE_MAX && last + 1 < k) last = SIZE_MAX;  // a new run after a role
            last = k;
            continue;
        }
        if (last != SIZE_MAX && last + 1 == k && names_.is_connector(t)) continue;
        // Two roles: "former Pennsylvania Gov. and DNC Chairman Ed Rendell".
        if (last != SIZE_MAX && last + 1 == k && t.folded == "and" &&
            lex_.in_list("titles", toks_[last].folded))
            continue;
        // A lower-case role word ("former", "pollster") only leads on to a name close after.
        bool leads_on = !lex_.in_list("stop_words", t.folded) && !is_verb(t);
        bool name_follows = false;
        for (std::size_t j = k + 1; j < ceiling && j < k + 3 && toks_[j].type == Tok::Word; ++j)
            if (names_.is_name_word(toks_[j])) name_follows = true;
        if (!leads_on || !name_follows) break;
    }
    return last;
}

// The speaker written just before a speech verb at index v: "Lukashenko (also) said",
// "Lukashenko, 65, said", "he said", "the president said", "X was quoted as saying".
Speaker SpeechReader::subject_before(std::size_t v, std::size_t floor) {
    std::size_t i = v;
    bool relative = false;  // "Putin, who offered"
    while (i > floor && is_skippable(toks_[i - 1])) {
        relative |= toks_[i - 1].folded == "who" || toks_[i - 1].folded == "which";
        --i;
    }
    if (relative)
        if (auto who = relative_clause_subject(i, floor)) return named(*who);
    if (has_infinitive(i, v) || i <= floor) return {};
    i = before_parenthesis(i, floor);
    // "Lukashenko backed down, saying ...": the clause's first name is the subject; so too of
    // what one put out ("Trump released an ad calling it …").
    const std::string& verb = toks_[v].folded;
    bool participle = verb.size() > 4 && verb.compare(verb.size() - 3, 3, "ing") == 0;
    if (participle && toks_[i - 1].text == ",") {
        // "Manafort said, adding": the participle shares the subject of the verb before it.
        if (std::size_t main = verb_before(i - 1, floor); main != SIZE_MAX)
            if (Speaker who = subject_of(main, floor, i - 1); who.named()) return who;
        if (opens_with_description(floor, i)) return Speaker::nameless(SpeakerKind::Unnamed);
        if (Speaker first = first_of_clause(floor, i); first.found()) return first;
    }
    if (participle && lex_.in_list("documents", toks_[i - 1].folded))
        return publisher_before(i - 1, floor);
    // Only from a clause's start: after a quotation, its first name may be an object ("…
    // on Twitter before claiming").
    if (participle && is_participle_lead(toks_[i - 1]) && !after_quotation(floor))
        return first_of_clause(floor, i - 1);
    if (participle)
        if (Speaker who = subject_after_with(i, floor); who.found()) return who;
    if (toks_[i - 1].type == Tok::Punct &&
        (toks_[i - 1].text == "\xE2\x80\x93" || toks_[i - 1].text == "\xE2\x80\x94"))
        return names_between_dashes(i, floor);
    if (toks_[i - 1].type == Tok::Punct && toks_[i - 1].text == ",")
        return subject_across_comma(i, floor);
    if (toks_[i - 1].folded == "and" || toks_[i - 1].folded == "but")
        return subject_after_conjunction(i, floor);
    return subject_ending_at(i, floor);
}

// A preposition before a participle whose subject is the clause's: "Obama ended by saying",
// "Reid left after telling".
bool SpeechReader::is_participle_lead(const Token& t) const {
    static const std::unordered_set<std::string> leads = {"by",   "after",   "before", "while",
                                                          "when", "without", "upon"};
    return t.type == Tok::Word && !t.quoted && leads.count(t.folded);
}

// "with Trump yelling", "with Gorka noting": the name after "with" speaks; token i - 1 ends
// it. Nobody if no such name.
Speaker SpeechReader::subject_after_with(std::size_t i, std::size_t floor) {
    if (!names_.is_name_word(toks_[i - 1]) || toks_[i - 1].quoted) return {};
    std::size_t start = names_.name_start(toks_, i - 1);
    if (start == SIZE_MAX) return {};
    std::size_t before = before_titles(start, floor);
    if (before <= floor || toks_[before - 1].folded != "with") return {};
    Speaker who = named(people_.resolve_name(toks_, start, i - 1));
    if (who.kind == SpeakerKind::Person) people_.remember(who.name(), toks_, start, i - 1);
    return who;
}

// The nearest speech verb in [floor, end), or SIZE_MAX.
std::size_t SpeechReader::verb_before(std::size_t end, std::size_t floor) const {
    for (std::size_t k = end; k > floor; --k)
        if (is_verb_at(k - 1)) return k - 1;
    return SIZE_MAX;
}

// Who put out the document at token d: the nearest person named before it ("Trump released
// a new radio ad calling …"); nameless if none.
Speaker SpeechReader::publisher_before(std::size_t d, std::size_t floor) const {
    for (std::size_t k = d; k > floor; --k) {
        const Token& t = toks_[k - 1];
        if (t.quoted || !names_.is_name_word(t)) continue;
        if (auto name = name_ending_at(k - 1); name && !names_.is_organisation(*name))
            return named(*name);
    }
    return Speaker::nameless(SpeakerKind::Document);
}

// A party and state in parentheses after a name is set aside: "Sen. Jack Reed (D-R.I.),
// said". Returns the index just past what stands before it.
std::size_t SpeechReader::before_parenthesis(std::size_t i, std::size_t floor) const {
    std::size_t k = i;
    if (k > floor + 1 && toks_[k - 1].text == "," && toks_[k - 2].text == ")") --k;
    if (k <= floor || toks_[k - 1].text != ")") return i;
    for (std::size_t j = k - 1; j > floor && k - j < 10; --j)
        if (toks_[j - 1].text == "(") return j - 1 > floor ? j - 1 : i;
    return i;
}

// Token i - 1 is a comma: the name is the aside itself ("her lawyer, David E. Kendall,
// wrote"), or stands before it ("Lukashenko, who has ruled since 1994, said"), or before the
// asides, up to four ("Ramil Carr, 31, a Philadelphia photographer, said"; "Hal Bond, 30, of
// Raleigh, N.C., who was polled, said").
Speaker SpeechReader::subject_across_comma(std::size_t i, std::size_t floor, int asides) {
    std::size_t open = before_aside(i, floor);
    if (i >= 2 && !is_state_aside(open, i) &&
        names_.name_start(toks_, i - 2) == (open == SIZE_MAX ? floor : open + 1))
        return named_subject(i - 1, floor);
    if (open == SIZE_MAX) return {};
    Speaker subject = subject_ending_at(before_parenthesis(open, floor), floor);
    if (!subject.named() && asides < 4)
        if (Speaker outer = subject_across_comma(open + 1, floor, asides + 1); outer.named())
            return outer;
    return subject;
}

// The name of tokens [a, b] is a region (a state, a province), not a country or a town.
bool SpeechReader::is_region(std::size_t a, std::size_t b) const {
    const auto* places = lex_.places(Lexicon::key(names_.written_name(toks_, a, b)));
    return places && places->front().kind == "region";
}

// The aside between commas at `open` and i - 1 is a town's state or a suffix, no one: "Flint,
// Mich., said", "in Columbus, Ohio, said", "John Hale, Jr., said".
bool SpeechReader::is_state_aside(std::size_t open, std::size_t i) const {
    if (open == SIZE_MAX || open == 0 || open + 2 > i - 1) return false;
    if (open + 2 == i - 1 && toks_[i - 2].text.back() == '.') return true;
    if (!names_.is_name_word(toks_[open - 1]) || i - 1 - open > 3) return false;
    const auto* places = lex_.places(Lexicon::key(names_.written_name(toks_, open + 1, i - 2)));
    return places && places->front().kind != "city";
}

// Token i - 1 is "and" or "but": the subject of the verb before ("Fallon called on Sanders to
// apologise and said"), else the clause's first name.
Speaker SpeechReader::subject_after_conjunction(std::size_t i, std::size_t floor) {
    if (std::size_t verb = verb_before(i - 1, floor); verb != SIZE_MAX)
        return subject_before(verb, floor);
    return first_of_clause(floor, i - 1);
}

// A word between a subject and its verb: "also", an adverb in -ly, the "to" of "prepared to".
bool SpeechReader::is_skippable(const Token& t) const {
    if (t.type == Tok::Word && lex_.in_list("not_names", t.folded)) return true;
    if (t.type != Tok::Word || t.cap) return false;
    if (lex_.in_list("skip", t.folded)) return true;
    if (t.folded == "to") return true;  // "Russia prepared to offer"
    return t.folded.size() > 4 && t.folded.compare(t.folded.size() - 2, 2, "ly") == 0;
}

// "Putin, who offered": the name before the comma, where the words skipped hold who or which.
std::optional<std::string> SpeechReader::relative_clause_subject(std::size_t i,
                                                                 std::size_t floor) const {
    if (i > floor + 1 && toks_[i - 1].text == "," && names_.is_name_word(toks_[i - 2]))
        return name_ending_at(i - 2);
    return std::nullopt;
}

// "to" only as part of "prepared to", "ready to".
bool SpeechReader::has_infinitive(std::size_t i, std::size_t v) const {
    for (std::size_t k = i; k < v; ++k)
        if (toks_[k].folded == "to" && (k == i || !lex_.in_list("skip", toks_[k - 1].folded)))
            return true;
    return false;
}

// The clause's first name word at k: not a capitalised common word opening a sentence.
bool SpeechReader::opens_name(std::size_t k, std::size_t i) const {
    const Token& t = toks_[k];
    if (!names_.is_name_word(t) || t.quoted) return false;
    bool common = t.sentence_start && lex_.is_common_word(t.folded) && !t.surname;
    return !common ||
           (lex_.sex_of_first_name(t.folded) && k + 1 < i && names_.is_name_word(toks_[k + 1]));
}

// The subject of the clause [floor, i) as a participle after it shares it: its first person
// named, else its first place or organisation; "he" or "she" before any name; someone
// unnamed for a group in the plural ("Republicans seized on it, arguing").
Speaker SpeechReader::first_of_clause(std::size_t floor, std::size_t i) const {
    static const std::unordered_set<std::string> where = {
        "in", "at", "on", "from", "by", "of", "near", "for", "against", "about", "with"};
    std::optional<std::string> first;
    for (std::size_t k = floor; k < i; ++k) {
        const Token& t = toks_[k];
        if (!first && t.type == Tok::Word && !t.quoted) {
            if (t.folded == "he") return named(people_.latest_person(k, Gender::Male));
            if (t.folded == "she") return named(people_.latest_person(k, Gender::Female));
            if (lex_.in_list("groups", t.folded) && t.folded.back() == 's')
                return Speaker::nameless(SpeakerKind::Unnamed);
        }
        if (!opens_name(k, i)) continue;
        std::size_t end = k;
        while (end + 1 < i && names_.is_name_word(toks_[end + 1])) ++end;
        // Where or by whom, not who: "at a rally in Portsmouth, N.H.", "endorsed by Ann Obel".
        std::size_t before = before_titles(k, floor);
        if (before > floor && where.count(toks_[before - 1].folded)) {
            k = after_state(end, i);
            continue;
        }
        // A person's group speaks, not the person: "Obel supporters marched, chanting" (not
        // "Obel supports the bill").
        if (end + 2 < i && is_plural_noun(toks_[end + 1]) && toks_[end + 2].type == Tok::Word &&
            !toks_[end + 2].cap && !lex_.in_list("determiners", toks_[end + 2].folded))
            return Speaker::nameless(SpeakerKind::Unnamed);
        auto name = name_ending_at(end);
        // A place or an organisation opening the clause (a dateline, "in Paris") gives way
        // to a person named later in it.
        if (name && !names_.is_organisation(*name)) return named(*name);
        if (name && !first) first = name;
        k = end;
    }
    return named(first.value_or(""));
}

// The last token of a town's state after the name ending at `end` ("Portsmouth, N.H."), else
// `end`.
std::size_t SpeechReader::after_state(std::size_t end, std::size_t i) const {
    if (end + 2 >= i || toks_[end + 1].text != "," || !names_.is_name_word(toks_[end + 2]))
        return end;
    std::size_t last = end + 2;
    while (last + 1 < i && names_.is_name_word(toks_[last + 1])) ++last;
    bool state = is_region(end + 2, last) || (last == end + 2 && toks_[last].text.back() == '.');
    return state ? last : end;
}

// A common noun in the plural, no verb: "supporters", "aides" (not "says").
bool SpeechReader::is_plural_noun(const Token& t) const {
    const std::string& w = t.folded;
    return t.type == Tok::Word && !t.cap && !t.verb && w.size() > 3 && w.back() == 's' &&
           lex_.is_common_word(w.substr(0, w.size() - 1));
}

// The clause [floor, i) opens with a description of someone unnamed, its names objects: "A
// campaign aide went after Nora Blake, saying", "Hundreds of protesters marched, chanting".
// Not when a name follows it in commas: "Her manager, Robby Mook, went on TV, saying".
bool SpeechReader::opens_with_description(std::size_t floor, std::size_t i) const {
    if (floor >= i || !lex_.in_list("descriptions", toks_[floor].folded)) return false;
    for (std::size_t k = floor + 1; k < i; ++k)
        if (names_.is_name_word(toks_[k]) && !toks_[k].quoted)
            return toks_[k - 1].text != "," || names_.is_name_word(toks_[k - 1]);
    return false;
}

// A list between dashes names several speakers: "the Baltic states – Estonia, Lithuania
// and Latvia – condemned". Token i - 1 is the closing dash.
Speaker SpeechReader::names_between_dashes(std::size_t i, std::size_t floor) const {
    std::vector<std::string> names;
    for (std::size_t k = i - 1; k > floor && i - k < 15; --k) {
        const Token& w = toks_[k - 1];
        if (w.text == toks_[i - 1].text) break;
        if (names_.is_name_word(w) && (k == i - 1 || !names_.is_name_word(toks_[k])))
            if (std::optional<std::string> who = name_ending_at(k - 1))
                names.insert(names.begin(), *who);
    }
    if (names.empty()) return {};
    Speaker list = named(names.front());
    list.names = names;
    return list;
}

// Token i - 1 is a comma closing an aside: the index just past the subject before the aside's
// opening comma, or SIZE_MAX if no comma opens it within the clause (40 tokens: a relative
// clause in an aside runs long).
std::size_t SpeechReader::before_aside(std::size_t i, std::size_t floor) const {
    std::size_t k = i - 1;
    while (k > floor && !(toks_[k - 1].type == Tok::Punct && toks_[k - 1].text == ",") &&
           toks_[k - 1].type != Tok::Close && toks_[k - 1].type != Tok::Open && i - k < 40)
        --k;
    return k > floor + 1 && toks_[k - 1].text == "," ? k - 1 : SIZE_MAX;
}

// The subject whose last word is token i - 1.
Speaker SpeechReader::subject_ending_at(std::size_t i, std::size_t floor) {
    const Token& t = toks_[i - 1];
    if (t.type != Tok::Word || t.quoted) return {};
    // "Brent Bozell III said": the name is the one before its suffix.
    if (lex_.in_list("suffixes", t.folded) && i >= floor + 2 && names_.is_name_word(toks_[i - 2]))
        return subject_ending_at(i - 1, floor);
    if (lex_.in_list("he", t.folded)) return named(people_.latest_person(i - 1, Gender::Male));
    if (lex_.in_list("she", t.folded)) return named(people_.latest_person(i - 1, Gender::Female));
    if (lex_.in_list("pronouns", t.folded) || lex_.in_list("groups", t.folded) ||
        names_.is_never_a_name(t))
        return Speaker::nameless(SpeakerKind::Unnamed);
    if (names_.is_name_word(t) && !(t.sentence_start && lex_.in_list("skip", t.folded)))
        return named_subject(i, floor);
    if (auto who = described_subject(i, floor)) return *who;
    if (auto who = name_before_noun(i, floor)) return named(*who);
    if (Speaker who = person_before_phrase(i, floor); who.named()) return who;
    // A conjunction or preposition: the subject is another verb's ("and spoke", "after
    // warning"). Otherwise someone unnamed ("one speaker told", "protesters chanted").
    if (t.cap || lex_.in_list("stop_words", t.folded)) return {};
    if (lex_.in_list("documents", t.folded)) return Speaker::nameless(SpeakerKind::Document);
    return Speaker::nameless(SpeakerKind::Unnamed);
}

// The name ending at token i - 1 as the subject.
Speaker SpeechReader::named_subject(std::size_t i, std::size_t floor) {
    std::size_t start = names_.name_start(toks_, i - 1);
    if (start == SIZE_MAX) return {};
    // "Butterfield of North Carolina said": the place is the person's.
    if (start > floor + 1 && toks_[start - 1].folded == "of" &&
        names_.is_name_word(toks_[start - 2]) &&
        lex_.places(Lexicon::key(names_.written_name(toks_, start, i - 1))))
        return named_subject(start - 1, floor);
    // "Stacy Baker of Columbia, South Carolina says", "of Raleigh, N.C., who": the state is
    // its town's.
    bool state = is_region(start, i - 1) || (start + 1 == i && toks_[start].text.back() == '.');
    if (start > floor + 2 && toks_[start - 1].text == "," &&
        names_.is_name_word(toks_[start - 2]) && state)
        return named_subject(start - 1, floor);
    // Titles first: "worked for Sen. Lamar Alexander (R-Tenn.), one of …, called".
    std::size_t before = before_titles(start, floor);
    if (before > floor && is_preposition(toks_[before - 1]))
        return Speaker::nameless(SpeakerKind::Unnamed);
    Speaker who = named(people_.resolve_name(toks_, start, i - 1));
    if (who.kind == SpeakerKind::Person) people_.remember(who.name(), toks_, start, i - 1);
    return who;
}

// A description after "the", ending at token i - 1.
std::optional<Speaker> SpeechReader::described_subject(std::size_t i, std::size_t floor) const {
    std::vector<std::string> words;
    for (std::size_t k = i; k > floor && i - k < 4; --k) {
        const Token& w = toks_[k - 1];
        if (w.type != Tok::Word) break;
        if (w.folded == "the") {
            std::reverse(words.begin(), words.end());
            return description(k - 1, words);
        }
        words.push_back(w.folded);
    }
    return std::nullopt;
}

// "Russia's state-run RIA news agency says": the name before the noun at token i - 1.
std::optional<std::string> SpeechReader::name_before_noun(std::size_t i, std::size_t floor) const {
    static const std::unordered_set<std::string> pronouns = {"it", "they", "we",   "you",
                                                             "i",  "this", "that", "there"};
    const std::string& noun = toks_[i - 1].folded;
    if (pronouns.count(noun)) return std::nullopt;
    // A person's group is not the person: "Clinton aides said" (an organisation's may speak
    // for it: "Border Patrol agents said").
    bool plural = noun.size() > 3 && noun.back() == 's' &&
                  lex_.is_common_word(noun.substr(0, noun.size() - 1));
    for (std::size_t k = i - 1; k > floor && i - k <= 3; --k) {
        const Token& w = toks_[k - 1];
        if (w.type != Tok::Word) break;
        if (names_.is_name_word(w) && !w.sentence_start && !lex_.places(w.folded) &&
            w.folded.find(' ') == std::string::npos) {
            std::optional<std::string> name = name_ending_at(k - 1);
            if (plural && name && people_.knows(*name)) return std::nullopt;
            // A fragment of "X of Y": "one Arizona Department of Transportation sign read".
            std::size_t start = names_.name_start(toks_, k - 1);
            if (start != SIZE_MAX && start > floor && toks_[start - 1].folded == "of")
                return std::nullopt;
            // Someone of the person's, unnamed: "a Reddy aide said", "one Reddy adviser",
            // "people familiar with Reddy's thinking said" (an organisation's speaks for it:
            // "a State Department official said"; what a person sent is theirs: "an email
            // sent by Reddy warned").
            const Token* before = start != SIZE_MAX && start > floor ? &toks_[start - 1] : nullptr;
            bool someones = before && (lex_.in_list("descriptions", before->folded) ||
                                       (is_preposition(*before) && before->folded != "by"));
            if (someones && name && people_.knows(*name)) return std::nullopt;
            return name;
        }
    }
    return std::nullopt;
}

// A person of the article before a short phrase of where or when that ends at token i - 1:
// "Reddy in his announcement speech called", "Obel at a rally in Ohio said".
Speaker SpeechReader::person_before_phrase(std::size_t i, std::size_t floor) {
    static const std::unordered_set<std::string> leads = {"in", "at", "during", "on", "from"};
    for (std::size_t k = i - 1; k > floor + 1 && i - k <= 5; --k) {
        const Token& t = toks_[k];
        if (t.type != Tok::Word || t.quoted || is_verb(t)) return {};
        if (!leads.count(t.folded)) continue;
        if (!names_.is_name_word(toks_[k - 1]) || toks_[k - 1].quoted) return {};
        std::optional<std::string> name = name_ending_at(k - 1);
        return name && people_.knows(*name) ? named_subject(k, floor) : Speaker{};
    }
    return {};
}

// The canonical name whose last word is token `end`, or none if no name ends there.
std::optional<std::string> SpeechReader::name_ending_at(std::size_t end) const {
    std::size_t start = names_.name_start(toks_, end);
    if (start == SIZE_MAX) return std::nullopt;
    return people_.resolve_name(toks_, start, end);
}

}  // namespace dateline::extraction
