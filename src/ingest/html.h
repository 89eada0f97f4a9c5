// Saved web pages as articles: an HTML5 parse (gumbo), the main text chosen by score, and the
// metadata from meta tags and JSON-LD.
#pragma once

#include <string>
#include <string_view>

#include "src/base/report.h"
#include "src/ingest/article.h"

namespace dateline {

// Parses one web page's bytes (any charset it declares in <meta charset> or http-equiv, else
// detected). `id` is the default id and `path` is used in messages. The body is the article's
// text, paragraphs separated by blank lines; title, source, date, url and authors come from
// the page's metadata (see html_meta.h). Throws std::runtime_error if the page has no article
// text; warnings about recoverable problems (charset, no title) go to `warn`.
Article parse_html_article(std::string_view bytes, const std::string& id, const std::string& path,
                           const Report& warn);

// The text of an HTML fragment (a feed item's content): its paragraphs, separated by blank
// lines, display-normalised.
std::string html_fragment_text(std::string_view html);

// The charset a page declares in its first 4 KB (<meta charset> or http-equiv), or "".
std::string html_declared_charset(std::string_view bytes);

}  // namespace dateline
