// Command-line parsing shared by dateline-index and dateline-search.
#include "src/cli/cli.h"

#include <xapian.h>

namespace po = boost::program_options;

namespace dateline {

po::variables_map parse_command_line(int argc, char** argv, const po::options_description& options,
                                     std::vector<std::string>& words) {
    po::options_description all;
    all.add(options).add_options()("words", po::value(&words));
    po::positional_options_description positional;
    positional.add("words", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    return vm;
}

std::string version_line(const std::string& program) {
    return program + " " + DATELINE_VERSION + " (Xapian " + Xapian::version_string() + ")";
}

}  // namespace dateline
