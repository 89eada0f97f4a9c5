// Metadata of web pages from <meta>, <link>, <time>, <title> and JSON-LD (schema.org).
#include "src/ingest/html_meta.h"

#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "src/ingest/article.h"
#include "src/ingest/html_dom.h"
#include "src/ingest/times.h"
#include "src/text/text.h"

namespace dateline::html {

namespace {

using nlohmann::json;

// What the page's tags say: meta property/name -> content (first wins), and the rest.
struct Tags {
    std::map<std::string, std::string> meta;
    std::string title, h1, canonical, time, lang, byline;
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

// The first element marked as the byline or its author (rel=author, itemprop=author, a class
// "byline", "author-name" or "author"), when its text is short enough to be names.
void read_byline(const GumboNode* node, Tags& tags) {
    if (!tags.byline.empty()) return;
    const std::string cls = lower(attr(node, "class"));
    const bool marked = lower(attr(node, "rel")) == "author" ||
                        lower(attr(node, "itemprop")) == "author" ||
                        cls.find("byline") != std::string::npos ||
                        cls.find("author-name") != std::string::npos || cls == "author";
    if (!marked) return;
    std::string text = text_of(node);
    if (text.size() >= 3 && text.size() <= 80) tags.byline = std::move(text);
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
            read_byline(node, tags);
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

bool plausible(const std::string& date) { return is_iso_date(date) && date >= "1990"; }

// "19 Nov 2019", "Nov 20, 2019", "Tue Nov 19 2019 03:05:46 GMT" as YYYY-MM-DD, or "".
std::string date_with_month_name(std::string_view text) {
    static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string s = lower(text);
    for (int m = 0; m < 12; ++m) {
        std::size_t at = s.find(kMonths[m]);
        if (at == std::string::npos) continue;
        int day = 0, year = 0;
        const char* before = at >= 3 ? s.c_str() + at - 3 : s.c_str();
        if (std::sscanf(before, "%d", &day) != 1 || day < 1 || day > 31) day = 0;
        std::size_t rest = s.find(' ', at);
        if (rest == std::string::npos) continue;
        if (day == 0 && std::sscanf(s.c_str() + rest, " %d, %d", &day, &year) != 2 &&
            std::sscanf(s.c_str() + rest, " %d %d", &day, &year) != 2)
            continue;
        if (year == 0 && std::sscanf(s.c_str() + rest, " %d", &year) != 1) continue;
        char out[16];
        std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, m + 1, day);
        if (plausible(out)) return out;
    }
    return "";
}

// YYYY-MM-DD from the start of an ISO 8601 time, a date written with its month's name, or
// /2019/11/20/ in an address; "" for none or for placeholders such as 0001-01-01.
std::string date_of(std::string_view text) {
    text = trim(text);
    if (text.size() >= 10) {
        std::string iso(text.substr(0, 10));
        if (plausible(iso)) return iso;
        if (is_iso_date(iso)) return "";
    }
    if (text.find("://") == std::string_view::npos) return date_with_month_name(text);
    for (std::size_t i = 0; i + 11 <= text.size(); ++i) {
        std::string_view rest = text.substr(i + 1);
        if (text[i] != '/' || rest[4] != '/' || rest[7] != '/') continue;
        std::string d = std::string(rest.substr(0, 4)) + "-" + std::string(rest.substr(5, 2)) +
                        "-" + std::string(rest.substr(8, 2));
        if (plausible(d)) return d;
    }
    return "";
}

// The UTC time of the first of `times` that gives one on the page's day, or "".
std::string time_of(std::initializer_list<std::string> times, const std::string& day) {
    for (const std::string& t : times)
        if (auto parsed = parse_iso_time(t); parsed && parsed->date == day && !parsed->utc.empty())
            return parsed->utc;
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

std::string first_of(std::initializer_list<std::string> values) {
    for (const std::string& v : values)
        if (!v.empty()) return v;
    return "";
}

// Where "Headline | Site" splits, if the last part is short enough to be a site or section
// name (five words at most, the headline at least twice as long); npos otherwise.
std::size_t site_suffix_at(const std::string& title, std::size_t& sep_size) {
    for (std::string_view sep : {" | ", " - ", " – ", " — ", " :: ", " · ", " : "}) {
        std::size_t cut = title.rfind(sep);
        if (cut == std::string::npos) continue;
        std::string_view tail = std::string_view(title).substr(cut + sep.size());
        if (count_words(tail) <= 5 && cut >= 2 * tail.size()) {
            sep_size = sep.size();
            return cut;
        }
    }
    return std::string::npos;
}

std::string squeezed(std::string_view s);

// The headline without the site's name: a short last part, or any last part that is the
// og:site_name ("Spiced Honey Pear Jam Recipe | The Anti-June Cleaver").
std::string strip_site_suffix(const std::string& title, const std::string& site) {
    std::size_t sep = 0, cut = site_suffix_at(title, sep);
    if (cut != std::string::npos) return title.substr(0, cut);
    if (site.empty()) return title;
    for (std::string_view mark : {" | ", " - ", " – ", " — "}) {
        std::size_t at = title.rfind(mark);
        if (at != std::string::npos && at > 0 &&
            squeezed(title.substr(at + mark.size())) == squeezed(site))
            return title.substr(0, at);
    }
    return title;
}

std::string site_suffix(const std::string& title) {
    std::size_t sep = 0, cut = site_suffix_at(title, sep);
    return cut == std::string::npos ? "" : title.substr(cut + sep);
}

// Letters and digits only, lower-cased: "Cleveland.com" and "cleveland" compare by this.
std::string squeezed(std::string_view s) {
    std::string out;
    for (char c : lower(s))
        if (isalnum(static_cast<unsigned char>(c))) out += c;
    return out;
}

// og:site_name as sites write it: an address (the title's suffix names it better), "Name |
// tagline", or a slug ("cleveland") that the <title>'s suffix ("cleveland.com") or the JSON-LD
// publisher spells out in full.
std::string outlet_name(std::string site, const std::string& publisher, const std::string& suffix) {
    if (site.find("://") != std::string::npos) site = suffix.empty() ? domain_of(site) : suffix;
    if (std::size_t bar = site.find(" | "); bar != std::string::npos) site.resize(bar);
    bool slug = !site.empty() && site == lower(site) && site.find(' ') == std::string::npos &&
                site.find('.') == std::string::npos;
    std::string key = squeezed(site);
    if (slug && !suffix.empty() && squeezed(suffix).rfind(key, 0) == 0) return suffix;
    if (slug && !publisher.empty()) return publisher;
    return first_of({site, publisher, suffix});
}

std::string meta(const Tags& tags, const char* key) {
    auto it = tags.meta.find(key);
    return it == tags.meta.end() ? "" : it->second;
}

// The labels of an address's host, without "www": {"hosted", "ap", "org"}.
std::vector<std::string> host_labels(std::string_view url) {
    std::vector<std::string> out;
    std::string host = domain_of(url);
    for (std::size_t at = 0; at <= host.size();) {
        std::size_t dot = std::min(host.find('.', at), host.size());
        out.push_back(host.substr(at, dot - at));
        at = dot + 1;
    }
    return out;
}

// The name the host is registered under: "ap" for hosted.ap.org, "bbc" for bbc.co.uk.
std::string registered_name(const std::vector<std::string>& labels) {
    if (labels.size() < 2) return "";
    std::size_t at = labels.size() - 2;
    if (at > 0 && labels.back().size() == 2 && labels[at].size() <= 3) --at;  // co.uk, com.au
    return labels[at];
}

// How the page's own text writes a name that is one word in an address or a logo
// ("hawaiinewsnow" -> "Hawaii News Now", "Barrons" -> "Barron's"): the most frequent run of up
// to four capitalised words whose letters are the name's, with a space or apostrophe it lacks.
std::string spelled_on_page(const std::string& name, std::string_view text) {
    const std::string key = squeezed(name);
    if (key.size() < 4) return "";
    std::vector<std::string_view> words;  // views into text
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = at;
        while (end < text.size()) {
            if (isalnum(static_cast<unsigned char>(text[end])) || text[end] == '\'')
                ++end;
            else if (text.substr(end, 3) == "\u2019")  // a typographic apostrophe
                end += 3;
            else
                break;
        }
        if (end > at) words.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string letters;
        for (std::size_t n = 0; n < 4 && i + n < words.size(); ++n) {
            if (!isupper(static_cast<unsigned char>(words[i + n][0]))) break;
            letters += squeezed(words[i + n]);
            if (letters.size() < key.size()) continue;
            // The phrase as the page writes it, from its first word to its last.
            const std::string phrase(words[i].data(),
                                     words[i + n].data() + words[i + n].size() - words[i].data());
            const bool apart = phrase.find_first_of(" '") != std::string::npos ||
                               phrase.find("\u2019") != std::string::npos;
            if (letters == key && phrase != name && apart) ++seen[phrase];
            break;
        }
    }
    std::string best;
    for (const auto& [phrase, count] : seen)
        if (best.empty() || count > seen[best]) best = phrase;
    return best;
}

// The outlet from the page's address: as the page writes its registered name, else an acronym
// the site's Twitter handle is (twitter:site @ap: AP), else the host.
std::string outlet_from_address(const std::string& url, const std::string& handle,
                                std::string_view text) {
    const std::string name = registered_name(host_labels(url));
    if (std::string spelled = spelled_on_page(name, text); !spelled.empty()) return spelled;
    const std::string_view h = trim(handle).substr(handle.empty() || handle[0] != '@' ? 0 : 1);
    if (h.size() >= 2 && h.size() <= 4 && squeezed(h) == lower(h)) {
        std::string acronym(h);
        for (char& c : acronym) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
        return acronym;
    }
    return domain_of(url);
}

// "By Ann Lee and Bob Roe" -> {"Ann Lee", "Bob Roe"}; nothing from a byline that is not names
// (a date, "Staff").
std::vector<std::string> byline_names(std::string byline) {
    std::string low = lower(byline);
    if (low.rfind("by ", 0) == 0) byline = byline.substr(3), low = low.substr(3);
    for (const char* joint : {" and ", " & "})
        for (std::size_t at; (at = low.find(joint)) != std::string::npos;) {
            byline.replace(at, std::strlen(joint), ", ");
            low.replace(at, std::strlen(joint), ", ");
        }
    std::vector<std::string> out;
    for (std::string& name : split_authors(byline)) {
        const bool names = !name.empty() && isupper(static_cast<unsigned char>(name[0])) &&
                           name.find_first_of("0123456789@") == std::string::npos &&
                           count_words(name) <= 4;
        if (names) out.push_back(std::move(name));
    }
    return out;
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
    m.title = first_of({strip_site_suffix(meta(tags, "og:title"), meta(tags, "og:site_name")),
                        string_at(ld, "headline"),
                        strip_site_suffix(tags.title, meta(tags, "og:site_name")), tags.h1});
    // A site name that is only the first label of a longer host ("Hosted" on hosted.ap.org)
    // names a service, not the outlet.
    const std::vector<std::string> labels = host_labels(m.url);
    auto outlet_part = [&](std::string s) {
        const bool service = labels.size() > 2 && labels.front() != registered_name(labels);
        return service && squeezed(s) == squeezed(labels.front()) ? std::string() : s;
    };
    std::string page_text;  // root is the document: the text of its elements
    for (unsigned i = 0; i < children(root)->length; ++i)
        page_text += text_of(static_cast<const GumboNode*>(children(root)->data[i])) + " ";
    m.outlet = outlet_name(outlet_part(meta(tags, "og:site_name")), string_at(ld, "publisher"),
                           outlet_part(site_suffix(tags.title)));
    if (m.outlet.find(' ') == std::string::npos)
        if (std::string spelled = spelled_on_page(m.outlet, page_text); !spelled.empty())
            m.outlet = spelled;
    if (m.outlet.empty() || m.outlet == domain_of(m.url))
        m.outlet = outlet_from_address(m.url, meta(tags, "twitter:site"), page_text);
    m.date = first_of({date_of(string_at(ld, "datePublished")),
                       date_of(meta(tags, "article:published_time")), date_of(tags.time),
                       date_of(m.url)});
    m.published = time_of(
        {string_at(ld, "datePublished"), meta(tags, "article:published_time"), tags.time}, m.date);
    m.authors = json_authors(ld);
    if (m.authors.empty() && !meta(tags, "author").empty()) m.authors = {meta(tags, "author")};
    if (m.authors.empty()) m.authors = byline_names(tags.byline);
    m.lang = tags.lang;
    m.json_ld_body = string_at(ld, "articleBody");
    return m;
}

}  // namespace dateline::html
