// Unicode clean-up of article and query text (ICU), shared by the indexer and the searcher.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Bytes as UTF-8: a leading BOM is dropped, invalid sequences become U+FFFD.
// Returns false if anything had to be replaced (the caller warns).
bool to_valid_utf8(std::string_view bytes, std::string& out);

// A file name's bytes as UTF-8, for ids and origins (which the index stores as text): valid
// UTF-8 is kept, and each byte of an invalid sequence b becomes U+F700 + b, a private-use
// character, so that two names give the same text only if one holds such characters already.
std::string file_name_as_utf8(std::string_view bytes);

// A text file's bytes as UTF-8. Order of evidence: a byte order mark (UTF-8, UTF-16, UTF-32),
// the charset the file declares (`declared`, e.g. from a "Charset:" header), valid UTF-8, the
// zero bytes of UTF-16 without a mark, then ICU's charset detector (windows-1251, ISO-8859-1...).
// Throws std::runtime_error for a declared charset ICU does not know.
struct Decoded {
    std::string text;
    std::string charset;    // what the bytes were read as
    bool guessed = false;   // detected, not declared or marked: the caller says so
    int confidence = 0;     // ICU's confidence (0-100) when detected by ICU
    bool replaced = false;  // some bytes could not be read and became U+FFFD
};
Decoded decode_text(std::string_view bytes, std::string_view declared);

// Text as stored and shown: NFKC, soft hyphens and zero-width characters removed, non-breaking
// spaces made plain. Typography (curly quotes) is kept for display.
std::string normalize_display(std::string_view text);

// Text as indexed: normalize_display, then case-folded (NFKC_Casefold) with apostrophes and
// quotation marks unified, so "Lukashenko’s" and "Lukashenko's" give the same terms.
std::string fold_for_terms(std::string_view text);

// A query string: NFKC, apostrophes unified and words case-folded like fold_for_terms, but
// with the case Xapian's QueryParser reads kept: upper-case AND/OR/NOT are operators and
// capitalised names are not stemmed.
std::string normalize_query(std::string_view query);

std::string_view trim(std::string_view s);

// True if the text has Cyrillic letters.
bool has_cyrillic(std::string_view text);
// Cyrillic written in Latin letters the way English-language news does (ICU's BGN/PCGN
// Russian-Latin transform: Лукашенко -> Lukashenko, Минск -> Minsk); other text unchanged.
std::string cyrillic_to_latin(std::string_view text);

// Number of whitespace-separated words.
std::size_t count_words(std::string_view s);

}  // namespace dateline
