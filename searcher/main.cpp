// dateline-search: read the command line, run the search, print it. Options are in options.cpp,
// the work in src/search/, the printers in src/output/.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "searcher/options.h"
#include "src/base/errors.h"
#include "src/cli/cli.h"
#include "src/output/output.h"
#include "src/search/article.h"
#include "src/text/terminal.h"

namespace {

using dateline::OutputFormat;
using dateline::SearchCommand;

constexpr int kExitFound = 0;
constexpr int kExitNothingFound = 1;
constexpr int kExitError = 2;

int fail(const std::string& message) {
    std::cerr << "dateline-search: " << message << "\n";
    return kExitError;
}

int print_stats(const SearchCommand& cmd) {
    dateline::IndexStats stats = dateline::index_stats(cmd.request);
    if (cmd.format == OutputFormat::Json)
        dateline::print_json(stats, std::cout);
    else
        dateline::print_text(stats, std::cout);
    return stats.passages > 0 ? kExitFound : kExitNothingFound;
}

// --values FIELD: every value of a facet, most articles first, one a line.
int print_values(SearchCommand cmd) {
    cmd.request.limit = 0;
    cmd.request.facet_limit = 0;
    dateline::SearchResults results = dateline::search(cmd.request);
    for (const auto& facet : results.facets)
        if (facet.name == cmd.values_of)
            for (const auto& v : facet.values) std::cout << dateline::for_terminal(v.value) << "\n";
    return results.total_passages > 0 ? kExitFound : kExitNothingFound;
}

// Notes about the query and the search go to standard error, the results to the printer.
class NotesApart : public dateline::HitSink {
  public:
    explicit NotesApart(dateline::HitSink& printer) : printer_(printer) {}
    void start(const dateline::SearchResults& summary) override {
        for (const auto& n : summary.notes) note(n);
        found_ = summary.total_passages > 0;
        printer_.start(summary);
    }
    void hit(const dateline::Hit& hit) override { printer_.hit(hit); }
    void finish() override { printer_.finish(); }
    void note(const std::string& note) override {
        std::cerr << "dateline-search: note: " << note << "\n";
    }
    bool found() const { return found_; }

  private:
    dateline::HitSink& printer_;
    bool found_ = false;
};

// The terminal's columns when standard output is one (0 when piped: no wrapping).
std::size_t terminal_width() {
    if (!::isatty(STDOUT_FILENO)) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

int print_search(const SearchCommand& cmd) {
    const bool colour = cmd.colour == dateline::Colour::Always ||
                        (cmd.colour == dateline::Colour::Auto && ::isatty(STDOUT_FILENO) &&
                         !std::getenv("NO_COLOR"));
    dateline::JsonPrinter json(std::cout, &cmd.request);
    dateline::TextPrinter text(colour ? dateline::Highlight::Bold : dateline::Highlight::Markers,
                               std::cout, terminal_width(), cmd.histogram);
    dateline::TablePrinter table(cmd.format == OutputFormat::Tsv ? '\t' : ',',
                                 cmd.request.limit == 0, std::cout);
    NotesApart sink(cmd.format == OutputFormat::Json   ? static_cast<dateline::HitSink&>(json)
                    : cmd.format == OutputFormat::Text ? static_cast<dateline::HitSink&>(text)
                                                       : table);
    dateline::search(cmd.request, sink);
    return sink.found() ? kExitFound : kExitNothingFound;
}

int print_article(const SearchCommand& cmd) {
    const auto passages = dateline::read_article(cmd.request, cmd.article_id);
    if (passages.empty()) {
        std::cerr << "dateline-search: no article " << dateline::quote_for_message(cmd.article_id)
                  << " in the index; each hit names its article's id (the line under its "
                     "title, or article_id in JSON)\n";
        return kExitNothingFound;
    }
    if (cmd.format == OutputFormat::Json)
        dateline::print_article_json(passages, std::cout);
    else
        dateline::print_article_text(passages, std::cout);
    return kExitFound;
}

int print_quotes(const SearchCommand& cmd) {
    dateline::QuoteResults results = dateline::search_quotes(cmd.request);
    for (const auto& note : results.notes) std::cerr << "dateline-search: note: " << note << "\n";
    if (cmd.format == OutputFormat::Json)
        dateline::print_json(results, std::cout);
    else
        dateline::print_text(results, std::cout);
    return results.total_quotes > 0 ? kExitFound : kExitNothingFound;
}

int run(const SearchCommand& cmd) {
    switch (cmd.action) {
        case SearchCommand::Action::Help:
            std::cout << dateline::search_help();
            return kExitFound;
        case SearchCommand::Action::Version:
            std::cout << dateline::version_line("dateline-search") << "\n";
            return kExitFound;
        case SearchCommand::Action::Choices: {
            auto choices = dateline::option_choices(cmd.choices_of);
            for (const auto& c : choices) std::cout << c << "\n";
            if (choices.empty())
                return fail(
                    "--choices takes --format, --sort, --within, --color, --date-bucket or "
                    "--values, not '" +
                    cmd.choices_of + "'");
            return kExitFound;
        }
        case SearchCommand::Action::Stats:
            return print_stats(cmd);
        case SearchCommand::Action::Quotes:
            return print_quotes(cmd);
        case SearchCommand::Action::Article:
            return print_article(cmd);
        case SearchCommand::Action::Values:
            return print_values(cmd);
        case SearchCommand::Action::Search:
            break;
    }
    return print_search(cmd);
}

}  // namespace

// The status, unless the output could not all be written (a full disk, a closed pipe,
// /dev/full): then an error, not a truncated answer that looks whole.
int written(int status) {
    std::cout.flush();
    if (std::cout) return status;
    return fail(std::string("cannot write the output (") + std::strerror(errno) + ")");
}

int main(int argc, char** argv) try {
    return written(run(dateline::parse_search_command(argc, argv)));
} catch (const Xapian::Error& e) {
    return fail(e.get_description());
} catch (const std::exception& e) {  // UsageError, IndexError and the rest: the message says it
    return fail(dateline::reason(e));
}
