// JSON Lines files of articles, as datasets ship them: one object a line, each field under
// its own key or under a key the user names (--field source=outlet).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/base/report.h"
#include "src/ingest/article.h"

namespace dateline {

// What the lines of one file lacked, told once at its end rather than once a line.
struct JsonlTally {
    std::size_t articles = 0, no_source = 0, no_date = 0, no_title = 0;
    std::map<std::string, std::size_t> other_keys;  // string keys no field was read from
};

// Parses one JSON Lines record: an object with id, source, date (YYYY-MM-DD, or an ISO 8601
// time), title, text (or html: a web page, read as web page files are), optional url and
// authors. `where` ("file:line") prefixes warnings. Throws InputError (or std::runtime_error)
// with the reason if the line cannot be indexed; the line is read without building a JSON
// document (json_record.h: nesting bounded, NULs removed). Missing fields are counted in
// `tally` when one is given, and warned about at once when not.
Article parse_jsonl_line(std::string_view line, const std::string& where, const Report& warn,
                         const InputFields& keys = {}, JsonlTally* tally = nullptr);

// Reads a JSON Lines file (plain or .gz; "-" is the standard input). Calls `take` for every
// good line; a bad line is reported with its number and skipped; what the lines lacked is
// warned about once, with counts. Returns the number of lines skipped. Throws
// std::runtime_error if the file cannot be opened.
std::size_t read_jsonl(const std::string& path, const std::function<void(Article&&)>& take,
                       const Report& error, const InputFields& keys = {});

}  // namespace dateline
