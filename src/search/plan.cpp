// Planning a search: the request's options checked, its query parsed, boosted and filtered.
#include "src/search/plan.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "src/search/quoted_by.h"
#include "src/search/within.h"
#include "src/text/text.h"

namespace dateline {

using schema::Field;

// A folder under $TMPDIR removed with everything in it when the search ends.
struct TempFolder {
    std::string path;
    TempFolder() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "dateline-search-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw IndexError("cannot create a temporary folder in " +
                             std::filesystem::temp_directory_path().string() + " (" +
                             std::strerror(errno) + "); set TMPDIR to a writable folder");
        path = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

namespace {

// A filter option of the request and the schema field it selects values of.
struct FilterOption {
    const char* flag;
    Field field;
    const std::vector<std::string>* values;
};

// In the order they are checked and applied.
std::array<FilterOption, 4> filter_options(const SearchRequest& request) {
    return {{{"--source", Field::Source, &request.sources},
             {"--speaker", Field::Speaker, &request.speakers},
             {"--location", Field::Location, &request.locations},
             {"--language", Field::Language, &request.languages}}};
}

// Option values reach filter terms and messages: like a query, they must be UTF-8 text.
void check_option(const std::string& option, const std::string& value) {
    std::string valid;
    bool control = std::any_of(value.begin(), value.end(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F;
    });
    if (control || !to_valid_utf8(value, valid) || valid != value)
        throw QueryError(option + " " + quote_for_message(value) +
                         " is not UTF-8 text (an invalid byte or a control character); type it "
                         "in a UTF-8 terminal (e.g. LANG=C.UTF-8)");
}

// The index's synonyms and aliases (the first part's, as get_metadata reads). The remote
// backend serves no synonyms (a parser reading them over it fails) and the in-memory
// backend keeps none: with a remote part, the parser reads a throwaway glass copy made from
// the tables the indexer keeps in metadata, in `folder`.
Xapian::Database parser_database(const OpenedIndex& index, std::unique_ptr<TempFolder>& folder) {
    const Xapian::Database& db = index.db;
    if (!index.any_remote) return db;
    folder = std::make_unique<TempFolder>();
    Xapian::WritableDatabase copy(folder->path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    auto table =
        nlohmann::json::parse(db.get_metadata(std::string(schema::kSynonymsKey)), nullptr, false);
    if (table.is_object())
        for (const auto& [word, others] : table.items())
            for (const auto& other : others)
                if (other.is_string()) copy.add_synonym(word, other.get<std::string>());
    copy.set_metadata(std::string(schema::kAliasesKey),
                      db.get_metadata(std::string(schema::kAliasesKey)));
    copy.commit();
    return copy;
}

// The words as typed (case-folded), but operators, field:values and stop words, that the
// index holds: the terms stem away their form.
std::vector<std::string> typed_words(const std::string& typed, const Xapian::Database& db) {
    std::vector<std::string> plain;
    std::string word;
    std::istringstream in(typed);
    while (in >> word) {
        if (word.find(':') != std::string::npos || word == "AND" || word == "OR" || word == "NOT" ||
            word == "XOR" || word.rfind("NEAR", 0) == 0 || word.rfind("ADJ", 0) == 0)
            continue;
        std::string folded = fold_for_terms(word), token;
        for (std::size_t i = 0; i <= folded.size(); ++i) {
            unsigned char c = i < folded.size() ? static_cast<unsigned char>(folded[i]) : ' ';
            if (c >= 0x80 || std::isalnum(c) || c == '\'') {
                token += static_cast<char>(c);
            } else if (!token.empty()) {
                if (!is_stop_word(token) && db.term_exists(token)) plain.push_back(token);
                token.clear();
            }
        }
    }
    return plain;
}

// Each pair of adjacent words (unless the same word twice) within 4 words of each other.
std::vector<Xapian::Query> near_pairs(const std::vector<std::string>& words) {
    std::vector<Xapian::Query> near;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i] == words[i - 1]) continue;
        Xapian::Query pair[] = {Xapian::Query(words[i - 1]), Xapian::Query(words[i])};
        near.emplace_back(Xapian::Query::OP_NEAR, pair, pair + 2, 4);
    }
    return near;
}

// An --any query as ranked: its words again against the article's title (prefix S, on every
// passage) at half weight, and adjacent query words near each other (within 4 words) at a
// quarter; both measured by bench/eval.sh. They only add weight to passages the query matches.
// Other queries are left as typed: the title's postings cover every passage of an article, too
// costly for the exact counts of a common word (bench/run.sh), and the proximity terms would
// have MSet::snippet highlight a phrase's words wherever they stand.
Xapian::Query boosted(const Xapian::Query& text, const std::string& typed,
                      const Xapian::Database& db, bool any) {
    std::vector<std::string> words = word_terms(text);
    if (!any || words.empty()) return text;
    const std::string title(schema::spec(Field::Title).prefix);
    std::vector<Xapian::Query> in_title;
    for (const auto& w : words)
        in_title.emplace_back(w[0] == 'Z' ? "Z" + title + w.substr(1) : title + w);
    const std::vector<Xapian::Query> near = near_pairs(typed_words(typed, db));
    std::vector<Xapian::Query> boosts = {
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, in_title.begin(), in_title.end()), 0.5)};
    if (!near.empty())
        boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_OR, near.begin(), near.end()), 0.25);
    Xapian::Query boost(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
    Xapian::Query either(Xapian::Query::OP_OR, text, boost);
    // Not OP_AND_MAYBE: in Xapian 1.4.22 it sometimes adds the boost's weight to a passage it
    // does not match, depending on document order (tests/parallel_test.cpp caught it).
    return Xapian::Query(Xapian::Query::OP_FILTER, either, text);
}

// Option filters per facet field, so each facet can be counted without its own filter.
// "its fields: bias, topic, and author, source, speaker, location", for messages.
std::string declared_names(const OpenedIndex& index) {
    std::string out;
    for (const auto& f : index.declared) out += (out.empty() ? "" : ", ") + f.name;
    return "its fields: " + (out.empty() ? std::string() : out + ", and ") +
           "author, source, speaker, location";
}

std::vector<std::pair<Field, Xapian::Query>> option_filters(const QueryBuilder& builder,
                                                            const SearchRequest& request) {
    std::vector<std::pair<Field, Xapian::Query>> filters;
    for (const FilterOption& option : filter_options(request))
        filters.emplace_back(option.field, builder.any_of(option.field, *option.values));
    return filters;
}

// --where NAME=VALUE: values of a name ORed, names ANDed. NAME is a field the index declares, or
// a filter field of the schema (author, source, speaker, location).
std::vector<std::pair<std::string, Xapian::Query>> where_filters(const QueryBuilder& builder,
                                                                 const SearchRequest& request,
                                                                 const OpenedIndex& index) {
    std::map<std::string, std::vector<std::string>> values;
    for (const auto& [name, value] : request.where) values[name].push_back(value);
    std::vector<std::pair<std::string, Xapian::Query>> out;
    for (const auto& [field, wanted] : values) {
        const std::string& name = field;  // a lambda cannot capture a structured binding (C++17)
        const bool declared =
            std::any_of(index.declared.begin(), index.declared.end(),
                        [&](const schema::DeclaredField& f) { return f.name == name; });
        const schema::FieldSpec* spec = schema::find(name);
        if (declared)
            out.emplace_back(name, QueryBuilder::any_of(name, wanted));
        else if (spec && spec->kind == schema::Kind::Filter)
            out.emplace_back(name,
                             builder.any_of(static_cast<Field>(spec - schema::kFields), wanted));
        else
            throw QueryError("--where " + name + "=...: the index has no field '" + name + "' (" +
                             declared_names(index) +
                             "; declare one when building: dateline-index build --facet " + name +
                             " PATH...)");
    }
    return out;
}

// With quote: terms, --speaker X means that X said those words: the speaker filter also holds
// the passages where X's own quotations satisfy the query (QuotedBy). Not over remote parts,
// whose servers cannot run it: there the filter stays per passage.
std::vector<std::pair<Field, Xapian::Query>> bind_quotes(
    std::vector<std::pair<Field, Xapian::Query>> filters, const Xapian::Query& text,
    const SearchRequest& request, bool any_remote) {
    if (request.speakers.empty() || any_remote || !has_quote_terms(text)) return filters;
    for (auto& [field, filter] : filters)
        if (field == Field::Speaker)
            filter =
                Xapian::Query(Xapian::Query::OP_FILTER, filter,
                              Xapian::Query((new QuotedBy(text, request.speakers))->release()));
    return filters;
}

// Levenshtein distance, for suggesting outlets (their names are short).
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The outlets of the index whose names look like `typed` (one holds the other, or a few
// letters apart), as their passages show them.
std::vector<std::string> outlets_like(const std::string& typed, const Xapian::Database& db) {
    const std::string prefix(schema::spec(Field::Source).prefix);
    const std::string want = schema::slug(typed);
    std::vector<std::pair<std::size_t, std::string>> near;  // (0 if one holds the other, or
                                                            // the distance; the term)
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string slug = (*t).substr(prefix.size());
        const std::size_t distance = edit_distance(slug, want);
        if (slug.find(want) != std::string::npos ||
            (slug.size() >= 3 && want.find(slug) != std::string::npos))
            near.emplace_back(0, *t);
        else if (distance <= std::max<std::size_t>(1, want.size() / 4))
            near.emplace_back(distance, *t);
    }
    std::stable_sort(near.begin(), near.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < near.size() && i < 5; ++i) {
        Xapian::Document doc = db.get_document(*db.postlist_begin(near[i].second));
        out.push_back(doc.get_value(schema::spec(Field::Source).slot));
    }
    return out;
}

// A note for each --source value that names no outlet of the index, with the outlets it may
// mean: "no outlet 'cnn'; did you mean: CNN (Web News)".
std::vector<std::string> unknown_outlets(const SearchRequest& request, const QueryBuilder& builder,
                                         const Xapian::Database& db) {
    std::vector<std::string> notes;
    for (const auto& value : request.sources) {
        Xapian::Query terms = builder.any_of(Field::Source, {value});
        bool known = false;
        for (auto t = terms.get_terms_begin(); t != terms.get_terms_end() && !known; ++t)
            known = db.term_exists(*t);
        if (known) continue;
        std::vector<std::string> like = outlets_like(value, db);
        std::string note = "no outlet " + quote_for_message(value);
        for (std::size_t i = 0; i < like.size(); ++i)
            note += (i == 0 ? "; did you mean: " : ", ") + like[i];
        notes.push_back(note +
                        (like.empty() ? "; dateline-search --values source lists them" : ""));
    }
    return notes;
}

Xapian::Query filtered(Xapian::Query query, const Xapian::Query& filter) {
    if (filter.get_type() == Xapian::Query::LEAF_MATCH_ALL) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace

void check_options(const SearchRequest& request) {
    for (const FilterOption& option : filter_options(request))
        for (const auto& v : *option.values) check_option(option.flag, v);
    for (const auto& [name, value] : request.where) check_option("--where " + name, value);
    check_option("--from", request.from);
    check_option("--to", request.to);
}

std::vector<std::string> word_terms(const Xapian::Query& query) {
    std::vector<std::string> out;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string& term = *t;
        std::size_t start = !term.empty() && term[0] == 'Z' ? 1 : 0;
        if (term.size() > start && !(term[start] >= 'A' && term[start] <= 'Z')) out.push_back(term);
    }
    return out;
}

SearchPlan::SearchPlan(const SearchRequest& request, const OpenedIndex& index)
    : builder_(parser_database(index, synonyms_copy_), index.declared),
      text_(builder_.parse(request.query, request.match_any, &did_you_mean_)),
      dates_(QueryBuilder::date_range(
          request.from.empty() ? "" : date_bound(request.from, false, "--from"),
          request.to.empty() ? "" : date_bound(request.to, true, "--to"))),
      option_filters_(
          bind_quotes(option_filters(builder_, request), text_, request, index.any_remote)),
      where_filters_(where_filters(builder_, request, index)),
      quotes_unbound_(!request.speakers.empty() && index.any_remote && has_quote_terms(text_)),
      unknown_outlets_(unknown_outlets(request, builder_, index.db)),
      matched_(request.within == Scope::Article && differs_by_article(text_)
                   ? match_by_article(index.db, text_, index.any_remote)
                   : text_),
      ranked_(request.sort == SortOrder::Relevance
                  ? boosted(matched_, request.query, index.db, request.match_any)
                  : matched_) {}

SearchPlan::~SearchPlan() = default;

Xapian::Query SearchPlan::query(std::optional<Field> skip, const std::string& skip_where) const {
    Xapian::Query q = filtered(ranked_, dates_);
    for (const auto& [field, filter] : option_filters_)
        if (!skip || field != *skip) q = filtered(q, filter);
    for (const auto& [name, filter] : where_filters_)
        if (name != skip_where) q = filtered(q, filter);
    return q;
}

bool SearchPlan::filters(const std::string& where_name) const {
    for (const auto& [name, filter] : where_filters_)
        if (name == where_name) return true;
    return false;
}

bool SearchPlan::filters(Field field) const {
    for (const auto& [f, filter] : option_filters_)
        if (f == field) return filter.get_type() != Xapian::Query::LEAF_MATCH_ALL;
    return false;
}

std::vector<std::string> SearchPlan::notes() const {
    std::vector<std::string> notes = unknown_outlets_;
    if (quotes_unbound_)
        notes.push_back(
            "--speaker with quote: holds per passage over remote parts (their "
            "servers cannot check who said the quoted words)");
    for (const auto& word : unindexable_words(text_))
        notes.push_back(quote_for_message(word) + " is longer than any word the index holds (" +
                        std::to_string(kMaxIndexedWordBytes) + " bytes): it matches nothing");
    return notes;
}

}  // namespace dateline
