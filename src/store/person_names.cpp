// One name per person: see person_names.h.
#include "src/store/person_names.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

namespace dateline {

namespace {

constexpr double kDominantShare = 2.0 / 3;
constexpr std::size_t kMinArticles = 3;

struct Person {
    std::string shown;  // the variant most articles use
    std::size_t shown_articles = 0, articles = 0;
};

}  // namespace

void merge_speaker_names(SpeakerNames& names, const SpeakerNames& more) {
    for (const auto& [name, facts] : more) {
        auto [it, added] = names.emplace(name, facts);
        if (!added) it->second.articles += facts.articles;
    }
}

std::map<std::string, std::string> shown_names(const SpeakerNames& names) {
    std::map<std::string, std::string> out;
    std::unordered_map<std::string, Person> people;  // by NameFacts::person
    for (const auto& [name, facts] : names) {
        if (facts.person.empty()) continue;
        Person& p = people[facts.person];
        p.articles += facts.articles;
        // The map is in name order: of variants named equally often, the first name wins.
        if (facts.articles > p.shown_articles) {
            p.shown = name;
            p.shown_articles = facts.articles;
        }
    }
    for (const auto& [name, facts] : names)
        if (!facts.person.empty() && people[facts.person].shown != name)
            out.emplace(name, people[facts.person].shown);
    // Bare surnames: the person of that surname most articles name in full, if dominant.
    std::unordered_map<std::string, std::vector<const Person*>> by_surname;
    for (const auto& [key, person] : people)
        by_surname[key.substr(key.rfind(' ') + 1)].push_back(&person);
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
