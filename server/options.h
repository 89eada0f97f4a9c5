// dateline-serve's command line: where the index is, where to listen, who may call it.
#pragma once

#include <cstddef>
#include <string>

namespace dateline {

struct ServeOptions {
    enum class Action { Serve, Help, Version };
    Action action = Action::Serve;
    std::string db;                  // --db: the index (default $DATELINE_DB, else ./dateline.db)
    std::string host = "127.0.0.1";  // --listen HOST:PORT: loopback unless told otherwise
    int port = 8080;                 // 0: any free port (the one taken is printed)
    std::string allow_origin;        // --allow-origin: the one origin CORS lets in; "" = none
    std::size_t threads = 8;         // --threads: the pool answering requests
    unsigned timeout_seconds = 10;   // --timeout: reading a request, writing its answer
};

// Reads argv. Throws UsageError with the message to print (the program's name not included).
ServeOptions parse_serve_options(int argc, char** argv);

// What --help prints.
std::string serve_help();

}  // namespace dateline
