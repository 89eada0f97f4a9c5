// RSS and Atom feeds, parsed by libxml2 (never fetching anything: XML_PARSE_NONET, no DTD
// loaded), each item made an article; HTML content read by gumbo as web pages are.
#include "src/ingest/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <stdexcept>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/ingest/html.h"
#include "src/ingest/times.h"
#include "src/text/text.h"

namespace dateline {

namespace {

using Doc = std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)>;

bool named(const xmlNode* node, const char* name) {
    return node->type == XML_ELEMENT_NODE &&
           xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

const xmlNode* first_child(const xmlNode* parent, const char* name) {
    for (const xmlNode* c = parent->children; c; c = c->next)
        if (named(c, name)) return c;
    return nullptr;
}

// libxml2's text as UTF-8: in recovery from an error it can pass bytes that are not.
std::string utf8_of(const xmlChar* text) {
    std::string out;
    if (text) to_valid_utf8(reinterpret_cast<const char*>(text), out);
    return out;
}

// All text below an element, entities and CDATA decoded.
std::string content_of(const xmlNode* node) {
    if (!node) return "";
    std::unique_ptr<xmlChar, void (*)(void*)> text(xmlNodeGetContent(node), xmlFree);
    return utf8_of(text.get());
}

std::string child_text(const xmlNode* parent, const char* name) {
    return std::string(trim(content_of(first_child(parent, name))));
}

std::string attribute(const xmlNode* node, const char* name) {
    std::unique_ptr<xmlChar, void (*)(void*)> value(
        xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)), xmlFree);
    return utf8_of(value.get());
}

// An element's children written out as markup (Atom's type="xhtml" content).
std::string inner_markup(const xmlNode* node) {
    std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buffer(xmlBufferCreate(), xmlBufferFree);
    for (const xmlNode* c = node->children; c; c = c->next)
        xmlNodeDump(buffer.get(), c->doc, const_cast<xmlNode*>(c), 0, 0);
    return utf8_of(xmlBufferContent(buffer.get()));
}

// The item's text: content:encoded or Atom content, else the description or summary.
std::string item_text(const xmlNode* item) {
    for (const char* name : {"encoded", "content", "description", "summary"}) {
        const xmlNode* node = first_child(item, name);
        if (!node) continue;
        const std::string type = attribute(node, "type");
        std::string text;
        if (type == "xhtml")
            text = html_fragment_text(inner_markup(node));
        else if (type == "text")
            text = normalize_display(content_of(node));
        else
            text = html_fragment_text(content_of(node));  // RSS and Atom html: escaped markup
        if (!trim(text).empty()) return text;
    }
    return "";
}

// RSS <link>text</link>, or Atom's <link rel="alternate" href=...> (rel may be absent).
std::string item_link(const xmlNode* item) {
    for (const xmlNode* c = item->children; c; c = c->next) {
        if (!named(c, "link")) continue;
        const std::string href = attribute(c, "href");
        const std::string rel = attribute(c, "rel");
        if (href.empty()) return std::string(trim(content_of(c)));
        if (rel.empty() || rel == "alternate") return href;
    }
    return "";
}

// RSS <author> ("desk@example.com (Ann Lee)"), dc:creator, Atom's <author><name>.
std::vector<std::string> item_authors(const xmlNode* item) {
    std::vector<std::string> out;
    for (const xmlNode* c = item->children; c; c = c->next) {
        std::string name;
        if (named(c, "creator")) name = content_of(c);
        if (named(c, "author"))
            name = first_child(c, "name") ? child_text(c, "name") : content_of(c);
        const std::size_t open = name.find('('), close = name.rfind(')');
        if (name.find('@') != std::string::npos && open != std::string::npos && close > open)
            name = name.substr(open + 1, close - open - 1);
        for (std::string& one : split_authors(normalize_display(name)))
            if (one.find('@') == std::string::npos) out.push_back(std::move(one));
    }
    return out;
}

void take_time(const xmlNode* item, Article& a) {
    for (const char* name : {"pubDate", "published", "date", "updated"})
        if (auto t = parse_published(child_text(item, name))) {
            a.date = t->date;
            a.published = t->utc;
            return;
        }
}

Article item_article(const xmlNode* item, const std::string& outlet, const std::string& language,
                     std::size_t number, const std::string& path) {
    Article a;
    a.language = language;
    a.title = normalize_display(child_text(item, "title"));
    a.url = item_link(item);
    a.id = child_text(item, "guid");
    if (a.id.empty()) a.id = child_text(item, "id");
    if (a.id.empty()) a.id = a.url;
    if (a.id.empty()) a.id = path + "#" + std::to_string(number);
    a.source = outlet;
    take_time(item, a);
    a.authors = item_authors(item);
    for (const xmlNode* c = item->children; c; c = c->next)  // a field an index may declare
        if (named(c, "category") && !trim(content_of(c)).empty())
            a.fields["category"].push_back(normalize_display(trim(content_of(c))));
    a.body = item_text(item);
    if (a.title.empty() && trim(a.body).empty())
        throw InputError("item " + std::to_string(number) + " has no title and no text");
    if (a.title.empty()) a.title = first_line(a.body, 120);
    a.line = static_cast<std::size_t>(xmlGetLineNo(item));
    a.hash = schema::hash_hex(a.id + "\n" + a.title + "\n" + a.url + "\n" + a.published + "\n" +
                              a.date + "\n" + a.body);
    return a;
}

// libxml2 prints some errors (a bad encoding) through its generic handler whatever the parse
// options say: the feed's problems are ours to report, once, in our words.
void quiet(void*, const char*, ...) {}

// The feed's tree, recovered as far as it goes. A feed that is not well-formed (cut short by a
// download, a stray byte) sets `damage` to libxml2's error: "line 12: ...".
Doc parse_feed(std::string_view bytes, const std::string& path, std::string& damage) {
    xmlSetGenericErrorFunc(nullptr, quiet);  // per thread in libxml2
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                        XML_PARSE_RECOVER | XML_PARSE_NOCDATA;
    std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(),
                                                                    xmlFreeParserCtxt);
    if (!ctxt) throw std::bad_alloc();
    Doc doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                              path.c_str(), nullptr, options),
            xmlFreeDoc);
    if (!doc || !xmlDocGetRootElement(doc.get()))
        throw InputError("not well-formed XML; not read as a feed");
    if (!ctxt->wellFormed) {
        const xmlError* e = xmlCtxtGetLastError(ctxt.get());
        damage =
            "line " + std::to_string(e ? e->line : 0) + ": " +
            std::string(trim(e && e->message ? utf8_of(reinterpret_cast<const xmlChar*>(e->message))
                                             : "not well-formed"));
    }
    return doc;
}

}  // namespace

std::size_t read_feed(std::string_view bytes, const std::string& path,
                      const std::function<void(Article&&)>& take, const Report& report) {
    std::string damage;
    const Doc doc = parse_feed(bytes, path, damage);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!named(root, "rss") && !named(root, "feed") && !named(root, "RDF"))
        throw InputError("XML, but not an RSS or Atom feed (its root is <" + utf8_of(root->name) +
                         ">)");
    const xmlNode* channel = first_child(root, "channel");
    // The outlet: the channel's title (RSS), or the feed's (Atom, which has no channel).
    const std::string outlet = normalize_display(child_text(channel ? channel : root, "title"));
    // The channel's <language> (RSS), else the feed's xml:lang (Atom).
    std::string language = language_tag(child_text(channel ? channel : root, "language"));
    if (language.empty()) {
        std::unique_ptr<xmlChar, void (*)(void*)> lang(xmlNodeGetLang(root), xmlFree);
        language = language_tag(utf8_of(lang.get()));
    }
    // RSS 2.0 holds its items in the channel; RSS 1.0 and Atom at the top.
    const xmlNode* items = named(root, "rss") && channel ? channel : root;
    std::size_t number = 0, skipped = 0;
    for (const xmlNode* c = items->children; c; c = c->next) {
        if (!named(c, "item") && !named(c, "entry")) continue;
        Article a;
        try {
            a = item_article(c, outlet, language, ++number, path);
        } catch (const std::exception& e) {
            report(error_at(path + ":" + std::to_string(xmlGetLineNo(c)),
                            reason(e) + "; item skipped"));
            ++skipped;
            continue;
        }
        take(std::move(a));
    }
    if (!damage.empty()) {  // cut short, perhaps: what it held before may be indexed
        report(error_at(path, "not well-formed XML (" + damage +
                                  "); the items read from it are indexed, and none indexed from "
                                  "it before is removed; fetch or repair the feed"));
        ++skipped;
    }
    return skipped;
}

}  // namespace dateline
