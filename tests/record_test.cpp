// Unit tests of the passage record (schema/record.h) on the indexer's own passages: a stored
// document read back makes the same document again, and check finds one that was changed.
#include "schema/record.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "src/index/check.h"
#include "src/index/index.h"
#include "src/search/search.h"

namespace fs = std::filesystem;
using namespace dateline;
using schema::Field;

namespace {

// corpus/ indexed into a temporary folder, removed afterwards.
struct CorpusIndex {
    fs::path root;
    std::string database;  // the generation's one database

    explicit CorpusIndex(std::vector<schema::DeclaredField> declared = {}) {
        std::string tmpl = (fs::temp_directory_path() / "dateline-record-XXXXXX").string();
        root = ::mkdtemp(tmpl.data());
        IndexOptions options;
        options.db_path = (root / "db").string();
        options.declared = std::move(declared);
        IndexWriter writer(options, IndexWriter::Mode::Rebuild, [](const Problem&) {});
        writer.index_paths({std::string(DATELINE_SOURCE_DIR) + "/corpus"});
        writer.finish();
        database = options.db_path + "/" + IndexLayout{options.db_path}.current_databases().front();
    }
    ~CorpusIndex() { fs::remove_all(root); }

    CheckResult check() const { return check_index({(root / "db").string(), {}, false, {}}, {}); }
};

// Everything a document holds, one line per item: data, values, terms with wdf and positions.
std::vector<std::string> contents(const Xapian::Document& doc) {
    std::vector<std::string> out = {"data " + doc.get_data()};
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
        out.push_back("value " + std::to_string(v.get_valueno()) + " " + *v);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string line = "term " + *t + " " + std::to_string(t.get_wdf());
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            line += " " + std::to_string(*p);
        out.push_back(line);
    }
    return out;
}

bool has_message(const CheckResult& result, const std::string& text) {
    for (const auto& p : result.problems)
        if (p.kind == CheckProblem::Kind::Damage && p.message.find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST_CASE("a stored passage read back makes its document again, and reads back the same") {
    // Declared fields (authors, as a facet) are part of the record too.
    CorpusIndex index({{"authors", true}});
    Xapian::Database db(index.database);
    schema::DocumentMaker maker;
    std::size_t passages = 0, with_speakers = 0, with_quotes = 0, with_copy_keys = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document stored = db.get_document(*p);
        CAPTURE(stored.get_data());
        auto record = schema::read_record(stored, schema::Reading::Strict);
        REQUIRE(record);
        const Xapian::Document made = maker.document(*record);
        CHECK(contents(made) == contents(stored));
        auto again = schema::read_record(made, schema::Reading::Strict);
        REQUIRE(again);
        CHECK(contents(schema::make_document(*again)) == contents(schema::make_document(*record)));
        CHECK(again->article_length == record->article_length);
        CHECK(record->article_length > 0);
        ++passages;
        with_speakers += !record->speakers.empty();
        with_quotes += !record->quotes.empty();
        with_copy_keys += !record->copy_key.empty();
        REQUIRE(record->fields.size() == 1);  // declared, even where an article has no value
        CHECK(record->fields[0].second == record->authors);
    }
    // The corpus exercises every part of the record.
    CHECK(passages > 50);
    CHECK(with_speakers > 0);
    CHECK(with_quotes > 0);
    CHECK(with_copy_keys > 0);
}

TEST_CASE("read_record: data that is not JSON, or not a passage's, is refused") {
    Xapian::Document doc;
    doc.set_data("not json");
    CHECK_FALSE(schema::read_record(doc));
    doc.set_data(R"({"article_id": "a", "passage": 1})");  // no text
    CHECK(schema::read_record(doc));
    CHECK_FALSE(schema::read_record(doc, schema::Reading::Strict));
    doc.set_data(R"({"article_id": "a", "passage": 1, "text": "t", "quotes": [1]})");
    CHECK_FALSE(schema::read_record(doc, schema::Reading::Strict));
}

TEST_CASE("check: a passage whose value slot or filter term was changed is damage") {
    CorpusIndex index;
    REQUIRE(index.check().problems.empty());
    {
        Xapian::WritableDatabase db(index.database, Xapian::DB_OPEN);
        Xapian::docid slot_changed = 0, term_removed = 0;
        std::string speaker_term;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            auto record = schema::read_record(doc);
            REQUIRE(record);
            if (!slot_changed) {
                doc.add_value(schema::spec(Field::Source).slot, "Another Wire");
                db.replace_document(slot_changed = *p, doc);
            } else if (!term_removed && !record->speakers.empty()) {
                speaker_term = schema::filter_term(Field::Speaker, record->speakers.front());
                doc.remove_term(speaker_term);
                db.replace_document(term_removed = *p, doc);
            }
        }
        REQUIRE(term_removed != 0);
        db.commit();
        CHECK(speaker_term.rfind("XP", 0) == 0);
    }
    const CheckResult result = index.check();
    CAPTURE(result.problems.size());
    CHECK(result.count(CheckProblem::Kind::Damage) == 2);
    CHECK(has_message(result, "value slot 0 (source) does not match its data"));
    CHECK(has_message(result, "its filter terms do not match its data (it lacks 'XP"));
}

TEST_CASE("a search that meets a passage it cannot read says so instead of leaving it out") {
    CorpusIndex index;
    SearchRequest request;
    request.db_path = (index.root / "db").string();
    request.query = "lukashenko";
    const std::size_t before = search(request).total_passages;
    REQUIRE(before > 0);
    {
        Xapian::WritableDatabase db(index.database, Xapian::DB_OPEN);
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            doc.set_data("{damaged");
            db.replace_document(*p, doc);
        }
        db.commit();
    }
    CHECK_THROWS_WITH_AS(search(request),
                         doctest::Contains("cannot be read: its stored data is missing or damaged"),
                         IndexError);
}

TEST_CASE("a table file gone is damage to check, to a writer and to a search") {
    CorpusIndex index;
    fs::remove(fs::path(index.database) / "position.glass");  // Xapian reads it as empty
    const CheckResult result = index.check();
    CHECK(has_message(result, "position.glass is missing"));
    SearchRequest request;
    request.db_path = (index.root / "db").string();
    request.query = "\"troops are at our gates\"";
    CHECK_THROWS_WITH_AS(search(request), doctest::Contains("position.glass is missing"),
                         IndexError);
    IndexOptions options;
    options.db_path = request.db_path;
    CHECK_THROWS_WITH_AS(IndexWriter(options, IndexWriter::Mode::Update, [](const Problem&) {}),
                         doctest::Contains("looks damaged"), IndexError);
}
