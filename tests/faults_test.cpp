// Faults a hostile world brings, run against the real programs: damaged and truncated input,
// broken index folders. Each case failed before its fix (issue 21).
#include <sys/stat.h>
#include <zlib.h>

#include "tests/cli_util.h"

using namespace cli;

namespace {

// `count` small articles of invented text, one JSON object a line.
std::string articles_jsonl(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        json a = {{"id", "a" + std::to_string(i)},
                  {"source", "Test Wire"},
                  {"date", "2020-08-16"},
                  {"title", "Harbour report number " + std::to_string(i)},
                  {"text", "The harbour master said the ferry " + std::to_string(i) +
                               " sailed at dawn.\n\nPassengers waited on the quay."}};
        out += a.dump() + "\n";
    }
    return out;
}

// `text` as a gzip stream; with `flush_only`, the stream is cut at a full flush point after
// `text` (a valid prefix of a longer stream: no final block, no trailer).
std::string gzip(const std::string& text, bool flush_only = false) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, text.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, flush_only ? Z_FULL_FLUSH : Z_FINISH) != Z_STREAM_ERROR);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

int article_count(SeedsIndex& index) {
    json result = index.search_json({"harbour", "--per-article"});
    return result["total_articles"].get<int>();
}

// The programs and the schema copied into a folder `nobody` may enter, and a command line
// that runs one of them as `nobody`: the build tree may lie in a folder only its owner may
// enter (a clone made in mktemp -d).
struct AsNobody {
    TempDir dir;
    AsNobody() {
        const fs::perms open = fs::perms::owner_all | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read |
                               fs::perms::others_exec;
        fs::permissions(dir.path, open);
        for (const std::string& program : {kIndex, kSearch})
            fs::copy(program, dir.path / fs::path(program).filename());
        fs::copy(kSource / "schema", dir.path / "schema", fs::copy_options::recursive);
    }
    // runuser's arguments for `program` (kIndex or kSearch) with `args`.
    std::vector<std::string> args(const std::string& program, std::vector<std::string> args) const {
        std::vector<std::string> out = {"-u",
                                        "nobody",
                                        "--",
                                        "env",
                                        "DATELINE_SCHEMA=" + (dir.path / "schema").string(),
                                        (dir.path / fs::path(program).filename()).string()};
        out.insert(out.end(), args.begin(), args.end());
        return out;
    }
};

}  // namespace

TEST_CASE("update keeps every article of a .jsonl.gz that does not read to its end") {
    SeedsIndex index;
    fs::path file = index.tmp.path / "wire.jsonl.gz";
    const std::string text = articles_jsonl(200);
    const std::string whole = gzip(text);
    write_file(file, whole);
    Run r = index.index({"import", file.string()});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    REQUIRE(article_count(index) == 200);

    struct Damage {
        const char* name;
        std::string bytes;
        const char* message;
    } damages[] = {
        {"cut in half", whole.substr(0, whole.size() / 2), "truncated"},
        {"cut at a flush point", gzip(text.substr(0, text.size() / 2), true), "truncated"},
        {"trailer damaged", whole.substr(0, whole.size() - 8) + std::string(8, 'x'), "damaged"},
    };
    for (const auto& damage : damages) {
        CAPTURE(damage.name);
        write_file(file, damage.bytes);
        r = index.index({"update", file.string()});
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(damage.message) != std::string::npos, r.err);
        CHECK_MESSAGE(r.out.find("0 removed") != std::string::npos, r.out);
        CHECK(article_count(index) == 200);
    }
}

TEST_CASE("a JSONL line over the limit is refused and skipped without holding it") {
    SeedsIndex index;
    fs::path file = index.tmp.path / "long.jsonl.gz";
    // 65 MiB of text in one article: over the 64 MiB limit, between two good lines.
    std::string lines = articles_jsonl(1);
    json huge = {{"id", "huge"}, {"title", "Huge"}, {"text", std::string(65u << 20, 'a')}};
    lines += huge.dump() + "\n";
    lines += articles_jsonl(2).substr(lines.find('\n') + 1);
    write_file(file, gzip(lines));
    Run r = index.index({"import", file.string()});
    CHECK(r.status == 2);
    CHECK_MESSAGE(
        r.err.find("long.jsonl.gz:2: error: line longer than 64 MiB") != std::string::npos, r.err);
    CHECK(article_count(index) == 2);
}

TEST_CASE(
    "a writer reads the stub as the searcher does, and refuses one that names no generation") {
    SeedsIndex index;
    const fs::path stub = index.db / "XAPIANDB";
    const std::string good = [&] {
        std::ifstream in(stub);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    const std::string article =
        (index.corpus / fs::directory_iterator(index.corpus)->path().filename()).string();
    const int articles = index.search_json({"", "--per-article"})["total_articles"];

    // A comment line is read past, by the writer as by Xapian.
    write_file(stub, "# the current generation\n" + good);
    Run r = index.index({"add", article});
    CHECK_MESSAGE(r.status == 0, r.err);

    struct Broken {
        const char* name;
        std::string stub;  // "-" = no stub at all
        const char* message;
    } broken[] = {
        {"empty", "", "names no database, but the folder holds generation"},
        {"missing", "-", "has no stub XAPIANDB, but the folder holds generation"},
        {"comments only", "# nothing\n", "names no database, but the folder holds generation"},
        {"a remote", "remote :/bin/true\n", "is not one of this index's generations"},
    };
    for (const auto& b : broken) {
        CAPTURE(b.name);
        for (const char* command : {"add", "update", "remove"}) {
            CAPTURE(command);
            if (b.stub == "-")
                fs::remove(stub);
            else
                write_file(stub, b.stub);
            r = index.index({command, command == std::string("remove") ? "x" : article});
            CHECK(r.status == 2);
            CHECK_MESSAGE(r.err.find(b.message) != std::string::npos, r.err);
            // Nothing was replaced: named again, the index answers as before.
            write_file(stub, good);
            CHECK(index.search_json({"", "--per-article"})["total_articles"] == articles);
        }
    }
}

TEST_CASE(
    "a stub never makes dateline-search run a program unless the user's own stub and option say "
    "so") {
    SeedsIndex index;
    const fs::path ran = index.tmp.path / "program-ran";
    const std::string line = "remote :/usr/bin/touch " + ran.string() + "\n";
    const fs::path stub = index.db / "XAPIANDB";
    const std::string good = [&] {
        std::ifstream in(stub);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();

    // In an index folder's stub (a copied or downloaded index): refused, never run.
    write_file(stub, line);
    Run r = index.search({"Lukashenko"});
    check_refused(r, {"would run a program", "never runs one named inside an index folder"});
    CHECK_FALSE(fs::exists(ran));
    write_file(stub, good);

    // In a stub file of the user's own, without the option: refused, never run.
    const fs::path own = index.tmp.path / "mine.stub";
    write_file(own, line);
    r = run(kSearch, {"--db", own.string(), "Lukashenko"}, index.tmp.path);
    check_refused(r, {"would run a program", "--allow-remote-programs"});
    CHECK_FALSE(fs::exists(ran));

    // In the user's own stub, with the option: the program runs (it is no Xapian server, so
    // the open then fails).
    r = run(kSearch, {"--db", own.string(), "--allow-remote-programs", "Lukashenko"},
            index.tmp.path);
    CHECK(r.status == 2);
    CHECK(fs::exists(ran));
    fs::remove(ran);

    // Listed by the user's stub, in an index folder's stub: refused even with the option.
    fs::create_directories(index.tmp.path / "copied");
    write_file(index.tmp.path / "copied" / "XAPIANDB", line);
    write_file(own, "auto " + (index.tmp.path / "copied").string() + "\n");
    r = run(kSearch, {"--db", own.string(), "--allow-remote-programs", "Lukashenko"},
            index.tmp.path);
    check_refused(r, {"would run a program"});
    CHECK_FALSE(fs::exists(ran));
}

TEST_CASE("an index the user may not read is named with the system's reason, not 'build one'") {
    if (::geteuid() != 0 || std::system("command -v runuser >/dev/null") != 0) {
        MESSAGE("skipped: needs root and runuser to search as another user");
        return;
    }
    SeedsIndex index;
    fs::permissions(index.tmp.path, fs::perms::owner_all | fs::perms::others_exec);
    fs::permissions(index.db / "g1", fs::perms::owner_all);
    const AsNobody nobody;
    Run r = run("runuser", nobody.args(kSearch, {"--db", index.db.string(), "Lukashenko"}),
                index.tmp.path);
    check_refused(r, {"Permission denied", "ask the index's owner for read access"});
    CHECK(r.err.find("build one") == std::string::npos);
}

TEST_CASE("a writer that may not write the index's files says so, not 'locked by another'") {
    if (::geteuid() != 0 || std::system("command -v runuser >/dev/null") != 0) {
        MESSAGE("skipped: needs root and runuser to write as another user");
        return;
    }
    SeedsIndex index;
    fs::permissions(index.tmp.path, fs::perms::others_exec, fs::perm_options::add);
    const fs::path extra = index.tmp.path / "extra.txt";
    write_file(extra,
               "Title: Quay notice\nSource: Test Wire\nDate: 2021-03-04\n\nThe quay "
               "closes at dusk.\n");
    REQUIRE(std::system(("chown -R nobody " + index.db.string()).c_str()) == 0);
    const AsNobody nobody;
    for (const char* file : {"flintlock", "postlist.glass"}) {
        CAPTURE(file);
        fs::permissions(index.db / "g1" / file,
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        Run r =
            run("runuser", nobody.args(kIndex, {"add", "--db", index.db.string(), extra.string()}),
                index.tmp.path);
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find("Permission denied") != std::string::npos, r.err);
        CHECK_MESSAGE(r.err.find("you may not write to this index") != std::string::npos, r.err);
        CHECK(r.err.find("locked by another writer") == std::string::npos);
        fs::permissions(index.db / "g1" / file, fs::perms::owner_write, fs::perm_options::add);
    }
}

TEST_CASE("check calls another user's sound index sound: Xapian's check runs on a copy") {
    if (::geteuid() != 0 || std::system("command -v runuser >/dev/null") != 0) {
        MESSAGE("skipped: needs root and runuser to check as another user");
        return;
    }
    SeedsIndex index;  // files 0644 or narrower: others may read, not write
    fs::permissions(index.tmp.path, fs::perms::others_exec, fs::perm_options::add);
    const AsNobody nobody;
    Run r =
        run("runuser", nobody.args(kIndex, {"check", "--db", index.db.string()}), index.tmp.path);
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("note: Xapian's check ran on a copy (you may not write to " +
                             (index.db / "g1").string() + ")") != std::string::npos,
                  r.out);
    CHECK(r.out.find(", 0 problems") != std::string::npos);
}

TEST_CASE("JSON Lines: deep nesting refused unbuilt, NULs removed, errors in plain words") {
    TempDir tmp;
    const fs::path file = tmp.path / "odd.jsonl";
    std::string lines =
        "{\"id\":\"nul\",\"title\":\"Harbour\",\"text\":\"The ferry\\u0000 sailed from the harbour "
        "at dawn.\"}\n";
    lines += "{\"id\":\"deep\",\"x\":" + std::string(20'000'000, '[') + "\n";
    lines += "{\"id\":7,\"title\":\"t\"}\n";
    lines += "{\"id\":\"cut\",\"title\":\"broken\n";
    write_file(file, lines);
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"import", file.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    const std::string name = file.string();
    for (const std::string& expected :
         {name + ":1: warning: 1 NUL character removed",
          name + ":2: error: nested deeper than 64 levels; line skipped",
          name + ":3: error: \"id\" is not a string; line skipped",
          name + ":4: error: invalid JSON at byte "}) {
        CAPTURE(expected);
        CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
    }
    CHECK(r.err.find("json.exception") == std::string::npos);
    CHECK(r.err.find("last read") == std::string::npos);
    Run found = run(kSearch, {"--db", db.string(), "--format", "json", "ferry"}, tmp.path);
    REQUIRE(found.status == 0);
    CHECK(json::parse(found.out)["hits"][0]["text"] ==
          "The ferry sailed from the harbour at dawn.");
}

namespace {

// Runs a program with its standard output sent to /dev/full; its exit status and stderr.
Run run_to_full_disk(const std::string& program, const std::vector<std::string>& args,
                     const fs::path& dir) {
    std::string command = quote(program);
    for (const auto& a : args) command += " " + quote(a);
    const fs::path err = dir / "stderr-full.txt";
    int status = std::system((command + " >/dev/full 2>" + quote(err.string())).c_str());
    std::ifstream e(err);
    std::stringstream text;
    text << e.rdbuf();
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, "", text.str()};
}

}  // namespace

TEST_CASE("output that cannot be written is an error, not a truncated answer") {
    SeedsIndex index;
    const std::string db = index.db.string();
    const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
        {kSearch, {"--db", db, "Lukashenko"}},
        {kSearch, {"--db", db, "--format", "json", "--limit", "100", "Lukashenko"}},
        {kSearch, {"--db", db, "--stats"}},
        {kSearch, {"--db", db, "--values", "source"}},
        {kIndex, {"check", "--db", db}},
        {kIndex, {"update", index.corpus.string(), "--db", db}},
    };
    for (const auto& command : commands) {
        const std::string& last = command.second.back();
        CAPTURE(last);
        Run r = run_to_full_disk(command.first, command.second, index.tmp.path);
        CHECK(r.status == 2);
        CHECK_MESSAGE(
            r.err.find("cannot write the output (No space left on device)") != std::string::npos,
            r.err);
    }
}

TEST_CASE("control characters in articles never reach the terminal from text output") {
    TempDir tmp;
    const fs::path file = tmp.path / "hostile.jsonl";
    // A title that would set the terminal's title, a source that clears the screen, an id
    // with a newline that would forge a hit line, a text with an OSC 8 link and a BEL.
    json a = {{"id", "id\nforged"},
              {"source", "Evil\x1b[2J Wire"},
              {"date", "2020-08-16"},
              {"title", "Harbour \x1b]0;pwned\x07 news"},
              {"text",
               "The harbour ferry \x1b]8;;http://x\x1b\\sailed\x1b]8;;\x1b\\ at dawn "
               "today.\x07"}};
    write_file(file, a.dump() + "\n");
    const fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex, {"import", file.string(), "--db", db.string()}, tmp.path).status <= 2);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--db", db.string(), "harbour"},
          {"--db", db.string(), "--values", "source"},
          {"--db", db.string(), "--stats"}}) {
        CAPTURE(args.back());
        Run r = run(kSearch, args, tmp.path);
        CHECK(r.status == 0);
        const bool clean = std::all_of(r.out.begin(), r.out.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x20 || c == '\n';
        });
        CHECK_MESSAGE(clean, r.out);
        CHECK(r.out.find("\nforged") == std::string::npos);  // no line of its own
    }
}

TEST_CASE("update of a PATH that suddenly holds nothing removes nothing without --allow-empty") {
    SeedsIndex index;
    const int articles = index.search_json({"", "--per-article"})["total_articles"];
    // The folder as an unmounted mount point shows it: there, and empty.
    const fs::path stash = index.tmp.path / "stash";
    fs::rename(index.corpus, stash);
    fs::create_directories(index.corpus);
    Run r = index.index({"update", index.corpus.string()});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("holds no articles now, but " + std::to_string(articles) +
                             " in the index come from it") != std::string::npos,
                  r.err);
    CHECK_MESSAGE(r.out.find("0 removed") != std::string::npos, r.out);
    CHECK(index.search_json({"", "--per-article"})["total_articles"] == articles);
    // Said on purpose, it goes.
    r = index.index({"update", index.corpus.string(), "--allow-empty"});
    CHECK_MESSAGE(r.out.find(std::to_string(articles) + " removed") != std::string::npos, r.out);
}

TEST_CASE("update keeps the articles of a JSON Lines file with a line it cannot read") {
    SeedsIndex index;
    const fs::path file = index.tmp.path / "wire.jsonl";
    std::string lines = articles_jsonl(3);
    write_file(file, lines);
    REQUIRE(index.index({"import", file.string()}).status == 0);
    // The second article's line is damaged: it may still be that article.
    std::size_t second = lines.find('\n') + 1;
    lines.replace(second, 1, "{oops ");
    write_file(file, lines);
    Run r = index.index({"update", file.string()});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.out.find("0 removed") != std::string::npos, r.out);
    CHECK(article_count(index) == 3);
}

TEST_CASE("a line too large for the memory left is skipped in plain words, the rest indexed") {
    if (DATELINE_SANITIZED || std::system("command -v sh >/dev/null") != 0) {
        MESSAGE("skipped: a memory limit (ulimit -v) cannot hold under AddressSanitizer");
        return;
    }
    TempDir tmp;
    const fs::path file = tmp.path / "big.jsonl";
    std::string words;
    for (int i = 0; i < 6000000; ++i) words += "harbour ";
    write_file(file,
               json({{"id", "big"}, {"source", "Test"}, {"title", "Big"}, {"text", words}}).dump() +
                   "\n" +
                   json({{"id", "small"},
                         {"source", "Test"},
                         {"title", "Quay"},
                         {"text", "The quay closes at dusk."}})
                       .dump() +
                   "\n");
    const fs::path db = tmp.path / "db";
    // 200 MB of address space: the 48 MB line cannot be parsed into an article in it.
    Run r = run("sh",
                {"-c", "ulimit -v 200000; exec \"$0\" \"$@\"", kIndex, "import", file.string(),
                 "--db", db.string()},
                tmp.path);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find(file.string() + ":1: error: out of memory") != std::string::npos,
                  r.err);
    CHECK(r.err.find("bad_alloc") == std::string::npos);
    CHECK_MESSAGE(r.out.find("1 added") != std::string::npos, r.out);
    CHECK(run(kSearch, {"--db", db.string(), "quay"}, tmp.path).status == 0);
}

TEST_CASE("a file whose name is not UTF-8 is indexed, checked sound and updated unchanged") {
    TempDir tmp;
    const fs::path corpus = tmp.path / "corpus";
    fs::create_directories(corpus);
    write_file(corpus / "caf\xe9.txt",  // Latin-1, as old archives name files
               "Title: Harbour notes\nSource: Test Wire\nDate: 2020-01-01\n\nThe ferry sailed.\n");
    const fs::path db = tmp.path / "db";
    Run built = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    Run found = run(kSearch, {"--db", db.string(), "--format", "json", "ferry"}, tmp.path);
    REQUIRE(found.status == 0);
    const std::string id = json::parse(found.out)["hits"][0]["article_id"];
    CHECK(id == "caf\uF7E9");  // the byte 0xE9 kept, as a private-use character
    Run checked = run(kIndex, {"check", "--db", db.string(), corpus.string()}, tmp.path);
    CHECK_MESSAGE(checked.status == 0, std::string(checked.out + checked.err));
    CHECK(checked.out.find(", 0 problems") != std::string::npos);
    Run updated = run(kIndex, {"update", corpus.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(updated.out.find("1 unchanged, 0 removed") != std::string::npos, updated.out);
    CHECK(run(kIndex, {"remove", id, "--db", db.string()}, tmp.path).status == 0);
}

TEST_CASE("a stub that cannot be written is named with the system's reason, and nothing changes") {
    SeedsIndex index;
    // The new stub is written beside the old one, then renamed over it: make that write fail
    // as on a full disk.
    fs::create_symlink("/dev/full", index.db / "XAPIANDB.new");
    Run r = index.index({"build", index.corpus.string()});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("cannot write " + (index.db / "XAPIANDB.new").string() +
                             " (No space left on device); the index still serves its previous "
                             "generation") != std::string::npos,
                  r.err);
    CHECK(index.search({"Lukashenko"}).status == 0);
    Run again = index.index({"build", index.corpus.string()});
    CHECK_MESSAGE(again.status == 0, again.err);
}

TEST_CASE("a device, or a file over the size limit, is refused before it is read") {
    TempDir tmp;
    const fs::path db = tmp.path / "db";
    fs::create_symlink("/dev/zero", tmp.path / "zero.txt");
    Run r = run(kIndex, {"add", (tmp.path / "zero.txt").string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("zero.txt: error: not a regular file") != std::string::npos, r.err);
    // A sparse 300 MB file: refused by its size, not read into memory first.
    const fs::path big = tmp.path / "big.txt";
    { std::ofstream(big).put('x'); }
    fs::resize_file(big, 300u << 20);
    r = run(kIndex, {"add", big.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("big.txt: error: larger than 64 MiB") != std::string::npos, r.err);
}

TEST_CASE("a link in a folder to a file outside the PATHs is not followed unless asked") {
    TempDir tmp;
    const fs::path corpus = tmp.path / "corpus", elsewhere = tmp.path / "private";
    fs::create_directories(corpus / "store");
    fs::create_directories(elsewhere);
    const std::string header = "Title: Quay\nSource: Test Wire\nDate: 2020-08-16\n\n";
    // Not an article file's name: read only through the link, which stays within the PATH.
    write_file(corpus / "store" / "own.dat", header + "The harbour master spoke at dawn.\n");
    write_file(elsewhere / "secret.txt", header + "The zeppelin codeword is marmalade.\n");
    fs::create_symlink(corpus / "store" / "own.dat", corpus / "inside.txt");
    fs::create_symlink(elsewhere / "secret.txt", corpus / "planted.txt");
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("planted.txt: error: a link to " +
                             fs::canonical(elsewhere / "secret.txt").string() +
                             ", outside the PATHs given; not followed") != std::string::npos,
                  r.err);
    auto total = [&](const std::string& query) {
        Run s = run(kSearch, {"--db", db.string(), "--format", "json", query}, tmp.path);
        return s.status <= 1 ? json::parse(s.out)["total_articles"].get<int>() : -1;
    };
    CHECK(total("marmalade") == 0);
    CHECK(total("harbour") == 1);
    // Or on purpose: --follow-outside-links.
    r = run(kIndex, {"build", corpus.string(), "--follow-outside-links", "--db", db.string()},
            tmp.path);
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(total("marmalade") == 1);
}

TEST_CASE("an index made from files only their owner may read is readable by its owner only") {
    TempDir tmp;
    const fs::path corpus = tmp.path / "corpus";
    fs::create_directories(corpus);
    write_file(corpus / "a.txt", "Title: Quay\nSource: Test Wire\nDate: 2020-08-16\n\nAt dawn.\n");
    fs::permissions(corpus / "a.txt", fs::perms::owner_read | fs::perms::owner_write);
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto others = fs::perms::group_all | fs::perms::others_all;
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(db)) {
        CAPTURE(entry.path().string());
        CHECK((entry.status().permissions() & others) == fs::perms::none);
        ++files;
    }
    CHECK(files > 5);
    // Sources others may read leave the umask as it is.
    const mode_t umask = ::umask(0);
    ::umask(umask);
    fs::permissions(corpus / "a.txt", fs::perms::group_read | fs::perms::others_read,
                    fs::perm_options::add);
    const fs::path open_db = tmp.path / "open.db";
    r = run(kIndex, {"build", corpus.string(), "--db", open_db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(((fs::status(open_db / "XAPIANDB").permissions() & fs::perms::others_read) !=
           fs::perms::none) == ((umask & S_IROTH) == 0));
}

TEST_CASE("a writer refuses a damaged index instead of crashing in it or writing to it") {
    SeedsIndex index;
    const fs::path article = index.tmp.path / "new.txt";
    write_file(article, "Title: Quay\nSource: Test Wire\nDate: 2020-08-16\n\nThe ferry sailed.\n");
    // Flipped bits in the middle block of these tables made `add` abort or crash (SIGSEGV).
    for (const char* table : {"position", "spelling", "postlist"}) {
        CAPTURE(table);
        const fs::path copy = index.tmp.path / table;
        fs::copy(index.db, copy, fs::copy_options::recursive);
        const fs::path file = copy / "g1" / (std::string(table) + ".glass");
        const auto at = static_cast<std::streamoff>(fs::file_size(file) / 8192 / 2 * 8192 + 40);
        {
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            char bytes[64];
            f.seekg(at);
            f.read(bytes, sizeof bytes);
            for (char& b : bytes) b = static_cast<char>(b ^ 0x5a);
            f.seekp(at);
            f.write(bytes, sizeof bytes);
        }
        Run r = run(kIndex, {"add", article.string(), "--db", copy.string()}, index.tmp.path);
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find("looks damaged: " + (copy / "g1").string()) != std::string::npos,
                      r.err);
        CHECK_MESSAGE(r.err.find("nothing was written") != std::string::npos, r.err);
        r = run(kIndex, {"check", "--db", copy.string()}, index.tmp.path);
        CHECK(r.status == 2);
    }
}

TEST_CASE("a first write that left only g1/ behind is named as such to a search") {
    TempDir tmp;
    fs::create_directories(tmp.path / "db" / "g1");  // what a first write killed early leaves
    Run r = run(kSearch, {"--db", (tmp.path / "db").string(), "harbour"}, tmp.path);
    check_refused(r, {"holds no index yet: the first write to it did not finish (it left g1",
                      "run that dateline-index command again"});
}
