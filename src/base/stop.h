// Ctrl-C and SIGTERM: the signal handler calls request_stop() (async-signal-safe); long work
// (reading a file, writing articles) asks stop_requested() and throws Interrupted, and the
// program decides what to keep.
#pragma once

#include <csignal>
#include <stdexcept>

namespace dateline {

inline volatile std::sig_atomic_t g_stop_requested = 0;

inline void request_stop() { g_stop_requested = 1; }
inline bool stop_requested() { return g_stop_requested != 0; }

class Interrupted : public std::runtime_error {
  public:
    Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace dateline
