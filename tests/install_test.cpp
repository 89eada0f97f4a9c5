// End-to-end: an installed Dateline (cmake --install to a temporary prefix) reads its schema
// from share/dateline/schema beside its programs, not from the source tree; --schema and
// $DATELINE_SCHEMA choose another.
#include "tests/cli_util.h"

using namespace cli;

namespace {

const fs::path kBuild = DATELINE_BUILD_DIR;

// The seed articles indexed by `index` (run through `env` with `vars`, and given `extra`
// arguments), then searched for the word an alias added to the installed schema stands for.
Run search_alias(const std::string& index, const std::string& search, const TempDir& tmp,
                 const std::string& name, const std::vector<std::string>& extra = {},
                 const std::vector<std::string>& vars = {}) {
    const fs::path db = tmp.path / name;
    std::vector<std::string> args = vars;
    args.insert(args.end(), {index, "build", (kSource / "corpus").string(), "--db", db.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    Run built = run("env", args, tmp.path);
    REQUIRE_MESSAGE(built.status == 0, built.err);
    return run(search, {"--db", db.string(), "Lukashenkovich"}, tmp.path);
}

}  // namespace

TEST_CASE("an installed Dateline reads the schema installed beside it") {
    TempDir tmp;
    const fs::path prefix = tmp.path / "prefix";
    Run installed =
        run("cmake", {"--install", kBuild.string(), "--prefix", prefix.string()}, tmp.path);
    REQUIRE_MESSAGE(installed.status == 0, installed.err << installed.out);
    const fs::path schema = prefix / "share/dateline/schema";
    const std::string index = (prefix / "bin/dateline-index").string();
    const std::string search = (prefix / "bin/dateline-search").string();
    REQUIRE(fs::exists(schema / "speech.txt"));
    REQUIRE(fs::exists(schema / "aliases.txt"));
    // The installed copy only: a nickname that the source tree's aliases do not list.
    std::ofstream(schema / "aliases.txt", std::ios::app)
        << "\nAlexander Lukashenko = Lukashenkovich\n";
    CHECK(search_alias(index, search, tmp, "installed.db").status == 0);
    // --schema and $DATELINE_SCHEMA read another folder: the source tree's has no Lukashenkovich.
    const std::string source_schema = (kSource / "schema").string();
    CHECK(search_alias(index, search, tmp, "option.db", {"--schema", source_schema}).status == 1);
    CHECK(search_alias(index, search, tmp, "env.db", {}, {"DATELINE_SCHEMA=" + source_schema})
              .status == 1);
    // A folder without the files is named, with what to do.
    Run missing =
        run(index,
            {"build", (kSource / "corpus").string(), "--db", (tmp.path / "none.db").string(),
             "--schema", (tmp.path / "nowhere").string()},
            tmp.path);
    CHECK(missing.status == 2);
    CHECK_MESSAGE(missing.err.find("--schema") != std::string::npos, missing.err);
}
