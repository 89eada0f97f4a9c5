// Quick signs that a database of an index is damaged, looked for where a full check would take
// too long: before a writer writes to it, and when a search opens it. `dateline-index check`
// looks for them too, besides Xapian's full check.
#pragma once

#include <xapian.h>

#include <string>

namespace dateline {

// What looks damaged in the glass database at `path`, opened as `db`, or "" if nothing does:
// a table file missing that every Dateline database with passages has (Xapian reads a missing
// table as an empty one, so phrases, synonyms or suggestions would change without a word), or
// the first and last passage, their terms, positions and values, and the tables' first keys
// unreadable.
std::string damage_signs(const std::string& path, const Xapian::Database& db);

// Only the missing table files: a few stats, cheap enough for every search.
std::string missing_tables(const std::string& path, const Xapian::Database& db);

}  // namespace dateline
