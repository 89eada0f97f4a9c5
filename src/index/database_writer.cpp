// The writer of one database: articles in, passage documents (through schema/record.h),
// article records, spelling and aliases out.
#include "src/index/database_writer.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/ingest/language.h"
#include "src/store/commit_lock.h"
#include "src/store/disk.h"
#include "src/text/text.h"

namespace dateline {

namespace {

// `text` in pieces of at most `size` bytes, cut at a blank line in the piece's second half if
// there is one, else a line end, else a space, else between two UTF-8 characters.
std::vector<std::string_view> segments(std::string_view text, std::size_t size) {
    std::vector<std::string_view> out;
    while (text.size() > size) {
        std::string_view window = text.substr(0, size);
        std::size_t cut = window.rfind("\n\n");
        if (cut == std::string_view::npos || cut < size / 2) cut = window.rfind('\n');
        if (cut == std::string_view::npos || cut < size / 2) cut = window.rfind(' ');
        if (cut == std::string_view::npos || cut < size / 2) {
            cut = size;
            while (cut > 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        }
        out.push_back(text.substr(0, cut));
        text.remove_prefix(cut);
    }
    if (!text.empty()) out.push_back(text);
    return out;
}

// Words "did you mean" suggests: unprefixed terms (a lower-case letter or a non-ASCII byte
// first), numbers left out.
bool is_spelling_word(const std::string& term) {
    if (term.empty()) return false;
    unsigned char first = static_cast<unsigned char>(term[0]);
    return ((first >= 'a' && first <= 'z') || first >= 0x80) &&
           term.find_first_of("0123456789") == std::string::npos;
}

// Words of names that vary, aligned from the end ("Svetlana Tikhanovskaya" and "Sviatlana
// Tsikhanouskaya": svetlana~sviatlana, tikhanovskaya~tsikhanouskaya). A one-word variant of a
// person pairs with the surname; place names pair only word for word ("Kiev"~"Kyiv"), so "US"
// never becomes a synonym of "states".
std::vector<std::set<std::string>> aligned_words(const std::vector<std::string>& group,
                                                 bool place) {
    std::vector<std::vector<std::string>> names;
    for (const auto& member : group) {
        std::vector<std::string> words;
        std::istringstream in(fold_for_terms(member));
        for (std::string w; in >> w;) {
            while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.pop_back();
            if (!w.empty()) words.push_back(w);
        }
        if (!words.empty()) names.push_back(words);
    }
    std::vector<std::set<std::string>> sets;
    for (const auto& a : names)
        for (const auto& b : names) {
            if (&a == &b || (place && a.size() != b.size())) continue;
            if (!place && a.size() != b.size() && a.size() != 1 && b.size() != 1) continue;
            for (std::size_t i = 1; i <= std::min(a.size(), b.size()); ++i) {
                const std::string& x = a[a.size() - i];
                const std::string& y = b[b.size() - i];
                if (x != y) sets.push_back({x, y});
            }
        }
    return sets;
}

// The fields an article gives each of its passages: `declared` ones each, empty if it lacks it.
schema::PassageRecord article_record(const Article& article,
                                     const std::vector<schema::DeclaredField>& declared) {
    schema::PassageRecord r;
    r.article_id = article.id;
    r.source = normalize_display(article.source);
    r.date = article.date;
    r.published = article.published;
    r.language = article.language.empty() ? detected_language(article) : article.language;
    r.title = normalize_display(article.title);
    r.url = article.url;
    r.authors = article.authors;
    for (const schema::DeclaredField& f : declared) {
        auto it = article.fields.find(f.name);
        std::vector<std::string> values;
        if (f.name == "authors")
            values = article.authors;
        else if (it != article.fields.end())
            for (const std::string& v : it->second) values.push_back(normalize_display(v));
        r.fields.emplace_back(f.name, std::move(values));
    }
    return r;
}

// One passage's record: the article's fields, the passage and what was found in it.
schema::PassageRecord passage_record(schema::PassageRecord r, const Passage& passage,
                                     PassageEntities found) {
    r.passage = passage.ordinal;
    r.speakers = std::move(found.speakers);
    r.locations = std::move(found.locations);
    for (Quotation& q : found.quotes)
        r.quotes.push_back({std::move(q.text), std::move(q.speaker), std::move(q.kind)});
    r.text = passage.text;
    r.copy_key = copy_key(passage.text);
    return r;
}

// The document's words for "did you mean" (an existing database's: a new one takes its
// whole vocabulary at the end).
void add_spelling_words(const Xapian::Document& doc, std::unordered_set<std::string>& words) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (is_spelling_word(*t)) words.insert(*t);
}

}  // namespace

DatabaseWriter::DatabaseWriter(const std::filesystem::path& at, bool create,
                               std::size_t commit_every, Report report)
    : path(at.string()),
      spelling_at_end(create),
      commit_every(commit_every),
      report(std::move(report)) {
    if (create) {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE);
        db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kSchemaVersion));
        std::string starts;
        schema::append_starts(starts, {}, db.get_lastdocid());
        db.set_metadata(std::string(schema::kArticleStartsKey), starts);
    } else {
        // Glass only: a stub planted in place of a database is never followed.
        db = Xapian::WritableDatabase(path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    }
    furniture = read_furniture(db, &keeps_repeated);
    keeps_starts = schema::unpack_starts(db.get_metadata(std::string(schema::kArticleStartsKey)),
                                         db.get_lastdocid())
                       .has_value();
}

void write_article_starts(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    const Xapian::valueno slot = schema::spec(schema::Field::Article).slot;
    std::vector<Xapian::docid> starts;
    std::string last;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        if (starts.empty() || *v != last) starts.push_back(v.get_docid());
        last = *v;
    }
    std::string packed;
    schema::append_starts(packed, starts, db.get_lastdocid());
    db.set_metadata(std::string(schema::kArticleStartsKey), packed);
    db.commit();
}

void DatabaseWriter::run() {
    for (;;) {
        Article article;
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return !queue.empty() || closing; });
            if (queue.empty()) return;
            article = std::move(queue.front());
            queue.pop_front();
            queued_bytes -= article.body.size();
            busy = true;
        }
        changed.notify_all();  // room in the queue
        std::exception_ptr error;
        try {
            index(std::move(article));
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            busy = false;
            if (error) {
                failure = error;
                queue.clear();
                queued_bytes = 0;
            }
        }
        changed.notify_all();
        if (error) return;
    }
}

// Before an article (or a segment of one) is written: if the disk lacks room for its `bytes`
// of text, the batch so far is committed when there is room for that, and DiskFullError stops
// the writer.
void DatabaseWriter::make_room(std::size_t bytes) {
    try {
        ensure_room_for(bytes);
    } catch (const DiskFullError&) {
        if (uncommitted > 0) commit();  // throws in turn if even the batch has no room
        ensure_room_for(bytes);
    }
}

void DatabaseWriter::index(Article article) {
    try {
        // The word lists and gazetteer are part of what an article's index entry depends on.
        std::string hash = article.hash + "-" + extractor.lexicon().fingerprint();
        std::string key = schema::article_key(article.id);
        std::string stored = db.get_metadata(key);
        bool existed = !stored.empty();
        if (existed) {
            auto record = nlohmann::json::parse(stored, nullptr, false);
            // Keyed on id and content, not on the file: a renamed file, or a dump that
            // overlaps the last one, rewrites nothing.
            if (!record.is_discarded() && record.value("hash", "") == hash) {
                if (record.value("origin", "") != article.origin)
                    move_origin(std::move(record), article, key);
                ++summary.unchanged;
                return;
            }
        }
        // Before anything of the article changes: a commit it makes must not hold half of it.
        make_room(std::min(article.body.size(), kSegmentBytes));
        if (existed) db.delete_document(schema::filter_term(schema::Field::Article, article.id));
        start_pending = true;
        std::size_t before = summary.passages;
        if (article.body.size() <= kSegmentBytes)
            write_passages(article, article.body, 0);
        else
            write_segments(article, key);
        nlohmann::json record = {{"id", article.id},
                                 {"hash", hash},
                                 {"origin", article.origin},
                                 {"passages", summary.passages - before}};
        db.set_metadata(key, record.dump());
        if (!schema::is_import_origin(article.origin))
            db.set_metadata(schema::origin_key(article.origin), article.id);
        ++(existed ? summary.updated : summary.added);
        maybe_commit();
    } catch (const Xapian::Error&) {
        throw;  // the index itself is in trouble: stop
    } catch (const DiskFullError&) {
        throw;  // so is its disk
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        report(error_at(where_read(article), reason(e) + "; skipped"));
        ++summary.skipped;
    }
}

void DatabaseWriter::move_origin(nlohmann::json record, const Article& article,
                                 const std::string& key) {
    const std::string old = record.value("origin", "");
    if (!schema::is_import_origin(old) && db.get_metadata(schema::origin_key(old)) == article.id)
        db.set_metadata(schema::origin_key(old), "");
    record["origin"] = article.origin;
    db.set_metadata(key, record.dump());
    if (!schema::is_import_origin(article.origin))
        db.set_metadata(schema::origin_key(article.origin), article.id);
}

// A huge article is written a segment at a time and may span commits: until its last segment
// is in, its record says so, and `update` writes it again.
void DatabaseWriter::write_segments(const Article& article, const std::string& key) {
    nlohmann::json partial = {
        {"id", article.id}, {"hash", ""}, {"origin", article.origin}, {"incomplete", true}};
    db.set_metadata(key, partial.dump());
    unsigned next = 0;
    for (std::string_view segment : segments(article.body, kSegmentBytes)) {
        if (stop_requested()) throw Interrupted();  // between segments: a huge article stops too
        if (next > 0) make_room(segment.size());
        next = write_passages(article, segment, next);
        maybe_commit();
    }
}

std::vector<Passage> DatabaseWriter::split(const Article& article, std::string_view body) {
    Article part;  // the article's fields with only this part of its body
    part.title = article.title;
    part.body = body;
    return splitter.split(part);
}

std::vector<PassageEntities> DatabaseWriter::extract(const std::vector<Passage>& passages) {
    // DATELINE_NO_EXTRACTION=1 leaves speakers and places out: only bench/extraction-cost.sh
    // uses it, to measure what extraction costs.
    static const bool extract = std::getenv("DATELINE_NO_EXTRACTION") == nullptr;
    return extract ? extractor.extract(passages) : std::vector<PassageEntities>(passages.size());
}

unsigned DatabaseWriter::write_passages(const Article& article, std::string_view body,
                                        unsigned first) {
    std::vector<Passage> passages = split(article, body);
    std::vector<PassageEntities> entities = extract(passages);
    const schema::PassageRecord shared = article_record(article, declared);
    std::vector<Xapian::Document> docs;
    std::unordered_set<std::string> spelling;  // each word once per article part
    Xapian::termcount length = 0;              // the article's (of a huge one: this segment's)
    // The title is passage 0 of the first part only; later parts continue the numbering.
    for (std::size_t n = first == 0 ? 0 : 1; n < passages.size(); ++n) {
        Passage& passage = passages[n];
        if (first > 0) passage.ordinal = first + passage.ordinal - 1;
        if (trim(passage.text).empty()) continue;
        if (passage.ordinal > 0 && !furniture.empty() &&
            furniture.count({shared.source, schema::paragraph_term(passage.text)}))
            continue;  // an outlet's furniture (furniture.h)
        docs.push_back(maker.document(passage_record(shared, passage, std::move(entities[n]))));
        length += schema::word_count(docs.back());
        if (!spelling_at_end) add_spelling_words(docs.back(), spelling);
        count_written(passage);
    }
    add_documents(docs, length);
    for (const auto& word : spelling) db.add_spelling(word);
    return first == 0 || passages.size() > 1 ? passages.back().ordinal + 1 : first;
}

void DatabaseWriter::count_written(const Passage& passage) {
    ++summary.passages;
    ++passages_written;
    ++uncommitted;
    uncommitted_bytes += passage.text.size();
}

void DatabaseWriter::add_documents(std::vector<Xapian::Document>& docs, Xapian::termcount length) {
    for (Xapian::Document& doc : docs) {
        schema::set_article_length(doc, length);
        Xapian::docid did = db.add_document(doc);
        if (start_pending) new_starts.push_back(did);
        start_pending = false;
    }
}

void DatabaseWriter::add_vocabulary_spelling() {
    if (!spelling_at_end) return;
    std::vector<std::pair<std::string, Xapian::doccount>> words;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
        if (is_spelling_word(*t)) words.emplace_back(*t, t.get_termfreq());
    // Xapian keeps a word's spelling fragments in memory until a commit: commit in batches, so
    // the memory stays bounded however large the vocabulary.
    constexpr std::size_t kSpellingBatch = 20000;
    for (std::size_t i = 0; i < words.size(); ++i) {
        db.add_spelling(words[i].first, words[i].second);
        if ((i + 1) % kSpellingBatch == 0) commit();
    }
}

bool DatabaseWriter::remove(const std::string& id) {
    std::string key = schema::article_key(id);
    // Passages without a record (left by a fault) can be removed by id too.
    bool has_passages = db.term_exists(schema::filter_term(schema::Field::Article, id));
    if (db.get_metadata(key).empty() && !has_passages) return false;
    auto record = nlohmann::json::parse(db.get_metadata(key), nullptr, false);
    if (!record.is_discarded() &&
        db.get_metadata(schema::origin_key(record.value("origin", ""))) == id)
        db.set_metadata(schema::origin_key(record.value("origin", "")), "");
    db.delete_document(schema::filter_term(schema::Field::Article, id));
    db.set_metadata(key, "");
    ++summary.removed;
    ++uncommitted;
    maybe_commit();
    return true;
}

void DatabaseWriter::maybe_commit() {
    if (uncommitted >= commit_every || uncommitted_bytes >= kCommitBytes) commit();
}

void DatabaseWriter::commit(bool last) {
    ensure_room_for(0);
    std::optional<CommitHold> hold;
    if (!commit_lock_root.empty()) hold.emplace(commit_lock_root, kCommitPatienceMs);
    if (keeps_starts && !new_starts.empty()) {
        const std::string key(schema::kArticleStartsKey);
        std::string packed = db.get_metadata(key);
        schema::append_starts(packed, new_starts, db.get_lastdocid());
        db.set_metadata(key, packed);
    }
    db.commit_transaction();
    new_starts.clear();
    if (!last) db.begin_transaction();
    uncommitted = uncommitted_bytes = 0;
}

void DatabaseWriter::ensure_room_for(std::size_t more) const {
    try {
        ensure_room(path, kIndexBytesPerTextByte * (uncommitted_bytes + more) + kRoomMargin);
    } catch (const DiskFullError& e) {
        throw DiskFullError(std::string(e.what()) +
                            "; the index keeps every article committed before (nothing of this "
                            "batch was written): free some space there, or lower "
                            "--commit-every, and run the same command again to finish");
    }
}

// The alias table travels with the index, in every shard: as Xapian synonyms for query words,
// and as metadata for the searcher's speaker:/location: filters.
void DatabaseWriter::store_aliases() {
    const Lexicon& lex = extractor.lexicon();
    std::vector<std::string> keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& key : keys) db.clear_synonyms(key);
    std::map<std::string, std::set<std::string>> synonyms;
    for (const auto& group : lex.alias_groups()) {
        bool place = lex.places(Lexicon::key(group.front())) != nullptr;
        // A word synonym is another spelling of a name (kiev, kyiv). A common word is never
        // one: outlets' names align "new" with "york" and "news" with "cnn".
        for (const auto& pair : aligned_words(group, place))
            for (const auto& x : pair)
                for (const auto& y : pair)
                    if (x != y && !lex.is_common_word(x) && !lex.is_common_word(y))
                        synonyms[x].insert(y);
    }
    for (const auto& [word, others] : synonyms)
        for (const auto& other : others) db.add_synonym(word, other);
    db.set_metadata(std::string(schema::kSynonymsKey), nlohmann::json(synonyms).dump());
    db.set_metadata(std::string(schema::kAliasesKey), nlohmann::json(lex.alias_groups()).dump());
}

}  // namespace dateline
