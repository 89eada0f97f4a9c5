// The index folder: reading and switching the stub, naming generations.
#include "src/store/layout.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "src/base/errors.h"
#include "src/store/stub.h"

namespace dateline {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStubName = IndexLayout::kStub;

std::string generation_of(const std::string& database) {
    return database.substr(0, database.find('/'));
}

// "g3", "g3/s0": a database of one of the index's own generations, as the writer names them.
bool is_generation_database(const std::string& path) {
    std::size_t slash = path.find('/');
    if (generation_number(path.substr(0, slash)) < 0) return false;
    if (slash == std::string::npos) return true;
    std::string shard = path.substr(slash + 1);
    return shard.size() > 1 && shard[0] == 's' &&
           shard.find_first_not_of("0123456789", 1) == std::string::npos;
}

// Whether a generation folder holds articles (in one database, or in shards s0, s1...). One
// that cannot be opened counts as holding some: it may be the only copy. Glass only: a stub
// planted there is not followed (it could name a program).
bool holds_articles(const fs::path& generation) {
    std::error_code ec;
    std::vector<fs::path> databases;
    if (fs::exists(generation / "iamglass", ec)) databases.push_back(generation);
    for (int s = 0; fs::exists(generation / ("s" + std::to_string(s)), ec); ++s)
        databases.push_back(generation / ("s" + std::to_string(s)));
    for (const fs::path& database : databases) {
        try {
            if (Xapian::Database(database.string(), Xapian::DB_BACKEND_GLASS).get_doccount() > 0)
                return true;
        } catch (const Xapian::Error&) {
            return true;
        }
    }
    return false;
}

// The generations holding articles, oldest first: what a lost stub would leave unnamed. (A
// first write killed before it published its generation leaves an empty one: not these.)
std::vector<std::string> generations_on_disk(const fs::path& root) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        std::string name = entry.path().filename().string();
        if (generation_number(name) >= 0 && holds_articles(entry.path())) out.push_back(name);
    }
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        return generation_number(a) < generation_number(b);
    });
    return out;
}

// A generation folder, or the parts a parallel build writes before merging them ("g3-parts").
bool is_generation_folder(const std::string& name) {
    std::string base = name.size() > 6 && name.compare(name.size() - 6, 6, "-parts") == 0
                           ? name.substr(0, name.size() - 6)
                           : name;
    return generation_number(base) >= 0;
}

}  // namespace

int generation_number(const std::string& name) {
    if (name.size() < 2 || name[0] != 'g') return -1;
    for (std::size_t i = 1; i < name.size(); ++i)
        if (name[i] < '0' || name[i] > '9') return -1;
    return std::atoi(name.c_str() + 1);
}

std::vector<std::string> IndexLayout::current_databases() const {
    fs::path stub = fs::path(root) / kStubName;
    std::error_code ec;
    bool has_stub = fs::exists(stub, ec);
    std::vector<StubLine> lines;
    if (has_stub) lines = read_stub_lines(stub.string(), "index " + root);
    std::vector<std::string> databases;
    for (const StubLine& line : lines) {
        if ((line.type != "auto" && line.type != "glass") || !is_generation_database(line.rest))
            throw IndexError(stub.string() + ":" + std::to_string(line.number) + ": '" + line.type +
                             " " + line.rest +
                             "' is not one of this index's generations (auto g3, auto g3/s0); a "
                             "writer changes only its own index: correct the stub, or give "
                             "another --db");
        databases.push_back(line.rest);
    }
    return databases;
}

void IndexLayout::refuse_unnamed_generations() const {
    if (!current_databases().empty()) return;
    std::vector<std::string> generations = generations_on_disk(root);
    if (generations.empty()) return;
    const std::string& last = generations.back();
    std::string stub = (fs::path(root) / kStubName).string();
    std::error_code ec;
    std::string why =
        fs::exists(stub, ec) ? "its stub XAPIANDB names no database" : "it has no stub XAPIANDB";
    throw IndexError("index " + root + ": " + why + ", but the folder holds generation " + last +
                     "; nothing was changed. If " + last + " is the index, name it again with " +
                     "printf 'auto " + last + "\\n' > " + stub + " (a sharded one takes a line " +
                     "'auto " + last +
                     "/sN' per shard); to build afresh, use dateline-index build");
}

std::string IndexLayout::current_generation() const {
    std::vector<std::string> databases = current_databases();
    return databases.empty() ? "" : generation_of(databases.front());
}

std::string IndexLayout::next_generation() const {
    int highest = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec))
        highest = std::max(highest, generation_number(entry.path().filename().string()));
    return "g" + std::to_string(highest + 1);
}

namespace {

// Writes `text` to `path` and syncs it, or throws naming the file and the system's reason
// (a full disk, a read-only one): the stub it stands in for is untouched until the rename.
void write_durably(const fs::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool written = fd >= 0;
    for (std::size_t done = 0; written && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        written = n > 0;
        if (written) done += static_cast<std::size_t>(n);
    }
    written = written && ::fsync(fd) == 0;
    int error = errno;
    if (fd >= 0 && ::close(fd) != 0 && written) {
        written = false;
        error = errno;
    }
    if (written) return;
    std::error_code ec;
    fs::remove(path, ec);
    throw std::runtime_error("cannot write " + path.string() + " (" + std::strerror(error) +
                             "); the index still serves its previous generation; free space "
                             "(or make the folder writable) and run the same command again");
}

}  // namespace

void IndexLayout::switch_to(const std::string& generation,
                            const std::vector<std::string>& databases) const {
    std::string previous = current_generation();
    fs::path stub = fs::path(root) / kStubName;
    fs::path temp = fs::path(root) / (std::string(kStubName) + ".new");
    std::string text;
    for (const auto& database : databases) text += "auto " + database + "\n";
    write_durably(temp, text);
    fs::rename(temp, stub);  // the switch: rename(2) is atomic
    for (const auto& entry : fs::directory_iterator(root)) {
        std::string name = entry.path().filename().string();
        // Any other generation is a leftover: older ones, or a build killed before its switch
        // (only one writer runs at a time, so none is being written).
        if (is_generation_folder(name) && name != generation && name != previous)
            fs::remove_all(entry.path());
    }
}

}  // namespace dateline
