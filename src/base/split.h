// Splitting a string at a separator: the extraction's data files, names into words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// The pieces of `s` between the `sep`s, empty ones included: "a,,b" -> {"a", "", "b"}, "" -> {""}.
inline std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = s.find(sep, start);
        out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace dateline
