// HTTP parameters -> dateline-search's argv -> the CLI's parser: one set of option checks.
#include "server/params.h"

#include <algorithm>

#include "src/base/errors.h"

namespace dateline {

namespace {

enum class Takes { Value, Values, Flag };

struct Parameter {
    const char* name;    // in the URL: the CLI's option with '_' for '-'
    const char* option;  // dateline-search's
    Takes takes;
};

// Only what a reader may ask: no --db, --allow-remote-programs or --format (the server's own).
const Parameter kParameters[] = {
    {"source", "--source", Takes::Values},
    {"speaker", "--speaker", Takes::Values},
    {"location", "--location", Takes::Values},
    {"where", "--where", Takes::Values},
    {"from", "--from", Takes::Value},
    {"to", "--to", Takes::Value},
    {"limit", "--limit", Takes::Value},
    {"offset", "--offset", Takes::Value},
    {"context", "--context", Takes::Value},
    {"facet_limit", "--facet-limit", Takes::Value},
    {"date_bucket", "--date-bucket", Takes::Value},
    {"sort", "--sort", Takes::Value},
    {"within", "--within", Takes::Value},
    {"any", "--any", Takes::Flag},
    {"per_article", "--per-article", Takes::Flag},
    {"all_copies", "--all-copies", Takes::Flag},
};

const Parameter* parameter_named(const std::string& name) {
    for (const Parameter& p : kParameters)
        if (name == p.name) return &p;
    return nullptr;
}

bool flag_set(const std::string& name, const std::string& value) {
    if (value.empty() || value == "1" || value == "true" || value == "on") return true;
    if (value == "0" || value == "false" || value == "off") return false;
    throw UsageError("parameter " + name + " takes 1, true, on, 0, false or off, not '" + value +
                     "'");
}

void check_sizes(const HttpParams& params, const RequestLimits& limits) {
    if (params.size() > limits.parameters)
        throw UsageError("too many parameters (" + std::to_string(params.size()) + "; at most " +
                         std::to_string(limits.parameters) + ")");
    for (const auto& [name, value] : params)
        if (value.size() > limits.query_bytes)
            throw UsageError("parameter " + name + " is too long (" + std::to_string(value.size()) +
                             " bytes; at most " + std::to_string(limits.query_bytes) + ")");
}

void add_parameter(const std::string& name, const std::string& value, const HttpParams& params,
                   std::vector<std::string>& args) {
    const Parameter* p = parameter_named(name);
    if (!p) {
        std::string names;
        for (const auto& n : parameter_names()) names += " " + n;
        throw UsageError("unknown parameter '" + name + "'; the parameters are" + names);
    }
    if (p->takes == Takes::Value && params.count(name) > 1)
        throw UsageError("parameter " + name + " is given more than once");
    if (p->takes == Takes::Flag) {
        if (flag_set(name, value)) args.emplace_back(p->option);
        return;
    }
    args.push_back(std::string(p->option) + "=" + value);  // '=': a value may start with '-'
}

}  // namespace

std::vector<std::string> parameter_names() {
    std::vector<std::string> names{"q"};
    for (const Parameter& p : kParameters) names.emplace_back(p.name);
    return names;
}

SearchCommand search_command(const HttpParams& params, const std::string& db,
                             const RequestLimits& limits, const std::vector<std::string>& mode) {
    check_sizes(params, limits);
    std::vector<std::string> args{"dateline-serve", "--format=json", "--db=" + db};
    args.insert(args.end(), mode.begin(), mode.end());
    std::string query;
    for (const auto& [name, value] : params) {
        if (name == "q")
            query += (query.empty() ? "" : " ") + value;
        else
            add_parameter(name, value, params, args);
    }
    args.emplace_back("--");
    if (!query.empty()) args.push_back(query);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    SearchCommand cmd = parse_search_command(static_cast<int>(argv.size()), argv.data());
    if (cmd.request.limit > limits.page)
        throw UsageError("limit is at most " + std::to_string(limits.page) + ", not " +
                         std::to_string(cmd.request.limit));
    return cmd;
}

}  // namespace dateline
