// From what a user types to a Xapian query: QueryParser with Dateline's fields, dates and filters.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace dateline {

// The user's query or option is wrong: the message says what to type instead.
class QueryError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One date bound as YYYYMMDD (the slot format). Accepts YYYY, YYYY-MM, YYYY-MM-DD and
// YYYYMMDD; a year or month means its first day for a lower bound and its last for an upper.
// Throws QueryError naming `what` (e.g. "--from") for anything else.
std::string date_bound(const std::string& text, bool upper, const std::string& what);

class QueryBuilder {
  public:
    QueryBuilder();

    // Parses QueryParser syntax with AND as the default operator, phrases, NEAR, wildcards,
    // +/-, and the field prefixes of the schema (title:, source:, date:A..B, speaker:,
    // location:). An empty query matches every passage. A syntax error throws QueryError
    // rather than being silently re-read as plain words.
    Xapian::Query parse(const std::string& query) const;

    // Passages whose Filter field has any of these values (OR); MatchAll if none.
    static Xapian::Query any_of(schema::Field field, const std::vector<std::string>& values);
    // Passages dated within [from, to] (either may be empty); MatchAll if both are.
    static Xapian::Query date_range(const std::string& from, const std::string& to);

    const Xapian::Stem& stemmer() const { return stemmer_; }

  private:
    Xapian::Stem stemmer_;
    mutable Xapian::QueryParser parser_;
};

}  // namespace dateline
