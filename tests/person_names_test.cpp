// One name per person from speaker-name facts (src/store/person_names.h).
#include "src/store/person_names.h"

#include <doctest/doctest.h>

using namespace dateline;

TEST_CASE("variants of one person are shown by the name most articles use") {
    SpeakerNames names = {{"Donald Trump", {40, "donald trump", ""}},
                          {"Donald J. Trump", {5, "donald trump", ""}},
                          {"Chuck Schumer", {9, "charles schumer", ""}},
                          {"Charles Schumer", {2, "charles schumer", ""}},
                          {"White House", {30, "", ""}}};
    auto shown = shown_names(names);
    CHECK(shown.at("Donald J. Trump") == "Donald Trump");
    CHECK(shown.at("Charles Schumer") == "Chuck Schumer");
    CHECK(shown.count("Donald Trump") == 0);  // shown as it is
    CHECK(shown.count("White House") == 0);
}

TEST_CASE("middle names aside, one person, and names whose middle names differ are two") {
    SpeakerNames names = {{"Sarah Sanders", {9, "sarah sanders", ""}},
                          {"Sarah Huckabee Sanders", {4, "sarah huckabee sanders", ""}},
                          {"James Inhofe James", {3, "james inhofe james", ""}},
                          {"Jim Himes James", {2, "james himes james", ""}},
                          {"Donald Trump Jr.", {2, "donald trump jr.", ""}},
                          {"Donald Trump", {40, "donald trump", ""}}};
    auto shown = shown_names(names);
    CHECK(shown.at("Sarah Huckabee Sanders") == "Sarah Sanders");
    CHECK(shown.count("Jim Himes James") == 0);
    CHECK(shown.count("Donald Trump Jr.") == 0);  // his own person
}

TEST_CASE(
    "a bare surname is its dominant person's, from 3 articles on, and a shared one stays bare") {
    SpeakerNames names = {{"Trump", {50, "", "trump"}},
                          {"Donald Trump", {40, "donald trump", ""}},
                          {"Ivanka Trump", {6, "ivanka trump", ""}},
                          {"Sanders", {10, "", "sanders"}},
                          {"Bernie Sanders", {5, "bernie sanders", ""}},
                          {"Sarah Sanders", {4, "sarah sanders", ""}},
                          {"Comey", {3, "", "comey"}},
                          {"James Comey", {2, "james comey", ""}},
                          {"Jordan", {3, "", ""}}};  // a country: no surname
    auto shown = shown_names(names);
    CHECK(shown.at("Trump") == "Donald Trump");  // 40 of 46 articles
    CHECK(shown.count("Sanders") == 0);          // 5 of 9: not two thirds
    CHECK(shown.count("Comey") == 0);            // named in full in 2 articles only
    CHECK(shown.count("Jordan") == 0);
}

TEST_CASE("indexes built apart, merged, show names as one index of them all would") {
    SpeakerNames a = {{"Obama", {4, "", "obama"}}, {"Barack Obama", {2, "barack obama", ""}}};
    SpeakerNames b = {{"Barack Obama", {1, "barack obama", ""}}};
    CHECK(shown_names(a).count("Obama") == 0);  // 2 articles in full: too few alone
    merge_speaker_names(a, b);
    CHECK(a.at("Barack Obama").articles == 3);
    CHECK(shown_names(a).at("Obama") == "Barack Obama");
}

TEST_CASE("speaker-name facts survive their stored form, and a damaged value gives none") {
    SpeakerNames names = {{"Trump", {50, "", "trump"}}, {"José Díaz", {2, "josé díaz", ""}}};
    SpeakerNames back = decode_speaker_names(encode_speaker_names(names));
    REQUIRE(back.size() == 2);
    CHECK(back.at("José Díaz").person == "josé díaz");
    CHECK(back.at("Trump").articles == 50);
    CHECK(back.at("Trump").surname == "trump");
    CHECK(decode_speaker_names("{\"Trump\": [50, \"\"").empty());
    CHECK(decode_speaker_names("{\"Trump\": [\"x\", \"\", \"\"]}").empty());
}
