// End-to-end: an index in shards, local and remote (Xapian's remote backend, xapian-tcpsrv),
// searched as one must give exactly what one database of the same articles gives: the same
// hits with the same scores, the same totals and the same per-article facet counts.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "tests/cli_util.h"

using namespace cli;

namespace {

bool have_tcpsrv() {
    if (std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0) return true;
    MESSAGE("skipped: xapian-tcpsrv is not installed (Debian package xapian-tools)");
    return false;
}

// A loopback port nobody listens on now.
int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t size = sizeof addr;
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
              ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0;
    ::close(fd);
    REQUIRE(ok);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// xapian-tcpsrv serving one database on a free loopback port, for the life of this object:
// stopped (its whole process group, connections included) when it goes out of scope, also
// when a REQUIRE fails, and by the kernel if this test process dies first.
class TcpServer {
  public:
    TcpServer(const fs::path& db, const fs::path& log) {
        for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
            int port = free_port();
            start(db, log, port);
            // Listening within 10 s, or it failed (the port taken meanwhile: try another).
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (std::chrono::steady_clock::now() < deadline) {
                if (accepts(port)) {
                    port_ = port;
                    break;
                }
                int status;
                if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                    pid_ = -1;
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (port_ == 0) stop();
        }
        REQUIRE_MESSAGE(port_ != 0,
                        "xapian-tcpsrv did not start serving " << db << "; see " << log);
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  private:
    void start(const fs::path& db, const fs::path& log, int port) {
        std::string port_text = std::to_string(port);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fd >= 0) ::dup2(fd, 1), ::dup2(fd, 2);
            ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--port", port_text.c_str(), "--interface",
                     "127.0.0.1", db.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::setpgid(pid_, pid_);
    }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGTERM);
        int status;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

    pid_t pid_ = -1;
    int port_ = 0;
};

// The databases a Dateline index folder's stub lists ("g1", or "g1/s0", "g1/s1", ...), as
// absolute paths.
std::vector<fs::path> stub_databases(const fs::path& index) {
    std::ifstream stub(index / "XAPIANDB");
    std::vector<fs::path> out;
    std::string type, path;
    while (stub >> type >> path) out.push_back(index / path);
    return out;
}

json search_json(const std::vector<std::string>& dbs, std::vector<std::string> args,
                 const fs::path& dir, const std::string& limit = "100000") {
    std::vector<std::string> all;
    for (const auto& db : dbs) all.insert(all.end(), {"--db", db});
    all.insert(all.end(), {"--format", "json", "--limit", limit});
    all.insert(all.end(), args.begin(), args.end());
    // Every passage, wire copies included: the hits compare one by one.
    std::vector<std::string> every = all;
    every.push_back("--all-copies");
    Run r = run(kSearch, every, dir);
    REQUIRE_MESSAGE(r.status <= 1, r.err);
    CHECK(r.status == (json::parse(r.out)["total_passages"] == 0 ? 1 : 0));
    json results = json::parse(r.out);
    // Wire copies folded (the default): which of two tied copies shows may differ with the
    // layout, so the number of results, and each hit's outlets with its copies', compare.
    Run folded = run(kSearch, all, dir);
    REQUIRE_MESSAGE(folded.status <= 1, folded.err);
    json f = json::parse(folded.out);
    if (limit != "0") CHECK(f["total_results"] == f["hits"].size());  // exact, not Xapian's guess
    std::multiset<std::string> outlets;
    for (const auto& h : f["hits"]) {
        std::set<std::string> each = {h["source"].get<std::string>()};
        for (const auto& o : h["also_in"]) each.insert(o.get<std::string>());
        std::string line = std::to_string(h["collapsed"].get<int>());
        for (const auto& o : each) line += "|" + o;
        outlets.insert(line);
    }
    results["folded"] = {{"total_results", f["total_results"]},
                         {"total_passages", f["total_passages"]},
                         {"facets", f["facets"]},
                         {"outlets", outlets}};
    return results;
}

std::string hit_key(const json& hit) {
    return hit["article_id"].get<std::string>() + "#" + std::to_string(hit["passage"].get<int>());
}

// `got` holds the same results as `expected`: totals and every facet count equal; the same
// hits with scores equal within 1e-9, in the same order but for ties (hits whose scores are
// equal may come in any order), each hit's fields (snippet, speakers, ...) the same.
void check_same_results(const json& expected, const json& got) {
    CHECK(got["folded"] == expected["folded"]);
    CHECK(got["total_passages"] == expected["total_passages"]);
    CHECK(got["total_articles"] == expected["total_articles"]);
    CHECK(got["facets"] == expected["facets"]);
    const json& e = expected["hits"];
    const json& g = got["hits"];
    REQUIRE(g.size() == e.size());
    std::map<std::string, json> expected_hits;
    for (const auto& h : e) {
        json fields = h;
        fields.erase("rank");
        fields.erase("score");
        expected_hits[hit_key(h)] = fields;
    }
    std::size_t group_start = 0;
    std::multiset<std::string> expected_group, got_group;
    for (std::size_t i = 0; i <= e.size(); ++i) {
        // A group of tied scores ends here: the same hits in it, in any order.
        if (i == e.size() ||
            std::fabs(e[i]["score"].get<double>() - e[group_start]["score"].get<double>()) > 1e-9) {
            CHECK_MESSAGE(got_group == expected_group, "ranks " << group_start + 1 << "-" << i);
            expected_group.clear();
            got_group.clear();
            group_start = i;
            if (i == e.size()) break;
        }
        CHECK(std::fabs(g[i]["score"].get<double>() - e[i]["score"].get<double>()) <= 1e-9);
        CHECK(g[i]["rank"] == e[i]["rank"]);
        expected_group.insert(hit_key(e[i]));
        got_group.insert(hit_key(g[i]));
        json fields = g[i];
        fields.erase("rank");
        fields.erase("score");
        auto it = expected_hits.find(hit_key(g[i]));
        if (it != expected_hits.end()) CHECK_MESSAGE(fields == it->second, hit_key(g[i]));
    }
}

// Queries over corpus/ (2020) and the first allsides articles (January 2017).
const std::vector<std::vector<std::string>> kQueries = {
    {"election"},
    {"police", "protest"},
    {"\"troops are at our gates\""},
    {"\"white house\""},
    {"(police OR army) NOT minsk"},
    {"title:trump", "immigration"},
    {"--source", "France 24", "--source", "Vox", "--source", "CNN (Web News)", "election"},
    {"source:\"National Review\"", "obama"},
    {"--from", "2017-01-10", "--to", "2017-01-20", "senate"},
    {"date:2020-08", "nato"},
    {"--speaker", "Donald Trump", "president"},
    {"--location", "Minsk", "--source", "EU Today"},
    {"xylophonist"},
    // Sorted by date: over remote parts Xapian's spies once counted some matches twice.
    {"--sort", "newest", "election"},
    {"--sort", "date", "--within", "passage", "police", "protest"},
};

// A copy of corpus/ and `count` allsides articles, ready to index in several ways.
struct Articles {
    TempDir tmp;
    fs::path corpus = tmp.path / "corpus";
    fs::path allsides = tmp.path / "allsides.jsonl";
    explicit Articles(int count) {
        fs::create_directories(corpus);
        for (const auto& entry : fs::directory_iterator(kSource / "corpus"))
            if (entry.path().extension() == ".txt") fs::copy(entry.path(), corpus);
        write_slice(allsides, count, 0);
    }
    // Indexes built apart find an outlet's furniture each in what it holds: with
    // --keep-repeated they hold the same passages as one index of all the articles.
    fs::path build(const std::string& name, std::vector<std::string> args) {
        fs::path db = tmp.path / name;
        args.insert(args.begin(), {"build", "--keep-repeated"});
        args.insert(args.end(), {"--db", db.string()});
        Run r = run(kIndex, args, tmp.path);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        return db;
    }
};

}  // namespace

TEST_CASE("remote shards (xapian-tcpsrv) give the hits, totals and facet counts of one index") {
    if (!have_allsides() || !have_tcpsrv()) return;
    Articles articles(300);
    fs::path single =
        articles.build("single.db", {articles.corpus.string(), articles.allsides.string()});
    fs::path sharded = articles.build(
        "sharded.db", {"--shards", "3", articles.corpus.string(), articles.allsides.string()});
    std::vector<fs::path> shards = stub_databases(sharded);
    REQUIRE(shards.size() == 3);

    std::vector<std::unique_ptr<TcpServer>> servers;
    for (const auto& shard : shards)
        servers.push_back(std::make_unique<TcpServer>(
            shard, articles.tmp.path / ("tcpsrv-" + shard.filename().string() + ".log")));
    fs::path remote = articles.tmp.path / "remote.stub";
    fs::path mixed = articles.tmp.path / "mixed.stub";  // one shard read locally
    {
        std::ofstream all(remote), some(mixed);
        all << "# the three shards of sharded.db, each served by xapian-tcpsrv\n";
        some << "auto " << shards[0].string() << "\n";
        for (std::size_t i = 0; i < servers.size(); ++i) {
            all << "remote " << servers[i]->address() << "\n";
            if (i > 0) some << "remote " << servers[i]->address() << "\n";
        }
    }

    json everything = search_json({single.string()}, {}, articles.tmp.path, "0");
    REQUIRE(everything["total_articles"] == 305);
    for (const auto& query : kQueries) {
        std::string shown;
        for (const auto& q : query) shown += " " + quote(q);
        INFO("query:" << shown);
        json expected = search_json({single.string()}, query, articles.tmp.path);
        for (const fs::path& db : {remote, mixed, sharded}) {
            INFO("--db " << db.filename().string());
            check_same_results(expected, search_json({db.string()}, query, articles.tmp.path));
        }
    }
    // Every passage, counted: totals and the facets (the date facet by month, 2017 to 2020).
    json all_remote = search_json({remote.string()}, {}, articles.tmp.path, "0");
    check_same_results(everything, all_remote);
    CHECK(all_remote["facets"]["date"].size() == 2);  // 2017-01 and 2020-08
    CHECK(all_remote["facets"]["source"].size() > 20);
    // The queries above do find things, in several shards.
    json election = search_json({remote.string()}, {"election"}, articles.tmp.path);
    CHECK(election["total_articles"].get<int>() > 20);
}

TEST_CASE("several --db, a stub file and a sharded index folder search as one index") {
    if (!have_allsides()) return;
    Articles articles(200);
    fs::path first_half = articles.tmp.path / "first.jsonl";
    fs::path second_half = articles.tmp.path / "second.jsonl";
    write_slice(first_half, 100, 0);
    write_slice(second_half, 100, 100);
    fs::path single =
        articles.build("single.db", {articles.corpus.string(), articles.allsides.string()});
    fs::path a = articles.build("a.db", {articles.corpus.string(), first_half.string()});
    fs::path b = articles.build("b.db", {second_half.string()});
    fs::path sharded = articles.build(
        "sharded.db", {"--shards", "2", articles.corpus.string(), articles.allsides.string()});
    // A stub file with paths relative to its folder, a comment and a blank line.
    fs::path stub = articles.tmp.path / "both.stub";
    write_file(stub, "# two Dateline indexes\nauto a.db\n\nauto " + b.string() + "\n");

    for (const auto& query : kQueries) {
        std::string shown;
        for (const auto& q : query) shown += " " + quote(q);
        INFO("query:" << shown);
        json expected = search_json({single.string()}, query, articles.tmp.path);
        check_same_results(expected,
                           search_json({a.string(), b.string()}, query, articles.tmp.path));
        check_same_results(expected, search_json({stub.string()}, query, articles.tmp.path));
        check_same_results(expected, search_json({sharded.string()}, query, articles.tmp.path));
    }
    json everything = search_json({single.string()}, {}, articles.tmp.path, "0");
    CHECK(everything["total_articles"] == 205);
    check_same_results(everything,
                       search_json({a.string(), b.string()}, {}, articles.tmp.path, "0"));
    // Text output too: the same lines but for the order of tied hits.
    Run one = run(kSearch, {"--db", single.string(), "--limit", "0", "obama"}, articles.tmp.path);
    Run two = run(kSearch, {"--db", a.string(), "--db", b.string(), "--limit", "0", "obama"},
                  articles.tmp.path);
    CHECK(one.status == 0);
    CHECK(two.status == 0);
    CHECK(two.out == one.out);

    // An index named twice would count its passages twice: refused.
    Run twice =
        run(kSearch, {"--db", a.string(), "--db", stub.string(), "obama"}, articles.tmp.path);
    CHECK(twice.status == 2);
    CHECK_MESSAGE(twice.err.find("listed twice") != std::string::npos, twice.err);
}

TEST_CASE("a shard that cannot be used is named: unreachable, bad stub line, other version") {
    SeedsIndex seeds;
    fs::path dir = seeds.tmp.path;
    // Nobody listens on this port.
    int port = free_port();
    std::string address = "127.0.0.1:" + std::to_string(port);
    fs::path unreachable = dir / "unreachable.stub";
    write_file(unreachable, "auto " + seeds.db.string() + "\nremote " + address + "\n");
    Run r = run(kSearch, {"--db", unreachable.string(), "Lukashenko"}, dir);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK_MESSAGE(r.err.find("cannot reach shard remote " + address) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("xapian-tcpsrv") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find(unreachable.string() + ":2") != std::string::npos, r.err);

    // A line the stub syntax does not have.
    fs::path bad = dir / "bad.stub";
    write_file(bad, "auto " + seeds.db.string() + "\nremote-ish 10.0.0.1:8100\n");
    r = run(kSearch, {"--db", bad.string(), "Lukashenko"}, dir);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find(bad.string() + ":2") != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("remote HOST:PORT") != std::string::npos, r.err);

    // A part that does not exist, named with the stub line that lists it.
    fs::path missing = dir / "missing.stub";
    write_file(missing, "auto " + seeds.db.string() + "\nauto nowhere.db\n");
    r = run(kSearch, {"--db", missing.string(), "Lukashenko"}, dir);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find((dir / "nowhere.db").string()) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find("does not exist") != std::string::npos, r.err);

    // A part of another schema version: the copy of a generation with its version changed.
    std::vector<fs::path> generations = stub_databases(seeds.db);
    REQUIRE(generations.size() == 1);
    fs::path old = dir / "old-generation";
    fs::copy(generations[0], old, fs::copy_options::recursive);
    REQUIRE(std::system(
                ("xapian-metadata set " + quote(old.string()) + " dateline:schema 1").c_str()) ==
            0);
    fs::path other = dir / "seeds-copy";
    fs::create_directories(other);
    for (const auto& entry : fs::directory_iterator(dir / "corpus"))
        fs::copy(entry.path(), other / ("copy-" + entry.path().filename().string()));
    fs::path second = dir / "second.db";
    REQUIRE(run(kIndex, {"build", other.string(), "--db", second.string()}, dir).status == 0);
    r = run(kSearch, {"--db", second.string(), "--db", old.string(), "Lukashenko"}, dir);
    CHECK(r.status == 2);
    CHECK_MESSAGE(
        r.err.find("index " + old.string() + " has schema version '1'") != std::string::npos,
        r.err);
    CHECK_MESSAGE(r.err.find("rebuild") != std::string::npos, r.err);

    // A remote shard of another schema version.
    if (have_tcpsrv()) {
        TcpServer server(old, dir / "tcpsrv.log");
        fs::path stub = dir / "old-remote.stub";
        write_file(stub, "auto " + second.string() + "\nremote " + server.address() + "\n");
        r = run(kSearch, {"--db", stub.string(), "Lukashenko"}, dir);
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find("shard remote " + server.address()) != std::string::npos, r.err);
        CHECK_MESSAGE(r.err.find("schema version '1'") != std::string::npos, r.err);
        // The same stub without that shard works.
        write_file(stub, "auto " + second.string() + "\n");
        CHECK(run(kSearch, {"--db", stub.string(), "Lukashenko"}, dir).status == 0);
    }

    // A remote part through a program (xapian-progsrv on stdin/stdout, no port): aliases,
    // Cyrillic and synonyms of query words (read from the index's metadata) work as locally.
    if (have_tcpsrv()) {
        fs::path stub = dir / "program.stub";
        write_file(stub, "remote :xapian-progsrv " + seeds.db.string() + "\n");
        for (std::vector<std::string> query :
             {std::vector<std::string>{"--speaker", "Tikhanovskaya"},
              {"speaker:Тихановская"},
              {"Минск"},
              {"--source", "France 24", "Lukashenko"},
              {"\"troops are at our gates\""},
              {"Tikhanovskaya"},
              {"Tsikhanouskaya"}}) {
            INFO("query: " << query.back());
            json local = search_json({seeds.db.string()}, query, dir);
            CHECK(local["total_articles"].get<int>() > 0);
            // The user's own stub, trusted with the option (a stub never runs one without it).
            query.insert(query.begin(), "--allow-remote-programs");
            check_same_results(local, search_json({stub.string()}, query, dir));
        }
    }

    // A single index as before: --db and $DATELINE_DB.
    Run plain = seeds.search({"Lukashenko"});
    CHECK(plain.status == 0);
    CHECK(plain.out.find("in 5 articles matched") != std::string::npos);
    ::setenv("DATELINE_DB", seeds.db.c_str(), 1);
    Run env = run(kSearch, {"Lukashenko"}, dir);
    ::unsetenv("DATELINE_DB");
    CHECK(env.status == 0);
    CHECK(env.out == plain.out);
}
