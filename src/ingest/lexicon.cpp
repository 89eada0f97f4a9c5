// The Lexicon: the word lists, gazetteer and aliases of schema/, loaded once, looked up often
// (see entities.h).
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "schema/schema.h"
#include "src/base/split.h"
#include "src/ingest/entities.h"
#include "src/text/text.h"

#ifndef DATELINE_SCHEMA_DIR
#define DATELINE_SCHEMA_DIR "schema"
#endif
#ifndef DATELINE_WORD_LISTS
#define DATELINE_WORD_LISTS "/usr/share/dict/american-english:/usr/share/dict/british-english"
#endif

namespace dateline {

namespace {

using Words = SpeechSections::Words;

// speech.txt's sections by name.
constexpr std::pair<std::string_view, Words SpeechSections::*> kSections[] = {
    {"verbs", &SpeechSections::verbs},
    {"phrasal", &SpeechSections::phrasal},
    {"inverted", &SpeechSections::inverted},
    {"indefinites", &SpeechSections::indefinites},
    {"descriptions", &SpeechSections::descriptions},
    {"stop_words", &SpeechSections::stop_words},
    {"determiners", &SpeechSections::determiners},
    {"skip", &SpeechSections::skip},
    {"not_names", &SpeechSections::not_names},
    {"titles", &SpeechSections::titles},
    {"suffixes", &SpeechSections::suffixes},
    {"honorifics", &SpeechSections::honorifics},
    {"organisations", &SpeechSections::organisations},
    {"organisation_names", &SpeechSections::organisation_names},
    {"documents", &SpeechSections::documents},
    {"pronouns", &SpeechSections::pronouns},
    {"groups", &SpeechSections::groups},
    {"person_nouns", &SpeechSections::person_nouns},
    {"he", &SpeechSections::he},
    {"she", &SpeechSections::she},
    {"female_endings", &SpeechSections::female_endings},
    {"male_exceptions", &SpeechSections::male_exceptions},
    {"demonyms", &SpeechSections::demonyms},
};

std::string read_file(const std::string& path, bool required) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (required)
            throw std::runtime_error(path +
                                     ": cannot read it; give the schema folder with --schema or "
                                     "$DATELINE_SCHEMA (schema/ in the source tree, "
                                     "share/dateline/schema where it is installed)");
        return "";
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines = split(text, '\n');
    for (auto& line : lines)
        if (!line.empty() && line.back() == '\r') line.pop_back();
    return lines;
}

std::string lower_utf8(std::string_view s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
}

// The regular inflections of a verb's base form, and the form itself: tweet -> tweets, tweeted,
// tweeting; reply -> replies, replied; slam -> slammed, slamming. A few are no words
// ("saied"): they never occur in text.
std::vector<std::string> inflections(const std::string& base) {
    std::vector<std::string> out = {base, base + "s", base + "es", base + "ed", base + "ing"};
    if (base.size() < 2) return out;
    char last = base.back();
    std::string stem = base.substr(0, base.size() - 1);
    if (last == 'e') out.insert(out.end(), {base + "d", stem + "ing"});
    if (last == 'y') out.insert(out.end(), {stem + "ies", stem + "ied"});
    if (std::string("bdgklmnprt").find(last) != std::string::npos)
        out.insert(out.end(), {base + last + "ed", base + last + "ing"});
    return out;
}

// speech.txt (read from `speech_path`): "section: words..." lines.
SpeechSections parse_speech(const std::string& speech_path, const std::string& speech,
                            const Report& report) {
    SpeechSections sections;
    int line_no = 0;
    for (const auto& line : lines_of(speech)) {
        ++line_no;
        std::string_view l = trim(line);
        if (l.empty() || l[0] == '#') continue;
        std::size_t colon = l.find(':');
        std::string where = speech_path + ":" + std::to_string(line_no);
        if (colon == std::string_view::npos) {
            report(error_at(where, "expected \"section: words\"; line ignored"));
            continue;
        }
        std::string_view name = trim(l.substr(0, colon));
        Words* set = sections.find(name);
        if (!set) {
            report(error_at(where, "no section \"" + std::string(name) +
                                       "\"; line ignored; the sections are " +
                                       SpeechSections::names()));
            continue;
        }
        std::istringstream words{std::string(l.substr(colon + 1))};
        for (std::string w; words >> w;) set->insert(lower_utf8(w));
    }
    for (auto [base, forms] : {std::pair{&sections.verbs, &sections.verb_forms},
                               std::pair{&sections.inverted, &sections.inverted_forms}})
        for (const auto& word : *base)
            for (auto& form : inflections(word)) forms->insert(std::move(form));
    return sections;
}

struct DictionaryWords {
    std::unordered_set<std::string> common;  // lower-case entries
    std::unordered_set<std::string> proper;  // capitalised entries, folded
};

// The system dictionaries (`paths` separated by colons; missing ones skipped): lower-case
// entries are common words.
DictionaryWords read_dictionaries(const std::string& paths) {
    DictionaryWords out;
    for (const auto& path : split(paths, ':')) {
        std::string words = read_file(path, false);
        for (const auto& w : lines_of(words)) {
            if (w.empty() || w.find('\'') != std::string::npos) continue;
            if (w[0] >= 'a' && w[0] <= 'z')
                out.common.insert(w);
            else if (w[0] >= 'A' && w[0] <= 'Z')
                out.proper.insert(lower_utf8(w));
        }
    }
    return out;
}

struct Country {
    std::string code;  // ISO 3166
    std::string english, russian;
};

// Countries: ICU's territory names in English and Russian (codes without an English name
// left out).
std::vector<Country> icu_countries() {
    std::vector<Country> out;
    const icu::Locale en("en"), ru("ru");
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
        icu::Locale territory("", *code);
        icu::UnicodeString name_en, name_ru;
        territory.getDisplayCountry(en, name_en);
        territory.getDisplayCountry(ru, name_ru);
        std::string english, russian;
        name_en.toUTF8String(english);
        name_ru.toUTF8String(russian);
        if (english.empty() || english == *code) continue;
        out.push_back({*code, english, russian});
    }
    return out;
}

// Demonyms by rule: Russia+n, Belarus+ian, Ukrain(e)+ian, Chin(a)+ese, Japan+ese, Iraq+i.
// None for a name of several words.
std::vector<std::string> demonyms_by_rule(const std::string& english) {
    std::string n = lower_utf8(english);
    if (n.find(' ') != std::string::npos) return {};
    std::string stem = n.substr(0, n.size() - 1);
    return {n + "n",   n + "ian", stem + "ian", stem + "ese",
            n + "ese", n + "i",   stem + "an",  stem + "ish"};
}

// places.tsv or places-local.tsv (read from `path`): name, kind, country, population.
std::vector<Place> parse_places(const std::string& path, const std::string& text,
                                const Report& report) {
    std::vector<Place> places;
    int line_no = 0;
    for (const auto& line : lines_of(text)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() < 4 || cols[0].empty() || cols[1].empty()) {
            report(error_at(path + ":" + std::to_string(line_no),
                            "expected name, kind, country, population, region separated by "
                            "tabs; line ignored"));
            continue;
        }
        places.push_back({cols[0], cols[1], cols[2], std::strtoul(cols[3].c_str(), nullptr, 10),
                          cols.size() > 4 ? cols[4] : ""});
    }
    return places;
}

// A two-column TSV file (read from `path`), folded: first-names.tsv ("name<TAB>m|f") or
// nicknames.tsv ("nickname<TAB>formal"). `valid` checks the second column.
std::unordered_map<std::string, std::string> parse_pairs(const std::string& path,
                                                         const std::string& text,
                                                         const Report& report, const char* expected,
                                                         bool (*valid)(const std::string&)) {
    std::unordered_map<std::string, std::string> pairs;
    int line_no = 0;
    for (const auto& line : lines_of(text)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() != 2 || cols[0].empty() || !valid(cols[1])) {
            report(error_at(path + ":" + std::to_string(line_no),
                            std::string("expected ") + expected + "; line ignored"));
            continue;
        }
        pairs[lower_utf8(cols[0])] = lower_utf8(cols[1]);
    }
    return pairs;
}

bool is_sex(const std::string& s) { return s == "m" || s == "f" || s == "u"; }
bool is_word(const std::string& s) { return !s.empty(); }

// aliases.txt (read from `alias_path`): "Canonical = variant | variant"; each group canonical
// first.
std::vector<std::vector<std::string>> parse_aliases(const std::string& alias_path,
                                                    const std::string& aliases,
                                                    const Report& report) {
    std::vector<std::vector<std::string>> groups;
    int line_no = 0;
    for (const auto& line : lines_of(aliases)) {
        ++line_no;
        std::string_view l = trim(line);
        if (l.empty() || l[0] == '#') continue;
        std::size_t eq = l.find('=');
        if (eq == std::string_view::npos) {
            report(error_at(alias_path + ":" + std::to_string(line_no),
                            "expected \"Canonical = variant | variant\"; line ignored"));
            continue;
        }
        std::vector<std::string> group{std::string(trim(l.substr(0, eq)))};
        for (const auto& v : split(l.substr(eq + 1), '|'))
            if (!trim(v).empty()) group.emplace_back(trim(v));
        groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace

namespace {

// share/dateline/schema beside the running program's bin/, where `cmake --install` puts it;
// "" when there is none (a program run from its build tree).
std::string installed_schema_dir() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    const std::filesystem::path dir =
        exe.parent_path().parent_path() / "share" / "dateline" / "schema";
    return std::filesystem::exists(dir / "speech.txt", ec) ? dir.string() : "";
}

}  // namespace

std::string default_schema_dir() {
    const char* env = std::getenv("DATELINE_SCHEMA");
    if (env && *env) return env;
    const std::string installed = installed_schema_dir();
    return installed.empty() ? DATELINE_SCHEMA_DIR : installed;
}

std::string Lexicon::key(std::string_view name) { return fold_key(normalize_display(name)); }

std::string Lexicon::fold_key(std::string_view normalized) {
    std::string folded = lower_utf8(normalized);
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < folded.size();) {
        UChar32 c;
        std::size_t at = i;
        U8_NEXT(folded.data(), i, folded.size(), c);
        if (c == '.' || c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB ||
            c == 0x2032 || c == 0x00B4 || c == 0x0060)
            continue;
        if (c == '-' || c == ',' || u_isspace(c) || c == 0x2010 || c == 0x2013) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out.append(folded, at, i - at);
    }
    return out;
}

void Lexicon::add_place(Place place, const std::vector<std::string>& extra_names) {
    std::vector<std::string> names = extra_names;
    names.push_back(place.name);
    for (const auto& name : names) {
        std::string k = key(name);
        if (k.empty()) continue;
        auto& list = places_[k];
        bool dup = false;
        for (const auto& p : list)
            // The same place again; a region may share its name with a town of the same
            // country (Washington, Utah; the state of Washington).
            if (p.name == place.name && p.country == place.country && p.kind == place.kind)
                dup = true;
        if (dup) continue;
        list.push_back(place);
        std::stable_sort(list.begin(), list.end(), [](const Place& a, const Place& b) {
            if ((a.kind == "country") != (b.kind == "country")) return a.kind == "country";
            return a.population > b.population;
        });
        max_place_words_ =
            std::max<std::size_t>(max_place_words_, std::count(k.begin(), k.end(), ' ') + 1);
    }
}

void Lexicon::add_alias_group(std::vector<std::string> group) {
    // A place group: the first member the gazetteer knows gives kind and country.
    const Place* known = nullptr;
    for (const auto& name : group)
        if (const auto* list = places(key(name))) {
            known = &list->front();
            break;
        }
    for (const auto& name : group) canonical_[key(name)] = group.front();
    if (known) {
        Place p = *known;
        p.name = group.front();
        std::vector<std::string> others(group.begin() + 1, group.end());
        // The canonical place replaces what the variants meant on their own.
        for (const auto& name : group) places_.erase(key(name));
        add_place(p, others);
    }
    alias_groups_.push_back(std::move(group));
}

const std::vector<Place>* Lexicon::places(const std::string& k) const {
    auto it = places_.find(k);
    return it == places_.end() ? nullptr : &it->second;
}

std::string Lexicon::canonical(const std::string& k) const {
    auto it = canonical_.find(k);
    return it == canonical_.end() ? "" : it->second;
}

SpeechSections::Words* SpeechSections::find(std::string_view name) {
    for (const auto& [section, member] : kSections)
        if (section == name) return &(this->*member);
    return nullptr;
}

const SpeechSections::Words* SpeechSections::find(std::string_view name) const {
    return const_cast<SpeechSections*>(this)->find(name);
}

std::string SpeechSections::names() {
    std::string out;
    for (const auto& section : kSections)
        out += (out.empty() ? "" : ", ") + std::string(section.first);
    return out;
}

const std::unordered_set<std::string>& Lexicon::list(const std::string& name) const {
    if (const Words* words = speech_.find(name)) return *words;
    throw std::logic_error("speech.txt has no section \"" + name + "\"");
}

bool Lexicon::in_list(const std::string& name, const std::string& word) const {
    return list(name).count(word) != 0;
}

bool Lexicon::has_verb_form(const std::string& name, const std::string& word) const {
    if (name == "verbs") return speech_.verb_forms.count(word) != 0;
    if (name == "inverted") return speech_.inverted_forms.count(word) != 0;
    throw std::logic_error("speech.txt has no verb section \"" + name + "\"");
}

bool Lexicon::is_common_word(const std::string& word) const { return common_words_.count(word); }
bool Lexicon::is_proper_too(const std::string& word) const { return proper_words_.count(word); }
bool Lexicon::is_demonym(const std::string& word) const { return demonyms_.count(word); }

char Lexicon::sex_of_first_name(const std::string& word) const {
    auto it = first_names_.find(word);
    return it == first_names_.end() ? 0 : it->second[0];
}

const std::string& Lexicon::formal_first_name(const std::string& word) const {
    auto it = nicknames_.find(word);
    return it == nicknames_.end() ? word : it->second;
}

std::shared_ptr<const Lexicon> Lexicon::load(const std::string& dir, const Report& give) {
    auto lex = std::make_shared<Lexicon>();
    Report report = [&](const Problem& problem) {
        lex->load_problems_.push_back(problem);
        give(problem);
    };
    std::string all;  // every byte read, for the fingerprint

    std::string speech_path = dir + "/speech.txt";
    std::string speech = read_file(speech_path, true);
    all += speech;
    lex->speech_ = parse_speech(speech_path, speech, report);

    DictionaryWords dictionary = read_dictionaries(DATELINE_WORD_LISTS);
    lex->common_words_ = std::move(dictionary.common);
    lex->proper_words_ = std::move(dictionary.proper);
    if (lex->common_words_.empty())
        report(warning_at("", std::string("no word list found at ") + DATELINE_WORD_LISTS +
                                  "; install wamerican and wbritish (./setup.sh does) or names "
                                  "will run into titles"));

    for (const Country& country : icu_countries()) {
        lex->add_place({country.english, "country", country.code, 0, ""}, {country.russian});
        for (const auto& form : demonyms_by_rule(country.english)) lex->demonyms_.insert(form);
    }
    for (const auto& d : lex->speech_.demonyms) lex->demonyms_.insert(d);

    // places.tsv, then the user's places-local.tsv.
    for (const char* file : {"places.tsv", "places-local.tsv"}) {
        std::string path = dir + "/" + file;
        std::string text = read_file(path, std::string(file) == "places.tsv");
        all += text;
        for (Place& place : parse_places(path, text, report)) lex->add_place(std::move(place), {});
    }

    std::string first_names_path = dir + "/first-names.tsv";
    std::string first_names = read_file(first_names_path, true);
    all += first_names;
    lex->first_names_ = parse_pairs(first_names_path, first_names, report,
                                    "a first name, a tab and m, f or u", is_sex);
    std::string nicknames_path = dir + "/nicknames.tsv";
    std::string nicknames = read_file(nicknames_path, true);
    all += nicknames;
    lex->nicknames_ = parse_pairs(nicknames_path, nicknames, report,
                                  "a nickname, a tab and its formal name", is_word);

    std::string alias_path = dir + "/aliases.txt";
    std::string aliases = read_file(alias_path, true);
    all += aliases;
    for (auto& group : parse_aliases(alias_path, aliases, report))
        lex->add_alias_group(std::move(group));
    lex->fingerprint_ = schema::hash_hex(all);
    return lex;
}

std::shared_ptr<const Lexicon> Lexicon::standard() {
    static std::shared_ptr<const Lexicon> lexicon;
    static std::once_flag once;
    std::call_once(once, [] { lexicon = load(default_schema_dir(), [](const Problem&) {}); });
    return lexicon;
}

}  // namespace dateline
