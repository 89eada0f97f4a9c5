// Quotations to speakers: see attribution.h.
#include "src/ingest/attribution.h"

#include <cstddef>
#include <cstdint>

#include "src/text/text.h"

namespace dateline::extraction {

namespace {

// After the quotation, up to the end of the clause or the next quotation. A sentence after
// a quotation that ends its own, leading with a colon into the next, is that one's: “A.” She
// went on to say: “B.”
Speaker speaker_after(SpeechReader& speech, const Span& sp) {
    const std::vector<Token>& toks = speech.tokens();
    std::size_t end = sp.close + 1;
    while (end < toks.size() && !ends_clause(toks[end]) && toks[end].type != Tok::Open &&
           !(toks[end].type == Tok::Toggle && !toks[end].quoted))
        ++end;
    bool ends_sentence = sp.close > sp.open + 1 && toks[sp.close - 1].text == ".";
    if (ends_sentence && end < toks.size() && end > sp.close + 1 && toks[end - 1].text == ":" &&
        !ends_clause(toks[end]))
        return {};
    return speech.speaker_in(sp.close + 1, end, sp.close);
}

Speaker speaker_of_quotation(SpeechReader& speech, const Span& sp) {
    const std::vector<Token>& toks = speech.tokens();
    Speaker speaker;
    // A quotation inside a sentence ("told state TV he “would move…,” DW reports")
    // belongs to the clause that leads into it; one that opens a sentence, to the
    // attribution after it.
    bool embedded = sp.open > 0 && toks[sp.open - 1].type == Tok::Word;
    // So does one that a comma or colon leads into and that ends its sentence: X said, “B.”
    // The next sentence is no attribution of it.
    bool led_in = sp.open > 0 && (toks[sp.open - 1].text == "," || toks[sp.open - 1].text == ":");
    bool ends_sentence =
        sp.close < toks.size() && sp.close > sp.open + 1 && toks[sp.close - 1].text == ".";
    bool before_first = embedded || (led_in && ends_sentence);
    if (before_first) speaker = speech.speaker_before(sp.open);
    if (!speaker.found() && sp.close < toks.size()) speaker = speaker_after(speech, sp);
    // Before it, back to the previous clause or quotation.
    if (!speaker.found() && !before_first) speaker = speech.speaker_before(sp.open);
    return speaker;
}

struct Candidate {
    std::string text;
    Speaker speaker;
    std::size_t sentence;  // index of its sentence in the passage
    bool phrase;           // a few words inside a sentence
    bool opens_sentence;   // nothing of its sentence before it
    bool title;            // a name in quotation marks ("Good Morning America"), said by nobody
};

// The sentence of each token: a new one after each clause end outside quotations, and after a
// quotation that ends its sentence when a capital follows (“… up against.” She went on).
std::vector<std::size_t> sentence_of_tokens(const std::vector<Token>& toks) {
    std::vector<std::size_t> sentence(toks.size() + 1);
    std::size_t n = 0;
    for (std::size_t k = 0; k < toks.size(); ++k) {
        sentence[k] = n;
        if (!toks[k].quoted && ends_clause(toks[k])) ++n;
        bool mark = toks[k].type == Tok::Close || toks[k].type == Tok::Toggle;
        if (mark && k > 0 && toks[k - 1].quoted && ends_clause(toks[k - 1]) &&
            k + 1 < toks.size() && toks[k + 1].cap && !toks[k + 1].quoted)
            ++n;
    }
    sentence[toks.size()] = n;
    return sentence;
}

// Nothing of its sentence before the quotation: a clause end or another quotation's closing
// mark, curly or straight ("Harbor Hour." "Then…).
bool opens_sentence(const std::vector<Token>& toks, const Span& sp) {
    if (sp.open == 0) return true;
    const Token& before = toks[sp.open - 1];
    bool closing_toggle = before.type == Tok::Toggle && sp.open >= 2 && toks[sp.open - 2].quoted;
    return ends_clause(before) || before.type == Tok::Close || closing_toggle;
}

// A headline that opens with a name and a colon quotes that name: "Bill Clinton: Hillary
// ‘Better Qualified…’", "Gillibrand on Hillary's Transcripts: ‘I Think She Will.’"
struct HeadlineLead {
    Speaker who;
    std::size_t colon = SIZE_MAX;  // the colon's token
};

HeadlineLead headline_lead(SpeechReader& speech) {
    const std::vector<Token>& toks = speech.tokens();
    if (toks.empty() || !toks.front().headline) return {};
    for (std::size_t k = 1; k < toks.size() && k < 16; ++k) {
        if (toks[k].text != ":") continue;
        if (k < 6)
            if (Speaker who = speech.name_at(k - 1); who.named()) return {who, k};
        // "X on Y:" with a name of at most four words.
        for (std::size_t j = 1; j < k && j < 5; ++j)
            if (toks[j].folded == "on" && !toks[j].quoted)
                if (Speaker who = speech.name_at(j - 1); who.named()) return {who, k};
        return {};
    }
    return {};
}

// A speech verb and a comma or colon lead into the quotation: what was yelled ("X yelled,
// “Out, out!”"), not a title, however it is capitalised.
bool led_in_by_verb(const SpeechReader& speech, const Span& sp) {
    const std::vector<Token>& toks = speech.tokens();
    return sp.open >= 2 && (toks[sp.open - 1].text == "," || toks[sp.open - 1].text == ":") &&
           speech.is_verb_at(sp.open - 2);
}

std::vector<Candidate> candidates(SpeechReader& speech, std::string_view passage,
                                  const std::vector<Span>& spans, const HeadlineLead& lead) {
    const std::vector<Token>& toks = speech.tokens();
    std::vector<std::size_t> sentence = sentence_of_tokens(toks);
    std::vector<Candidate> out;
    for (const Span& sp : spans) {
        std::string text = quotation_text(passage, toks, sp);
        if (text.empty()) continue;
        // The headline's lead name, not its capitalised words after: “No Idea” If I Had Told.
        Speaker speaker = lead.colon != SIZE_MAX && sp.open == lead.colon + 1
                              ? lead.who
                              : speaker_of_quotation(speech, sp);
        if (speaker.names.size() > 1) speaker.names.resize(1);
        // Few words in quotation marks inside a sentence may be a phrase, not a quotation; in
        // title case they are a name ("March of Freedom"), said by nobody.
        bool phrase = count_words(text) <= 3 && sp.open > 0;
        bool title = phrase && !toks[sp.open].headline && is_title_case(toks, sp) &&
                     !led_in_by_verb(speech, sp);
        if (title) speaker = Speaker::nameless(SpeakerKind::Unnamed);
        bool opens = opens_sentence(toks, sp);
        out.push_back(
            {std::move(text), std::move(speaker), sentence[sp.open], phrase, opens, title});
    }
    return out;
}

// A quotation whose own clause names nobody takes its sentence's speaker: the nearest other
// quotation of the sentence that has one ("Cohen called Trump a “racist”, a “con man” and
// “a cheat”"). A title's nobody ("Meet the Press") only if no quotation names someone, and
// never for a quotation opening a sentence: “A,” X said on ''Show.'' “B.” is X's.
void share_sentence_speakers(std::vector<Candidate>& found) {
    auto donor = [&](std::size_t q, std::size_t other, bool titles) {
        return other < found.size() && found[other].sentence == found[q].sentence &&
               found[other].speaker.found() && found[other].title == titles &&
               !(titles && found[q].opens_sentence);
    };
    for (std::size_t q = 0; q < found.size(); ++q)
        for (bool titles : {false, true})
            for (std::size_t d = 1; d < found.size() && !found[q].speaker.found(); ++d)
                for (std::size_t other : {q - d, q + d})
                    if (!found[q].speaker.found() && donor(q, other, titles))
                        found[q].speaker = found[other].speaker;
}

// A quotation that opens a sentence nothing attributes goes on the passage's previous one,
// passing over titles: “A,” she told ''Inside Edition.'' “B.”
void continue_previous_speakers(std::vector<Candidate>& found) {
    for (std::size_t q = 1; q < found.size(); ++q) {
        if (found[q].speaker.found() || !found[q].opens_sentence) continue;
        std::size_t before = q - 1;
        while (before > 0 && found[before].title) --before;
        found[q].speaker = found[before].speaker;
    }
}

// A quotation as stored: the speaker's name and kind.
Quotation quotation(std::string text, const Speaker& speaker) {
    return {std::move(text), speaker.name(), kind_name(speaker.kind)};
}

// The quotations into out.quotes; returns the indices of those nothing in their sentence
// attributes. A phrase nobody said is no quotation.
std::vector<std::size_t> read_quotations(SpeechReader& speech, std::string_view passage,
                                         const std::vector<Span>& spans, const HeadlineLead& lead,
                                         PassageEntities& out) {
    std::vector<Candidate> found = candidates(speech, passage, spans, lead);
    share_sentence_speakers(found);
    continue_previous_speakers(found);
    std::vector<std::size_t> unattributed;
    for (Candidate& c : found) {
        if (c.phrase && !c.speaker.found()) continue;
        if (!c.speaker.found()) unattributed.push_back(out.quotes.size());
        out.quotes.push_back(quotation(c.text, c.speaker));
        add_unique(out.speakers, c.speaker.name());
    }
    return unattributed;
}

// Reported speech outside quotations: each clause with a speech verb, and whoever owns a
// speech noun ("denied Lukashenko's claim").
void read_reported_speech(SpeechReader& speech, std::vector<std::string>& speakers) {
    const std::vector<Token>& toks = speech.tokens();
    std::size_t begin = 0;
    for (std::size_t k = 0; k <= toks.size(); ++k) {
        if (k < toks.size() && !ends_clause(toks[k])) continue;
        for (std::size_t j = begin; j < k; ++j) {
            Speaker who;
            if (speech.is_verb_at(j))
                who = speech.subject_of(j, begin, k);
            else if (speech.is_speech_noun_at(j))
                who = speech.name_at(j - 1);
            for (const auto& name : who.names) add_unique(speakers, name);
        }
        for (const auto& name : speech.speaker_in(begin, k, k).names) add_unique(speakers, name);
        begin = k + 1;
    }
}

}  // namespace

void read_speakers(SpeechReader& speech, std::string_view passage, const std::vector<Span>& spans,
                   const Speaker& previous, PassageEntities& out) {
    HeadlineLead lead = headline_lead(speech);
    std::vector<std::size_t> unattributed = read_quotations(speech, passage, spans, lead, out);
    if (const Speaker& who = lead.who; who.named()) {
        for (std::size_t q : unattributed) out.quotes[q] = quotation(out.quotes[q].text, who);
        if (!unattributed.empty()) add_unique(out.speakers, who.name());
        unattributed.clear();
    }
    read_reported_speech(speech, out.speakers);
    // A quotation nobody in its sentence said: the passage's speaker, else (when the
    // passage opens with it) the previous passage's.
    for (std::size_t q : unattributed) {
        Speaker who;
        if (out.speakers.size() == 1)
            who = speech.named(out.speakers.front());
        else if (out.speakers.empty() && !spans.empty() && spans.front().open == 0)
            who = previous;
        out.quotes[q] = quotation(out.quotes[q].text, who);
        add_unique(out.speakers, who.name());
    }
}

}  // namespace dateline::extraction
