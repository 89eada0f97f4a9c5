// Parsing of article files and JSON Lines imports.
#include "src/ingest/article.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/ingest/formats.h"
#include "src/ingest/times.h"
#include "src/text/text.h"

namespace dateline {

namespace {

bool is_known_key(std::string_view key) {
    for (std::string_view k :
         {"title", "source", "date", "url", "author", "authors", "id", "charset", "language"})
        if (key == k) return true;
    return false;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// "Key: value" with a key of letters and hyphens; returns false for any other line.
bool split_header_line(std::string_view line, std::string& key, std::string_view& value) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 30) return false;
    for (char c : line.substr(0, colon))
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) return false;
    key = lower_ascii(line.substr(0, colon));
    value = trim(line.substr(colon + 1));
    return true;
}

// Binary: more than 1% zero bytes or 10% other control bytes in the first 4 KB (a stray NUL in
// a text is removed instead; UTF-16 is recognised before this is asked).
bool looks_binary(std::string_view bytes) {
    std::size_t control = 0, zero = 0;
    std::size_t n = std::min<std::size_t>(bytes.size(), 4096);
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c == 0)
            ++zero;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ++control;
    }
    return zero * 100 > n || control * 10 > n;
}

// The value of a "Charset:" line in the header at the top of the raw bytes, or "".
std::string declared_charset(std::string_view bytes) {
    for (int lines = 0; lines < 30 && !bytes.empty(); ++lines) {
        std::size_t end = bytes.find('\n');
        std::string_view line = trim(bytes.substr(0, end));
        std::string key;
        std::string_view value;
        if (line.empty() || !split_header_line(line, key, value)) break;
        if (key == "charset") return std::string(value);
        if (end == std::string_view::npos) break;
        bytes.remove_prefix(end + 1);
    }
    return "";
}

}  // namespace

std::vector<std::string> split_authors(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t cut = text.find_first_of(",;");
        std::string_view one = trim(text.substr(0, cut));
        if (!one.empty()) out.emplace_back(one);
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return out;
}

std::string first_line(std::string_view text, std::size_t limit) {
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return "";
    std::size_t end = text.find('\n', start);
    std::string_view line =
        trim(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (line.size() > limit) {
        std::size_t cut = line.rfind(' ', limit);
        if (cut == std::string_view::npos) {
            // No space: cut between two UTF-8 characters, never inside one.
            cut = limit;
            while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        }
        line = line.substr(0, cut);
    }
    return std::string(line);
}

std::string language_tag(std::string_view tag) {
    tag = trim(tag);
    std::string out;
    for (char c : tag.substr(0, tag.find_first_of("-_"))) {
        if (!std::isalpha(static_cast<unsigned char>(c))) return "";
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out.size() == 2 || out.size() == 3 ? out : "";
}

bool is_iso_date(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return false;
    int year = std::stoi(std::string(t.substr(0, 4)));
    int month = std::stoi(std::string(t.substr(5, 2)));
    int day = std::stoi(std::string(t.substr(8, 2)));
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

namespace {

// The file's bytes as UTF-8 text, NULs removed, with a warning for what had to be guessed or
// replaced. Throws for binary data and for an empty file.
std::string article_text(std::string_view bytes, const std::string& path, const Report& warn) {
    if (const std::string format = binary_format(bytes); !format.empty())
        throw InputError("not an article format (" + format +
                         "); convert it to text or HTML first");
    Decoded decoded = decode_text(bytes, declared_charset(bytes));
    bool wide = decoded.charset.rfind("UTF-16", 0) == 0 || decoded.charset.rfind("UTF-32", 0) == 0;
    if (!wide && looks_binary(bytes))
        throw InputError("not an article format (binary data); convert it to text or HTML first");
    std::string text = std::move(decoded.text);
    if (decoded.guessed)
        warn(warning_at(
            path,
            std::string("not UTF-8; read as ") + decoded.charset +
                (decoded.confidence
                     ? " (detected, confidence " + std::to_string(decoded.confidence) + "%)"
                     : " (detected)") +
                "; if that is wrong, add 'Charset: NAME' to the header or save the file as UTF-8"));
    if (decoded.replaced)
        warn(warning_at(path, std::string("bytes that are not ") + decoded.charset +
                                  " replaced by U+FFFD; save the file as UTF-8"));
    if (std::size_t nul = std::count(text.begin(), text.end(), '\0'); nul > 0) {
        text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
        warn(warning_at(path,
                        std::to_string(nul) + " NUL byte" + (nul > 1 ? "s" : "") + " removed"));
    }
    if (trim(text).empty()) throw std::runtime_error("empty file");
    return text;
}

// One header line's value into the article; `where` is "file:line" for warnings.
void apply_header(const std::string& key, std::string_view value, const std::string& where,
                  Article& a, const InputFields& input, const Report& warn) {
    if (key == "title") {
        a.title = value;
    } else if (key == "source") {
        a.source = value;
    } else if (key == "url") {
        a.url = value;
    } else if (key == "language") {
        a.language = language_tag(value);
    } else if (key == "author" || key == "authors") {
        for (auto& name : split_authors(value)) a.authors.push_back(name);
    } else if (key == "id") {
        if (value.empty())
            warn(warning_at(where, std::string("empty Id; using ") + a.id));
        else
            a.id = value;
    } else if (key == "date") {
        if (auto time = parse_published(value)) {
            a.date = time->date;
            a.published = time->utc;
        } else {
            warn(warning_at(where, std::string("Date '") + std::string(value) +
                                       "' is not a calendar date (YYYY-MM-DD, or an ISO 8601 "
                                       "time such as 2020-08-16T10:00:00Z); article indexed "
                                       "without a date"));
        }
    } else if (std::find(input.kept.begin(), input.kept.end(), key) != input.kept.end()) {
        if (!value.empty()) a.fields[key].emplace_back(value);  // a declared field
    } else if (key != "charset") {  // Charset was applied before the header was read
        warn(warning_at(
            where,
            std::string("unknown header key '") + key +
                "' ignored (known: Title, Source, Date, URL, Author, Id, Language, Charset)"));
    }
}

// The header: "Key: value" lines up to the first blank line, if the first line is one. Returns
// where the body starts (0 without a header); `has_header` says whether there was one.
std::size_t read_header(const std::string& text, const std::string& path, Article& a,
                        bool& has_header, bool& has_date, const InputFields& input,
                        const Report& warn) {
    std::size_t pos = 0;
    int line_no = 0;
    has_header = false;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line = trim(std::string_view(text).substr(pos, end - pos));
        std::string key;
        std::string_view value;
        if (line.empty() && has_header) return end + 1;
        if (!split_header_line(line, key, value) || (!has_header && !is_known_key(key))) break;
        has_header = true;
        has_date = has_date || key == "date";
        apply_header(key, value, path + ":" + std::to_string(++line_no), a, input, warn);
        pos = end + 1;
    }
    return has_header ? pos : 0;
}

// Says which of Title, Source and Date the article came without.
// (A Date that could not be read was warned about already.)
void warn_missing(const Article& a, bool has_header, bool has_date, const std::string& path,
                  const Report& warn) {
    std::vector<std::string> missing;
    if (!has_header)
        missing = {"Title", "Source", "Date"};
    else {
        if (a.source.empty()) missing.push_back("Source");
        if (a.date.empty() && !has_date) missing.push_back("Date");
    }
    if (missing.empty()) return;
    std::string list;
    for (auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    warn(warning_at(path, (has_header ? "header lacks " : "no header (") + list +
                              (has_header ? "" : ")") + "; indexed with title '" + a.title +
                              "'; add 'Key: value' lines and a blank line at the top"));
}

}  // namespace

Article parse_article(std::string_view bytes, const std::string& id, const std::string& path,
                      const Report& warn, const InputFields& input) {
    const std::string text = article_text(bytes, path, warn);
    Article a;
    a.id = id;
    a.hash = schema::hash_hex(bytes);
    bool has_header = false, has_date = false;
    const std::size_t body = read_header(text, path, a, has_header, has_date, input, warn);
    a.body = text.substr(std::min(body, text.size()));
    if (a.title.empty()) {
        // No Title: the first non-empty line of the body is the title (and stays out of the
        // body passages, as a repeated title would).
        a.title = first_line(a.body, std::string::npos);
        if (a.title.empty()) throw std::runtime_error("no title and no text to index");
    }
    warn_missing(a, has_header, has_date, path, warn);
    return a;
}

}  // namespace dateline
