// Query parsing on top of Xapian's QueryParser, with the checks it does not make.
#include "src/query.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>

#include "src/text.h"

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
        return Xapian::Query(names_->filter_term(field_, value));
    }

  private:
    Field field_;
    std::shared_ptr<NameResolver> names_;
};

// Cyrillic words of a query also match their Latin spelling: Минск -> (Минск OR Minsk); inside a
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
        out += in_phrase ? latin : "(" + word + " OR " + latin + ")";
    }
    return out;
}

// date:2020-08-16, date:2020-08, date:2020..2021, date:..2020-08-17
class DateProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& value) override {
        std::size_t dots = value.find("..");
        if (dots == std::string::npos) return QueryBuilder::date_range(value, value);
        return QueryBuilder::date_range(value.substr(0, dots), value.substr(dots + 2));
    }
};

// Characters and words the full parser treats as syntax: if the parse with all flags equals
// the parse with none, yet these are present, the parser fell back because of a syntax error.
// Quoted field values (source:"France 24") parse alike either way and are not counted; nor
// does an unclosed quote or parenthesis, which the parser closes by itself.
bool has_syntax(const std::string& query) {
    static const std::regex quoted_value(R"re(\w+:"[^"]*")re");
    // A one-word phrase ("nato") or +word parses the same with or without the flags: not syntax.
    static const std::regex syntax(
        R"re("\S+\s+[^"]*\S"?|\*|(^|[\s(])-\S|(^|[\s(])(AND|OR|NOT|XOR|NEAR|ADJ)(/\d+)?($|[\s)]))re");
    return std::regex_search(std::regex_replace(query, quoted_value, " "), syntax);
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                            Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
// What QueryParser::parse_query retries with after a parse error (xapian-core 1.4 queryparser).
constexpr unsigned kFallbackFlags =
    kFlags & (Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_NO_POSITIONS);

}  // namespace

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

NameResolver::NameResolver(const Xapian::Database& db) {
    auto groups =
        nlohmann::json::parse(db.get_metadata(std::string(schema::kAliasesKey)), nullptr, false);
    if (!groups.is_array()) return;
    for (const auto& group : groups) {
        if (!group.is_array() || group.empty()) continue;
        std::string canonical = group[0].get<std::string>();
        for (const auto& member : group)
            canonical_[schema::slug(member.get<std::string>())] = canonical;
    }
}

std::string NameResolver::canonical(const std::string& value) const {
    std::string latin = cyrillic_to_latin(value);
    auto it = canonical_.find(schema::slug(latin));
    return it == canonical_.end() ? latin : it->second;
}

std::string NameResolver::filter_term(Field field, const std::string& value) const {
    return schema::filter_term(field, field == Field::Source ? value : canonical(value));
}

QueryBuilder::QueryBuilder() : stemmer_("english") { set_up(); }

QueryBuilder::QueryBuilder(const Xapian::Database& db)
    : names_(std::make_shared<NameResolver>(db)), stemmer_("english") {
    parser_.set_database(db);
    set_up();
}

void QueryBuilder::set_up() {
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
                parser_.add_boolean_prefix(name, (new DateProcessor)->release());
                break;
            default:
                break;
        }
    }
}

Xapian::Query QueryBuilder::parse(const std::string& query) const {
    std::string q = normalize_query(expand_cyrillic(query));
    if (trim(q).empty()) return Xapian::Query::MatchAll;
    Xapian::Query parsed;
    try {
        parsed = parser_.parse_query(q, kFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("query syntax error in '" + query + "': " + e.get_msg() +
                         "; operators AND, OR, NOT, NEAR need a word on each side");
    }
    if (has_syntax(q)) {
        Xapian::Query plain = parser_.parse_query(q, kFallbackFlags);
        if (plain.get_description() == parsed.get_description())
            throw QueryError("query syntax error in '" + query +
                             "': check quotes, parentheses and upper-case AND/OR/NOT/NEAR (write "
                             "them in lower case to search for the words)");
    }
    return parsed;
}

Xapian::Query QueryBuilder::any_of(Field field, const std::vector<std::string>& values) const {
    if (values.empty()) return Xapian::Query::MatchAll;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(names_->filter_term(field, v));
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
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
}

}  // namespace dateline
