// The engine's floor: the least a Xapian indexer does for these articles. One document per
// article, TermGenerator with positions and the English stemmer over title and text, the
// outlet as a boolean term, the date in a value slot, id and title as the document data.
//   xapian_floor_index DB FILE.jsonl[.gz]...
#include <xapian.h>

#include <iostream>

#include "bench/peers/jsonl.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: xapian_floor_index DB FILE.jsonl[.gz]...\n";
        return 2;
    }
    try {
        Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        std::size_t docs = 0, bytes = 0;
        for (int i = 2; i < argc; ++i) {
            bytes += bench::for_each_article(argv[i], [&](const bench::Article& a) {
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(a.title);
                tg.increase_termpos();
                tg.index_text(a.text);
                doc.add_boolean_term("XS" + bench::slug(a.source));
                doc.add_value(0, bench::yyyymmdd(a.date));
                doc.set_data(a.id + "\t" + a.source + "\t" + a.date + "\t" + a.title);
                db.add_document(doc);
                ++docs;
            });
        }
        db.commit();
        std::cout << "xapian-floor: " << docs << " documents, " << bytes << " bytes read\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_floor_index: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "xapian_floor_index: " << e.what() << "\n";
        return 1;
    }
}
