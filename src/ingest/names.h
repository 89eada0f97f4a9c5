// Names of people in a passage's tokens: which words make a name, where it starts, how it is
// written, and lists of names without repeats (internal to EntityExtractor, see entities.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "src/ingest/entities.h"
#include "src/ingest/tokens.h"

namespace dateline::extraction {

enum class Gender { Unknown, Male, Female };

// Adds `name` to `list` unless it is empty or there already.
void add_unique(std::vector<std::string>& list, const std::string& name);

// The word ends in a possessive: ' or 's (straight apostrophe).
bool ends_with_possessive(const Token& t);

// The rules for names, from the lexicon's lists; they know nothing of the article.
class NameRules {
  public:
    explicit NameRules(const Lexicon& lexicon) : lex_(lexicon) {}

    // A capitalised (or all upper-case) word that may be part of a name.
    bool is_name_word(const Token& t) const;
    // A place ("Russia", "Los Angeles") or a name holding an organisation word (speech.txt's
    // organisations: "Justice Department", "Peterson Institute"): no person.
    bool is_organisation(const std::string& name) const;
    // A country, a region or a large city (folded key): a place that speaks, no surname.
    bool is_speaking_place(const std::string& key) const;
    // A lower-case particle inside a name: "de", "van", "bin", "al"...
    bool is_connector(const Token& t) const;
    // The name ending at token `end` (inclusive), read leftwards: "US Secretary of State Mike
    // Pompeo" -> [Mike, Pompeo]. Returns the first token index, or SIZE_MAX if none.
    std::size_t name_start(const std::vector<Token>& toks, std::size_t end) const;
    // The name tokens [a, b] as written (display-normalised), without a final possessive.
    std::string written_name(const std::vector<Token>& toks, std::size_t a, std::size_t b) const;
    // The name as the index shows it: aliases.txt's canonical form if it lists the name, else
    // the name as written without middle initials (Donald J. Trump -> Donald Trump), so that
    // one person has one name; list a form in aliases.txt to keep its initial (George W. Bush).
    std::string shown_name(const std::string& written) const;
    // Marks the article's surnames (Token::surname): words that follow a first name somewhere
    // ("Donald Trump", "Mark Cuban") and are never written in lower case, so that "Trump
    // tweeted" or "Cuban said" opening a sentence is read as a name.
    void mark_surnames(std::vector<std::vector<Token>>& passages) const;
    // From the endings of the first and last name words (folded); Unknown for no words.
    Gender gender_of(const std::vector<std::string>& words) const;

    // Pronouns (I, We), groups and demonyms (Democrats, Americans), and a dictionary word in
    // capitals (MORE), unless the article writes it after a first name (PENCE).
    bool is_never_a_name(const Token& head) const;

  private:
    bool is_headline_small_word(const std::string& folded) const;
    bool stops_name(const Token& t, bool common_head, bool before_first_name) const;
    bool is_first_name(const Token& t) const;

    const Lexicon& lex_;
};

}  // namespace dateline::extraction
