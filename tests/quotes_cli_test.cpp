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

TEST_CASE("--quotes lists quotations, one line for the same words carried by several outlets") {
    InventedIndex index;
    const std::string wire =
        "Mara Quill addressed the harbour board on Tuesday.\n\n"
        "\"The harbour will stay open all winter,\" Quill said.\n";
    index.add("Harbour open", "Daily Ledger", wire);
    index.add("Harbour stays open", "Evening Star", wire);
    index.add("Quill on the harbour", "Coast Radio",
              wire + "\n\"Nobody loses a job,\" she said.\n");
    index.add("Venn replies", "Evening Star",
              "Tobias Venn answered the board.\n\n\"The harbour is losing money,\" Venn said.\n");
    index.build();

    json all = index.search_json({"--quotes", "quote:harbour"});
    REQUIRE(all["quotes"].is_array());
    CHECK(all["total_quotes"] == 2);  // Quill's words once, Venn's once
    for (const auto& q : all["quotes"]) {
        for (const char* key : {"text", "speaker", "speaker_kind", "source", "date", "article_id",
                                "passage", "also_in"})
            CHECK_MESSAGE(q.contains(key), key);
        if (q["speaker"] == "Mara Quill") {
            CHECK(q["text"] == "The harbour will stay open all winter");
            CHECK(q["also_in"].size() == 2);  // the other two outlets
            CHECK(q["speaker_kind"] == "person");
        } else {
            CHECK(q["speaker"] == "Tobias Venn");
            CHECK(q["also_in"].empty());
        }
    }
    // Facets count quotation lines: per speaker once, per outlet each that carries one.
    std::map<std::string, int> outlets, speakers;
    for (const auto& v : all["facets"]["source"]) outlets[v["value"]] = v["count"];
    for (const auto& v : all["facets"]["speaker"]) speakers[v["value"]] = v["count"];
    CHECK(speakers["Mara Quill"] == 1);
    CHECK(speakers["Tobias Venn"] == 1);
    CHECK(outlets["Evening Star"] == 2);
    CHECK(outlets["Coast Radio"] == 1);

    // --speaker keeps that speaker's quotations; without quote: every one of them.
    json quill = index.search_json({"--quotes", "--speaker", "Mara Quill"});
    CHECK(quill["total_quotes"] == 2);
    for (const auto& q : quill["quotes"]) CHECK(q["speaker"] == "Mara Quill");
    // --limit and --offset count quotations.
    CHECK(index.search_json({"--quotes", "--speaker", "Quill", "--limit", "1"})["quotes"].size() ==
          1);
    CHECK(index.search_json({"--quotes", "--speaker", "Quill", "--offset", "1"})["quotes"].size() ==
          1);
    // Text: one line per quotation, with its speaker, outlet and the words.
    Run text = index.search({"--quotes", "quote:\"losing money\""});
    CHECK(text.status == 0);
    CHECK(text.out.find("Tobias Venn · Evening Star · ") == 0);
    CHECK(text.out.find("\u201cThe harbour is losing money\u201d") != std::string::npos);
    CHECK(text.out.find("1 quotation matched") != std::string::npos);
    // Nothing found: exit status 1.
    CHECK(index.search({"--quotes", "quote:lighthouse"}).status == 1);
}
