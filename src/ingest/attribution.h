// Who said each quotation of a passage, and who else the passage reports speaking (internal
// to EntityExtractor, see entities.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/ingest/entities.h"
#include "src/ingest/quotations.h"
#include "src/ingest/speech.h"

namespace dateline::extraction {

// Fills out.quotes (the quotations `spans` of `passage`, each with its speaker's name and kind,
// or none) and out.speakers (canonical, in order, no repeats). `speech` reads the passage's
// tokens; `previous` is the last speaker of the passage before, for a quotation that opens
// this one.
void read_speakers(SpeechReader& speech, std::string_view passage, const std::vector<Span>& spans,
                   const Speaker& previous, PassageEntities& out);

}  // namespace dateline::extraction
