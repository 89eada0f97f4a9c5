// Who said what, where: quotations, their speakers and the places a passage mentions.
//
// Rule-based and article-wide: a first pass collects the people an article names (so a bare
// surname or "he" resolves to the full name), a second pass reads each passage. The word lists,
// the gazetteer and the aliases are data files under schema/ that users edit without rebuilding.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/ingest/article.h"
#include "src/ingest/passages.h"

namespace dateline {

struct Place {
    std::string name;     // canonical, as shown in facets
    std::string kind;     // country, region, city, site
    std::string country;  // ISO 3166 code ("" for a region like Europe)
    unsigned long population = 0;
    std::string region;  // the first-level region a city lies in ("" if none or not a city)
};

// The sections of speech.txt, each a set of folded words (speech.txt says what each holds). A
// section the file names that is not here is a load problem, and asking for one by a name not
// here throws std::logic_error: a misspelt section is an error on either side.
struct SpeechSections {
    using Words = std::unordered_set<std::string>;
    Words verbs, phrasal, inverted, indefinites, descriptions, stop_words, determiners, skip,
        not_names, titles, suffixes, honorifics, organisations, organisation_names, documents,
        pronouns, groups, person_nouns, he, she, female_endings, male_exceptions, demonyms;
    Words verb_forms, inverted_forms;  // every inflection of the base forms of verbs, inverted

    // The section called `name` in speech.txt, or nullptr for none.
    Words* find(std::string_view name);
    const Words* find(std::string_view name) const;
    // The section names, separated by ", " (for messages).
    static std::string names();
};

// Everything the extractor reads from schema/: places.tsv and places-local.tsv (GeoNames cities
// and regions, the user's sites), ICU's territory names (countries, English and Russian),
// aliases.txt (names that vary), speech.txt (verbs, titles, pronouns), first-names.tsv (census
// first names and their sex, for he and she), nicknames.tsv and the system word list
// (a capitalised dictionary word is not a name part: "State", "Defence").
class Lexicon {
  public:
    // Loads the files of `schema_dir`; problems go to `report` (a bad line is ignored) and are
    // kept in load_problems(). Throws std::runtime_error if a required file is missing.
    static std::shared_ptr<const Lexicon> load(const std::string& schema_dir, const Report& report);
    // The lexicon of the default schema directory (see default_schema_dir), loaded once, quietly:
    // the programs show its load_problems().
    static std::shared_ptr<const Lexicon> standard();
    const std::vector<Problem>& load_problems() const { return load_problems_; }

    // The folded lookup key of a name: case-folded, periods and apostrophes dropped, hyphens
    // as spaces, words separated by one space ("U.S." -> "us", "Homyel'" -> "homyel").
    static std::string key(std::string_view name);
    // The same for text already display-normalised (normalize_display): no second NFKC pass.
    static std::string fold_key(std::string_view normalized);

    // Places known by this key (several for a shared name, most populous first).
    const std::vector<Place>* places(const std::string& key) const;
    // The canonical form of a name if aliases.txt lists it, else "".
    std::string canonical(const std::string& key) const;
    // Alias groups (canonical first), for the searcher's query expansion.
    const std::vector<std::vector<std::string>>& alias_groups() const { return alias_groups_; }

    // A section of speech.txt (see SpeechSections; std::logic_error for no such section), and
    // whether it holds a folded word.
    const std::unordered_set<std::string>& list(const std::string& name) const;
    bool in_list(const std::string& name, const std::string& folded_word) const;
    // A form of a verb the section ("verbs" or "inverted") lists: the word itself, or a regular
    // inflection of a listed base form ("tweeting", "slams", "replied" for tweet, slam, reply).
    bool has_verb_form(const std::string& name, const std::string& folded_word) const;
    bool is_common_word(const std::string& folded_word) const;
    // A common word the dictionary also spells capitalised ("Mike", "Will"): may be a name.
    bool is_proper_too(const std::string& folded_word) const;
    bool is_demonym(const std::string& folded_word) const;
    // 'm' or 'f' for a first name given to one sex, 'u' for one given to either (first-names.tsv,
    // census data), 0 for a word that is no first name.
    char sex_of_first_name(const std::string& folded_word) const;
    // The formal first name a nickname stands for (nicknames.tsv: chuck -> charles), else the
    // word itself.
    const std::string& formal_first_name(const std::string& folded_word) const;
    std::size_t max_place_words() const { return max_place_words_; }
    // Changes whenever any file read changes: part of each article's content hash, so
    // `update` re-extracts everything after the lists are edited.
    const std::string& fingerprint() const { return fingerprint_; }

  private:
    void add_place(Place place, const std::vector<std::string>& extra_names);
    // An aliases.txt group, canonical first: each name maps to it; a place group is one place.
    void add_alias_group(std::vector<std::string> group);
    std::unordered_map<std::string, std::vector<Place>> places_;
    std::unordered_map<std::string, std::string> canonical_;  // key -> canonical name
    std::vector<std::vector<std::string>> alias_groups_;
    SpeechSections speech_;
    std::unordered_set<std::string> common_words_;
    std::unordered_set<std::string> proper_words_;  // capitalised dictionary entries, folded
    std::unordered_set<std::string> demonyms_;
    std::unordered_map<std::string, std::string> first_names_;  // folded -> "m" or "f"
    std::unordered_map<std::string, std::string> nicknames_;    // folded -> formal, folded

    std::size_t max_place_words_ = 1;
    std::vector<Problem> load_problems_;
    std::string fingerprint_;
};

// Where schema/ is read from: $DATELINE_SCHEMA (dateline-index --schema sets it), else
// share/dateline/schema beside the program's bin/ (installed), else the source tree's schema/
// (compiled in).
std::string default_schema_dir();

struct Quotation {
    std::string text;     // the words inside the marks
    std::string speaker;  // canonical name, or "" if nobody named said it
    std::string kind;     // the speaker's: person, organisation, document, unnamed; "" if none
};

struct PassageEntities {
    std::vector<std::string> speakers;   // canonical, in order of appearance, no repeats
    std::vector<std::string> locations;  // canonical, the article's dateline place first
    std::vector<Quotation> quotes;
};

class EntityExtractor {
  public:
    explicit EntityExtractor(std::shared_ptr<const Lexicon> lexicon = Lexicon::standard());
    // One result per passage, in the same order.
    std::vector<PassageEntities> extract(const std::vector<Passage>& passages) const;
    const Lexicon& lexicon() const { return *lexicon_; }

  private:
    std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dateline
