// The walk over the PATHs given to the indexer and to `check`: which article files and JSON
// Lines files they name, and the ids and origins of what they hold. One walk for both, so that
// check reads exactly what update reads.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "src/base/report.h"
#include "src/ingest/article.h"

namespace dateline {

// An article file found under a PATH, or named by it.
struct ArticleFile {
    std::string file;  // as found under the folder given ("corpus/sub/a.txt"), or as given
    std::string id;    // the id from its path (see id_from_path in index.h)
};

// Which links met in a folder are followed. A link leading outside every PATH given could make a
// file only its owner may read searchable by everyone (the index is theirs to read): such links
// are followed only when the user says so (--follow-outside-links).
struct LinkRule {
    std::vector<std::string> roots;  // the PATHs given, as real paths (links resolved)
    bool any_target = false;         // follow links wherever they lead
};

// The rule for a walk of these PATHs.
LinkRule link_rule(const std::vector<std::string>& paths, bool any_target);

// What one PATH names. Reading the files is the caller's: the walk opens none of them.
struct PathSources {
    enum class Kind {
        Missing,       // no such file or folder (or its status cannot be read)
        ArticleFiles,  // a folder (its *.txt files, recursively) or one article file
        JsonLines,     // a *.jsonl or *.jsonl.gz file, imported whole
    };
    Kind kind = Kind::Missing;
    // ArticleFiles: the folder's *.txt files in path order (hidden files and folders left out,
    // links to folders not followed), or the one file given.
    std::vector<ArticleFile> files;
    // *.txt entries of the folder that cannot be opened (a link loop or a broken link), in the
    // order they were met, with the reason.
    std::vector<std::pair<std::string, std::error_code>> bad_links;
    // Links to files outside the PATHs given (see LinkRule), not followed: link and target.
    std::vector<std::pair<std::string, std::string>> outside_links;
    // Read permissions (group, others) that the PATH or one of its files withholds: the index
    // made from them withholds them too.
    std::filesystem::perms withheld = std::filesystem::perms::none;
    // Set if listing the folder failed part way; `files` holds what was found before.
    std::error_code list_error;
};

// Whether a folder's file is an article: *.txt, or a saved web page (*.html, *.htm, *.xhtml),
// plain or gzipped (*.html.gz).
bool is_article_file(const std::string& name);
// A web page, by its name (*.html, *.htm, *.xhtml, plain or gzipped).
bool is_web_page(const std::string& name);
// An article file's id part of its name: "a" for a.txt, a.html and a.html.gz.
std::string article_stem(const std::filesystem::path& file);

// Reads and parses an article file by its kind (header-and-body text, or a web page, gunzipped
// when its name ends in .gz). Throws with the reason if it cannot be indexed.
Article read_article_file(const std::string& file, const std::string& id, const Report& warn);

// Looks at one PATH and, for a folder, lists it, following links as `links` allows.
PathSources list_path(const std::string& path, const LinkRule& links);

// The read permissions that any of these PATHs withholds (PathSources::withheld, joined).
std::filesystem::perms withheld_permissions(const std::vector<PathSources>& listed);

// True if `path` is `root` or lies below it (both absolute, as absolute_path gives them).
bool is_under(const std::string& path, const std::string& root);

}  // namespace dateline
