// Fuzzes page-furniture removal: the shipped rules over fuzzed text (paragraphs, judge), and rules
// parsed from fuzzed text (a user's edited schema/furniture.txt) applied to the same text.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "src/ingest/passages.h"

namespace {

std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

void check(const std::vector<std::string>& paragraphs) {
    for (const auto& p : paragraphs) fuzz::require(!p.empty(), "paragraphs: an empty paragraph");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const dateline::FurnitureFilter& standard = dateline::FurnitureFilter::standard();
    check(standard.paragraphs(text, first_line(text)));
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t end = std::min(text.find('\n', pos), text.size());
        standard.judge(text.substr(pos, end - pos));
        pos = end + 1;
    }
    // The same bytes as a rules file: bad lines are reported and skipped, never thrown.
    dateline::FurnitureFilter custom(text, fuzz::ignore);
    check(custom.paragraphs(text, first_line(text)));
    return 0;
}
