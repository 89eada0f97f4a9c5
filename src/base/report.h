// What every layer shares: problems with input as values, reported while the work goes on.
#pragma once

#include <functional>
#include <string>

namespace dateline {

enum class Severity {
    Note,     // worth knowing; nothing was lost
    Warning,  // recovered: the input was read, perhaps not as written
    Error,    // a file, line or article was skipped
};

// One problem, compiler style when printed: "path:line: warning: what; what to do".
struct Problem {
    Severity severity = Severity::Error;
    std::string where;  // "path", "path:line", or "" when the problem has no place
    std::string what;   // what is wrong; what to do

    // "where: severity: what" ("severity: what" without a place), as the programs print it.
    std::string message() const {
        static const char* const kNames[] = {"note", "warning", "error"};
        std::string head = std::string(kNames[static_cast<int>(severity)]) + ": ";
        return where.empty() ? head + what : where + ": " + head + what;
    }
};

inline Problem note_at(std::string where, std::string what) {
    return {Severity::Note, std::move(where), std::move(what)};
}
inline Problem warning_at(std::string where, std::string what) {
    return {Severity::Warning, std::move(where), std::move(what)};
}
inline Problem error_at(std::string where, std::string what) {
    return {Severity::Error, std::move(where), std::move(what)};
}

// Where the library hands its problems; the programs decide how to show them.
using Report = std::function<void(const Problem& problem)>;

}  // namespace dateline
