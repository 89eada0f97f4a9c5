// dateline-search's command line: its options, their checks, and what it is asked to do.
#pragma once

#include <string>
#include <vector>

#include "src/search/search.h"

namespace dateline {

enum class OutputFormat { Text, Json, Csv, Tsv };
// --color: bold matches in text output; auto on a terminal unless NO_COLOR is set.
enum class Colour { Auto, Always, Never };

struct SearchCommand {
    enum class Action { Search, Quotes, Article, Stats, Values, Choices, Help, Version };
    Action action = Action::Search;
    SearchRequest request;
    OutputFormat format = OutputFormat::Text;
    Colour colour = Colour::Auto;
    bool histogram = false;  // --histogram: the date facet as bars
    std::string values_of;   // --values FIELD: a facet field's name
    std::string choices_of;  // --choices OPTION: an option with a fixed list of values
    std::string article_id;  // --article ID
};

// Reads argv. Throws UsageError with the message to print (the program's name not included).
SearchCommand parse_search_command(int argc, char** argv);

// What --help prints.
std::string search_help();

// The values an option takes, for --choices and shell completion: --format, --sort, --within,
// --color, --values.
// Empty for any other option.
std::vector<std::string> option_choices(const std::string& option);

}  // namespace dateline
