// ICU normalisation of stored, indexed and queried text.
#include "src/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include <memory>
#include <stdexcept>

namespace dateline {

namespace {

const icu::Normalizer2& nfkc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC data");
    return *n;
}

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC_Casefold data");
    return *n;
}

icu::UnicodeString from_utf8(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
}

std::string to_utf8(const icu::UnicodeString& u) {
    std::string out;
    u.toUTF8String(out);
    return out;
}

// Characters that only hide inside words (scraped news is full of them).
bool is_invisible(UChar32 c) {
    return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

icu::UnicodeString clean(std::string_view text) {
    icu::UnicodeString u = from_utf8(text);
    icu::UnicodeString out;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        if (is_invisible(c)) continue;
        out.append(c);
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString n = nfkc().normalize(out, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalisation failed");
    return n;
}

void unify_quotes(icu::UnicodeString& u) {
    static const UChar32 apostrophes[] = {0x2019, 0x2018, 0x02BC, 0x2032, 0x00B4, 0x0060, 0x201B};
    static const UChar32 quotes[] = {0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033};
    for (UChar32 c : apostrophes) u.findAndReplace(icu::UnicodeString(c), "'");
    for (UChar32 c : quotes) u.findAndReplace(icu::UnicodeString(c), "\"");
}

}  // namespace

bool to_valid_utf8(std::string_view bytes, std::string& out) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    int32_t substitutions = 0;
    // Pre-flight for the length, then convert with U+FFFD for every invalid sequence.
    u_strFromUTF8WithSub(nullptr, 0, &length, bytes.data(), static_cast<int32_t>(bytes.size()),
                         0xFFFD, &substitutions, &status);
    if (substitutions == 0) {
        out.assign(bytes);
        return true;
    }
    status = U_ZERO_ERROR;
    icu::UnicodeString u;
    UChar* buffer = u.getBuffer(length + 1);
    u_strFromUTF8WithSub(buffer, length + 1, &length, bytes.data(),
                         static_cast<int32_t>(bytes.size()), 0xFFFD, &substitutions, &status);
    u.releaseBuffer(length);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: UTF-8 conversion failed");
    out = to_utf8(u);
    return false;
}

std::string normalize_display(std::string_view text) { return to_utf8(clean(text)); }

std::string fold_for_terms(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u = nfkc_casefold().normalize(clean(text), status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: case folding failed");
    unify_quotes(u);
    return to_utf8(u);
}

std::string normalize_query(std::string_view query) {
    icu::UnicodeString u = clean(query);
    unify_quotes(u);
    // Each word is case-folded as the index was (ß -> ss, final ς -> σ, İ -> i̇), keeping what
    // the QueryParser reads from case: all-capital ASCII words (AND, OR, NATO) stay as typed,
    // and a capital first letter stays capital (STEM_SOME leaves names unstemmed).
    icu::UnicodeString out;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        if (!u_isalnum(c) && u_charType(c) != U_NON_SPACING_MARK) {
            out.append(c);
            i += U16_LENGTH(c);
            continue;
        }
        int32_t end = i;
        bool ascii_capitals = true;
        while (end < u.length()) {
            UChar32 w = u.char32At(end);
            if (!u_isalnum(w) && u_charType(w) != U_NON_SPACING_MARK) break;
            if (!(w >= 'A' && w <= 'Z')) ascii_capitals = false;
            end += U16_LENGTH(w);
        }
        icu::UnicodeString word = u.tempSubStringBetween(i, end);
        if (!ascii_capitals) {
            bool capital = u_isupper(c) || u_istitle(c);
            UErrorCode status = U_ZERO_ERROR;
            word = nfkc_casefold().normalize(word, status);
            if (U_FAILURE(status)) throw std::runtime_error("ICU: case folding failed");
            if (capital && !word.isEmpty()) {
                UChar32 first = word.char32At(0);
                word.replace(0, U16_LENGTH(first), icu::UnicodeString(u_toupper(first)));
            }
        }
        out.append(word);
        i = end;
    }
    return to_utf8(out);
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n\f\v";
    std::size_t b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (unsigned char c : s) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

bool has_cyrillic(std::string_view text) {
    icu::UnicodeString u = from_utf8(text);
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(u.char32At(i), &status) == USCRIPT_CYRILLIC) return true;
    }
    return false;
}

std::string cyrillic_to_latin(std::string_view text) {
    if (!has_cyrillic(text)) return std::string(text);
    // Compiling the rules takes milliseconds: once per process, and only when needed.
    static std::unique_ptr<icu::Transliterator> bgn = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Russian-Latin/BGN; Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU: no Russian-Latin/BGN transform");
        return t;
    }();
    icu::UnicodeString u = from_utf8(text);
    bgn->transliterate(u);
    return to_utf8(u);
}

}  // namespace dateline
