// Unit tests of publication times (src/ingest/times.h): ISO 8601 and RFC 822, moved to UTC.
#include "src/ingest/times.h"

#include <doctest/doctest.h>

#include "schema/schema.h"

using namespace dateline;

namespace {
struct Case {
    const char* text;
    const char* date;  // "" = refused
    const char* utc;
};
}  // namespace

TEST_CASE("ISO 8601 times keep the day written and move the instant to UTC") {
    const Case cases[] = {
        {"2020-08-16", "2020-08-16", ""},
        {"2020-08-16T10:00:00Z", "2020-08-16", "2020-08-16T10:00:00Z"},
        {"2020-08-16T10:00Z", "2020-08-16", "2020-08-16T10:00:00Z"},
        {"2020-08-16 10:00:30", "2020-08-16", "2020-08-16T10:00:30Z"},  // no zone: UTC
        {"2020-08-16T01:30:00+03:00", "2020-08-16", "2020-08-15T22:30:00Z"},
        {"2020-12-31T22:15:00.250-0500", "2020-12-31", "2021-01-01T03:15:00Z"},
        {"2020-02-29T23:00:00-02", "2020-02-29", "2020-03-01T01:00:00Z"},
        {"2020-08-16T24:00:00Z", "", ""},
        {"2020-02-30T10:00:00Z", "", ""},
        {"2020-08-16T10:00:00 EST", "", ""},  // zone names are RFC 822's, not ISO's
        {"16.08.2020", "", ""},
        {"", "", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto t = parse_iso_time(c.text);
        REQUIRE(t.has_value() == (c.date[0] != 0));
        if (!t) continue;
        CHECK(t->date == c.date);
        CHECK(t->utc == c.utc);
    }
}

TEST_CASE("RFC 822 times of feeds read with offsets and zone names") {
    const Case cases[] = {
        {"Sun, 16 Aug 2020 10:00:00 +0300", "2020-08-16", "2020-08-16T07:00:00Z"},
        {"16 Aug 2020 10:00 GMT", "2020-08-16", "2020-08-16T10:00:00Z"},
        {"Mon, 31 Aug 2020 21:30:00 EDT", "2020-08-31", "2020-09-01T01:30:00Z"},
        {"Tue, 1 Sep 20 08:00:00 PST", "2020-09-01", "2020-09-01T16:00:00Z"},
        {"Sun, 16 Aug 2020 10:00:00", "2020-08-16", "2020-08-16T10:00:00Z"},
        {"Sun, 31 Feb 2020 10:00:00 GMT", "", ""},
        {"Sun, 16 Foo 2020 10:00:00 GMT", "", ""},
        {"16 Aug 2020 10:00:00 Moscow", "", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto t = parse_rfc822_time(c.text);
        REQUIRE(t.has_value() == (c.date[0] != 0));
        if (!t) continue;
        CHECK(t->date == c.date);
        CHECK(t->utc == c.utc);
    }
    CHECK(parse_published("Sun, 16 Aug 2020 10:00:00 +0300")->utc == "2020-08-16T07:00:00Z");
    CHECK(parse_published("2020-08-16T10:00:00Z")->utc == "2020-08-16T10:00:00Z");
}

TEST_CASE("the published key orders by the UTC time, else by the day") {
    CHECK(schema::published_key("2020-08-16", "2020-08-15T22:30:00Z") == "20200815T223000");
    CHECK(schema::published_key("2020-08-16", "") == "20200816");
    CHECK(schema::published_key("", "") == "");
    CHECK(schema::published_key("2020-08-16", "") <
          schema::published_key("", "2020-08-16T00:00:01Z"));
}
