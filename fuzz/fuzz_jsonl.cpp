// Fuzzes one JSON Lines record: parse_jsonl_line, as `dateline-index import` reads each line.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fuzz/fuzz_util.h"
#include "src/ingest/article.h"
#include "src/ingest/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    dateline::Article article;
    try {
        article = dateline::parse_jsonl_line(line, "fuzz.jsonl:1", fuzz::ignore);
    } catch (const nlohmann::json::exception&) {
        return 0;  // not JSON, or a field of the wrong type: the line is reported and skipped
    } catch (const std::runtime_error&) {
        return 0;  // not an object, no id, no title and no text
    }
    fuzz::require(!article.id.empty(), "parse_jsonl_line: empty id");
    fuzz::require(!article.title.empty(), "parse_jsonl_line: empty title");
    for (const std::string* field :
         {&article.id, &article.title, &article.source, &article.date, &article.url, &article.body})
        fuzz::require(fuzz::valid_utf8(*field), "parse_jsonl_line: field not UTF-8", *field);
    for (const auto& a : article.authors)
        fuzz::require(fuzz::valid_utf8(a), "parse_jsonl_line: author not UTF-8", a);
    fuzz::require(article.date.empty() || dateline::is_iso_date(article.date),
                  "parse_jsonl_line: bad date kept", article.date);
    fuzz::require(article.published.empty() || article.published.size() == 20,
                  "parse_jsonl_line: bad published time", article.published);
    return 0;
}
