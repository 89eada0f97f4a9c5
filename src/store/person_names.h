// One name per person from what each index knows of its speaker names, without the lexicon:
// the indexer writes, for every speaker name, the articles naming it and the person it is (the
// formal first name and surname, src/index/surnames.h); the searcher of several indexes built
// apart merges those and shows each person by one name, as one index of them all would.
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace dateline {

struct NameFacts {
    std::size_t articles = 0;  // articles naming it as a speaker
    std::string person;        // "donald trump" for "Donald J. Trump"; "" for no person's name
    std::string surname;       // "trump" for "Trump": one word, no country or organisation
};

using SpeakerNames = std::map<std::string, NameFacts>;  // by the name as written

// Adds `more` (another index's) to `names`: article counts summed.
void merge_speaker_names(SpeakerNames& names, const SpeakerNames& more);

// Speaker name -> the name it is shown as; names shown as they are are left out.
// - Variants of one person (the same `person`) are shown as the one most articles use.
// - A bare surname is the person of that surname whom at least two thirds of the articles
//   naming someone of that surname in full name, in 3 articles or more.
std::map<std::string, std::string> shown_names(const SpeakerNames& names);

// The stored form (JSON: {"name": [articles, "person", "surname"]}), and back; a value
// that does not parse gives no names.
std::string encode_speaker_names(const SpeakerNames& names);
SpeakerNames decode_speaker_names(const std::string& stored);

}  // namespace dateline
