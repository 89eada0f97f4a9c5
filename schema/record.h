// One passage document: what it carries, how the writer makes it and how readers read it back.
//
// The document is on-disk format, as the table in schema.h is: its terms, value slots and data
// keys change only with kSchemaVersion. This file is the only one that builds or parses it.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::schema {

struct Quote {
    std::string text;     // the words inside the marks
    std::string speaker;  // canonical name, or "" if nobody named said it
    std::string kind;     // the speaker's: person, organisation, document, unnamed; "" if none
};

// Everything a passage document holds. The article's fields are on each of its passages.
struct PassageRecord {
    std::string article_id;
    unsigned passage = 0;   // ordinal in the article: 0 = the title, then the body's passages
    std::string source;     // the outlet as displayed ("France 24"), "" if unknown
    std::string date;       // YYYY-MM-DD, "" if unknown
    std::string published;  // YYYY-MM-DDTHH:MM:SSZ (UTC), "" if only a day (or nothing) is known
    std::string language;   // primary subtag ("ru"), "" if its source does not say
    std::string title;      // the article's, as displayed
    std::string url;
    std::vector<std::string> authors;
    std::vector<std::string> speakers;   // canonical names, in order of appearance
    std::vector<std::string> locations;  // canonical names, the article's dateline place first
    std::vector<Quote> quotes;
    // The index's declared fields (kDeclaredFieldsKey), each one, in name order, with the
    // article's values ([] when it has none); empty for an index that declares none.
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
    std::string text;      // the passage, display-normalised
    std::string copy_key;  // its wire-copy signature (copy_key()), "" for a short passage
    Xapian::termcount article_length = 0;  // the article's words (set_article_length)
};

// Makes passage documents. Holds the term generator: one maker per writing thread.
class DocumentMaker {
  public:
    DocumentMaker();  // English stems, STEM_SOME (schema.h)

    // The record's document: its free text (the text; the title's words, with positions on
    // the title's own passage only, since positions are most of the index's size; each quote
    // again under the quote prefix) and everything make_document() gives it.
    Xapian::Document document(const PassageRecord& record);

  private:
    Xapian::TermGenerator terms_;
    std::string title_, folded_title_;  // an article's passages share a title: folded once
};

// The record's document without its free text: its boolean terms (the filter terms, with a
// speaker's surname alone as well; the article, date and copy terms), its value slots and its
// data. What `check` compares a stored document with.
Xapian::Document make_document(const PassageRecord& record);

// Every passage carries its article's length (--per-article ranks articles by BM25): known once
// the article's passages are all made, so set afterwards.
void set_article_length(Xapian::Document& doc, Xapian::termcount length);

// The words of a document's free text: the wdf of its unprefixed terms (is_word_term).
Xapian::termcount word_count(const Xapian::Document& doc);

// A boolean term make_document() gives: one under a Filter, Unique or Range field's prefix, or
// a copy term. Never a term of the free text.
bool is_boolean_term(std::string_view term);

enum class Reading {
    Lenient,  // a member missing takes its default (as the search reads hits)
    Strict,   // every member a passage needs (article_id, passage, text) present, and every
              // member of its type, or nullopt (as `check` reads passages)
};

// The record a stored document holds: its data's members, and from its slots what only they
// hold (the copy key and the article length). nullopt if the data is not JSON, or, Strict, not
// a passage's. Lenient throws nlohmann::json's type_error for a member of another type.
std::optional<PassageRecord> read_record(const Xapian::Document& doc,
                                         Reading reading = Reading::Lenient);

}  // namespace dateline::schema
