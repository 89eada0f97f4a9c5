// ICU normalisation of stored, indexed and queried text.
#include "src/text/text.h"

#include <dlfcn.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

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

// True if the UTF-8 text may hold an invisible character: their encodings start with C2 AD,
// E2 80 8B..8D, E2 81 A0 or EF BB BF. Most text holds none and is not copied a second time.
bool may_hold_invisible(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0xC2) continue;
        unsigned char d = static_cast<unsigned char>(text[i + 1]);
        if ((c == 0xC2 && d == 0xAD) || (c == 0xE2 && (d == 0x80 || d == 0x81)) ||
            (c == 0xEF && d == 0xBB))
            return true;
    }
    return false;
}

icu::UnicodeString clean(std::string_view text) {
    icu::UnicodeString u = from_utf8(text);
    if (may_hold_invisible(text)) {
        icu::UnicodeString visible;
        for (int32_t i = 0; i < u.length();) {
            UChar32 c = u.char32At(i);
            i += U16_LENGTH(c);
            if (!is_invisible(c)) visible.append(c);
        }
        u = visible;
    }
    UErrorCode status = U_ZERO_ERROR;
    if (nfkc().spanQuickCheckYes(u, status) == u.length() && U_SUCCESS(status)) return u;
    icu::UnicodeString n = nfkc().normalize(u, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalisation failed");
    return n;
}

bool is_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Apostrophes and quotation marks of every kind become ' and ": one pass, in place (each is one
// UTF-16 unit, as is its replacement).
void unify_quotes(icu::UnicodeString& u) {
    const int32_t n = u.length();
    char16_t* p = u.getBuffer(n);
    if (!p) throw std::runtime_error("ICU: out of memory");
    for (int32_t i = 0; i < n; ++i) {
        switch (p[i]) {
            case 0x2019:
            case 0x2018:
            case 0x02BC:
            case 0x2032:
            case 0x00B4:
            case 0x0060:
            case 0x201B:
                p[i] = u'\'';
                break;
            case 0x201C:
            case 0x201D:
            case 0x201E:
            case 0x201F:
            case 0x00AB:
            case 0x00BB:
            case 0x2033:
                p[i] = u'"';
                break;
            default:
                break;
        }
    }
    u.releaseBuffer(n);
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

std::string file_name_as_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int32_t>(bytes.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(data, i, length, c);
        if (c < 0) {  // one byte at a time, so the name is kept whole
            i = start + 1;
            c = 0xF700 + data[start];
        }
        char encoded[U8_MAX_LENGTH];
        int32_t n = 0;
        U8_APPEND_UNSAFE(encoded, n, c);
        out.append(encoded, static_cast<std::size_t>(n));
    }
    return out;
}

std::string normalize_display(std::string_view text) {
    // ASCII holds nothing invisible and is its own NFKC form.
    if (is_ascii(text)) return std::string(text);
    return to_utf8(clean(text));
}

std::string fold_for_terms(std::string_view text) {
    if (is_ascii(text)) {  // NFKC_Casefold of ASCII lowers A-Z; unify_quotes turns ` into '
        std::string out(text);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c == '`') c = '\'';
        }
        return out;
    }
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
            // Russian inflects names too (Лукашенку, Лукашенко): a Cyrillic word is stemmed
            // whatever its case.
            UErrorCode status = U_ZERO_ERROR;
            bool capital =
                (u_isupper(c) || u_istitle(c)) && uscript_getScript(c, &status) != USCRIPT_CYRILLIC;
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

namespace {

// ICU's transforms live in libicui18n, which costs every process that links it about half a
// millisecond to load; the searcher needs one only for a query in Cyrillic. So the library is
// opened when a transform is first wanted (in the indexer it is loaded already) and used
// through its C API, whose entry points carry ICU's version suffix (utrans_openU_72: the
// header renames the plain names, so stringizing one gives the real symbol).
#define DATELINE_STR(x) #x
#define DATELINE_ICU_NAME(f) DATELINE_STR(f)
struct TransformApi {
    decltype(&utrans_openU) open = nullptr;
    decltype(&utrans_transUChars) trans_uchars = nullptr;
    decltype(&utrans_close) close = nullptr;
};

const TransformApi& transform_api() {
    static const TransformApi api = [] {
        TransformApi a;
        const char* library = "libicui18n.so." U_ICU_VERSION_SHORT;
        void* handle = ::dlopen(library, RTLD_NOW | RTLD_GLOBAL);
        if (!handle)
            throw std::runtime_error(std::string("ICU: cannot load ") + library + " (" +
                                     ::dlerror() + "); install libicu" U_ICU_VERSION_SHORT);
        a.open =
            reinterpret_cast<decltype(a.open)>(::dlsym(handle, DATELINE_ICU_NAME(utrans_openU)));
        a.trans_uchars = reinterpret_cast<decltype(a.trans_uchars)>(
            ::dlsym(handle, DATELINE_ICU_NAME(utrans_transUChars)));
        a.close =
            reinterpret_cast<decltype(a.close)>(::dlsym(handle, DATELINE_ICU_NAME(utrans_close)));
        if (!a.open || !a.trans_uchars || !a.close)
            throw std::runtime_error(std::string("ICU: ") + library + " lacks utrans_*");
        return a;
    }();
    return api;
}

}  // namespace

std::string cyrillic_to_latin(std::string_view text) {
    if (!has_cyrillic(text)) return std::string(text);
    const TransformApi& api = transform_api();
    // Compiling the rules takes milliseconds: once per thread (a transform is not safe to
    // share between threads), and only when needed.
    static thread_local std::unique_ptr<UTransliterator, void (*)(UTransliterator*)> bgn = [&] {
        icu::UnicodeString id("Russian-Latin/BGN; Any-Latin; Latin-ASCII");
        UErrorCode status = U_ZERO_ERROR;
        UTransliterator* t =
            api.open(id.getTerminatedBuffer(), -1, UTRANS_FORWARD, nullptr, 0, nullptr, &status);
        if (U_FAILURE(status) || !t)
            throw std::runtime_error("ICU: no Russian-Latin/BGN transform");
        return std::unique_ptr<UTransliterator, void (*)(UTransliterator*)>(t, api.close);
    }();
    icu::UnicodeString u = from_utf8(text);
    // Latin is never more than four times as long as the Cyrillic it spells (Щ -> Shch).
    int32_t length = u.length(), capacity = 4 * length + 16, limit = length;
    char16_t* buffer = u.getBuffer(capacity);
    if (!buffer) throw std::runtime_error("ICU: out of memory");
    UErrorCode status = U_ZERO_ERROR;
    api.trans_uchars(bgn.get(), buffer, &length, capacity, 0, &limit, &status);
    u.releaseBuffer(U_SUCCESS(status) ? length : 0);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: transliteration failed");
    return to_utf8(u);
}

}  // namespace dateline
