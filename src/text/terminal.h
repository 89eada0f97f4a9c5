// Text made safe to print on a terminal.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// `text` with nothing a terminal would act on: control characters (C0, DEL, C1: ESC, BEL, the
// start of OSC and CSI sequences, NUL) become '?', as `ls` shows them, and tabs and line
// breaks become spaces, so a field cannot set the terminal's title, clear the screen, plant a
// link or forge another line. Invalid UTF-8 becomes U+FFFD. Printable text is unchanged.
std::string for_terminal(std::string_view text);

}  // namespace dateline
