// The commit lock: searches hold it shared while they read an index folder, and the writer
// takes it exclusively for each commit. Xapian keeps a reader's revision readable through one
// commit only, so without it a search spanning two commits fails with DatabaseModifiedError.
#pragma once

#include <string>

namespace dateline {

// A shared hold on an index folder's commit lock, for as long as a search reads it. Without
// the lock file (an index written before it existed, or a folder the reader cannot write to
// create it), it holds nothing and the search relies on retrying instead.
class ReadHold {
  public:
    explicit ReadHold(const std::string& index_root);
    ~ReadHold();
    ReadHold(ReadHold&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    ReadHold(const ReadHold&) = delete;
    ReadHold& operator=(const ReadHold&) = delete;
    ReadHold& operator=(ReadHold&&) = delete;

  private:
    int fd_ = -1;
};

// The writer's exclusive hold for one commit. It waits for running searches to finish, up to
// `patience_ms`; after that it commits anyway (a search still reading then retries).
class CommitHold {
  public:
    CommitHold(const std::string& index_root, int patience_ms);
    ~CommitHold();
    CommitHold(const CommitHold&) = delete;
    CommitHold& operator=(const CommitHold&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace dateline
