// The JSON API's routes on an httplib server: /api/search, /api/quotes, /api/article/ID,
// /api/stats, /api/values/FIELD. Each answers what dateline-search --format json prints for
// the same options, or {"error": {"message", "kind"}}.
#pragma once

#include <httplib.h>

#include <string>

#include "server/params.h"

namespace dateline {

struct ApiOptions {
    std::string db;            // the index every request reads (the server's --db)
    RequestLimits limits;      // answered 400 beyond them
    std::string allow_origin;  // Access-Control-Allow-Origin; "" = no CORS header
};

// Adds the routes, and the error and exception handlers that make every failure JSON:
// 400 (kind "usage": a bad parameter or query), 404 ("not_found"), 503 ("index": the index
// cannot be read now), 500 ("internal").
void add_api_routes(httplib::Server& server, const ApiOptions& options);

// The body of an error answer.
std::string error_json(const std::string& message, const std::string& kind);

}  // namespace dateline
