// Quotations in a passage's tokens: which marks pair up, and the words between them (internal
// to EntityExtractor, see entities.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "src/ingest/tokens.h"

namespace dateline::extraction {

struct Span {
    std::size_t open, close;  // token indices of the marks; close == tokens.size() if unclosed
};

// Pairs quotation marks; single quotes only count outside double ones (and need a closing
// mark, so a stray apostrophe opens nothing). A double quotation left open runs to the end:
// news copy continues a quotation into the next paragraph without closing it.
// Returns the spans in order of their opening marks and sets `quoted` on the tokens inside.
std::vector<Span> find_quotations(std::vector<Token>& tokens);

// The text between the marks of `span` in `passage` (whose tokens are `toks`), trimmed and
// without trailing commas; "" if nothing is inside.
std::string quotation_text(std::string_view passage, const std::vector<Token>& toks,
                           const Span& span);

// Title case: a capitalised word inside `span`, and no word longer than three bytes that starts
// lower-case ("March of Freedom"; not "con job").
bool is_title_case(const std::vector<Token>& toks, const Span& span);

}  // namespace dateline::extraction
