// The index's stemmer: Snowball's, chosen per word by its script.
#include <string>

#include "schema/schema.h"

namespace dateline::schema {

namespace {

// UTF-8 lead bytes 0xD0-0xD3 begin U+0400-U+04FF, the Cyrillic block.
bool has_cyrillic(const std::string& word) {
    for (unsigned char c : word)
        if (c >= 0xD0 && c <= 0xD3) return true;
    return false;
}

class ScriptStemmer : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override {
        return has_cyrillic(word) ? russian_(word) : english_(word);
    }
    std::string get_description() const override { return "dateline: russian|english"; }

  private:
    Xapian::Stem russian_{"russian"}, english_{"english"};
};

}  // namespace

Xapian::Stem text_stemmer() { return Xapian::Stem(new ScriptStemmer); }

}  // namespace dateline::schema
