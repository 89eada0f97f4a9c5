// dateline-serve's options: each defined once, with its help and its checks.
#include "server/options.h"

#include <boost/program_options.hpp>
#include <sstream>

#include "src/base/errors.h"
#include "src/cli/cli.h"
#include "src/search/search.h"

namespace po = boost::program_options;

namespace dateline {

namespace {

const char* kUsage =
    "Usage: dateline-serve [--db PATH] [--listen 127.0.0.1:8080] [options]\n"
    "\n"
    "Serves an index read-only over HTTP: a search page at / and a JSON API at\n"
    "/api/search, /api/quotes, /api/article/ID, /api/stats and /api/values/FIELD, whose\n"
    "parameters are dateline-search's options (see the README, \"HTTP API\").\n"
    "It listens on loopback unless --listen names another address. SIGTERM or Ctrl-C\n"
    "stops it once the requests in progress are answered.\n"
    "Exit status: 0 stopped, 2 error.\n";

struct Raw {
    std::vector<std::string> words;
    std::string listen = "127.0.0.1:8080";
    long long threads = 8, timeout = 10;
};

po::options_description serve_options(ServeOptions& o, Raw& raw) {
    po::options_description visible("Options");
    visible.add_options()("db", po::value(&o.db)->value_name("PATH"),
                          "the index (default: $DATELINE_DB, else ./dateline.db)")(
        "listen", po::value(&raw.listen)->value_name("HOST:PORT"),
        "the address to listen on (default 127.0.0.1:8080; port 0: any free port, printed)")(
        "allow-origin", po::value(&o.allow_origin)->value_name("ORIGIN"),
        "let pages from ORIGIN (https://news.example) call the API (CORS); default: none")(
        "threads", po::value(&raw.threads)->value_name("N"),
        "requests answered at once (default 8)")(
        "timeout", po::value(&raw.timeout)->value_name("SECONDS"),
        "the longest wait for a request to arrive or its answer to be taken (default 10)")(
        "help,h", "show this help")("version", "show the version");
    return visible;
}

// "HOST:PORT" (an IPv6 host in brackets) into the options; UsageError otherwise.
void apply_listen(const std::string& listen, ServeOptions& o) {
    const std::size_t colon = listen.rfind(':');
    const std::string usage = "--listen takes HOST:PORT (127.0.0.1:8080), not '" + listen + "'";
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
        throw UsageError(usage);
    o.host = listen.substr(0, colon);
    if (o.host.front() == '[' && o.host.back() == ']') o.host = o.host.substr(1, o.host.size() - 2);
    const std::string port = listen.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) > 65535)
        throw UsageError(usage + ": the port is a number from 0 to 65535");
    o.port = std::stoi(port);
}

}  // namespace

ServeOptions parse_serve_options(int argc, char** argv) {
    ServeOptions o;
    Raw raw;
    po::variables_map vm;
    try {
        vm = parse_command_line(argc, argv, serve_options(o, raw), raw.words);
    } catch (const po::error& e) {
        throw UsageError(std::string(e.what()) + "; see dateline-serve --help");
    }
    if (vm.count("help") || vm.count("version")) {  // whatever else the line holds
        o.action = vm.count("help") ? ServeOptions::Action::Help : ServeOptions::Action::Version;
        return o;
    }
    if (!raw.words.empty())
        throw UsageError("dateline-serve takes no words ('" + raw.words.front() +
                         "'); the index is --db PATH");
    if (raw.threads < 1 || raw.threads > 256 || raw.timeout < 1 || raw.timeout > 3600)
        throw UsageError("--threads takes 1 to 256, --timeout 1 to 3600 seconds");
    o.threads = static_cast<std::size_t>(raw.threads);
    o.timeout_seconds = static_cast<unsigned>(raw.timeout);
    if (o.db.empty()) o.db = default_db_path();
    apply_listen(raw.listen, o);
    return o;
}

std::string serve_help() {
    ServeOptions o;
    Raw raw;
    std::ostringstream out;
    out << kUsage << "\n" << serve_options(o, raw);
    return out.str();
}

}  // namespace dateline
