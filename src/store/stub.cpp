// Reading stub files.
#include "src/store/stub.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "src/base/errors.h"

namespace dateline {

std::vector<StubLine> read_stub_lines(const std::string& file, const std::string& of) {
    std::ifstream in(file);
    if (!in)
        throw IndexError("cannot read the stub file " + file + " of " + of + " (" +
                         std::strerror(errno) + "); check its permissions");
    std::vector<StubLine> lines;
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::size_t space = line.find(' ');
        lines.push_back({number, line.substr(0, space),
                         space == std::string::npos ? "" : line.substr(space + 1)});
    }
    if (in.bad())
        throw IndexError("cannot read the stub file " + file + " of " + of + " (" +
                         std::strerror(errno) + ")");
    return lines;
}

}  // namespace dateline
