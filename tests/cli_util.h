// Helpers for the end-to-end tests: run the real programs, capture what they print, and build
// throwaway indexes of corpus/ in temporary folders.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/shared_data.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace cli {

inline const std::string kIndex = DATELINE_INDEX_BIN;
inline const std::string kSearch = DATELINE_SEARCH_BIN;
inline const fs::path kSource = DATELINE_SOURCE_DIR;
inline const fs::path kAllsides = shared_data::root() / "corpora/allsides-news/articles.jsonl.gz";

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "dateline-cli-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

struct Run {
    int status;
    std::string out, err;
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs a program with arguments (each shell-quoted), capturing stdout, stderr and exit status.
inline Run run(const std::string& program, const std::vector<std::string>& args,
               const fs::path& dir) {
    std::string command = quote(program);
    for (const auto& a : args) command += " " + quote(a);
    fs::path err = dir / "stderr.txt";
    command += " 2>" + quote(err.string());
    Run r{0, "", ""};
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
    int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream e(err);
    std::stringstream s;
    s << e.rdbuf();
    r.err = s.str();
    return r;
}

// A copy of corpus/ and an index built from it, in a fresh temporary folder.
struct SeedsIndex {
    TempDir tmp;
    fs::path corpus = tmp.path / "corpus";
    fs::path db = tmp.path / "seeds.db";
    SeedsIndex() {
        fs::create_directories(corpus);
        for (const auto& entry : fs::directory_iterator(kSource / "corpus"))
            if (entry.path().extension() == ".txt") fs::copy(entry.path(), corpus);
        Run r = index({"build", corpus.string()});
        REQUIRE_MESSAGE(r.status == 0, r.err);
    }
    Run index(std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db.string());
        return run(kIndex, args, tmp.path);
    }
    Run search(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db.string()});
        return run(kSearch, args, tmp.path);
    }
    json search_json(std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json", "--limit", "1000"});
        Run r = search(args);
        REQUIRE_MESSAGE(r.status <= 1, r.err);
        return json::parse(r.out);
    }
};

inline std::set<std::string> hit_sources(const json& result) {
    std::set<std::string> out;
    for (const auto& h : result["hits"]) out.insert(h["source"].get<std::string>());
    return out;
}

inline std::map<std::string, int> facet(const json& result, const std::string& name) {
    std::map<std::string, int> out;
    for (const auto& v : result["facets"][name]) out[v["value"]] = v["count"];
    return out;
}

// Exit status 2, nothing on stdout, and a message from dateline-search holding every part.
inline void check_refused(const Run& r, const std::vector<std::string>& parts) {
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK_MESSAGE(r.err.rfind("dateline-search: ", 0) == 0, r.err);
    for (const auto& part : parts) {
        CAPTURE(part);
        CHECK_MESSAGE(r.err.find(part) != std::string::npos, r.err);
    }
}

// The words of a text, in order.
inline std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// A file's whole content ("" if it cannot be read).
inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// Whether a case that reads allsides-news goes on: `if (!have_allsides()) return;` first thing.
inline bool have_allsides() { return shared_data::present(kAllsides); }

// `count` articles of allsides-news from the `skip`th on, as a plain JSON Lines file.
inline void write_slice(const fs::path& path, int count, int skip = 0) {
    gzFile in = gzopen(kAllsides.c_str(), "rb");
    REQUIRE(in != nullptr);
    std::ofstream out(path, std::ios::binary);
    std::string line;
    char chunk[1 << 16];
    int lines = 0;
    while (lines < skip + count && gzgets(in, chunk, sizeof chunk)) {
        line += chunk;
        if (line.back() != '\n') continue;
        if (lines >= skip) out << line;
        line.clear();
        ++lines;
    }
    gzclose(in);
    REQUIRE(lines == skip + count);
}

}  // namespace cli
