// dateline-search's options: each defined once, with its help, its checks and its choices.
#include "searcher/options.h"

#include <limits>
#include <sstream>

#include "schema/schema.h"
#include "src/base/errors.h"
#include "src/cli/cli.h"

namespace po = boost::program_options;

namespace dateline {

namespace {

const char* kUsage =
    "Usage: dateline-search [options] QUERY...\n"
    "\n"
    "QUERY: Xapian QueryParser syntax, words joined by AND across the whole article:\n"
    "\"exact phrase\", OR, NOT, NEAR, word*, -word, and fields title:, source:,\n"
    "speaker:, location:, quote:, date:2020-08-16..2020-08-17. Put -- before a query\n"
    "that starts with '-'. No query lists every passage, newest first.\n"
    "Shards: --db several times, or --db STUBFILE listing 'auto PATH' and\n"
    "'remote HOST:PORT' lines (each remote part served by xapian-tcpsrv); the results\n"
    "are those of one index.\n"
    "Exit status: 0 found, 1 nothing found, 2 error.\n";

// An option's fixed values: the name typed, the value it stands for.
template <class T>
struct Choice {
    const char* name;
    T value;
};
const Choice<OutputFormat> kFormats[] = {{"text", OutputFormat::Text},
                                         {"json", OutputFormat::Json},
                                         {"csv", OutputFormat::Csv},
                                         {"tsv", OutputFormat::Tsv}};
const Choice<Scope> kScopes[] = {{"article", Scope::Article}, {"passage", Scope::Passage}};
const Choice<DateBucket> kBuckets[] = {{"auto", DateBucket::Auto},
                                       {"day", DateBucket::Day},
                                       {"week", DateBucket::Week},
                                       {"month", DateBucket::Month},
                                       {"year", DateBucket::Year}};
const Choice<Colour> kColours[] = {
    {"auto", Colour::Auto}, {"always", Colour::Always}, {"never", Colour::Never}};

struct Sort {
    const char* name;
    SortOrder order;
    const char* note;    // said after the name in messages
    bool listed = true;  // false: a synonym accepted but not offered
};
const Sort kSorts[] = {{"relevance", SortOrder::Relevance, ""},
                       {"date", SortOrder::Oldest, " (oldest first)"},
                       {"oldest", SortOrder::Oldest, "", false},
                       {"newest", SortOrder::Newest, ""}};

// "a, b or c".
std::string one_of(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

std::vector<std::string> facet_names() {
    std::vector<std::string> names;
    for (schema::Field f : schema::facet_fields()) names.emplace_back(schema::spec(f).name);
    return names;
}

// The raw values of the options that are checked after parsing.
struct Raw {
    std::vector<std::string> words, dbs, where;
    std::string format = "text", sort = "relevance", within = "article", colour = "auto",
                bucket = "auto";
    long long limit = 10, offset = 0, facet_limit = -1, context = 0;  // facet_limit -1: not given
};

po::options_description search_options(SearchRequest& request, Raw& raw, SearchCommand& cmd) {
    const std::string facets = one_of(facet_names());
    po::options_description visible("Options");
    visible.add_options()("source", po::value(&request.sources)->composing()->value_name("NAME"),
                          "only this outlet (exact name, any case; repeat for several)")(
        "speaker", po::value(&request.speakers)->composing()->value_name("NAME"),
        "only passages quoting this person")(
        "location", po::value(&request.locations)->composing()->value_name("NAME"),
        "only passages naming this place")(
        "language", po::value(&request.languages)->composing()->value_name("CODE"),
        "only articles in this language (ru, en: as language:ru; repeat for several)")(
        "where", po::value(&raw.where)->composing()->value_name("NAME=VALUE"),
        "only articles whose field NAME holds VALUE: a field the index was built with "
        "(dateline-index build --facet bias) or author; repeat for several (one NAME: any of "
        "its values)")("from", po::value(&request.from)->value_name("DATE"),
                       "on or after this date (YYYY-MM-DD, YYYY-MM, YYYY)")(
        "to", po::value(&request.to)->value_name("DATE"), "on or before this date")(
        "limit", po::value(&raw.limit)->value_name("N"), "passages to show (default 10)")(
        "offset", po::value(&raw.offset)->value_name("N"),
        "skip this many passages first (paging)")(
        "context,C", po::value(&raw.context)->value_name("N"),
        "show the N passages before and after each hit in its article (as rg -C)")(
        "facet-limit", po::value(&raw.facet_limit)->value_name("N"),
        "values per facet, 0 = all (default: 10 in text, all in JSON); dates: the N with "
        "most articles, in date order")("histogram",
                                        "draw the date facet as bars, a line a date (text output)")(
        "date-bucket", po::value(&raw.bucket)->value_name("BUCKET"),
        "the date facet by day, week (ISO, 2020-W33), month or year (default auto: by day, by "
        "month when the matches span more than two months)")(
        "format", po::value(&raw.format)->value_name("FORMAT"),
        "text, json, csv or tsv (csv and tsv: a hit a line, or with --limit 0 a facet value a "
        "line)")(
        "color", po::value(&raw.colour)->value_name("WHEN"),
        "bold matches in text: auto (default: on a terminal, unless NO_COLOR is set), always "
        "(for less -R) or never")(
        "any", "match passages with any of the words, ranked by how many (default: all of them)")(
        "sort", po::value(&raw.sort)->value_name("ORDER"),
        "relevance (default), date (oldest first: the story's timeline) or newest")(
        "per-article", "one hit per article: its best passage")(
        "within", po::value(&raw.within)->value_name("SCOPE"),
        "article (default): the words, AND and NOT hold across the whole article (title and "
        "passages), the hits being its passages with the words; passage: all in one passage. "
        "Phrases, NEAR, quote:, speaker: and location: hold in the passage shown")(
        "all-copies",
        "show every wire copy (by default near-identical passages of other outlets show once, "
        "with 'also in: OUTLETS')")(
        "quotes",
        "list quotations, one a line (speaker, outlet, date, the words, article and passage), "
        "rather than passages: with quote: only those holding its words, with --speaker only "
        "that speaker's; the same words by the same speaker in several outlets are one line "
        "with 'also in'; --limit and --offset count quotations, the facets count them too")(
        "article", po::value(&cmd.article_id)->value_name("ID"),
        "print that article whole: title, outlet, date, URL, authors, then its passages "
        "numbered, each with its speakers, quotations and places (the id is each hit's)")(
        "stats", "describe the index: articles per outlet, dates, top speakers and places, size")(
        "values", po::value(&cmd.values_of)->value_name("FIELD"),
        ("print every value of a facet (" + facets +
         "), most articles first, one a line (used by shell completion)")
            .c_str())(
        "db", po::value(&raw.dbs)->composing()->value_name("PATH"),
        "the index (default: $DATELINE_DB, else ./dateline.db); repeat to search several as one; "
        "a Xapian stub file lists local and remote shards ('auto PATH', 'remote HOST:PORT')")(
        "allow-remote-programs",
        "let a stub file given as --db run the programs its 'remote :PROGRAM' lines name "
        "(never those of a stub inside an index folder)")(
        "choices", po::value(&cmd.choices_of)->value_name("OPTION"),
        "print the values --format, --sort, --within, --color or --values takes, one a line (used "
        "by shell "
        "completion)")("help,h", "show this help")("version", "show the version");
    return visible;
}

po::variables_map parse(int argc, char** argv, const po::options_description& visible,
                        std::vector<std::string>& words) {
    try {
        return parse_command_line(argc, argv, visible, words);
    } catch (const po::unknown_option& e) {
        std::string known;
        for (const auto& o : visible.options()) known += " --" + o->long_name();
        throw UsageError(std::string(e.what()) + "; the options are" + known +
                         " (see dateline-search --help); put -- before a query that starts "
                         "with '-'");
    } catch (const po::invalid_option_value& e) {
        throw UsageError(std::string(e.what()) +
                         "; --limit, --offset and --facet-limit take a whole number from 0 to " +
                         std::to_string(std::numeric_limits<long long>::max()));
    } catch (const po::error& e) {
        throw UsageError(std::string(e.what()) + "; see dateline-search --help");
    }
}

template <class T, std::size_t N>
std::vector<std::string> names_of(const Choice<T> (&choices)[N]) {
    std::vector<std::string> out;
    for (const auto& c : choices) out.emplace_back(c.name);
    return out;
}

// The value `name` stands for among an option's choices; UsageError naming them otherwise.
template <class T, std::size_t N>
T chosen(const Choice<T> (&choices)[N], const std::string& name, const std::string& option) {
    for (const auto& c : choices)
        if (name == c.name) return c.value;
    throw UsageError(option + " must be " + one_of(names_of(choices)) + ", not '" + name + "'");
}

SortOrder sort_named(const std::string& name) {
    std::vector<std::string> offered;
    for (const Sort& s : kSorts) {
        if (name == s.name) return s.order;
        if (s.listed) offered.push_back(std::string(s.name) + s.note);
    }
    throw UsageError("--sort must be " + one_of(offered) + ", not '" + name + "'");
}

// The checked options into the request.
void apply(const Raw& raw, const po::variables_map& vm, SearchCommand& cmd) {
    SearchRequest& request = cmd.request;
    cmd.format = chosen(kFormats, raw.format, "--format");
    if (raw.limit < 0 || raw.offset < 0 || raw.context < 0 ||
        (vm.count("facet-limit") && raw.facet_limit < 0))
        throw UsageError(
            "--limit, --offset, --context and --facet-limit take a number of 0 or more");
    request.context = static_cast<std::size_t>(std::min<long long>(raw.context, 1000));
    request.limit = static_cast<std::size_t>(raw.limit);
    request.offset = static_cast<std::size_t>(raw.offset);
    request.facet_limit = vm.count("facet-limit") ? static_cast<std::size_t>(raw.facet_limit)
                          : cmd.format == OutputFormat::Text ? 10
                                                             : 0;  // all, for scripts
    if (raw.dbs.size() == 1) request.db_path = raw.dbs.front();
    if (raw.dbs.size() > 1) request.db_paths = raw.dbs;
    for (const auto& w : raw.words) request.query += (request.query.empty() ? "" : " ") + w;
    for (const auto& w : raw.where) {
        const std::size_t eq = w.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == w.size())
            throw UsageError("--where takes NAME=VALUE (e.g. --where bias=left), not '" + w + "'");
        request.where.emplace_back(w.substr(0, eq), w.substr(eq + 1));
    }
    request.match_any = vm.count("any") > 0;
    request.per_article = vm.count("per-article") > 0;
    request.all_copies = vm.count("all-copies") > 0;
    request.allow_remote_programs = vm.count("allow-remote-programs") > 0;
    request.sort = sort_named(raw.sort);
    // Browsing without a query: the story as it stands now, newest first.
    if (request.query.empty() && !vm.count("sort")) request.sort = SortOrder::Newest;
    request.within = chosen(kScopes, raw.within, "--within");
    cmd.colour = chosen(kColours, raw.colour, "--color");
    cmd.histogram = vm.count("histogram") > 0;
    request.date_bucket = chosen(kBuckets, raw.bucket, "--date-bucket");
}

SearchCommand::Action action_of(const po::variables_map& vm, const SearchCommand& cmd) {
    using Action = SearchCommand::Action;
    if (vm.count("help")) return Action::Help;
    if (vm.count("version")) return Action::Version;
    if (vm.count("choices")) return Action::Choices;
    if (vm.count("article")) return Action::Article;
    if (vm.count("stats")) return Action::Stats;
    if (vm.count("quotes")) return Action::Quotes;
    if (!cmd.values_of.empty()) {
        std::vector<std::string> fields = facet_names();
        if (std::find(fields.begin(), fields.end(), cmd.values_of) == fields.end())
            throw UsageError("--values takes " + one_of(fields) + ", not '" + cmd.values_of + "'");
        return Action::Values;
    }
    return Action::Search;
}

}  // namespace

SearchCommand parse_search_command(int argc, char** argv) {
    SearchCommand cmd;
    Raw raw;
    const po::options_description visible = search_options(cmd.request, raw, cmd);
    const po::variables_map vm = parse(argc, argv, visible, raw.words);
    if (vm.count("help") || vm.count("version") || vm.count("choices")) {
        cmd.action = action_of(vm, cmd);
        return cmd;
    }
    apply(raw, vm, cmd);
    cmd.action = action_of(vm, cmd);
    const bool table = cmd.format == OutputFormat::Csv || cmd.format == OutputFormat::Tsv;
    if (table && cmd.action != SearchCommand::Action::Search)
        throw UsageError(
            "--format csv and tsv are for search results (hits, or facets with "
            "--limit 0); use text or json here");
    return cmd;
}

std::string search_help() {
    SearchCommand cmd;
    Raw raw;
    std::ostringstream out;
    out << kUsage << "\n" << search_options(cmd.request, raw, cmd);
    return out.str();
}

std::vector<std::string> option_choices(const std::string& option) {
    std::vector<std::string> out;
    if (option == "--format") out = names_of(kFormats);
    if (option == "--sort")
        for (const Sort& s : kSorts)
            if (s.listed) out.emplace_back(s.name);
    if (option == "--date-bucket") out = names_of(kBuckets);
    if (option == "--color") out = names_of(kColours);
    if (option == "--within") out = names_of(kScopes);
    if (option == "--values") out = facet_names();
    return out;
}

}  // namespace dateline
