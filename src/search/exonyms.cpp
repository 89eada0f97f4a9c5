// Country exonyms: ICU's territory names in Russian, matched by their Russian stem.
#include "src/search/exonyms.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <unordered_map>

#include "schema/schema.h"
#include "src/text/text.h"

namespace dateline {

namespace {

constexpr std::size_t kShortestStemLetters = 4;

std::size_t letters(const std::string& utf8) {
    return static_cast<std::size_t>(icu::UnicodeString::fromUTF8(utf8).countChar32());
}

// Russian stem -> English name, for every single-word Russian country name.
std::unordered_map<std::string, std::string> exonyms_by_stem() {
    std::unordered_map<std::string, std::string> out;
    Xapian::Stem stem = schema::text_stemmer();
    const icu::Locale en("en"), ru("ru");
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
        icu::Locale territory("", *code);
        icu::UnicodeString name_en, name_ru;
        territory.getDisplayCountry(en, name_en);
        territory.getDisplayCountry(ru, name_ru);
        std::string english, russian;
        name_en.toUTF8String(english);
        name_ru.toUTF8String(russian);
        if (english.empty() || english == *code || russian.find(' ') != std::string::npos ||
            !has_cyrillic(russian))
            continue;
        std::string key = stem(fold_for_terms(russian));
        if (letters(key) >= kShortestStemLetters) out.emplace(key, english);
    }
    return out;
}

}  // namespace

std::string country_exonym(const std::string& cyrillic_word) {
    static const auto exonyms = exonyms_by_stem();
    auto it = exonyms.find(schema::text_stemmer()(fold_for_terms(cyrillic_word)));
    return it == exonyms.end() ? "" : it->second;
}

}  // namespace dateline
