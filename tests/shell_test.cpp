// Shell comfort, end to end: the man pages help2man wrote at build time (shell/CMakeLists.txt),
// --version, and the bash completion script (shell/dateline.bash) run in a real bash against
// the real programs and an index of corpus/.
#include <cctype>
#include <regex>

#include "tests/cli_util.h"

using namespace cli;

namespace {

const fs::path kCompletion = DATELINE_COMPLETION;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The long options --help lists ("  --db arg", "  -h [ --help ]", "  -j [ --jobs ] arg").
std::vector<std::string> help_options(const std::string& program, const fs::path& dir) {
    Run r = run(program, {"--help"}, dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> out;
    static const std::regex option(R"(^  (?:-[[:alnum:]] \[ )?(--[[:alnum:]][[:alnum:]-]*))");
    for (const auto& line : lines_of(r.out)) {
        std::smatch m;
        if (std::regex_search(line, m, option)) out.push_back(m[1]);
    }
    return out;
}

#ifdef DATELINE_MAN_DIR
// "--facet-limit" as roff writes it: "\-\-facet\-limit".
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}
#endif

// Runs `script` in bash after sourcing the completion script, with both programs on PATH.
// complete_words WORD... sets COMP_WORDS to the words and COMP_CWORD to the last one (or to
// $CWORD), calls the completion function and prints COMPREPLY one a line.
Run bash_completion(const std::string& script, const fs::path& dir) {
    fs::path file = dir / "completion-test.sh";
    write_file(file, "set -u\nPATH=" + quote(fs::path(kSearch).parent_path().string()) + ":" +
                         quote(fs::path(kIndex).parent_path().string()) +
                         ":$PATH\n"
                         "source " +
                         quote(kCompletion.string()) +
                         "\n"
                         "complete_words() {\n"
                         "    COMP_WORDS=(\"$@\"); COMP_CWORD=${CWORD:-$(($# - 1))}; COMPREPLY=()\n"
                         "    _dateline\n"
                         "    if [ ${#COMPREPLY[@]} -gt 0 ]; then printf '%s\\n' "
                         "\"${COMPREPLY[@]}\"; fi\n"
                         "}\n" +
                         script);
    return run("bash", {file.string()}, dir);
}

std::vector<std::string> complete(const std::vector<std::string>& words, const fs::path& dir,
                                  const std::string& env = "") {
    std::string line = env + "complete_words";
    for (const auto& w : words) line += " " + quote(w);
    Run r = bash_completion(line + "\n", dir);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK_MESSAGE(r.err.empty(), r.err);
    return lines_of(r.out);
}

using Words = std::vector<std::string>;

struct Program {
    std::string path, name;
};
const Program kPrograms[] = {{kIndex, "dateline-index"},
                             {kSearch, "dateline-search"},
                             {DATELINE_SERVE_BIN, "dateline-serve"}};

}  // namespace

TEST_CASE("--version of every program: name, version, Xapian's version") {
    TempDir tmp;
    std::string versions[3];
    int i = 0;
    for (const Program& p : kPrograms) {
        const std::string& program = p.path;
        const std::string& name = p.name;
        Run r = run(program, {"--version"}, tmp.path);
        CHECK_MESSAGE(r.status == 0, r.err);
        CHECK(r.err.empty());
        std::smatch m;
        REQUIRE_MESSAGE(
            std::regex_match(
                r.out, m,
                std::regex("^" + name + R"( ([0-9]+\.[0-9]+\.[0-9]+) \(Xapian [0-9.]+\)\n$)")),
            r.out);
        versions[i++] = m[1];
        // --version wins over a command or a query, as --help does.
        CHECK(run(program, {"--version", "build", "corpus/"}, tmp.path).out == r.out);
    }
    CHECK(versions[0] == versions[1]);
    CHECK(versions[0] == versions[2]);
}

TEST_CASE("the man pages are built and document every option --help lists") {
#ifndef DATELINE_MAN_DIR
    MESSAGE(
        "skipped: help2man was not found when CMake configured the build (apt-get install "
        "help2man, then configure again)");
#else
    TempDir tmp;
    const fs::path man_dir = DATELINE_MAN_DIR;
    for (const Program& p : kPrograms) {
        const std::string& program = p.path;
        const std::string& name = p.name;
        CAPTURE(name);
        fs::path page = man_dir / (name + ".1");
        REQUIRE_MESSAGE(fs::exists(page), page);
        // Built after the program: a page older than the program may lack a new option.
        CHECK(fs::last_write_time(page) >= fs::last_write_time(program));
        std::string text = read_text(page);
        std::string title = name;
        for (char& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(text.find(".TH " + title + " \"1\"") != std::string::npos);
        CHECK(text.find(".SH NAME\n" + name + " \\- ") != std::string::npos);
        CHECK(text.find(".SH SYNOPSIS") != std::string::npos);
        CHECK(text.find(".SH EXAMPLES") != std::string::npos);
        CHECK(text.find(".SH \"SEE ALSO\"") != std::string::npos);
        // The machine the page was built on does not show (the indexer's "here N" threads).
        CHECK(!std::regex_search(text, std::regex(R"(\bhere \d)")));
        std::vector<std::string> options = help_options(program, tmp.path);
        CHECK(options.size() >= 6);
        for (const auto& option : options)
            CHECK_MESSAGE(text.find("\\fB" + roff(option) + "\\fR") != std::string::npos, option);
    }
    std::string index_page = read_text(man_dir / "dateline-index.1");
    for (const char* command : {"build", "update", "add", "remove", "import", "check"})
        CHECK_MESSAGE(index_page.find("\n" + std::string(command) + " ") != std::string::npos,
                      command);
#endif
}

TEST_CASE("bash completion: option names from --help, option values, dateline-index commands") {
    TempDir tmp;
    CHECK(complete({"dateline-search", "--so"}, tmp.path) == Words{"--source", "--sort"});
    CHECK(complete({"dateline-index", "bu"}, tmp.path) == Words{"build"});
    CHECK(complete({"dateline-index", "--db", "x.db", "-j", "2", "ch"}, tmp.path) ==
          Words{"check"});
    CHECK(complete({"dateline-index", ""}, tmp.path) ==
          Words{"build", "update", "add", "remove", "import", "check"});
    CHECK(complete({"dateline-index", "build", "--w"}, tmp.path) == Words{"--wait"});
    // Every option --help lists, and nothing else: the lists cannot drift apart.
    CHECK(complete({"dateline-search", "--"}, tmp.path) == help_options(kSearch, tmp.path));
    CHECK(complete({"dateline-index", "build", "--"}, tmp.path) == help_options(kIndex, tmp.path));
    // A program named by its path completes the same.
    CHECK(complete({kSearch, "--form"}, tmp.path) == Words{"--format"});
    CHECK(complete({"dateline-search", "--format", ""}, tmp.path) ==
          Words{"text", "json", "csv", "tsv"});
    CHECK(complete({"dateline-search", "--sort", "n"}, tmp.path) == Words{"newest"});
    CHECK(complete({"dateline-search", "--values", "s"}, tmp.path) == Words{"source", "speaker"});
    // After -- every word is the query.
    CHECK(complete({"dateline-search", "--", "--so"}, tmp.path).empty());
    // Paths: --db and dateline-index's PATHs are file names.
    fs::create_directories(tmp.path / "news folder");
    CHECK(complete({"dateline-index", "build", (tmp.path / "news").string()}, tmp.path) ==
          Words{(tmp.path / "news folder").string()});
    CHECK(complete({"dateline-search", "--db", (tmp.path / "news").string()}, tmp.path) ==
          Words{(tmp.path / "news folder").string()});
}

TEST_CASE("bash completion: outlets, speakers and places come from the index, quoted") {
    SeedsIndex seeds;
    const std::string db = seeds.db.string();
    // Escaped for the command line: the shell reads it back as the one word "France 24".
    CHECK(complete({"dateline-search", "--db", db, "--source", "Fr"}, seeds.tmp.path) ==
          Words{"France\\ 24"});
    Run r = bash_completion("complete_words dateline-search --db " + quote(db) +
                                " --source Fr >/dev/null\n"
                                "eval \"set -- ${COMPREPLY[0]}\"; echo \"$#:$1\"\n",
                            seeds.tmp.path);
    CHECK(r.out == "1:France 24\n");
    // After an opening quote, as it is (readline closes the quote).
    CHECK(complete({"dateline-search", "--db", db, "--source", "\"Fr"}, seeds.tmp.path) ==
          Words{"France 24"});
    CHECK(complete({"dateline-search", "--db", db, "--source", "'The"}, seeds.tmp.path) ==
          Words{"The Epoch Times"});
    CHECK(complete({"dateline-search", "--db", db, "--source", "France\\ "}, seeds.tmp.path) ==
          Words{"France\\ 24"});
    // Any case, as --source matches; and --db after the cursor counts too.
    CHECK(complete({"dateline-search", "--source", "eu", "--db", db}, seeds.tmp.path, "CWORD=2 ") ==
          Words{"EU\\ Today"});
    // --opt=value, as bash splits it (COMP_WORDBREAKS has '=': readline replaces the value).
    CHECK(complete({"dateline-search", "--db", "=", db, "--source", "=", "Fr"}, seeds.tmp.path) ==
          Words{"France\\ 24"});
    CHECK(complete({"dateline-search", "--speaker", "Vl"}, seeds.tmp.path,
                   "DATELINE_DB=" + quote(db) + " ") == Words{"Vladimir\\ Putin"});
    CHECK(complete({"dateline-search", "--db", db, "--location", "Mi"}, seeds.tmp.path) ==
          Words{"Minsk"});
    CHECK(complete({"dateline-search", "--db", db, "--from", "2020-08-1"}, seeds.tmp.path) ==
          Words{"2020-08-16", "2020-08-17"});
    // Every outlet, in the order --values gives them.
    Run values = seeds.search({"--values", "source"});
    REQUIRE(values.status == 0);
    std::vector<std::string> escaped;
    for (const auto& v : lines_of(values.out))
        escaped.push_back(std::regex_replace(v, std::regex(" "), "\\ "));
    CHECK(escaped.size() == 5);
    CHECK(complete({"dateline-search", "--db", db, "--source", ""}, seeds.tmp.path) == escaped);
    // No index: no values, no error on the command line.
    CHECK(
        complete({"dateline-search", "--db", (seeds.tmp.path / "none.db").string(), "--source", ""},
                 seeds.tmp.path)
            .empty());
}
