// Publication times as articles write them: ISO 8601 (headers, JSON Lines, web pages) and the
// RFC 822 dates of RSS feeds, read into a day and a UTC instant.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline {

struct PublishedTime {
    std::string date;  // YYYY-MM-DD as the article writes it (its own zone's day)
    std::string utc;   // YYYY-MM-DDTHH:MM:SSZ, or "" when only a day is given
};

// "2020-08-16", "2020-08-16T10:00:00Z", "2020-08-16 10:00", "2020-08-16T10:00:00.5+03:00",
// "...-0500": a real calendar day, and a time of day with or without its zone (a time
// without one is taken as UTC). nullopt for anything else.
std::optional<PublishedTime> parse_iso_time(std::string_view text);

// "Sun, 16 Aug 2020 10:00:00 +0300", "16 Aug 2020 10:00 GMT", "EST" and the other zone names
// RFC 822 lists. nullopt for anything else.
std::optional<PublishedTime> parse_rfc822_time(std::string_view text);

// Either form.
std::optional<PublishedTime> parse_published(std::string_view text);

}  // namespace dateline
