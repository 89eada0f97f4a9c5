// dateline-search: option parsing and printing; the work is in src/search.cpp.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <limits>

#include "src/cli/cli.h"
#include "src/output/output.h"
#include "src/search/search.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitFound = 0;
constexpr int kExitNothingFound = 1;
constexpr int kExitError = 2;

const char* kUsage =
    "Usage: dateline-search [options] QUERY...\n"
    "\n"
    "QUERY is Xapian QueryParser syntax, words joined by AND: \"exact phrase\", OR, NOT, NEAR,\n"
    "word*, -word, and fields title:, source:, speaker:, location:, date:2020-08-16..2020-08-17.\n"
    "Put -- before a query that starts with '-'. No query lists every passage.\n"
    "Shards: --db several times, or --db STUBFILE listing 'auto PATH' and 'remote HOST:PORT'\n"
    "lines (each remote part served by xapian-tcpsrv); the results are those of one index.\n"
    "Exit status: 0 found, 1 nothing found, 2 error.\n";

int fail(const std::string& message) {
    std::cerr << "dateline-search: " << message << "\n";
    return kExitError;
}

}  // namespace

int main(int argc, char** argv) try {
    dateline::SearchRequest request;
    std::vector<std::string> words;
    std::string format = "text";
    long long limit = static_cast<long long>(request.limit);
    long long offset = 0;
    long long facet_limit = -1;
    std::vector<std::string> dbs;
    std::string sort = "relevance";
    std::string values_of;
    po::options_description visible("Options");
    visible.add_options()("source", po::value(&request.sources)->composing(),
                          "only this outlet (exact name, any case; repeat for several)")(
        "speaker", po::value(&request.speakers)->composing(), "only passages quoting this person")(
        "location", po::value(&request.locations)->composing(), "only passages naming this place")(
        "from", po::value(&request.from), "on or after this date (YYYY-MM-DD, YYYY-MM, YYYY)")(
        "to", po::value(&request.to), "on or before this date")("limit", po::value(&limit),
                                                                "passages to show (default 10)")(
        "offset", po::value(&offset), "skip this many passages first (paging)")(
        "facet-limit", po::value(&facet_limit),
        "values per facet, 0 = all (default: 10 in text, all in JSON)")(
        "format", po::value(&format), "text or json")(
        "any", "match passages with any of the words, ranked by how many (default: all of them)")(
        "sort", po::value(&sort),
        "relevance (default), date (oldest first: the story's timeline) or newest")(
        "per-article", "one hit per article: its best passage")(
        "all-copies",
        "show every wire copy (by default near-identical passages of other outlets show once, "
        "with 'also in: OUTLETS')")(
        "stats", "describe the index: articles per outlet, dates, top speakers and places, size")(
        "values", po::value(&values_of),
        "print every value of a facet (source, speaker, location or date), most articles "
        "first, one a line (used by shell completion)")(
        "db", po::value(&dbs)->composing(),
        "the index (default: $DATELINE_DB, else ./dateline.db); repeat to search several as one; "
        "a Xapian stub file lists local and remote shards ('auto PATH', 'remote HOST:PORT')")(
        "help,h", "show this help")("version", "show the version");
    po::variables_map vm;
    try {
        vm = dateline::parse_command_line(argc, argv, visible, words);
    } catch (const po::unknown_option& e) {
        std::string known;
        for (const auto& o : visible.options()) known += " --" + o->long_name();
        return fail(std::string(e.what()) + "; the options are" + known +
                    " (see dateline-search --help); put -- before a query that starts with '-'");
    } catch (const po::invalid_option_value& e) {
        return fail(std::string(e.what()) +
                    "; --limit, --offset and --facet-limit take a whole number from 0 to " +
                    std::to_string(std::numeric_limits<long long>::max()));
    } catch (const po::error& e) {
        return fail(std::string(e.what()) + "; see dateline-search --help");
    }
    if (vm.count("help")) {
        std::cout << kUsage << "\n" << visible;
        return kExitFound;
    }
    if (vm.count("version")) {
        std::cout << dateline::version_line("dateline-search") << "\n";
        return kExitFound;
    }
    if (format != "text" && format != "json")
        return fail("--format must be text or json, not '" + format + "'");
    if (limit < 0 || offset < 0 || facet_limit < -1)
        return fail("--limit, --offset and --facet-limit take a number of 0 or more");
    request.limit = static_cast<std::size_t>(limit);
    request.offset = static_cast<std::size_t>(offset);
    request.facet_limit =
        facet_limit >= 0 ? static_cast<std::size_t>(facet_limit) : (format == "json" ? 0 : 10);
    if (dbs.size() == 1) request.db_path = dbs.front();
    if (dbs.size() > 1) request.db_paths = dbs;
    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    request.match_any = vm.count("any") > 0;
    request.per_article = vm.count("per-article") > 0;
    request.all_copies = vm.count("all-copies") > 0;
    if (sort == "date" || sort == "oldest")
        request.sort = dateline::SortOrder::Oldest;
    else if (sort == "newest")
        request.sort = dateline::SortOrder::Newest;
    else if (sort != "relevance")
        return fail("--sort must be relevance, date (oldest first) or newest, not '" + sort + "'");

    if (vm.count("stats")) {
        dateline::IndexStats stats = dateline::index_stats(request);
        if (format == "json")
            dateline::print_json(stats, std::cout);
        else
            dateline::print_text(stats, std::cout);
        return stats.passages > 0 ? kExitFound : kExitNothingFound;
    }
    if (!values_of.empty()) {
        if (values_of != "source" && values_of != "speaker" && values_of != "location" &&
            values_of != "date")
            return fail("--values takes source, speaker, location or date, not '" + values_of +
                        "'");
        request.limit = 0;
        request.facet_limit = 0;
        dateline::SearchResults results = dateline::search(request);
        for (const auto& facet : results.facets)
            if (facet.name == values_of)
                for (const auto& v : facet.values) std::cout << v.value << "\n";
        return results.total_passages > 0 ? kExitFound : kExitNothingFound;
    }

    dateline::SearchResults results = dateline::search(request);
    for (const auto& note : results.notes) std::cerr << "dateline-search: note: " << note << "\n";
    if (format == "json") {
        dateline::print_json(results, std::cout);
    } else {
        bool colour = ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        dateline::print_text(
            results, colour ? dateline::Highlight::Bold : dateline::Highlight::Markers, std::cout);
    }
    return results.total_passages > 0 ? kExitFound : kExitNothingFound;
} catch (const dateline::QueryError& e) {
    return fail(e.what());
} catch (const dateline::IndexError& e) {
    return fail(e.what());
} catch (const Xapian::Error& e) {
    return fail(e.get_description());
} catch (const std::exception& e) {
    return fail(e.what());
}
