// Furniture of web pages: elements whose text is never the article's.
#include "src/ingest/html_furniture.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "src/ingest/html_dom.h"

namespace dateline::html {

namespace {

bool is_furniture_tag(GumboTag tag) {
    // Code, page furniture, media and its captions, controls.
    static const GumboTag kTags[] = {
        GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_NOSCRIPT,   GUMBO_TAG_NAV,
        GUMBO_TAG_FOOTER,   GUMBO_TAG_ASIDE,    GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
        GUMBO_TAG_BUTTON,   GUMBO_TAG_IFRAME,   GUMBO_TAG_SVG,        GUMBO_TAG_SELECT,
        GUMBO_TAG_TEXTAREA, GUMBO_TAG_TEMPLATE, GUMBO_TAG_HEAD,       GUMBO_TAG_OBJECT,
        GUMBO_TAG_EMBED,    GUMBO_TAG_CANVAS,   GUMBO_TAG_INPUT,      GUMBO_TAG_LABEL,
        GUMBO_TAG_HEADER,   GUMBO_TAG_MENU,     GUMBO_TAG_AUDIO,      GUMBO_TAG_VIDEO,
        GUMBO_TAG_MATH};
    return std::find(std::begin(kTags), std::end(kTags), tag) != std::end(kTags);
}

bool is_hidden(const GumboNode* node) {
    if (gumbo_get_attribute(&node->v.element.attributes, "hidden")) return true;
    std::string style = lower(attr(node, "style"));
    std::string compact;
    for (char c : style)
        if (c != ' ') compact += c;
    return compact.find("display:none") != std::string::npos ||
           compact.find("visibility:hidden") != std::string::npos;
}

bool has_any(const std::string& s, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (s.find(w) != std::string::npos) return true;
    return false;
}

std::string class_and_id(const GumboNode* node) {
    return lower(std::string(attr(node, "class")) + " " + std::string(attr(node, "id")));
}

// Sections next to an article: its comments, links elsewhere, calls to share or subscribe.
bool is_furniture_name(const std::string& names) {
    return has_any(names, {"comment",     "share",        "social",    "related",
                           "promo",       "newsletter",   "cookie",    "caption",
                           "credit",      "subscri",      "outbrain",  "taboola",
                           "sidebar",     "breadcrumb",   "popup",     "modal",
                           "advert",      "footer",       "recirc",    "popular",
                           "trending",    "signup",       "sponsor",   "disqus",
                           "banner",      "toolbar",      "masthead",  "skip-link",
                           "byline",      "dateline",     "timestamp", "read-more",
                           "readmore",    "more-stories", "newsfeed",  "tags",
                           "author-info", "bio",          "consent",   "gdpr",
                           "paywall",     "tooltip",      "popover",   "rollover-people-block"});
}

bool looks_like_content(const std::string& names) {
    return has_any(names,
                   {"article", "content", "story", "entry", "post-body", "main", "body", "text"});
}

}  // namespace

bool is_furniture(const GumboNode* node, bool by_class) {
    if (node->type != GUMBO_NODE_ELEMENT) return false;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) return false;
    if (is_furniture_tag(tag) || is_hidden(node)) return true;
    // A search box or sign-up form, but not a whole page wrapped in one (ASP.NET's way).
    if (tag == GUMBO_TAG_FORM) return text_of(node).size() < 2000;
    std::string_view role = attr(node, "role");
    if (role == "navigation" || role == "complementary" || role == "contentinfo" ||
        role == "banner" || role == "dialog")
        return true;
    if (!by_class || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) return false;
    std::string names = class_and_id(node);
    return is_furniture_name(names) &&
           !has_any(names, {"article-body", "story-body", "entry-content", "post-content"});
}

int class_weight(const GumboNode* node) {
    std::string names = class_and_id(node);
    int weight = 0;
    if (is_furniture_name(names) || has_any(names, {"nav", "menu", "widget", "hidden"}))
        weight -= 25;
    if (looks_like_content(names)) weight += 25;
    return weight;
}

}  // namespace dateline::html
