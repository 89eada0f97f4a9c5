// Xapian's check in a child process, on a copy when it cannot open the tables read/write.
#include "src/index/xapian_check.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "src/store/disk.h"

namespace fs = std::filesystem;

namespace dateline {

namespace {

// The child's exit codes; any other ending (a signal, a sanitizer's report) is a crash.
constexpr int kSound = 0, kDamaged = 10, kNeedsWrite = 11;

// Runs the check here; the verdict's exit code, its message in `message`.
int check_here(const std::string& path, std::string& message) {
    try {
        std::ostringstream out;  // Xapian's report: shown by xapian-check, not here
        std::size_t errors = Xapian::Database::check(path, 0, &out);
        if (errors == 0) return kSound;
        message = "Xapian's check finds " + std::to_string(errors) + " error(s) in " + path +
                  " (xapian-check " + path + " shows them)";
        return kDamaged;
    } catch (const Xapian::DatabaseOpeningError& e) {
        // Xapian 1.4 opens the tables read/write to check them: no write access is no verdict.
        const std::string reason = e.get_error_string() ? e.get_error_string() : "";
        if (reason == std::strerror(EACCES) || reason == std::strerror(EROFS) ||
            reason == std::strerror(EPERM))
            return kNeedsWrite;
        message = "Xapian's check fails on " + path + " (" + e.get_description() + ")";
        return kDamaged;
    } catch (const Xapian::Error& e) {
        message = "Xapian's check fails on " + path + " (" + e.get_description() + ")";
        return kDamaged;
    }
}

// Runs the check in a child; its exit code (-1 for a crash), its message in `message`.
int check_in_child(const std::string& path, std::string& message) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return check_here(path, message);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        return check_here(path, message);
    }
    if (pid == 0) {
        ::close(pipe_fds[0]);
        std::string said;
        const int code = check_here(path, said);
        for (std::size_t at = 0; at < said.size();) {
            const ssize_t n = ::write(pipe_fds[1], said.data() + at, said.size() - at);
            if (n <= 0) break;
            at += static_cast<std::size_t>(n);
        }
        ::_exit(code);
    }
    ::close(pipe_fds[1]);
    char block[4096];
    for (ssize_t n;
         (n = ::read(pipe_fds[0], block, sizeof block)) > 0 || (n < 0 && errno == EINTR);)
        if (n > 0) message.append(block, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && (WEXITSTATUS(status) == kSound || WEXITSTATUS(status) == kDamaged ||
                              WEXITSTATUS(status) == kNeedsWrite))
        return WEXITSTATUS(status);
    message = "Xapian's check crashes on " + path +
              (WIFSIGNALED(status) ? std::string(" (") + ::strsignal(WTERMSIG(status)) + ")" : "");
    return -1;
}

// Checks a private copy of the database's files; Skipped if there is no room for one.
XapianCheck check_copy(const std::string& path) {
    const fs::path tmp = fs::temp_directory_path();
    const std::uintmax_t bytes = database_bytes(path);
    std::uintmax_t room = 0;
    try {
        room = disk_room(tmp.string()).free_bytes;
    } catch (const std::exception&) {
    }
    if (room < bytes + (bytes >> 3) + (16u << 20))
        return {XapianCheck::Outcome::Skipped,
                "Xapian's check of " + path +
                    " was skipped: it opens the tables read/write, which you may not, and " +
                    tmp.string() + " has no room for a copy to check (set TMPDIR)"};
    std::string scratch = (tmp / "dateline-check-XXXXXX").string();
    if (!::mkdtemp(scratch.data()))
        return {XapianCheck::Outcome::Skipped,
                "Xapian's check of " + path + " was skipped: cannot make a folder in " +
                    tmp.string() + " (" + std::strerror(errno) + ")"};
    std::error_code ec;
    fs::copy(path, scratch, fs::copy_options::recursive, ec);
    for (const auto& entry : fs::directory_iterator(scratch))
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add, ec);
    std::string message;
    const int code = ec ? kNeedsWrite : check_in_child(scratch, message);
    fs::remove_all(scratch, ec);
    if (code == kSound)
        return {XapianCheck::Outcome::Sound,
                "Xapian's check ran on a copy (you may not write to " + path + ")"};
    if (code == kNeedsWrite)
        return {XapianCheck::Outcome::Skipped, "Xapian's check of " + path +
                                                   " was skipped: it could not be copied to " +
                                                   tmp.string()};
    // The copy's name means nothing to the user: the database's instead.
    for (std::size_t at; (at = message.find(scratch)) != std::string::npos;)
        message.replace(at, scratch.size(), path);
    return {XapianCheck::Outcome::Damaged, message};
}

}  // namespace

std::uintmax_t database_bytes(const std::string& path) {
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
    return bytes;
}

XapianCheck run_xapian_check(const std::string& path) {
    std::string message;
    const int code = check_in_child(path, message);
    if (code == kSound) return {XapianCheck::Outcome::Sound, ""};
    if (code == kNeedsWrite) return check_copy(path);
    return {XapianCheck::Outcome::Damaged, message};
}

}  // namespace dateline
