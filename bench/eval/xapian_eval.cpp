// Plain Xapian BM25 over judged queries: the index of bench/peers/xapian_floor_index (one
// document per article, title and text, English stemmer), each query read by QueryParser with
// OR between words (STEM_SOME, as Dateline), BM25Weight's defaults, the first 1000 as a TREC run.
//   xapian_eval DB QUERIES.jsonl RUN
#include <xapian.h>

#include <fstream>
#include <iostream>

#include "bench/eval/trec.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: xapian_eval DB QUERIES.jsonl RUN\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        eval::Run run;
        for (const auto& q : eval::read_queries(argv[2])) {
            enquire.set_query(qp.parse_query(q.text));
            Xapian::MSet mset = enquire.get_mset(0, eval::kDepth);
            auto& ranked = run[q.id];
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::string data = it.get_document().get_data();  // id \t source \t ...
                ranked.push_back({data.substr(0, data.find('\t')), it.get_weight()});
            }
        }
        std::ofstream out(argv[3]);
        eval::write_run(out, run, "xapian");
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_eval: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "xapian_eval: " << e.what() << "\n";
        return 1;
    }
}
