// Helpers for the tests of dateline-serve: the real program started on a free loopback port
// over a real index, asked over HTTP, and stopped by SIGTERM.
#pragma once

#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli_util.h"

namespace serve {

inline const std::string kServe = DATELINE_SERVE_BIN;

// dateline-serve --listen 127.0.0.1:0 --db DB [extra...], running until the object goes (or
// stop()); the port is the one it prints. Every wait is bounded.
class Server {
  public:
    explicit Server(const fs::path& db, std::vector<std::string> extra = {}) {
        int err[2];
        REQUIRE(::pipe(err) == 0);
        std::vector<std::string> args{kServe, "--db", db.string(), "--listen", "127.0.0.1:0"};
        args.insert(args.end(), extra.begin(), extra.end());
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(err[1], STDERR_FILENO);
            ::close(err[0]);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(err[1]);
        err_ = err[0];
        const std::string line = read_line(30000);
        const std::size_t at = line.find("127.0.0.1:");
        REQUIRE_MESSAGE(at != std::string::npos, "dateline-serve said: " << line);
        port_ = std::stoi(line.substr(at + 10));
    }
    ~Server() {
        if (pid_ > 0) stop();
        if (err_ >= 0) ::close(err_);
    }
    int port() const { return port_; }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5, 0);
        c.set_read_timeout(30, 0);
        return c;
    }

    // SIGTERM, then its exit status (-1 if it had to be killed after 20 s) and what it said.
    int stop() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 200; ++i) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return -1;
    }

    // What it printed on stderr since the first line (after stop()).
    std::string rest_of_stderr() {
        std::string out;
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(err_, buffer, sizeof buffer)) > 0) out.append(buffer, n);
        return out;
    }

  private:
    std::string read_line(int timeout_ms) {
        std::string line;
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        char c;
        while (std::chrono::steady_clock::now() < end) {
            pollfd p{err_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            if (::read(err_, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }

    pid_t pid_ = -1;
    int err_ = -1;
    int port_ = 0;
};

// GET path: the status and the body parsed as JSON (null if it is not JSON).
struct Answer {
    int status = 0;
    json body;
    std::string text;
    httplib::Headers headers;
};

inline Answer get(const Server& server, const std::string& path) {
    auto c = server.client();
    auto res = c.Get(path.c_str());
    REQUIRE_MESSAGE(res, "GET " << path << ": " << httplib::to_string(res.error()));
    Answer a{res->status, json::parse(res->body, nullptr, false), res->body, res->headers};
    if (a.body.is_discarded()) a.body = nullptr;
    return a;
}

// A document without its run time, which differs between two runs of the same search.
inline json without_time(json doc) {
    doc.erase("took_ms");
    return doc;
}

}  // namespace serve
