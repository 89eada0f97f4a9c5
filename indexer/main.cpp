// dateline-index: option parsing and the summary line; the work is in src/index.cpp.
#include <unistd.h>

#include <csignal>
#include <iomanip>
#include <iostream>

#include "src/cli.h"
#include "src/index.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
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
    "\n"
    "Folders are searched recursively for *.txt article files; *.jsonl[.gz] paths are imported.\n"
    "Exit status: 0 done, 2 if anything was skipped or failed (each reported on stderr) or the\n"
    "run was interrupted (Ctrl-C, SIGTERM: what was done is committed; a build changes nothing).\n";

void on_signal(int) { dateline::request_stop(); }

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

}  // namespace

int main(int argc, char** argv) try {
    dateline::IndexOptions options;
    std::vector<std::string> words;
    po::options_description visible("Options");
    visible.add_options()("db", po::value(&options.db_path),
                          "index location (default: $DATELINE_DB, else ./dateline.db)")(
        "wait", po::bool_switch(&options.wait_for_lock),
        "wait for another indexer to finish instead of failing")("help,h", "show this help");
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
    if (words.empty()) return fail("no command given; see dateline-index --help");
    std::string command = words.front();
    std::vector<std::string> args(words.begin() + 1, words.end());
    static const char* kCommands[] = {"build", "update", "add", "remove", "import"};
    if (std::find(std::begin(kCommands), std::end(kCommands), command) == std::end(kCommands))
        return fail("unknown command '" + command +
                    "'; choose one of: build, update, add, remove, import");
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
    bool errors = false;
    auto report = [&](const std::string& message) {
        if (options.progress) std::cerr << "\r\033[K";
        std::cerr << message << "\n";
        if (message.find(": error:") != std::string::npos) errors = true;
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
