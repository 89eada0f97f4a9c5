// Hits: each passage's stored data, its snippet centred on the matches, what was folded into it.
#include "src/search/hits.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "schema/record.h"
#include "schema/schema.h"

namespace dateline {

using schema::Field;

namespace {

using Span = std::pair<int32_t, int32_t>;  // [start marker, past end marker)

std::vector<Span> match_spans(const icu::UnicodeString& u) {
    const int32_t size = u.length();
    std::vector<Span> spans;
    for (int32_t i = 0; i < size; ++i) {
        if (u[i] == kMarkStart) spans.push_back({i, size});
        if (u[i] == kMarkEnd && !spans.empty()) spans.back().second = i + 1;
    }
    return spans;
}

// [from, to) of `window` code units or more around the matches: the run of matches that fits
// most into one window, then the window centred on it.
Span window_on_matches(const icu::UnicodeString& u, const std::vector<Span>& spans,
                       int32_t window) {
    const int32_t size = u.length();
    std::size_t best = 0, best_count = 0, best_last = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::size_t j = i;
        while (j + 1 < spans.size() && spans[j + 1].second <= spans[i].first + window) ++j;
        if (j - i + 1 > best_count) best = i, best_count = j - i + 1, best_last = j;
    }
    int32_t region_start = spans[best].first, region_end = spans[best_last].second;
    int32_t centre = (region_start + region_end) / 2;
    int32_t from = std::max(0, std::min(centre - window / 2, region_start));
    int32_t to = std::min(size, from + std::max(window, region_end - from));
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
    return {from, to};
}

// The opening `window` code units of a text without matches, cut at a space past its middle.
Span opening_window(const icu::UnicodeString& u, int32_t window) {
    int32_t to = window;
    int32_t space = u.lastIndexOf(u' ', 0, to);
    if (space > window / 2) to = space;
    return {0, to};
}

// u[from, to) in UTF-8, with "…" where text was left out.
std::string cut_out(const icu::UnicodeString& u, int32_t from, int32_t to) {
    const int32_t size = u.length();
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

// A hit's stored fields (the passage's record), or nullopt if its data is not JSON.
std::optional<Hit> stored_hit(const Xapian::Document& doc) {
    std::optional<schema::PassageRecord> record = schema::read_record(doc);
    if (!record) return std::nullopt;
    Hit hit;
    hit.article_id = std::move(record->article_id);
    hit.passage = record->passage;
    hit.source = std::move(record->source);
    hit.date = std::move(record->date);
    hit.published = std::move(record->published);
    hit.language = std::move(record->language);
    hit.fields = std::move(record->fields);
    hit.title = std::move(record->title);
    hit.url = std::move(record->url);
    hit.speakers = std::move(record->speakers);
    hit.locations = std::move(record->locations);
    hit.quotes = std::move(record->quotes);
    hit.text = std::move(record->text);
    return hit;
}

// Xapian marks every match in the whole passage; the window is chosen here, because
// MSet::snippet starts its window at the first match rather than centring it.
std::string snippet(const Xapian::MSet& mset, const std::string& text, const Xapian::Stem& stemmer,
                    std::size_t chars) {
    const std::string start(1, kMarkStart), end(1, kMarkEnd);
    std::string marked = mset.snippet(text, text.size() + 64, stemmer, 0, start, end, "");
    return centre_snippet(unescape_html(marked), chars);
}

// What was folded into each hit, counted exactly (Xapian's collapse counts are lower bounds
// over several databases): the other matching passages with its key (`field` Copy: its wire
// copies, whose outlets, best-ranked first and without its own, go to also_in; Article: the
// article's other passages). One more search, over those keys' postings only.
void add_folded(Xapian::Enquire& enquire, const Xapian::Query& query, Field field,
                const std::vector<std::string>& keys, Xapian::doccount limit,
                std::vector<Hit>& hits) {
    std::vector<Xapian::Query> terms;
    for (const auto& key : keys)
        if (!key.empty())
            terms.emplace_back(field == Field::Copy ? schema::copy_term(key)
                                                    : schema::filter_term(field, key));
    if (terms.empty()) return;
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    enquire.set_collapse_key(Xapian::BAD_VALUENO);
    enquire.set_sort_by_relevance();
    Xapian::MSet found = enquire.get_mset(0, limit);
    struct Group {
        std::size_t passages = 0;
        std::vector<std::string> outlets;  // in rank order
    };
    std::map<std::string, Group> groups;
    for (auto it = found.begin(); it != found.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Group& group = groups[doc.get_value(schema::spec(field).slot)];
        ++group.passages;
        std::string source = doc.get_value(schema::spec(Field::Source).slot);
        if (!source.empty() &&
            std::find(group.outlets.begin(), group.outlets.end(), source) == group.outlets.end())
            group.outlets.push_back(std::move(source));
    }
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (keys[i].empty()) continue;
        const Group& group = groups[keys[i]];
        hits[i].collapsed = group.passages > 0 ? group.passages - 1 : 0;
        if (field == Field::Copy)
            for (const auto& outlet : group.outlets)
                if (outlet != hits[i].source) hits[i].also_in.push_back(outlet);
    }
}

}  // namespace

std::string centre_snippet(const std::string& marked, std::size_t length) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(marked);
    const int32_t window = static_cast<int32_t>(length);
    const std::vector<Span> spans = match_spans(u);
    if (u.length() - 2 * static_cast<int32_t>(spans.size()) <= window) return marked;
    auto [from, to] =
        spans.empty() ? opening_window(u, window) : window_on_matches(u, spans, window);
    return cut_out(u, from, to);
}

IndexError unreadable_passage(Xapian::docid did) {
    return IndexError("a matching passage (document " + std::to_string(did) +
                      ") cannot be read: its stored data is missing or damaged, so the index is "
                      "damaged; see what dateline-index check says, and rebuild the index");
}

std::vector<Hit> page_hits(const Page& page, std::size_t from, std::size_t to, Paging paging,
                           const SearchRequest& request, const Xapian::Stem& stemmer,
                           Xapian::Enquire& enquire, const Xapian::Query& query,
                           const Xapian::Database& db) {
    std::vector<Hit> hits;
    std::vector<std::string> fold_keys;  // per hit: the key others were folded into it by
    std::size_t rank = request.offset + from;
    for (std::size_t i = from; i < to && i < page.shown.size(); ++i) {
        const Shown& shown = page.shown[i];
        Xapian::Document doc = db.get_document(shown.docid);
        std::optional<Hit> hit = stored_hit(doc);
        if (!hit) throw unreadable_passage(shown.docid);
        hit->rank = ++rank;
        hit->score = shown.score;
        hit->collapsed = shown.folded;
        hit->snippet = snippet(page.mset, hit->text, stemmer, request.snippet_chars);
        // What was folded into the hit is counted below (ranked articles: by the spy).
        if (paging == Paging::CollapseArticles)
            fold_keys.push_back(hit->article_id);
        else if (paging == Paging::FoldCopies)
            fold_keys.push_back(doc.get_value(schema::spec(Field::Copy).slot));
        hits.push_back(std::move(*hit));
    }
    if (!fold_keys.empty())
        add_folded(enquire, query,
                   paging == Paging::CollapseArticles ? Field::Article : Field::Copy, fold_keys,
                   db.get_doccount(), hits);
    return hits;
}

}  // namespace dateline
