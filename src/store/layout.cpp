// The index folder: reading and switching the stub, naming generations.
#include "src/store/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dateline {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStubName = IndexLayout::kStub;

// The stub's lines: "auto g3" or "auto g3/s0", "auto g3/s1"...; the paths, as written.
std::vector<std::string> stub_databases(const std::string& root) {
    std::ifstream stub(fs::path(root) / kStubName);
    std::vector<std::string> out;
    std::string backend, name;
    while (stub >> backend >> name) out.push_back(name);
    return out;
}

std::string generation_of(const std::string& database) {
    return database.substr(0, database.find('/'));
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
    std::vector<std::string> databases = stub_databases(root);
    for (const auto& d : databases)
        if (generation_number(generation_of(d)) < 0) return {};
    return databases;
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

void IndexLayout::switch_to(const std::string& generation,
                            const std::vector<std::string>& databases) const {
    std::string previous = current_generation();
    fs::path stub = fs::path(root) / kStubName;
    fs::path temp = fs::path(root) / (std::string(kStubName) + ".new");
    {
        std::ofstream out(temp, std::ios::trunc);
        for (const auto& database : databases) out << "auto " << database << "\n";
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    }
    int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
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
