// Text and JSON printers for search results.
#include "src/output/output.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "schema/schema.h"
#include "src/text/terminal.h"

namespace dateline {

namespace {

// A facet's heading, from the schema table's label column; a declared field's name, capitalised.
std::string facet_label(const std::string& name) {
    const schema::FieldSpec* spec = schema::find(name);
    if (spec && !spec->label.empty()) return std::string(spec->label);
    std::string label = name;
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = char(label[0] - 'a' + 'A');
    return label;
}

// --where as {"bias": ["left", "center"]}.
nlohmann::ordered_json where_json(const std::vector<std::pair<std::string, std::string>>& where) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [name, value] : where) out[name].push_back(value);
    return out;
}

// The declared fields' values: {"bias": ["left"], ...}.
nlohmann::ordered_json fields_json(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& fields) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [name, values] : fields) out[name] = values;
    return out;
}

// Text output shows a field with nothing a terminal would act on (src/text/terminal.h).
std::string shown(const std::string& field) { return for_terminal(field); }

std::string join(const std::vector<std::string>& values, const char* sep) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : sep) + shown(v);
    return out;
}

// Each facet with values, a line each: "Outlets (articles):  CNN 3  BBC 2".
void print_facets(const std::vector<Facet>& facets, const char* counted, std::ostream& out) {
    for (const Facet& f : facets) {
        if (f.values.empty()) continue;
        out << facet_label(f.name) << " (" << counted << "):";
        for (const auto& v : f.values)
            out << "  " << (v.selected ? "[" : "") << shown(v.value) << " " << v.count
                << (v.selected ? "]" : "");
        out << "\n";
    }
}

nlohmann::ordered_json facets_json(const std::vector<Facet>& facets) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const Facet& f : facets) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const auto& v : f.values) {
            values.push_back({{"value", v.value}, {"count", v.count}});
            if (v.selected) values.back()["selected"] = true;
        }
        out[f.name] = values;
    }
    return out;
}

// The query as the summary line shows it: quoted, unless a phrase shows its own quotes.
std::string shown_query(const std::string& query) {
    bool quoted = query.find('"') != std::string::npos;
    return std::string(quoted ? "" : "\"") + shown(query) + (quoted ? "" : "\"");
}

void dump(const nlohmann::ordered_json& doc, std::ostream& out) {
    // Invalid UTF-8 cannot reach here (the indexer repairs it), but never abort on it.
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// The snippet for a terminal: its text made safe, its match marks rendered.
std::string shown_snippet(const std::string& snippet, Highlight highlight) {
    std::string out, run;
    for (char c : snippet) {
        if (c == kMarkStart || c == kMarkEnd) {
            out += shown(run) + c;
            run.clear();
        } else {
            run += c;
        }
    }
    return render_snippet(out + shown(run), highlight);
}

const char* sort_name(SortOrder sort) {
    return sort == SortOrder::Relevance ? "relevance"
           : sort == SortOrder::Oldest  ? "date"
                                        : "newest";
}

// What was asked, as the options name it.
nlohmann::ordered_json request_json(const SearchRequest& q) {
    return {{"query", q.query},
            {"source", q.sources},
            {"speaker", q.speakers},
            {"location", q.locations},
            {"language", q.languages},
            {"where", where_json(q.where)},
            {"from", q.from},
            {"to", q.to},
            {"any", q.match_any},
            {"within", q.within == Scope::Article ? "article" : "passage"},
            {"sort", sort_name(q.sort)},
            {"per_article", q.per_article},
            {"all_copies", q.all_copies},
            {"offset", q.offset},
            {"limit", q.limit}};
}

nlohmann::ordered_json hit_json(const Hit& h) {
    nlohmann::ordered_json quotes = nlohmann::ordered_json::array();
    for (const auto& q : h.quotes)
        quotes.push_back({{"text", q.text}, {"speaker", q.speaker}, {"speaker_kind", q.kind}});
    return {{"rank", h.rank},
            {"score", h.score},
            {"article_id", h.article_id},
            {"passage", h.passage},
            {"source", h.source},
            {"date", h.date},
            {"published", h.published},
            {"language", h.language},
            {"title", h.title},
            {"url", h.url},
            {"speakers", h.speakers},
            {"locations", h.locations},
            {"quotes", quotes},
            {"snippet", render_snippet(h.snippet, Highlight::Markers)},
            {"text", h.text},
            {"collapsed", h.collapsed},
            {"also_in", h.also_in},
            {"fields", fields_json(h.fields)}};
}

// -C N: the hit's neighbours in its article.
nlohmann::ordered_json context_json(const std::vector<ContextPassage>& passages) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& c : passages) out.push_back({{"passage", c.passage}, {"text", c.text}});
    return out;
}

}  // namespace

namespace {

// Columns a piece of text takes: its UTF-8 characters, terminal escapes (ESC [ ... m) none.
std::size_t columns(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0x1B) {
            while (i < text.size() && text[i] != 'm') ++i;
            continue;
        }
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

std::string wrap_line(const std::string& line, std::size_t width, const std::string& sep) {
    if (columns(line) <= width) return line;
    const std::size_t lead = line.find_first_not_of(' ');
    const std::string indent(std::max<std::size_t>(3, lead == std::string::npos ? 0 : lead), ' ');
    std::string out, current = line.substr(0, lead == std::string::npos ? 0 : lead);
    std::size_t at = current.size();
    bool first_piece = true;
    while (at < line.size()) {
        std::size_t next = line.find(sep, at);
        if (next == std::string::npos) next = line.size();
        const std::string piece = line.substr(at, next - at);
        const std::string joined = first_piece ? current + piece : current + sep + piece;
        if (!first_piece && columns(joined) > width && columns(current) > indent.size()) {
            out += current + "\n";
            current = indent + piece;
        } else {
            current = joined;
        }
        first_piece = false;
        at = next == line.size() ? next : next + sep.size();
    }
    return out + current;
}

}  // namespace

std::string wrap_lines(const std::string& text, std::size_t width, const std::string& separator) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        const bool last = end == std::string::npos;
        if (last) end = text.size();
        out += wrap_line(text.substr(at, end - at), width, separator);
        if (!last) out += "\n";
        at = end + 1;
    }
    return out;
}

std::string date_histogram(const Facet& dates, std::size_t bar) {
    std::size_t most = 1;
    for (const auto& v : dates.values) most = std::max(most, v.count);
    std::string out;
    for (const auto& v : dates.values) {
        std::size_t n = (v.count * bar + most / 2) / most;
        if (n == 0 && v.count > 0) n = 1;
        std::string label = shown(v.value);
        label.resize(std::max<std::size_t>(label.size(), 10), ' ');
        out += "  " + label + "  ";
        for (std::size_t i = 0; i < n; ++i) out += "\u2588";
        out += " " + std::to_string(v.count) + "\n";
    }
    return out;
}

std::string render_snippet(const std::string& snippet, Highlight highlight) {
    std::string on = highlight == Highlight::Bold ? "\033[1m" : "**";
    std::string off = highlight == Highlight::Bold ? "\033[0m" : "**";
    std::string out;
    for (char c : snippet) {
        if (c == kMarkStart)
            out += on;
        else if (c == kMarkEnd)
            out += off;
        else
            out += c;
    }
    return out;
}

void TextPrinter::start(const SearchResults& r) {
    summary_ = r;
    summary_.hits.clear();
    if (!r.did_you_mean.empty()) out_ << "Did you mean: " << shown(r.did_you_mean) << "\n\n";
}

void TextPrinter::put(const std::string& text, const char* separator) {
    out_ << (width_ ? wrap_lines(text, width_, separator) : text);
}

void TextPrinter::hit(const Hit& h) {
    if (first_rank_ == 0) first_rank_ = h.rank;
    last_rank_ = h.rank;
    std::ostringstream score, o;
    score << std::fixed << std::setprecision(2) << h.score;
    o << h.rank << ". [" << score.str() << "] "
      << (h.source.empty() ? "(no outlet)" : shown(h.source)) << " · "
      << (h.date.empty() ? "(no date)" : shown(h.date)) << " · " << shown(h.title) << "\n";
    o << "   " << shown(h.article_id) << " #" << h.passage;
    if (!h.speakers.empty()) o << " · speakers: " << join(h.speakers, ", ");
    if (!h.locations.empty()) o << " · places: " << join(h.locations, ", ");
    if (!h.url.empty()) o << "\n   " << shown(h.url);
    std::string fields;
    for (const auto& [name, values] : h.fields)
        if (!values.empty())
            fields += (fields.empty() ? "" : " · ") + name + ": " + join(values, ", ");
    if (!fields.empty()) o << "\n   " << fields;
    o << "\n";
    for (const auto& c : h.before) o << "   #" << c.passage << "  " << shown(c.text) << "\n";
    o << (h.before.empty() && h.after.empty() ? "   " : " > ")
      << shown_snippet(h.snippet, highlight_) << "\n";
    for (const auto& c : h.after) o << "   #" << c.passage << "  " << shown(c.text) << "\n";
    if (!h.also_in.empty()) o << "   also in: " << join(h.also_in, ", ") << "\n";
    put(o.str() + "\n");
}

void TextPrinter::finish() {
    const SearchResults& r = summary_;
    std::ostringstream o;
    o << r.total_passages << (r.total_passages == 1 ? " passage" : " passages") << " in "
      << r.total_articles << (r.total_articles == 1 ? " article" : " articles") << " matched";
    if (!r.query.empty()) o << " " << shown_query(r.query);
    if (first_rank_ > 0)
        o << " (showing " << first_rank_ << "-" << last_rank_ << " of " << r.total_results << ")";
    put(o.str() + "\n");
    std::vector<Facet> listed;  // with --histogram, all but the dates, drawn after them
    const Facet* dates = nullptr;
    for (const Facet& facet : r.facets) {
        if (histogram_ && facet.name == schema::spec(schema::Field::Date).name)
            dates = &facet;
        else
            listed.push_back(facet);
    }
    std::ostringstream f;
    print_facets(listed, "articles", f);
    put(f.str(), "  ");  // a facet value is not cut in two
    if (dates && !dates->values.empty()) {
        const std::size_t bar = width_ > 30 ? std::min<std::size_t>(60, width_ - 24) : 40;
        out_ << facet_label(dates->name) << " (articles):\n" << date_histogram(*dates, bar);
    }
}

void JsonPrinter::start(const SearchResults& r) {
    // The whole document with no hits, printed as far as the hits' array: each hit is put
    // inside it as it comes, indented as dump() would have.
    std::ostringstream whole;
    nlohmann::ordered_json head = {{"query", r.query}};
    if (request_) head["request"] = request_json(*request_);
    head.update(nlohmann::ordered_json{{"total_passages", r.total_passages},
                                       {"total_articles", r.total_articles},
                                       {"total_results", r.total_results},
                                       {"did_you_mean", r.did_you_mean},
                                       {"hits", nlohmann::ordered_json::array()},
                                       {"facets", facets_json(r.facets)}});
    dump(head, whole);
    const std::string doc = whole.str();
    const std::string mark = "\n  \"hits\": [";
    const std::size_t at = doc.find(mark) + mark.size();
    out_ << doc.substr(0, at);
    tail_ = doc.substr(at + 1);  // past the empty array's "]"
}

void JsonPrinter::hit(const Hit& h) {
    std::ostringstream one;
    nlohmann::ordered_json doc = hit_json(h);
    if (request_ && request_->context > 0)
        doc["context"] = {{"before", context_json(h.before)}, {"after", context_json(h.after)}};
    dump(doc, one);
    std::string text = one.str();
    text.pop_back();  // dump's newline
    out_ << (any_hit_ ? "," : "") << "\n    ";
    for (char c : text) out_ << c << (c == '\n' ? "    " : "");
    any_hit_ = true;
}

void JsonPrinter::finish() {
    out_ << (any_hit_ ? "\n  ]" : "]");
    if (!request_) {
        out_ << tail_;
        return;
    }
    // The time from the request to its last hit, after the facets: "\n}\n" ends the tail.
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    out_ << tail_.substr(0, tail_.size() - 3)
         << ",\n  \"took_ms\": " << nlohmann::json(std::round(ms * 10) / 10).dump() << "\n}\n";
}

void print_text(const SearchResults& r, Highlight highlight, std::ostream& out) {
    TextPrinter printer(highlight, out);
    printer.start(r);
    for (const Hit& h : r.hits) printer.hit(h);
    printer.finish();
}

void print_json(const SearchResults& r, std::ostream& out) {
    JsonPrinter printer(out);
    printer.start(r);
    for (const Hit& h : r.hits) printer.hit(h);
    printer.finish();
}

void TablePrinter::row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out_ << separator_;
        const std::string& f = fields[i];
        if (separator_ == '\t') {
            for (char c : f) out_ << (c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        } else if (f.find_first_of(",\"\n\r") == std::string::npos) {
            out_ << f;
        } else {
            out_ << '"';
            for (char c : f) out_ << (c == '"' ? "\"\"" : std::string(1, c));
            out_ << '"';
        }
    }
    out_ << "\n";
}

void TablePrinter::start(const SearchResults& summary) {
    if (facets_) {
        facet_rows_ = summary.facets;
        row({"facet", "value", "count"});
    } else {
        row({"rank", "score", "article_id", "passage", "source", "date", "title", "url", "speakers",
             "locations", "snippet", "also_in"});
    }
}

void TablePrinter::hit(const Hit& h) {
    if (facets_) return;
    auto joined = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
        return out;
    };
    std::ostringstream score;
    score << std::fixed << std::setprecision(4) << h.score;
    row({std::to_string(h.rank), score.str(), h.article_id, std::to_string(h.passage), h.source,
         h.date, h.title, h.url, joined(h.speakers), joined(h.locations),
         render_snippet(h.snippet, Highlight::Markers), joined(h.also_in)});
}

void TablePrinter::finish() {
    for (const Facet& f : facet_rows_)
        for (const auto& v : f.values) row({f.name, v.value, std::to_string(v.count)});
}

void print_text(const IndexStats& s, std::ostream& out) {
    out << s.articles << (s.articles == 1 ? " article, " : " articles, ") << s.passages
        << (s.passages == 1 ? " passage" : " passages");
    if (!s.first_date.empty()) out << ", dated " << s.first_date << " to " << s.last_date;
    out << "\n";
    print_facets(s.facets, "articles", out);
    std::ostringstream size;
    size << std::fixed << std::setprecision(1) << static_cast<double>(s.bytes) / (1024 * 1024);
    out << "Size on disk: " << size.str() << " MB in " << s.databases.size()
        << (s.databases.size() == 1 ? " database" : " databases") << " (" << join(s.databases, "; ")
        << ")\n";
}

void print_json(const IndexStats& s, std::ostream& out) {
    dump({{"articles", s.articles},
          {"passages", s.passages},
          {"first_date", s.first_date},
          {"last_date", s.last_date},
          {"facets", facets_json(s.facets)},
          {"databases", s.databases},
          {"bytes", s.bytes}},
         out);
}

void print_article_text(const std::vector<schema::PassageRecord>& passages, std::ostream& out) {
    if (passages.empty()) return;
    const schema::PassageRecord& first = passages.front();
    out << shown(first.title) << "\n"
        << (first.source.empty() ? "(no outlet)" : shown(first.source)) << " · "
        << (first.date.empty() ? "(no date)" : shown(first.date));
    if (!first.url.empty()) out << " · " << shown(first.url);
    out << "\n";
    if (!first.authors.empty()) out << "By " << join(first.authors, ", ") << "\n";
    out << shown(first.article_id) << "\n";
    for (const auto& p : passages) {
        if (p.passage == 0) continue;  // the title, shown above
        out << "\n#" << p.passage << "  " << shown(p.text) << "\n";
        if (!p.speakers.empty()) out << "    speakers: " << join(p.speakers, ", ") << "\n";
        for (const auto& q : p.quotes)
            out << "    \u201c" << shown(q.text) << "\u201d "
                << (q.speaker.empty() ? "(no speaker)" : shown(q.speaker)) << "\n";
        if (!p.locations.empty()) out << "    places: " << join(p.locations, ", ") << "\n";
    }
}

void print_article_json(const std::vector<schema::PassageRecord>& passages, std::ostream& out) {
    using nlohmann::ordered_json;
    ordered_json list = ordered_json::array();
    for (const auto& p : passages) {
        ordered_json quotes = ordered_json::array();
        for (const auto& q : p.quotes)
            quotes.push_back({{"text", q.text}, {"speaker", q.speaker}, {"speaker_kind", q.kind}});
        list.push_back({{"passage", p.passage},
                        {"text", p.text},
                        {"speakers", p.speakers},
                        {"locations", p.locations},
                        {"quotes", quotes}});
    }
    const schema::PassageRecord none;
    const schema::PassageRecord& first = passages.empty() ? none : passages.front();
    dump({{"article_id", first.article_id},
          {"title", first.title},
          {"source", first.source},
          {"date", first.date},
          {"published", first.published},
          {"language", first.language},
          {"url", first.url},
          {"authors", first.authors},
          {"passages", list}},
         out);
}

void print_text(const QuoteResults& r, std::ostream& out) {
    for (const QuoteLine& q : r.quotes) {
        out << (q.speaker.empty() ? "(no speaker)" : shown(q.speaker)) << " · "
            << (q.source.empty() ? "(no outlet)" : shown(q.source)) << " · "
            << (q.date.empty() ? "(no date)" : shown(q.date)) << " · \u201c" << shown(q.text)
            << "\u201d · " << shown(q.article_id) << " #" << q.passage;
        if (!q.also_in.empty()) out << " · also in: " << join(q.also_in, ", ");
        out << "\n";
    }
    if (!r.quotes.empty()) out << "\n";
    out << r.total_quotes << (r.total_quotes == 1 ? " quotation" : " quotations") << " matched";
    if (!r.query.empty()) out << " " << shown_query(r.query);
    out << "\n";
    print_facets(r.facets, "quotations", out);
}

void print_json(const QuoteResults& r, std::ostream& out) {
    nlohmann::ordered_json quotes = nlohmann::ordered_json::array();
    for (const QuoteLine& q : r.quotes)
        quotes.push_back({{"text", q.text},
                          {"speaker", q.speaker},
                          {"speaker_kind", q.speaker_kind},
                          {"source", q.source},
                          {"date", q.date},
                          {"article_id", q.article_id},
                          {"passage", q.passage},
                          {"also_in", q.also_in}});
    dump({{"query", r.query},
          {"quotes", quotes},
          {"total_quotes", r.total_quotes},
          {"facets", facets_json(r.facets)}},
         out);
}

}  // namespace dateline
