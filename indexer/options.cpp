// dateline-index's commands and options, each defined once with its help and its checks.
#include "indexer/options.h"

#include <algorithm>
#include <sstream>
#include <thread>

#include "src/base/errors.h"
#include "src/cli/cli.h"

namespace po = boost::program_options;

namespace dateline {

namespace {

struct CommandSpec {
    const char* name;
    const char* args;                // as the usage shows them
    std::vector<const char*> lines;  // its help, one line each
};

const std::vector<CommandSpec>& commands() {
    static const std::vector<CommandSpec> kCommands = {
        {"build",
         "PATH...",
         {"index these folders/files into a new database that replaces the", "old one atomically"}},
        {"update",
         "PATH...",
         {"make the index match these folders/files: add new articles,",
          "re-index changed ones, remove deleted ones"}},
        {"add", "FILE...", {"add or re-index these article files"}},
        {"remove", "ID...", {"remove these articles"}},
        {"import",
         "FILE.jsonl...",
         {"add or re-index the articles of JSON Lines files (.gz read too)"}},
        {"check",
         "[PATH...]",
         {"verify the index (read-only): Xapian's check, every passage and",
          "article record; with PATHs, also that it holds what they hold"}},
    };
    return kCommands;
}

const char* kUsageTop = "Usage: dateline-index COMMAND ARGS... [options]\n\nCommands:\n";
const char* kUsageEnd =
    "\n"
    "Folders are searched recursively for *.txt article files, web pages (*.html, *.htm,\n"
    "*.xhtml, also .gz), JSON Lines (*.jsonl[.gz]) and feeds (*.rss, *.atom, an *.xml feed);\n"
    "their other files are counted, never read. - reads JSON Lines from the standard input.\n"
    "Exit status: 0 done, 2 if anything was skipped or failed (each reported on stderr) or the\n"
    "run was interrupted (Ctrl-C, SIGTERM: what was done is committed; a build changes nothing).\n"
    "check: 0 sound (and level with the PATHs), 1 sound but out of date (articles to add,\n"
    "re-index or remove, or one left half-written: run update), 2 damaged, a PATH unreadable,\n"
    "or a writer committing too often for the check to finish.\n";

std::string usage() {
    std::ostringstream out;
    out << kUsageTop;
    for (const CommandSpec& c : commands()) {
        std::string head = std::string("  ") + c.name + " " + c.args;
        for (std::size_t i = 0; i < c.lines.size(); ++i) {
            std::string lead = i == 0 ? head : "";
            lead.resize(std::max<std::size_t>(lead.size() + 1, 25), ' ');
            out << lead << c.lines[i] << "\n";
        }
    }
    out << kUsageEnd;
    return out.str();
}

// The raw values of the options that are checked after parsing.
struct Raw {
    std::vector<std::string> words;
    std::vector<std::string> fields;           // --field FIELD=KEY
    std::vector<std::string> facets, filters;  // --facet NAME, --filter NAME
    std::string schema;
    long long commit_every = 0, jobs = 0, shards = 0;
};

long long default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

po::options_description index_options(IndexOptions& options, Raw& raw) {
    const long long jobs = default_jobs();
    po::options_description visible("Options");
    visible.add_options()("db", po::value(&options.db_path),
                          "index location (default: $DATELINE_DB, else ./dateline.db)")(
        "wait", po::bool_switch(&options.wait_for_lock),
        "wait for another indexer to finish instead of failing")(
        "allow-empty", po::bool_switch(&options.allow_empty),
        "update: remove the articles of a PATH that now holds none (without it, update "
        "refuses: an unmounted disk looks the same)")(
        "follow-outside-links", po::bool_switch(&options.follow_outside_links),
        "follow links in folders to files outside the PATHs given (without it, such links "
        "are skipped, so that a planted link cannot make a private file searchable)")(
        "commit-every", po::value(&raw.commit_every),
        ("passages per commit (default " + std::to_string(options.commit_every) +
         "): fewer keep less in memory and lose less to a crash, more index faster")
            .c_str())(
        "jobs,j", po::value(&raw.jobs),
        ("threads that index (default: the number of cores, here " + std::to_string(jobs) +
         "); a build merges what they wrote into one database, unless --shards keeps several")
            .c_str())("shards", po::value(&raw.shards),
                      "build: split the index into N databases (articles routed by a hash of "
                      "their id), to serve from several machines with xapian-tcpsrv; update "
                      "and the other commands keep the index's own number")(
        "field", po::value(&raw.fields)->value_name("FIELD=KEY")->composing(),
        ("JSON Lines: read FIELD from the records' KEY (repeatable), e.g. --field "
         "source=outlet; FIELD is one of " +
         InputFields::fields() +
         " (without it, a field is read from its own key or from the usual other names: "
         "outlet or publisher for source, headline for title, content for text...)")
            .c_str())(
        "facet", po::value(&raw.facets)->value_name("NAME")->composing(),
        "build: keep the articles' field NAME (a header key, a JSON Lines key; repeatable), "
        "searchable as NAME:value and with dateline-search --where NAME=VALUE, and counted as "
        "a facet: --facet bias --facet topic")(
        "filter", po::value(&raw.filters)->value_name("NAME")->composing(),
        "build: the same, without a facet")(
        "keep-repeated", po::bool_switch(&options.keep_repeated),
        "build: keep paragraphs an outlet prints under many of its articles (newsletter "
        "promos, author boxes), which are otherwise left out as its furniture; indexes built "
        "apart and searched together then answer exactly as one")(
        "schema", po::value(&raw.schema)->value_name("DIR"),
        "the schema folder (speech verbs, aliases, places, first names): default "
        "$DATELINE_SCHEMA, else share/dateline/schema beside the program, else the source "
        "tree's schema/")("help,h", "show this help")("version", "show the version");
    return visible;
}

std::string command_names() {
    std::string out;
    for (const CommandSpec& c : commands()) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

// The command and its arguments, checked.
void take_command(const std::vector<std::string>& words, IndexCommand& cmd) {
    if (words.empty()) throw UsageError("no command given; see dateline-index --help");
    cmd.command = words.front();
    cmd.args.assign(words.begin() + 1, words.end());
    const auto& all = commands();
    if (std::none_of(all.begin(), all.end(),
                     [&](const CommandSpec& c) { return cmd.command == c.name; }))
        throw UsageError("unknown command '" + cmd.command +
                         "'; choose one of: " + command_names());
}

void take_numbers(const Raw& raw, const po::variables_map& vm, IndexCommand& cmd) {
    if (raw.commit_every < 1)
        throw UsageError("--commit-every takes a number of passages, 1 or more");
    cmd.options.commit_every = static_cast<std::size_t>(raw.commit_every);
    if (raw.jobs < 1 || raw.jobs > 256)
        throw UsageError("--jobs takes a number of threads from 1 to 256");
    if (vm.count("shards") && (raw.shards < 1 || raw.shards > 1024))
        throw UsageError("--shards takes a number of databases from 1 to 1024");
    if (vm.count("shards") && cmd.command != "build")
        throw UsageError(
            "--shards goes with build (an index keeps its number of shards until the next "
            "build)");
    cmd.options.jobs = static_cast<std::size_t>(raw.jobs);
    cmd.options.shards = static_cast<std::size_t>(raw.shards);
}

// --facet and --filter: names the schema lacks, each once, with build.
void take_declared(const Raw& raw, IndexCommand& cmd) {
    std::vector<schema::DeclaredField>& out = cmd.options.declared;
    for (const auto* names : {&raw.facets, &raw.filters})
        for (const std::string& name : *names) {
            if (std::string why = schema::undeclarable(name); !why.empty())
                throw UsageError("--facet/--filter '" + name + "': " + why +
                                 (schema::find(name) ? " (search it as " + name + ":VALUE)" : ""));
            for (const auto& f : out)
                if (f.name == name) throw UsageError("field '" + name + "' declared twice");
            out.push_back({name, names == &raw.facets});
        }
    if (out.size() > schema::kMaxDeclaredFields)
        throw UsageError("at most " + std::to_string(schema::kMaxDeclaredFields) +
                         " fields may be declared with --facet and --filter");
    if (cmd.options.keep_repeated && cmd.command != "build")
        throw UsageError("--keep-repeated goes with build (an index keeps the choice)");
    if (!out.empty() && cmd.command != "build")
        throw UsageError(
            "--facet and --filter go with build (an index keeps its fields until the next build)");
}

void require_args(const IndexCommand& cmd) {
    if (cmd.command == "check" || !cmd.args.empty()) return;
    const bool remove = cmd.command == "remove";
    throw UsageError(cmd.command + " needs at least one " + (remove ? "article id" : "path") +
                     "; e.g. dateline-index " + cmd.command + (remove ? " ID" : " corpus/"));
}

}  // namespace

IndexCommand parse_index_command(int argc, char** argv) {
    IndexCommand cmd;
    Raw raw;
    raw.commit_every = static_cast<long long>(cmd.options.commit_every);
    raw.jobs = default_jobs();
    const po::options_description visible = index_options(cmd.options, raw);
    po::variables_map vm;
    try {
        vm = parse_command_line(argc, argv, visible, raw.words);
    } catch (const po::error& e) {
        throw UsageError(std::string(e.what()) + "; see dateline-index --help");
    }
    if (vm.count("help") || vm.count("version")) {
        cmd.action = vm.count("help") ? IndexCommand::Action::Help : IndexCommand::Action::Version;
        return cmd;
    }
    take_command(raw.words, cmd);
    take_numbers(raw, vm, cmd);
    take_declared(raw, cmd);
    cmd.schema_dir = raw.schema;
    for (const std::string& field : raw.fields) try {
            cmd.options.input_fields.choose(field);
        } catch (const InputError& e) {
            throw UsageError(e.what());
        }
    require_args(cmd);
    return cmd;
}

std::string index_help() {
    IndexOptions options;
    Raw raw;
    std::ostringstream out;
    out << usage() << "\n" << index_options(options, raw);
    return out.str();
}

}  // namespace dateline
