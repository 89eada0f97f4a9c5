// dateline-index: read the command line, run the command, print its summary. Options are in
// options.cpp, the work in src/index/.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>

#include "indexer/options.h"
#include "src/base/asan_options.h"  // check runs Xapian's Database::check in-process
#include "src/base/errors.h"
#include "src/cli/cli.h"
#include "src/index/check.h"
#include "src/index/index.h"
#include "src/ingest/entities.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitOutOfDate = 1;  // check: the index is sound but behind its sources
constexpr int kExitError = 2;

void on_signal(int) { dateline::request_stop(); }

}  // namespace

namespace {

void print_summary(const std::string& what, const dateline::IndexSummary& s,
                   const std::string& db) {
    std::cout << what << ": " << s.added << " added, " << s.updated << " updated, " << s.unchanged
              << " unchanged, " << s.removed << " removed, " << s.skipped << " skipped; "
              << s.passages << " passages written in " << std::fixed << std::setprecision(2)
              << s.seconds << " s (" << db << ")" << std::endl;
}

// The progress line on a terminal, rewritten in place, and cleared at the end.
void show_progress(const dateline::IndexProgress& p) {
    if (p.finished)
        std::cerr << "\r\033[K" << std::flush;
    else
        std::cerr << "\r" << p.articles << " articles, " << p.passages << " passages written"
                  << std::flush;
}

int fail(const std::string& message) {
    std::cerr << "dateline-index: " << message << "\n";
    return kExitError;
}

// A Xapian error as the user can act on it: Xapian's own lock is busy only when a program
// other than Dateline writes the database (Dateline's writers queue on writer.lock first);
// any other lock or open failure is the files' permissions or the system's limits.
std::string xapian_error_message(const Xapian::Error& e) {
    const std::string what = e.get_description();
    const auto says = [&](const char* text) { return what.find(text) != std::string::npos; };
    if (std::string(e.get_type()) == "DatabaseLockError" && says("already locked"))
        return what + "; another program (not a Dateline writer) is writing it: let it finish";
    if (says("Permission denied") || says("Read-only file system"))
        return what +
               "; you may not write to this index: check its owner and permissions "
               "(ls -l), or run as its owner";
    if (says("Too many open files"))
        return what + "; raise the limit of open files (ulimit -n), or use fewer shards";
    return what;
}

// Bad lines in the user's schema files, shown once before the work (the lines are ignored).
void show_lexicon_problems() {
    for (const auto& problem : dateline::Lexicon::standard()->load_problems())
        std::cerr << problem.message() << "\n";
}

// `check`: one line per problem, then a summary; the exit status tells damage from lag.
int run_check(const dateline::IndexCommand& cmd) {
    show_lexicon_problems();
    using Kind = dateline::CheckProblem::Kind;
    const std::string& db = cmd.options.db_path;
    dateline::CheckResult r = dateline::check_index(
        {db, cmd.args, cmd.options.follow_outside_links, cmd.options.input_fields},
        [](const dateline::Problem& p) { std::cerr << p.message() << "\n"; });
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

// Ctrl-C / SIGTERM: stop between articles, commit what is done (or drop a half build).
void install_signal_handlers() {
    struct sigaction action = {};
    action.sa_handler = on_signal;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

bool reads_paths(const std::string& command) {
    return command == "build" || command == "update" || command == "add";
}

// The PATHs of build, update and add, listed before the writer starts (see below).
std::vector<dateline::PathSources> list_paths(const dateline::IndexCommand& cmd) {
    std::vector<dateline::PathSources> listed;
    const std::vector<std::string> paths =
        reads_paths(cmd.command) || cmd.command == "import" ? cmd.args : std::vector<std::string>{};
    const auto links = dateline::link_rule(paths, cmd.options.follow_outside_links);
    for (const auto& path : paths) listed.push_back(dateline::list_path(path, links));
    return listed;
}

// Files the writer creates withhold the read permissions their sources withhold: an index of
// files only their owner may read is not readable by others either.
void withhold_from_new_files(std::filesystem::perms withheld) {
    const auto bits = static_cast<mode_t>(withheld);
    const mode_t mask = ::umask(0);
    ::umask(mask | bits);
}

void dispatch(dateline::IndexWriter& writer, const dateline::IndexCommand& cmd,
              const std::vector<dateline::PathSources>& listed) {
    const std::string& command = cmd.command;
    if (reads_paths(command)) {
        writer.index_listed(cmd.args, listed);
        if (command == "update") writer.remove_unseen(cmd.args);
    } else if (command == "import") {
        for (const auto& file : cmd.args) writer.import_collection(file);
    } else {
        for (const auto& id : cmd.args) writer.remove_article(id);
    }
}

// build, update, add, remove, import: the writer at work, then its summary.
int run_writer(dateline::IndexCommand cmd) {
    dateline::IndexOptions& options = cmd.options;
    if (::isatty(STDERR_FILENO)) options.progress = show_progress;
    install_signal_handlers();
    show_lexicon_problems();  // after the handler: loading takes a while, and may be interrupted
    bool errors = false;
    auto report = [&](const dateline::Problem& problem) {
        if (options.progress) std::cerr << "\r\033[K";
        std::cerr << problem.message() << "\n";
        if (problem.severity == dateline::Severity::Error) errors = true;
    };
    const std::vector<dateline::PathSources> listed = list_paths(cmd);
    withhold_from_new_files(dateline::withheld_permissions(listed));
    using Mode = dateline::IndexWriter::Mode;
    dateline::IndexWriter writer(options, cmd.command == "build" ? Mode::Rebuild : Mode::Update,
                                 report);
    dateline::IndexSummary s;
    try {
        dispatch(writer, cmd, listed);
        s = writer.finish();
    } catch (const dateline::Interrupted&) {
        if (cmd.command == "build") {
            // The writer's destructor removes the half-built generation.
            return fail("build interrupted; nothing changed, the previous index stays in service");
        }
        print_summary(cmd.command + " (interrupted)", writer.finish(), options.db_path);
        return fail(
            "interrupted; what was indexed so far is committed; run the same command "
            "again to finish");
    }
    print_summary(cmd.command, s, options.db_path);
    return errors || s.skipped ? kExitError : kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
    const dateline::IndexCommand cmd = dateline::parse_index_command(argc, argv);
    switch (cmd.action) {
        case dateline::IndexCommand::Action::Help:
            std::cout << dateline::index_help();
            return kExitOk;
        case dateline::IndexCommand::Action::Version:
            std::cout << dateline::version_line("dateline-index") << "\n";
            return kExitOk;
        case dateline::IndexCommand::Action::Run:
            break;
    }
    // Everything that reads the schema asks default_schema_dir(), which reads this first.
    if (!cmd.schema_dir.empty()) ::setenv("DATELINE_SCHEMA", cmd.schema_dir.c_str(), 1);
    const int status = cmd.command == "check" ? run_check(cmd) : run_writer(cmd);
    // Output that could not all be written (a full disk, /dev/full) is an error, not a report.
    std::cout.flush();
    if (!std::cout)
        return fail(std::string("cannot write the output (") + std::strerror(errno) + ")");
    return status;
} catch (const dateline::Interrupted&) {
    return fail("interrupted before anything was written; nothing changed");
} catch (const Xapian::Error& e) {
    return fail(xapian_error_message(e));
} catch (const std::exception& e) {
    return fail(dateline::reason(e));
}
