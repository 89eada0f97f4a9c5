// Quotations by a speaker: see quoted_by.h.
#include "src/search/quoted_by.h"

#include <algorithm>

#include "schema/schema.h"

namespace dateline {

using schema::Field;

bool has_quote_terms(const Xapian::Query& text) {
    const std::string prefix(schema::spec(Field::Quote).prefix);
    for (auto t = text.get_terms_begin(); t != text.get_terms_end(); ++t) {
        std::string term = *t;
        if (!term.empty() && term[0] == 'Z') term.erase(0, 1);
        if (term.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
}

Xapian::Query with_quoted_words(const Xapian::Query& query) {
    const std::string prefix(schema::spec(Field::Quote).prefix);
    std::vector<Xapian::Query> words;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string& term = *t;
        std::size_t at = !term.empty() && term[0] == 'Z' ? 1 : 0;
        if (term.compare(at, prefix.size(), prefix) == 0)
            words.emplace_back(term.substr(0, at) + term.substr(at + prefix.size()));
    }
    if (words.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
}

bool said_by(const std::string& speaker, const std::vector<std::string>& slugs) {
    if (speaker.empty()) return false;
    std::string whole = schema::slug(speaker);
    std::string last = schema::slug(speaker.substr(speaker.rfind(' ') + 1));
    return std::any_of(slugs.begin(), slugs.end(),
                       [&](const std::string& s) { return s == whole || s == last; });
}

QuoteMatcher::QuoteMatcher(Xapian::Query text)
    : text_(std::move(text)), scratch_(std::string(), Xapian::DB_BACKEND_INMEMORY) {}

bool QuoteMatcher::matches(schema::PassageRecord record, std::vector<schema::Quote> quotes) {
    record.quotes = std::move(quotes);
    scratch_.replace_document(1, maker_.document(record));
    Xapian::Enquire enquire(scratch_);
    enquire.set_query(text_);
    return !enquire.get_mset(0, 1).empty();
}

QuotedBy::QuotedBy(Xapian::Query text, std::vector<std::string> speakers)
    : text_(text), speakers_(std::move(speakers)), matcher_(std::move(text)) {
    for (const auto& s : speakers_) slugs_.push_back(schema::slug(s));
}

void QuotedBy::init(const Xapian::Database& db) {
    db_ = db;
    did_ = 0;
    last_ = db.get_lastdocid();
    doccount_ = db.get_doccount();
}

bool QuotedBy::accepts(Xapian::docid did) {
    Xapian::Document doc;
    try {
        doc = db_.get_document(did, Xapian::DOC_ASSUME_VALID);
    } catch (const Xapian::DocNotFoundError&) {
        return false;  // a gap in the docids
    }
    std::optional<schema::PassageRecord> record = schema::read_record(doc);
    if (!record) return false;
    std::vector<schema::Quote> theirs;
    for (const auto& q : record->quotes)
        if (said_by(q.speaker, slugs_)) theirs.push_back(q);
    return !theirs.empty() && matcher_.matches(std::move(*record), std::move(theirs));
}

void QuotedBy::next(double) {
    do ++did_;
    while (did_ <= last_ && !accepts(did_));
}

void QuotedBy::skip_to(Xapian::docid did, double min_wt) {
    if (did <= did_) return;
    did_ = did - 1;
    next(min_wt);
}

bool QuotedBy::check(Xapian::docid did, double) {
    did_ = did;
    return accepts(did);  // false: not here, and next() moves on from did
}

}  // namespace dateline
