// Printing search results: text for people, JSON for scripts. Any ostream, so tests use buffers.
#pragma once

#include <chrono>
#include <ostream>

#include "schema/record.h"
#include "src/search/quotes.h"
#include "src/search/search.h"

namespace dateline {

enum class Highlight {
    Bold,     // ANSI bold, for a terminal
    Markers,  // **word**, when colour is off (pipes, NO_COLOR)
};

void print_text(const SearchResults& results, Highlight highlight, std::ostream& out);

// One JSON object (see README, "JSON output"); highlighted words in "snippet" are **marked**.
void print_json(const SearchResults& results, std::ostream& out);

// The same printers as sinks for search(request, sink): each hit is printed as it comes, so a
// page of any size takes the memory of one hit.
class TextPrinter : public HitSink {
  public:
    // With `width` (a terminal's columns; 0: none, when piped), lines are wrapped there, never
    // inside a word, with a hanging indent. With `histogram`, the date facet is drawn as bars.
    TextPrinter(Highlight highlight, std::ostream& out, std::size_t width = 0,
                bool histogram = false)
        : highlight_(highlight), out_(out), width_(width), histogram_(histogram) {}
    void start(const SearchResults& summary) override;
    void hit(const Hit& hit) override;
    void finish() override;

  private:
    void put(const std::string& text, const char* separator = " ");

    Highlight highlight_;
    std::ostream& out_;
    std::size_t width_;
    bool histogram_;
    SearchResults summary_;
    std::size_t first_rank_ = 0, last_rank_ = 0;
};

class JsonPrinter : public HitSink {
  public:
    // With `request`, the document also holds it ("request") and the time it took ("took_ms",
    // from this printer's making to its last hit).
    explicit JsonPrinter(std::ostream& out, const SearchRequest* request = nullptr)
        : out_(out), request_(request), started_(std::chrono::steady_clock::now()) {}
    void start(const SearchResults& summary) override;
    void hit(const Hit& hit) override;
    void finish() override;

  private:
    std::ostream& out_;
    const SearchRequest* request_;
    std::chrono::steady_clock::time_point started_;
    std::string tail_;  // what follows the hits: the facets, the closing brace
    bool any_hit_ = false;
};

// --format csv|tsv: a header line, then a line per hit (rank, score, article_id, passage,
// source, date, title, url, speakers, locations, snippet with **marks**, also_in; lists joined
// by "; "), or with `facets` (--limit 0) a line per facet value (facet, value, count). CSV as
// RFC 4180 quotes it; TSV with tabs and line breaks inside a field made spaces.
class TablePrinter : public HitSink {
  public:
    TablePrinter(char separator, bool facets, std::ostream& out)
        : separator_(separator), facets_(facets), out_(out) {}
    void start(const SearchResults& summary) override;
    void hit(const Hit& hit) override;
    void finish() override;

  private:
    void row(const std::vector<std::string>& fields);

    char separator_;
    bool facets_;
    std::ostream& out_;
    std::vector<Facet> facet_rows_;
};

// dateline-search --stats.
void print_text(const IndexStats& stats, std::ostream& out);
void print_json(const IndexStats& stats, std::ostream& out);

// dateline-search --quotes: a quotation a line (speaker, outlet, date, the words, article id
// and passage, also in), then the total and the facets; JSON {"quotes", "total_quotes",
// "facets"}.
void print_text(const QuoteResults& results, std::ostream& out);
void print_json(const QuoteResults& results, std::ostream& out);

// dateline-search --article ID: the title, outlet, date, URL and authors, then each passage
// numbered, with its speakers, quotations and places; JSON {"article_id", "title", "source",
// "date", "url", "authors", "passages": [{"passage", "text", "speakers", "locations",
// "quotes"}]}.
void print_article_text(const std::vector<schema::PassageRecord>& passages, std::ostream& out);
void print_article_json(const std::vector<schema::PassageRecord>& passages, std::ostream& out);

// `text`'s lines wrapped at `width` columns (UTF-8 characters; terminal escapes take none),
// breaking only at `separator`, continuation lines indented by the line's own indent (at least
// 3). A word longer than the width stays whole.
std::string wrap_lines(const std::string& text, std::size_t width, const std::string& separator);

// The date facet as bars, a line a date: "  2020-08-16  ████ 4", the longest `bar` wide.
std::string date_histogram(const Facet& dates, std::size_t bar);

// The snippet with its match markers rendered.
std::string render_snippet(const std::string& snippet, Highlight highlight);

}  // namespace dateline
