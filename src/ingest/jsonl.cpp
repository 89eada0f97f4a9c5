// JSON Lines articles: the keys fields are read from, the record made an article, and the
// file read line by line with what it lacked told once.
#include "src/ingest/jsonl.h"

#include <algorithm>
#include <stdexcept>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/ingest/html.h"
#include "src/ingest/json_record.h"
#include "src/ingest/lines.h"
#include "src/ingest/times.h"
#include "src/text/text.h"

namespace dateline {

namespace {

// Each field's own key first, then the names datasets and scrapers use for it.
struct FieldKeys {
    const char* field;
    std::vector<const char*> keys;
};
const FieldKeys kJsonlKeys[] = {
    {"id", {"id"}},
    {"title", {"title", "headline"}},
    {"source", {"source", "outlet", "publisher", "site_name", "sitename", "source_name"}},
    {"date", {"date", "published", "published_at", "publish_date", "datePublished", "pubDate"}},
    {"url", {"url", "link", "canonical_url"}},
    {"authors", {"authors", "author", "byline"}},
    {"text", {"text", "body", "content", "articleBody"}},
    {"html", {"html"}},
    {"language", {"language", "lang"}},
};

const FieldKeys* keys_of(std::string_view field) {
    for (const FieldKeys& f : kJsonlKeys)
        if (field == f.field) return &f;
    return nullptr;
}

// Reads a record's fields by the keys chosen, noting which keys were used.
class FieldReader {
  public:
    FieldReader(const JsonRecord& record, const InputFields& keys) : j_(record), keys_(keys) {}

    // The field's string: from the chosen key, else the first of its keys holding a string.
    // A field's own key (or the chosen one) holding another type is an error, as it is a
    // record the user wrote, not a guess of ours.
    std::string string(const char* field) {
        for (const std::string& key : candidates(field)) {
            auto it = j_.strings.find(key);
            if (it != j_.strings.end()) return used_.push_back(key), it->second;
            if ((j_.others.count(key) || j_.lists.count(key)) && key == candidates(field)[0])
                throw InputError("\"" + key + "\" is not a string");
        }
        return "";
    }
    // A list of strings (authors): a string split at commas, or an array.
    std::vector<std::string> list(const char* field) {
        for (const std::string& key : candidates(field)) {
            if (auto it = j_.strings.find(key); it != j_.strings.end())
                return used_.push_back(key), split_authors(it->second);
            if (auto it = j_.lists.find(key); it != j_.lists.end())
                return used_.push_back(key), it->second;
        }
        return {};
    }
    // A declared field's values: its key's string, or its strings.
    std::vector<std::string> values(const std::string& key) {
        if (auto it = j_.strings.find(key); it != j_.strings.end()) {
            used_.push_back(key);
            const std::string_view value = trim(it->second);
            return value.empty() ? std::vector<std::string>{} : std::vector{std::string(value)};
        }
        if (auto it = j_.lists.find(key); it != j_.lists.end())
            return used_.push_back(key), it->second;
        return {};
    }
    // String keys no field was read from.
    std::vector<std::string> unused() const {
        std::vector<std::string> out;
        for (const auto& [key, value] : j_.strings)
            if (std::find(used_.begin(), used_.end(), key) == used_.end() && !value.empty())
                out.push_back(key);
        return out;
    }

  private:
    std::vector<std::string> candidates(const char* field) const {
        if (auto it = keys_.chosen.find(field); it != keys_.chosen.end()) return {it->second};
        const FieldKeys* f = keys_of(field);
        return std::vector<std::string>(f->keys.begin(), f->keys.end());
    }
    const JsonRecord& j_;
    const InputFields& keys_;
    std::vector<std::string> used_;
};

// A record's "html": the page's text, and its metadata where the record has none.
void take_page(const std::string& html, const std::string& where, Article& a) {
    Article page = parse_html_article(html, a.id, where, [](const Problem&) {});
    a.body = std::move(page.body);
    if (a.title.empty()) a.title = page.title;
    if (a.source.empty()) a.source = page.source;
    if (a.date.empty()) a.date = page.date, a.published = page.published;
    if (a.url.empty()) a.url = page.url;
    if (a.authors.empty()) a.authors = page.authors;
    if (a.language.empty()) a.language = page.language;
}

void read_date(const std::string& date, const std::string& where, Article& a, const Report& warn) {
    if (date.empty()) return;
    if (auto time = parse_published(date)) {
        a.date = time->date;
        a.published = time->utc;
    } else {
        warn(warning_at(where, "date '" + date +
                                   "' is not YYYY-MM-DD or an ISO 8601 time; article indexed "
                                   "without a date"));
    }
}

// Counts what the article lacks (or warns at once, without a tally).
void tally_missing(const Article& a, bool no_title, const FieldReader& fields,
                   const std::string& where, const Report& warn, JsonlTally* tally) {
    if (!tally) {
        if (no_title) warn(warning_at(where, "no \"title\"; using the text's first words"));
        return;
    }
    ++tally->articles;
    tally->no_source += a.source.empty();
    tally->no_date += a.date.empty();
    tally->no_title += no_title;
    if (a.source.empty() || a.date.empty() || no_title)
        for (const std::string& key : fields.unused()) ++tally->other_keys[key];
}

// "FILE: 63 of 63 articles have no source; ..." for each field the lines lacked.
void warn_tally(const std::string& path, const JsonlTally& t, const InputFields& keys,
                const Report& warn) {
    std::string others;
    for (const auto& [key, count] : t.other_keys)
        if (others.size() < 80) others += (others.empty() ? "\"" : ", \"") + key + "\"";
    const std::string hint = others.empty()
                                 ? ""
                                 : " (its lines also have " + others +
                                       ": map one with --field FIELD=KEY, e.g. --field source=KEY)";
    auto tell = [&](std::size_t count, const char* field, const char* instead) {
        if (count == 0) return;
        bool chosen = keys.chosen.count(field);
        warn(warning_at(path, std::to_string(count) + " of " + std::to_string(t.articles) +
                                  " articles have no " + field +
                                  (chosen ? " under the key chosen" : "") + "; " + instead + hint));
    };
    tell(t.no_source, "source", "indexed without an outlet");
    tell(t.no_date, "date", "indexed without a date");
    tell(t.no_title, "title", "their text's first words are their titles");
}

}  // namespace

void InputFields::choose(std::string_view field_equals_key) {
    const std::size_t eq = field_equals_key.find('=');
    const std::string field(trim(field_equals_key.substr(0, eq)));
    const std::string key(eq == std::string_view::npos ? ""
                                                       : trim(field_equals_key.substr(eq + 1)));
    if (eq == std::string_view::npos || key.empty() || !keys_of(field))
        throw InputError("--field '" + std::string(field_equals_key) +
                         "': write FIELD=KEY, with FIELD one of " + fields() +
                         " (e.g. --field source=outlet)");
    chosen[field] = key;
}

std::string InputFields::fields() {
    std::string out;
    for (const FieldKeys& f : kJsonlKeys) out += (out.empty() ? "" : ", ") + std::string(f.field);
    return out;
}

Article parse_jsonl_line(std::string_view line, const std::string& where, const Report& warn,
                         const InputFields& keys, JsonlTally* tally) {
    std::string valid;
    if (!to_valid_utf8(line, valid))
        warn(warning_at(where, "invalid UTF-8 bytes replaced by U+FFFD"));
    const JsonRecord j = read_json_record(valid);
    if (j.nuls > 0)
        warn(warning_at(where, std::to_string(j.nuls) + " NUL character" + (j.nuls > 1 ? "s" : "") +
                                   " removed"));
    FieldReader fields(j, keys);
    Article a;
    a.id = fields.string("id");
    if (a.id.empty()) throw std::runtime_error("no \"id\"");
    a.title = trim(fields.string("title"));
    a.source = trim(fields.string("source"));
    a.url = fields.string("url");
    a.authors = fields.list("authors");
    a.language = language_tag(fields.string("language"));
    read_date(fields.string("date"), where, a, warn);
    a.body = fields.string("text");
    if (trim(a.body).empty()) {
        if (std::string html = fields.string("html"); !html.empty()) take_page(html, where, a);
    }
    if (a.title.empty() && trim(a.body).empty())
        throw std::runtime_error("no \"title\" and no \"text\"");
    const bool no_title = a.title.empty();
    if (no_title) a.title = first_line(a.body, 120);
    for (const std::string& name : keys.kept)
        if (std::vector<std::string> values = fields.values(name); !values.empty())
            a.fields[name] = std::move(values);
    tally_missing(a, no_title, fields, where, warn, tally);
    a.hash = schema::hash_hex(line);
    return a;
}

std::size_t read_jsonl(const std::string& path, const std::function<void(Article&&)>& take,
                       const Report& error, const InputFields& keys) {
    LineReader lines(path);  // lines can be any length and hold any byte (a NUL too)
    const std::string name = path == "-" ? "(standard input)" : path;
    std::size_t skipped = 0;
    JsonlTally tally;
    std::string line;
    for (LineReader::Status status; (status = lines.next(line)) != LineReader::Status::End;) {
        std::string where = name + ":" + std::to_string(lines.line_number());
        if (status == LineReader::Status::TooLong) {
            ++skipped;
            error(error_at(where, "line longer than " + std::to_string(LineReader::kMaxLine >> 20) +
                                      " MiB; line skipped (split the article, or shorten it)"));
            continue;
        }
        if (trim(line).empty()) continue;
        Article a;
        try {
            a = parse_jsonl_line(line, where, error, keys, &tally);
        } catch (const std::exception& e) {
            ++skipped;
            error(error_at(where, reason(e) + "; line skipped"));
            continue;
        }
        a.line = lines.line_number();
        take(std::move(a));  // outside the try: the writer's errors are not this line's
    }
    warn_tally(name, tally, keys, error);
    return skipped;
}

}  // namespace dateline
