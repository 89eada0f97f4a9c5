// Dateline over judged queries: articles ranked from passages, several ways, scored in-process
// (bench/eval/trec.h), and the chosen ways written as TREC runs.
//   dateline_eval DB QUERIES.jsonl QRELS [--write CONFIG=RUN]... [CONFIG]...
// One line per CONFIG (and per --write), tab-separated: config, MAP, nDCG@10, P@10, queries.
// A CONFIG is comma-separated key=value pairs, each optional:
//   via=search|xapian  search: dateline::search() itself (lower-cased query, match_any,
//                      all_copies; with agg=best per_article: Dateline's own article ranking,
//                      its best passage mixed with the article's BM25 as a whole). xapian: the same
//                      query (QueryBuilder::parse, match_any) and BM25 through Xapian::Enquire
//                      on the same index, which lets the changes below be tried without
//                      touching src/ (with title=0, near=0 it ranks exactly as search does)
//   k1, b, k3          BM25 (request.ranking; defaults: dateline::Ranking's), for passages and
//                      for the article score (k3: how a word repeated in the query counts;
//                      large = each time)
//   stop=0             1: stop words (dateline::is_stop_word) taken out of the query (unless
//                      all are)
//   title=0            the query's words also matched against the title (prefix S, on every
//                      passage), their weight scaled by this
//   near=0, win=8      adjacent query words (stop words left out) within `win` words of each
//                      other in a passage, weight scaled by `near`
//   agg=best           how an article's score comes from its matching passages (s1 >= s2 ...):
//                      best s1 | sum s1+s2+... | alpha s1 + alpha*(s2+...) |
//                      mix (1-lambda)*s1 + lambda*A, where A is BM25 of the whole article
//                      (its passages' word counts added, article lengths and document
//                      frequencies counted in articles)
//   alpha=0.25, lambda=0.5
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>

#include "bench/eval/trec.h"
#include "schema/schema.h"
#include "src/search/query.h"
#include "src/search/search.h"

namespace {

struct Config {
    std::string name, via = "xapian", agg = "best";
    // BM25 as search() has it by default (dateline::Ranking).
    double k1 = dateline::Ranking{}.k1, b = dateline::Ranking{}.b, k3 = dateline::Ranking{}.k3;
    double title = 0, near = 0, alpha = 0.25, lambda = 0.5;
    unsigned win = 8;
    bool stop = false;
    // What the passage scores depend on (configurations that share it share one retrieval).
    std::string retrieval() const {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s %g %g %g %g %g %u %d %d", via.c_str(), k1, b, k3, title,
                      near, win, stop, via == "search" && agg == "best");
        return buf;
    }
};

Config parse_config(const std::string& text) {
    Config c;
    c.name = text;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        auto eq = item.find('=');
        if (eq == std::string::npos) throw std::runtime_error("not key=value: " + item);
        std::string k = item.substr(0, eq), v = item.substr(eq + 1);
        if (k == "via")
            c.via = v;
        else if (k == "agg")
            c.agg = v;
        else if (k == "k1")
            c.k1 = std::stod(v);
        else if (k == "b")
            c.b = std::stod(v);
        else if (k == "k3")
            c.k3 = std::stod(v);
        else if (k == "stop")
            c.stop = v == "1";
        else if (k == "title")
            c.title = std::stod(v);
        else if (k == "near")
            c.near = std::stod(v);
        else if (k == "win")
            c.win = static_cast<unsigned>(std::stoul(v));
        else if (k == "alpha")
            c.alpha = std::stod(v);
        else if (k == "lambda")
            c.lambda = std::stod(v);
        else
            throw std::runtime_error("unknown key: " + k);
    }
    if (c.via != "xapian" && c.via != "search") throw std::runtime_error("via=search|xapian");
    if (c.via == "search" && (c.title != 0 || c.near != 0))
        throw std::runtime_error("title and near need via=xapian (search() has neither)");
    if (c.agg != "best" && c.agg != "sum" && c.agg != "alpha" && c.agg != "mix")
        throw std::runtime_error("agg=best|sum|alpha|mix");
    return c;
}

// The index as the article score needs it: each passage's article, each article's length.
struct Corpus {
    std::vector<std::string> article_ids;            // article number -> id
    std::unordered_map<std::string, int> article_n;  // id -> article number
    std::vector<int> article_of;                     // docid -> article number
    std::vector<double> length;                      // article number -> words
    double average = 1;

    explicit Corpus(const Xapian::Database& db) {
        const Xapian::valueno slot = dateline::schema::spec(dateline::schema::Field::Article).slot;
        article_of.assign(db.get_lastdocid() + 1, -1);
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            std::string id = doc.get_value(slot);
            auto [it, added] = article_n.emplace(id, static_cast<int>(article_ids.size()));
            if (added) {
                article_ids.push_back(id);
                length.push_back(0);
            }
            article_of[*p] = it->second;
            // Words: the unprefixed terms (prefixes are capitals), one wdf per occurrence.
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                const std::string& term = *t;
                if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'))
                    length[it->second] += t.get_wdf();
            }
        }
        double total = 0;
        for (double l : length) total += l;
        if (!length.empty()) average = std::max(1.0, total / static_cast<double>(length.size()));
    }
};

// BM25 of whole articles (Xapian::BM25Weight's formulas, k2 = 0, k3 = 1, min_normlen 0.5)
// for the query's word terms, from the passages' postings.
std::unordered_map<int, double> article_scores(const Xapian::Database& db, const Corpus& corpus,
                                               const Xapian::Query& text, double k1, double b,
                                               double k3) {
    std::map<std::string, int> wqf;
    for (auto t = text.get_terms_begin(); t != text.get_terms_end(); ++t) {
        const std::string& term = *t;
        std::size_t start = !term.empty() && term[0] == 'Z' ? 1 : 0;
        if (term.size() > start && !(term[start] >= 'A' && term[start] <= 'Z')) ++wqf[term];
    }
    const double n_articles = static_cast<double>(corpus.article_ids.size());
    std::unordered_map<int, double> scores;
    for (const auto& [term, qf] : wqf) {
        std::unordered_map<int, double> tf;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
            tf[corpus.article_of[*p]] += p.get_wdf();
        if (tf.empty()) continue;
        double n = static_cast<double>(tf.size());
        double tw = (n_articles - n + 0.5) / (n + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        double idf = std::log(tw) * (k3 + 1) * qf / (k3 + qf);
        for (const auto& [a, f] : tf) {
            double normlen = std::max(corpus.length[a] / corpus.average, 0.5);
            double k = k1 * ((1 - b) + b * normlen);
            scores[a] += idf * (k1 + 1) * f / (k + f);
        }
    }
    return scores;
}

struct PassageScore {
    int article;
    double score;
};

class Evaluator {
  public:
    Evaluator(std::string db_path, std::vector<eval::Query> queries)
        : db_path_(std::move(db_path)),
          db_(db_path_),
          corpus_(db_),
          builder_(db_),
          queries_(std::move(queries)) {}

    eval::Run run(const Config& c) {
        auto& passages = retrieve(c);
        eval::Run run;
        for (std::size_t qi = 0; qi < queries_.size(); ++qi) {
            std::unordered_map<int, std::vector<double>> by_article;
            for (const auto& p : passages[qi]) by_article[p.article].push_back(p.score);
            std::unordered_map<int, double> whole;
            if (c.agg == "mix")
                whole = article_scores(db_, corpus_, builder_.parse(text(c, qi), true), c.k1, c.b,
                                       c.k3);
            auto& ranked = run[queries_[qi].id];
            for (auto& [a, s] : by_article) {
                std::sort(s.rbegin(), s.rend());
                double rest = 0;
                for (std::size_t i = 1; i < s.size(); ++i) rest += s[i];
                double score = s[0];
                if (c.agg == "sum")
                    score = s[0] + rest;
                else if (c.agg == "alpha")
                    score = s[0] + c.alpha * rest;
                else if (c.agg == "mix")
                    score = (1 - c.lambda) * s[0] + c.lambda * whole[a];
                ranked.push_back({corpus_.article_ids[static_cast<std::size_t>(a)], score});
            }
            eval::sort_ranked(ranked);
        }
        return run;
    }

  private:
    // The query as the configuration has it: without its stop words with stop=1.
    std::string text(const Config& c, std::size_t qi) const {
        const std::string& q = queries_[qi].text;
        if (!c.stop) return q;
        std::string out;
        for (const auto& w : eval::words(q))
            if (!dateline::is_stop_word(w)) out += (out.empty() ? "" : " ") + w;
        return out.empty() ? q : out;
    }

    // Every matching passage of each query, with its score.
    std::vector<std::vector<PassageScore>>& retrieve(const Config& c) {
        auto key = c.retrieval();
        auto found = cache_.find(key);
        if (found != cache_.end()) return found->second;
        auto& out = cache_[key];
        out.resize(queries_.size());
        Xapian::Enquire enquire(db_);
        enquire.set_weighting_scheme(Xapian::BM25Weight(c.k1, 0, c.k3, c.b, 0.5));
        for (std::size_t qi = 0; qi < queries_.size(); ++qi) {
            const std::string q = text(c, qi);
            if (c.via == "search") {
                dateline::SearchRequest r;
                r.db_path = db_path_;
                r.query = q;
                r.match_any = true;
                r.all_copies = true;
                r.per_article = c.agg == "best";
                r.limit = r.per_article ? eval::kDepth : db_.get_doccount();
                r.facet_limit = 1;
                r.snippet_chars = 40;
                r.ranking.k1 = c.k1;
                r.ranking.b = c.b;
                r.ranking.k3 = c.k3;
                for (const auto& hit : dateline::search(r).hits)
                    out[qi].push_back({corpus_.article_n.at(hit.article_id), hit.score});
                continue;
            }
            Xapian::Query text = builder_.parse(q, true);
            std::vector<Xapian::Query> parts{text};
            if (c.title > 0) {
                // Each word term again with the title's prefix: Zword -> ZSword, word -> Sword.
                std::vector<Xapian::Query> title;
                for (auto t = text.get_terms_begin(); t != text.get_terms_end(); ++t) {
                    const std::string& term = *t;
                    if (term.empty()) continue;
                    if (term[0] == 'Z' && term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z'))
                        title.emplace_back("ZS" + term.substr(1));
                    else if (!(term[0] >= 'A' && term[0] <= 'Z'))
                        title.emplace_back("S" + term);
                }
                parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                   Xapian::Query(Xapian::Query::OP_OR, title.begin(), title.end()),
                                   c.title);
            }
            if (c.near > 0) {
                std::vector<std::string> content;
                for (const auto& w : eval::words(q))
                    if (!dateline::is_stop_word(w) && db_.term_exists(w)) content.push_back(w);
                std::vector<Xapian::Query> pairs;
                for (std::size_t i = 1; i < content.size(); ++i) {
                    if (content[i] == content[i - 1]) continue;
                    Xapian::Query both[] = {Xapian::Query(content[i - 1]),
                                            Xapian::Query(content[i])};
                    pairs.emplace_back(Xapian::Query::OP_NEAR, both, both + 2, c.win);
                }
                if (!pairs.empty())
                    parts.emplace_back(
                        Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()), c.near);
            }
            enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
            Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
            for (auto it = mset.begin(); it != mset.end(); ++it)
                out[qi].push_back({corpus_.article_of[*it], it.get_weight()});
        }
        return out;
    }

    std::string db_path_;
    Xapian::Database db_;
    Corpus corpus_;
    dateline::QueryBuilder builder_;
    std::vector<eval::Query> queries_;
    std::map<std::string, std::vector<std::vector<PassageScore>>> cache_;
};

void print(const std::string& name, const eval::Metrics& m) {
    std::printf("%s\t%.4f\t%.4f\t%.4f\t%zu\n", name.c_str(), m.map, m.ndcg10, m.p10, m.queries);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: dateline_eval DB QUERIES.jsonl QRELS [--write CONFIG=RUN]... "
                     "[CONFIG]...\n";
        return 2;
    }
    try {
        // The index folder's stub (XAPIANDB) opens as one database.
        Evaluator evaluator(argv[1], eval::read_queries(argv[2]));
        eval::Qrels qrels = eval::read_qrels(argv[3]);
        for (int i = 4; i < argc; ++i) {
            std::string arg = argv[i];
            if (arg == "--write" && i + 1 < argc) {
                std::string spec = argv[++i];
                auto eq = spec.rfind('=');
                if (eq == std::string::npos) throw std::runtime_error("--write CONFIG=RUN");
                Config c = parse_config(spec.substr(0, eq));
                eval::Run run = evaluator.run(c);
                std::ofstream out(spec.substr(eq + 1));
                eval::write_run(out, run, "dateline");
                print(c.name, eval::score(run, qrels));
            } else {
                Config c = parse_config(arg);
                print(c.name, eval::score(evaluator.run(c), qrels));
            }
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline_eval: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dateline_eval: " << e.what() << "\n";
        return 1;
    }
}
