// Unit tests of query parsing (src/query.h): operators, fields, dates and syntax errors.
#include "src/search/query.h"

#include <doctest/doctest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "schema/schema.h"

using namespace dateline;
using schema::Field;

namespace {

std::string describe(const std::string& query) {
    return QueryBuilder().parse(query).get_description();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("parse builds the expected Xapian operators") {
    struct Row {
        std::string query;
        std::string expected;
    };
    const Row rows[] = {
        {"nato troops", "AND"},
        {"\"troops are at our gates\"", "PHRASE"},
        {"nato OR otan", "OR"},
        // A range of days is an OR of day terms; a wider one a value range.
        {"date:2020-08-16..2020-08-17", "D20200816 OR D20200817"},
        {"date:2019..2021", "VALUE_RANGE 1 20190101 20211231"},
        {"date:2020-08-16..2020-08-17", "20200816"},
        {"date:2020-08-16..2020-08-17", "20200817"},
        {"date:2020", "20200101"},
        {"date:2020", "20201231"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        std::string description = describe(row.query);
        CAPTURE(description);
        CHECK(contains(description, row.expected));
    }
}

TEST_CASE("source: matches the term the indexer writes, however the outlet is spelled") {
    const std::string term = schema::filter_term(Field::Source, "France 24");
    for (std::string query : {"source:\"France 24\"", "source:france24", "source:FRANCE-24"}) {
        CAPTURE(query);
        CHECK(contains(describe(query), term));
    }
}

TEST_CASE("syntax errors throw instead of falling back to plain words") {
    for (std::string query : {"nato AND", "nato NEAR", "AND nato", "nato OR"}) {
        CAPTURE(query);
        CHECK_THROWS_AS(describe(query), QueryError);
    }
    for (std::string query : {"(nato)", "nato and troops", "nato -troops", "luka*"}) {
        CAPTURE(query);
        CHECK_NOTHROW(describe(query));
    }
}

TEST_CASE("an empty query matches everything") {
    CHECK(describe("") == Xapian::Query(Xapian::Query::MatchAll).get_description());
    CHECK(describe("   ") == Xapian::Query(Xapian::Query::MatchAll).get_description());
}

TEST_CASE("date_bound widens years and months to their first or last day") {
    struct Row {
        std::string text;
        bool upper;
        std::string expected;
    };
    const Row rows[] = {
        {"2020", false, "20200101"},       {"2020", true, "20201231"},
        {"2020-02", true, "20200229"},     {"2019-02", true, "20190228"},
        {"2020-08-16", false, "20200816"}, {"2020-08-16", true, "20200816"},
        {"20200816", false, "20200816"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CAPTURE(row.upper);
        CHECK(date_bound(row.text, row.upper, "--from") == row.expected);
    }
}

TEST_CASE("date_bound rejects what is not a date, naming the option") {
    for (std::string text : {"2020-13", "yesterday", "2020-02-30", ""}) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS(date_bound(text, false, "--from"), doctest::Contains("--from"),
                             QueryError);
    }
}

TEST_CASE("queries that parse alike with or without syntax flags are not syntax errors") {
    QueryBuilder builder;
    for (std::string q : {"\"Lukashenko\"", "+Lukashenko", "\"U.S.\"", "(nato)", "\"nato troops",
                          "source:\"France 24\" nato"}) {
        CAPTURE(q);
        CHECK_NOTHROW(builder.parse(q));
    }
}

TEST_CASE("has_query_syntax says what the regular expression it replaced said, in linear time") {
    // The reference: the two expressions has_query_syntax used before (std::regex recursed once
    // per character and overflowed the stack on a 100 KB word).
    auto reference = [](const std::string& query) {
        static const std::regex quoted_value(R"re(\w+:"[^"]*")re");
        static const std::regex syntax(
            R"re("\S+\s+[^"]*\S"?|\*|(^|[\s(])-\S|(^|[\s(])(AND|OR|NOT|XOR|NEAR|ADJ)(/\d+)?($|[\s)]))re");
        return std::regex_search(std::regex_replace(query, quoted_value, " "), syntax);
    };
    // Every string of up to three of these pieces, and random longer ones.
    const std::vector<std::string> pieces = {"\"", " ",  "a",        "-",   "(",  ")",
                                             "*",  ":",  "source:",  "AND", "OR", "NEAR/3",
                                             "/1", "\t", "\xC3\xA9", "x_1"};
    std::vector<std::string> queries = {""}, level = {""};
    for (int length = 1; length <= 3; ++length) {
        std::vector<std::string> next;
        for (const auto& q : level)
            for (const auto& p : pieces) next.push_back(q + p);
        queries.insert(queries.end(), next.begin(), next.end());
        level = std::move(next);
    }
    std::mt19937 random(20200816);
    for (int i = 0; i < 20000; ++i) {
        std::string q;
        for (int n = 4 + random() % 12; n > 0; --n) q += pieces[random() % pieces.size()];
        queries.push_back(q);
    }
    for (const auto& q : queries) {
        CAPTURE(q);
        REQUIRE(has_query_syntax(q) == reference(q));
    }
    // Long input: no recursion, no quadratic scan.
    std::string many_words;
    for (int i = 0; i < 200000; ++i) many_words += "a ";
    CHECK_FALSE(has_query_syntax(std::string(1000000, 'a')));
    CHECK_FALSE(has_query_syntax(many_words));
    CHECK(has_query_syntax("\"" + std::string(1000000, 'a') + " b\""));
}

TEST_CASE("queries at the limits parse, one step beyond throws QueryError naming the limit") {
    QueryBuilder builder;
    auto words = [](std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += "w" + std::to_string(i) + " ";
        return out;
    };
    CHECK_NOTHROW(builder.parse(words(kMaxQueryTerms)));
    CHECK_THROWS_WITH_AS(builder.parse(words(kMaxQueryTerms + 1)),
                         doctest::Contains("more than 10000 terms"), QueryError);
    auto nested = [](std::size_t depth) {
        return std::string(depth, '(') + "nato" + std::string(depth, ')');
    };
    CHECK_NOTHROW(builder.parse(nested(kMaxQueryDepth)));
    CHECK_THROWS_WITH_AS(builder.parse(nested(kMaxQueryDepth + 1)),
                         doctest::Contains("nests parentheses more than 1000 deep"), QueryError);
    // Parentheses closed before others open do not add up.
    std::string flat;
    for (std::size_t i = 0; i <= kMaxQueryDepth; ++i) flat += "(nato) ";
    CHECK_NOTHROW(builder.parse(flat));
    // One long word is fine up to the byte limit (it used to overflow the stack).
    CHECK_NOTHROW(builder.parse(std::string(kMaxQueryBytes, 'a')));
    CHECK_NOTHROW(builder.parse("\"" + std::string(100000, 'a') + " b\" OR c*"));
    CHECK_THROWS_WITH_AS(builder.parse(std::string(kMaxQueryBytes + 1, 'a')),
                         doctest::Contains("is too long: the limit is 131072 bytes"), QueryError);
}

TEST_CASE("NUL bytes, control characters and invalid UTF-8 in a query throw, shown escaped") {
    QueryBuilder builder;
    struct Row {
        std::string query;
        std::string message;
    };
    const Row rows[] = {
        {std::string("nato\0troops", 11),
         "'nato\\x00troops' contains the control character U+0000"},
        {std::string("\0", 1), "U+0000 (byte 0)"},
        {"nato\x1btroops", "U+001B"},
        {"nato\x7f", "U+007F"},
        {"caf\xe9", "'caf\\xE9' is not valid UTF-8 (byte 3)"},
        {"\xc3", "not valid UTF-8 (byte 0)"},
        {"\xed\xa0\x80", "not valid UTF-8"},  // a UTF-16 surrogate written as UTF-8
        {"Minsk \xff", "'Minsk \\xFF'"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK_THROWS_WITH_AS(builder.parse(row.query), doctest::Contains(row.message.c_str()),
                             QueryError);
    }
    // Tabs and newlines are spaces; valid UTF-8 of any script is fine.
    CHECK_NOTHROW(builder.parse("nato\ttroops\nborder\r"));
    CHECK_NOTHROW(builder.parse("Минск Zürich 東京 \xF0\x9F\x98\x80"));
}

TEST_CASE("a bad date inside the query throws once the parser is done (no leaked parser state)") {
    QueryBuilder builder;
    for (std::string q : {"date:2020-13", "nato date:yesterday", "(date:2020-02-30 OR nato)"}) {
        CAPTURE(q);
        CHECK_THROWS_WITH_AS(builder.parse(q), doctest::Contains("is not a date"), QueryError);
    }
    // The builder is still usable, and the error does not stick to the next query.
    CHECK(contains(builder.parse("date:2020-08").get_description(), "20200801"));
    CHECK_THROWS_WITH_AS(builder.parse("date:2021..2020"), doctest::Contains("is empty"),
                         QueryError);
    CHECK_NOTHROW(builder.parse("nato"));
}

TEST_CASE("unindexable_words lists free-text words longer than the index keeps") {
    QueryBuilder builder;
    const std::string long65(65, 'q'), long64(64, 'k');
    auto words = unindexable_words(builder.parse(long65 + " " + long64 + " title:" + long65 +
                                                 " quote:\"" + std::string(300, 'z') + " gates\""));
    CHECK(words == std::vector<std::string>{long65, std::string(300, 'z')});
    // Filter values are hashed to fit: never reported.
    CHECK(unindexable_words(builder.parse("source:" + std::string(300, 'S') +
                                          " speaker:" + std::string(300, 'P')))
              .empty());
}

TEST_CASE("quote_for_message escapes what a terminal would not show and cuts long queries") {
    CHECK(quote_for_message("nato") == "'nato'");
    CHECK(quote_for_message("Минск") == "'Минск'");
    CHECK(quote_for_message(std::string("a\0b\xff", 4)) == "'a\\x00b\\xFF'");
    std::string cut = quote_for_message(std::string(58, 'a') + "Минск");
    CHECK(cut == "'" + std::string(58, 'a') + "М…' (68 bytes)");  // whole characters
    CHECK(quote_for_message(std::string(100000, 'a')).size() < 100);
}
