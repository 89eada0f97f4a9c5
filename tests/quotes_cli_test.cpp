// Quotation-level search, end to end on invented articles: --speaker with quote: means the
// speaker said the words, and --quotes lists quotations (issue 15).
#include "tests/cli_util.h"

using namespace cli;

namespace {

// An index of invented articles: each a title, an outlet and paragraphs.
struct InventedIndex {
    TempDir tmp;
    fs::path db = tmp.path / "db";
    void add(const std::string& name, const std::string& source, const std::string& body) {
        fs::create_directories(tmp.path / "articles");
        std::ofstream(tmp.path / "articles" / (name + ".txt"))
            << "Title: " << name << "\nSource: " << source << "\nDate: 2024-05-0"
            << (1 + articles_++ % 9) << "\n\n"
            << body;
    }
    void build() {
        Run r =
            run(kIndex, {"build", (tmp.path / "articles").string(), "--db", db.string()}, tmp.path);
        REQUIRE_MESSAGE(r.status == 0, r.err);
    }
    Run search(std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db.string()});
        return run(kSearch, args, tmp.path);
    }
    json search_json(std::vector<std::string> args) {
        args.insert(args.end(), {"--format", "json"});
        Run r = search(args);
        REQUIRE_MESSAGE(r.status <= 1, r.err);
        return json::parse(r.out);
    }
    int articles_ = 0;
};

}  // namespace

TEST_CASE("with quote:, --speaker means that speaker said the words") {
    InventedIndex index;
    index.add("Press briefing", "Daily Ledger",
              "Mara Quill met Tobias Venn at the council.\n\n"
              "\"This is fake news,\" Quill said, and Venn replied: \"We will see in court.\"\n");
    index.add("Council row", "Evening Star",
              "Tobias Venn spoke to reporters.\n\n"
              "\"The budget is sound,\" Venn said.\n");
    index.build();
    json quill = index.search_json({"quote:\"fake news\"", "--speaker", "Mara Quill"});
    CHECK(quill["total_passages"] == 1);
    // The quote: words are highlighted in the snippet, as plain query words are.
    CHECK(quill["hits"][0]["snippet"].get<std::string>().find("**fake** **news**") !=
          std::string::npos);
    // Venn is a speaker of that passage, but he did not say those words.
    json venn = index.search_json({"quote:\"fake news\"", "--speaker", "Tobias Venn"});
    CHECK(venn["total_passages"] == 0);
    CHECK(index.search({"quote:\"fake news\"", "--speaker", "Tobias Venn"}).status == 1);
    // A surname names the speaker as --speaker always does; his own words are found.
    CHECK(index.search_json({"quote:court", "--speaker", "Venn"})["total_passages"] == 1);
    // Without quote: terms --speaker still selects passages by their speakers.
    CHECK(index.search_json({"fake", "--speaker", "Tobias Venn"})["total_passages"] == 1);
    // The facets count the same passages as the total: the speaker's own multi-select pass
    // leaves the speaker filter out, and the outlet facet counts Quill's one article.
    CHECK(quill["facets"]["source"].size() == 1);
    CHECK(venn["facets"]["source"].size() == 0);
}
