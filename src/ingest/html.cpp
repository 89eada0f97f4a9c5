// Web pages as articles: decoding, parsing with gumbo, and the choice between the DOM's main
// text and the page's own JSON-LD articleBody.
#include "src/ingest/html.h"

#include <gumbo.h>

#include <memory>
#include <stdexcept>
#include <unordered_set>

#include "schema/schema.h"
#include "src/ingest/html_body.h"
#include "src/ingest/html_dom.h"
#include "src/ingest/html_meta.h"
#include "src/text/text.h"

namespace dateline {

namespace {

std::string charset_after(const std::string& head, std::size_t from) {
    std::size_t i = from;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < head.size() && (isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == '-' || head[end] == '_' || head[end] == ':'))
        ++end;
    return head.substr(i, end - i);
}

Decoded decode_page(std::string_view bytes, const std::string& path, const Report& warn) {
    std::string declared = html_declared_charset(bytes);
    try {
        return decode_text(bytes, declared);
    } catch (const std::runtime_error&) {
        warn(warning_at(path, "unknown charset '" + declared + "' declared; detecting it"));
        return decode_text(bytes, "");
    }
}

// The words of a text (runs of letters and digits, bytes >= 0x80 counted as letters).
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

// JSON-LD articleBody is taken only where the DOM's choice missed part of the article (it is
// under 70% as long), and only if the page shows it: nearly all its words are in the page's
// text. Otherwise the DOM's paragraphs win: sites build articleBody from the same markup,
// tooltips and all, and without its paragraph breaks.
bool body_is_on_page(const std::string& ld_body, const std::string& dom_body,
                     const std::string& page_text) {
    std::vector<std::string> ld = words_of(ld_body);
    if (ld.size() < 30 || words_of(dom_body).size() * 10 >= ld.size() * 7) return false;
    std::vector<std::string> page = words_of(page_text);
    std::unordered_set<std::string> seen(page.begin(), page.end());
    std::size_t found = 0;
    for (const std::string& w : ld) found += seen.count(w);
    return found * 100 >= ld.size() * 95;
}

using Parsed = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

Parsed parse(std::string_view html) {
    return Parsed(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
                  [](GumboOutput* out) { gumbo_destroy_output(&kGumboDefaultOptions, out); });
}

void fill_meta(Article& a, html::PageMeta&& m) {
    a.title = normalize_display(m.title);
    a.source = normalize_display(m.outlet);
    a.date = m.date;
    a.published = m.published;
    a.language = language_tag(m.lang);
    a.url = m.url;
    for (std::string& one : m.authors) a.authors.push_back(normalize_display(one));
}

}  // namespace

std::string html_fragment_text(std::string_view html) {
    const Parsed doc = parse(html);
    return normalize_display(html::fragment_text(doc->root));
}

std::string html_declared_charset(std::string_view bytes) {
    std::string head = html::lower(bytes.substr(0, 4096));
    std::size_t at = head.find("charset=");
    return at == std::string::npos ? "" : charset_after(head, at + 8);
}

Article parse_html_article(std::string_view bytes, const std::string& id, const std::string& path,
                           const Report& warn) {
    Decoded decoded = decode_page(bytes, path, warn);
    if (decoded.replaced)
        warn(warning_at(path, "bytes that are not " + decoded.charset + " replaced by U+FFFD"));
    const Parsed doc = parse(decoded.text);
    Article a;
    a.id = id;
    a.hash = schema::hash_hex(bytes);
    html::PageMeta meta = html::page_meta(doc->document);
    std::string body = html::main_text(doc->document);
    if (!meta.json_ld_body.empty() &&
        body_is_on_page(meta.json_ld_body, body, html::text_of(doc->root)))
        body = meta.json_ld_body;
    a.body = normalize_display(body);
    if (trim(a.body).empty()) throw std::runtime_error("no article text found in the web page");
    fill_meta(a, std::move(meta));
    if (a.title.empty()) {
        warn(warning_at(path, "web page without a title; using the text's first words"));
        std::string_view first = std::string_view(a.body).substr(0, a.body.find('\n'));
        if (first.size() > 80) first = first.substr(0, first.rfind(' ', 80));
        a.title = std::string(first);
    }
    return a;
}

}  // namespace dateline
