// Quick signs of damage in a glass database (see sanity.h).
#include "src/store/sanity.h"

#include <filesystem>
#include <iterator>
#include <system_error>
#include <vector>

#include "schema/schema.h"

namespace dateline {

namespace {

// Tables every committed passage brings: its data, terms and their positions.
constexpr const char* kPassageTables[] = {"postlist", "docdata", "termlist", "position"};

// Words the writer stores spellings of: an unprefixed term without digits (see
// database_writer.cpp). Terms from "a" on start with a lower-case letter or a non-ASCII byte.
bool has_spelling_words(const Xapian::Database& db) {
    int looked = 0;
    for (auto t = db.allterms_begin("a"); t != db.allterms_end() && looked < 1000; ++t, ++looked)
        if ((*t).find_first_of("0123456789") == std::string::npos) return true;
    return false;
}

// The tables this database must have: those of its passages, and once a writer has finished
// with it (its synonyms are stored at the end, with the spellings of a build), the synonym and
// spelling tables when there is something to put in them. A first import in progress has
// neither yet.
std::vector<std::string> expected_tables(const Xapian::Database& db) {
    std::vector<std::string> tables(std::begin(kPassageTables), std::end(kPassageTables));
    const std::string synonyms = db.get_metadata(std::string(schema::kSynonymsKey));
    if (synonyms.empty()) return tables;
    if (synonyms != "{}") tables.push_back("synonym");
    if (has_spelling_words(db)) tables.push_back("spelling");
    return tables;
}

// Reads one passage the way searches and updates do: its data, terms, their positions, values.
void read_passage(const Xapian::Database& db, Xapian::docid did) {
    const Xapian::Document doc = db.get_document(did);
    if (doc.get_data().empty()) throw Xapian::DatabaseCorruptError("its stored data is empty");
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) (void)*v;
}

// The first key of each table that has keys of its own.
void read_first_keys(const Xapian::Database& db) {
    if (db.allterms_begin() != db.allterms_end()) (void)db.allterms_begin().get_termfreq();
    if (db.spellings_begin() != db.spellings_end()) (void)*db.spellings_begin();
    if (db.synonym_keys_begin() != db.synonym_keys_end()) (void)*db.synonym_keys_begin();
    if (db.metadata_keys_begin() != db.metadata_keys_end())
        (void)db.get_metadata(*db.metadata_keys_begin());
}

// The first document there is: ids may have gaps (removed articles).
Xapian::docid first_docid(const Xapian::Database& db) {
    Xapian::PostingIterator it = db.postlist_begin("");
    return it == db.postlist_end("") ? 0 : *it;
}

// The last document there is, looked for among the last 1,000 ids used (0 if none is there).
Xapian::docid last_docid(const Xapian::Database& db) {
    const Xapian::docid last = db.get_lastdocid();
    Xapian::PostingIterator it = db.postlist_begin("");
    it.skip_to(last > 1000 ? last - 1000 : 1);
    Xapian::docid found = 0;
    for (; it != db.postlist_end(""); ++it) found = *it;
    return found;
}

}  // namespace

std::string missing_tables(const std::string& path, const Xapian::Database& db) {
    if (db.get_doccount() == 0) return "";
    std::error_code ec;
    for (const std::string& table : expected_tables(db)) {
        const std::filesystem::path file = std::filesystem::path(path) / (table + ".glass");
        if (!std::filesystem::exists(file, ec))
            return "its table file " + file.string() + " is missing";
    }
    return "";
}

std::string damage_signs(const std::string& path, const Xapian::Database& db) {
    if (std::string missing = missing_tables(path, db); !missing.empty()) return missing;
    if (db.get_doccount() == 0) return "";
    Xapian::docid did = 0;
    try {
        read_first_keys(db);
        did = first_docid(db);
        read_passage(db, did);
        did = last_docid(db);
        if (did) read_passage(db, did);
    } catch (const Xapian::Error& e) {
        return (did ? "document " + std::to_string(did) + " cannot be read ("
                    : "a table cannot be read (") +
               e.get_description() + ")";
    }
    return "";
}

}  // namespace dateline
