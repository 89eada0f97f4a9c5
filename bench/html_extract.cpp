// Runs the web-page extractor over saved pages (.html or .html.gz) and prints one JSON object
// {ID: {"articleBody", "title", "source", "date", "url"}} for bench/html-extraction.sh to score.
// The extraction speed (pages per second, decompression excluded) goes to stderr.
//   html_extract PAGE...
#include <zlib.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/ingest/html.h"

namespace {

std::string read_gz(const std::string& path) {
    gzFile in = gzopen(path.c_str(), "rb");
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string out;
    char buf[65536];
    int n;
    while ((n = gzread(in, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    gzclose(in);
    return out;
}

std::string page_id(const std::string& path) {
    std::string name = path.substr(path.rfind('/') + 1);
    return name.substr(0, name.find('.'));
}

}  // namespace

int main(int argc, char** argv) try {
    std::vector<std::pair<std::string, std::string>> pages;
    for (int i = 1; i < argc; ++i) pages.emplace_back(page_id(argv[i]), read_gz(argv[i]));
    nlohmann::json out = nlohmann::json::object();
    auto quiet = [](const dateline::Problem&) {};
    auto start = std::chrono::steady_clock::now();
    for (const auto& [id, bytes] : pages) {
        nlohmann::json& entry = out[id];
        try {
            dateline::Article a = dateline::parse_html_article(bytes, id, id, quiet);
            entry = {{"articleBody", a.body},
                     {"title", a.title},
                     {"source", a.source},
                     {"date", a.date},
                     {"url", a.url}};
        } catch (const std::runtime_error&) {
            entry = {{"articleBody", ""}, {"title", ""}, {"source", ""}, {"date", ""}};
        }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "html_extract: " << pages.size() << " pages in " << seconds << " s, "
              << (seconds > 0 ? pages.size() / seconds : 0) << " pages/s\n";
    std::cout << out.dump(1) << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "html_extract: " << e.what() << "\n";
    return 2;
}
