// Free space and the mount point of an index's filesystem.
#include "src/store/disk.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "src/base/errors.h"

namespace dateline {

namespace fs = std::filesystem;

namespace {

// The highest folder above `path` on the same device: its mount point.
std::string mount_point_of(const fs::path& path) {
    std::error_code ec;
    fs::path at = fs::absolute(path, ec).lexically_normal();
    struct stat here {};
    if (::stat(at.c_str(), &here) != 0) return at.string();
    while (at.has_parent_path() && at != at.root_path()) {
        struct stat up {};
        if (::stat(at.parent_path().c_str(), &up) != 0 || up.st_dev != here.st_dev) break;
        at = at.parent_path();
    }
    return at.string();
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

}  // namespace

DiskRoom disk_room(const std::string& path) {
    struct statvfs fs_info {};
    if (::statvfs(path.c_str(), &fs_info) != 0)
        throw IndexError("cannot tell the free space at " + path + " (" + std::strerror(errno) +
                         ")");
    return {mount_point_of(path), static_cast<std::uint64_t>(fs_info.f_bavail) * fs_info.f_frsize};
}

void ensure_room(const std::string& index_root, std::uint64_t needed) {
    DiskRoom room = disk_room(index_root);
    if (room.free_bytes >= needed) return;
    throw DiskFullError("no room to write to " + index_root + ": the disk mounted at " +
                        room.mount_point + " has " + megabytes(room.free_bytes) +
                        " free, and the next commit needs about " + megabytes(needed));
}

}  // namespace dateline
