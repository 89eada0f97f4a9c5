// Small helpers over gumbo's tree, shared by the body and metadata extraction of web pages.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace dateline::html {

// The element's attribute value, or "" (gumbo keeps attribute names lower-cased).
std::string_view attr(const GumboNode* node, const char* name);
bool is_element(const GumboNode* node, GumboTag tag);
// Child nodes of an element or of the document.
const GumboVector* children(const GumboNode* node);
// All text below node, whitespace runs collapsed to one space, trimmed.
std::string text_of(const GumboNode* node);
// Calls visit on node and every element below it, in document order.
template <typename Visit>
void each_element(const GumboNode* node, Visit&& visit) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
        node->type != GUMBO_NODE_TEMPLATE)
        return;
    if (node->type != GUMBO_NODE_DOCUMENT) visit(node);
    const GumboVector* kids = children(node);
    for (unsigned i = 0; i < kids->length; ++i)
        each_element(static_cast<const GumboNode*>(kids->data[i]), visit);
}
// Appends text to out with whitespace runs collapsed (a leading space only if out has text).
void append_collapsed(std::string& out, std::string_view text);
std::string lower(std::string_view s);

}  // namespace dateline::html
