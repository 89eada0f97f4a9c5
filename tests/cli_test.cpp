// End-to-end: runs the real dateline-index and dateline-search on copies of corpus/ and on
// slices of ../shared/corpora, and checks their stdout, stderr and exit codes.
#include <zlib.h>

#include "tests/cli_util.h"

using namespace cli;

TEST_CASE("a phrase finds the wire paragraph in exactly the outlets that printed it") {
    SeedsIndex seeds;
    json r = seeds.search_json({"--all-copies", "\"troops are at our gates\""});
    std::set<std::string> expected = {"EU Today", "The Epoch Times", "France 24", "tdminews.com"};
    CHECK(hit_sources(r) == expected);
    CHECK(r["total_articles"] == 4);
    CHECK(r["total_passages"] == r["hits"].size());
    CHECK(r["total_results"] == r["hits"].size());
    std::map<std::string, int> outlets = facet(r, "source");
    CHECK(outlets.size() == 4);
    CHECK(outlets.count("Breitbart") == 0);
    for (const auto& h : r["hits"]) {
        CHECK(h["snippet"].get<std::string>().find("**troops are at our gates**") !=
              std::string::npos);
        for (const char* key : {"rank", "score", "article_id", "passage", "source", "date", "title",
                                "url", "speakers", "locations", "snippet", "text"})
            CHECK_MESSAGE(h.contains(key), key);
    }
}

TEST_CASE("--source narrows the hits but the outlet facet still counts the other outlets") {
    SeedsIndex seeds;
    json r = seeds.search_json({"--source", "france 24", "Lukashenko"});
    REQUIRE(!r["hits"].empty());
    CHECK(hit_sources(r) == std::set<std::string>{"France 24"});
    CHECK(r["total_articles"] == 1);
    std::map<std::string, int> outlets = facet(r, "source");
    CHECK(outlets.size() == 5);
    CHECK(outlets["Breitbart"] == 1);
    CHECK(outlets["France 24"] == 1);

    json two = seeds.search_json({"--source", "France 24", "--source", "EU TODAY", "Lukashenko"});
    CHECK(hit_sources(two) == std::set<std::string>{"France 24", "EU Today"});
    json prefix = seeds.search_json({"source:\"The Epoch Times\"", "Lukashenko"});
    CHECK(hit_sources(prefix) == std::set<std::string>{"The Epoch Times"});
}

TEST_CASE("page furniture never comes back as a passage") {
    SeedsIndex seeds;
    json all = seeds.search_json({"--all-copies"});
    REQUIRE(all["total_articles"] == 5);
    REQUIRE(all["hits"].size() == all["total_passages"]);
    const char* furniture[] = {"Please let us know if you're having issues with commenting",
                               "Follow EU Today on Social media",
                               "Read More",
                               "This browser does not support the video element",
                               "Related posts",
                               "EUToday Correspondents",
                               "Epoch Times Photo",
                               "Getty Images",
                               "Foreign Desk Report"};
    std::set<std::string> texts;
    for (const auto& h : all["hits"]) {
        std::string text = h["text"];
        for (const char* f : furniture) CHECK_MESSAGE(text.find(f) == std::string::npos, text);
        CHECK_MESSAGE(text != "23 min", text);
        if (h["passage"] != 0) CHECK_MESSAGE(text != h["title"].get<std::string>(), text);
    }
}

TEST_CASE("dates filter by option and by date: range, and the date facet counts articles") {
    SeedsIndex seeds;
    json late = seeds.search_json({"--from", "2020-08-17", "Lukashenko"});
    CHECK(hit_sources(late) == std::set<std::string>{"Breitbart"});
    json range = seeds.search_json({"date:2020-08-16..2020-08-16", "Lukashenko"});
    CHECK(range["total_articles"] == 4);
    CHECK(hit_sources(range).count("Breitbart") == 0);
    json all = seeds.search_json({"Lukashenko"});
    CHECK(facet(all, "date") == std::map<std::string, int>{{"2020-08-16", 4}, {"2020-08-17", 1}});
}

TEST_CASE("exit codes and messages: found, nothing found, errors") {
    SeedsIndex seeds;
    Run found = seeds.search({"Lukashenko"});
    CHECK(found.status == 0);
    CHECK(found.out.find("articles matched") != std::string::npos);
    CHECK(found.out.find("Outlets (articles):") != std::string::npos);
    CHECK(found.out.find("**Lukashenko**") != std::string::npos);  // not a terminal: markers

    Run none = seeds.search({"xylophone"});
    CHECK(none.status == 1);
    CHECK(none.out.find("0 passages in 0 articles") != std::string::npos);

    Run syntax = seeds.search({"nato AND"});
    CHECK(syntax.status == 2);
    CHECK(syntax.err.find("syntax error") != std::string::npos);
    Run fallback = seeds.search({"nato NEAR"});
    CHECK(fallback.status == 2);
    CHECK(fallback.err.find("syntax error") != std::string::npos);

    Run bad_date = seeds.search({"--from", "2020-13-01", "nato"});
    CHECK(bad_date.status == 2);
    CHECK(bad_date.err.find("YYYY-MM-DD") != std::string::npos);

    Run bad_option = seeds.search({"--colour", "nato"});
    CHECK(bad_option.status == 2);
    CHECK(bad_option.err.find("--help") != std::string::npos);

    Run missing =
        run(kSearch, {"--db", (seeds.tmp.path / "nowhere.db").string(), "nato"}, seeds.tmp.path);
    CHECK(missing.status == 2);
    CHECK(missing.err.find("dateline-index build") != std::string::npos);
}

TEST_CASE("update follows the files: added, edited, deleted") {
    SeedsIndex seeds;
    fs::path extra = seeds.corpus / "extra.txt";
    write_file(extra,
               "Title: Zanzibar ferry story\nSource: Test Wire\nDate: 2020-08-18\n\n"
               "The ferry to Zanzibar left on time, the captain said on Tuesday.\n");
    Run added = seeds.index({"update", seeds.corpus.string()});
    CHECK_MESSAGE(added.status == 0, added.err);
    CHECK(added.out.find("1 added, 0 updated, 5 unchanged, 0 removed") != std::string::npos);
    json r = seeds.search_json({"zanzibar"});
    CHECK(hit_sources(r) == std::set<std::string>{"Test Wire"});
    CHECK(r["hits"][0]["article_id"] == "extra");

    write_file(extra,
               "Title: Zanzibar ferry story\nSource: Test Wire\nDate: 2020-08-18\n\n"
               "The hovercraft to Pemba was late, the harbour master said on Wednesday.\n");
    Run edited = seeds.index({"update", seeds.corpus.string()});
    CHECK(edited.out.find("0 added, 1 updated, 5 unchanged") != std::string::npos);
    CHECK(seeds.search({"hovercraft"}).status == 0);
    CHECK(seeds.search({"captain"}).status == 1);

    fs::remove(extra);
    Run deleted = seeds.index({"update", seeds.corpus.string()});
    CHECK(deleted.out.find("1 removed") != std::string::npos);
    CHECK(seeds.search({"hovercraft"}).status == 1);
    CHECK(seeds.search({"zanzibar"}).status == 1);
    CHECK(seeds.search_json({})["total_articles"] == 5);
}

TEST_CASE("add and remove single articles, build replaces the whole index") {
    SeedsIndex seeds;
    Run removed = seeds.index({"remove", "003_f1a9d0feac31089b"});
    CHECK(removed.status == 0);
    CHECK(seeds.search_json({"Lukashenko"})["total_articles"] == 4);
    Run unknown = seeds.index({"remove", "no-such-article"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("no-such-article") != std::string::npos);

    Run added = seeds.index({"add", (seeds.corpus / "003_f1a9d0feac31089b.txt").string()});
    CHECK(added.out.find("1 added") != std::string::npos);
    CHECK(seeds.search_json({"Lukashenko"})["total_articles"] == 5);

    // A rebuild from a smaller corpus replaces, not merges.
    fs::remove(seeds.corpus / "000_15690c19f2038c96.txt");
    Run rebuilt = seeds.index({"build", seeds.corpus.string()});
    CHECK(rebuilt.status == 0);
    CHECK(seeds.search_json({})["total_articles"] == 4);
}

TEST_CASE("bad files are named and skipped, the rest is indexed, exit status 2") {
    SeedsIndex seeds;
    write_file(seeds.corpus / "binary.txt", std::string("\x7f"
                                                        "ELF\0\0\x01\x02",
                                                        8));
    write_file(seeds.corpus / "empty.txt", "");
    write_file(seeds.corpus / "bare.txt",
               "A headline without any header\n\nBody text about the harbour of Klaipeda.\n");
    write_file(seeds.corpus / "baddate.txt",
               "Title: Bad date\nSource: Test Wire\nDate: 2020-13-45\n\nKaunas is quiet.\n");
    Run r = seeds.index({"build", seeds.corpus.string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("binary.txt: error") != std::string::npos);
    CHECK(r.err.find("empty.txt: error") != std::string::npos);
    CHECK(r.err.find("bare.txt: warning: no header") != std::string::npos);
    CHECK(r.err.find("baddate.txt:3: warning") != std::string::npos);
    CHECK(r.out.find("7 added") != std::string::npos);
    CHECK(r.out.find("2 skipped") != std::string::npos);
    json bare = seeds.search_json({"klaipeda"});
    REQUIRE(bare["hits"].size() == 1);
    CHECK(bare["hits"][0]["title"] == "A headline without any header");
    CHECK(seeds.search({"kaunas"}).status == 0);
}

TEST_CASE("importing a slice of allsides-news gives per-outlet counts equal to the JSONL's") {
    if (!have_allsides()) return;
    TempDir tmp;
    // The first 500 articles, written back gzip-compressed: import reads .gz directly.
    fs::path slice = tmp.path / "slice.jsonl.gz";
    std::map<std::string, int> expected;
    {
        gzFile in = gzopen(kAllsides.c_str(), "rb");
        gzFile out = gzopen(slice.c_str(), "wb");
        REQUIRE((in && out));
        std::string line;
        char chunk[1 << 16];
        int lines = 0;
        while (lines < 500 && gzgets(in, chunk, sizeof chunk)) {
            line += chunk;
            if (line.back() != '\n') continue;
            ++expected[json::parse(line)["source"].get<std::string>()];
            gzputs(out, line.c_str());
            line.clear();
            ++lines;
        }
        gzclose(in);
        gzclose(out);
        REQUIRE(lines == 500);
    }
    fs::path db = tmp.path / "allsides.db";
    Run imported = run(kIndex, {"import", slice.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(imported.status == 0, imported.err);
    CHECK(imported.out.find("500 added") != std::string::npos);

    Run all = run(kSearch, {"--db", db.string(), "--format", "json", "--limit", "0"}, tmp.path);
    REQUIRE(all.status == 0);
    json r = json::parse(all.out);
    CHECK(r["total_articles"] == 500);
    CHECK(facet(r, "source") == expected);

    // Re-importing the same file rewrites nothing.
    Run again = run(kIndex, {"import", slice.string(), "--db", db.string()}, tmp.path);
    CHECK(again.out.find("0 added, 0 updated, 500 unchanged") != std::string::npos);
}

TEST_CASE("an interrupted import commits what it did, an interrupted build changes nothing") {
    if (!have_allsides()) return;
    SeedsIndex seeds;
    // SIGTERM into work that takes minutes, once the index at `db` answers a search (a build
    // of it: at once; an import: after its first commit), so the signal lands mid-run however
    // slow the machine (a sanitizer build under load).
    auto interrupted = [&](const std::string& command, const fs::path& db) {
        std::string script =
            quote(kIndex) + " " + command + " " + quote(kAllsides.string()) + " --db " +
            quote(db.string()) + " & pid=$!; for i in $(seq 600); do " + "sleep 0.2; " +
            quote(kSearch) + " --db " + quote(db.string()) +
            " --limit 0 >/dev/null 2>&1 && break; done; kill -TERM $pid; wait $pid";
        return run("sh", {"-c", script}, seeds.tmp.path);
    };

    Run build = interrupted("build", seeds.db);
    CHECK(build.status == 2);
    CHECK(build.err.find("build interrupted; nothing changed") != std::string::npos);
    CHECK(seeds.search_json({})["total_articles"] == 5);  // the seeds index still serves

    fs::path db = seeds.tmp.path / "import.db";
    Run import = interrupted("import", db);
    CHECK(import.status == 2);
    CHECK(import.err.find("interrupted; what was indexed so far is committed") !=
          std::string::npos);
    std::size_t at = import.out.find("(interrupted): ");
    REQUIRE(at != std::string::npos);
    long added = std::stol(import.out.substr(at + 15));
    CHECK(added > 0);
    CHECK(added < 16680);
    Run all =
        run(kSearch, {"--db", db.string(), "--format", "json", "--limit", "0"}, seeds.tmp.path);
    REQUIRE(all.status == 0);
    CHECK(json::parse(all.out)["total_articles"] == added);
}

TEST_CASE("a build that cannot read its PATH, or indexes nothing, keeps the old index") {
    SeedsIndex seeds;
    Run missing = seeds.index({"build", (seeds.tmp.path / "no-such-folder").string()});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("previous index stays in service") != std::string::npos);
    fs::create_directories(seeds.tmp.path / "empty");
    Run empty = seeds.index({"build", (seeds.tmp.path / "empty").string()});
    CHECK(empty.status == 2);
    CHECK(seeds.search_json({})["total_articles"] == 5);

    // --db naming a folder of the user's is refused, and nothing in it is touched.
    fs::path folder = seeds.tmp.path / "papers";
    fs::create_directories(folder / "g5");
    write_file(folder / "g5" / "notes.txt", "precious");
    Run refused =
        run(kIndex, {"build", seeds.corpus.string(), "--db", folder.string()}, seeds.tmp.path);
    CHECK(refused.status == 2);
    CHECK(refused.err.find("not a Dateline index") != std::string::npos);
    CHECK(fs::exists(folder / "g5" / "notes.txt"));
}

TEST_CASE("an article keeps its id however its file is named, and survives a bad read") {
    SeedsIndex seeds;
    fs::create_directories(seeds.corpus / "sub");
    fs::path nested = seeds.corpus / "sub" / "nested.txt";
    write_file(nested, "Title: Nested\nSource: Test Wire\nDate: 2020-08-18\n\nVilnius is calm.\n");
    REQUIRE(seeds.index({"update", seeds.corpus.string()}).status == 0);
    Run added = seeds.index({"add", nested.string()});
    CHECK(added.out.find("0 added, 0 updated, 1 unchanged") != std::string::npos);
    Run by_file = seeds.index({"update", nested.string()});
    CHECK(by_file.out.find("1 unchanged, 0 removed") != std::string::npos);
    json r = seeds.search_json({"vilnius"});
    REQUIRE(r["hits"].size() == 1);
    CHECK(r["hits"][0]["article_id"] == "sub/nested");

    // A file that turns unreadable is reported, and its indexed version is kept.
    write_file(nested, std::string("\0\0\0binary", 9));
    Run broken = seeds.index({"update", seeds.corpus.string()});
    CHECK(broken.status == 2);
    CHECK(broken.out.find("0 removed, 1 skipped") != std::string::npos);
    CHECK(seeds.search({"vilnius"}).status == 0);
}

TEST_CASE("update of a JSON Lines file removes the lines taken out of it") {
    TempDir tmp;
    fs::path file = tmp.path / "wire.jsonl";
    fs::path db = tmp.path / "wire.db";
    std::string lines;
    for (int i = 1; i <= 5; ++i)
        lines += json{{"id", "w" + std::to_string(i)},
                      {"source", "Wire " + std::to_string(i)},
                      {"date", "2020-08-1" + std::to_string(i)},
                      {"title", "Story " + std::to_string(i)},
                      {"text", "Riga harbour report number " + std::to_string(i) + "."}}
                     .dump() +
                 "\n";
    write_file(file, lines);
    REQUIRE(run(kIndex, {"build", file.string(), "--db", db.string()}, tmp.path).status == 0);
    std::size_t third_end = 0;
    for (int i = 0; i < 3; ++i) third_end = lines.find('\n', third_end) + 1;
    write_file(file, lines.substr(0, third_end));  // lines w4 and w5 taken out
    Run update = run(kIndex, {"update", file.string(), "--db", db.string()}, tmp.path);
    CHECK(update.out.find("3 unchanged, 2 removed") != std::string::npos);
    Run all = run(kSearch, {"--db", db.string(), "--format", "json", "riga"}, tmp.path);
    CHECK(json::parse(all.out)["total_articles"] == 3);
}

TEST_CASE("words with letters that case-fold specially are found as typed") {
    SeedsIndex seeds;
    write_file(
        seeds.corpus / "fold.txt",
        "Title: Folding\nSource: Test Wire\nDate: 2020-08-18\n\n"
        "Crowds filled the Hauptstraße in İstanbul and Αθήνας, reporters said on Tuesday.\n");
    REQUIRE(seeds.index({"update", seeds.corpus.string()}).status == 0);
    for (std::string q : {"Hauptstraße", "hauptstrasse", "İstanbul", "Αθήνας", "ΑΘΉΝΑΣ"}) {
        CAPTURE(q);
        CHECK(seeds.search({q}).status == 0);
    }
}

TEST_CASE("a speaker spelled three ways is one facet line, and any spelling finds all") {
    SeedsIndex seeds;
    json all = seeds.search_json({""});
    std::map<std::string, int> speakers = facet(all, "speaker");
    CHECK(speakers["Sviatlana Tsikhanouskaya"] >= 3);
    CHECK(speakers["Alexander Lukashenko"] == 5);
    for (const auto& entry : speakers) {
        const std::string& name = entry.first;
        CHECK_MESSAGE(name.find("Tikhano") == std::string::npos, name);
        CHECK_MESSAGE(name.find("Svetlana") == std::string::npos, name);
    }
    // Words: every variant (and the Cyrillic) finds the same articles.
    json canonical = seeds.search_json({"Tsikhanouskaya"});
    CHECK(canonical["total_articles"] == 4);
    for (const char* variant : {"Tikhanovskaya", "Tikhanouskaya", "Тихановская"}) {
        CAPTURE(variant);
        json r = seeds.search_json({variant});
        CHECK(r["total_articles"] == canonical["total_articles"]);
        CHECK(r["total_passages"] == canonical["total_passages"]);
    }
    // Filters: --speaker and speaker: take any spelling, and a surname alone.
    json by_canonical = seeds.search_json({"--speaker", "Sviatlana Tsikhanouskaya"});
    CHECK(by_canonical["total_passages"] > 0);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--speaker", "Svetlana Tikhanovskaya"},
                                               {"--speaker", "tikhanouskaya"},
                                               {"speaker:Тихановская"},
                                               {"speaker:\"Svetlana Tikhanouskaya\""}}) {
        CAPTURE(args.back());
        json r = seeds.search_json(args);
        CHECK(r["total_passages"] == by_canonical["total_passages"]);
    }
    for (const auto& h : by_canonical["hits"]) {
        auto names = h["speakers"].get<std::vector<std::string>>();
        CHECK(std::count(names.begin(), names.end(), "Sviatlana Tsikhanouskaya") == 1);
    }
}

TEST_CASE("Cyrillic queries find the Latin spellings") {
    SeedsIndex seeds;
    for (auto pair : {std::pair{"Лукашенко", "Lukashenko"}, std::pair{"Минск", "Minsk"},
                      std::pair{"Путин", "Putin"}}) {
        const char* cyrillic = pair.first;
        const char* latin = pair.second;
        CAPTURE(cyrillic);
        json c = seeds.search_json({cyrillic});
        json l = seeds.search_json({latin});
        CHECK(c["total_passages"].get<int>() > 0);
        CHECK(c["total_passages"] == l["total_passages"]);
    }
    json place = seeds.search_json({"--location", "Минск"});
    CHECK(place["total_passages"] == seeds.search_json({"location:Minsk"})["total_passages"]);
    CHECK(place["total_articles"].get<int>() >= 4);  // two datelines and the reports from Minsk
}

TEST_CASE("quote: finds words only where they were quoted, and the hit says who said them") {
    SeedsIndex seeds;
    json r = seeds.search_json({"quote:\"troops are at our gates\""});
    CHECK(r["total_articles"] == 4);
    for (const auto& h : r["hits"]) {
        bool quoted_by_him = false;
        for (const auto& q : h["quotes"])
            if (q["text"].get<std::string>().find("troops are at our gates") != std::string::npos)
                quoted_by_him |= q["speaker"] == "Alexander Lukashenko";
        CHECK_MESSAGE(quoted_by_him, h["text"]);
    }
    // "The Kremlin said" is reported, never quoted.
    CHECK(seeds.search_json({"\"Kremlin said\""})["total_passages"].get<int>() > 0);
    Run none = seeds.search({"quote:\"Kremlin said\""});
    CHECK(none.status == 1);
    // Text output names the speakers and places of each hit.
    Run text = seeds.search({"quote:gates", "source:\"EU Today\"", "--limit", "1"});
    CHECK(text.out.find("speakers: Alexander Lukashenko") != std::string::npos);
    CHECK(text.out.find("places: ") != std::string::npos);
}

TEST_CASE("places: datelines, countries and the sites a user adds without rebuilding") {
    SeedsIndex seeds;
    // 004 opens "MINSK:": every passage of it, the title included, is placed in Minsk.
    json r = seeds.search_json({"--location", "Minsk", "source:tdminews.com"});
    json article = seeds.search_json({"source:tdminews.com"});
    CHECK(r["total_passages"] == article["total_passages"]);
    std::map<std::string, int> places = facet(seeds.search_json({""}), "location");
    for (const char* place : {"Belarus", "Russia", "Lithuania", "Poland", "Minsk"})
        CHECK_MESSAGE(places[place] >= 3, place);
    CHECK(places.count("Government House") == 0);
    // A copy of schema/ with one more site: update re-reads every article, the site appears.
    fs::path schema = seeds.tmp.path / "schema";
    fs::copy(kSource / "schema", schema);
    std::ofstream(schema / "places-local.tsv", std::ios::app)
        << "Government House\tsite\tBY\t0\tMinsk\n";
    Run update = run("/usr/bin/env",
                     {"DATELINE_SCHEMA=" + schema.string(), kIndex, "update", seeds.corpus.string(),
                      "--db", seeds.db.string()},
                     seeds.tmp.path);
    CHECK_MESSAGE(update.status == 0, update.err);
    CHECK(update.out.find("5 updated") != std::string::npos);
    places = facet(seeds.search_json({""}), "location");
    CHECK(places["Government House"] == 1);
}

TEST_CASE("wire copies show once, with the other outlets in also_in, --all-copies shows each") {
    SeedsIndex seeds;
    const std::set<std::string> printed = {"EU Today", "The Epoch Times", "France 24",
                                           "tdminews.com"};
    json every = seeds.search_json({"--all-copies", "\"troops are at our gates\""});
    json folded = seeds.search_json({"\"troops are at our gates\""});
    // Counts are those of every copy; only the hits are folded.
    CHECK(folded["total_passages"] == every["total_passages"]);
    CHECK(folded["facets"] == every["facets"]);
    CHECK(folded["total_results"] == folded["hits"].size());
    CHECK(folded["hits"].size() < every["hits"].size());
    std::set<std::string> outlets;
    std::size_t passages = 0;
    for (const auto& h : folded["hits"]) {
        outlets.insert(h["source"].get<std::string>());
        for (const auto& o : h["also_in"]) {
            CHECK(o != h["source"]);
            outlets.insert(o.get<std::string>());
        }
        passages += 1 + h["collapsed"].get<std::size_t>();
    }
    CHECK(outlets == printed);
    CHECK(passages == every["total_passages"]);
    // The agency paragraph itself: one hit naming the three other outlets.
    bool wire_hit = false;
    for (const auto& h : folded["hits"])
        if (h["text"].get<std::string>().find("ordering us to hold new elections") !=
            std::string::npos) {
            CHECK_FALSE(wire_hit);
            wire_hit = true;
            CHECK(h["also_in"].size() == 3);
        }
    CHECK(wire_hit);
    Run text = seeds.search({"\"troops are at our gates\""});
    CHECK(text.out.find("   also in: ") != std::string::npos);
    for (const auto& h : every["hits"]) CHECK(h["also_in"].empty());
}

TEST_CASE("--per-article shows each article once, as its best passage, ranked as a whole") {
    SeedsIndex seeds;
    for (const char* words : {"Lukashenko", "putin military help"}) {
        CAPTURE(words);
        json every = seeds.search_json({"--all-copies", "--any", words});
        json articles = seeds.search_json({"--per-article", "--any", words});
        CHECK(articles["total_results"] == articles["total_articles"]);
        CHECK(articles["total_passages"] == every["total_passages"]);
        CHECK(articles["facets"] == every["facets"]);
        CHECK(articles["hits"].size() == 5);
        std::map<std::string, double> best;  // article -> its best passage's score
        std::map<std::string, int> best_passage;
        std::map<std::string, std::size_t> passages;
        for (const auto& h : every["hits"]) {  // best first
            std::string id = h["article_id"];
            if (best.emplace(id, h["score"].get<double>()).second) best_passage[id] = h["passage"];
            ++passages[id];
        }
        std::set<std::string> seen;
        double previous = 1e300;
        for (const auto& h : articles["hits"]) {
            std::string id = h["article_id"];
            CHECK(seen.insert(id).second);
            CHECK(h["passage"] == best_passage[id]);
            CHECK(h["collapsed"].get<std::size_t>() + 1 == passages[id]);
            // An article's score mixes its best passage's with its BM25 as a whole.
            CHECK(h["score"].get<double>() > 0);
            CHECK(h["score"].get<double>() <= previous);
            previous = h["score"];
        }
    }
    // The article that is about the query comes first: its title says so.
    json r = seeds.search_json({"--per-article", "--any", "putin military help"});
    CHECK(r["hits"][0]["title"] == "Putin bids military help to Lukashenko");
}

TEST_CASE("--sort date gives the timeline, --sort newest the latest first") {
    SeedsIndex seeds;
    // (No structured bindings: clang 14 cannot capture them in CAPTURE's lambda.)
    for (const auto& row :
         {std::pair{"date", true}, std::pair{"oldest", true}, std::pair{"newest", false}}) {
        const char* order = row.first;
        const bool ascending = row.second;
        CAPTURE(order);
        json r = seeds.search_json({"--sort", order, "--all-copies", "Belarus"});
        REQUIRE(r["hits"].size() > 5);
        std::vector<std::string> dates;
        for (const auto& h : r["hits"]) dates.push_back(h["date"]);
        CHECK(std::is_sorted(
            dates.begin(), dates.end(),
            [&](const std::string& a, const std::string& b) { return ascending ? a < b : a > b; }));
        CHECK(dates.front() != dates.back());  // the seeds span two days
    }
    check_refused(seeds.search({"--sort", "size", "Belarus"}), {"--sort must be"});
}

TEST_CASE("did you mean: misspelled names get the index's spelling, known words none") {
    SeedsIndex seeds;
    // Her name is spelled both ways in the seeds: either is a right suggestion.
    const std::pair<const char*, std::set<std::string>> misspelled[] = {
        {"Lukashenkp", {"Lukashenko"}},
        {"Tsikhanovskaya", {"Tsikhanouskaya", "Tikhanovskaya"}},
        {"Lukashenkp rally", {"Lukashenko rally"}},
    };
    for (const auto& row : misspelled) {
        const char* typed = row.first;
        const std::set<std::string>& meant = row.second;
        CAPTURE(typed);
        json r = seeds.search_json({typed});
        std::string suggestion = r["did_you_mean"];
        CHECK(meant.count(suggestion) == 1);
        CHECK(r["total_passages"] == 0);
        CHECK(seeds.search_json({suggestion})["total_passages"] > 0);  // it finds something
        Run text = seeds.search({typed});
        CHECK(text.status == 1);
        CHECK(text.out.find("Did you mean: " + suggestion + "\n") != std::string::npos);
    }
    // Words the index holds (as typed, by their stem, or through a synonym) are left alone.
    for (const char* fine : {"Lukashenko", "talk", "protests", "Belarus NATO", "Lukashenka"}) {
        CAPTURE(fine);
        CHECK(seeds.search_json({fine})["did_you_mean"] == "");
    }
}

TEST_CASE("--any ranks passages with any of the words, the default needs all") {
    SeedsIndex seeds;
    Run all_words = seeds.search({"Lukashenko", "xylophonist"});
    CHECK(all_words.status == 1);
    json any = seeds.search_json({"--any", "--all-copies", "Lukashenko", "xylophonist"});
    json one = seeds.search_json({"--any", "--all-copies", "Lukashenko"});
    CHECK(any["total_passages"] == one["total_passages"]);
    // Either word: at least the passages of each, at most those of both.
    std::size_t putin = seeds.search_json({"--all-copies", "Putin"})["total_passages"];
    std::size_t both = seeds.search_json(
        {"--all-copies", "--within", "passage", "Lukashenko", "Putin"})["total_passages"];
    std::size_t either =
        seeds.search_json({"--any", "--all-copies", "Lukashenko", "Putin"})["total_passages"];
    std::size_t lukashenko = one["total_passages"];
    CHECK(either >= std::max(lukashenko, putin));
    CHECK(either == lukashenko + putin - both);
    // Article-wide (the default), the passages with either word in articles with both.
    CHECK(seeds.search_json({"--all-copies", "Lukashenko", "Putin"})["total_passages"] <= either);
    // Stop words are left out of an --any query: they would match almost every passage.
    CHECK(seeds.search_json({"--any", "the", "of", "Lukashenko"})["total_passages"] ==
          one["total_passages"]);
}

TEST_CASE("a date range gives the same passages whether read as days or as a value range") {
    SeedsIndex seeds;
    // Up to 400 days are day terms; a wider range is a value range over the date slot.
    json days = seeds.search_json({"--all-copies", "--from", "2020-08-01", "--to", "2020-08-31"});
    json wide = seeds.search_json({"--all-copies", "--from", "2019", "--to", "2021"});
    json all = seeds.search_json({"--all-copies"});
    CHECK(days["total_passages"] == all["total_passages"]);
    CHECK(wide["total_passages"] == all["total_passages"]);
    json day = seeds.search_json({"--from", "2020-08-17", "--to", "2020-08-17", "Lukashenko"});
    json prefix = seeds.search_json({"date:2020-08-17", "Lukashenko"});
    CHECK(day["total_passages"] == prefix["total_passages"]);
    CHECK(facet(day, "date") == std::map<std::string, int>{{"2020-08-17", 1}});
}

TEST_CASE("--stats describes the index, --values lists a facet's values") {
    SeedsIndex seeds;
    Run r = seeds.search({"--stats", "--format", "json"});
    REQUIRE(r.status == 0);
    json stats = json::parse(r.out);
    json all = seeds.search_json({"--all-copies"});
    CHECK(stats["articles"] == 5);
    CHECK(stats["passages"] == all["total_passages"]);
    CHECK(stats["first_date"] == "2020-08-16");
    CHECK(stats["last_date"] == "2020-08-17");
    CHECK(stats["facets"]["source"].size() == 5);
    CHECK(stats["bytes"].get<std::uintmax_t>() > 0);
    CHECK(stats["databases"].size() == 1);
    Run text = seeds.search({"--stats"});
    CHECK(text.out.find("5 articles, ") == 0);
    CHECK(text.out.find("dated 2020-08-16 to 2020-08-17") != std::string::npos);
    CHECK(text.out.find("Size on disk: ") != std::string::npos);

    Run values = seeds.search({"--values", "source"});
    CHECK(values.status == 0);
    std::set<std::string> lines;
    std::istringstream in(values.out);
    for (std::string line; std::getline(in, line);) lines.insert(line);
    std::set<std::string> outlets;
    for (const auto& v : stats["facets"]["source"]) outlets.insert(v["value"].get<std::string>());
    CHECK(lines == outlets);
    check_refused(seeds.search({"--values", "colour"}), {"--values takes"});
}
