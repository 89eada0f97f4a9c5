// Language detection by CLD2 (Debian libcld2-dev): Chrome's detector, n-gram tables for some 80
// languages built in, no model files to load, about a millisecond per article.
#include "src/ingest/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

namespace dateline {

std::string detected_language(const Article& article) {
    // The opening is enough to tell a language, and bounds the cost of a huge article.
    constexpr std::size_t kSample = 16 * 1024;
    std::string text = article.title + "\n" + article.body.substr(0, kSample);
    bool reliable = false;
    int valid_bytes = 0;
    CLD2::Language language = CLD2::DetectLanguageCheckUTF8(
        text.data(), static_cast<int>(text.size()), true, &reliable, &valid_bytes);
    if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return "";
    return language_tag(CLD2::LanguageCode(language));
}

}  // namespace dateline
