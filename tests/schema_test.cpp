// Unit tests of the schema table (schema/schema.h): uniqueness, order, slugs, terms, packed lists.
#include "schema/schema.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace dateline::schema;

TEST_CASE("field names, prefixes and slots are unique across kFields") {
    std::set<std::string_view> names, prefixes;
    std::set<Xapian::valueno> slots;
    for (const auto& f : kFields) {
        CAPTURE(f.name);
        CHECK(names.insert(f.name).second);
        if (!f.prefix.empty()) CHECK(prefixes.insert(f.prefix).second);
        if (f.slot != Xapian::BAD_VALUENO) CHECK(slots.insert(f.slot).second);
    }
}

TEST_CASE("kFields order matches enum Field") {
    struct Row {
        Field field;
        std::string_view name;
    };
    const Row rows[] = {
        {Field::Text, "text"},
        {Field::Title, "title"},
        {Field::Source, "source"},
        {Field::Article, "article"},
        {Field::Passage, "passage"},
        {Field::Speaker, "speaker"},
        {Field::Location, "location"},
        {Field::Date, "date"},
        {Field::Url, "url"},
        {Field::Quote, "quote"},
        {Field::Facets, "facets"},
        {Field::Copy, "copy"},
        {Field::ArticleLength, "article_length"},
        {Field::Published, "published"},
        {Field::Author, "author"},
        {Field::Declared, "fields"},
        {Field::Paragraph, "paragraph"},
        {Field::Language, "language"},
    };
    CHECK(std::size(rows) == std::size(kFields));
    for (const auto& row : rows) {
        CAPTURE(row.name);
        CHECK(spec(row.field).name == row.name);
        CHECK(find(row.name) == &spec(row.field));
    }
    CHECK(find("nonexistent") == nullptr);
}

TEST_CASE("slug ignores case, spaces and punctuation") {
    CHECK(slug("France 24") == slug("FRANCE-24"));
    CHECK(slug("France 24") == slug("france24"));
    CHECK(slug("France 24") != slug("France 25"));
}

TEST_CASE("filter_term starts with the field's prefix") {
    std::string term = filter_term(Field::Source, "France 24");
    CHECK(term.rfind(std::string(spec(Field::Source).prefix), 0) == 0);
    CHECK(term == filter_term(Field::Source, "france24"));
}

TEST_CASE("long filter values give short, distinct terms") {
    std::string a(1000, 'a');
    std::string b = a;
    b.back() = 'b';
    for (Field field : {Field::Source, Field::Article}) {
        CAPTURE(spec(field).name);
        std::string ta = filter_term(field, a);
        std::string tb = filter_term(field, b);
        CHECK(ta.size() <= 245);
        CHECK(tb.size() <= 245);
        CHECK(ta != tb);
    }
}

TEST_CASE("pack_list and unpack_list round-trip") {
    const std::vector<std::vector<std::string>> rows = {
        {},
        {"Minsk"},
        {"Alexander Lukashenko", "Vladimir Putin"},
        {"a:b", "12:34", ":", ""},
    };
    for (const auto& values : rows) {
        CAPTURE(pack_list(values));
        CHECK(unpack_list(pack_list(values)) == values);
    }
    CHECK(pack_list({}).empty());
}

TEST_CASE("pack_facets round-trips values holding any byte, and empty lists") {
    PassageFacets f{"a:1", "BBC News", "20200816", {"Svetlana Tikhanovskaya", "9:x"}, {}};
    PassageFacets back = unpack_facets(pack_facets(f));
    CHECK(back.article == f.article);
    CHECK(back.source == f.source);
    CHECK(back.date == f.date);
    CHECK(back.speakers == f.speakers);
    CHECK(back.locations.empty());
}

TEST_CASE("article starts: appended, read back, refused when outdated or out of order") {
    std::string packed;
    append_starts(packed, {1, 5}, 9);
    append_starts(packed, {10, 14}, 20);
    CHECK(unpack_starts(packed, 20) == std::vector<Xapian::docid>{1, 5, 10, 14});
    // Written when the last id was 20: a database renumbered since (another last id) has none.
    CHECK_FALSE(unpack_starts(packed, 19).has_value());
    std::string empty;
    append_starts(empty, {}, 0);
    CHECK(unpack_starts(empty, 0) == std::vector<Xapian::docid>{});
    std::string backwards;
    append_starts(backwards, {5, 3}, 9);
    CHECK_FALSE(unpack_starts(backwards, 9).has_value());
    CHECK_FALSE(unpack_starts("", 0).has_value());
    CHECK_FALSE(unpack_starts(packed.substr(0, packed.size() - 1), 20).has_value());
}

TEST_CASE("declared fields: names checked, packed in name order, found by their own terms") {
    CHECK(undeclarable("bias").empty());
    CHECK(undeclarable("topic_2").empty());
    CHECK(undeclarable("authors").empty());
    CHECK(!undeclarable("source").empty());  // the table's
    CHECK(!undeclarable("Bias").empty());
    CHECK(!undeclarable("2bias").empty());
    CHECK(!undeclarable("").empty());
    const std::string packed = pack_declared({{"topic", true}, {"bias", false}});
    const auto back = unpack_declared(packed);
    REQUIRE(back.size() == 2);
    CHECK(back[0] == DeclaredField{"bias", false});
    CHECK(back[1] == DeclaredField{"topic", true});
    CHECK(unpack_declared("not json").empty());
    CHECK(unpack_declared(R"([{"name": "Source"}])").empty());
    CHECK(declared_term("bias", "Left") == declared_term("bias", "left"));
    CHECK(declared_term("bias", "left") != declared_term("topic", "left"));
}
