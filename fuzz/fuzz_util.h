// What the fuzz targets share: checks of the library's stated contracts, which abort (a finding
// for libFuzzer) with a message naming the broken promise.
#pragma once

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/base/report.h"

namespace fuzz {

// Aborts with `what` unless `ok`: libFuzzer saves the input as a crash.
inline void require(bool ok, const char* what, std::string_view detail = {}) {
    if (ok) return;
    std::fprintf(stderr, "fuzz: broken contract: %s [%.*s]\n", what,
                 static_cast<int>(std::min<std::size_t>(detail.size(), 300)), detail.data());
    std::abort();
}

inline bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t length = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(p, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

// Messages go nowhere: the targets look for crashes, not for what is reported.
inline void ignore(const dateline::Problem&) {}

}  // namespace fuzz
