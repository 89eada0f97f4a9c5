// Who speaks in a clause of one passage: speech verbs and their subjects ("Lukashenko said",
// "said the president", "he told") and "according to X" (internal to EntityExtractor, see
// entities.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "src/ingest/entities.h"
#include "src/ingest/names.h"
#include "src/ingest/people.h"
#include "src/ingest/tokens.h"

namespace dateline::extraction {

// Sets Token::verb and Token::inverted from the lexicon's verbs and inverted lists, once per
// token (matching a form against the base forms is the costly part).
void mark_speech_verbs(std::vector<Token>& toks, const Lexicon& lexicon);

enum class SpeakerKind { None, Person, Organisation, Document, Unnamed };

// Who a clause says is speaking: nobody found (None), a name (several for a list: "Estonia,
// Lithuania and Latvia condemned"), or a subject that names nobody: someone unnamed ("a senior
// official said") or a document ("the memo stated").
struct Speaker {
    SpeakerKind kind = SpeakerKind::None;
    std::vector<std::string> names;  // canonical; empty unless Person or Organisation

    static Speaker nameless(SpeakerKind kind) { return {kind, {}}; }
    bool found() const { return kind != SpeakerKind::None; }
    bool named() const { return !names.empty(); }
    // The first name, or "".
    std::string name() const { return names.empty() ? "" : names.front(); }
};

// The kind's name as stored with a quotation: person, organisation, document, unnamed, "".
std::string kind_name(SpeakerKind kind);

// Reads the tokens of the current passage (the one People::mark_mentions started).
class SpeechReader {
  public:
    SpeechReader(const Lexicon& lexicon, const NameRules& names, People& people,
                 const std::vector<Token>& toks)
        : lex_(lexicon), names_(names), people_(people), toks_(toks) {}

    const std::vector<Token>& tokens() const { return toks_; }
    // A speech verb at token k, outside quotations and not after a determiner ("the report").
    bool is_verb_at(std::size_t k) const;
    // A speech verb's form as a noun after a possessive: "Lukashenko's claim".
    bool is_speech_noun_at(std::size_t k) const;
    // The speaker of the clause [from, to): the speech verb nearest to `near` with a subject.
    Speaker speaker_in(std::size_t from, std::size_t to, std::size_t near);
    // The subject of the speech verb at v, within the clause [from, to).
    Speaker subject_of(std::size_t v, std::size_t from, std::size_t to);
    // The name whose last word is token `end`, or nobody.
    Speaker name_at(std::size_t end) const { return named(name_ending_at(end).value_or("")); }
    // The speaker of the clause that leads up to token `open` (a quotation mark).
    Speaker speaker_before(std::size_t open);
    // A name as a speaker, a person or an organisation; nobody for "".
    Speaker named(const std::string& name) const;

  private:
    bool is_verb(const Token& t) const;
    bool is_subordinate_verb(std::size_t main, std::size_t v) const;
    bool is_opening_inverted(std::size_t k) const;
    bool is_noun_after_possessive(std::size_t k) const;
    bool is_adjective_before_noun(std::size_t k) const;
    Speaker according_to(std::size_t from, std::size_t to) const;
    Speaker in_words_of(std::size_t from, std::size_t to) const;
    Speaker subject_after(std::size_t v, std::size_t ceiling);
    Speaker description(std::size_t at, const std::vector<std::string>& words) const;
    Speaker apposition_after(std::size_t i, std::size_t ceiling);
    std::size_t last_name_word_after(std::size_t i, std::size_t ceiling) const;
    Speaker subject_before(std::size_t v, std::size_t floor);
    Speaker subject_across_comma(std::size_t i, std::size_t floor, int asides = 0);
    bool is_state_aside(std::size_t open, std::size_t i) const;
    bool is_region(std::size_t a, std::size_t b) const;
    std::size_t before_parenthesis(std::size_t i, std::size_t floor) const;
    Speaker publisher_before(std::size_t d, std::size_t floor) const;
    Speaker subject_after_conjunction(std::size_t i, std::size_t floor);
    std::size_t verb_before(std::size_t end, std::size_t floor) const;
    bool is_participle_lead(const Token& t) const;
    bool after_quotation(std::size_t floor) const;
    bool after_preposition(std::size_t end, std::size_t floor) const;
    std::size_t before_titles(std::size_t start, std::size_t floor) const;
    bool is_preposition(const Token& t) const;
    std::size_t title_before(std::size_t end) const;
    Speaker subject_after_with(std::size_t i, std::size_t floor);
    bool is_skippable(const Token& t) const;
    std::optional<std::string> relative_clause_subject(std::size_t i, std::size_t floor) const;
    bool has_infinitive(std::size_t i, std::size_t v) const;
    bool opens_name(std::size_t k, std::size_t i) const;
    Speaker first_of_clause(std::size_t floor, std::size_t i) const;
    std::size_t after_state(std::size_t end, std::size_t i) const;
    bool is_plural_noun(const Token& t) const;
    bool opens_with_description(std::size_t floor, std::size_t i) const;
    Speaker names_between_dashes(std::size_t i, std::size_t floor) const;
    std::size_t before_aside(std::size_t i, std::size_t floor) const;
    Speaker subject_ending_at(std::size_t i, std::size_t floor);
    Speaker named_subject(std::size_t i, std::size_t floor);
    std::optional<Speaker> described_subject(std::size_t i, std::size_t floor) const;
    std::optional<std::string> name_before_noun(std::size_t i, std::size_t floor) const;
    Speaker person_before_phrase(std::size_t i, std::size_t floor);
    Speaker lead_in_subject(std::size_t begin, std::size_t open) const;
    std::optional<std::string> name_ending_at(std::size_t end) const;

    const Lexicon& lex_;
    const NameRules& names_;
    People& people_;
    const std::vector<Token>& toks_;
};

}  // namespace dateline::extraction
