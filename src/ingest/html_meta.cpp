// Metadata of web pages from <meta>, <link>, <time>, <title> and JSON-LD (schema.org).
#include "src/ingest/html_meta.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "src/ingest/article.h"
#include "src/ingest/html_dom.h"
#include "src/text/text.h"

namespace dateline::html {

namespace {

using nlohmann::json;

// What the page's tags say: meta property/name -> content (first wins), and the rest.
struct Tags {
    std::map<std::string, std::string> meta;
    std::string title, h1, canonical, time, lang;
    std::vector<json> json_ld;
};

void read_json_ld(const GumboNode* script, Tags& tags) {
    if (lower(attr(script, "type")) != "application/ld+json") return;
    const GumboVector* kids = children(script);
    if (kids->length == 0) return;
    const GumboNode* text = static_cast<const GumboNode*>(kids->data[0]);
    if (text->type != GUMBO_NODE_TEXT && text->type != GUMBO_NODE_CDATA) return;
    try {
        tags.json_ld.push_back(json::parse(text->v.text.text));
    } catch (const json::exception&) {
        // Bad JSON-LD is common; the meta tags still count.
    }
}

void read_tag(const GumboNode* node, Tags& tags) {
    switch (node->v.element.tag) {
        case GUMBO_TAG_META: {
            std::string key = lower(attr(node, "property"));
            if (key.empty()) key = lower(attr(node, "name"));
            std::string value(trim(attr(node, "content")));
            if (!key.empty() && !value.empty()) tags.meta.emplace(key, value);
            break;
        }
        case GUMBO_TAG_TITLE:
            if (tags.title.empty()) tags.title = text_of(node);
            break;
        case GUMBO_TAG_H1:
            if (tags.h1.empty()) tags.h1 = text_of(node);
            break;
        case GUMBO_TAG_LINK:
            if (lower(attr(node, "rel")) == "canonical" && tags.canonical.empty())
                tags.canonical = std::string(trim(attr(node, "href")));
            break;
        case GUMBO_TAG_TIME:
            if (tags.time.empty()) tags.time = std::string(trim(attr(node, "datetime")));
            break;
        case GUMBO_TAG_HTML:
            tags.lang = std::string(attr(node, "lang"));
            break;
        case GUMBO_TAG_SCRIPT:
            read_json_ld(node, tags);
            break;
        default:
            break;
    }
}

// JSON-LD objects, looking into arrays and @graph, that are articles of some kind.
void collect_articles(const json& j, std::vector<const json*>& out) {
    if (j.is_array()) {
        for (const json& e : j) collect_articles(e, out);
    } else if (j.is_object()) {
        if (j.contains("@graph")) collect_articles(j["@graph"], out);
        if (j.contains("headline") || j.contains("articleBody") || j.contains("datePublished"))
            out.push_back(&j);
    }
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return std::string(trim(it->get<std::string>()));
    if (it->is_object() && it->contains("name") && (*it)["name"].is_string())
        return (*it)["name"].get<std::string>();
    if (it->is_array() && !it->empty()) {
        const json& first = it->front();
        if (first.is_string()) return first.get<std::string>();
        if (first.is_object() && first.contains("name") && first["name"].is_string())
            return first["name"].get<std::string>();
    }
    return "";
}

std::vector<std::string> json_authors(const json& a) {
    std::vector<std::string> out;
    auto it = a.find("author");
    if (it == a.end()) return out;
    json list = it->is_array() ? *it : json::array({*it});
    for (const json& one : list) {
        if (one.is_string()) out.push_back(one.get<std::string>());
        if (one.is_object() && one.contains("name") && one["name"].is_string())
            out.push_back(one["name"].get<std::string>());
    }
    return out;
}

// YYYY-MM-DD from the start of an ISO 8601 time, or from /2019/11/20/ in an address.
std::string date_of(std::string_view text) {
    text = trim(text);
    if (text.size() >= 10 && is_iso_date(text.substr(0, 10)))
        return std::string(text.substr(0, 10));
    for (std::size_t i = 0; i + 10 <= text.size(); ++i) {
        if (text[i] != '/' || (text[i + 1] != '1' && text[i + 1] != '2')) continue;
        std::string_view rest = text.substr(i + 1);
        if (rest.size() < 10 || rest[4] != '/' || rest[7] != '/') continue;
        std::string d = std::string(rest.substr(0, 4)) + "-" + std::string(rest.substr(5, 2)) +
                        "-" + std::string(rest.substr(8, 2));
        if (is_iso_date(d)) return d;
    }
    return "";
}

std::string domain_of(std::string_view url) {
    std::size_t start = url.find("://");
    if (start == std::string_view::npos) return "";
    url.remove_prefix(start + 3);
    url = url.substr(0, url.find_first_of("/?#:"));
    if (url.substr(0, 4) == "www.") url.remove_prefix(4);
    return std::string(url);
}

// "Headline | Site" or "Headline - Site": the longest part is the headline.
std::string strip_site_suffix(const std::string& title) {
    for (std::string_view sep : {" | ", " - ", " – ", " — ", " :: ", " · "}) {
        std::size_t cut = title.rfind(sep);
        if (cut != std::string::npos && cut > title.size() - cut) return title.substr(0, cut);
    }
    return title;
}

std::string first_of(std::initializer_list<std::string> values) {
    for (const std::string& v : values)
        if (!v.empty()) return v;
    return "";
}

std::string meta(const Tags& tags, const char* key) {
    auto it = tags.meta.find(key);
    return it == tags.meta.end() ? "" : it->second;
}

}  // namespace

PageMeta page_meta(const GumboNode* root) {
    Tags tags;
    each_element(root, [&](const GumboNode* node) { read_tag(node, tags); });
    std::vector<const json*> articles;
    for (const json& j : tags.json_ld) collect_articles(j, articles);
    static const json kNone = json::object();
    const json& ld = articles.empty() ? kNone : *articles.front();

    PageMeta m;
    m.url = first_of({tags.canonical, meta(tags, "og:url")});
    m.title = first_of({meta(tags, "og:title"), string_at(ld, "headline"),
                        strip_site_suffix(tags.title), tags.h1});
    m.outlet = first_of({meta(tags, "og:site_name"), string_at(ld, "publisher"), domain_of(m.url)});
    m.date = first_of({date_of(string_at(ld, "datePublished")),
                       date_of(meta(tags, "article:published_time")), date_of(tags.time),
                       date_of(m.url)});
    m.authors = json_authors(ld);
    if (m.authors.empty() && !meta(tags, "author").empty()) m.authors = {meta(tags, "author")};
    m.lang = tags.lang;
    m.json_ld_body = string_at(ld, "articleBody");
    return m;
}

}  // namespace dateline::html
