// End-to-end: hostile queries (huge, deeply nested, long words, bad bytes) and hostile options
// get a correct result or a clear message naming the query or option, never a crash.
#include "tests/cli_util.h"

using namespace cli;

namespace {

// Words joined by spaces: "w0 w1 ..." or any repeated word.
std::string words(std::size_t n, const std::string& word, const std::string& join = " ") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? join : "") + (word.empty() ? "w" + std::to_string(i) : word);
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a query of 10,000 terms runs, one more term is refused, naming the limit") {
    SeedsIndex seeds;
    const json nato = seeds.search_json({"nato"});
    REQUIRE(nato["total_passages"] > 0);

    // 10,000 copies of one word: the same passages as the word alone.
    json same = seeds.search_json({words(10000, "nato")});
    CHECK(same["total_passages"] == nato["total_passages"]);
    // 10,000 different words, all required: nothing has them all.
    Run distinct = seeds.search({words(10000, "")});
    CHECK(distinct.status == 1);
    CHECK(distinct.err.empty());
    // 5,000 alternatives (10,000 words with the ORs), one of them present.
    json either = seeds.search_json({words(4999, "", " OR ") + " OR nato"});
    CHECK(either["total_passages"] == nato["total_passages"]);

    check_refused(seeds.search({words(10001, "")}),
                  {"'w0 w1 w2", "bytes)", "more than 10000 terms", "split it"});
    // The words of a query may come as separate arguments: the limit is the same.
    std::vector<std::string> args;
    for (int i = 0; i < 10001; ++i) args.push_back("w" + std::to_string(i));
    check_refused(seeds.search(args), {"more than 10000 terms"});
}

TEST_CASE("nested parentheses: 100 and 1,000 deep give the plain result, deeper is refused") {
    SeedsIndex seeds;
    const json nato = seeds.search_json({"nato"});
    for (std::size_t depth : {100, 1000}) {
        CAPTURE(depth);
        std::string nested = std::string(depth, '(') + "nato" + std::string(depth, ')');
        CHECK(seeds.search_json({nested})["total_passages"] == nato["total_passages"]);
        std::string unclosed = std::string(depth, '(') + "nato";  // closed at the end
        CHECK(seeds.search_json({unclosed})["total_passages"] == nato["total_passages"]);
    }
    // A deep tree of alternating operators: (nato OR (w1 AND (nato OR (w2 AND ... nato)))),
    // 1,000 parentheses deep, is still just nato.
    std::string tree = "nato";
    for (int i = 0; i < 500; ++i) tree = "(nato OR (w" + std::to_string(i) + " AND " + tree + "))";
    CHECK(seeds.search_json({tree})["total_passages"] == nato["total_passages"]);

    for (std::size_t depth : {1001, 10000}) {
        CAPTURE(depth);
        std::string nested = std::string(depth, '(') + "nato" + std::string(depth, ')');
        check_refused(seeds.search({nested}), {"'(((((", std::to_string(nested.size()) + " bytes",
                                               "nests parentheses more than 1000 deep"});
    }
}

TEST_CASE("a 100 KB word matches nothing and says why, a query over 128 KiB is refused") {
    SeedsIndex seeds;
    Run word = seeds.search({std::string(100000, 'a')});
    CHECK(word.status == 1);
    CHECK(has(word.out, "0 passages in 0 articles"));
    CHECK(has(word.err, "note: 'aaaa"));
    CHECK(has(word.err, "(100000 bytes) is longer than any word the index holds"));

    // One argument can hold 128 KiB; two make a longer query. The command is too long for
    // sh -c (popen), so a script runs it.
    fs::path script = seeds.tmp.path / "huge.sh";
    write_file(script, quote(kSearch) + " --db " + quote(seeds.db.string()) + " " +
                           std::string(70000, 'a') + " " + std::string(70000, 'b') + "\n");
    Run huge = run("/bin/sh", {script.string()}, seeds.tmp.path);
    check_refused(huge, {"(140001 bytes) is too long", "131072 bytes"});
}

TEST_CASE("words over Xapian's 245-byte term limit: plain, in a phrase, and under a prefix") {
    SeedsIndex seeds;
    const std::string longword(300, 'x');
    for (const std::string& query :
         {longword, "\"troops are at our " + longword + "\"", "quote:" + longword,
          "quote:\"our gates " + longword + "\"", "title:" + longword}) {
        CAPTURE(query);
        Run r = seeds.search({query});
        CHECK(r.status == 1);
        CHECK(has(r.err, "(300 bytes) is longer than any word the index holds (64 bytes)"));
    }
    // Other words of the query still count: the long word is one alternative that is absent.
    json either = seeds.search_json({"\"troops are at our gates\" OR " + longword});
    CHECK(either["total_articles"] == 4);

    // Filter values of any length: an outlet, person or place with a 300-byte name matches
    // exactly that (filter terms are hashed to fit), nothing else.
    for (const char* prefix : {"source:", "speaker:", "location:"}) {
        CAPTURE(prefix);
        Run r = seeds.search({prefix + longword});
        CHECK(r.status == 1);
        CHECK(r.err.empty());
    }
    const std::string outlet = "The " + std::string(290, 'Q') + " Gazette";
    write_file(seeds.corpus / "long-outlet.txt",
               "Title: Troops gather at the border\nSource: " + outlet +
                   "\nDate: 2020-08-18\n\nNATO troops gathered "
                   "at the border on Tuesday, officials said.\n");
    Run update = seeds.index({"update", seeds.corpus.string()});
    REQUIRE_MESSAGE(update.status == 0, update.err);
    json by_prefix = seeds.search_json({"source:\"" + outlet + "\""});
    CHECK(hit_sources(by_prefix) == std::set<std::string>{outlet});
    json by_option = seeds.search_json({"--source", outlet, "troops"});
    CHECK(hit_sources(by_option) == std::set<std::string>{outlet});
    CHECK(seeds.search({"source:\"" + outlet + "x\""}).status == 1);
}

TEST_CASE("invalid UTF-8 and control characters in the query or an option are refused") {
    SeedsIndex seeds;
    // Latin-1 "café" from a terminal that is not UTF-8: never silently searched as "caf".
    check_refused(seeds.search({"caf\xE9 nato"}),
                  {"query 'caf\\xE9 nato' is not valid UTF-8 (byte 3)", "LANG=C.UTF-8"});
    check_refused(seeds.search({"nato \x01 troops"}),
                  {"query 'nato \\x01 troops' contains the control character U+0001 (byte 5)"});
    check_refused(seeds.search({"--source",
                                "Fran\xE7"
                                "e 24",
                                "nato"}),
                  {"--source 'Fran\\xE7e 24' is not UTF-8 text"});
    check_refused(seeds.search({"--speaker", "Luka\x7Fshenko", "nato"}), {"--speaker"});
    // Valid UTF-8 beyond ASCII is fine.
    CHECK(seeds.search({"Минск"}).status == 0);
}

TEST_CASE("huge --limit and --offset: the whole result or an empty page, never wrapped") {
    SeedsIndex seeds;
    const json all = seeds.search_json({"nato"});
    const std::size_t total = all["total_passages"];

    json big =
        json::parse(seeds.search({"--format", "json", "--limit", "99999999999999", "nato"}).out);
    CHECK(big["hits"].size() == big["total_results"]);
    CHECK(big["total_passages"] == total);

    // 2^32 would be offset 0 if it were cut to Xapian's 32-bit count.
    for (const char* offset : {"4294967296", "9223372036854775807"}) {
        CAPTURE(offset);
        Run r = seeds.search({"--format", "json", "--offset", offset, "nato"});
        CHECK(r.status == 0);  // matches exist, this page of them is empty
        json page = json::parse(r.out);
        CHECK(page["hits"].empty());
        CHECK(page["total_passages"] == total);
    }
    check_refused(seeds.search({"--offset", "99999999999999999999", "nato"}),
                  {"'--offset'", "whole number from 0 to 9223372036854775807"});
    check_refused(seeds.search({"--limit", "-1", "nato"}), {"0 or more"});
    check_refused(seeds.search({"--limit", "ten", "nato"}), {"'--limit'", "whole number"});
}

TEST_CASE("unknown options are named with the valid ones and the -- hint") {
    SeedsIndex seeds;
    check_refused(seeds.search({"--bogus", "nato"}),
                  {"'--bogus'", "--source", "--limit", "--format", "--help"});
    check_refused(seeds.search({"--colour=always", "nato"}), {"--colour"});
    check_refused(seeds.search({"-nato"}), {"'-nato'", "put -- before a query"});
    // After --, such a word is a query: Lukashenko in the articles that never name Pompeo.
    Run dashed = seeds.search({"--", "Lukashenko", "-pompeo"});
    CHECK(dashed.status == 0);
    CHECK(dashed.err.empty());
}
