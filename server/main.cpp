// dateline-serve: read the command line, check the index opens, answer HTTP until SIGTERM.
// Options are in options.cpp, the routes in api.cpp and page.cpp, the work in src/search/.
#include <signal.h>

#include <iostream>
#include <thread>

#include "server/api.h"
#include "server/options.h"
#include "server/page.h"
#include "src/base/errors.h"
#include "src/cli/cli.h"

namespace {

constexpr int kExitStopped = 0;
constexpr int kExitError = 2;

int fail(const std::string& message) {
    std::cerr << "dateline-serve: " << message << "\n";
    return kExitError;
}

// SIGTERM and SIGINT are blocked in every thread and waited for by one, which stops the
// server: httplib finishes the requests in progress and listen() returns.
std::thread stop_on_signal(httplib::Server& server) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return std::thread([&server, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        server.stop();
    });
}

void configure(httplib::Server& server, const dateline::ServeOptions& o) {
    const std::size_t threads = o.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_read_timeout(o.timeout_seconds, 0);
    server.set_write_timeout(o.timeout_seconds, 0);
    server.set_keep_alive_timeout(5);
    server.set_payload_max_length(4096);  // the API is GET only: no request needs a body
}

int serve(const dateline::ServeOptions& o) {
    // An index that cannot be read is said now, not at the first request.
    dateline::SearchRequest probe;
    probe.db_path = o.db;
    probe.limit = 0;
    dateline::search(probe);

    static const dateline::ApiOptions api{o.db, {}, o.allow_origin};  // the handlers hold it
    httplib::Server server;
    configure(server, o);
    dateline::add_api_routes(server, api);
    dateline::add_page_routes(server);
    const int port = o.port == 0 ? server.bind_to_any_port(o.host) : o.port;
    if (port < 0 || (o.port != 0 && !server.bind_to_port(o.host, o.port)))
        return fail("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                    " (in use, or not this machine's address); choose another with --listen");
    std::thread stopper = stop_on_signal(server);
    std::cerr << "dateline-serve: serving " << o.db << " at http://" << o.host << ":" << port
              << "/ (SIGTERM or Ctrl-C stops)" << std::endl;
    server.listen_after_bind();
    stopper.join();
    std::cerr << "dateline-serve: stopped" << std::endl;
    return kExitStopped;
}

}  // namespace

int main(int argc, char** argv) try {
    const dateline::ServeOptions o = dateline::parse_serve_options(argc, argv);
    if (o.action == dateline::ServeOptions::Action::Help) {
        std::cout << dateline::serve_help();
        return kExitStopped;
    }
    if (o.action == dateline::ServeOptions::Action::Version) {
        std::cout << dateline::version_line("dateline-serve") << "\n";
        return kExitStopped;
    }
    return serve(o);
} catch (const Xapian::Error& e) {
    return fail(e.get_description());
} catch (const std::exception& e) {
    return fail(dateline::reason(e));
}
