// Article-wide matching: the articles that satisfy a query's ANDs and NOTs across their passages,
// and the passages shown for them.
#include "src/search/within.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace dateline {

using schema::Field;

namespace {

using Op = Xapian::Query::op;

// Below this many articles, a later part of an AND is matched only within the articles found so
// far, through their id terms; above it, over the whole index.
constexpr std::size_t kRestrictBelow = 1000;

std::vector<Xapian::Query> children(const Xapian::Query& q) {
    std::vector<Xapian::Query> out;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) out.push_back(q.get_subquery(i));
    return out;
}

// Whether a part holds on the passage shown: it names a quote:, speaker: or location: term.
bool passage_bound(const Xapian::Query& q) {
    static const std::string prefixes[] = {std::string(schema::spec(Field::Quote).prefix),
                                           std::string(schema::spec(Field::Speaker).prefix),
                                           std::string(schema::spec(Field::Location).prefix)};
    for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
        const std::string whole = *t;  // a copy: the iterator gives a temporary
        std::string_view term = whole;
        if (!term.empty() && term[0] == 'Z') term.remove_prefix(1);
        for (const auto& p : prefixes)
            if (term.substr(0, p.size()) == p) return true;
    }
    return false;
}

std::size_t free_parts(const Xapian::Query& q) {
    std::size_t n = 0;
    for (const auto& c : children(q)) n += !passage_bound(c);
    return n;
}

// The passages shown: each AND read as OR of its free parts (those not bound to a passage), or
// with bound parts as those parts, each NOT left out.
Xapian::Query positive(const Xapian::Query& q) {
    std::vector<Xapian::Query> parts = children(q);
    switch (q.get_type()) {
        case Op::OP_AND: {
            std::vector<Xapian::Query> free, bound;
            for (const auto& c : parts) (passage_bound(c) ? bound : free).push_back(positive(c));
            if (free.empty()) return q;
            Xapian::Query words(Op::OP_OR, free.begin(), free.end());
            if (bound.empty()) return words;
            // The passage shown holds the bound parts; the words, there too, rank it higher.
            return Xapian::Query(Op::OP_AND_MAYBE,
                                 Xapian::Query(Op::OP_AND, bound.begin(), bound.end()), words);
        }
        case Op::OP_AND_NOT:
            return positive(parts.front());
        case Op::OP_OR:
        case Op::OP_FILTER:
        case Op::OP_AND_MAYBE: {
            // Only the first part of FILTER and AND_MAYBE is a match; the others filter or weigh.
            for (std::size_t i = 0; i < parts.size(); ++i)
                if (i == 0 || q.get_type() == Op::OP_OR) parts[i] = positive(parts[i]);
            return Xapian::Query(q.get_type(), parts.begin(), parts.end());
        }
        default:
            return q;
    }
}

Xapian::Query article_terms(const ArticleIds& ids) {
    std::vector<Xapian::Query> terms;
    terms.reserve(ids.size());
    for (const auto& id : ids) terms.emplace_back(schema::filter_term(Field::Article, id));
    return Xapian::Query(Op::OP_OR, terms.begin(), terms.end());
}

// How passages are told apart by article. One local database that lists where its articles
// begin (schema::kArticleStartsKey): by document id alone, an article's key being its place in
// that list. Otherwise by the Article slot, the key being the article id.
class ArticleKeys {
  public:
    ArticleKeys(const Xapian::Database& db, bool any_remote) : any_remote_(any_remote) {
        if (any_remote || db.size() != 1) return;
        auto starts = schema::unpack_starts(db.get_metadata(std::string(schema::kArticleStartsKey)),
                                            db.get_lastdocid());
        if (starts && !starts->empty()) {
            starts_ = std::move(*starts);
            last_docid_ = db.get_lastdocid();
        }
    }

    bool by_docid() const { return !starts_.empty(); }
    bool remote() const { return any_remote_; }

    std::string key(const Xapian::Document& doc) const {
        if (!by_docid()) return doc.get_value(schema::spec(Field::Article).slot);
        auto after = std::upper_bound(starts_.begin(), starts_.end(), doc.get_docid());
        std::uint32_t run = static_cast<std::uint32_t>(after - starts_.begin());  // 0: none
        return std::string(reinterpret_cast<const char*>(&run), sizeof run);
    }

    // The passages of these articles, as a filter.
    Xapian::Query passages_of(const ArticleIds& ids) const {
        if (by_docid()) return Xapian::Query((new ArticleRunsSource(runs(ids)))->release());
        if (any_remote_) return article_terms(ids);
        return Xapian::Query((new ArticleSetSource(std::make_shared<ArticleIds>(ids)))->release());
    }

    // Whether a later part of an AND is best matched within the articles found so far (a
    // filter of few postings), rather than over the whole index and then intersected.
    bool restricts(const ArticleIds& ids) const {
        return by_docid() || ids.size() < kRestrictBelow;
    }
    Xapian::Query restriction(const ArticleIds& ids) const {
        return by_docid() ? passages_of(ids) : article_terms(ids);
    }

  private:
    // The document id ranges of the articles, ascending.
    std::shared_ptr<const ArticleRunsSource::Runs> runs(const ArticleIds& ids) const {
        auto runs = std::make_shared<ArticleRunsSource::Runs>();
        for (const auto& key : ids) {
            std::uint32_t run = 0;
            std::memcpy(&run, key.data(), sizeof run);
            if (run == 0) continue;
            Xapian::docid end = run < starts_.size() ? starts_[run] : last_docid_ + 1;
            runs->emplace_back(starts_[run - 1], end);
        }
        std::sort(runs->begin(), runs->end());
        return runs;
    }

    bool any_remote_;
    std::vector<Xapian::docid> starts_;
    Xapian::docid last_docid_ = 0;
};

// Collects the article of each passage it sees (local parts).
class ArticleCollector : public Xapian::MatchSpy {
  public:
    ArticleCollector(const ArticleKeys& keys, ArticleIds& ids) : keys_(keys), ids_(ids) {}
    void operator()(const Xapian::Document& doc, double) override {
        std::string key = keys_.key(doc);
        if (key == last_) return;  // an article's passages come together
        ids_.insert(key);
        last_ = std::move(key);
    }

  private:
    const ArticleKeys& keys_;
    ArticleIds& ids_;
    std::string last_;
};

ArticleIds intersect(const ArticleIds& a, const ArticleIds& b) {
    const ArticleIds& small = a.size() <= b.size() ? a : b;
    const ArticleIds& large = a.size() <= b.size() ? b : a;
    ArticleIds out;
    for (const auto& id : small)
        if (large.count(id)) out.insert(id);
    return out;
}

// Works out which articles satisfy a query article-wide.
class ArticleMatcher {
  public:
    ArticleMatcher(const Xapian::Database& db, const ArticleKeys& keys) : db_(db), keys_(keys) {}

    // The articles satisfying `q`, among `within` when given.
    ArticleIds articles(const Xapian::Query& q, const ArticleIds* within) {
        std::vector<Xapian::Query> parts = children(q);
        switch (q.get_type()) {
            case Op::OP_AND:
                return all_of(parts, within);
            case Op::OP_AND_NOT: {
                ArticleIds found = articles(parts.front(), within);
                for (std::size_t i = 1; i < parts.size() && !found.empty(); ++i)
                    for (const auto& id : articles(parts[i], &found)) found.erase(id);
                return found;
            }
            case Op::OP_OR:
                if (!differs_by_article(q)) return scan(q, within);
                return any_of(parts, within);
            case Op::OP_FILTER: {
                ArticleIds found = articles(parts.front(), within);
                return found.empty() ? found : scan(positive(q), &found);
            }
            case Op::OP_AND_MAYBE:
                return articles(parts.front(), within);
            default:
                return scan(q, within);
        }
    }

  private:
    // The parts, rarest first, each matched within the articles the ones before it left.
    ArticleIds all_of(std::vector<Xapian::Query> parts, const ArticleIds* within) {
        std::vector<std::pair<Xapian::doccount, Xapian::Query>> by_size;
        for (auto& p : parts) by_size.emplace_back(estimate(p), std::move(p));
        std::stable_sort(by_size.begin(), by_size.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        ArticleIds found = articles(by_size.front().second, within);
        for (std::size_t i = 1; i < by_size.size() && !found.empty(); ++i)
            found = articles(by_size[i].second, &found);
        return found;
    }

    ArticleIds any_of(const std::vector<Xapian::Query>& parts, const ArticleIds* within) {
        ArticleIds found;
        for (const auto& p : parts) found.merge(articles(p, within));
        return found;
    }

    Xapian::doccount estimate(const Xapian::Query& q) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        return enquire.get_mset(0, 0).get_matches_estimated();
    }

    // One pass over the matches of `q` (within `within`'s articles when that is cheaper),
    // recording their articles.
    ArticleIds scan(const Xapian::Query& q, const ArticleIds* within) {
        Xapian::Enquire enquire(db_);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const bool restrict = within && keys_.restricts(*within);
        enquire.set_query(restrict ? Xapian::Query(Op::OP_FILTER, q, keys_.restriction(*within))
                                   : q);
        ArticleIds found;
        ArticleCollector local(keys_, found);
        Xapian::ValueCountMatchSpy remote(schema::spec(Field::Article).slot);
        if (keys_.remote())
            enquire.add_matchspy(&remote);
        else
            enquire.add_matchspy(&local);
        enquire.get_mset(0, 0, db_.get_doccount());
        if (keys_.remote())
            for (auto v = remote.values_begin(); v != remote.values_end(); ++v) found.insert(*v);
        return within && !restrict ? intersect(found, *within) : found;
    }

    const Xapian::Database& db_;
    const ArticleKeys& keys_;
};

}  // namespace

bool differs_by_article(const Xapian::Query& query) {
    std::vector<Xapian::Query> parts = children(query);
    switch (query.get_type()) {
        case Op::OP_AND:
            if (parts.size() >= 2 && free_parts(query) >= 1) return true;
            return std::any_of(parts.begin(), parts.end(),
                               [](const auto& p) { return differs_by_article(p); });
        case Op::OP_AND_NOT:
            return true;
        case Op::OP_OR:
            return std::any_of(parts.begin(), parts.end(),
                               [](const auto& p) { return differs_by_article(p); });
        case Op::OP_FILTER:
        case Op::OP_AND_MAYBE:
            return differs_by_article(parts.front());
        default:
            return false;
    }
}

Xapian::Query match_by_article(const Xapian::Database& db, const Xapian::Query& query,
                               bool any_remote) {
    const ArticleKeys keys(db, any_remote);
    const ArticleIds ids = ArticleMatcher(db, keys).articles(query, nullptr);
    if (ids.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Op::OP_FILTER, positive(query), keys.passages_of(ids));
}

ArticleSetSource::ArticleSetSource(std::shared_ptr<const ArticleIds> ids) : ids_(std::move(ids)) {}

void ArticleSetSource::init(const Xapian::Database& db) {
    db_ = db;
    const Xapian::valueno slot = schema::spec(Field::Article).slot;
    it_ = db_.valuestream_begin(slot);
    end_ = db_.valuestream_end(slot);
    started_ = placed_ = false;
    all_ = db_.get_doccount();
    set_maxweight(0);
}

void ArticleSetSource::to_member() {
    while (it_ != end_ && !member()) ++it_;
}

void ArticleSetSource::next(double) {
    if (started_ && it_ != end_) ++it_;
    started_ = placed_ = true;
    to_member();
}

void ArticleSetSource::skip_to(Xapian::docid did, double) {
    if (placed_ && (it_ == end_ || it_.get_docid() >= did)) return;  // there already
    started_ = placed_ = true;
    it_.skip_to(did);
    to_member();
}

bool ArticleSetSource::check(Xapian::docid did, double) {
    if (placed_ && (it_ == end_ || it_.get_docid() >= did)) return true;  // at it or past it
    started_ = true;
    placed_ = it_.check(did);
    if (!placed_) return false;  // no value at did, and the position is unknown
    if (it_ == end_) return true;
    if (it_.get_docid() == did) return member();
    to_member();
    return true;
}

ArticleRunsSource::ArticleRunsSource(std::shared_ptr<const Runs> runs) : runs_(std::move(runs)) {
    for (const auto& [first, end] : *runs_) passages_ += end - first;
}

void ArticleRunsSource::init(const Xapian::Database& db) {
    run_ = 0;
    did_ = 0;
    last_ = db.get_lastdocid();
    set_maxweight(0);
}

void ArticleRunsSource::settle() {
    const Runs& runs = *runs_;
    while (run_ < runs.size() && did_ >= runs[run_].second) ++run_;
    if (run_ < runs.size() && did_ < runs[run_].first) did_ = runs[run_].first;
}

void ArticleRunsSource::next(double) {
    ++did_;
    settle();
}

void ArticleRunsSource::skip_to(Xapian::docid did, double) {
    if (did <= did_) return;
    did_ = did;
    // Far ahead: find the run by bisection rather than one at a time.
    const Runs& runs = *runs_;
    auto it = std::lower_bound(runs.begin() + static_cast<std::ptrdiff_t>(run_), runs.end(), did,
                               [](const auto& run, Xapian::docid d) { return run.second <= d; });
    run_ = static_cast<std::size_t>(it - runs.begin());
    settle();
}

bool ArticleRunsSource::at_end() const { return run_ >= runs_->size() || did_ > last_; }

std::string ArticleRunsSource::get_description() const {
    return "ArticleRunsSource(" + std::to_string(runs_->size()) + " articles)";
}

std::string ArticleSetSource::get_description() const {
    return "ArticleSetSource(" + std::to_string(ids_->size()) + " articles)";
}

}  // namespace dateline
