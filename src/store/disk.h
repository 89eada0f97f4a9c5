// Room on the disk an index lives on: checked before writing, because Xapian 1.4's glass
// backend does not fail cleanly when a write meets a full disk (it can abort the process or
// leave the committed revision unopenable).
#pragma once

#include <cstdint>
#include <string>

namespace dateline {

struct DiskRoom {
    std::string mount_point;       // the filesystem's mount point, for messages ("/srv")
    std::uint64_t free_bytes = 0;  // available to this user
};

// The filesystem holding `path` and the room on it. Throws IndexError if it cannot be told.
DiskRoom disk_room(const std::string& path);

// Throws DiskFullError, naming the disk, the index and how much is needed, if fewer than
// `needed` bytes are free for `index_root`.
void ensure_room(const std::string& index_root, std::uint64_t needed);

}  // namespace dateline
