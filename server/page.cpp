// Serving the embedded page: each asset at its own fixed route, with its content type.
#include "server/page.h"

#include <string>

#include "server/page_assets.h"

namespace dateline {

namespace {

std::string content_type(const std::string& path) {
    auto ends = [&](const std::string& ext) {
        return path.size() >= ext.size() &&
               path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

void serve(httplib::Response& res, const page::Asset& asset) {
    res.set_content(reinterpret_cast<const char*>(asset.data), asset.size,
                    content_type(asset.path).c_str());
    // The page runs only its own scripts, and calls only this server.
    res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
}

}  // namespace

void add_page_routes(httplib::Server& server) {
    for (const page::Asset& asset : page::kAssets) {
        std::string pattern;  // httplib takes a regex: each '.' as itself
        for (char c : std::string(asset.path))
            pattern += c == '.' ? std::string("\\.") : std::string(1, c);
        server.Get(
            pattern == "/index\\.html" ? "/" : pattern,
            [&asset](const httplib::Request&, httplib::Response& res) { serve(res, asset); });
    }
}

}  // namespace dateline
