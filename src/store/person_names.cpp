// One name per person: see person_names.h.
#include "src/store/person_names.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "src/base/split.h"

namespace dateline {

namespace {

constexpr double kDominantShare = 2.0 / 3;
constexpr std::size_t kMinArticles = 3;

struct Person {
    std::string shown;  // the variant most articles use
    std::size_t shown_articles = 0, articles = 0;
};

struct PersonKey {
    std::string group;                 // first name and surname: "donald trump", "donald trump jr"
    std::vector<std::string> middles;  // the names between
};

PersonKey split_person(const std::string& person) {
    std::vector<std::string> words = split(person, ' ');
    static const std::vector<std::string> suffixes = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
    std::size_t surname = words.size() - 1;  // Donald Trump Jr. is his own person
    if (surname > 1 && std::count(suffixes.begin(), suffixes.end(), words.back())) --surname;
    PersonKey key{words.front(), {words.begin() + 1, words.begin() + surname}};
    for (std::size_t i = surname; i < words.size(); ++i) key.group += " " + words[i];
    std::sort(key.middles.begin(), key.middles.end());
    return key;
}

// Sarah Sanders and Sarah Huckabee Sanders are one person; Jim Himes James and James Inhofe
// James (a list run together) are not: the middle names of one are among the other's.
bool compatible(const PersonKey& a, const PersonKey& b) {
    const auto& [fewer, more] = a.middles.size() <= b.middles.size()
                                    ? std::tie(a.middles, b.middles)
                                    : std::tie(b.middles, a.middles);
    return std::includes(more.begin(), more.end(), fewer.begin(), fewer.end());
}

}  // namespace

void merge_speaker_names(SpeakerNames& names, const SpeakerNames& more) {
    for (const auto& [name, facts] : more) {
        auto [it, added] = names.emplace(name, facts);
        if (!added) it->second.articles += facts.articles;
    }
}

std::map<std::string, std::string> shown_names(const SpeakerNames& names) {
    std::map<std::string, std::string> out;
    std::unordered_map<std::string, Person> people;  // by PersonKey::group
    std::map<std::string, PersonKey> keys;           // by name
    for (const auto& [name, facts] : names) {
        if (facts.person.empty()) continue;
        const PersonKey& key = keys[name] = split_person(facts.person);
        Person& p = people[key.group];
        p.articles += facts.articles;
        // The map is in name order: of variants named equally often, the first name wins.
        if (facts.articles > p.shown_articles) {
            p.shown = name;
            p.shown_articles = facts.articles;
        }
    }
    for (const auto& [name, key] : keys) {
        const Person& p = people[key.group];
        if (p.shown != name && compatible(key, keys[p.shown])) out.emplace(name, p.shown);
    }
    // Bare surnames: the person of that surname most articles name in full, if dominant.
    std::unordered_map<std::string, std::vector<const Person*>> by_surname;
    for (const auto& [key, person] : people)
        by_surname[key.substr(key.find(' ') + 1)].push_back(&person);
    for (const auto& [name, facts] : names) {
        if (facts.surname.empty()) continue;
        auto it = by_surname.find(facts.surname);
        if (it == by_surname.end()) continue;
        std::size_t total = 0;
        const Person* best = nullptr;
        for (const Person* p : it->second) {
            total += p->articles;
            if (!best || p->articles > best->articles) best = p;
        }
        if (best->articles >= kMinArticles && best->articles >= kDominantShare * total)
            out.emplace(name, best->shown);
    }
    return out;
}

std::string encode_speaker_names(const SpeakerNames& names) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, f] : names) out[name] = {f.articles, f.person, f.surname};
    return out.dump();
}

SpeakerNames decode_speaker_names(const std::string& stored) {
    SpeakerNames out;
    auto json = nlohmann::json::parse(stored, nullptr, false);
    if (!json.is_object()) return out;
    for (const auto& [name, f] : json.items()) {
        if (!f.is_array() || f.size() != 3 || !f[0].is_number_unsigned() || !f[1].is_string() ||
            !f[2].is_string())
            continue;
        out[name] = {f[0].get<std::size_t>(), f[1].get<std::string>(), f[2].get<std::string>()};
    }
    return out;
}

}  // namespace dateline
