// An HTTP request's query parameters as dateline-search's command line, so that the server
// reads them through the CLI's own option definitions and checks (searcher/options.cpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "searcher/options.h"

namespace dateline {

// What a request may ask, before any search runs: larger asks are answered 400.
struct RequestLimits {
    std::size_t query_bytes = 1000;  // q (and each other value)
    std::size_t parameters = 64;     // name=value pairs, repeated names counted each time
    std::size_t page = 1000;         // limit: hits (or quotations) in one answer
};

// The parameters as they came, a name once per value, in order.
using HttpParams = std::multimap<std::string, std::string>;

// The search command for `db` those parameters ask for: q the query; source, speaker, location,
// where repeatable; from, to, limit, offset, context, facet_limit, date_bucket, sort, within
// with a value; any, per_article, all_copies flags (1/true/on or empty: set; 0/false/off: not).
// `mode` adds what the endpoint means (--quotes, --stats). Throws UsageError naming the
// parameter for an unknown name, a bad flag value, or one over `limits`; the CLI's own checks
// throw UsageError too (their message names the option, --limit and the like).
SearchCommand search_command(const HttpParams& params, const std::string& db,
                             const RequestLimits& limits,
                             const std::vector<std::string>& mode = {});

// The names search_command() takes, for messages and the README.
std::vector<std::string> parameter_names();

}  // namespace dateline
