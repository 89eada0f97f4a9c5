// Articles as read from disk: the header-and-body text format and JSON Lines bulk files.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/base/report.h"

namespace dateline {

struct Article {
    std::string id;      // unique in the index; from Id:, the JSONL "id", or the file path
    std::string title;   // never empty for an indexed article
    std::string source;  // outlet name as printed ("France 24")
    std::string date;    // YYYY-MM-DD, or empty if unknown
    std::string url;
    std::vector<std::string> authors;
    std::string body;      // UTF-8, paragraphs separated by blank lines (or single newlines)
    std::string origin;    // absolute file path, or "import:" + path for JSONL articles
    std::size_t line = 0;  // its line in a JSON Lines file; 0 for an article file
    std::string hash;      // content hash of what was read, to skip unchanged articles
};

// True if text is a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// Parses one article file's bytes. `id` is the default id (derived from the path) and `path`
// is used in messages. Header keys: Title, Source, Date, URL, Author, Id. A file without a
// header keeps its first line as title. Throws std::runtime_error if nothing can be indexed
// (empty or binary file); warnings about recoverable problems go to `warn`.
Article parse_article(std::string_view bytes, const std::string& id, const std::string& path,
                      const Report& warn);

// Parses one JSON Lines record: an object with id, source, date, title, text (or body),
// optional url and authors. `where` ("file:line") prefixes warnings. Throws InputError (or
// std::runtime_error) with the reason if the line cannot be indexed; the line is read without
// building a JSON document (src/ingest/json_record.h: nesting bounded, NULs removed).
Article parse_jsonl_line(std::string_view line, const std::string& where, const Report& warn);

// Reads a JSON Lines file (plain or .gz): one object per line with id, source, date, title,
// text (or body), optional url and authors. Calls `take` for every good line; a bad line is
// reported with its number and skipped. Returns the number of lines skipped. Throws
// std::runtime_error if the file cannot be opened.
std::size_t read_jsonl(const std::string& path, const std::function<void(Article&&)>& take,
                       const Report& error);

}  // namespace dateline
