// One-shot latency of a command: process start to the last byte of its output (read from a
// pipe until end of file), then its exit. Prints one line per run: milliseconds and bytes.
//   oneshot RUNS COMMAND ARGS...
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: oneshot RUNS COMMAND ARGS...\n";
        return 2;
    }
    int runs = std::stoi(argv[1]);
    for (int run = 0; run < runs; ++run) {
        int fds[2];
        if (pipe(fds) != 0) return 2;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addclose(&actions, fds[1]);
        auto start = std::chrono::steady_clock::now();
        pid_t pid;
        if (posix_spawnp(&pid, argv[2], &actions, nullptr, argv + 2, environ) != 0) {
            std::cerr << "oneshot: cannot run " << argv[2] << "\n";
            return 2;
        }
        close(fds[1]);
        char buf[65536];
        std::size_t bytes = 0;
        ssize_t n;
        while ((n = read(fds[0], buf, sizeof buf)) > 0) bytes += static_cast<std::size_t>(n);
        auto last_byte = std::chrono::steady_clock::now();
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        posix_spawn_file_actions_destroy(&actions);
        double ms = std::chrono::duration<double, std::milli>(last_byte - start).count();
        std::printf("%.3f\t%zu\t%d\n", ms, bytes, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}
