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

TEST_CASE("legacy encodings, UTF-16, a declared Charset, NUL bytes and binary files") {
    TempDir tmp;
    fs::path corpus = tmp.path / "corpus";
    fs::create_directories(corpus);
    const std::string ru =
        "Title: Выборы в Беларуси\nSource: Тест\nDate: 2020-08-16\n\nВ воскресенье в Минске "
        "прошла многотысячная акция протеста. Президент Александр Лукашенко выступил перед "
        "сторонниками на площади Независимости и заявил, что не отдаст страну.\n";
    const std::string fr =
        "Title: Café society in Zürich\nSource: Test\nDate: 2020-08-16\n\nThe café owners of "
        "Zürich déclared a grève; the naïve résumé of the événement was printed in the "
        "Gazette. François said the protest would go on.\n";
    write_file(tmp.path / "ru.utf8", ru);
    write_file(tmp.path / "declared.utf8", "Charset: windows-1251\n" + ru);
    write_file(tmp.path / "fr.utf8", fr);
    // iconv (glibc) makes the legacy and UTF-16 files from the UTF-8 texts.
    auto iconv = [&](const std::string& from, const std::string& to, const std::string& file) {
        Run r = run("sh",
                    {"-c", "iconv -f UTF-8 -t " + to + " " + quote((tmp.path / from).string()) +
                               " > " + quote((corpus / file).string())},
                    tmp.path);
        REQUIRE_MESSAGE(r.status == 0, r.err);
    };
    iconv("ru.utf8", "WINDOWS-1251", "cp1251.txt");
    iconv("declared.utf8", "WINDOWS-1251", "declared.txt");
    iconv("fr.utf8", "ISO-8859-1", "latin1.txt");
    iconv("fr.utf8", "UTF-16", "utf16-bom.txt");  // glibc writes a byte order mark
    iconv("fr.utf8", "UTF-16BE", "utf16be.txt");  // and none here
    write_file(corpus / "bom.txt", "\xEF\xBB\xBF" + fr);
    // One NUL in a few hundred bytes of text is a flaw, not a binary file.
    write_file(corpus / "nul.txt",
               "Title: Stray\n\nA text with a stray" + std::string(1, '\0') +
                   " NUL byte in it.\n\nAnd a second paragraph, long enough that the single NUL "
                   "byte is well under one per cent of the bytes of this small file, as in a "
                   "scraped page where one zero byte slipped into otherwise ordinary text.\n");
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>(i % 256);
    write_file(corpus / "binary.txt", binary);
    write_file(corpus / "klingon.txt", "Charset: klingon\nTitle: X\n\nText.\n");
    write_file(corpus / "empty.txt", "");

    fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK(r.out.find("7 added") != std::string::npos);
    CHECK(r.out.find("3 skipped") != std::string::npos);
    CHECK(r.err.find("cp1251.txt: warning: not UTF-8; read as windows-1251") != std::string::npos);
    CHECK(r.err.find("latin1.txt: warning: not UTF-8; read as ISO-8859-1") != std::string::npos);
    CHECK(r.err.find("utf16be.txt: warning: not UTF-8; read as UTF-16BE") != std::string::npos);
    CHECK(r.err.find("declared.txt: warning") == std::string::npos);   // declared: no guess
    CHECK(r.err.find("utf16-bom.txt: warning") == std::string::npos);  // marked: no guess
    CHECK(r.err.find("bom.txt: warning") == std::string::npos);
    CHECK(r.err.find("nul.txt: warning: 1 NUL byte removed") != std::string::npos);
    CHECK(r.err.find("binary.txt: error: not an article format (binary data); convert it to text "
                     "or HTML first") != std::string::npos);
    CHECK(r.err.find("klingon.txt: error: unknown character set 'klingon'") != std::string::npos);
    CHECK(r.err.find("empty.txt: error: empty file") != std::string::npos);

    auto articles = [&](const std::string& query) {
        Run s = run(kSearch, {"--db", db.string(), "--format", "json", query}, tmp.path);
        REQUIRE_MESSAGE(s.status <= 1, s.err);
        return json::parse(s.out)["total_articles"].get<int>();
    };
    CHECK(articles("Лукашенко") == 2);  // windows-1251, detected and declared
    CHECK(articles("Zürich") == 4);     // Latin-1, UTF-16 with and without a mark, BOM
    CHECK(articles("\"stray NUL byte\"") == 1);
}

TEST_CASE("a duplicate id is reported, not merged, ids and words over Xapian's term limit") {
    TempDir tmp;
    fs::path corpus = tmp.path / "corpus";
    fs::create_directories(corpus);
    std::string long_id(300, 'i');
    std::string long_word(300, 'w');
    write_file(corpus / "a.txt",
               "Id: same\nTitle: First\nSource: Test\nDate: 2020-01-01\n\nThe first text.\n");
    write_file(corpus / "b.txt",
               "Id: same\nTitle: Second\nSource: Test\nDate: 2020-01-01\n\nThe second text.\n");
    write_file(corpus / "c.txt",
               "Id: " + long_id + "\nTitle: Long\nSource: " + std::string(300, 's') +
                   "\nDate: 2020-01-01\n\nA " + long_word + " and an ordinary findable word.\n");
    fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK(r.err.find("b.txt: error: duplicate id 'same' (already read from") != std::string::npos);
    CHECK(r.out.find("2 added") != std::string::npos);
    Run first = run(kSearch, {"--db", db.string(), "--format", "json", "first"}, tmp.path);
    CHECK(json::parse(first.out)["total_articles"] == 1);
    Run second = run(kSearch, {"--db", db.string(), "second"}, tmp.path);
    CHECK(second.status == 1);  // not merged into 'same'
    Run found = run(kSearch, {"--db", db.string(), "--format", "json", "findable"}, tmp.path);
    REQUIRE(found.status == 0);
    CHECK(json::parse(found.out)["hits"][0]["article_id"] == long_id);
    Run removed = run(kIndex, {"remove", long_id, "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(removed.status == 0, removed.err);
    CHECK(run(kSearch, {"--db", db.string(), "findable"}, tmp.path).status == 1);

    // In JSON Lines: the lines are named, and the advice is the "id" key, not a header.
    const fs::path lines = tmp.path / "wire.jsonl";
    const std::string record =
        R"({"id": "w1", "source": "Test", "title": "Quay", "text": "A quay."})";
    write_file(lines, record + "\n" + record + "\n");
    Run imported = run(kIndex, {"import", lines.string(), "--db", db.string()}, tmp.path);
    CHECK(imported.status == 2);
    CHECK_MESSAGE(imported.err.find(lines.string() +
                                    ":2: error: duplicate id 'w1' (already read "
                                    "from " +
                                    lines.string() +
                                    ":1); skipped; give one of them "
                                    "another \"id\"") != std::string::npos,
                  imported.err);
}
