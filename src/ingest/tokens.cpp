// Passage text into tokens: see tokens.h.
#include "src/ingest/tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>

#include "schema/schema.h"
#include "src/base/split.h"
#include "src/ingest/entities.h"

namespace dateline::extraction {

namespace {

bool is_word_char(UChar32 c) {
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
           u_charType(c) == U_COMBINING_SPACING_MARK;
}
bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

UChar32 code_point_before(std::string_view s, std::size_t i) {
    if (i == 0) return 0;
    UChar32 c;
    int32_t at = static_cast<int32_t>(i);
    U8_PREV(s.data(), 0, at, c);
    return c;
}

// A word that schema/abbreviations.txt lists with its full stop ("Sen" for "Sen.").
bool is_abbreviation(std::string_view word) {
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> out;
        for (std::string line : split(schema::kAbbreviations, '\n')) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (line.size() > 1 && line[0] != '#' && line.back() == '.')
                out.insert(line.substr(0, line.size() - 1));
        }
        return out;
    }();
    return words.count(std::string(word)) != 0;
}

// "D-Calif", "R-Ky", "I-Vt": a party's letter, a hyphen and a state's abbreviation.
bool is_party_and_state(std::string_view w) {
    return w.size() >= 4 && w.size() <= 7 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') &&
           w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z';
}

// The end of the word that starts at byte `at` and whose first character ends at `after_first`.
std::size_t word_end(std::string_view s, std::size_t at, std::size_t after_first) {
    std::size_t end = after_first;
    while (end < s.size()) {
        std::size_t next = end;
        UChar32 d;
        U8_NEXT(s.data(), next, s.size(), d);
        if (is_word_char(d)) {
            end = next;
        } else if ((d == '-' || d == 0x2010 || is_apostrophe(d) || d == '.') &&
                   is_word_char(code_point_at(s, next))) {
            if (d == '.' && !(next - end == 1 && end - at <= 3)) break;
            end = next;
        } else {
            break;
        }
    }
    // The period of an initial, of U.S., of an abbreviation (Sen., Oct.) or of a party and
    // state (D-Calif.): part of the word, so that it ends no clause; so is one before a comma
    // (Grand Rapids, Mich., said).
    std::string_view w = s.substr(at, end - at);
    if (code_point_at(s, end) == '.' &&
        (w.find('.') != std::string_view::npos ||
         (w.size() == 1 && u_isupper(static_cast<UChar32>(w[0]))) || is_abbreviation(w) ||
         is_party_and_state(w) || code_point_at(s, end + 1) == ','))
        ++end;
    return end;
}

// Two or more letters, all upper-case.
bool is_upper_case(std::string_view s, std::size_t at, std::size_t end) {
    int letters = 0, uppers = 0;
    for (std::size_t k = at; k < end;) {
        UChar32 d;
        U8_NEXT(s.data(), k, end, d);
        if (u_isalpha(d)) {
            ++letters;
            if (u_isupper(d)) ++uppers;
        }
    }
    return letters >= 2 && letters == uppers;
}

Token word_token(std::string_view s, std::size_t at, std::size_t end) {
    Token t{Tok::Word, std::string(s.substr(at, end - at)), "", at, end};
    t.folded = Lexicon::fold_key(strip_possessive(t.text));  // passages are NFKC already
    UChar32 first = code_point_at(s, at);
    t.cap = u_isupper(first) || u_istitle(first);
    t.upper = is_upper_case(s, at, end);
    return t;
}

// Whether mark `c` opens or closes a quotation, or may do either, or is no quotation mark.
Tok mark_type(UChar32 c, bool space_before, bool space_after) {
    switch (c) {
        case 0x201C:
        case 0x201E:
        case 0x00AB:
        case 0x201F:
            return Tok::Open;
        case 0x201D:
        case 0x00BB:
            return Tok::Close;
        case '"':
            return Tok::Toggle;
        case 0x2018:
        case 0x2039:
        case 0x201A:
            return space_before ? Tok::Open : Tok::Punct;
        case 0x2019:
        case 0x203A:
        case '\'':
            if (space_before && !space_after && c == '\'') return Tok::Open;
            return space_after ? Tok::Close : Tok::Punct;
    }
    return Tok::Punct;
}

// Whether a mark at bytes [at, end) of `s` has a space (or the text's edge, an opening
// bracket or a dash) before it, and a space or punctuation after it: what opens or closes.
struct Spacing {
    bool before, after;
};
Spacing spacing_around(std::string_view s, std::size_t at, std::size_t end) {
    UChar32 prev = code_point_before(s, at), next = code_point_at(s, end);
    return {prev == 0 || u_isspace(prev) || prev == '(' || prev == 0x2014,
            next == 0 || u_isspace(next) || u_ispunct(next)};
}

// The punctuation or quotation mark `c`, bytes [at, end) of `s`.
Token mark_token(std::string_view s, std::size_t at, std::size_t end, UChar32 c) {
    Spacing space = spacing_around(s, at, end);
    Tok type = mark_type(c, space.before, space.after);
    bool single =
        c == 0x2018 || c == 0x2019 || c == 0x2039 || c == 0x203A || c == '\'' || c == 0x201A;
    return Token{type, std::string(s.substr(at, end - at)), single ? "'" : "\"", at, end};
}

// Two straight apostrophes at byte `at`: a double quotation mark as news archives write it
// (''like this''), opening after a space and closing before one.
Token double_apostrophe_token(std::string_view s, std::size_t at) {
    Spacing space = spacing_around(s, at, at + 2);
    Tok type = space.before && !space.after   ? Tok::Open
               : !space.before && space.after ? Tok::Close
                                              : Tok::Toggle;
    return Token{type, std::string(s.substr(at, 2)), "\"", at, at + 2};
}

// Sentence starts: the first word, and a word after . ! ? (and any closing marks).
void mark_sentence_starts(std::vector<Token>& tokens) {
    bool start = true;
    for (auto& t : tokens) {
        if (t.type == Tok::Word) {
            t.sentence_start = start;
            start = false;
        } else if (t.type == Tok::Punct && (t.text == "." || t.text == "!" || t.text == "?" ||
                                            t.text == ":" || t.text == "\xE2\x80\x94")) {
            start = true;
        } else if (t.type == Tok::Open) {
            start = true;
        }
    }
}

}  // namespace

UChar32 code_point_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    UChar32 c;
    U8_NEXT(s.data(), i, s.size(), c);
    return c;
}

std::string strip_possessive(std::string s) {
    for (const char* suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
        std::size_t n = std::strlen(suffix);
        if (s.size() > n + 1 && s.compare(s.size() - n, n, suffix) == 0) {
            s.erase(s.size() - n);
            break;
        }
    }
    return s;
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        UChar32 c;
        U8_NEXT(s.data(), i, s.size(), c);
        if (u_isspace(c) || c < 0) continue;
        if (is_word_char(c)) {
            out.push_back(word_token(s, at, word_end(s, at, i)));
            i = out.back().end;
        } else if (c == '\'' && i < s.size() && s[i] == '\'') {
            out.push_back(double_apostrophe_token(s, at));  // archives' '' for "
            i = out.back().end;
        } else {
            out.push_back(mark_token(s, at, i, c));
        }
    }
    mark_sentence_starts(out);
    return out;
}

bool ends_clause(const Token& t) {
    return t.type == Tok::Punct &&
           (t.text == "." || t.text == "!" || t.text == "?" || t.text == ";");
}

}  // namespace dateline::extraction
