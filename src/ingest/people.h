// The people of one article: those it names in full, the passages that mention them, and who
// "he", "she" or "the president" is (internal to EntityExtractor, see entities.h).
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "src/ingest/entities.h"
#include "src/ingest/names.h"
#include "src/ingest/tokens.h"

namespace dateline::extraction {

struct Person {
    std::string name;  // canonical
    Gender gender = Gender::Unknown;
    std::unordered_set<std::string> roles;  // folded words written before the name
};

class People {
  public:
    People(const Lexicon& lexicon, const NameRules& names) : lex_(lexicon), names_(names) {}

    // Pass 1: the people the article names in full (two to four name words that are neither
    // places nor dictionary words), first use wins. `passages` are the tokens of each passage.
    void collect(const std::vector<std::vector<Token>>& passages);
    // A person of the article, by canonical name.
    bool knows(const std::string& name) const { return people_.count(name) != 0; }

    // The canonical name for the name tokens [a, b].
    std::string resolve_name(const std::vector<Token>& toks, std::size_t a, std::size_t b) const;

    // Starts passage p (tokens `toks`): the people it names, in order, for he/she. Their
    // tokens are then is_person_token, so they are not read as places.
    void mark_mentions(std::size_t p, const std::vector<Token>& toks);
    bool is_person_token(std::size_t p, std::size_t k) const {
        return person_tokens_.count({p, k}) != 0;
    }
    // Ends the current passage: its people (mentions and `speakers`) become the history that
    // later passages' he/she and "the president" read.
    void end_passage(const std::vector<std::string>& speakers);

    // The latest person of gender `want` (any for Unknown) mentioned before token
    // `before_token` of the current passage, else in earlier passages; "" if none.
    std::string latest_person(std::size_t before_token, Gender want) const;
    // "the president", "the opposition leader", "the 65-year-old": `words` are the folded
    // words after "the" and `at` the token of "the". "" if nobody fits.
    std::string resolve_description(std::size_t at, const std::vector<std::string>& words) const;
    // A speaker named only once, by one word ("Alexei, a 31-year-old worker, said"), becomes
    // a person of the article, so a later "he said" finds him. Returns `name`.
    std::string remember(const std::string& name, const std::vector<Token>& toks, std::size_t a,
                         std::size_t b);

  private:
    bool is_full_name(const std::vector<Token>& toks, std::size_t start, std::size_t end) const;
    std::size_t headline_name_end(const std::vector<Token>& toks, std::size_t start,
                                  std::size_t end) const;
    void add_person(const std::vector<Token>& toks, std::size_t start, std::size_t end);

    const Lexicon& lex_;
    const NameRules& names_;
    std::map<std::string, Person> people_;
    std::vector<std::string> order_;                             // people in order of first mention
    std::unordered_map<std::string, std::string> surname_;       // name word -> person
    std::vector<std::pair<std::size_t, std::string>> mentions_;  // in the current passage
    std::vector<std::size_t> sentence_;  // the sentence of each token of the current passage
    // Mentions of the current passage that are no subject: owners (Trump's) and modifiers
    // (Trump campaign chairman Paul Manafort).
    std::set<std::size_t> owners_;
    std::vector<std::string> history_;                             // people of earlier passages
    std::set<std::pair<std::size_t, std::size_t>> person_tokens_;  // (passage, token)
};

}  // namespace dateline::extraction
