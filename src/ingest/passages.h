// From article body to passages: page furniture removed, paragraphs found, long ones split at
// sentence boundaries (ICU).
#pragma once

#include <unicode/brkiter.h>
#include <unicode/regex.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "src/ingest/article.h"

namespace dateline {

// Lines that belong to the web page, not the article. Rules come from schema/furniture.txt
// ("drop: REGEX", "end: REGEX"); the general rules (a line printed twice in a row and the
// caption under it, short lines that are not sentences, the title repeated) are built in.
class FurnitureFilter {
  public:
    // Parses rules; a bad line is reported through `error` ("rules:LINE: error: ...") and skipped.
    FurnitureFilter(std::string_view rules, const Report& error);
    // The rules shipped in schema/furniture.txt.
    static const FurnitureFilter& standard();

    enum class Verdict { Keep, Drop, End };
    Verdict judge(std::string_view line) const;

    // The article's paragraphs with furniture removed: blocks split by blank lines; a block
    // whose lines are hard-wrapped is one paragraph, otherwise each line is one.
    std::vector<std::string> paragraphs(std::string_view body, std::string_view title) const;

  private:
    std::vector<std::unique_ptr<icu::RegexPattern>> drop_;
    std::vector<std::unique_ptr<icu::RegexPattern>> end_;
};

struct Passage {
    unsigned ordinal;  // 0 = the title, then body passages in reading order
    std::string text;
};

// Splits articles into passages. Holds an ICU sentence iterator: one per thread.
class PassageSplitter {
  public:
    static constexpr std::size_t kMaxWords = 120;  // a longer paragraph is split into sentences

    explicit PassageSplitter(const FurnitureFilter& furniture = FurnitureFilter::standard());
    ~PassageSplitter();

    // Title first (ordinal 0), then the body's passages. Text is display-normalised.
    std::vector<Passage> split(const Article& article);

    // Sentences of one paragraph, in order, trimmed.
    std::vector<std::string> sentences(std::string_view paragraph);

  private:
    void split_paragraph(const std::string& paragraph, std::vector<std::string>& out);

    const FurnitureFilter& furniture_;
    std::unique_ptr<icu::BreakIterator> sentence_;
    std::unordered_set<std::string> abbreviations_;  // schema/abbreviations.txt
};

// The wire-copy signature of a passage: the kCopyHashes least hashes of the word 3-shingles of
// its opening kCopyWords words (lower-cased, punctuation ignored), hashed into one 64-bit key
// written as 16 hex digits. Outlets reprinting an agency paragraph keep its opening and cut or
// extend its end ("..., he said." / "..., he said, adding that ..."), so the opening is what
// copies share. Exact copies always share the key; edited ones less often; unrelated passages
// sharing a phrase almost never (bench/copies.sh measures it). "" for a passage under
// kMinCopyWords words: short lines ("He said.") are too alike to be called copies.
inline constexpr std::size_t kCopyWords = 16;
inline constexpr std::size_t kMinCopyWords = 8;
inline constexpr std::size_t kCopyHashes = 4;
std::string copy_key(std::string_view text);

}  // namespace dateline
