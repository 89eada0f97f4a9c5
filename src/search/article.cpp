// Reading an article whole: its passages by their article term, in passage order.
#include "src/search/article.h"

#include "schema/schema.h"
#include "src/search/hits.h"
#include "src/search/open.h"

namespace dateline {

std::vector<schema::PassageRecord> read_article(const SearchRequest& request,
                                                const std::string& id) {
    const OpenedIndex index = open_index(request);
    Xapian::Enquire enquire(index.db);
    enquire.set_query(Xapian::Query(schema::filter_term(schema::Field::Article, id)));
    enquire.set_sort_by_value(schema::spec(schema::Field::Passage).slot, false);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, index.db.get_doccount());
    std::vector<schema::PassageRecord> passages;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::optional<schema::PassageRecord> record = schema::read_record(it.get_document());
        if (!record) throw unreadable_passage(*it);
        show_full_names(index.surnames, record->speakers, record->quotes);
        passages.push_back(std::move(*record));
    }
    return passages;
}

void add_context(const Xapian::Database& db, std::size_t n, Hit& hit) {
    const Xapian::valueno slot = schema::spec(schema::Field::Passage).slot;
    const double from = hit.passage > n ? static_cast<double>(hit.passage - n) : 0.0;
    const double to = static_cast<double>(hit.passage) + static_cast<double>(n);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER,
        Xapian::Query(schema::filter_term(schema::Field::Article, hit.article_id)),
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(from),
                      Xapian::sortable_serialise(to))));
    enquire.set_sort_by_value(slot, false);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(2 * n + 1));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::optional<schema::PassageRecord> record = schema::read_record(it.get_document());
        if (!record) throw unreadable_passage(*it);
        if (record->passage == hit.passage) continue;
        (record->passage < hit.passage ? hit.before : hit.after)
            .push_back({record->passage, std::move(record->text)});
    }
}

}  // namespace dateline
