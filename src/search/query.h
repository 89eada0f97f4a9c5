// From what a user types to a Xapian query: QueryParser with Dateline's fields, dates and filters.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "src/base/errors.h"

namespace dateline {

// The user's query or option is wrong: the message says what to type instead.
class QueryError : public UsageError {
  public:
    using UsageError::UsageError;
};

// Limits on a query (QueryError beyond them), generous for people and scripts. They bound the
// time and stack a query can take: Xapian 1.4 matches an OR of n absent terms in O(n^2) time
// (10,000: about 2 s), and nesting recurses.
inline constexpr std::size_t kMaxQueryBytes = 128 * 1024;  // the longest argv word Linux takes
inline constexpr std::size_t kMaxQueryTerms = 10000;       // after synonyms and Cyrillic
inline constexpr std::size_t kMaxQueryDepth = 1000;        // nested parentheses

// One date bound as YYYYMMDD (the slot format). Accepts YYYY, YYYY-MM, YYYY-MM-DD and
// YYYYMMDD; a year or month means its first day for a lower bound and its last for an upper.
// Throws QueryError naming `what` (e.g. "--from") for anything else.
std::string date_bound(const std::string& text, bool upper, const std::string& what);

// Speaker and place names as a filter value may be written: any spelling aliases.txt lists, or
// Cyrillic, maps to the canonical name the indexer stored.
class NameResolver {
  public:
    NameResolver() = default;
    // The alias groups stored in the index (metadata schema::kAliasesKey), read when a name is
    // first looked up: most queries have no speaker or place filter.
    explicit NameResolver(const Xapian::Database& db) : db_(db), has_db_(true) {}
    std::string canonical(const std::string& value) const;
    // The boolean term for a filter value: outlets as typed, names by their canonical form.
    std::string filter_term(schema::Field field, const std::string& value) const;
    // The names an outlet goes by: every name of its alias group ("Fox News = Fox Online
    // News"), or the value alone.
    std::vector<std::string> outlet_names(const std::string& value) const;

  private:
    void load() const;

    Xapian::Database db_;
    bool has_db_ = false;
    mutable std::once_flag loaded_;
    mutable std::map<std::string, std::string> canonical_;            // slug -> canonical name
    mutable std::map<std::string, std::vector<std::string>> groups_;  // canonical -> all names
};

class QueryBuilder {
  public:
    // Without a database: no synonyms and no aliases (tests of the syntax alone).
    QueryBuilder();
    // With the index: its synonyms expand query words, its aliases map filter values, and its
    // declared fields are prefixes (bias:left).
    explicit QueryBuilder(const Xapian::Database& db,
                          const std::vector<schema::DeclaredField>& declared = {});

    // Parses QueryParser syntax with AND as the default operator, phrases, NEAR, wildcards,
    // +/-, and the field prefixes of the schema (title:, source:, date:A..B, speaker:,
    // location:). An empty query matches every passage. A syntax error throws QueryError
    // rather than being silently re-read as plain words; so do a query beyond the limits
    // above, one that is not UTF-8 or holds a control character (a NUL, ...), and a bad date:.
    // With `any`, words are joined by OR (ranked retrieval of natural-language queries).
    // With `did_you_mean`, it receives the query with its misspelled words replaced by the
    // index's own (Xapian's spelling data), or "" if every word is known: a word the index holds,
    // as typed or by its stem, or one with synonyms, is never corrected.
    Xapian::Query parse(const std::string& query, bool any = false,
                        std::string* did_you_mean = nullptr) const;

    // Passages whose Filter field has any of these values (OR); MatchAll if none.
    Xapian::Query any_of(schema::Field field, const std::vector<std::string>& values) const;
    // Passages whose declared field `name` has any of these values (OR); MatchAll if none.
    static Xapian::Query any_of(const std::string& name, const std::vector<std::string>& values);
    // Passages dated within [from, to] (either may be empty); MatchAll if both are.
    static Xapian::Query date_range(const std::string& from, const std::string& to);

    const Xapian::Stem& stemmer() const { return stemmer_; }

  private:
    void set_up(const std::vector<schema::DeclaredField>& declared = {});
    std::shared_ptr<NameResolver> names_ = std::make_shared<NameResolver>();
    bool known_word(const std::string& token) const;
    Xapian::Stem stemmer_;
    Xapian::Database db_;
    bool has_db_ = false;
    mutable Xapian::QueryParser parser_;
    // An error a field processor met inside parse_query, thrown after it returns.
    std::shared_ptr<std::string> deferred_error_ = std::make_shared<std::string>();
};

// English function words ("the", "of", "which", ...: 93 of them, case-folded). Queries with
// `any` leave them out (unless the query has nothing else): in a ranked OR they match almost
// every passage and add only noise (bench/eval.sh measured it on four collections).
bool is_stop_word(std::string_view word);

// Whether the query uses QueryParser syntax (a phrase of two words or more, a wildcard, -word,
// an upper-case operator) once quoted field values (source:"France 24") are set aside. Linear
// in the query's length.
bool has_query_syntax(std::string_view query);

// Words of a parsed query longer than any word the index holds (Xapian's TermGenerator drops
// words over kMaxIndexedWordBytes): each matches nothing. Unique, in query order.
inline constexpr std::size_t kMaxIndexedWordBytes = 64;
std::vector<std::string> unindexable_words(const Xapian::Query& query);

// The query as a message shows it: quoted, control characters and invalid bytes as \xHH, a
// long query cut after 60 bytes with its length.
std::string quote_for_message(std::string_view query);

}  // namespace dateline
