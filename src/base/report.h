// What every layer shares: the way problems with input are reported while the work goes on.
#pragma once

#include <functional>
#include <string>

namespace dateline {

// Messages about input, compiler style: "path:line: warning: what; what to do".
using Report = std::function<void(const std::string& message)>;

}  // namespace dateline
