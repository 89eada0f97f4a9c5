// The walk over source PATHs shared by the indexer and `check`.
#include "src/index/sources.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "src/index/index.h"
#include "src/ingest/feed.h"
#include "src/ingest/formats.h"
#include "src/ingest/html.h"

namespace fs = std::filesystem;

namespace dateline {

namespace {

// A gzipped file's bytes, at most kMaxArticleFile of them.
std::string gunzip_file(const std::string& file) {
    std::unique_ptr<gzFile_s, int (*)(gzFile)> in(gzopen(file.c_str(), "rb"), gzclose);
    if (!in) throw std::runtime_error(std::string("cannot read: ") + std::strerror(errno));
    std::string bytes;
    std::vector<char> block(1 << 16);
    for (int n; (n = gzread(in.get(), block.data(), static_cast<unsigned>(block.size()))) > 0;) {
        if (stop_requested()) throw Interrupted();
        bytes.append(block.data(), static_cast<std::size_t>(n));
        if (bytes.size() > kMaxArticleFile)
            throw std::runtime_error("larger than " + std::to_string(kMaxArticleFile >> 20) +
                                     " MiB uncompressed; split it");
    }
    int code = Z_OK;
    const char* message = gzerror(in.get(), &code);
    if (code != Z_OK && code != Z_STREAM_END)
        throw std::runtime_error(std::string("damaged or truncated gzip data (") + message + ")");
    return bytes;
}

// The group and others bits that `p` gives no read permission to.
fs::perms unreadable_by(fs::perms p) {
    fs::perms out = fs::perms::none;
    if ((p & fs::perms::group_read) == fs::perms::none) out |= fs::perms::group_all;
    if ((p & fs::perms::others_read) == fs::perms::none) out |= fs::perms::others_all;
    return out;
}

bool within(const std::string& real_path, const LinkRule& links) {
    return std::any_of(links.roots.begin(), links.roots.end(),
                       [&](const std::string& root) { return is_under(real_path, root); });
}

// The first bytes of a file, "" if it cannot be read or is not a regular file (a pipe would
// block the walk).
std::string head_of(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return "";
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

bool is_feed_name(const std::string& name) {
    for (const char* ext : {".rss", ".atom"})
        if (ends_with(name, ext) || ends_with(name, std::string(ext) + ".gz")) return true;
    return false;
}

// ".pdf" for a.PDF, "" for a name without an extension.
std::string extension_of(const fs::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// A folder entry to be read (an article file or a collection): true, or false if it is set
// aside as a bad link or as a link that leads outside the PATHs.
bool take_entry(const fs::directory_entry& entry, const LinkRule& links, PathSources& out) {
    // Links to folders are not followed (no loops); a looping or broken link to a file is
    // named to the caller.
    std::error_code link;
    const fs::file_status status = entry.status(link);
    if (link) {
        out.bad_links.emplace_back(entry.path().string(), link);
        return false;
    }
    if (!fs::is_regular_file(status)) return false;
    std::error_code ec;
    if (!links.any_target && entry.is_symlink(ec)) {
        const std::string target = fs::canonical(entry.path(), ec).string();
        if (ec || !within(target, links)) {
            out.outside_links.emplace_back(entry.path().string(), ec ? ec.message() : target);
            return false;
        }
    }
    out.withheld |= unreadable_by(status.permissions());
    return true;
}

// Sorts a folder's entry: an article file, a collection, or a file that is neither (counted).
void sort_entry(const fs::directory_entry& entry, const LinkRule& links,
                std::vector<fs::path>& files, std::vector<fs::path>& collections,
                PathSources& out) {
    const std::string name = entry.path().filename().string();
    if (is_article_file(name)) {
        if (take_entry(entry, links, out)) files.push_back(entry.path());
    } else if (is_collection(entry.path().string())) {
        if (take_entry(entry, links, out)) collections.push_back(entry.path());
    } else {
        std::error_code ec;
        if (entry.is_regular_file(ec)) ++out.not_articles[extension_of(entry.path())];
    }
}

// A folder's article files, sorted, with their ids relative to the folder.
void list_folder(const std::string& path, const LinkRule& links, PathSources& out) {
    std::vector<fs::path> files, collections;
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
        sort_entry(*it, links, files, collections, out);
    }
    out.list_error = ec;
    std::sort(files.begin(), files.end());
    for (const auto& file : files) out.files.push_back({file.string(), id_from_path(file, root)});
    std::sort(collections.begin(), collections.end());
    for (const auto& file : collections) out.collections.push_back(file.string());
}

}  // namespace

bool is_web_page(const std::string& name) {
    for (const char* ext : {".html", ".htm", ".xhtml"})
        if (ends_with(name, ext) || ends_with(name, std::string(ext) + ".gz")) return true;
    return false;
}

bool is_article_file(const std::string& name) {
    return ends_with(name, ".txt") || is_web_page(name);
}

bool is_collection(const std::string& path) {
    if (is_jsonl(path) || is_feed_name(path)) return true;
    return ends_with(path, ".xml") && looks_like_feed(head_of(path));
}

std::string article_stem(const fs::path& file) {
    fs::path name = file.filename();
    if (name.extension() == ".gz") name = name.stem();
    return name.stem().string();
}

Article read_article_file(const std::string& file, const std::string& id, const Report& warn,
                          const InputFields& input) {
    check_article_file(file);
    const std::string bytes = ends_with(file, ".gz") ? gunzip_file(file) : read_file(file);
    if (is_web_page(file) || looks_like_html(bytes))
        return parse_html_article(bytes, id, file, warn);
    return parse_article(bytes, id, file, warn, input);
}

std::size_t read_collection(const std::string& path, const std::function<void(Article&&)>& take,
                            const Report& report, const InputFields& keys) {
    if (path == "-" || is_jsonl(path)) return read_jsonl(path, take, report, keys);
    check_article_file(path);
    const std::string bytes = ends_with(path, ".gz") ? gunzip_file(path) : read_file(path);
    return read_feed(bytes, path, take, report);
}

LinkRule link_rule(const std::vector<std::string>& paths, bool any_target) {
    LinkRule rule{{}, any_target};
    for (const std::string& path : paths) {
        std::error_code ec;
        const fs::path real = fs::canonical(path, ec);
        if (!ec) rule.roots.push_back(real.string());
    }
    return rule;
}

PathSources list_path(const std::string& path, const LinkRule& links) {
    PathSources out;
    if (path == "-") {  // JSON Lines on the standard input
        out.kind = PathSources::Kind::Collection;
        return out;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return out;
    out.withheld = unreadable_by(status.permissions());
    if (fs::is_directory(status)) {
        out.kind = PathSources::Kind::ArticleFiles;
        list_folder(path, links, out);
    } else if (is_collection(path) ||
               (fs::is_regular_file(status) && looks_like_feed(head_of(path)))) {
        out.kind = PathSources::Kind::Collection;
    } else {
        out.kind = PathSources::Kind::ArticleFiles;
        out.files.push_back({path, article_stem(path)});
    }
    return out;
}

fs::perms withheld_permissions(const std::vector<PathSources>& listed) {
    fs::perms out = fs::perms::none;
    for (const PathSources& sources : listed) out |= sources.withheld;
    return out;
}

bool is_under(const std::string& path, const std::string& root) {
    return path == root || path.compare(0, root.size() + 1, root + "/") == 0;
}

}  // namespace dateline
