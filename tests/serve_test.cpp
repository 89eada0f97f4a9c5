// dateline-serve end to end: the real program on a free loopback port over an index of corpus/
// built by the real dateline-index, its answers compared with dateline-search --format json's.
#include <atomic>

#include "tests/serve_util.h"

using namespace cli;
using serve::get;
using serve::Server;
using serve::without_time;

namespace {

// One search as the API and the command line spell it.
struct SameSearch {
    std::string params;             // after /api/search?
    std::vector<std::string> args;  // dateline-search's, before --format json
};

const SameSearch kSearches[] = {
    {"q=Lukashenko", {"Lukashenko"}},
    {"", {}},  // browsing: every passage, newest first
    {"q=NATO&source=Breitbart&source=France%2024",
     {"--source", "Breitbart", "--source", "France 24", "NATO"}},
    {"q=troops&per_article=1&sort=date", {"--per-article", "--sort", "date", "troops"}},
    {"q=Belarus&all_copies=true&limit=3&offset=2",
     {"--all-copies", "--limit", "3", "--offset", "2", "Belarus"}},
    {"q=border%20Putin&within=passage&any=1", {"--within", "passage", "--any", "border Putin"}},
    {"q=Minsk&from=2020-08-16&to=2020-08-16&facet_limit=3",
     {"--from", "2020-08-16", "--to", "2020-08-16", "--facet-limit", "3", "Minsk"}},
    {"q=%22troops%20are%20at%20our%20gates%22&speaker=Lukashenko",
     {"--speaker", "Lukashenko", "\"troops are at our gates\""}},
    {"q=-NATO%20Belarus", {"--", "-NATO Belarus"}},
};

json cli_json(SeedsIndex& seeds, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    Run r = seeds.search(args);
    REQUIRE_MESSAGE(r.status <= 1, r.err);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("/api/search answers dateline-search --format json's document, with took_ms") {
    SeedsIndex seeds;
    Server server(seeds.db);
    for (const SameSearch& s : kSearches) {
        CAPTURE(s.params);
        serve::Answer a = get(server, "/api/search?" + s.params);
        REQUIRE_MESSAGE(a.status == 200, a.text);
        CHECK(a.body["took_ms"].is_number());
        CHECK(a.body["request"].is_object());
        const json expected = cli_json(seeds, s.args);
        CHECK(without_time(a.body) == without_time(expected));
    }
    CHECK(get(server, "/api/search?q=Lukashenko").body["hits"].size() > 0);
}

TEST_CASE("/api/quotes, /api/stats, /api/article/ID and /api/values/FIELD answer as the CLI") {
    SeedsIndex seeds;
    Server server(seeds.db);
    serve::Answer quotes = get(server, "/api/quotes?q=gates&speaker=Lukashenko");
    REQUIRE(quotes.status == 200);
    CHECK(without_time(quotes.body) ==
          cli_json(seeds, {"--quotes", "--speaker", "Lukashenko", "gates"}));
    CHECK(quotes.body["took_ms"].is_number());
    serve::Answer stats = get(server, "/api/stats");
    REQUIRE(stats.status == 200);
    CHECK(without_time(stats.body) == cli_json(seeds, {"--stats"}));

    const std::string id = get(server, "/api/search?q=Lukashenko").body["hits"][0]["article_id"];
    serve::Answer article = get(server, "/api/article/" + id);
    REQUIRE(article.status == 200);
    CHECK(article.body == cli_json(seeds, {"--article", id}));

    for (const std::string field : {"source", "speaker", "location", "date"}) {
        CAPTURE(field);
        serve::Answer values = get(server, "/api/values/" + field);
        REQUIRE(values.status == 200);
        std::string lines;  // as --values prints them, one a line
        for (const auto& v : values.body["values"]) lines += v["value"].get<std::string>() + "\n";
        CHECK(values.body["values"].size() > 0);
        CHECK(lines == seeds.search({"--values", field}).out);
    }
}

TEST_CASE("bad requests are answered 400 or 404 as JSON naming what to change") {
    SeedsIndex seeds;
    Server server(seeds.db);
    struct Bad {
        std::string path;
        int status;
        std::string kind, says;
    };
    const std::string long_query(1001, 'a');
    std::string many = "/api/search?q=x";
    for (int i = 0; i < 70; ++i) many += "&source=s" + std::to_string(i);
    const Bad kBad[] = {
        {"/api/search?q=x&db=/etc", 400, "usage", "unknown parameter 'db'"},
        {"/api/search?q=x&format=text", 400, "usage", "unknown parameter 'format'"},
        {"/api/search?q=x&sort=sideways", 400, "usage", "--sort must be"},
        {"/api/search?q=x&limit=-1", 400, "usage", "--limit"},
        {"/api/search?q=x&limit=5000", 400, "usage", "limit is at most 1000"},
        {"/api/search?q=x&limit=1&limit=2", 400, "usage", "more than once"},
        {"/api/search?q=x&per_article=maybe", 400, "usage", "per_article takes"},
        {"/api/search?q=x&from=August", 400, "usage", "August"},
        {"/api/search?q=" + long_query, 400, "usage", "too long"},
        {many, 400, "usage", "too many parameters"},
        {"/api/search?q=%22unclosed", 200, "", ""},  // QueryParser forgives it, as the CLI does
        {"/api/values/colour", 400, "usage", "--values takes"},
        {"/api/article/no-such-article", 404, "not_found", "no article"},
        {"/api/nothing", 404, "not_found", "nothing at /api/nothing"},
        {"/../../etc/passwd", 404, "not_found", "nothing at"},
        {"/%2e%2e/%2e%2e/etc/passwd", 404, "not_found", "nothing at"},
        {"/server/page/app.js", 404, "not_found", "nothing at"},
    };
    for (const Bad& bad : kBad) {
        CAPTURE(bad.path.substr(0, 80));
        serve::Answer a = get(server, bad.path);
        CHECK(a.status == bad.status);
        if (bad.status == 200) continue;
        REQUIRE_MESSAGE(a.body.is_object(), a.text);
        CHECK(a.body["error"]["kind"] == bad.kind);
        const std::string message = a.body["error"]["message"];
        CHECK_MESSAGE(message.find(bad.says) != std::string::npos, message);
    }
    auto c = server.client();
    auto posted = c.Post("/api/search", std::string(10000, 'x'), "text/plain");
    REQUIRE(posted);
    CHECK(posted->status == 413);
    CHECK(json::parse(posted->body)["error"]["kind"] == "usage");
}

TEST_CASE("the search page and its files are served from the binary, with no CORS unless asked") {
    SeedsIndex seeds;
    {
        Server server(seeds.db);
        serve::Answer page = get(server, "/");
        CHECK(page.status == 200);
        CHECK(page.text.find("<script src=\"/app.js\">") != std::string::npos);
        CHECK(get(server, "/app.js").status == 200);
        CHECK(get(server, "/style.css").status == 200);
        CHECK(get(server, "/app.js")
                  .headers.find("Content-Type")
                  ->second.rfind("text/javascript", 0) == 0);
        CHECK(get(server, "/appXjs").status == 404);
        CHECK(get(server, "/api/stats").headers.count("Access-Control-Allow-Origin") == 0);
    }
    Server with_cors(seeds.db, {"--allow-origin", "https://news.example"});
    auto headers = get(with_cors, "/api/stats").headers;
    REQUIRE(headers.count("Access-Control-Allow-Origin") == 1);
    CHECK(headers.find("Access-Control-Allow-Origin")->second == "https://news.example");
}

TEST_CASE("no request fails while dateline-index update changes the index under the server") {
    SeedsIndex seeds;
    Server server(seeds.db);
    std::atomic<bool> done{false};
    std::atomic<int> answered{0}, failed{0};
    std::string first_failure;
    std::thread asker([&] {
        auto c = server.client();
        while (!done) {
            auto res = c.Get("/api/search?q=Lukashenko&limit=5");
            if (res && res->status == 200)
                ++answered;
            else if (failed++ == 0)
                first_failure = res ? res->body : httplib::to_string(res.error());
        }
    });
    write_file(seeds.corpus / "900_zanzibarite.txt",
               "Title: Zanzibarite found in Minsk\nSource: Test Wire\nDate: 2020-08-18\n"
               "URL: https://example.org/zanzibarite\n\nZanzibarite found in Minsk\n\n"
               "Lukashenko said the zanzibarite was found near the border.\n");
    Run add = seeds.index({"update", seeds.corpus.string()});
    CHECK_MESSAGE(add.status == 0, add.err);
    CHECK(get(server, "/api/search?q=zanzibarite").body["total_articles"] == 1);
    fs::remove(seeds.corpus / "900_zanzibarite.txt");
    Run remove = seeds.index({"update", seeds.corpus.string()});
    CHECK_MESSAGE(remove.status == 0, remove.err);
    CHECK(get(server, "/api/search?q=zanzibarite").body["total_articles"] == 0);
    done = true;
    asker.join();
    CHECK(answered > 0);
    CHECK_MESSAGE(failed == 0, first_failure);
}

TEST_CASE("dateline-serve stops on SIGTERM with status 0, and a bad command line is status 2") {
    SeedsIndex seeds;
    Server server(seeds.db);
    CHECK(get(server, "/api/stats").status == 200);
    CHECK(server.stop() == 0);
    CHECK(server.rest_of_stderr().find("dateline-serve: stopped") != std::string::npos);

    Run r = run(serve::kServe, {"--listen", "nowhere"}, seeds.tmp.path);
    CHECK(r.status == 2);
    CHECK(r.err.find("--listen takes HOST:PORT") != std::string::npos);
    r = run(serve::kServe,
            {"--db", (seeds.tmp.path / "absent.db").string(), "--listen", "127.0.0.1:0"},
            seeds.tmp.path);
    CHECK(r.status == 2);
    CHECK(r.err.rfind("dateline-serve: ", 0) == 0);
    CHECK(run(serve::kServe, {"--help"}, seeds.tmp.path).out.find("--allow-origin") !=
          std::string::npos);
}
