// One name per person across the whole index: the name each speaker name is shown as.
//
// - Variants of one full name are one person: the same surname and the same first name, a
//   nickname taken for its formal name (schema/nicknames.tsv: Chuck Schumer, Charles Schumer)
//   and middle names aside (Sarah Sanders, Sarah Huckabee Sanders). Only names whose first word
//   is a census first name or a nickname are persons here. The person is shown by the variant
//   most articles use.
// - A bare surname ("Trump said", where the article names nobody in full) is the person of that
//   surname whom at least two thirds of the articles naming someone of that surname in full name,
//   in 3 articles or more. A surname two people share (Bernie and Sarah Sanders) stays bare.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "src/ingest/entities.h"

namespace dateline {

// Speaker name -> the name it is shown as, from the speakers of every passage of `databases`;
// names shown as they are are left out.
std::map<std::string, std::string> one_name_per_person(
    const std::vector<Xapian::Database>& databases, const Lexicon& lexicon);

}  // namespace dateline
