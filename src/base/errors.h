// The library's exceptions, one small family: what went wrong decides what the user is told.
#pragma once

#include <stdexcept>

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

}  // namespace dateline
