// Neutralising terminal controls in printed fields.
#include "src/text/terminal.h"

#include "src/text/text.h"

namespace dateline {

std::string for_terminal(std::string_view text) {
    std::string valid;
    to_valid_utf8(text, valid);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(valid[i]);
        unsigned char next = i + 1 < valid.size() ? static_cast<unsigned char>(valid[i + 1]) : 0;
        if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            out += ' ';
        } else if (c < 0x20 || c == 0x7f) {
            out += '?';
        } else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {  // U+0080..U+009F
            out += '?';
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace dateline
