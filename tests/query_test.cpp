// Unit tests of query parsing (src/query.h): operators, fields, dates and syntax errors.
#include "src/query.h"

#include <doctest/doctest.h>

#include <string>

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
        {"date:2020-08-16..2020-08-17", "VALUE_RANGE"},
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
