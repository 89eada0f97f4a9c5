// Furniture removal, paragraph detection and sentence-bounded passage splitting.
#include "src/ingest/passages.h"

#include <unicode/filteredbrk.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "schema/schema.h"
#include "src/text/text.h"

namespace dateline {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(trim(text.substr(pos, end - pos)));
        pos = end + 1;
    }
    return lines;
}

bool ends_sentence(std::string_view line) {
    for (std::string_view end : {".", "!", "?", "\"", "'", ":", "\u201D", "\u2019", "\u2026", ")"})
        if (line.size() >= end.size() && line.substr(line.size() - end.size()) == end) return true;
    return false;
}

// Longer lines are article text, never matched against the furniture patterns.
constexpr std::size_t kMaxFurnitureBytes = 320;

// Fewer words than this, and no sentence ending: a caption, a label, an age stamp.
constexpr std::size_t kMinSentenceWords = 4;

// Lines of a paper-like hard-wrapped block: all but the last of similar, moderate length.
bool looks_hard_wrapped(const std::vector<std::string_view>& lines) {
    if (lines.size() < 2) return false;
    std::size_t open_ends = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i].size() < 30 || lines[i].size() > 100) return false;
        if (!ends_sentence(lines[i])) ++open_ends;
    }
    return open_ends * 2 >= lines.size() - 1;
}

bool matches(const icu::RegexPattern& pattern, const icu::UnicodeString& line) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(line, status));
    return U_SUCCESS(status) && m->matches(status) && U_SUCCESS(status);
}

}  // namespace

FurnitureFilter::FurnitureFilter(std::string_view rules, const Report& error) {
    std::size_t line_no = 0;
    for (std::string_view line : split_lines(rules)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::size_t colon = line.find(':');
        std::string_view kind = colon == std::string_view::npos ? "" : line.substr(0, colon);
        std::string where = "furniture rules:" + std::to_string(line_no);
        if (kind != "drop" && kind != "end") {
            error(error_at(where, "expected 'drop: REGEX' or 'end: REGEX'; rule ignored"));
            continue;
        }
        std::string_view regex = trim(line.substr(colon + 1));
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(icu::StringPiece(regex.data(), regex.size())),
            UREGEX_CASE_INSENSITIVE, parse_error, status));
        if (U_FAILURE(status)) {
            error(error_at(where, std::string("bad regular expression (") + u_errorName(status) +
                                      "); rule ignored"));
            continue;
        }
        (kind == "drop" ? drop_ : end_).push_back(std::move(pattern));
    }
}

const FurnitureFilter& FurnitureFilter::standard() {
    static const FurnitureFilter filter(schema::kFurniturePatterns, [](const Problem& p) {
        throw std::logic_error("schema/furniture.txt: " + p.message());
    });
    return filter;
}

FurnitureFilter::Verdict FurnitureFilter::judge(std::string_view line) const {
    // Boilerplate is a short line; paragraphs of article text (most lines) skip the patterns.
    if (line.size() > kMaxFurnitureBytes) return Verdict::Keep;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), line.size()));
    for (const auto& p : end_)
        if (matches(*p, u)) return Verdict::End;
    for (const auto& p : drop_)
        if (matches(*p, u)) return Verdict::Drop;
    if (count_words(line) < kMinSentenceWords && !ends_sentence(line)) return Verdict::Drop;
    return Verdict::Keep;
}

std::vector<std::string> FurnitureFilter::paragraphs(std::string_view body,
                                                     std::string_view title) const {
    std::vector<std::string_view> lines = split_lines(body);
    std::vector<std::string> out;
    std::vector<std::string_view> block;
    auto flush = [&] {
        if (looks_hard_wrapped(block)) {
            std::string joined;
            for (auto l : block) joined += (joined.empty() ? "" : " ") + std::string(l);
            out.push_back(std::move(joined));
        } else {
            for (auto l : block) out.emplace_back(l);
        }
        block.clear();
    };
    std::string_view previous;  // the last non-blank line, for doubled lines
    bool first_text_line = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (line.empty()) {
            flush();
            continue;
        }
        bool doubled = line == previous;
        previous = line;
        if (first_text_line && line == trim(title)) {
            first_text_line = false;
            continue;
        }
        first_text_line = false;
        if (doubled) {
            // A photo caption: its label printed twice, then the caption text in the same block.
            if (!block.empty() && block.back() == line) block.pop_back();
            if (i + 1 < lines.size() && !lines[i + 1].empty()) previous = lines[++i];
            continue;
        }
        // The label of a caption is removed when its twin turns up on the next line.
        Verdict verdict = judge(line);
        bool twin_follows = i + 1 < lines.size() && lines[i + 1] == line;
        if (verdict == Verdict::End) break;
        if (verdict == Verdict::Drop && !twin_follows) continue;
        block.push_back(line);
    }
    flush();
    return out;
}

PassageSplitter::PassageSplitter(const FurnitureFilter& furniture) : furniture_(furniture) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale english("en");
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(english, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no sentence break filter");
    for (std::string_view abbreviation : split_lines(schema::kAbbreviations)) {
        if (abbreviation.empty() || abbreviation[0] == '#') continue;
        abbreviations_.emplace(abbreviation);
        builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(
                                        icu::StringPiece(abbreviation.data(), abbreviation.size())),
                                    status);
        status = U_ZERO_ERROR;  // a duplicate of ICU's own list is not an error for us
    }
    icu::BreakIterator* base = icu::BreakIterator::createSentenceInstance(english, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no sentence break iterator");
    sentence_.reset(builder->wrapIteratorWithFilter(base, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot filter sentence breaks");
}

PassageSplitter::~PassageSplitter() = default;

std::vector<std::string> PassageSplitter::sentences(std::string_view paragraph) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(paragraph.data(), paragraph.size()));
    sentence_->setText(u);
    std::vector<std::string> out;
    int32_t start = sentence_->first();
    for (int32_t end = sentence_->next(); end != icu::BreakIterator::DONE;
         start = end, end = sentence_->next()) {
        std::string s;
        u.tempSubStringBetween(start, end).toUTF8String(s);
        std::string_view t = trim(s);
        if (t.empty()) continue;
        // ICU 72's filter misses abbreviations with inner stops ("U.S.") and some others
        // ("Lt."): a "sentence" ending in one continues into the next.
        if (!out.empty()) {
            const std::string& last = out.back();
            std::size_t space = last.find_last_of(' ');
            std::string last_word = space == std::string::npos ? last : last.substr(space + 1);
            if (abbreviations_.count(last_word)) {
                out.back() += " " + std::string(t);
                continue;
            }
        }
        out.emplace_back(t);
    }
    return out;
}

void PassageSplitter::split_paragraph(const std::string& paragraph, std::vector<std::string>& out) {
    std::size_t words = count_words(paragraph);
    if (words <= kMaxWords) {
        out.push_back(paragraph);
        return;
    }
    // Even chunks of whole sentences, none over kMaxWords unless one sentence is.
    std::size_t chunks = (words + kMaxWords - 1) / kMaxWords;
    std::size_t target = (words + chunks - 1) / chunks;
    std::string current;
    std::size_t current_words = 0;
    auto close = [&] {
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
        current_words = 0;
    };
    for (std::string& sentence : sentences(paragraph)) {
        std::size_t n = count_words(sentence);
        if (current_words > 0 && current_words + n > kMaxWords) close();
        if (n > 2 * kMaxWords) {
            // A run-on "sentence" (lists, missing punctuation): cut it at word boundaries.
            std::string_view rest = sentence;
            while (!rest.empty()) {
                std::size_t cut = 0, seen = 0;
                while (cut < rest.size() && seen < kMaxWords) {
                    cut = rest.find(' ', cut + 1);
                    if (cut == std::string_view::npos) cut = rest.size();
                    ++seen;
                }
                out.emplace_back(trim(rest.substr(0, cut)));
                rest = trim(rest.substr(std::min(cut, rest.size())));
            }
            continue;
        }
        current += (current.empty() ? "" : " ") + sentence;
        current_words += n;
        if (current_words >= target) close();
    }
    close();
}

std::vector<Passage> PassageSplitter::split(const Article& article) {
    std::string title = normalize_display(article.title);
    std::string body = normalize_display(article.body);
    std::vector<std::string> texts;
    for (const std::string& paragraph : furniture_.paragraphs(body, title))
        split_paragraph(paragraph, texts);
    std::vector<Passage> passages;
    passages.push_back({0, title});
    for (auto& t : texts)
        passages.push_back({static_cast<unsigned>(passages.size()), std::move(t)});
    return passages;
}

std::string copy_key(std::string_view text) {
    // Words: runs of ASCII letters and digits or non-ASCII bytes, ASCII lower-cased.
    std::vector<std::uint64_t> words;
    std::uint64_t hash = 0;
    bool in_word = false;
    constexpr std::uint64_t kOffset = 14695981039346656037ULL, kPrime = 1099511628211ULL;
    auto byte = [&](std::size_t i) {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        unsigned char c = i < text.size() ? byte(i) : ' ';
        // Typographic punctuation separates words as ASCII does: U+00A0-U+00BF (no-break space,
        // guillemets) and U+2010-U+203F (dashes, curly quotes and apostrophes, ellipsis), so
        // "“NATO" and "\"NATO" are one word.
        std::size_t skip = 0;
        if (c == 0xC2 && byte(i + 1) >= 0xA0 && byte(i + 1) <= 0xBF) skip = 1;
        if (c == 0xE2 && byte(i + 1) == 0x80 && byte(i + 2) >= 0x90 && byte(i + 2) <= 0xBF)
            skip = 2;
        if (skip) c = ' ';
        bool word_byte = c >= 0x80 || std::isalnum(c);
        if (word_byte) {
            if (!in_word) hash = kOffset;
            hash = (hash ^ static_cast<unsigned char>(std::tolower(c))) * kPrime;
            in_word = true;
        } else if (in_word) {
            words.push_back(hash);
            in_word = false;
            if (words.size() == kCopyWords) break;
        }
        i += skip;
    }
    if (words.size() < kMinCopyWords) return "";
    // A 64-bit mix of each shingle's hash.
    auto mix = [](std::uint64_t x) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        x ^= x >> 33;
        return x;
    };
    // The kCopyHashes least hashes of the shingles (a bottom-k sketch): a phrase two unrelated
    // passages share cannot make their keys equal on its own, as it could a single min-hash.
    std::vector<std::uint64_t> hashes;
    for (std::size_t i = 0; i + 2 < words.size(); ++i)
        hashes.push_back(
            mix((words[i] * 31 * 31 + words[i + 1] * 31 + words[i + 2]) ^ 0x9e3779b97f4a7c15ULL));
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    if (hashes.size() > kCopyHashes) hashes.resize(kCopyHashes);
    // The sketch as one 64-bit hash: every matching passage's key is read to count the results
    // once copies fold, so its size is read time (16 hex digits rather than 64).
    std::uint64_t key = hashes.size();
    for (std::uint64_t h : hashes) key = mix(key * kPrime + h);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(key));
    return hex;
}

}  // namespace dateline
