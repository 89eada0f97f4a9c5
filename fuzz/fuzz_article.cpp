// Fuzzes the whole article path: parse_article, then passages and entities, as the indexer runs.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "fuzz/fuzz_util.h"
#include "src/ingest/article.h"
#include "src/ingest/entities.h"
#include "src/ingest/passages.h"

namespace {
dateline::PassageSplitter* splitter;
const dateline::EntityExtractor* extractor;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // The gazetteer and word lists load once (a second or so), not per input.
    splitter = new dateline::PassageSplitter();
    extractor = new dateline::EntityExtractor();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    dateline::Article article;
    try {
        article = dateline::parse_article(bytes, "fuzz", "fuzz.txt", fuzz::ignore);
    } catch (const std::runtime_error&) {
        return 0;  // the stated way to refuse a file: empty or binary
    }
    fuzz::require(!article.title.empty(), "parse_article: empty title");
    for (const std::string* field :
         {&article.title, &article.source, &article.date, &article.url, &article.body, &article.id})
        fuzz::require(fuzz::valid_utf8(*field), "parse_article: field not UTF-8", *field);
    fuzz::require(article.date.empty() || dateline::is_iso_date(article.date),
                  "parse_article: bad date kept", article.date);

    std::vector<dateline::Passage> passages = splitter->split(article);
    fuzz::require(!passages.empty() && passages[0].ordinal == 0, "split: no title passage");
    for (std::size_t i = 0; i < passages.size(); ++i) {
        fuzz::require(passages[i].ordinal == i, "split: ordinals not 0, 1, 2...");
        fuzz::require(fuzz::valid_utf8(passages[i].text), "split: passage not UTF-8",
                      passages[i].text);
    }
    std::vector<dateline::PassageEntities> entities = extractor->extract(passages);
    fuzz::require(entities.size() == passages.size(), "extract: one result per passage");
    for (const auto& e : entities) {
        for (const auto& q : e.quotes)
            fuzz::require(fuzz::valid_utf8(q.text) && fuzz::valid_utf8(q.speaker),
                          "extract: quotation not UTF-8", q.text);
        for (const auto* names : {&e.speakers, &e.locations})
            for (const auto& n : *names)
                fuzz::require(!n.empty() && fuzz::valid_utf8(n), "extract: bad name", n);
    }
    return 0;
}
