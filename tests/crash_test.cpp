// End-to-end: indexers killed at random points, searches during updates, a second writer.
//
// Kill points are random; each test prints its seed, and DATELINE_CRASH_SEED=N replays a run.
// Kill delays are scaled by how long the same work took uninterrupted on this machine (so the
// kills land mid-run in a Release and in a sanitizer build alike); no timing is ever asserted.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>

#include "tests/cli_util.h"

extern char** environ;

using namespace cli;

namespace {

using Clock = std::chrono::steady_clock;

// Under the sanitizers every program runs several times slower: fewer rounds, the same checks.
// (tests/CMakeLists.txt defines DATELINE_SANITIZED as 0 or 1.)
constexpr bool kSanitized = DATELINE_SANITIZED;

unsigned crash_seed() {
    const char* given = std::getenv("DATELINE_CRASH_SEED");
    return given && *given ? static_cast<unsigned>(std::strtoul(given, nullptr, 10))
                           : std::random_device{}();
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void pause(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }

// A program running in the background, stdout and stderr going to files in `dir`.
class Child {
  public:
    Child(const std::string& program, const std::vector<std::string>& args, const fs::path& dir,
          const std::string& name)
        : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
        std::vector<std::string> words = {program};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int rc = posix_spawnp(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE_MESSAGE(rc == 0, "cannot start " << program);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        if (!reaped_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }

    pid_t pid() const { return pid_; }
    // Still running? (Reaps it if it has ended.)
    bool running() {
        if (reaped_) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
        reap(status);
        return false;
    }
    // Sends `signal` unless it has already ended (the pid stays ours until reaped).
    void signal(int signal) {
        if (!reaped_) ::kill(pid_, signal);
    }
    // Exit status, or 128 + the signal that ended it.
    int wait() {
        if (!reaped_) {
            int status = 0;
            while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            reap(status);
        }
        return status_;
    }
    bool killed() const { return reaped_ && status_ > 128; }
    std::string out() const { return read_text(out_); }
    std::string err() const { return read_text(err_); }

  private:
    void reap(int status) {
        reaped_ = true;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    fs::path out_, err_;
    pid_t pid_ = -1;
    bool reaped_ = false;
    int status_ = -1;
};

// `dateline-index check`, its summary line read back.
struct Checked {
    int status = -1;
    long articles = -1, passages = -1, problems = -1, damage = 0, outdated = 0;
    std::string output;
};

Checked check(const fs::path& db, const std::vector<std::string>& paths, const fs::path& dir) {
    std::vector<std::string> args = {"check"};
    args.insert(args.end(), paths.begin(), paths.end());
    args.insert(args.end(), {"--db", db.string()});
    Run r = run(kIndex, args, dir);
    Checked c;
    c.status = r.status;
    c.output = r.out + r.err;
    std::size_t at = r.out.rfind("check: ");
    if (at != std::string::npos &&
        std::sscanf(r.out.c_str() + at,
                    "check: %ld articles, %ld passages, %ld problems: %ld damage, %ld out of date",
                    &c.articles, &c.passages, &c.problems, &c.damage, &c.outdated) < 3)
        c.articles = -1;
    return c;
}

// The generation the stub names ("g3"), "" if there is no stub yet.
std::string served_generation(const fs::path& db) {
    std::ifstream stub(db / "XAPIANDB");
    std::string backend, name;
    stub >> backend >> name;
    return name;
}

std::size_t generation_folders(const fs::path& db) {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        n += entry.is_directory() && name.size() > 1 && name[0] == 'g';
    }
    return n;
}

// Everything an index serves, passage by passage, read through dateline-search.
struct Contents {
    long articles = 0, passages = 0;
    std::map<std::pair<std::string, int>, std::string> texts;  // (article, passage) -> text
    std::map<std::string, int> per_article;                    // passages per article
    std::vector<std::string> duplicates;                       // "id #n" served twice
};

Contents contents(const fs::path& db, const fs::path& dir) {
    Run r = run(kSearch,
                {"--db", db.string(), "--format", "json", "--all-copies", "--limit", "10000000",
                 "--facet-limit", "1"},
                dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    json all = json::parse(r.out);
    Contents c;
    c.articles = all["total_articles"];
    c.passages = all["total_passages"];
    for (const auto& h : all["hits"]) {
        std::pair<std::string, int> key{h["article_id"], h["passage"]};
        if (!c.texts.emplace(key, h["text"]).second)
            c.duplicates.push_back(key.first + " #" + std::to_string(key.second));
        ++c.per_article[key.first];
    }
    return c;
}

// Totals and facets: what a reader sees, cheaply.
json overview(const fs::path& db, const fs::path& dir) {
    Run r = run(kSearch, {"--db", db.string(), "--format", "json", "--limit", "0"}, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    json all = json::parse(r.out);
    return {{"articles", all["total_articles"]},
            {"passages", all["total_passages"]},
            {"facets", all["facets"]}};
}

void check_same(const Contents& got, const Contents& want) {
    CHECK(got.duplicates.empty());
    if (!got.duplicates.empty()) MESSAGE("first duplicate passage: " << got.duplicates.front());
    CHECK(got.articles == want.articles);
    CHECK(got.passages == want.passages);
    CHECK(got.per_article == want.per_article);
    std::size_t differ = 0;
    for (const auto& [key, text] : want.texts) {
        auto it = got.texts.find(key);
        if (it != got.texts.end() && it->second == text) continue;
        if (differ++ == 0)
            MESSAGE("first passage that differs: " << key.first << " #" << key.second);
    }
    CHECK(differ == 0);
}

}  // namespace

TEST_CASE("an import killed at random points stays sound, never shrinks, and ends as one run") {
    if (!have_allsides()) return;
    TempDir tmp;
    constexpr int kArticles = 250;
    const fs::path slice = tmp.path / "slice.jsonl";
    write_slice(slice, kArticles);

    // The reference: the same slice in one go. Its duration and that of a run with nothing to
    // do (start-up) set the range of kill delays.
    const fs::path ref = tmp.path / "ref.db";
    Clock::time_point start = Clock::now();
    Run built = run(kIndex, {"build", slice.string(), "--db", ref.string()}, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    const double whole = seconds_since(start);
    start = Clock::now();
    Run idle = run(kIndex, {"import", slice.string(), "--db", ref.string()}, tmp.path);
    REQUIRE_MESSAGE(idle.out.find(std::to_string(kArticles) + " unchanged") != std::string::npos,
                    (idle.out + idle.err));
    const double startup = seconds_since(start);
    const Contents reference = contents(ref, tmp.path);
    REQUIRE(reference.articles == kArticles);
    REQUIRE(reference.duplicates.empty());

    const unsigned seed = crash_seed();
    MESSAGE("seed " << seed << " (replay: DATELINE_CRASH_SEED=" << seed << ")");
    std::mt19937 rng(seed);
    // One kill in four lands during start-up (opening, or creating, the index); the others
    // while articles are written, each run getting through about a twentieth of the slice.
    std::uniform_real_distribution<double> early(0, startup);
    std::uniform_real_distribution<double> working(startup, startup + whole / 10);

    const fs::path db = tmp.path / "killed.db";
    long last = 0;
    std::ostringstream log;
    int kills = 0;
    const int rounds = kSanitized ? 10 : 16;
    for (int round = 0; round < rounds; ++round) {
        const double delay = round % 4 == 0 ? early(rng) : working(rng);
        Child import(kIndex,
                     {"import", slice.string(), "--db", db.string(), "--commit-every", "200"},
                     tmp.path, "import");
        pause(delay);
        import.signal(SIGKILL);
        const int status = import.wait();
        log << "  kill " << round + 1 << " after " << static_cast<int>(delay * 1000) << " ms: ";
        if (!import.killed()) {
            CHECK_MESSAGE(status == 0, import.err());
            log << "import had finished (exit " << status << ")\n";
            break;
        }
        ++kills;
        const std::string generation = served_generation(db);
        if (generation.empty()) {
            // Killed before its first commit published the index: there was nothing to lose.
            CHECK(last == 0);
            log << "no index published yet\n";
            continue;
        }
        const Checked c = check(db, {slice.string()}, tmp.path);
        CAPTURE(c.output);
        CHECK(c.status != 2);  // 2 = damaged; 1 = sound but behind the slice
        CHECK(c.damage == 0);
        CHECK(c.articles >= last);
        // Behind by exactly the articles not yet imported: none half-written, none different.
        CHECK(c.outdated == kArticles - c.articles);
        Run xapian_check = run("xapian-check", {(db / generation).string()}, tmp.path);
        CHECK_MESSAGE(xapian_check.status == 0, (xapian_check.out + xapian_check.err));
        Run served =
            run(kSearch, {"--db", db.string(), "--format", "json", "--limit", "0"}, tmp.path);
        CHECK_MESSAGE(served.status <= 1, served.err);
        if (served.status == 0) CHECK(json::parse(served.out)["total_articles"] == c.articles);
        log << c.articles << " articles, " << c.passages << " passages committed; check exit "
            << c.status << ", xapian-check exit " << xapian_check.status << "\n";
        last = c.articles;
    }
    MESSAGE(kills << " kills (start-up " << static_cast<int>(startup * 1000) << " ms, whole import "
                  << static_cast<int>(whole * 1000) << " ms):\n"
                  << log.str());
    CHECK(kills >= rounds / 2);

    Run finish = run(
        kIndex, {"import", slice.string(), "--db", db.string(), "--commit-every", "200"}, tmp.path);
    CHECK_MESSAGE(finish.status == 0, finish.err);
    const Checked done = check(db, {slice.string()}, tmp.path);
    CHECK_MESSAGE(done.status == 0, done.output);
    CHECK(done.articles == kArticles);
    check_same(contents(db, tmp.path), reference);
}

TEST_CASE("a build killed at random points leaves the previous index serving, unchanged") {
    if (!have_allsides()) return;
    TempDir tmp;
    const fs::path slice = tmp.path / "slice.jsonl";
    write_slice(slice, 60);
    const fs::path db = tmp.path / "served.db";
    Clock::time_point start = Clock::now();
    Run first = run(kIndex, {"build", slice.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(first.status == 0, first.err);
    const double whole = seconds_since(start);
    const Contents before = contents(db, tmp.path);
    const json seen = overview(db, tmp.path);

    const unsigned seed = crash_seed();
    MESSAGE("seed " << seed << " (replay: DATELINE_CRASH_SEED=" << seed << ")");
    std::mt19937 rng(seed);
    // Up to a little past a whole build: most kills land mid-build, a few after it.
    std::uniform_real_distribution<double> when(0, whole * 1.1);
    std::ostringstream log;
    int killed = 0;
    const int rounds = kSanitized ? 4 : 6;
    for (int round = 0; round < rounds; ++round) {
        const std::string served = served_generation(db);
        const double delay = when(rng);
        Child build(kIndex, {"build", slice.string(), "--db", db.string(), "--commit-every", "500"},
                    tmp.path, "build");
        pause(delay);
        build.signal(SIGKILL);
        const int status = build.wait();
        log << "  kill " << round + 1 << " after " << static_cast<int>(delay * 1000) << " ms: ";
        if (build.killed()) {
            ++killed;
            // Either before the switch (the old generation serves on) or in the moment between
            // the stub's rename and the exit (the new one, complete, serves): never between.
            if (served_generation(db) == served)
                log << "killed; " << served << " still served";
            else
                log << "killed after its switch; " << served_generation(db) << " served";
        } else {
            CHECK_MESSAGE(status == 0, build.err());
            CHECK(served_generation(db) != served);
            log << "build had finished, " << served_generation(db) << " served";
        }
        CHECK(overview(db, tmp.path) == seen);
        const Checked c = check(db, {}, tmp.path);
        CHECK_MESSAGE(c.status == 0, c.output);
        CHECK(c.articles == before.articles);
        Run xapian_check = run("xapian-check", {(db / served_generation(db)).string()}, tmp.path);
        CHECK_MESSAGE(xapian_check.status == 0, (xapian_check.out + xapian_check.err));
        log << ", check exit " << c.status << ", " << generation_folders(db)
            << " generation folders\n";
    }
    MESSAGE(killed << " builds killed of " << rounds
                   << " (a whole build: " << static_cast<int>(whole * 1000) << " ms):\n"
                   << log.str());
    check_same(contents(db, tmp.path), before);
    // A build that completes clears what the killed ones left: the new and the previous remain.
    Run last = run(kIndex, {"build", slice.string(), "--db", db.string()}, tmp.path);
    CHECK_MESSAGE(last.status == 0, last.err);
    CHECK(generation_folders(db) <= 2);
    check_same(contents(db, tmp.path), before);
}

// An article of about `mb` MB of distinct sentences, so that indexing it takes seconds.
void write_huge_article(const fs::path& path, int mb) {
    std::ofstream out(path);
    out << "Title: A very long article\nSource: Test\nDate: 2020-01-01\n\n";
    const std::size_t limit = static_cast<std::size_t>(mb) << 20;
    for (std::size_t n = 0, size = 0; size < limit; ++n) {
        std::string p = "Paragraph " + std::to_string(n) + " says that the council met on day " +
                        std::to_string(n % 365) + " and voted " + std::to_string(n * 7 % 1000) +
                        " times on the bridge.\n\n";
        size += p.size();
        out << p;
    }
}

TEST_CASE("a build stopped by SIGINT or SIGTERM during its last, huge article changes nothing") {
    TempDir tmp;
    const fs::path corpus = tmp.path / "corpus";
    fs::create_directory(corpus);
    for (const auto& entry : fs::directory_iterator(kSource / "corpus"))
        fs::copy_file(entry.path(), corpus / entry.path().filename());
    const fs::path db = tmp.path / "served.db";
    Run first = run(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path);
    REQUIRE_MESSAGE(first.status == 0, first.err);
    const json seen = overview(db, tmp.path);
    const std::string served = served_generation(db);
    // Read last: ids are taken in name order.
    write_huge_article(corpus / "zz-huge.txt", kSanitized ? 2 : 4);
    Clock::time_point start = Clock::now();
    Run whole =
        run(kIndex, {"build", corpus.string(), "--db", (tmp.path / "whole.db").string()}, tmp.path);
    REQUIRE_MESSAGE(whole.status == 0, whole.err);
    const double seconds = seconds_since(start);  // the seed articles take a small part of it
    for (int signal : {SIGINT, SIGTERM}) {
        Child build(kIndex, {"build", corpus.string(), "--db", db.string()}, tmp.path, "build");
        pause(seconds * 0.6);
        build.signal(signal);
        const int status = build.wait();
        CAPTURE(signal);
        CHECK_MESSAGE(status == 2, build.err());
        CHECK(build.err().find("interrupted") != std::string::npos);
        CHECK(served_generation(db) == served);
        CHECK(overview(db, tmp.path) == seen);
    }
}

TEST_CASE("searches never fail while an import commits or a build switches generation") {
    if (!have_allsides()) return;
    TempDir tmp;
    const fs::path big = tmp.path / "big.jsonl";
    const fs::path small = tmp.path / "small.jsonl";
    write_slice(big, 1500);
    write_slice(small, 60);
    const std::vector<std::vector<std::string>> queries = {
        {},
        {"trump"},
        {"\"white house\""},
        {"--source", "CNN (Web News)", "president"},
        {"--source", "Fox Online News", "--source", "Vox", "election"},
        {"speaker:Trump"},
        {"--from", "2020-01", "senate OR congress"},
        {"title:biden", "--location", "Washington"},
        {"health NEAR care"},
        {"nation*", "--facet-limit", "3"},
    };
    std::map<std::string, int> errors;
    int searches = 0, failures = 0, while_writing = 0;
    auto search = [&](const fs::path& db, int i) {
        std::vector<std::string> args = queries[static_cast<std::size_t>(i) % queries.size()];
        args.insert(args.begin(), {"--db", db.string(), "--format", "json", "--limit", "5"});
        Run r = run(kSearch, args, tmp.path);
        ++searches;
        if (r.status == 2) {
            ++failures;
            ++errors[r.err];
        }
    };

    // An import committing every 200 passages.
    const fs::path db = tmp.path / "busy.db";
    {
        Child import(kIndex, {"import", big.string(), "--db", db.string(), "--commit-every", "200"},
                     tmp.path, "import");
        while (served_generation(db).empty() && import.running()) pause(0.02);
        for (int i = 0; i < (kSanitized ? 120 : 300); ++i) {
            while_writing += import.running();
            search(db, i);
        }
        import.signal(SIGTERM);
        import.wait();
    }
    const int import_searches = searches, import_failures = failures;

    // Builds one after another, each switching the generation under the searches.
    const fs::path switching = tmp.path / "switching.db";
    REQUIRE(run(kIndex, {"build", small.string(), "--db", switching.string()}, tmp.path).status ==
            0);
    int switches = 0;
    {
        auto rebuild = [&] {
            return std::make_unique<Child>(
                kIndex,
                std::vector<std::string>{"build", small.string(), "--db", switching.string()},
                tmp.path, "build");
        };
        std::unique_ptr<Child> build = rebuild();
        // A minimum of searches and of switches (bounded, in case builds stop switching).
        const int minimum = kSanitized ? 80 : 200;
        for (int i = 0; (i < minimum || switches < 3) && i < 5000; ++i) {
            if (!build->running()) {
                CHECK_MESSAGE(build->wait() == 0, build->err());
                ++switches;
                build = rebuild();
            }
            search(switching, i);
        }
    }
    std::ostringstream what;
    for (const auto& [message, n] : errors) what << n << " x " << message;
    MESSAGE(import_searches << " searches during an import (" << while_writing
                            << " while it was writing): " << import_failures << " failed; "
                            << searches - import_searches << " during " << switches
                            << " generation switches: " << failures - import_failures << " failed\n"
                            << what.str());
    CHECK(while_writing > 0);
    CHECK(switches >= 3);
    CHECK(failures == 0);
}

TEST_CASE(
    "a second writer is turned away naming the first one's pid, or waits with --wait, saying so") {
    if (!have_allsides()) return;
    SeedsIndex seeds;
    const fs::path extra = seeds.tmp.path / "extra.txt";
    write_file(extra,
               "Title: Zyxwvut council meets\nSource: Test Wire\nDate: 2021-03-04\n\nThe "
               "zyxwvut council met on Thursday and agreed a budget for the coming year.\n");
    // The whole allsides file: far more than this test lasts; it is stopped with SIGTERM.
    Child import(kIndex,
                 {"import", kAllsides.string(), "--db", seeds.db.string(), "--commit-every", "200"},
                 seeds.tmp.path, "import");
    const std::string pid = std::to_string(import.pid());
    while (import.running()) {  // holding the lock once its pid is in the lock file
        std::string holder = read_text(seeds.db / "writer.lock");
        if (holder.substr(0, holder.find('\n')) == pid) break;
        pause(0.01);
    }
    REQUIRE_MESSAGE(import.running(), import.err());

    Run second = seeds.index({"add", extra.string()});
    CHECK(second.status == 2);
    CHECK_MESSAGE(second.err.find("is being updated by another process (pid " + pid + ")") !=
                      std::string::npos,
                  second.err);
    // A reader: it says a writer is at work, and calls nothing it sees meanwhile damage
    // (Xapian's check does, of blocks the writer rewrites under it).
    const Checked during = check(seeds.db, {}, seeds.tmp.path);
    CHECK_MESSAGE(during.output.find("problem:") == std::string::npos, during.output);
    CHECK_MESSAGE(
        during.output.find("note: a writer (pid " + pid + ") is updating") != std::string::npos,
        during.output);

    Child waiting(kIndex, {"add", extra.string(), "--wait", "--db", seeds.db.string()},
                  seeds.tmp.path, "waiting");
    // It says that it waits, with the holder's pid, before it blocks (start-up takes a while
    // under the sanitizers: wait for the note, not a fixed time).
    const std::string note = "note: waiting for another writer (pid " + pid + ")";
    for (int i = 0; i < 3000 && waiting.running() && waiting.err().find(note) == std::string::npos;
         ++i)
        pause(0.01);
    CHECK_MESSAGE(waiting.err().find(note) != std::string::npos, waiting.err());
    pause(0.3);
    CHECK(waiting.running());  // blocked behind the import, not failed
    import.signal(SIGTERM);
    CHECK(import.wait() == 2);  // interrupted: what it did is committed
    CHECK_MESSAGE(waiting.wait() == 0, waiting.err());
    CHECK(waiting.out().find("add: 1 added") != std::string::npos);
    CHECK(seeds.search({"zyxwvut"}).status == 0);
    const Checked after = check(seeds.db, {}, seeds.tmp.path);
    CHECK_MESSAGE(after.status == 0, after.output);
}

TEST_CASE("check: 0 sound, 1 behind its sources, 2 damaged, each problem says what to do") {
    SeedsIndex seeds;
    const fs::path& dir = seeds.tmp.path;
    Checked clean = check(seeds.db, {seeds.corpus.string()}, dir);
    CHECK_MESSAGE(clean.status == 0, clean.output);
    CHECK(clean.articles == 5);
    CHECK(clean.problems == 0);

    // Behind: a new file, an edited one, a deleted one.
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(seeds.corpus)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    write_file(seeds.corpus / "extra.txt",
               "Title: Extra\nSource: Test Wire\nDate: 2021-03-04\n\nA new article arrived.\n");
    std::ofstream(files[0], std::ios::app) << "\nA paragraph added later.\n";
    fs::remove(files[1]);
    Checked behind = check(seeds.db, {seeds.corpus.string()}, dir);
    CAPTURE(behind.output);
    CHECK(behind.status == 1);
    CHECK(behind.damage == 0);
    CHECK(behind.outdated == 3);
    for (const std::string& expected : std::vector<std::string>{
             "extra.txt: article 'extra' is not in the index; add it: dateline-index update ",
             files[0].filename().string() + ": article '" + files[0].stem().string() +
                 "' differs from its indexed version",
             "article '" + files[1].stem().string() + "' is indexed from "})
        CHECK_MESSAGE(behind.output.find(expected) != std::string::npos, expected);
    CHECK(seeds.index({"update", seeds.corpus.string()}).status == 0);
    CHECK(check(seeds.db, {seeds.corpus.string()}, dir).status == 0);

    // Damage, made with Xapian's own metadata tool: a record that miscounts its passages, one
    // deleted (its passages orphaned), one marked half-written, a foreign schema version.
    const fs::path generation = seeds.db / served_generation(seeds.db);
    auto set = [&](const std::string& key, const std::string& value) {
        Run r = run("xapian-metadata", {"set", generation.string(), key, value}, dir);
        REQUIRE_MESSAGE(r.status == 0, r.err);
    };
    const std::string a = files[0].stem().string(), b = files[2].stem().string(),
                      c = files[3].stem().string();
    set("article:" + a, json{{"id", a}, {"hash", "x"}, {"origin", "x"}, {"passages", 999}}.dump());
    set("article:" + b, "");
    set("article:" + c,
        json{{"id", c}, {"hash", ""}, {"origin", files[3].string()}, {"incomplete", true}}.dump());
    set("dateline:schema", "0");
    Checked damaged = check(seeds.db, {}, dir);
    CAPTURE(damaged.output);
    CHECK(damaged.status == 2);
    CHECK(damaged.damage == 3);
    CHECK(damaged.outdated == 1);
    for (const std::string& expected : std::vector<std::string>{
             "problem: article '" + a + "' has ", "its record says 999; remove it",
             "problem: article '" + b + "': ", "passage(s) but no article record; rebuild",
             "problem: article '" + c + "' was only partly written",
             "finish it: dateline-index update", "problem: schema version is '0'"})
        CHECK_MESSAGE(damaged.output.find(expected) != std::string::npos, expected);

    // Broken blocks in a table: Xapian's check finds them.
    TempDir copy;
    fs::copy(seeds.db, copy.path / "db", fs::copy_options::recursive);
    const fs::path postlist = copy.path / "db" / served_generation(seeds.db) / "postlist.glass";
    {
        std::fstream table(postlist, std::ios::in | std::ios::out | std::ios::binary);
        const std::string junk(64, '\xff');
        for (std::uintmax_t block = 0; block * 8192 < fs::file_size(postlist); ++block) {
            table.seekp(static_cast<std::streamoff>(block * 8192 + 2000));
            table.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        }
    }
    Checked broken = check(copy.path / "db", {}, dir);
    CHECK(broken.status == 2);
    CHECK_MESSAGE(broken.output.find("problem: Xapian's check") != std::string::npos,
                  broken.output);

    Run none = run(kIndex, {"check", "--db", (dir / "nothing-here").string()}, dir);
    CHECK(none.status == 2);
    CHECK(none.err.find("no index at") != std::string::npos);
    Run zero = seeds.index({"update", seeds.corpus.string(), "--commit-every", "0"});
    CHECK(zero.status == 2);
    CHECK(zero.err.find("--commit-every takes a number of passages, 1 or more") !=
          std::string::npos);
}
