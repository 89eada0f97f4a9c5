// Fuzzes a feed file: read_feed, as dateline-index reads an RSS or Atom file, item by item.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "fuzz/fuzz_util.h"
#include "src/ingest/article.h"
#include "src/ingest/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto check = [](dateline::Article&& a) {
        fuzz::require(!a.id.empty(), "read_feed: empty id");
        fuzz::require(!a.title.empty(), "read_feed: empty title");
        for (const std::string* field : {&a.id, &a.title, &a.source, &a.url, &a.body})
            fuzz::require(fuzz::valid_utf8(*field), "read_feed: field not UTF-8", *field);
        fuzz::require(a.date.empty() || dateline::is_iso_date(a.date), "read_feed: bad date",
                      a.date);
        fuzz::require(a.published.empty() || a.published.size() == 20,
                      "read_feed: bad published time", a.published);
    };
    try {
        dateline::read_feed(bytes, "fuzz.rss", check, fuzz::ignore);
    } catch (const std::runtime_error&) {
        return 0;  // not XML, or XML that is no feed: the file is reported and skipped
    }
    return 0;
}
