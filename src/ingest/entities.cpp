// Quotations, speakers and places: see entities.h. The pieces, each in its own file: tokens
// (words and marks), quotations (pairing the marks), names (which words make one), people (the
// article's), speech (verbs and their subjects), attribution (quotations to speakers), places;
// the Lexicon in lexicon.cpp. This file runs them over an article.
#include "src/ingest/entities.h"

#include "src/ingest/attribution.h"
#include "src/ingest/names.h"
#include "src/ingest/people.h"
#include "src/ingest/places.h"
#include "src/ingest/quotations.h"
#include "src/ingest/speech.h"
#include "src/ingest/tokens.h"

namespace dateline {

namespace {

using namespace extraction;

// The last speaker of a passage: its last quotation's, else the last it reports.
Speaker last_speaker(const SpeechReader& speech, const PassageEntities& passage) {
    if (!passage.quotes.empty() && !passage.quotes.back().speaker.empty())
        return speech.named(passage.quotes.back().speaker);
    return passage.speakers.empty() ? Speaker{} : speech.named(passage.speakers.back());
}

class ArticleReader {
  public:
    ArticleReader(const Lexicon& lex, const std::vector<Passage>& passages)
        : lex_(lex), passages_(passages), names_(lex), people_(lex, names_), places_(lex, names_) {
        for (const auto& p : passages) {
            tokens_.push_back(tokenize(p.text));
            mark_speech_verbs(tokens_.back(), lex);
        }
        for (std::size_t p = 0; p < passages.size(); ++p)
            if (passages[p].ordinal == 0)
                for (auto& t : tokens_[p]) t.headline = true;
        for (auto& t : tokens_) spans_.push_back(find_quotations(t));
        names_.mark_surnames(tokens_);
    }

    std::vector<PassageEntities> run() {
        people_.collect(tokens_);
        places_.collect_countries(tokens_);
        std::vector<PassageEntities> out(passages_.size());
        std::string dateline = places_.dateline_place(passages_);
        Speaker previous_speaker;  // the last speaker of the previous passage
        for (std::size_t p = 0; p < passages_.size(); ++p) {
            people_.mark_mentions(p, tokens_[p]);
            SpeechReader speech(lex_, names_, people_, tokens_[p]);
            read_speakers(speech, passages_[p].text, spans_[p], previous_speaker, out[p]);
            people_.end_passage(out[p].speakers);
            places_.read_places(p, tokens_[p], people_, dateline, out[p].locations);
            previous_speaker = last_speaker(speech, out[p]);
        }
        return out;
    }

  private:
    const Lexicon& lex_;
    const std::vector<Passage>& passages_;
    std::vector<std::vector<Token>> tokens_;
    std::vector<std::vector<Span>> spans_;
    NameRules names_;
    People people_;
    PlaceFinder places_;
};

}  // namespace

EntityExtractor::EntityExtractor(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

std::vector<PassageEntities> EntityExtractor::extract(const std::vector<Passage>& passages) const {
    return ArticleReader(*lexicon_, passages).run();
}

}  // namespace dateline
