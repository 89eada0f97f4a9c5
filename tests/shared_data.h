// The corpora of ../shared (read-only, beside the repo, not in it) for the end-to-end tests, and
// the one decision about a case that needs them when they are absent.
//   DATELINE_SHARED=DIR  read DIR instead of ../shared (e.g. a path that does not exist, to
//                        see the cases skip)
//   CI=true (or 1)       a missing file fails the case: a CI run never passes without them
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace shared_data {

inline std::filesystem::path root() {
    const char* dir = std::getenv("DATELINE_SHARED");
    if (dir && *dir) return dir;
    return (std::filesystem::path(DATELINE_SOURCE_DIR) / ".." / "shared").lexically_normal();
}

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && (std::string(ci) == "true" || std::string(ci) == "1");
}

// True when `path` exists: the calling case goes on. If not, under CI=true the case fails here;
// otherwise it prints a "skipped:" line naming itself and the path, and returns false for the
// case to return at once. ctest reports such a case as Skipped (tests/CMakeLists.txt matches
// that line); run directly, the line shows among doctest's messages.
inline bool present(const std::filesystem::path& path) {
    if (std::filesystem::exists(path)) return true;
    const std::string name = doctest::getContextOptions()->currentTest->m_name;
    if (in_ci()) {
        FAIL("\"" << name << "\" needs " << path << ", which is absent (CI=true: not a skip)");
        return false;  // with doctest's --no-throw only; FAIL ends the case
    }
    MESSAGE("skipped: \"" << name << "\" needs " << path
                          << ", which is absent (../shared beside the repo, or DATELINE_SHARED)");
    return false;
}

}  // namespace shared_data
