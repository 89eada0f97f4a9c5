// dateline-index's command line: its commands and options, their checks, and what to do.
#pragma once

#include <string>
#include <vector>

#include "src/index/index.h"

namespace dateline {

struct IndexCommand {
    enum class Action { Run, Help, Version };
    Action action = Action::Run;
    std::string command;            // build, update, add, remove, import or check
    std::vector<std::string> args;  // its PATHs, FILEs or IDs
    IndexOptions options;
    std::string schema_dir;  // --schema: read instead of the default (see default_schema_dir)
};

// Reads argv. Throws UsageError with the message to print (the program's name not included).
IndexCommand parse_index_command(int argc, char** argv);

// What --help prints.
std::string index_help();

}  // namespace dateline
