// Bounded line reading over zlib, with truncation detected.
#include "src/ingest/lines.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "src/base/stop.h"

namespace dateline {

namespace {
constexpr unsigned kBlock = 1 << 16;

// gzerror's message without the file name zlib puts first ("f.gz: unexpected end of file").
std::string zlib_reason(const char* message) {
    std::string text = message ? message : "";
    std::size_t colon = text.rfind(": ");
    return colon == std::string::npos ? text : text.substr(colon + 2);
}
}  // namespace

namespace {
// "-" is the standard input (a duplicate, so that closing the reader leaves it open).
gzFile open_lines(const std::string& path) {
    if (path != "-") return gzopen(path.c_str(), "rb");
    const int fd = ::dup(STDIN_FILENO);
    return fd < 0 ? nullptr : gzdopen(fd, "rb");
}
}  // namespace

LineReader::LineReader(const std::string& path) : in_(open_lines(path), gzclose) {
    if (!in_) throw std::runtime_error("cannot open: " + std::string(std::strerror(errno)));
    gzbuffer(in_.get(), 1 << 17);
}

void LineReader::fail(const std::string& what) const {
    throw std::runtime_error(what + " after line " + std::to_string(line_no_));
}

bool LineReader::fill() {
    if (stop_requested()) throw Interrupted();  // a huge line or file: Ctrl-C still stops it
    if (!error_.empty()) fail(error_);
    if (ended_) return false;
    buffer_.resize(kBlock);
    int n = gzread(in_.get(), buffer_.data(), kBlock);
    int code = Z_OK;
    const char* message = gzerror(in_.get(), &code);
    // zlib reports a stream cut short (no trailer, or cut at a flush point) as Z_BUF_ERROR and
    // a bad CRC or length as Z_DATA_ERROR, often alongside the last bytes it returns: those
    // bytes' whole lines are still read, and the error comes at the next read.
    if (n < 0 || code == Z_DATA_ERROR || code == Z_BUF_ERROR || code == Z_ERRNO) {
        std::string reason = code == Z_ERRNO ? std::strerror(errno) : zlib_reason(message);
        error_ = code == Z_BUF_ERROR    ? "truncated: the gzip data ends early (" + reason + ")"
                 : code == Z_DATA_ERROR ? "damaged gzip data (" + reason + ")"
                                        : "read error (" + reason + ")";
        if (n <= 0) fail(error_);
    }
    buffer_.resize(static_cast<std::size_t>(n));
    pos_ = 0;
    ended_ = n == 0;
    return n > 0;
}

LineReader::Status LineReader::next(std::string& line) {
    line.clear();
    bool too_long = false, any = false;
    for (;;) {
        if (pos_ == buffer_.size() && !fill()) break;
        any = true;
        std::size_t nl = buffer_.find('\n', pos_);
        std::size_t end = nl == std::string::npos ? buffer_.size() : nl;
        if (!too_long && line.size() + (end - pos_) > kMaxLine) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
        }
        if (!too_long) line.append(buffer_, pos_, end - pos_);
        pos_ = nl == std::string::npos ? buffer_.size() : nl + 1;
        if (nl != std::string::npos) break;
    }
    if (!any) return Status::End;
    ++line_no_;
    return too_long ? Status::TooLong : Status::Line;
}

}  // namespace dateline
