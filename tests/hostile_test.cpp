// End-to-end: messy and hostile input files; each is named in a message and the good input
// beside it is indexed.
#include "tests/cli_util.h"

using namespace cli;

TEST_CASE("a symbolic link loop and a broken link are named and skipped, the rest is indexed") {
    TempDir tmp;
    fs::path corpus = tmp.path / "corpus";
    fs::create_directories(corpus / "sub");
    write_file(corpus / "good.txt",
               "Title: Good\nSource: Test\nDate: 2020-01-01\n\nA good text.\n");
    fs::create_symlink("loop-b.txt", corpus / "loop-a.txt");
    fs::create_symlink("loop-a.txt", corpus / "loop-b.txt");
    fs::create_symlink("nowhere.txt", corpus / "broken.txt");
    fs::create_directory_symlink("..", corpus / "sub" / "up");  // a folder loop: not followed
    Run r = run(kIndex, {"build", corpus.string(), "--db", (tmp.path / "db").string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK(r.err.find("loop-a.txt: error: cannot open") != std::string::npos);
    CHECK(r.err.find("broken.txt: error: cannot open") != std::string::npos);
    CHECK(r.out.find("1 added") != std::string::npos);
}

TEST_CASE("update keeps the articles of a PATH it cannot read") {
    SeedsIndex seeds;
    fs::rename(seeds.corpus, seeds.tmp.path / "moved");
    Run r = seeds.index({"update", seeds.corpus.string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("no such file or folder") != std::string::npos);
    CHECK(r.err.find("articles indexed from it are kept") != std::string::npos);
    CHECK(r.out.find("0 removed") != std::string::npos);
    CHECK(seeds.search_json({})["total_articles"] == 5);
}

TEST_CASE("a header with neither title nor text is named and skipped") {
    TempDir tmp;
    write_file(tmp.path / "bare.txt", "Date: 2020-01-01\n");
    write_file(tmp.path / "good.txt", "Title: Good\nSource: Test\nDate: 2020-01-01\n\nText.\n");
    Run r = run(kIndex,
                {"add", (tmp.path / "bare.txt").string(), (tmp.path / "good.txt").string(), "--db",
                 (tmp.path / "db").string()},
                tmp.path);
    CHECK(r.status == 2);
    CHECK(r.err.find("bare.txt: error: no title and no text") != std::string::npos);
    CHECK(r.out.find("1 added") != std::string::npos);
}

TEST_CASE("an article larger than a segment is indexed whole, its passages numbered in order") {
    TempDir tmp;
    std::string text = "Title: Long\nSource: Test\nDate: 2020-01-01\n\n";
    int paragraphs = 0;
    while (text.size() < 3 * (1 << 20)) {
        text += "Paragraph number p" + std::to_string(paragraphs++) +
                " of a very long report on the protests in the capital and the regions.\n\n";
    }
    write_file(tmp.path / "long.txt", text);
    fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"add", (tmp.path / "long.txt").string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find(std::to_string(paragraphs) + " passages written") == std::string::npos);
    CHECK(r.out.find(std::to_string(paragraphs + 1) + " passages written") != std::string::npos);
    std::string last = "p" + std::to_string(paragraphs - 1);
    Run hit = run(kSearch, {"--db", db.string(), "--format", "json", last}, tmp.path);
    REQUIRE(hit.status == 0);
    json result = json::parse(hit.out);
    CHECK(result["hits"][0]["passage"] == paragraphs);  // the title is passage 0
    Run check = run(kIndex, {"check", "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.out << check.err);
}
