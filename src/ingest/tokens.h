// A passage as the extraction reads it: words, punctuation and quotation marks (internal to
// EntityExtractor, see entities.h).
#pragma once

#include <unicode/umachine.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::extraction {

enum class Tok { Word, Punct, Open, Close, Toggle };

struct Token {
    Tok type;
    std::string text;    // as written
    std::string folded;  // Lexicon::fold_key(text) for words, without a possessive 's
    std::size_t begin, end;
    bool cap = false;    // first letter upper-case
    bool upper = false;  // two or more letters, all upper-case
    bool sentence_start = false;
    bool quoted = false;    // inside a quotation
    bool headline = false;  // in a title, where verbs are capitalised too
    bool verb = false;      // a form of a speech verb (speech.txt's verbs), whatever its case
    bool inverted = false;  // a finite form of a verb that may precede its subject
    bool surname = false;   // written after a first name elsewhere in the article, and never
                            // in lower case there: a name even where a dictionary has it
};

// Words (with inner apostrophes, hyphens and the periods of U.S. or D.C.), punctuation and
// quotation marks, marked as opening, closing or either. A token that is not a word has
// `folded` "'" if it is a single mark (or an apostrophe), else "\"". Text is expected in NFKC
// (passages are).
std::vector<Token> tokenize(std::string_view s);

// The word without a final 's or ' (straight or curly), unless under two bytes would be left.
std::string strip_possessive(std::string s);

// The code point at byte `i` of UTF-8 `s`; 0 past the end.
UChar32 code_point_at(std::string_view s, std::size_t i);

// A period, !, ? or ;: the end of a clause.
bool ends_clause(const Token& t);

}  // namespace dateline::extraction
