// What both programs' command lines share: options anywhere, the other words in order.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace dateline {

// Parses argv against `options`; every word that is not an option (before or after options)
// goes to `words`, in order. Throws boost::program_options::error for an unknown or bad option.
boost::program_options::variables_map parse_command_line(
    int argc, char** argv, const boost::program_options::options_description& options,
    std::vector<std::string>& words);

// "dateline-index 0.6.0" and the like: what --version prints (help2man reads it).
std::string version_line(const std::string& program);

}  // namespace dateline
