// The main text of a web page, chosen by a score in the style of Readability.
#pragma once

#include <gumbo.h>

#include <string>

namespace dateline::html {

// The article's text under root (a parsed document): paragraphs and sub-headings of the best
// scored content block and its like siblings, separated by blank lines; "" if none is found.
// Navigation, comments, share bars, captions, forms, scripts and styles never count.
std::string main_text(const GumboNode* root);

// The paragraphs of markup that is all article (a feed item's content): every block's text,
// furniture and lists of links left out, with no main block chosen.
std::string fragment_text(const GumboNode* root);

}  // namespace dateline::html
