// The walk over the PATHs given to the indexer and to `check`: which article files and JSON
// Lines files they name, and the ids and origins of what they hold. One walk for both, so that
// check reads exactly what update reads.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "src/base/report.h"
#include "src/ingest/article.h"
#include "src/ingest/jsonl.h"

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

// What one PATH names. Reading the files is the caller's: the walk opens only the first bytes
// of a file whose name does not tell its kind (*.xml: a feed or not).
struct PathSources {
    enum class Kind {
        Missing,       // no such file or folder (or its status cannot be read)
        ArticleFiles,  // a folder (its article files and collections, recursively) or one file
        Collection,    // a file of several articles, imported whole: JSON Lines or a feed
    };
    Kind kind = Kind::Missing;
    // ArticleFiles: the folder's article files in path order (hidden files and folders left
    // out, links to folders not followed), or the one file given.
    std::vector<ArticleFile> files;
    // The folder's collections (is_collection), in path order.
    std::vector<std::string> collections;
    // The folder's other files, which are not articles, counted by extension (".pdf"; "" for
    // none): told in the summary, never indexed.
    std::map<std::string, std::size_t> not_articles;
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
// Whether a file holds several articles, by its name: JSON Lines (*.jsonl, *.jsonl.gz) or a
// feed (*.rss, *.atom, also .gz). An *.xml file is a feed if its first element says so.
bool is_collection(const std::string& path);
// A web page, by its name (*.html, *.htm, *.xhtml, plain or gzipped).
bool is_web_page(const std::string& name);
// An article file's id part of its name: "a" for a.txt, a.html and a.html.gz.
std::string article_stem(const std::filesystem::path& file);

// Reads and parses an article file by its kind (header-and-body text, or a web page, gunzipped
// when its name ends in .gz; markup in a file of another name is read as a web page). Throws
// with the reason if it cannot be indexed: a binary format is named ("not an article format
// (PDF); convert it to text or HTML first").
Article read_article_file(const std::string& file, const std::string& id, const Report& warn,
                          const InputFields& input = {});

// Reads a collection (is_collection; "-" is JSON Lines on the standard input): calls `take`
// for each article, reports each that cannot be read, and returns how many those were. Throws
// with the reason if the file cannot be read at all.
std::size_t read_collection(const std::string& path, const std::function<void(Article&&)>& take,
                            const Report& report, const InputFields& keys);

// Looks at one PATH and, for a folder, lists it, following links as `links` allows.
PathSources list_path(const std::string& path, const LinkRule& links);

// The read permissions that any of these PATHs withholds (PathSources::withheld, joined).
std::filesystem::perms withheld_permissions(const std::vector<PathSources>& listed);

// True if `path` is `root` or lies below it (both absolute, as absolute_path gives them).
bool is_under(const std::string& path, const std::string& root);

}  // namespace dateline
