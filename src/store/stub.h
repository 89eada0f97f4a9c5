// Xapian stub files, read the one way every part of Dateline reads them.
#pragma once

#include <string>
#include <vector>

namespace dateline {

// One database line of a stub file: "auto g3" -> {2, "auto", "g3"}.
struct StubLine {
    unsigned number;   // line number in the file, for messages
    std::string type;  // auto, glass, remote, ...
    std::string rest;  // what follows the type: a path, HOST:PORT, :PROGRAM ARGS
};

// The database lines of a stub file as Xapian reads them: blank lines and # comments left out,
// a trailing CR dropped. Throws IndexError (with the errno's text) if it cannot be read;
// `of` names what the stub belongs to in that message ("index /srv/news.db").
std::vector<StubLine> read_stub_lines(const std::string& file, const std::string& of);

}  // namespace dateline
