// Search: the query, the exact facet counts (a match spy over every match) and the snippets.
#include "src/search.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "schema/schema.h"
#include "src/text.h"

namespace dateline {

namespace {

using schema::Field;

constexpr Field kFacetFields[] = {Field::Source, Field::Speaker, Field::Location, Field::Date};

// Counts distinct articles per facet value over every matching passage. Xapian's own
// ValueCountMatchSpy counts documents (passages here) and one value per slot; this one
// counts articles and reads packed lists for multi-valued fields.
class ArticleFacetSpy : public Xapian::MatchSpy {
  public:
    explicit ArticleFacetSpy(std::vector<Field> fields) : fields_(std::move(fields)) {
        counts_.resize(fields_.size());
    }

    void operator()(const Xapian::Document& doc, double) override {
        std::string article = doc.get_value(schema::spec(Field::Article).slot);
        std::uint32_t index = articles_.emplace(std::move(article), articles_.size()).first->second;
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            const schema::FieldSpec& f = schema::spec(fields_[i]);
            std::string value = doc.get_value(f.slot);
            if (value.empty()) continue;
            if (f.multi) {
                for (auto& v : schema::unpack_list(value)) counts_[i][v].insert(index);
            } else {
                counts_[i][value].insert(index);
            }
        }
    }

    std::size_t articles() const { return articles_.size(); }

    // Values of fields_[i] with their article counts.
    const std::map<std::string, std::unordered_set<std::uint32_t>>& counts(std::size_t i) const {
        return counts_[i];
    }
    const std::vector<Field>& fields() const { return fields_; }

  private:
    std::vector<Field> fields_;
    std::unordered_map<std::string, std::uint32_t> articles_;
    std::vector<std::map<std::string, std::unordered_set<std::uint32_t>>> counts_;
};

std::string iso_date(const std::string& yyyymmdd) {
    if (yyyymmdd.size() != 8) return yyyymmdd;
    return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// Facet values, most articles first (dates in calendar order: a timeline). Dates spanning
// more than two months are counted by month.
Facet make_facet(Field field,
                 const std::map<std::string, std::unordered_set<std::uint32_t>>& counts,
                 std::size_t limit) {
    Facet facet{std::string(schema::spec(field).name), {}};
    if (field == Field::Date) {
        bool by_month = false;
        if (!counts.empty()) {
            const std::string& first = counts.begin()->first;
            const std::string& last = counts.rbegin()->first;
            int months = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
                         std::stoi(last.substr(4, 2)) - std::stoi(first.substr(4, 2));
            by_month = months > 2;
        }
        std::map<std::string, std::unordered_set<std::uint32_t>> merged;
        for (const auto& [day, articles] : counts) {
            std::string key = iso_date(day);
            if (by_month) key = key.substr(0, 7);
            merged[key].insert(articles.begin(), articles.end());
        }
        for (const auto& [key, articles] : merged) facet.values.push_back({key, articles.size()});
        return facet;  // a timeline is shown whole
    }
    for (const auto& [value, articles] : counts) facet.values.push_back({value, articles.size()});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (limit && facet.values.size() > limit) facet.values.resize(limit);
    return facet;
}

std::string unescape_html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            static const std::pair<const char*, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool done = false;
            for (auto [name, ch] : entities) {
                std::size_t n = std::strlen(name);
                if (s.compare(i, n, name) == 0) {
                    out += ch;
                    i += n - 1;
                    done = true;
                    break;
                }
            }
            if (done) continue;
        }
        out += s[i];
    }
    return out;
}

Xapian::Database open_index(const std::string& path) {
    namespace fs = std::filesystem;
    std::string build_hint = "build one with: dateline-index build --db " + path + " corpus/";
    if (!fs::exists(path))
        throw IndexError("no index at " + path + "; " + build_hint +
                         " (or point --db / $DATELINE_DB at an existing index)");
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw IndexError("index " + path + " is corrupt (" + e.get_msg() +
                         "); rebuild it: " + build_hint);
    } catch (const Xapian::DatabaseVersionError& e) {
        throw IndexError("index " + path + " was written by another Xapian version (" +
                         e.get_msg() + "); rebuild it: " + build_hint);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError("cannot open index " + path + " (" + e.get_msg() +
                         "); is it a Dateline index? " + build_hint);
    }
    std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version != schema::kSchemaVersion)
        throw IndexError("index " + path + " has schema version '" + version +
                         "' but this program reads version '" +
                         std::string(schema::kSchemaVersion) + "'; rebuild it: " + build_hint);
    return db;
}

Xapian::Query filtered(Xapian::Query query, const Xapian::Query& filter) {
    if (filter.get_type() == Xapian::Query::LEAF_MATCH_ALL) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace

std::string centre_snippet(const std::string& marked, std::size_t length) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(marked);
    const int32_t size = u.length();
    const int32_t window = static_cast<int32_t>(length);
    std::vector<std::pair<int32_t, int32_t>> spans;  // [start marker, past end marker)
    for (int32_t i = 0; i < size; ++i) {
        if (u[i] == kMarkStart) spans.push_back({i, size});
        if (u[i] == kMarkEnd && !spans.empty()) spans.back().second = i + 1;
    }
    if (size - 2 * static_cast<int32_t>(spans.size()) <= window) return marked;

    int32_t from = 0, to = window;
    if (!spans.empty()) {
        // The run of matches that fits most into one window, then the window centred on it.
        std::size_t best = 0, best_count = 0, best_last = 0;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            std::size_t j = i;
            while (j + 1 < spans.size() && spans[j + 1].second <= spans[i].first + window) ++j;
            if (j - i + 1 > best_count) best = i, best_count = j - i + 1, best_last = j;
        }
        int32_t region_start = spans[best].first, region_end = spans[best_last].second;
        int32_t centre = (region_start + region_end) / 2;
        from = std::max(0, std::min(centre - window / 2, region_start));
        to = std::min(size, from + std::max(window, region_end - from));
        from = std::max(0, std::min(from, to - window));
        // Whole words at both ends, never cutting into the chosen matches.
        if (from > 0) {
            int32_t space = u.indexOf(u' ', from);
            if (space < 0 || space >= region_start) space = u.lastIndexOf(u' ', 0, from);
            from = space + 1;  // 0 if there is no space before
        }
        if (to < size) {
            int32_t space = u.lastIndexOf(u' ', 0, to);
            if (space < region_end) space = u.indexOf(u' ', to);
            to = space < 0 ? size : space;
        }
    } else {
        int32_t space = u.lastIndexOf(u' ', 0, to);
        if (space > window / 2) to = space;
    }
    // Never split a surrogate pair (text without spaces is cut anywhere).
    if (from > 0 && from < size && U16_IS_TRAIL(u[from])) --from;
    if (to < size && U16_IS_TRAIL(u[to])) ++to;
    // Markers cut in half by the window are dropped or closed.
    icu::UnicodeString out;
    bool open = false;
    for (int32_t i = from; i < to; ++i) {
        if (u[i] == kMarkEnd && !open) continue;
        if (u[i] == kMarkStart) open = true;
        if (u[i] == kMarkEnd) open = false;
        out.append(u[i]);
    }
    if (open) out.append(static_cast<UChar>(kMarkEnd));
    out.trim();
    std::string result = from > 0 ? "…" : "";
    out.toUTF8String(result);
    if (to < size) result += "…";
    return result;
}

namespace {

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

SearchResults search_once(const SearchRequest& request) {
    for (const auto& [option, values] :
         {std::pair{"--source", &request.sources}, std::pair{"--speaker", &request.speakers},
          std::pair{"--location", &request.locations}})
        for (const auto& v : *values) check_option(option, v);
    check_option("--from", request.from);
    check_option("--to", request.to);
    Xapian::Database db = open_index(request.db_path);
    const QueryBuilder builder(db);  // the index's synonyms and aliases
    Xapian::Query text = builder.parse(request.query);
    Xapian::Query dates = QueryBuilder::date_range(
        request.from.empty() ? "" : date_bound(request.from, false, "--from"),
        request.to.empty() ? "" : date_bound(request.to, true, "--to"));
    // Option filters per facet field, so each facet can be counted without its own filter.
    std::map<Field, Xapian::Query> option_filters = {
        {Field::Source, builder.any_of(Field::Source, request.sources)},
        {Field::Speaker, builder.any_of(Field::Speaker, request.speakers)},
        {Field::Location, builder.any_of(Field::Location, request.locations)},
    };
    auto query_without = [&](std::optional<Field> skip) {
        Xapian::Query q = filtered(text, dates);
        for (const auto& [field, filter] : option_filters)
            if (!skip || field != *skip) q = filtered(q, filter);
        return q;
    };

    Xapian::Enquire enquire(db);
    Xapian::doccount all = db.get_doccount();

    // Facets whose option filter is active are counted by their own pass (multi-select).
    std::vector<Field> main_fields;
    std::vector<Field> own_pass;
    for (Field f : kFacetFields) {
        auto it = option_filters.find(f);
        bool active =
            it != option_filters.end() && it->second.get_type() != Xapian::Query::LEAF_MATCH_ALL;
        (active ? own_pass : main_fields).push_back(f);
    }

    ArticleFacetSpy spy(main_fields);
    enquire.set_query(query_without(std::nullopt));
    enquire.add_matchspy(&spy);
    // checkatleast = every document: the matcher visits all matches, so counts are exact.
    // Xapian counts in 32 bits: a page past the last document is empty, not wrapped around.
    auto clamp = [all](std::size_t n) {
        return static_cast<Xapian::doccount>(std::min<std::size_t>(n, all));
    };
    Xapian::MSet mset = enquire.get_mset(clamp(request.offset), clamp(request.limit), all);
    enquire.clear_matchspies();

    SearchResults results;
    results.query = request.query;
    for (const auto& word : unindexable_words(text))
        results.notes.push_back(quote_for_message(word) + " is longer than any word the index " +
                                "holds (" + std::to_string(kMaxIndexedWordBytes) +
                                " bytes): it matches nothing");
    results.total_passages = mset.get_matches_estimated();
    results.total_articles = spy.articles();

    std::map<Field, Facet> facets;
    for (std::size_t i = 0; i < main_fields.size(); ++i)
        facets[main_fields[i]] = make_facet(main_fields[i], spy.counts(i), request.facet_limit);
    for (Field f : own_pass) {
        ArticleFacetSpy own({f});
        enquire.set_query(query_without(f));
        enquire.add_matchspy(&own);
        enquire.get_mset(0, 0, all);
        enquire.clear_matchspies();
        facets[f] = make_facet(f, own.counts(0), request.facet_limit);
    }
    for (Field f : kFacetFields) results.facets.push_back(std::move(facets[f]));

    std::string start(1, kMarkStart), end(1, kMarkEnd);
    std::size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        hit.article_id = data.value("article_id", "");
        hit.passage = data.value("passage", 0u);
        hit.source = data.value("source", "");
        hit.date = data.value("date", "");
        hit.title = data.value("title", "");
        hit.url = data.value("url", "");
        hit.speakers = data.value("speakers", std::vector<std::string>{});
        hit.locations = data.value("locations", std::vector<std::string>{});
        for (const auto& q : data.value("quotes", nlohmann::json::array()))
            hit.quotes.emplace_back(q.value("text", ""), q.value("speaker", ""));
        hit.text = data.value("text", "");
        // Xapian marks every match in the whole passage; the window is chosen here, because
        // MSet::snippet starts its window at the first match rather than centring it.
        std::string marked = mset.snippet(hit.text, hit.text.size() + 64, builder.stemmer(),
                                          Xapian::MSet::SNIPPET_EXHAUSTIVE, start, end, "");
        hit.snippet = centre_snippet(unescape_html(marked), request.snippet_chars);
        results.hits.push_back(std::move(hit));
    }
    return results;
}

}  // namespace

SearchResults search(const SearchRequest& request) {
    // An indexer committing meanwhile can outdate the revision this reader opened, and a
    // rebuild switches generation: open the index afresh and run the search again.
    for (int attempt = 1;; ++attempt) {
        try {
            return search_once(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 5) throw;
        }
    }
}

}  // namespace dateline
