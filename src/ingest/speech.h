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

// Reads the tokens of the current passage (the one People::mark_mentions started). A speaker
// is a canonical name, kUnnamed when the subject names nobody, "" when there is none; several
// names, one per line, for a list ("Estonia, Lithuania and Latvia condemned").
class SpeechReader {
  public:
    SpeechReader(const Lexicon& lexicon, const NameRules& names, People& people,
                 const std::vector<Token>& toks)
        : lex_(lexicon), names_(names), people_(people), toks_(toks) {}

    const std::vector<Token>& tokens() const { return toks_; }
    // A speech verb at token k, outside quotations and not after a determiner ("the report").
    bool is_verb_at(std::size_t k) const;
    // The speaker of the clause [from, to): the speech verb nearest to `near` with a subject.
    std::string speaker_in(std::size_t from, std::size_t to, std::size_t near);
    // The subject of the speech verb at v, within the clause [from, to).
    std::string subject_of(std::size_t v, std::size_t from, std::size_t to);
    // The canonical name whose last word is token `end`, or "".
    std::string name_at(std::size_t end) const { return name_ending_at(end).value_or(""); }
    // The speaker of the clause that leads up to token `open` (a quotation mark).
    std::string speaker_before(std::size_t open);

  private:
    bool is_verb(const Token& t) const;
    std::string according_to(std::size_t from, std::size_t to) const;
    std::string subject_after(std::size_t v, std::size_t ceiling);
    std::size_t last_name_word_after(std::size_t i, std::size_t ceiling) const;
    std::string subject_before(std::size_t v, std::size_t floor);
    bool is_skippable(const Token& t) const;
    std::optional<std::string> relative_clause_subject(std::size_t i, std::size_t floor) const;
    bool has_infinitive(std::size_t i, std::size_t v) const;
    std::optional<std::string> first_name_of_clause(std::size_t floor, std::size_t i) const;
    std::string names_between_dashes(std::size_t i, std::size_t floor) const;
    std::size_t before_aside(std::size_t i, std::size_t floor) const;
    std::string subject_ending_at(std::size_t i, std::size_t floor);
    std::string named_subject(std::size_t i, std::size_t floor);
    std::optional<std::string> described_subject(std::size_t i, std::size_t floor) const;
    std::optional<std::string> name_before_noun(std::size_t i, std::size_t floor) const;
    std::optional<std::string> name_ending_at(std::size_t end) const;

    const Lexicon& lex_;
    const NameRules& names_;
    People& people_;
    const std::vector<Token>& toks_;
};

}  // namespace dateline::extraction
