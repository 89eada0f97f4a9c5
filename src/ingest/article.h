// Articles as read from disk: the header-and-body text format and JSON Lines bulk files.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/base/report.h"

namespace dateline {

struct Article {
    std::string id;         // unique in the index; from Id:, the JSONL "id", or the file path
    std::string title;      // never empty for an indexed article
    std::string source;     // outlet name as printed ("France 24")
    std::string date;       // YYYY-MM-DD, or empty if unknown
    std::string published;  // the time given with the date, YYYY-MM-DDTHH:MM:SSZ (UTC), or ""
    std::string language;   // its source's language tag, as language_tag() keeps it, or ""
    std::string url;
    std::vector<std::string> authors;
    // Fields beyond these (a header's Bias:, a JSON Lines "topic", a feed item's categories):
    // the values of those the index declares (InputFields::kept, "category" from feeds).
    std::map<std::string, std::vector<std::string>> fields;
    std::string body;      // UTF-8, paragraphs separated by blank lines (or single newlines)
    std::string origin;    // absolute file path, or "import:" + path for JSONL articles
    std::size_t line = 0;  // its line in a JSON Lines file; 0 for an article file
    std::string hash;      // content hash of what was read, to skip unchanged articles
};

// How input maps to article fields. The keys each field is read from: Without a choice, a field is
// read from its own key, else from the first of the usual other names that holds a string
// (kJsonlKeys in jsonl.cpp: "outlet" or "publisher" for source, "headline" for title, "content" for
// text...).
struct InputFields {
    std::map<std::string, std::string> chosen;  // field -> the only key it is read from
    // The fields declared at build time (--facet, --filter): header keys and JSON Lines keys of
    // these names are kept in Article::fields rather than warned about or dropped.
    std::vector<std::string> kept;

    // Takes "FIELD=KEY" (--field). Throws InputError for a field articles do not have
    // (id, title, source, date, url, authors, text, html) or a malformed choice.
    void choose(std::string_view field_equals_key);
    // The fields that can be mapped, for messages and --help.
    static std::string fields();
};

// A language tag's primary subtag, lower-cased: "en" for "en-US" or "EN_gb", "" for anything
// that is not two or three letters before a '-' or '_'.
std::string language_tag(std::string_view tag);

// True if text is a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// Parses one article file's bytes. `id` is the default id (derived from the path) and `path`
// is used in messages. Header keys: Title, Source, Date, URL, Author, Id. A file without a
// header keeps its first line as title. Throws std::runtime_error if nothing can be indexed
// (empty or binary file); warnings about recoverable problems go to `warn`.
Article parse_article(std::string_view bytes, const std::string& id, const std::string& path,
                      const Report& warn, const InputFields& input = {});

// Authors as one field writes them: "Ann Lee, Bob Roe; Cy Doe".
std::vector<std::string> split_authors(std::string_view text);

// The first non-empty line of a text, cut at a word boundary near `limit` bytes (never inside
// a UTF-8 character): the title of an article that has none.
std::string first_line(std::string_view text, std::size_t limit);

}  // namespace dateline
