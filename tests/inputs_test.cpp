// Articles as they come, end to end (issue 17): feeds, files that are no articles, JSON Lines
// as datasets ship them (other keys, the standard input), and publication times.
#include "tests/cli_util.h"

using namespace cli;

namespace {

const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Times</title>
  <link>https://harbour.example/</link>
  <language>en-us</language>
  <item>
    <title>Ferry sails at dawn</title>
    <link>https://harbour.example/ferry</link>
    <guid>https://harbour.example/ferry</guid>
    <pubDate>Sun, 16 Aug 2020 10:00:00 +0300</pubDate>
    <dc:creator>Ann Lee</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The harbour master said the ferry sailed at dawn.</p>
      <p>Passengers waited on the quay &amp; the gates opened at six.</p>
      <script>var tracking = 1;</script>]]></content:encoded>
  </item>
  <item>
    <title>Port stays open</title>
    <link>https://harbour.example/port</link>
    <pubDate>Sun, 16 Aug 2020 08:30:00 GMT</pubDate>
    <description>&lt;p&gt;The mayor said the port would stay open all summer.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
)";

const char* kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Daily</title>
  <entry>
    <title>Lighthouse restored</title>
    <id>tag:coast.example,2020:lighthouse</id>
    <link rel="alternate" href="https://coast.example/lighthouse"/>
    <published>2020-08-17T06:15:00-04:00</published>
    <author><name>Bob Roe</name></author>
    <content type="html">&lt;p&gt;Volunteers restored the old lighthouse keeper's cottage.&lt;/p&gt;</content>
  </entry>
</feed>
)";

const char* kArticle =
    "Title: Quay repairs begin\nSource: Bay News\nDate: 2020-08-16T05:00:00Z\n\n"
    "Workers began repairs on the quay before the ferry sailed.\n";

// dateline-search's JSON for these options (every passage, 100 at most, without --limit; every
// passage of the index without a query).
json search_all(const fs::path& db, const fs::path& dir, std::vector<std::string> args = {}) {
    std::vector<std::string> all{"--db", db.string(), "--format", "json"};
    if (std::find(args.begin(), args.end(), "--limit") == args.end())
        all.insert(all.end(), {"--limit", "100"});
    if (args.empty()) args.push_back("");
    all.insert(all.end(), args.begin(), args.end());
    Run r = run(kSearch, all, dir);
    REQUIRE_MESSAGE(r.status <= 1, r.err);
    return json::parse(r.out);
}

// Every passage of every article, the title passage too: no markup and no binary in any.
void check_clean(const json& result) {
    for (const auto& hit : result["hits"]) {
        const std::string text = hit["text"];
        CAPTURE(text);
        CHECK(text.find('<') == std::string::npos);
        CHECK(text.find("%PDF") == std::string::npos);
        CHECK(text.find("PNG") == std::string::npos);
        CHECK(text.find("tracking") == std::string::npos);
    }
}

}  // namespace

TEST_CASE(
    "a folder of feeds, pages, text and files that are no articles: each read as what it is") {
    TempDir tmp;
    const fs::path folder = tmp.path / "news";
    fs::create_directories(folder);
    write_file(folder / "harbour.rss", kRss);
    write_file(folder / "coast.xml", kAtom);
    write_file(folder / "quay.txt", kArticle);
    write_file(folder / "page.html",
               "<!DOCTYPE html><html><head><title>Storm warning</title></head><body>"
               "<article><p>Forecasters warned of a storm reaching the coast on Monday "
               "night.</p></article></body></html>");
    write_file(folder / "scan.pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >>\n");
    write_file(folder / "photo.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    write_file(folder / "notes.md", "# Notes\n\nnot an article format here\n");
    write_file(folder / "sitemap.xml", "<?xml version=\"1.0\"?><urlset><url/></urlset>");
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", folder.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.out.find("5 added") != std::string::npos, r.out);
    CHECK_MESSAGE(r.err.find("skipped 1 .md, 1 .pdf, 1 .png, 1 .xml") != std::string::npos, r.err);

    const json all = search_all(db, tmp.path);
    check_clean(all);
    std::map<std::string, json> by_title;
    for (const auto& hit : all["hits"]) by_title[hit["title"]] = hit;
    REQUIRE(by_title.count("Ferry sails at dawn"));
    const json& ferry = by_title["Ferry sails at dawn"];
    CHECK(ferry["source"] == "Harbour Times");
    CHECK(ferry["url"] == "https://harbour.example/ferry");
    CHECK(ferry["date"] == "2020-08-16");
    CHECK(ferry["published"] == "2020-08-16T07:00:00Z");
    CHECK(ferry["language"] == "en");
    CHECK(by_title.count("Port stays open"));
    REQUIRE(by_title.count("Lighthouse restored"));
    CHECK(by_title["Lighthouse restored"]["source"] == "Coast Daily");
    CHECK(by_title["Lighthouse restored"]["published"] == "2020-08-17T10:15:00Z");
    CHECK(by_title.count("Storm warning"));
    CHECK(by_title["Quay repairs begin"]["published"] == "2020-08-16T05:00:00Z");
    // The feed's language is its items': language:en finds them (and the articles in English
    // that name no language, detected).
    CHECK(facet(search_all(db, tmp.path, {"--limit", "0", "language:en"}), "source")
              .at("Harbour Times") == 2);
    // The content, not the summary, and its entities decoded.
    CHECK(facet(search_all(db, tmp.path, {"quay gates"}), "source") ==
          std::map<std::string, int>{{"Harbour Times", 1}});

    Run check = run(kIndex, {"check", folder.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.err);

    // An item gone from the feed is gone from the index on update.
    std::string shorter = kRss;
    shorter.erase(shorter.find("  <item>\n    <title>Port"),
                  shorter.find("</channel>") - shorter.find("  <item>\n    <title>Port"));
    write_file(folder / "harbour.rss", shorter);
    Run update = run(kIndex, {"update", folder.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(update.status == 0, update.err);
    CHECK_MESSAGE(update.out.find("1 removed") != std::string::npos, update.out);
    CHECK_MESSAGE(update.out.find("4 unchanged") != std::string::npos, update.out);
}

TEST_CASE("a file that is no article, named directly, is refused by its format, naming it") {
    TempDir tmp;
    const fs::path pdf = tmp.path / "report.pdf";
    write_file(pdf, "%PDF-1.4\n1 0 obj\n<< /Length 4 >>\nstream\nBT ET\nendstream\n");
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", pdf.string(), "--db", db.string()}, tmp.path);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find(pdf.string() + ": error: not an article format (PDF); convert it to "
                                            "text or HTML first") != std::string::npos,
                  r.err);
    // A page saved under another name is read as the page it is, not as markup.
    const fs::path saved = tmp.path / "saved.txt";
    write_file(saved,
               "<html><head><title>Storm warning</title></head><body><p>Forecasters "
               "warned of a storm reaching the coast on Monday night.</p></body></html>");
    REQUIRE(run(kIndex, {"build", saved.string(), "--db", db.string()}, tmp.path).status == 0);
    const json all = search_all(db, tmp.path);
    check_clean(all);
    CHECK(all["hits"][0]["title"] == "Storm warning");
    // An RSS 1.0 feed under a name that says nothing is read as the feed its first element says.
    const fs::path rdf = tmp.path / "bay.rdf";
    write_file(rdf, R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://bay.example/"><title>Bay News</title></channel>
<item rdf:about="https://bay.example/1"><title>Quay repairs begin</title>
<link>https://bay.example/1</link><dc:date>2020-08-16T05:00:00Z</dc:date>
<description>Workers began repairs on the quay before the ferry sailed.</description></item>
</rdf:RDF>
)");
    REQUIRE(run(kIndex, {"build", rdf.string(), "--db", db.string()}, tmp.path).status == 0);
    const json feed = search_all(db, tmp.path);
    check_clean(feed);
    CHECK(feed["hits"][0]["source"] == "Bay News");
    CHECK(feed["hits"][0]["url"] == "https://bay.example/1");
    CHECK(feed["total_articles"] == 1);
}

TEST_CASE("JSON Lines: other keys read, --field maps one, lacks told once, - reads stdin") {
    TempDir tmp;
    const fs::path dump = tmp.path / "dump.jsonl";
    std::string lines;
    for (int i = 0; i < 3; ++i)
        lines += R"({"id":"d)" + std::to_string(i) + R"(","title":"Story )" + std::to_string(i) +
                 R"(","site":"Gulf Post","published_at":"2020-08-1)" + std::to_string(6 + i) +
                 R"(T12:00:00Z","text":"The storm reached the coast."})" + "\n";
    write_file(dump, lines);
    const fs::path db = tmp.path / "db";
    Run plain = run(kIndex, {"build", dump.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(plain.status == 0, plain.err);
    CHECK_MESSAGE(plain.err.find("3 of 3 articles have no source") != std::string::npos, plain.err);
    CHECK_MESSAGE(plain.err.find("\"site\"") != std::string::npos, plain.err);
    CHECK(plain.err.find("no date") == std::string::npos);  // published_at is read

    Run mapped = run(
        kIndex, {"build", dump.string(), "--field", "source=site", "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(mapped.status == 0, mapped.err);
    CHECK(mapped.err.empty());
    CHECK(facet(search_all(db, tmp.path), "source") ==
          std::map<std::string, int>{{"Gulf Post", 3}});
    Run bad = run(kIndex, {"build", dump.string(), "--field", "colour=site", "--db", db.string()},
                  tmp.path);
    CHECK(bad.status == 2);
    CHECK_MESSAGE(bad.err.find("--field 'colour=site'") != std::string::npos, bad.err);

    const fs::path db2 = tmp.path / "db2";
    Run piped = run("/bin/sh",
                    {"-c", "cat " + quote(dump.string()) + " | " + quote(kIndex) +
                               " import - --field source=site --db " + quote(db2.string())},
                    tmp.path);
    REQUIRE_MESSAGE(piped.status == 0, piped.err);
    CHECK_MESSAGE(piped.out.find("3 added") != std::string::npos, piped.out);
    CHECK(facet(search_all(db2, tmp.path), "source") ==
          std::map<std::string, int>{{"Gulf Post", 3}});
}

TEST_CASE("--sort orders by the publication time within a day, and JSON gives it") {
    TempDir tmp;
    const fs::path dump = tmp.path / "day.jsonl";
    write_file(
        dump,
        R"({"id":"late","title":"Late","source":"A","date":"2020-08-16T21:00:00+02:00","text":"The storm."})"
        "\n"
        R"({"id":"early","title":"Early","source":"B","date":"2020-08-16T01:00:00-04:00","text":"The storm."})"
        "\n"
        R"({"id":"noon","title":"Noon","source":"C","date":"2020-08-16T12:00:00Z","text":"The storm."})"
        "\n");
    const fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex, {"build", dump.string(), "--db", db.string()}, tmp.path).status == 0);
    const json oldest = search_all(db, tmp.path, {"--sort", "date", "--per-article", "storm"});
    std::vector<std::string> order;
    for (const auto& hit : oldest["hits"]) order.push_back(hit["article_id"]);
    CHECK(order == std::vector<std::string>{"early", "noon", "late"});
    CHECK(oldest["hits"][0]["published"] == "2020-08-16T05:00:00Z");
    CHECK(oldest["hits"][0]["date"] == "2020-08-16");
}

TEST_CASE(
    "re-indexing is keyed on id and content: a renamed dump or an overlapping one rewrites "
    "nothing") {
    TempDir tmp;
    std::string day1, day2;
    for (int i = 0; i < 40; ++i) {
        const std::string line =
            R"({"id":"s)" + std::to_string(i) + R"(","title":"Storm )" + std::to_string(i) +
            R"(","source":"Gulf Post","date":"2020-08-16","text":"The storm reached the coast."})"
            "\n";
        day1 += i < 30 ? line : "";
        day2 += i >= 10 ? line : "";  // overlaps day 1 by 20 articles
    }
    write_file(tmp.path / "day1.jsonl", day1);
    write_file(tmp.path / "renamed.jsonl", day1);
    write_file(tmp.path / "day2.jsonl", day2);
    const fs::path db = tmp.path / "db";
    auto import = [&](const char* name) {
        Run r = run(kIndex, {"import", (tmp.path / name).string(), "--db", db.string()}, tmp.path);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        return r.out;
    };
    CHECK(import("day1.jsonl").find("30 added, 0 updated, 0 unchanged") != std::string::npos);
    const std::string renamed = import("renamed.jsonl");
    CHECK_MESSAGE(renamed.find("0 added, 0 updated, 30 unchanged") != std::string::npos, renamed);
    CHECK_MESSAGE(renamed.find("0 passages written") != std::string::npos, renamed);
    const std::string overlap = import("day2.jsonl");
    CHECK_MESSAGE(overlap.find("10 added, 0 updated, 20 unchanged") != std::string::npos, overlap);
    // The index knows where each article now comes from: check agrees with the last dump.
    Run check =
        run(kIndex, {"check", (tmp.path / "day2.jsonl").string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.err);
}

TEST_CASE("fields declared at build: bias and topic of allsides-news as facets, --where, NAME:") {
    if (!have_allsides()) return;
    TempDir tmp;
    const fs::path slice = tmp.path / "slice.jsonl";
    write_slice(slice, 400);
    std::map<std::string, int> bias, topic;  // articles per value, from the JSONL itself
    std::ifstream in(slice);
    for (std::string line; std::getline(in, line);) {
        const json a = json::parse(line);
        if (!a["bias"].get<std::string>().empty()) ++bias[a["bias"]];
        if (!a["topic"].get<std::string>().empty()) ++topic[a["topic"]];
    }
    const fs::path db = tmp.path / "db";
    Run built = run(kIndex,
                    {"build", slice.string(), "--facet", "bias", "--facet", "topic", "--filter",
                     "authors", "--db", db.string()},
                    tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    const json all = search_all(db, tmp.path, {"--limit", "1", "--facet-limit", "0", ""});
    CHECK(facet(all, "bias") == bias);
    CHECK(facet(all, "topic") == topic);
    const std::string& some_topic = topic.begin()->first;
    CHECK(all["hits"][0]["fields"].contains("bias"));

    // --where selects, and its facet still counts every value (multi-select), the chosen marked.
    const json left = search_all(db, tmp.path, {"--where", "bias=left", "--facet-limit", "0", ""});
    CHECK(left["total_articles"] == bias["left"]);
    CHECK(facet(left, "bias") == bias);
    for (const auto& hit : left["hits"]) CHECK(hit["fields"]["bias"] == json::array({"left"}));
    // NAME:value in the query is the same filter; two --where of one name are either.
    const json by_query = search_all(db, tmp.path, {"--limit", "0", "bias:left"});
    CHECK(by_query["total_articles"] == bias["left"]);
    const json either = search_all(
        db, tmp.path, {"--limit", "0", "--where", "bias=left", "--where", "bias=right", ""});
    CHECK(either["total_articles"] == bias["left"] + bias["right"]);
    const json both =
        search_all(db, tmp.path,
                   {"--limit", "0", "--where", "bias=left", "--where", "topic=" + some_topic, ""});
    CHECK(both["total_articles"].get<int>() <= topic[some_topic]);

    Run unknown = run(kSearch, {"--db", db.string(), "--where", "colour=red", ""}, tmp.path);
    check_refused(unknown,
                  {"--where colour", "its fields: authors, bias, topic", "--facet colour"});
    Run changed =
        run(kIndex, {"update", slice.string(), "--facet", "bias", "--db", db.string()}, tmp.path);
    CHECK(changed.status == 2);
    CHECK_MESSAGE(changed.err.find("--facet and --filter go with build") != std::string::npos,
                  changed.err);
    Run same = run(kIndex, {"update", slice.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(same.out.find("400 unchanged") != std::string::npos, same.out);
    Run check = run(kIndex, {"check", slice.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.err);
}

TEST_CASE(
    "author: finds an article by its author in every index, and a header key can be declared") {
    TempDir tmp;
    const fs::path folder = tmp.path / "news";
    fs::create_directories(folder);
    write_file(folder / "a.txt",
               "Title: Quay repairs begin\nSource: Bay News\nDate: 2020-08-16\nAuthor: Ann Lee, "
               "Bob Roe\nDesk: metro\n\nWorkers began repairs on the quay.\n");
    write_file(folder / "b.txt",
               "Title: Port stays open\nSource: Bay News\nDate: 2020-08-16\nAuthor: Cy Doe\n"
               "Desk: business\n\nThe mayor said the port would stay open.\n");
    const fs::path db = tmp.path / "db";
    Run plain = run(kIndex, {"build", folder.string(), "--db", db.string()}, tmp.path);
    REQUIRE(plain.status == 0);
    CHECK(plain.err.find("unknown header key 'desk'") != std::string::npos);
    json found = search_all(db, tmp.path, {"author:\"bob roe\""});
    REQUIRE(found["hits"].size() >= 1);
    for (const auto& hit : found["hits"]) CHECK(hit["article_id"] == "a");
    CHECK(search_all(db, tmp.path, {"--where", "author=Cy Doe", ""})["total_articles"] == 1);

    Run declared =
        run(kIndex, {"build", folder.string(), "--facet", "desk", "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(declared.status == 0, declared.err);
    CHECK(declared.err.find("unknown header key") == std::string::npos);
    CHECK(facet(search_all(db, tmp.path), "desk") ==
          std::map<std::string, int>{{"business", 1}, {"metro", 1}});
    Run text = run(kSearch, {"--db", db.string(), "desk:metro"}, tmp.path);
    CHECK_MESSAGE(text.out.find("desk: metro") != std::string::npos, text.out);
    CHECK_MESSAGE(text.out.find("Desk (articles):  metro 1") != std::string::npos, text.out);
    Run bad =
        run(kIndex, {"build", folder.string(), "--facet", "source", "--db", db.string()}, tmp.path);
    CHECK(bad.status == 2);
    CHECK(bad.err.find("'source' is a field every index has") != std::string::npos);
}

TEST_CASE(
    "a paragraph an outlet prints under many articles on many days is furniture, not a passage") {
    TempDir tmp;
    const fs::path folder = tmp.path / "news";
    fs::create_directories(folder);
    const std::string promo =
        "Get the Harbour Times stories you care about delivered to your inbox.";
    const std::string wire = "The port authority said ships would be inspected before they dock.";
    for (int i = 0; i < 8; ++i) {
        const std::string day = "2020-08-1" + std::to_string(i);
        // The promo under each of one outlet's articles; a wire paragraph carried by two outlets;
        // and one story's paragraph in three versions of it, the same day.
        write_file(folder / ("ht" + std::to_string(i) + ".txt"),
                   "Title: Harbour story " + std::to_string(i) +
                       "\nSource: Harbour Times\nDate: " + day + "\n\nThe ferry number " +
                       std::to_string(i) + " sailed at dawn with its passengers.\n\n" + promo +
                       "\n\n" + (i % 2 ? wire : "A quiet day on the quay.") + "\n");
        write_file(folder / ("cd" + std::to_string(i) + ".txt"),
                   "Title: Coast story " + std::to_string(i) +
                       "\nSource: Coast Daily\nDate: " + day + "\n\nThe lighthouse number " +
                       std::to_string(i) + " was repainted.\n\n" + wire + "\n");
    }
    for (int v = 0; v < 6; ++v)
        write_file(
            folder / ("version" + std::to_string(v) + ".txt"),
            "Title: Storm live, update " + std::to_string(v) +
                "\nSource: Harbour Times\nDate: 2020-09-01\n\nThe storm reached the coast at "
                "noon and the harbour was closed to all shipping.\n\nUpdate " +
                std::to_string(v) + ".\n");
    const fs::path db = tmp.path / "db";
    Run r = run(kIndex, {"build", folder.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.err.find("8 passages of 1 paragraphs left out as outlets' furniture") !=
                      std::string::npos,
                  r.err);
    CHECK(search_all(db, tmp.path,
                     {"--limit", "0", "\"delivered to your inbox\""})["total_passages"] == 0);
    // The wire copy is kept (two outlets), and so is the story's paragraph (one day).
    CHECK(search_all(db, tmp.path,
                     {"--limit", "0", "--all-copies",
                      "\"ships would be inspected\""})["total_passages"] == 12);
    CHECK(search_all(db, tmp.path,
                     {"--limit", "0", "\"closed to all shipping\""})["total_passages"] == 6);
    // An article written later drops the known furniture at once; check agrees with the files.
    write_file(folder / "ht9.txt",
               "Title: Harbour story 9\nSource: Harbour Times\nDate: 2020-08-30\n\n"
               "The ferry was late.\n\n" +
                   promo + "\n");
    Run update = run(kIndex, {"update", folder.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(update.status == 0, update.err);
    CHECK(search_all(db, tmp.path,
                     {"--limit", "0", "\"delivered to your inbox\""})["total_passages"] == 0);
    Run check = run(kIndex, {"check", folder.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(check.status == 0, check.err);
}

TEST_CASE("a feed in a folder cut short keeps every article indexed from it on update") {
    TempDir tmp;
    const fs::path folder = tmp.path / "news";
    fs::create_directories(folder);
    write_file(folder / "harbour.rss", kRss);
    write_file(folder / "quay.txt", kArticle);
    const fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex, {"build", folder.string(), "--db", db.string()}, tmp.path).status == 0);
    const std::string rss = kRss;
    write_file(folder / "harbour.rss", rss.substr(0, rss.find("  <item>\n    <title>Port")));
    Run update = run(kIndex, {"update", folder.string(), "--db", db.string()}, tmp.path);
    CHECK(update.status == 2);
    CHECK_MESSAGE(update.err.find("harbour.rss: error: not well-formed XML") != std::string::npos,
                  update.err);
    CHECK_MESSAGE(update.out.find("0 removed") != std::string::npos, update.out);
    CHECK(search_all(db, tmp.path, {"--limit", "0", ""})["total_articles"] == 3);
}
