// One JSON Lines record, read without building a JSON document: its top-level strings and
// lists of strings, with bounded nesting. A DOM costs about 80 times a line's size; this costs
// the strings kept.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

struct JsonRecord {
    std::map<std::string, std::string> strings;             // top-level string values
    std::map<std::string, std::vector<std::string>> lists;  // top-level arrays' strings
    std::set<std::string> others;  // keys whose value is neither, nor null (number, object...)
    std::size_t nuls = 0;          // NUL characters removed from the strings kept
};

// Deeper nesting than this is refused before anything is built.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses one line holding a JSON object. Throws InputError saying what is wrong and where
// (invalid JSON at byte N, not an object, nested too deep).
JsonRecord read_json_record(std::string_view line);

}  // namespace dateline
