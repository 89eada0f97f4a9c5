// Opening an index for a search: its parts (local glass databases, remote shards, stub files
// listing them), each checked on its own and named in messages. Internal to src/search.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "schema/record.h"
#include "src/search/search.h"
#include "src/store/commit_lock.h"

namespace dateline {

// The databases a search opens, each checked on its own: a local glass database or a remote
// shard. Stub files (a Dateline index's XAPIANDB, or one a user writes) are read here rather
// than by Xapian, so that every part is checked and named in messages.
struct Part {
    std::string name;  // as messages name it: "index /x.db", "shard remote 10.0.0.2:8100 (...)"
    bool remote = false;
    Xapian::Database db;
    std::string path;  // a local part's folder
};

// A database a stub lists is not there: a build may have switched generation and removed it
// since the stub was read. search() opens the index afresh.
class PartGone : public IndexError {
  public:
    using IndexError::IndexError;
};

struct OpenedIndex {
    Xapian::Database db;  // every part, as one
    bool any_remote = false;
    // Bare surnames and the full names they stand for (schema::kPersonNamesKey), every part's.
    std::unordered_map<std::string, std::string> surnames;
    std::vector<Part> parts;
    // The fields declared at build time (schema::kDeclaredFieldsKey), by name.
    std::vector<schema::DeclaredField> declared;
    std::vector<ReadHold> holds;  // keep the revisions read alive: no commit while they are held
};

// Opens the request's db_paths (its db_path when there are none): each a Dateline index folder,
// a glass database or a stub file. Throws IndexError naming the part that is missing, corrupt,
// of another schema version, listed twice or unreachable, and saying what to do; PartGone for
// a part a stub lists that has gone.
OpenedIndex open_index(const SearchRequest& request);

// A passage's speakers and quotations named as the facets count them: each bare surname as the
// full name it stands for (OpenedIndex::surnames), each speaker once.
void show_full_names(const std::unordered_map<std::string, std::string>& surnames,
                     std::vector<std::string>& speakers, std::vector<schema::Quote>& quotes);

}  // namespace dateline
