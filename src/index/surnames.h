// What one index knows of its speaker names, for showing one name per person
// (src/store/person_names.h), which reads:
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

#include <string>
#include <vector>

#include "src/ingest/entities.h"
#include "src/store/person_names.h"

namespace dateline {

// Every speaker name of the passages of `databases`: its articles, the person it names (the
// lexicon's formal first name and the surname) and whether it may be a bare surname.
SpeakerNames speaker_names(const std::vector<Xapian::Database>& databases, const Lexicon& lexicon);

}  // namespace dateline
