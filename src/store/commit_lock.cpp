// The commit lock on flock(2): shared for readers, exclusive for a commit.
#include "src/store/commit_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "src/store/layout.h"

namespace dateline {

namespace {

std::string lock_path(const std::string& root) { return root + "/" + IndexLayout::kCommitLock; }

}  // namespace

ReadHold::ReadHold(const std::string& index_root) {
    // The writer creates the file; a reader opens it read-only, which another user's index
    // (files 0644) allows.
    fd_ = ::open(lock_path(index_root).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ >= 0 && ::flock(fd_, LOCK_SH) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

ReadHold::~ReadHold() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

CommitHold::CommitHold(const std::string& index_root, int patience_ms) {
    fd_ = ::open(lock_path(index_root).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return;
    auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(patience_ms);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (std::chrono::steady_clock::now() >= give_up) {
            ::close(fd_);
            fd_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

CommitHold::~CommitHold() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace dateline
