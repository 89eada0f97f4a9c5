// The articles of a JSON Lines file (plain or gzip), as every benchmark program reads them:
// the fields dateline-index import reads (id, source, date, title, text or body).
#pragma once

#include <zlib.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace bench {

struct Article {
    std::string id, source, date, title, text;
};

// Calls f(article) for each well-formed line; returns the bytes read (uncompressed).
template <typename F>
std::size_t for_each_article(const std::string& path, F f) {
    gzFile in = gzopen(path.c_str(), "rb");  // reads plain files too
    if (!in) throw std::runtime_error("cannot open " + path);
    gzbuffer(in, 1 << 20);
    std::string line;
    char buf[1 << 16];
    std::size_t bytes = 0;
    auto flush = [&] {
        if (line.empty()) return;
        auto j = nlohmann::json::parse(line, nullptr, false);
        line.clear();
        if (!j.is_object()) return;
        auto str = [&](const char* key) {
            auto it = j.find(key);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        Article a{str("id"), str("source"), str("date"), str("title"), str("text")};
        if (a.text.empty()) a.text = str("body");
        f(a);
    };
    while (gzgets(in, buf, sizeof buf)) {
        std::string chunk(buf);
        bytes += chunk.size();
        bool eol = !chunk.empty() && chunk.back() == '\n';
        if (eol) chunk.pop_back();
        line += chunk;
        if (eol) flush();
    }
    flush();
    gzclose(in);
    return bytes;
}

// An outlet as a boolean term value: lower case letters and digits only, so "CNN (Web News)"
// and "cnn web news" are the same filter (as Dateline's source: is).
inline std::string slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s)
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    return out;
}

// YYYY-MM-DD... -> YYYYMMDD ("" if it is not a date).
inline std::string yyyymmdd(const std::string& date) {
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return "";
    return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace bench
