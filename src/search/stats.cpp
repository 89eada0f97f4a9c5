// What an index holds (dateline-search --stats): searches without a query, and the parts' sizes.
#include <filesystem>

#include "schema/schema.h"
#include "src/search/open.h"
#include "src/search/search.h"

namespace dateline {

namespace {

// Bytes on disk of the local parts' folders (a remote part has none here).
std::uintmax_t bytes_on_disk(const std::vector<Part>& parts) {
    std::uintmax_t bytes = 0;
    for (const Part& part : parts) {
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(part.path, ec);
             !part.path.empty() && !ec && it != std::filesystem::recursive_directory_iterator();
             it.increment(ec))
            if (it->is_regular_file(ec)) bytes += it->file_size(ec);
    }
    return bytes;
}

}  // namespace

IndexStats index_stats(const SearchRequest& request) {
    SearchRequest every = request;
    every.query.clear();
    every.limit = 0;
    SearchResults counts = search(every);
    IndexStats stats;
    stats.articles = counts.total_articles;
    stats.passages = counts.total_passages;
    stats.facets = std::move(counts.facets);
    // Outlets all, however many: they are what a reader browses.
    every.facet_limit = 0;
    if (request.facet_limit) {
        const std::string_view outlets = schema::spec(schema::Field::Source).name;
        SearchResults whole = search(every);
        for (Facet& f : stats.facets)
            for (Facet& all : whole.facets)
                if (f.name == outlets && all.name == outlets) f = std::move(all);
    }

    // The first and last dates: the oldest and newest dated passage, one search each.
    every.limit = 1;
    every.from = request.from.empty() ? "0001" : request.from;
    every.per_article = true;
    for (SortOrder order : {SortOrder::Oldest, SortOrder::Newest}) {
        every.sort = order;
        SearchResults one = search(every);
        if (one.hits.empty()) continue;
        (order == SortOrder::Oldest ? stats.first_date : stats.last_date) = one.hits.front().date;
    }

    OpenedIndex index = open_index(request);
    for (const Part& part : index.parts) stats.databases.push_back(part.name);
    stats.bytes = bytes_on_disk(index.parts);
    return stats;
}

}  // namespace dateline
