// The places a passage mentions, and the one its article's dateline names (internal to
// EntityExtractor, see entities.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "src/ingest/entities.h"
#include "src/ingest/names.h"
#include "src/ingest/people.h"
#include "src/ingest/tokens.h"

namespace dateline::extraction {

class PlaceFinder {
  public:
    PlaceFinder(const Lexicon& lexicon, const NameRules& names) : lex_(lexicon), names_(names) {}

    // Pass 1: the countries and first-level regions (states) the article mentions, which decide
    // between places that share a name (Brest, Belarus or France) and admit small towns
    // (Otisville, in an article that names New York). `passages` are the tokens of each passage.
    void collect_countries(const std::vector<std::vector<Token>>& passages);
    // The place of the article's dateline ("MINSK—", "MINSK:", "MINSK (AFP) -"), read from
    // the second passage (the first is the title); "" if none or not in the gazetteer.
    std::string dateline_place(const std::vector<Passage>& passages) const;
    // Adds `dateline`, then the places passage p (tokens `toks`) names, to `locations`, without
    // repeats; the tokens of people (people.is_person_token) are no places.
    void read_places(std::size_t p, const std::vector<Token>& toks, const People& people,
                     const std::string& dateline, std::vector<std::string>& locations) const;

  private:
    std::optional<std::string> place_key(std::size_t p, const std::vector<Token>& toks,
                                         const People& people, std::size_t first,
                                         std::size_t last) const;
    const Place* choose_place(const std::vector<Place>& candidates, const std::vector<Token>& toks,
                              std::size_t i, std::size_t n) const;
    const Place* in_named_region(const std::vector<Place>& candidates,
                                 const std::vector<Token>& toks, std::size_t after) const;
    bool is_persons_name(const Token& t) const;

    const Lexicon& lex_;
    const NameRules& names_;
    std::unordered_set<std::string> countries_;  // ISO codes
    std::unordered_set<std::string> regions_;    // names of the regions mentioned
};

}  // namespace dateline::extraction
