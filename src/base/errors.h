// The library's exceptions, one small family: what went wrong decides what the user is told.
#pragma once

#include <new>
#include <stdexcept>
#include <string>

namespace dateline {

// The user typed something wrong (an option, a query): the message says what to type instead.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// An input file or record cannot be read: the message names it and says what to do.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The index cannot be used (missing, corrupt, wrong version, a part unreachable): the message
// names the part and says what to do.
class IndexError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The disk an index is on has too little room for the next write: nothing of it was written.
class DiskFullError : public IndexError {
  public:
    using IndexError::IndexError;
};

// Why something failed, in words for the user: the standard library's own exceptions
// ("std::bad_alloc") say nothing to someone who indexes news.
inline std::string reason(const std::exception& e) {
    if (dynamic_cast<const std::bad_alloc*>(&e))
        return "out of memory (too large for this machine's memory: split it, or free memory)";
    if (dynamic_cast<const std::length_error*>(&e)) return "too large to hold in memory (split it)";
    return e.what();
}

}  // namespace dateline
