// Furniture by repetition: candidate paragraphs from their terms' frequencies, their holders
// from the Facets values of their postings, and the passages deleted.
#include "src/index/furniture.h"

#include <map>
#include <nlohmann/json.hpp>

#include "schema/record.h"
#include "schema/schema.h"

namespace dateline {

namespace {

using schema::Field;

// Who holds one paragraph: per outlet, its articles and their days; and its text.
struct Holders {
    std::map<std::string, std::set<std::string>> articles, days;
    std::string text;
    std::size_t total() const {
        std::size_t n = 0;
        for (const auto& [source, ids] : articles) n += ids.size();
        return n;
    }
};

// The first bytes of a text, never cutting a UTF-8 character.
std::string cut(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
    return text.substr(0, bytes);
}

// Paragraph terms held by at least kFurnitureArticles passages in all: in some database, at
// least its share of them.
std::vector<std::string> candidates(const std::vector<Xapian::WritableDatabase*>& dbs) {
    const std::string prefix(schema::spec(Field::Paragraph).prefix);
    const std::size_t share = (kFurnitureArticles + dbs.size() - 1) / dbs.size();
    std::set<std::string> maybe;
    for (Xapian::WritableDatabase* db : dbs)
        for (auto t = db->allterms_begin(prefix); t != db->allterms_end(prefix); ++t)
            if (t.get_termfreq() >= share) maybe.insert(*t);
    std::vector<std::string> out;
    for (const std::string& term : maybe) {
        std::size_t passages = 0;
        for (Xapian::WritableDatabase* db : dbs) passages += db->get_termfreq(term);
        if (passages >= kFurnitureArticles) out.push_back(term);
    }
    return out;
}

Holders holders_of(const std::vector<Xapian::WritableDatabase*>& dbs, const std::string& term) {
    Holders h;
    const Xapian::valueno slot = schema::spec(Field::Facets).slot;
    for (Xapian::WritableDatabase* db : dbs)
        for (auto p = db->postlist_begin(term); p != db->postlist_end(term); ++p) {
            const Xapian::Document doc = db->get_document(*p);
            const schema::PassageFacets f = schema::unpack_facets(doc.get_value(slot));
            if (h.text.empty())
                if (auto record = schema::read_record(doc)) h.text = cut(record->text, 300);
            h.articles[f.source].insert(f.article);
            h.days[f.source].insert(f.date);
        }
    return h;
}

// The outlet whose furniture the paragraph is, or nullptr.
const std::string* furniture_outlet(const Holders& h) {
    const std::size_t total = h.total();
    for (const auto& [source, ids] : h.articles)
        if (ids.size() >= kFurnitureArticles && h.days.at(source).size() >= kFurnitureDays &&
            ids.size() * 10 >= total * 9)
            return &source;
    return nullptr;
}

// Deletes the passages of `source` holding `term`; their articles' records count them out.
std::size_t delete_passages(Xapian::WritableDatabase& db, const std::string& source,
                            const std::string& term) {
    const Xapian::valueno slot = schema::spec(Field::Facets).slot;
    std::map<Xapian::docid, std::string> gone;  // docid -> article
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const schema::PassageFacets f = schema::unpack_facets(db.get_document(*p).get_value(slot));
        if (f.source == source) gone.emplace(*p, f.article);
    }
    for (const auto& [docid, article] : gone) {
        db.delete_document(docid);
        const std::string key = schema::article_key(article);
        auto record = nlohmann::json::parse(db.get_metadata(key), nullptr, false);
        if (record.is_object() && record.contains("passages") &&
            record["passages"].is_number_unsigned() && record["passages"].get<long>() > 0) {
            record["passages"] = record["passages"].get<long>() - 1;
            db.set_metadata(key, record.dump());
        }
    }
    return gone.size();
}

}  // namespace

Furniture read_furniture(const Xapian::Database& db, bool* off) {
    Furniture out;
    const std::string stored = db.get_metadata(std::string(schema::kFurnitureKey));
    if (off) *off = stored == "off";
    auto j = nlohmann::json::parse(stored, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& pair : j)
        if (pair.is_array() && pair.size() >= 2 && pair[0].is_string() && pair[1].is_string())
            out.emplace(std::pair(pair[0].get<std::string>(), pair[1].get<std::string>()),
                        pair.size() > 2 && pair[2].is_string() ? pair[2].get<std::string>() : "");
    return out;
}

void keep_repeated(Xapian::WritableDatabase& db) {
    db.set_metadata(std::string(schema::kFurnitureKey), "off");
}

void write_furniture(Xapian::WritableDatabase& db, const Furniture& furniture) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [key, text] : furniture) out.push_back({key.first, key.second, text});
    db.set_metadata(std::string(schema::kFurnitureKey), furniture.empty() ? "" : out.dump());
}

FurnitureFound remove_furniture(std::vector<Xapian::WritableDatabase*> dbs, Furniture known) {
    FurnitureFound result;
    for (const std::string& term : candidates(dbs)) {
        const Holders holders = holders_of(dbs, term);
        const std::string* source = furniture_outlet(holders);
        if (!source) continue;
        result.new_paragraphs += known.emplace(std::pair(*source, term), holders.text).second;
        for (Xapian::WritableDatabase* db : dbs)
            result.passages += delete_passages(*db, *source, term);
    }
    result.found = std::move(known);
    return result;
}

}  // namespace dateline
