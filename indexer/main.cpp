// dateline-index: option parsing and the summary line; the work is in src/index.cpp.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <thread>

#include "src/cli/cli.h"
#include "src/index/check.h"
#include "src/index/index.h"
#include "src/ingest/entities.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitOutOfDate = 1;  // check: the index is sound but behind its sources
constexpr int kExitError = 2;

const char* kUsage =
    "Usage: dateline-index COMMAND ARGS... [options]\n"
    "\n"
    "Commands:\n"
    "  build PATH...          index these folders/files into a new database that replaces the\n"
    "                         old one atomically\n"
    "  update PATH...         make the index match these folders/files: add new articles,\n"
    "                         re-index changed ones, remove deleted ones\n"
    "  add FILE...            add or re-index these article files\n"
    "  remove ID...           remove these articles\n"
    "  import FILE.jsonl...   add or re-index the articles of JSON Lines files (.gz read too)\n"
    "  check [PATH...]        verify the index (read-only): Xapian's check, every passage and\n"
    "                         article record; with PATHs, also that it holds what they hold\n"
    "\n"
    "Folders are searched recursively for *.txt article files; *.jsonl[.gz] paths are imported.\n"
    "Exit status: 0 done, 2 if anything was skipped or failed (each reported on stderr) or the\n"
    "run was interrupted (Ctrl-C, SIGTERM: what was done is committed; a build changes nothing).\n"
    "check: 0 sound (and level with the PATHs), 1 sound but out of date (articles to add,\n"
    "re-index or remove, or one left half-written: run update), 2 damaged, a PATH unreadable,\n"
    "or a writer committing too often for the check to finish.\n";

void on_signal(int) { dateline::request_stop(); }

}  // namespace

// libxapian 1.4.22's Database::check (behind `check`) deletes each GlassTableCheck through an
// AutoPtr<GlassTable>, whose destructor is not virtual: a sized delete of 432 bytes for a
// 440-byte object. Harmless with glibc's allocator, but AddressSanitizer stops the program
// there, in code we cannot change; sanitizer builds let that one kind of report pass.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DATELINE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(DATELINE_ASAN)
extern "C" const char* __asan_default_options() { return "new_delete_type_mismatch=0"; }
#endif

namespace {

void print_summary(const std::string& what, const dateline::IndexSummary& s,
                   const std::string& db) {
    std::cout << what << ": " << s.added << " added, " << s.updated << " updated, " << s.unchanged
              << " unchanged, " << s.removed << " removed, " << s.skipped << " skipped; "
              << s.passages << " passages written in " << std::fixed << std::setprecision(2)
              << s.seconds << " s (" << db << ")" << std::endl;
}

int fail(const std::string& message) {
    std::cerr << "dateline-index: " << message << "\n";
    return kExitError;
}

// Bad lines in the user's schema files, shown once before the work (the lines are ignored).
void show_lexicon_problems() {
    for (const auto& problem : dateline::Lexicon::standard()->load_problems())
        std::cerr << problem.message() << "\n";
}

// `check`: one line per problem, then a summary; the exit status tells damage from lag.
int run_check(const std::string& db, const std::vector<std::string>& paths) {
    show_lexicon_problems();
    using Kind = dateline::CheckProblem::Kind;
    dateline::CheckResult r = dateline::check_index(
        {db, paths}, [](const dateline::Problem& p) { std::cerr << p.message() << "\n"; });
    for (const auto& note : r.notes) std::cout << "note: " << note << "\n";
    for (const auto& p : r.problems) std::cout << "problem: " << p.message << "\n";
    std::size_t damage = r.count(Kind::Damage), behind = r.count(Kind::OutOfDate);
    if (!r.unfinished.empty()) {
        std::cout << "check: not finished: " << r.unfinished << " (" << db << ")" << std::endl;
        return kExitError;
    }
    std::cout << "check: " << r.articles << " articles, " << r.passages << " passages, "
              << r.problems.size() << " problems";
    if (!r.problems.empty()) std::cout << ": " << damage << " damage, " << behind << " out of date";
    std::cout << " (" << db << (r.generation.empty() ? "" : "/" + r.generation) << ")" << std::endl;
    if (r.sources_failed)
        std::cerr << "dateline-index: check: some PATHs could not be read (above); the index was "
                     "not compared with them\n";
    if (damage > 0 || r.sources_failed) return kExitError;
    return behind > 0 ? kExitOutOfDate : kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
    dateline::IndexOptions options;
    std::vector<std::string> words;
    long long commit_every = static_cast<long long>(options.commit_every);
    long long jobs = std::max(1u, std::thread::hardware_concurrency());
    long long shards = 0;
    po::options_description visible("Options");
    visible.add_options()("db", po::value(&options.db_path),
                          "index location (default: $DATELINE_DB, else ./dateline.db)")(
        "wait", po::bool_switch(&options.wait_for_lock),
        "wait for another indexer to finish instead of failing")(
        "commit-every", po::value(&commit_every),
        ("passages per commit (default " + std::to_string(options.commit_every) +
         "): fewer keep less in memory and lose less to a crash, more index faster")
            .c_str())(
        "jobs,j", po::value(&jobs),
        ("threads that index (default: the number of cores, here " + std::to_string(jobs) +
         "); a build merges what they wrote into one database, unless --shards keeps several")
            .c_str())("shards", po::value(&shards),
                      "build: split the index into N databases (articles routed by a hash of "
                      "their id), to serve from several machines with xapian-tcpsrv; update "
                      "and the other commands keep the index's own number")(
        "help,h", "show this help")("version", "show the version");
    po::variables_map vm;
    try {
        vm = dateline::parse_command_line(argc, argv, visible, words);
    } catch (const po::error& e) {
        return fail(std::string(e.what()) + "; see dateline-index --help");
    }
    if (vm.count("help")) {
        std::cout << kUsage << "\n" << visible;
        return kExitOk;
    }
    if (vm.count("version")) {
        std::cout << dateline::version_line("dateline-index") << "\n";
        return kExitOk;
    }
    if (words.empty()) return fail("no command given; see dateline-index --help");
    std::string command = words.front();
    std::vector<std::string> args(words.begin() + 1, words.end());
    static const char* kCommands[] = {"build", "update", "add", "remove", "import", "check"};
    if (std::find(std::begin(kCommands), std::end(kCommands), command) == std::end(kCommands))
        return fail("unknown command '" + command +
                    "'; choose one of: build, update, add, remove, import, check");
    if (commit_every < 1) return fail("--commit-every takes a number of passages, 1 or more");
    options.commit_every = static_cast<std::size_t>(commit_every);
    if (jobs < 1 || jobs > 256) return fail("--jobs takes a number of threads from 1 to 256");
    if (vm.count("shards") && (shards < 1 || shards > 1024))
        return fail("--shards takes a number of databases from 1 to 1024");
    if (vm.count("shards") && command != "build")
        return fail(
            "--shards goes with build (an index keeps its number of shards until the "
            "next build)");
    options.jobs = static_cast<std::size_t>(jobs);
    options.shards = static_cast<std::size_t>(shards);
    if (command == "check") return run_check(options.db_path, args);
    if (args.empty())
        return fail(command + " needs at least one " +
                    (command == "remove" ? "article id" : "path") + "; e.g. dateline-index " +
                    command + (command == "remove" ? " ID" : " corpus/"));

    options.progress = ::isatty(STDERR_FILENO);
    // Ctrl-C / SIGTERM: stop between articles, commit what is done (or drop a half build).
    struct sigaction action = {};
    action.sa_handler = on_signal;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    show_lexicon_problems();  // after the handler: loading takes a while, and may be interrupted
    bool errors = false;
    auto report = [&](const dateline::Problem& problem) {
        if (options.progress) std::cerr << "\r\033[K";
        std::cerr << problem.message() << "\n";
        if (problem.severity == dateline::Severity::Error) errors = true;
    };
    using Mode = dateline::IndexWriter::Mode;
    dateline::IndexWriter writer(options, command == "build" ? Mode::Rebuild : Mode::Update,
                                 report);
    try {
        if (command == "build" || command == "update" || command == "add") {
            writer.index_paths(args);
            if (command == "update") writer.remove_unseen(args);
        } else if (command == "import") {
            for (const auto& file : args) writer.import_jsonl(file);
        } else {
            for (const auto& id : args) writer.remove_article(id);
        }
    } catch (const dateline::Interrupted&) {
        if (command == "build") {
            // The writer's destructor removes the half-built generation.
            return fail("build interrupted; nothing changed, the previous index stays in service");
        }
        print_summary(command + " (interrupted)", writer.finish(), options.db_path);
        return fail(
            "interrupted; what was indexed so far is committed; run the same command "
            "again to finish");
    }
    dateline::IndexSummary s = writer.finish();
    print_summary(command, s, options.db_path);
    return errors || s.skipped ? kExitError : kExitOk;
} catch (const Xapian::DatabaseLockError& e) {
    return fail("index is locked by another writer (" + e.get_msg() + "); retry, or pass --wait");
} catch (const Xapian::Error& e) {
    return fail(e.get_description());
} catch (const std::exception& e) {
    return fail(e.what());
}
