// Pairing quotation marks: see quotations.h.
#include "src/ingest/quotations.h"

#include <algorithm>
#include <cstdint>

#include "src/text/text.h"

namespace dateline::extraction {

std::vector<Span> find_quotations(std::vector<Token>& tokens) {
    std::vector<Span> spans;
    std::size_t open_double = SIZE_MAX, open_single = SIZE_MAX;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        Token& t = tokens[i];
        bool dbl = t.folded == "\"";
        if (t.type == Tok::Word || t.type == Tok::Punct) continue;
        if (dbl) {
            bool closes =
                open_double != SIZE_MAX &&
                (t.type == Tok::Close || t.type == Tok::Toggle ||
                 (t.text == "\xE2\x80\x9C" && tokens[open_double].text == "\xE2\x80\x9E"));
            if (closes) {
                spans.push_back({open_double, i});
                open_double = SIZE_MAX;
                open_single = SIZE_MAX;
            } else if (t.type != Tok::Close) {
                open_double = i;
                open_single = SIZE_MAX;
            }
        } else if (open_double == SIZE_MAX) {
            if (t.type == Tok::Open) {
                open_single = i;
            } else if (t.type == Tok::Close && open_single != SIZE_MAX) {
                spans.push_back({open_single, i});
                open_single = SIZE_MAX;
            }
        }
    }
    if (open_double != SIZE_MAX && open_double + 1 < tokens.size())
        spans.push_back({open_double, tokens.size()});
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.open < b.open; });
    for (const auto& sp : spans)
        for (std::size_t k = sp.open + 1; k < sp.close && k < tokens.size(); ++k)
            tokens[k].quoted = true;
    return spans;
}

std::string quotation_text(std::string_view passage, const std::vector<Token>& toks,
                           const Span& span) {
    std::size_t text_begin = toks[span.open].end;
    std::size_t text_end = span.close < toks.size() ? toks[span.close].begin : passage.size();
    std::string text(trim(passage.substr(text_begin, text_end - text_begin)));
    while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.pop_back();
    return text;
}

bool is_title_case(const std::vector<Token>& toks, const Span& span) {
    bool capitalised = false;
    for (std::size_t k = span.open + 1; k < span.close && k < toks.size(); ++k) {
        if (toks[k].type != Tok::Word) continue;
        if (!toks[k].cap && toks[k].folded.size() > 3) return false;
        capitalised |= toks[k].cap;
    }
    return capitalised;
}

}  // namespace dateline::extraction
