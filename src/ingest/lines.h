// The lines of a file, plain or gzipped, read in bounded blocks.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <memory>
#include <string>

namespace dateline {

// Reads a file (gzip or plain: zlib reads both) one line at a time, without holding more than
// one line. A gzip stream that ends before its trailer, or whose CRC does not match, is an
// error: a truncated file must not pass for a shorter one.
class LineReader {
  public:
    // The longest line kept; a longer one is reported by next() as `too_long` and skipped
    // without being held in memory.
    static constexpr std::size_t kMaxLine = 64u << 20;

    enum class Status { Line, TooLong, End };

    // "-" reads the standard input. Throws std::runtime_error (with strerror) if the file
    // cannot be opened.
    explicit LineReader(const std::string& path);

    // The next line (without its newline) in `line`. Throws std::runtime_error on a read error
    // or a truncated gzip stream, naming the line it came after.
    Status next(std::string& line);
    // Lines returned so far (TooLong ones included): the current line's number.
    std::size_t line_number() const { return line_no_; }

  private:
    bool fill();  // reads a block into buffer_; false at the end of the stream
    [[noreturn]] void fail(const std::string& what) const;

    std::unique_ptr<gzFile_s, int (*)(gzFile)> in_;
    std::string buffer_;
    std::size_t pos_ = 0;  // next unread byte of buffer_
    std::size_t line_no_ = 0;
    bool ended_ = false;
    std::string error_;  // a read error, thrown once the bytes read before it are used
};

}  // namespace dateline
