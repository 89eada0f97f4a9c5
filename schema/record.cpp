// The passage document: made from a record (terms, slots, data), and read back into one.
#include "schema/record.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "schema/schema.h"
#include "src/text/text.h"

namespace dateline::schema {

namespace {

using nlohmann::json;

std::string prefix_of(Field field) { return std::string(spec(field).prefix); }

// The data keys are on-disk format (nlohmann::json writes them in sorted order).
json data_of(const PassageRecord& r) {
    json quotes = json::array();
    for (const Quote& q : r.quotes) {
        json quote = {{"text", q.text}, {"speaker", q.speaker}};
        if (!q.kind.empty()) quote["kind"] = q.kind;  // indexes before kinds have none
        quotes.push_back(std::move(quote));
    }
    json data = {{"article_id", r.article_id},
                 {"passage", r.passage},
                 {"source", r.source},
                 {"date", r.date},
                 {"title", r.title},
                 {"url", r.url},
                 {"authors", r.authors},
                 {"speakers", r.speakers},
                 {"locations", r.locations},
                 {"quotes", quotes},
                 {"text", r.text}};
    if (!r.published.empty()) data["published"] = r.published;
    if (!r.language.empty()) data["language"] = r.language;
    if (!r.fields.empty()) {
        json fields = json::object();
        for (const auto& [name, values] : r.fields) fields[name] = values;
        data["fields"] = std::move(fields);
    }
    return data;
}

// A name's filter terms: the name, and a person's surname alone (speaker:Lukashenko).
void add_name_terms(Xapian::Document& doc, Field field, const std::string& name) {
    doc.add_boolean_term(filter_term(field, name));
    std::size_t space = name.rfind(' ');
    if (field == Field::Speaker && space != std::string::npos)
        doc.add_boolean_term(filter_term(field, name.substr(space + 1)));
}

void add_names(Xapian::Document& doc, Field field, const std::vector<std::string>& names) {
    for (const auto& name : names) add_name_terms(doc, field, name);
    if (!names.empty()) doc.add_value(spec(field).slot, pack_list(names));
}

// A filter term and the slot that shows the value, for a field the passage may lack.
void add_filter(Xapian::Document& doc, Field field, const std::string& value) {
    if (value.empty()) return;
    doc.add_boolean_term(filter_term(field, value));
    doc.add_value(spec(field).slot, value);
}

// The declared fields: their terms, and their values packed after the article id for facets.
void add_declared(Xapian::Document& doc, const PassageRecord& r) {
    if (r.fields.empty()) return;
    std::vector<std::string> packed{r.article_id};
    for (const auto& [name, values] : r.fields) {
        for (const std::string& value : values) doc.add_boolean_term(declared_term(name, value));
        packed.push_back(pack_list(values));
    }
    doc.add_value(spec(Field::Declared).slot, pack_list(packed));
}

void add_fields(Xapian::Document& doc, const PassageRecord& r) {
    const std::string date = date_key(r.date);
    for (const std::string& author : r.authors)
        doc.add_boolean_term(filter_term(Field::Author, author));
    add_declared(doc, r);
    if (!r.language.empty()) doc.add_boolean_term(filter_term(Field::Language, r.language));
    add_names(doc, Field::Speaker, r.speakers);
    add_names(doc, Field::Location, r.locations);
    doc.add_boolean_term(filter_term(Field::Article, r.article_id));
    add_filter(doc, Field::Source, r.source);
    add_filter(doc, Field::Date, date);
    doc.add_value(spec(Field::Article).slot, r.article_id);
    doc.add_value(spec(Field::Facets).slot,
                  pack_facets({r.article_id, r.source, date, r.speakers, r.locations}));
    doc.add_value(spec(Field::Passage).slot, Xapian::sortable_serialise(r.passage));
    if (std::string key = published_key(r.date, r.published); !key.empty())
        doc.add_value(spec(Field::Published).slot, key);
    // Wire copies: the same key on near-identical passages of other articles.
    if (r.passage > 0) doc.add_boolean_term(paragraph_term(r.text));
    if (!r.copy_key.empty()) {
        doc.add_boolean_term(copy_term(r.copy_key));
        doc.add_value(spec(Field::Copy).slot, r.copy_key);
    }
    set_article_length(doc, r.article_length);
    doc.set_data(data_of(r).dump());
}

// A member of `data` that is absent, or of the type `test` asks for.
bool absent_or(const json& data, const char* key, bool (json::*test)() const noexcept) {
    auto it = data.find(key);
    return it == data.end() || ((*it).*test)();
}

bool absent_or_names(const json& data, const char* key) {
    auto it = data.find(key);
    if (it == data.end()) return true;
    if (!it->is_array()) return false;
    for (const auto& name : *it)
        if (!name.is_string()) return false;
    return true;
}

bool absent_or_quotes(const json& data) {
    auto it = data.find("quotes");
    if (it == data.end()) return true;
    if (!it->is_array()) return false;
    for (const auto& q : *it)
        if (!q.is_object() || !absent_or(q, "text", &json::is_string) ||
            !absent_or(q, "speaker", &json::is_string) || !absent_or(q, "kind", &json::is_string))
            return false;
    return true;
}

// Passage data as make_document() stores it: the members every passage has, and every member
// of its type.
bool well_formed(const json& data) {
    if (!data.is_object()) return false;
    for (const char* key : {"article_id", "passage", "text"})
        if (!data.contains(key)) return false;
    for (const char* key :
         {"article_id", "text", "source", "date", "title", "url", "published", "language"})
        if (!absent_or(data, key, &json::is_string)) return false;
    if (auto f = data.find("fields"); f != data.end()) {
        if (!f->is_object()) return false;
        for (const auto& [name, values] : f->items())
            if (!absent_or_names(*f, name.c_str())) return false;
    }
    return absent_or(data, "passage", &json::is_number_unsigned) &&
           absent_or_names(data, "authors") && absent_or_names(data, "speakers") &&
           absent_or_names(data, "locations") && absent_or_quotes(data);
}

PassageRecord from_data(const json& data) {
    using Names = std::vector<std::string>;
    PassageRecord r;
    r.article_id = data.value("article_id", "");
    r.passage = data.value("passage", 0u);
    r.source = data.value("source", "");
    r.date = data.value("date", "");
    r.published = data.value("published", "");
    r.language = data.value("language", "");
    r.title = data.value("title", "");
    r.url = data.value("url", "");
    r.authors = data.value("authors", Names{});
    r.speakers = data.value("speakers", Names{});
    r.locations = data.value("locations", Names{});
    for (const auto& q : data.value("quotes", json::array()))
        r.quotes.push_back({q.value("text", ""), q.value("speaker", ""), q.value("kind", "")});
    r.text = data.value("text", "");
    if (auto f = data.find("fields"); f != data.end() && f->is_object())
        for (const auto& [name, values] : f->items())  // sorted by name, as written
            r.fields.emplace_back(name, values.get<Names>());
    return r;
}

// The article length a slot holds; 0 for an empty or impossible value (which make_document
// would not write back the same).
Xapian::termcount length_of(const std::string& slot) {
    if (slot.empty()) return 0;
    double length = Xapian::sortable_unserialise(slot);
    return length >= 0 && length <= std::numeric_limits<Xapian::termcount>::max()
               ? static_cast<Xapian::termcount>(length)
               : 0;
}

}  // namespace

DocumentMaker::DocumentMaker() {
    terms_.set_stemmer(text_stemmer());
    terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentMaker::document(const PassageRecord& record) {
    Xapian::Document doc;
    terms_.set_document(doc);
    terms_.index_text(fold_for_terms(record.text));
    if (record.title != title_) {
        title_ = record.title;
        folded_title_ = fold_for_terms(title_);
    }
    if (record.passage == 0) {
        terms_.increase_termpos();
        terms_.index_text(folded_title_, 1, prefix_of(Field::Title));
    } else {
        terms_.index_text_without_positions(folded_title_, 1, prefix_of(Field::Title));
    }
    for (const Quote& q : record.quotes) {
        terms_.increase_termpos();
        terms_.index_text(fold_for_terms(q.text), 1, prefix_of(Field::Quote));
    }
    add_fields(doc, record);
    return doc;
}

Xapian::Document make_document(const PassageRecord& record) {
    Xapian::Document doc;
    add_fields(doc, record);
    return doc;
}

void set_article_length(Xapian::Document& doc, Xapian::termcount length) {
    doc.add_value(spec(Field::ArticleLength).slot, Xapian::sortable_serialise(length));
}

Xapian::termcount word_count(const Xapian::Document& doc) {
    Xapian::termcount words = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (is_word_term(*t)) words += t.get_wdf();
    return words;
}

bool is_boolean_term(std::string_view term) {
    for (std::size_t f = 0; f < std::size(kFields); ++f) {
        const FieldSpec& field = kFields[f];
        bool boolean = field.kind == Kind::Filter || field.kind == Kind::Unique ||
                       field.kind == Kind::Range || static_cast<Field>(f) == Field::Copy ||
                       static_cast<Field>(f) == Field::Paragraph;
        if (boolean && !field.prefix.empty() && term.substr(0, field.prefix.size()) == field.prefix)
            return true;
    }
    return false;
}

std::optional<PassageRecord> read_record(const Xapian::Document& doc, Reading reading) {
    json data = json::parse(doc.get_data(), nullptr, false);
    if (data.is_discarded() || (reading == Reading::Strict && !well_formed(data)))
        return std::nullopt;
    PassageRecord r = from_data(data);
    r.copy_key = doc.get_value(spec(Field::Copy).slot);
    r.article_length = length_of(doc.get_value(spec(Field::ArticleLength).slot));
    return r;
}

}  // namespace dateline::schema
