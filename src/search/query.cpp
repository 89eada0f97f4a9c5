// Query parsing on top of Xapian's QueryParser, with the checks it does not make.
#include "src/search/query.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "src/search/exonyms.h"
#include "src/text/text.h"

namespace dateline {

namespace {

using schema::Field;

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// source:X, speaker:X, location:X -> the same boolean term the indexer wrote for X.
class FilterProcessor : public Xapian::FieldProcessor {
  public:
    FilterProcessor(Field field, std::shared_ptr<NameResolver> names)
        : field_(field), names_(std::move(names)) {}
    Xapian::Query operator()(const std::string& value) override {
        if (field_ != Field::Source) return Xapian::Query(names_->filter_term(field_, value));
        std::vector<Xapian::Query> terms;  // an outlet: every name of its alias group
        for (const auto& name : names_->outlet_names(value))
            terms.emplace_back(schema::filter_term(field_, name));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

  private:
    Field field_;
    std::shared_ptr<NameResolver> names_;
};

// NAME:value for a field the index declares -> its term (schema::declared_term).
class DeclaredProcessor : public Xapian::FieldProcessor {
  public:
    explicit DeclaredProcessor(std::string name) : name_(std::move(name)) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::declared_term(name_, value));
    }

  private:
    std::string name_;
};

// Cyrillic words of a query also match their Latin spelling, and a country's name its English
// one: Минск -> (Минск OR Minsk), России -> (России OR Rossii OR Russia); inside a
// phrase the Latin spelling replaces them (a phrase cannot hold an OR). Field values (after a
// colon) are left for the field's processor.
std::string expand_cyrillic(const std::string& query) {
    if (!has_cyrillic(query)) return query;
    std::string out;
    bool in_phrase = false;
    std::size_t i = 0;
    while (i < query.size()) {
        char c = query[i];
        if (c == '"') in_phrase = !in_phrase;
        if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '(' || c == ')') {
            out += c;
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end])) &&
               query[end] != '"' && query[end] != '(' && query[end] != ')')
            ++end;
        std::string word = query.substr(i, end - i);
        i = end;
        if (!has_cyrillic(word) || word.find(':') != std::string::npos) {
            out += word;
            continue;
        }
        std::string latin = cyrillic_to_latin(word);
        if (in_phrase) {
            out += latin;
            continue;
        }
        std::string exonym = country_exonym(word);  // Россия -> Russia, as a name
        if (exonym.find(' ') != std::string::npos) exonym = "\"" + exonym + "\"";
        out += "(" + word + " OR " + latin + (exonym.empty() ? "" : " OR " + exonym) + ")";
    }
    return out;
}

// date:2020-08-16, date:2020-08, date:2020..2021, date:..2020-08-17. A bad date is kept in
// `error` and thrown once parse_query has returned: an exception thrown through
// QueryParser::parse_query leaks the parser's state (Xapian 1.4.22; LeakSanitizer reports it).
class DateProcessor : public Xapian::FieldProcessor {
  public:
    explicit DateProcessor(std::shared_ptr<std::string> error) : error_(std::move(error)) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            std::size_t dots = value.find("..");
            if (dots == std::string::npos) return QueryBuilder::date_range(value, value);
            return QueryBuilder::date_range(value.substr(0, dots), value.substr(dots + 2));
        } catch (const QueryError& e) {
            if (error_->empty()) *error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

  private:
    std::shared_ptr<std::string> error_;  // the first error; "" = none
};

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The query with every quoted field value (source:"France 24") replaced by a space.
std::string without_quoted_values(std::string_view q) {
    std::string out;
    out.reserve(q.size());
    for (std::size_t i = 0; i < q.size();) {
        if (!is_word_char(q[i])) {
            out += q[i++];
            continue;
        }
        std::size_t end = i;
        while (end < q.size() && is_word_char(q[end])) ++end;
        std::size_t close = q.compare(end, 2, ":\"") == 0 ? q.find('"', end + 2) : q.npos;
        if (close == q.npos) {
            out.append(q.substr(i, end - i));
            i = end;
        } else {
            out += ' ';
            i = close + 1;
        }
    }
    return out;
}

// Whether an operator word (AND, OR, NOT, XOR, NEAR, ADJ, optionally /N) starts at `i` and ends
// at the end, a space or ')'.
bool operator_at(std::string_view q, std::size_t i) {
    for (std::string_view op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
        if (q.compare(i, op.size(), op) != 0) continue;
        std::size_t j = i + op.size();
        if (j + 1 < q.size() && q[j] == '/' && std::isdigit(static_cast<unsigned char>(q[j + 1]))) {
            ++j;
            while (j < q.size() && std::isdigit(static_cast<unsigned char>(q[j]))) ++j;
        }
        if (j == q.size() || is_space(q[j]) || q[j] == ')') return true;
    }
    return false;
}

}  // namespace

bool has_query_syntax(std::string_view query) {
    // One pass, linear in the query: std::regex recursed once per character and overflowed the
    // stack on a long word.
    const std::string q = without_quoted_values(query);
    if (q.find('*') != std::string::npos) return true;
    for (std::size_t i = 0; i < q.size(); ++i) {
        bool word_start = i == 0 || is_space(q[i - 1]) || q[i - 1] == '(';
        if (word_start && q[i] == '-' && i + 1 < q.size() && !is_space(q[i + 1])) return true;
        if (word_start && operator_at(q, i)) return true;
    }
    // A phrase of two words or more: a quote inside a run of non-spaces, another run after it.
    for (std::size_t start = 0; start < q.size();) {
        while (start < q.size() && is_space(q[start])) ++start;
        std::size_t end = start;
        while (end < q.size() && !is_space(q[end])) ++end;
        std::size_t quote = std::find(q.begin() + start, q.begin() + end, '"') - q.begin();
        bool later_word = q.find_first_not_of(" \t\n\v\f\r", end) != std::string::npos;
        if (quote + 1 < end && later_word) return true;
        start = end;
    }
    return false;
}

namespace {

constexpr std::string_view kStopWords[] = {
    "a",     "about", "above", "after", "again", "all",  "also",  "am",    "an",   "and",
    "any",   "are",   "as",    "at",    "be",    "been", "being", "both",  "but",  "by",
    "can",   "could", "did",   "do",    "does",  "done", "each",  "for",   "from", "give",
    "had",   "has",   "have",  "he",    "her",   "his",  "how",   "i",     "if",   "in",
    "into",  "is",    "it",    "its",   "may",   "more", "most",  "must",  "no",   "not",
    "of",    "on",    "or",    "other", "our",   "out",  "over",  "so",    "some", "such",
    "than",  "that",  "the",   "their", "them",  "then", "there", "these", "they", "this",
    "those", "to",    "under", "up",    "use",   "used", "very",  "was",   "we",   "were",
    "what",  "when",  "where", "which", "while", "who",  "whom",  "why",   "will", "with",
    "would", "you",   "your"};

class StopWords : public Xapian::Stopper {
  public:
    bool operator()(const std::string& word) const override { return is_stop_word(word); }
};

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                            Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
// What QueryParser::parse_query retries with after a parse error (xapian-core 1.4 queryparser).
constexpr unsigned kFallbackFlags =
    kFlags & (Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_NO_POSITIONS);

}  // namespace

bool is_stop_word(std::string_view word) {
    return std::find(std::begin(kStopWords), std::end(kStopWords), word) != std::end(kStopWords);
}

std::string date_bound(const std::string& text, bool upper, const std::string& what) {
    static const std::regex form(R"((\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?)");
    std::smatch m;
    std::string t(trim(text));
    if (std::regex_match(t, m, form)) {
        int year = std::stoi(m[1]);
        int month = m[2].matched ? std::stoi(m[2]) : (upper ? 12 : 1);
        if (month >= 1 && month <= 12) {
            int last = days_in_month(year, month);
            int day = m[3].matched ? std::stoi(m[3]) : (upper ? last : 1);
            if (day >= 1 && day <= last) {
                char buf[9];
                std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
                return buf;
            }
        }
    }
    throw QueryError(what + ": '" + text +
                     "' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2020-08-16)");
}

void NameResolver::load() const {
    if (!has_db_) return;
    auto groups =
        nlohmann::json::parse(db_.get_metadata(std::string(schema::kAliasesKey)), nullptr, false);
    if (!groups.is_array()) return;
    for (const auto& group : groups) {
        if (!group.is_array() || group.empty()) continue;
        std::string canonical = group[0].get<std::string>();
        for (const auto& member : group) {
            canonical_[schema::slug(member.get<std::string>())] = canonical;
            groups_[canonical].push_back(member.get<std::string>());
        }
    }
}

std::string NameResolver::canonical(const std::string& value) const {
    std::call_once(loaded_, [this] { load(); });
    std::string exonym = has_cyrillic(value) ? country_exonym(value) : "";
    std::string latin = exonym.empty() ? cyrillic_to_latin(value) : exonym;
    auto it = canonical_.find(schema::slug(latin));
    return it == canonical_.end() ? latin : it->second;
}

std::vector<std::string> NameResolver::outlet_names(const std::string& value) const {
    std::call_once(loaded_, [this] { load(); });
    auto it = canonical_.find(schema::slug(value));
    if (it == canonical_.end()) return {value};
    return groups_.at(it->second);
}

std::string NameResolver::filter_term(Field field, const std::string& value) const {
    return schema::filter_term(field, field == Field::Source ? value : canonical(value));
}

QueryBuilder::QueryBuilder() : stemmer_(schema::text_stemmer()) { set_up(); }

QueryBuilder::QueryBuilder(const Xapian::Database& db,
                           const std::vector<schema::DeclaredField>& declared)
    : names_(std::make_shared<NameResolver>(db)),
      stemmer_(schema::text_stemmer()),
      db_(db),
      has_db_(true) {
    parser_.set_database(db);
    set_up(declared);
}

void QueryBuilder::set_up(const std::vector<schema::DeclaredField>& declared) {
    for (const schema::DeclaredField& f : declared)
        parser_.add_boolean_prefix(f.name, (new DeclaredProcessor(f.name))->release());
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    for (const auto& f : schema::kFields) {
        std::string name(f.name);
        switch (f.kind) {
            case schema::Kind::FreeText:
                if (!f.prefix.empty()) parser_.add_prefix(name, std::string(f.prefix));
                break;
            case schema::Kind::Filter:
                parser_.add_boolean_prefix(
                    name, (new FilterProcessor(static_cast<Field>(&f - schema::kFields), names_))
                              ->release());
                break;
            case schema::Kind::Range:
                parser_.add_boolean_prefix(name, (new DateProcessor(deferred_error_))->release());
                break;
            default:
                break;
        }
    }
}

std::string quote_for_message(std::string_view query) {
    constexpr std::size_t kShown = 60;  // bytes of a long query shown in a message
    std::string out = "'";
    const auto* p = reinterpret_cast<const uint8_t*>(query.data());
    // Enough bytes for the last character shown; the rest is never read.
    const int32_t length = static_cast<int32_t>(std::min(query.size(), kShown + 4));
    for (int32_t i = 0; i < length;) {
        if (static_cast<std::size_t>(i) >= kShown) {
            out += "…' (" + std::to_string(query.size()) + " bytes)";
            return out;
        }
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, length, c);
        if (c >= 0x20 && c != 0x7F) {
            out.append(query.substr(start, i - start));
            continue;
        }
        for (int32_t b = start; b < i; ++b) {  // control characters and invalid bytes: \xHH
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", p[b]);
            out += hex;
        }
    }
    return out + "'";
}

namespace {

// Throws QueryError for a query beyond the limits, not UTF-8, or holding a control character.
void check_query_limits(const std::string& query) {
    if (query.size() > kMaxQueryBytes)
        throw QueryError("query " + quote_for_message(query) + " is too long: the limit is " +
                         std::to_string(kMaxQueryBytes) +
                         " bytes; shorten it or split it into "
                         "several searches");
    const auto* p = reinterpret_cast<const uint8_t*>(query.data());
    const int32_t length = static_cast<int32_t>(query.size());
    std::size_t depth = 0;
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, length, c);
        if (c < 0)
            throw QueryError("query " + quote_for_message(query) + " is not valid UTF-8 (byte " +
                             std::to_string(start) + "); type it in a UTF-8 terminal (e.g. " +
                             "LANG=C.UTF-8) or convert it with iconv");
        if ((c < 0x20 && !is_space(static_cast<char>(c))) || c == 0x7F) {
            char code[7];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
            throw QueryError("query " + quote_for_message(query) + " contains the control " +
                             "character " + code + " (byte " + std::to_string(start) +
                             "); remove it");
        }
        if (c == '(' && ++depth > kMaxQueryDepth)
            throw QueryError("query " + quote_for_message(query) + " nests parentheses more than " +
                             std::to_string(kMaxQueryDepth) + " deep; remove the extra ones");
        if (c == ')' && depth > 0) --depth;
    }
}

// Throws QueryError if the parsed query (synonyms and Cyrillic spellings included) has more terms
// than the limit.
void check_term_count(const std::string& query, const Xapian::Query& parsed) {
    std::size_t terms = 0;
    for (auto t = parsed.get_terms_begin(); t != parsed.get_terms_end(); ++t)
        if (++terms > kMaxQueryTerms)
            throw QueryError("query " + quote_for_message(query) + " has more than " +
                             std::to_string(kMaxQueryTerms) + " terms; shorten it or split it " +
                             "into several searches");
}

}  // namespace

bool QueryBuilder::known_word(const std::string& token) const {
    std::string word = token;
    if (std::size_t colon = word.rfind(':'); colon != std::string::npos) word.erase(0, colon + 1);
    std::string folded = fold_for_terms(word);
    while (!folded.empty() && std::ispunct(static_cast<unsigned char>(folded.back())))
        folded.pop_back();
    while (!folded.empty() && std::ispunct(static_cast<unsigned char>(folded.front())))
        folded.erase(0, 1);
    if (folded.empty()) return true;
    return db_.term_exists(folded) || db_.term_exists("Z" + stemmer_(folded)) ||
           db_.synonyms_begin(folded) != db_.synonyms_end(folded);
}

Xapian::Query QueryBuilder::parse(const std::string& query, bool any,
                                  std::string* did_you_mean) const {
    check_query_limits(query);
    std::string expanded = expand_cyrillic(query);
    std::string q = normalize_query(expanded);
    if (did_you_mean) did_you_mean->clear();
    if (trim(q).empty()) return Xapian::Query::MatchAll;
    Xapian::Query parsed;
    deferred_error_->clear();
    parser_.set_default_op(any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    static const StopWords stop_words;
    parser_.set_stopper(any ? &stop_words : nullptr);
    // Cyrillic words are already expanded to their Latin spelling: no correction for them.
    // Xapian looks up a suggestion for every word, which costs more than the rest of a rare
    // word's search; a correction is kept only for words the index does not know, so when it
    // knows them all there is nothing to ask.
    bool spell = did_you_mean && has_db_ && expanded == query;
    if (spell) {
        std::istringstream words(q);
        spell = std::any_of(std::istream_iterator<std::string>(words), {},
                            [this](const std::string& word) { return !known_word(word); });
    }
    try {
        parsed = parser_.parse_query(
            q, kFlags | (spell ? Xapian::QueryParser::FLAG_SPELLING_CORRECTION : 0));
        if (spell) {
            // Xapian also "corrects" words the index holds only stemmed (talk -> talks) or
            // through synonyms: put those back.
            std::string corrected = parser_.get_corrected_query_string();
            std::istringstream typed_words(q), corrected_words(corrected);
            std::vector<std::string> typed{std::istream_iterator<std::string>(typed_words), {}};
            std::vector<std::string> fixed{std::istream_iterator<std::string>(corrected_words), {}};
            bool changed = false;
            if (!corrected.empty() && typed.size() == fixed.size()) {
                for (std::size_t i = 0; i < typed.size(); ++i) {
                    if (typed[i] == fixed[i]) continue;
                    if (known_word(typed[i]))
                        fixed[i] = typed[i];
                    else
                        changed = true;
                }
            }
            // Shown as typed, but for the corrected words (capitalised if the typed one was).
            std::istringstream original_words(query);
            std::vector<std::string> original{std::istream_iterator<std::string>(original_words),
                                              {}};
            bool aligned = original.size() == typed.size();
            for (std::size_t i = 0; changed && i < fixed.size(); ++i) {
                std::string w = fixed[i];
                if (aligned && w == typed[i]) w = original[i];
                if (aligned && w != original[i] &&
                    std::isupper(static_cast<unsigned char>(original[i][0])))
                    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
                *did_you_mean += (did_you_mean->empty() ? "" : " ") + w;
            }
        }
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("query syntax error in " + quote_for_message(query) + ": " + e.get_msg() +
                         "; operators AND, OR, NOT, NEAR need a word on each side");
    }
    if (!deferred_error_->empty()) throw QueryError(*deferred_error_);
    check_term_count(query, parsed);
    // On a syntax error Xapian silently re-reads the query with no syntax flags: if the query
    // uses syntax yet parses as it does without the flags, that is what happened.
    if (has_query_syntax(q)) {
        Xapian::Query plain = parser_.parse_query(q, kFallbackFlags);
        if (plain.get_description() == parsed.get_description())
            throw QueryError("query syntax error in " + quote_for_message(query) +
                             ": check quotes, parentheses and upper-case AND/OR/NOT/NEAR (write "
                             "them in lower case to search for the words)");
    }
    return parsed;
}

std::vector<std::string> unindexable_words(const Xapian::Query& query) {
    std::vector<std::string> out;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string term = *t;
        std::string_view word = term;
        if (!word.empty() && word[0] == 'Z') word.remove_prefix(1);  // a stem
        // Free-text fields only; filter terms are short (schema::filter_term hashes long ones).
        bool free_text = false;
        for (const auto& f : schema::kFields)
            if (f.kind == schema::Kind::FreeText && !f.prefix.empty() &&
                word.substr(0, f.prefix.size()) == f.prefix) {
                word.remove_prefix(f.prefix.size());
                free_text = true;
                break;
            }
        // Unprefixed terms start with a lower-case letter, a digit or a non-ASCII byte.
        if (!free_text && !word.empty() && word[0] >= 'A' && word[0] <= 'Z') continue;
        if (word.size() > kMaxIndexedWordBytes &&
            std::find(out.begin(), out.end(), word) == out.end())
            out.emplace_back(word);
    }
    return out;
}

Xapian::Query QueryBuilder::any_of(Field field, const std::vector<std::string>& values) const {
    if (values.empty()) return Xapian::Query::MatchAll;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) {
        if (field != Field::Source) {
            terms.emplace_back(names_->filter_term(field, v));
            continue;
        }
        for (const auto& name : names_->outlet_names(v))
            terms.emplace_back(schema::filter_term(field, name));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query QueryBuilder::any_of(const std::string& name,
                                   const std::vector<std::string>& values) {
    if (values.empty()) return Xapian::Query::MatchAll;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(schema::declared_term(name, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query QueryBuilder::date_range(const std::string& from, const std::string& to) {
    Xapian::valueno slot = schema::spec(Field::Date).slot;
    std::string lo = trim(from).empty() ? "" : date_bound(from, false, "date");
    std::string hi = trim(to).empty() ? "" : date_bound(to, true, "date");
    if (lo.empty() && hi.empty()) return Xapian::Query::MatchAll;
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
    if (lo > hi)
        throw QueryError("date range " + from + ".." + to +
                         " is empty: the start is after the end");
    // A range of days is an OR of the passages' day terms: that reads only the postings of
    // those days, where a value range reads the date of every passage in the index.
    constexpr int kMaxDayTerms = 400;
    std::vector<Xapian::Query> days;
    int y = std::stoi(lo.substr(0, 4)), m = std::stoi(lo.substr(4, 2)), d = std::stoi(lo.substr(6));
    for (char day[9];;) {
        std::snprintf(day, sizeof day, "%04d%02d%02d", y, m, d);
        if (day > hi) break;
        if (days.size() == kMaxDayTerms)
            return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        days.emplace_back(schema::filter_term(Field::Date, day));
        if (++d > days_in_month(y, m)) d = 1, ++m;
        if (m > 12) m = 1, ++y;
    }
    return Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end());
}

}  // namespace dateline
