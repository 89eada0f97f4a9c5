// What on a web page is furniture, not article: by tag, by hiding, by class or id.
#pragma once

#include <gumbo.h>

namespace dateline::html {

// True if node and all below it are never article text (scripts, navigation, comments,
// captions, share bars, promos...). `by_class` also judges the class and id attributes.
bool is_furniture(const GumboNode* node, bool by_class);
// Score for a class or id that looks like content (+25) or furniture (-25), Readability's way.
int class_weight(const GumboNode* node);

}  // namespace dateline::html
