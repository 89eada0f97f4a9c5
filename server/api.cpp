// The API's handlers: parameters through the CLI's parser, the work in src/search, the JSON by
// src/output's printers, exactly as dateline-search --format json.
#include "server/api.h"

#include <xapian.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "src/base/errors.h"
#include "src/output/output.h"
#include "src/search/article.h"

namespace dateline {

namespace {

using httplib::Request;
using httplib::Response;
constexpr const char* kJson = "application/json; charset=utf-8";

// An answer that is not 200: its status and why, in the error body.
class HttpError : public std::runtime_error {
  public:
    HttpError(int status, const std::string& kind, const std::string& message)
        : std::runtime_error(message), status(status), kind(kind) {}
    int status;
    std::string kind;
};

HttpParams params_of(const Request& req) { return {req.params.begin(), req.params.end()}; }

// A document printed by a src/output printer with the time it took added, as the search
// document has it ("took_ms").
std::string with_took_ms(const std::string& printed, std::chrono::steady_clock::time_point t0) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(printed);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    doc["took_ms"] = std::round(ms * 10) / 10;
    return doc.dump(2) + "\n";
}

std::string search_json(const ApiOptions& api, const Request& req) {
    const SearchCommand cmd = search_command(params_of(req), api.db, api.limits);
    std::ostringstream out;
    JsonPrinter printer(out, &cmd.request);
    search(cmd.request, printer);
    return out.str();
}

// The document of an action (--quotes, --stats) as src/output prints it, with its time.
template <class Action>
std::string timed_json(const ApiOptions& api, const Request& req, const char* mode, Action action) {
    const auto t0 = std::chrono::steady_clock::now();
    const SearchCommand cmd = search_command(params_of(req), api.db, api.limits, {mode});
    std::ostringstream out;
    print_json(action(cmd.request), out);
    return with_took_ms(out.str(), t0);
}

std::string quotes_json(const ApiOptions& api, const Request& req) {
    return timed_json(api, req, "--quotes",
                      [](const SearchRequest& r) { return search_quotes(r); });
}

std::string stats_json(const ApiOptions& api, const Request& req) {
    return timed_json(api, req, "--stats", [](const SearchRequest& r) { return index_stats(r); });
}

std::string article_json(const ApiOptions& api, const Request& req) {
    const std::string id = req.matches[1];
    const SearchCommand cmd = search_command({}, api.db, api.limits, {"--article=" + id});
    const auto passages = read_article(cmd.request, id);
    if (passages.empty()) throw HttpError(404, "not_found", "no article '" + id + "' in the index");
    std::ostringstream out;
    print_article_json(passages, out);
    return out.str();
}

// dateline-search --values FIELD, with each value's count: the facet of a search for every
// passage the parameters' filters let through, all its values.
std::string values_json(const ApiOptions& api, const Request& req) {
    const std::string field = req.matches[1];
    SearchCommand cmd =
        search_command(params_of(req), api.db, api.limits, {"--values=" + field, "--limit=0"});
    cmd.request.facet_limit = 0;
    const SearchResults results = search(cmd.request);
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const auto& facet : results.facets)
        if (facet.name == field)
            for (const auto& v : facet.values)
                values.push_back({{"value", v.value}, {"count", v.count}});
    return nlohmann::ordered_json{{"field", field}, {"values", values}}.dump(2) + "\n";
}

using Answer = std::string (*)(const ApiOptions&, const Request&);

// Runs an answer, turning the library's exceptions into the status they mean.
httplib::Server::Handler handler(const ApiOptions& api, Answer answer) {
    return [&api, answer](const Request& req, Response& res) {
        std::string body;
        try {
            body = answer(api, req);
        } catch (const HttpError& e) {
            res.status = e.status;
            body = error_json(e.what(), e.kind);
        } catch (const UsageError& e) {  // QueryError too
            res.status = 400;
            body = error_json(e.what(), "usage");
        } catch (const IndexError& e) {
            res.status = 503;
            body = error_json(e.what(), "index");
        } catch (const Xapian::DatabaseError& e) {  // opening or reading the index
            res.status = 503;
            body = error_json(e.get_description(), "index");
        } catch (const Xapian::Error& e) {
            res.status = 500;
            body = error_json(e.get_description(), "internal");
        }
        res.set_content(body, kJson);
    };
}

const char* kind_of(int status) {
    return status == 404   ? "not_found"
           : status == 503 ? "index"
           : status >= 500 ? "internal"
                           : "usage";
}

}  // namespace

std::string error_json(const std::string& message, const std::string& kind) {
    return nlohmann::json{{"error", {{"message", message}, {"kind", kind}}}}.dump() + "\n";
}

void add_api_routes(httplib::Server& server, const ApiOptions& api) {
    server.Get("/api/search", handler(api, search_json));
    server.Get("/api/quotes", handler(api, quotes_json));
    server.Get("/api/stats", handler(api, stats_json));
    server.Get(R"(/api/article/([^/]+))", handler(api, article_json));
    server.Get(R"(/api/values/([^/]+))", handler(api, values_json));
    // What httplib answers itself (no route, a body too long, a URI too long) as JSON too.
    server.set_error_handler([](const Request& req, Response& res) {
        if (!res.body.empty()) return;
        const std::string message = res.status == 404   ? "nothing at " + req.path
                                    : res.status == 413 ? "the request's body is too large"
                                    : res.status == 414 ? "the request's URI is too long"
                                                        : "HTTP " + std::to_string(res.status);
        res.set_content(error_json(message, kind_of(res.status)), kJson);
    });
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr e) {
        std::string message = "internal error";
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& x) {
            message = reason(x);
        } catch (...) {
        }
        res.status = 500;
        res.set_content(error_json(message, "internal"), kJson);
    });
    if (!api.allow_origin.empty())
        server.set_default_headers({{"Access-Control-Allow-Origin", api.allow_origin}});
}

}  // namespace dateline
