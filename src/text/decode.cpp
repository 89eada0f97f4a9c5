// Reading a text file's bytes as UTF-8, whatever charset they are in (ICU converters and
// charset detection). Only the indexer reads files; the searcher does not link this.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "src/text/text.h"

namespace dateline {

namespace {

// UTF-16 without a byte order mark: text in the Latin, Cyrillic... ranges has a zero byte in
// every other position. Returns "UTF-16LE", "UTF-16BE" or "".
const char* utf16_by_zeros(std::string_view bytes) {
    std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 4) return "";
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == 0;
        odd += bytes[i + 1] == 0;
    }
    std::size_t half = n / 2;
    if (odd * 10 >= half * 3 && even * 20 < half) return "UTF-16LE";
    if (even * 10 >= half * 3 && odd * 20 < half) return "UTF-16BE";
    return "";
}

std::string convert(std::string_view bytes, const std::string& charset, bool& replaced) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &status),
                                                            ucnv_close);
    if (U_FAILURE(status))
        throw std::runtime_error("unknown character set '" + charset +
                                 "'; use a name such as UTF-8, UTF-16, windows-1251, ISO-8859-1");
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
    if (U_FAILURE(status)) throw std::runtime_error("cannot convert from " + charset);
    replaced =
        u.indexOf(static_cast<UChar>(0xFFFD)) >= 0 || u.indexOf(static_cast<UChar>(0x1A)) >= 0;
    if (u.length() > 0 && u.charAt(0) == 0xFEFF) u.remove(0, 1);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

Decoded decode_text(std::string_view bytes, std::string_view declared) {
    Decoded d;
    auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
    if (starts(std::string_view("\xFF\xFE\0\0", 4)))
        d.charset = "UTF-32LE";
    else if (starts(std::string_view("\0\0\xFE\xFF", 4)))
        d.charset = "UTF-32BE";
    else if (starts("\xFF\xFE"))
        d.charset = "UTF-16LE";
    else if (starts("\xFE\xFF"))
        d.charset = "UTF-16BE";
    else if (starts("\xEF\xBB\xBF"))
        d.charset = "UTF-8";
    else if (!declared.empty())
        d.charset = declared;
    else if (const char* wide = utf16_by_zeros(bytes); *wide)
        d.charset = wide, d.guessed = true;
    if (d.charset.empty() || d.charset == "UTF-8" || d.charset == "utf-8") {
        std::string text;
        d.replaced = !to_valid_utf8(bytes, text);
        // More good multi-byte characters than bad bytes: UTF-8 with a few flaws, not another
        // charset (reading it as Latin-1 would garble every good character).
        std::size_t high = 0, bad = 0;
        for (char c : bytes) high += static_cast<unsigned char>(c) >= 0x80;
        for (std::size_t at = text.find("\xEF\xBF\xBD"); at != std::string::npos;
             at = text.find("\xEF\xBF\xBD", at + 3))
            ++bad;
        if (!d.replaced || !d.charset.empty() || high >= 3 * bad) {
            d.charset = "UTF-8";
            d.text = std::move(text);
            return d;
        }
        // Not UTF-8 and nothing declared: ask ICU's detector (windows-1251, ISO-8859-1, ...).
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> detector(
            ucsdet_open(&status), ucsdet_close);
        ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
        const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
        const char* name = match ? ucsdet_getName(match, &status) : nullptr;
        if (U_FAILURE(status) || !name || std::string_view(name).rfind("UTF", 0) == 0) {
            d.charset = "UTF-8";
            d.text = std::move(text);
            return d;
        }
        d.charset = name;
        d.guessed = true;
        d.confidence = ucsdet_getConfidence(match, &status);
    }
    d.text = convert(bytes, d.charset, d.replaced);
    return d;
}

}  // namespace dateline
