// Unit tests of the ICU text clean-up (src/text.h): display, term and query normalisation.
#include "src/text/text.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "src/text/terminal.h"

using namespace dateline;

TEST_CASE("normalize_display removes soft hyphens and zero-width characters") {
    CHECK(normalize_display("Zelen\u00ADsky") == "Zelensky");
    CHECK(normalize_display("Zelen\u200Bsky") == "Zelensky");
    CHECK(normalize_display("\u201CNATO\u201D") == "\u201CNATO\u201D");  // typography kept
}

TEST_CASE("fold_for_terms unifies apostrophes and lowers case") {
    CHECK(fold_for_terms("Lukashenko\u2019s") == fold_for_terms("Lukashenko's"));
    CHECK(fold_for_terms("Lukashenko\u2019s") == "lukashenko's");
    CHECK(fold_for_terms("\u201CMarch for Freedom\u201D") == "\"march for freedom\"");
}

TEST_CASE("NFKC folds compatibility characters") {
    struct Row {
        std::string input;
        std::string display;
        std::string folded;
    };
    const Row rows[] = {
        {"\uFF2E\uFF21\uFF34\uFF2F", "NATO", "nato"},  // fullwidth letters
        {"\uFB01nance", "finance", "finance"},         // ligature fi
        {"2\u00A0000", "2 000", "2 000"},              // no-break space
    };
    for (const auto& row : rows) {
        CAPTURE(row.input);
        CHECK(normalize_display(row.input) == row.display);
        CHECK(fold_for_terms(row.input) == row.folded);
    }
}

TEST_CASE("normalize_query keeps case for boolean operators") {
    CHECK(normalize_query("NATO AND Putin") == "NATO AND Putin");
    CHECK(normalize_query("Lukashenko\u2019s") == "Lukashenko's");
    CHECK(normalize_query("\uFF2E\uFF21\uFF34\uFF2F") == "NATO");
}

TEST_CASE("to_valid_utf8 drops a BOM and replaces invalid bytes") {
    std::string out;
    CHECK(to_valid_utf8("\xEF\xBB\xBFMinsk", out));
    CHECK(out == "Minsk");
    CHECK(to_valid_utf8("Lukashenko\u2019s", out));
    CHECK(out == "Lukashenko\u2019s");
    CHECK_FALSE(to_valid_utf8("Min\xFFsk", out));
    CHECK(out == "Min\uFFFDsk");
}

TEST_CASE("count_words counts whitespace-separated words") {
    struct Row {
        std::string text;
        std::size_t words;
    };
    const Row rows[] = {
        {"", 0}, {"   ", 0}, {"Minsk", 1}, {"  NATO troops\tare\nat  our gates ", 6}, {"a\r\nb", 2},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(count_words(row.text) == row.words);
    }
}

TEST_CASE("trim removes surrounding whitespace only") {
    struct Row {
        std::string text;
        std::string trimmed;
    };
    const Row rows[] = {
        {"", ""},
        {" \t\r\n", ""},
        {"  Minsk  ", "Minsk"},
        {"\tNATO troops\n", "NATO troops"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(trim(row.text) == row.trimmed);
    }
}

TEST_CASE("normalize_query folds words as the index does, keeping the case the parser reads") {
    struct Row {
        std::string query, expected;
    };
    const Row rows[] = {
        {"Hauptstraße", "Hauptstrasse"},  // capital kept: STEM_SOME leaves names alone
        {"hauptstraße", "hauptstrasse"},
        {"NATO AND Putin OR NEAR", "NATO AND Putin OR NEAR"},
        {"title:Straße", "title:Strasse"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK(normalize_query(row.query) == row.expected);
    }
    // Whatever the query keeps of case, Xapian lower-cases; the folded letters must then
    // equal the indexed terms.
    CHECK(fold_for_terms(normalize_query("Αθήνας")) == fold_for_terms("ΑΘΉΝΑΣ"));
    CHECK(fold_for_terms(normalize_query("İstanbul")) == fold_for_terms("İstanbul"));
}

TEST_CASE("decode_text: UTF-8 with one bad byte stays UTF-8, Latin-1 is detected") {
    Decoded flawed = decode_text("Zürich, Genève and Köln\xFF are cities.", "");
    CHECK(flawed.charset == "UTF-8");
    CHECK(flawed.replaced);
    CHECK(flawed.text == "Zürich, Genève and Köln\xEF\xBF\xBD are cities.");
    Decoded latin = decode_text(
        "The caf\xE9 owners of Z\xFCrich d\xE9"
        "clared a gr\xE8ve.",
        "");
    CHECK(latin.guessed);
    CHECK(latin.text == "The café owners of Zürich déclared a grève.");
    Decoded declared = decode_text("caf\xE9", "ISO-8859-1");
    CHECK_FALSE(declared.guessed);
    CHECK(declared.text == "café");
    CHECK_THROWS_AS(decode_text("x", "klingon"), std::runtime_error);
}

TEST_CASE("for_terminal neutralises what a terminal would act on and keeps printable text") {
    // ESC sequences (title, clear screen, colour), OSC 8 links, BEL, NUL, C1 CSI, newlines.
    CHECK(for_terminal("a\x1b]0;pwned\x07z") == "a?]0;pwned?z");
    CHECK(for_terminal("\x1b[2J\x1b[31mred") == "?[2J?[31mred");
    CHECK(for_terminal(std::string("nul\0byte", 8)) == "nul?byte");
    CHECK(for_terminal("one\ntwo\r\tthree") == "one two  three");
    CHECK(for_terminal("csi\xc2\x9b"
                       "31m") == "csi?31m");
    CHECK(for_terminal("del\x7f") == "del?");
    CHECK(for_terminal("bad \xff byte") == "bad \xef\xbf\xbd byte");
    const std::string printable = "Лукашенко’s “troops” — 100 % café «Минск»";
    CHECK(for_terminal(printable) == printable);
}
