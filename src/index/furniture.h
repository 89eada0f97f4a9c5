// An outlet's own furniture, found by repetition: a paragraph printed verbatim under many of one
// outlet's articles, on several days ("Get the Monitor Stories you care about delivered to your
// inbox"), is the outlet's page, not its reporting. Its passages are dropped; the paragraph is
// remembered in the index (schema::kFurnitureKey), so that articles written later drop it too.
//
// The rule: a body paragraph (never a title) is furniture for outlet S when at least
// kFurnitureArticles articles of S hold it, dated on at least kFurnitureDays different days, and
// S's articles are at least 90% of all the articles that hold it. A paragraph that several
// outlets print (a wire copy) is kept and folded as before; the versions of one story, published
// the same day or the next, do not reach the days.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

inline constexpr std::size_t kFurnitureArticles = 5;
inline constexpr std::size_t kFurnitureDays = 3;

// Known furniture: (outlet as displayed, paragraph term) -> the paragraph's text (its first 300
// bytes), kept so that what was left out can be read back: xapian-metadata get DB
// dateline:furniture.
using Furniture = std::map<std::pair<std::string, std::string>, std::string>;

// The index's furniture; `off` is set for an index built with --keep-repeated.
Furniture read_furniture(const Xapian::Database& db, bool* off = nullptr);
// Marks the index as keeping repeated paragraphs (schema::kFurnitureKey = "off").
void keep_repeated(Xapian::WritableDatabase& db);
void write_furniture(Xapian::WritableDatabase& db, const Furniture& furniture);

// What one search for furniture found and removed.
struct FurnitureFound {
    Furniture found;  // every furniture paragraph now known, old and new
    std::size_t new_paragraphs = 0;
    std::size_t passages = 0;  // passages removed
};

// Finds the furniture among the passages of `dbs` (the shards of one index, counted as one),
// deletes those passages (their articles' records count one passage fewer each) and adds the
// paragraphs to `known`. Reads only the terms of paragraphs held by several passages.
FurnitureFound remove_furniture(std::vector<Xapian::WritableDatabase*> dbs, Furniture known);

}  // namespace dateline
