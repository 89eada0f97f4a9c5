// The walk over source PATHs shared by the indexer and `check`.
#include "src/index/sources.h"

#include <algorithm>
#include <filesystem>

#include "src/index/index.h"

namespace fs = std::filesystem;

namespace dateline {

namespace {

// A folder's *.txt files, sorted, with their ids relative to the folder.
void list_folder(const std::string& path, PathSources& out) {
    std::vector<fs::path> files;
    const fs::path root = fs::path(path).lexically_normal();
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            std::error_code hidden;
            if (it->is_directory(hidden)) it.disable_recursion_pending();
            continue;
        }
        if (!ends_with(name, ".txt")) continue;
        // Links to folders are not followed (no loops); a looping or broken link to a file is
        // named to the caller.
        std::error_code link;
        const bool regular = it->is_regular_file(link);
        if (link)
            out.bad_links.emplace_back(it->path().string(), link);
        else if (regular)
            files.push_back(it->path());
    }
    out.list_error = ec;
    std::sort(files.begin(), files.end());
    for (const auto& file : files) out.files.push_back({file.string(), id_from_path(file, root)});
}

}  // namespace

PathSources list_path(const std::string& path) {
    PathSources out;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return out;
    if (fs::is_directory(status)) {
        out.kind = PathSources::Kind::ArticleFiles;
        list_folder(path, out);
    } else if (is_jsonl(path)) {
        out.kind = PathSources::Kind::JsonLines;
    } else {
        out.kind = PathSources::Kind::ArticleFiles;
        out.files.push_back({path, fs::path(path).stem().string()});
    }
    return out;
}

bool is_under(const std::string& path, const std::string& root) {
    return path == root || path.compare(0, root.size() + 1, root + "/") == 0;
}

}  // namespace dateline
