// ISO 8601 and RFC 822 times, turned into UTC by the days-from-civil arithmetic (no time zone
// database: an article's time carries its offset, or a zone name RFC 822 defines).
#include "src/ingest/times.h"

#include <cstdio>

#include "src/base/calendar.h"
#include "src/ingest/article.h"
#include "src/text/text.h"

namespace dateline {

namespace {

// Reads `n` digits at `at` into `value`; false if they are not all digits.
bool digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
    if (at + n > s.size()) return false;
    value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

struct Civil {
    int year, month, day, hour, minute, second;
};

// The day as YYYY-MM-DD and the instant `offset_minutes` east of UTC, moved to UTC.
PublishedTime to_utc(const Civil& c, int offset_minutes) {
    char day[16], utc[40];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", c.year, c.month, c.day);
    long seconds = days_from_civil(c.year, c.month, c.day) * 86400L + c.hour * 3600L +
                   c.minute * 60L + c.second - offset_minutes * 60L;
    long days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    long rest = seconds - days * 86400;
    int y, m, d;
    civil_from_days(days, y, m, d);
    std::snprintf(utc, sizeof utc, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", y, m, d, rest / 3600,
                  rest / 60 % 60, rest % 60);
    return {day, utc};
}

bool valid_clock(const Civil& c) {
    return c.hour < 24 && c.minute < 60 && c.second <= 60;  // 60: a leap second
}

// "Z", "+03:00", "+0300", "+03" (ISO 8601) at the start of `zone`; false for anything else.
bool iso_offset(std::string_view zone, int& minutes) {
    if (zone == "Z" || zone == "z") return minutes = 0, true;
    if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return false;
    int hours = 0, mins = 0;
    const std::string_view rest = zone.substr(1);
    bool ok = (rest.size() == 2 && digits(rest, 0, 2, hours)) ||
              (rest.size() == 4 && digits(rest, 0, 2, hours) && digits(rest, 2, 2, mins)) ||
              (rest.size() == 5 && rest[2] == ':' && digits(rest, 0, 2, hours) &&
               digits(rest, 3, 2, mins));
    if (!ok || hours > 18 || mins > 59) return false;
    minutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + mins);
    return true;
}

// "10:00", "10:00:00", "10:00:00.123" at `at`; returns where the time ends, or npos.
std::size_t read_clock(std::string_view s, std::size_t at, Civil& c) {
    c.second = 0;
    if (!digits(s, at, 2, c.hour) || at + 2 >= s.size() || s[at + 2] != ':' ||
        !digits(s, at + 3, 2, c.minute))
        return std::string_view::npos;
    std::size_t end = at + 5;
    if (end < s.size() && s[end] == ':') {
        if (!digits(s, end + 1, 2, c.second)) return std::string_view::npos;
        end += 3;
        if (end < s.size() && (s[end] == '.' || s[end] == ',')) {
            ++end;
            while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
        }
    }
    return valid_clock(c) ? end : std::string_view::npos;
}

// RFC 822's zone names and numeric offsets.
bool rfc822_offset(std::string_view zone, int& minutes) {
    static const struct {
        const char* name;
        int hours;
    } kZones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                  {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (const auto& z : kZones)
        if (zone == z.name) return minutes = z.hours * 60, true;
    return zone.size() == 5 && iso_offset(zone, minutes);
}

int month_number(std::string_view name) {
    static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    for (int i = 0; i < 12; ++i) {
        bool same = true;
        for (int k = 0; k < 3; ++k) same = same && (name[k] | 0x20) == kMonths[i][k];
        if (same) return i + 1;
    }
    return 0;
}

// The day `c` with the clock at `at` and the zone after it (none: UTC), as a time in UTC.
std::optional<PublishedTime> clock_and_zone(std::string_view text, std::size_t at, Civil c,
                                            bool (*zone_offset)(std::string_view, int&)) {
    const std::size_t end = read_clock(text, at, c);
    if (end == std::string_view::npos) return std::nullopt;
    int offset = 0;
    const std::string_view zone = trim(text.substr(end));
    if (!zone.empty() && !zone_offset(zone, offset)) return std::nullopt;
    return to_utc(c, offset);
}

}  // namespace

std::optional<PublishedTime> parse_iso_time(std::string_view text) {
    text = trim(text);
    const std::string_view day = text.substr(0, 10);
    if (!is_iso_date(day)) return std::nullopt;
    if (text.size() == 10) return PublishedTime{std::string(day), ""};
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
    Civil c{};
    digits(text, 0, 4, c.year);
    digits(text, 5, 2, c.month);
    digits(text, 8, 2, c.day);
    return clock_and_zone(text, 11, c, iso_offset);
}

std::optional<PublishedTime> parse_rfc822_time(std::string_view text) {
    text = trim(text);
    if (std::size_t comma = text.find(','); comma != std::string_view::npos && comma <= 9)
        text = trim(text.substr(comma + 1));  // the day's name
    Civil c{};
    std::size_t at = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == 0 || at > 2 || !digits(text, 0, at, c.day) || at + 5 > text.size())
        return std::nullopt;
    c.month = month_number(text.substr(at + 1, 3));
    std::size_t year_at = text.find(' ', at + 1);
    if (!c.month || year_at == std::string_view::npos) return std::nullopt;
    std::size_t year_end = text.find(' ', year_at + 1);
    if (year_end == std::string_view::npos) return std::nullopt;
    const std::size_t year_digits = year_end - year_at - 1;
    if ((year_digits != 4 && year_digits != 2) || !digits(text, year_at + 1, year_digits, c.year))
        return std::nullopt;
    if (year_digits == 2) c.year += c.year < 50 ? 2000 : 1900;
    char day[40];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", c.year, c.month, c.day);
    if (!is_iso_date(day)) return std::nullopt;
    return clock_and_zone(text, year_end + 1, c, rfc822_offset);
}

std::optional<PublishedTime> parse_published(std::string_view text) {
    if (auto iso = parse_iso_time(text)) return iso;
    return parse_rfc822_time(text);
}

}  // namespace dateline
