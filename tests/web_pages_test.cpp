// Saved web pages as articles, end to end: found in folders and named directly, plain and
// gzipped, indexed as their text and metadata, never as markup (issue 17).
#include <zlib.h>

#include "tests/cli_util.h"

using namespace cli;

namespace {

std::string page(const std::string& title, const std::string& site) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<title>" +
           title + " | " + site +
           "</title>"
           "<meta property=\"og:site_name\" content=\"" +
           site +
           "\">"
           "<meta property=\"article:published_time\" content=\"2020-08-16T10:00:00Z\">"
           "<script>var tracking = 'do not index me';</script><style>p{color:red}</style></head>"
           "<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
           "<h1>" +
           title +
           "</h1>"
           "<p>The harbour master said the ferry sailed at dawn, and passengers waited on the "
           "quay for an hour before the gates opened to the public.</p>"
           "<p>\"We will not close the port,\" the mayor told reporters on Sunday, adding that "
           "the city would review its plans for the summer season.</p>"
           "<figure><img src=\"x.jpg\"><figcaption>Photo: a ferry at dawn.</figcaption></figure>"
           "</article><footer>Subscribe to our newsletter</footer></body></html>";
}

void write_gzip(const fs::path& path, const std::string& text) {
    gzFile out = gzopen(path.c_str(), "wb");
    REQUIRE(out != nullptr);
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
}

}  // namespace

TEST_CASE("web pages in a folder, plain and gzipped, are indexed as their text and metadata") {
    TempDir tmp;
    const fs::path pages = tmp.path / "pages";
    fs::create_directories(pages / "sub");
    write_file(pages / "one.html", page("Ferry sails at dawn", "Harbour Times"));
    write_gzip(pages / "sub" / "two.html.gz", page("Port stays open", "Coast Daily"));
    write_file(pages / "three.htm", page("Summer season plans", "Bay News"));
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", pages.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("3 added") != std::string::npos, r.out);

    Run found =
        run(kSearch, {"--db", db.string(), "--format", "json", "--limit", "100", ""}, tmp.path);
    REQUIRE(found.status == 0);
    const json result = json::parse(found.out);
    std::set<std::string> ids, titles;
    for (const auto& hit : result["hits"]) {
        const std::string text = hit["text"];
        CAPTURE(text);
        CHECK(text.find('<') == std::string::npos);
        CHECK(text.find("do not index me") == std::string::npos);
        CHECK(text.find("Subscribe") == std::string::npos);
        CHECK(text.find("Photo:") == std::string::npos);
        CHECK(hit["date"] == "2020-08-16");
        ids.insert(hit["article_id"].get<std::string>());
        titles.insert(hit["title"].get<std::string>());
    }
    CHECK(ids == std::set<std::string>{"one", "sub/two", "three"});
    CHECK(titles ==
          std::set<std::string>{"Ferry sails at dawn", "Port stays open", "Summer season plans"});
    CHECK(hit_sources(result) == std::set<std::string>{"Harbour Times", "Coast Daily", "Bay News"});
    // check reads the pages as the indexer does: level with them.
    Run checked = run(kIndex, {"check", pages.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(checked.status == 0, checked.out << checked.err);
    // A page named directly is indexed the same way.
    const fs::path named = tmp.path / "named.html";
    write_file(named, page("Named page", "Harbour Times"));
    r = run(kIndex, {"add", named.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(r.status == 0, r.err);
    Run title = run(kSearch, {"--db", db.string(), "--format", "json", "title:named"}, tmp.path);
    REQUIRE(title.status == 0);
    CHECK(json::parse(title.out)["hits"][0]["title"] == "Named page");
}
