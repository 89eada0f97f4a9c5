// Fuzzes the query layer over a real index of corpus/ (built once, in a temporary folder): the
// QueryBuilder with the index's synonyms and aliases, Enquire, and the whole search with facets,
// snippets and both printers.
//
// Input: QUERY[\tSOURCE[\tSPEAKER[\tLOCATION[\tFROM[\tTO]]]]] -- the query, then option values.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>

#include "fuzz/fuzz_util.h"
#include "src/index/index.h"
#include "src/output/output.h"
#include "src/search/query.h"
#include "src/search/search.h"

namespace {

namespace fs = std::filesystem;

fs::path db_path;
Xapian::Database* db;
const dateline::QueryBuilder* builder;
Xapian::Enquire* enquire;

void remove_index() { fs::remove_all(db_path.parent_path()); }

std::vector<std::string> split_tabs(std::string_view input) {
    std::vector<std::string> fields;
    for (std::size_t pos = 0;;) {
        std::size_t tab = input.find('\t', pos);
        fields.emplace_back(input.substr(pos, tab - pos));
        if (tab == std::string_view::npos) return fields;
        pos = tab + 1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::string tmpl = (fs::temp_directory_path() / "dateline-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) fuzz::require(false, "cannot create a temporary folder");
    db_path = fs::path(tmpl) / "seeds.db";
    std::atexit(remove_index);
    {
        dateline::IndexOptions options;
        options.db_path = db_path.string();
        dateline::IndexWriter writer(options, dateline::IndexWriter::Mode::Rebuild, fuzz::ignore);
        writer.index_paths({std::string(DATELINE_SOURCE_DIR) + "/corpus"});
        writer.finish();
    }
    db = new Xapian::Database(db_path.string());
    builder = new dateline::QueryBuilder(*db);
    enquire = new Xapian::Enquire(*db);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::vector<std::string> fields =
        split_tabs(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::string& query = fields[0];

    // The parser alone, and a plain match of ten.
    try {
        enquire->set_query(builder->parse(query));
        Xapian::MSet mset = enquire->get_mset(0, 10);
        fuzz::require(mset.size() <= 10, "get_mset: more than asked");
    } catch (const dateline::QueryError& e) {
        fuzz::require(*e.what() != '\0', "QueryError without a message");
    }

    // The whole search as dateline-search runs it; a bad query or option is a QueryError.
    dateline::SearchRequest request;
    request.db_path = db_path.string();
    request.query = query;
    if (fields.size() > 1) request.sources.push_back(fields[1]);
    if (fields.size() > 2) request.speakers.push_back(fields[2]);
    if (fields.size() > 3) request.locations.push_back(fields[3]);
    if (fields.size() > 4) request.from = fields[4];
    if (fields.size() > 5) request.to = fields[5];
    request.limit = 5;
    dateline::SearchResults results;
    try {
        results = dateline::search(request);
    } catch (const dateline::QueryError& e) {
        fuzz::require(*e.what() != '\0', "QueryError without a message");
        return 0;
    }
    fuzz::require(results.hits.size() <= request.limit, "search: more hits than the limit");
    fuzz::require(results.total_passages >= results.hits.size(), "search: total below hits");
    fuzz::require(results.total_articles <= results.total_passages,
                  "search: more articles than passages");
    for (const auto& hit : results.hits)
        fuzz::require(fuzz::valid_utf8(hit.snippet), "search: snippet not UTF-8", hit.snippet);
    std::ostringstream out;
    dateline::print_json(results, out);
    dateline::print_text(results, dateline::Highlight::Markers, out);
    return 0;
}
