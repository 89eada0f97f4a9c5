// The language of an article whose source does not name one, detected from its text.
#pragma once

#include <string>

#include "src/ingest/article.h"

namespace dateline {

// The article's language as language_tag() keeps it ("en", "ru"), detected by CLD2 from its
// title and text; "" when CLD2 is not sure (a short or mixed text).
std::string detected_language(const Article& article);

}  // namespace dateline
