// Scores TREC runs against qrels: one line per run, tab-separated: run, MAP, nDCG@10, P@10,
// judged queries (see bench/eval/trec.h for the definitions).
//   eval_score QRELS RUN...
#include <cstdio>
#include <iostream>

#include "bench/eval/trec.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: eval_score QRELS RUN...\n";
        return 2;
    }
    try {
        eval::Qrels qrels = eval::read_qrels(argv[1]);
        for (int i = 2; i < argc; ++i) {
            eval::Metrics m = eval::score(eval::read_run(argv[i]), qrels);
            std::printf("%s\t%.4f\t%.4f\t%.4f\t%zu\n", argv[i], m.map, m.ndcg10, m.p10, m.queries);
        }
    } catch (const std::exception& e) {
        std::cerr << "eval_score: " << e.what() << "\n";
        return 1;
    }
}
