// One whole article, passage by passage, as the index holds it (dateline-search --article ID).
#pragma once

#include <string>
#include <vector>

#include "schema/record.h"
#include "src/search/search.h"

namespace dateline {

// The passages of the article with this id, in order (the title first), their speakers named as
// search results name them. Empty if no article has that id. Throws as search() does.
std::vector<schema::PassageRecord> read_article(const SearchRequest& request,
                                                const std::string& id);

// The passages of `hit`'s article within `n` of it, into hit.before and hit.after.
void add_context(const Xapian::Database& db, std::size_t n, Hit& hit);

}  // namespace dateline
