// Russian names of countries, for queries typed in Cyrillic over news written in English.
// Internal to src/search.
#pragma once

#include <string>

namespace dateline {

// The English name of the country a Cyrillic word names in any of its forms (Россия, России ->
// "Russia"), from ICU's territory names; "" for a word that names none. Names of several words,
// and names whose stem is under four letters (Того, Чад: also common words), are left out.
std::string country_exonym(const std::string& cyrillic_word);

}  // namespace dateline
