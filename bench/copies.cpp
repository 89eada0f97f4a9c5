// How the wire-copy collapse behaves on one index (bench/copies.sh runs it per corpus): the copy
// groups (passages sharing a copy key, found by walking the XC terms with termfreq >= 2), how
// alike their members are (worst pairwise Jaccard similarity of word 3-shingles, words as
// copy_key() reads them; of whole passages, and of their openings, the words copy_key() hashes),
// copies the key misses (pairs found by 8 more min-hashes, each alone, then measured), other
// keys simulated on the same passages, and what collapsing does to the top 10 and top 100 of a
// query set (dateline::search() with and without all_copies, and the copies folded into each
// top-10 hit measured against it). Prints samples for checking by eye.
//
//   copies DB [QUERIES.tsv [any]]
//
// QUERIES.tsv as bench/peers/queries.h reads it (label, query, source, from, to); "any" joins a
// query's words with OR (--any). Environment: SEED (1) seeds the sample, SAMPLE_GROUPS (20) its
// size.
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/peers/queries.h"
#include "schema/schema.h"
#include "src/ingest/passages.h"
#include "src/search/search.h"

namespace {

using dateline::schema::Field;
using dateline::schema::spec;

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

// The words of a text as copy_key() reads them: runs of ASCII letters and digits or non-ASCII
// bytes, ASCII lower-cased.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
        if (c >= 0x80 || std::isalnum(c)) {
            word += static_cast<char>(std::tolower(c));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    return words;
}

std::uint64_t fnv(const std::string& s) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : s) hash = (hash ^ c) * 1099511628211ULL;
    return hash;
}

// The word n-shingles of a text (of its first `most` words; 0 = all), hashed, sorted, distinct.
std::vector<std::uint64_t> shingles(const std::string& text, std::size_t n = 3,
                                    std::size_t most = 0) {
    std::vector<std::uint64_t> words;
    for (const auto& w : words_of(text))
        if (most == 0 || words.size() < most) words.push_back(fnv(w));
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < n; ++k) h = mix(h ^ words[i + k]);
        out.push_back(h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The word 3-shingles two texts share, as text (at most `most`).
std::string shared_shingles(const std::string& a, const std::string& b, std::size_t most) {
    auto wa = words_of(a), wb = words_of(b);
    std::set<std::string> in_b;
    for (std::size_t i = 0; i + 3 <= wb.size(); ++i)
        in_b.insert(wb[i] + " " + wb[i + 1] + " " + wb[i + 2]);
    std::string out;
    std::size_t n = 0, total = 0;
    std::set<std::string> done;
    for (std::size_t i = 0; i + 3 <= wa.size(); ++i) {
        std::string s = wa[i] + " " + wa[i + 1] + " " + wa[i + 2];
        if (!in_b.count(s) || !done.insert(s).second) continue;
        ++total;
        if (n++ < most) out += (out.empty() ? "\"" : ", \"") + s + "\"";
    }
    if (total > most) out += ", … (" + std::to_string(total) + " in all)";
    return out.empty() ? "none" : out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 1;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++common;
            ++i;
            ++j;
        }
    }
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

struct Passage {
    Xapian::docid id = 0;
    std::string key, source, article, title, text;
    std::vector<std::uint64_t> shingles;
    std::vector<std::uint64_t> opening;  // of the first kCopyWords words, which copy_key() reads
};

std::string clip(const std::string& text, std::size_t n) {
    if (text.size() <= n) return text;
    std::size_t end = n;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "…";
}

const char* kBins[] = {">= 0.9", "0.7-0.9", "0.5-0.7", "< 0.5"};
int bin(double j) { return j >= 0.9 ? 0 : j >= 0.7 ? 1 : j >= 0.5 ? 2 : 3; }

struct Group {
    std::string key;
    std::vector<std::size_t> members;  // indexes into the passages
    std::size_t outlets = 0, articles = 0;
    double worst = 1;
    double worst_opening = 1;              // the same over the openings (kCopyWords words)
    std::size_t worst_a = 0, worst_b = 0;  // the members of the least alike pair
};

std::string kind(const Group& g) {
    if (g.outlets >= 2) return "outlets " + std::to_string(g.outlets);
    if (g.articles >= 2) return "one outlet, articles " + std::to_string(g.articles);
    return "one article";
}

void print_group(const Group& g, const std::vector<Passage>& passages) {
    const Passage& a = passages[g.members[g.worst_a]];
    const Passage& b = passages[g.members[g.worst_b]];
    std::set<std::string> outlets;
    for (auto m : g.members) outlets.insert(passages[m].source);
    std::string names;
    for (const auto& o : outlets) names += (names.empty() ? "" : ", ") + o;
    std::printf("- key %.8s: %zu passages (%s), worst Jaccard %.2f (openings %.2f); outlets: %s\n",
                g.key.c_str(), g.members.size(), kind(g).c_str(), g.worst, g.worst_opening,
                names.c_str());
    std::printf("    A [%s, %s] %s\n", a.source.c_str(), a.article.c_str(),
                clip(a.text, 150).c_str());
    std::printf("    B [%s, %s] %s\n", b.source.c_str(), b.article.c_str(),
                clip(b.text, 150).c_str());
    if (g.worst < 0.9) std::printf("    shared: %s\n", shared_shingles(a.text, b.text, 4).c_str());
}

// Outlets, articles and the least alike pair of a group whose members are set.
void finish_group(Group& g, const std::vector<Passage>& passages) {
    std::set<std::string> outlets, articles;
    for (auto m : g.members) {
        outlets.insert(passages[m].source);
        articles.insert(passages[m].article);
    }
    g.outlets = outlets.size();
    g.articles = articles.size();
    // Worst pair: every pair up to 300 members, beyond that each against the first 20.
    const std::size_t n = g.members.size();
    for (std::size_t i = 0; i < n && (n <= 300 || i < 20); ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            double s = jaccard(passages[g.members[i]].shingles, passages[g.members[j]].shingles);
            g.worst_opening = std::min(g.worst_opening, jaccard(passages[g.members[i]].opening,
                                                                passages[g.members[j]].opening));
            if (s < g.worst) {
                g.worst = s;
                g.worst_a = i;
                g.worst_b = j;
            }
        }
    if (g.worst_a == g.worst_b) g.worst_b = 1;
}

// Typographic quotes and apostrophes as ASCII ones, dashes as spaces: copy_key() reads their
// UTF-8 bytes as word bytes ("“it" and "it" differ, "—" is a word).
std::string plain_punctuation(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80') {
            char c = text[i + 2];
            if (c == '\x98' || c == '\x99' || c == '\x9C' || c == '\x9D' || c == '\x93' ||
                c == '\x94') {
                out += c == '\x98' || c == '\x99' ? '\'' : c == '\x93' || c == '\x94' ? ' ' : '"';
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// Keys other than copy_key(), for comparison: the k least values of one hash of the word
// n-shingles ("bottom-k"), or the least value of each of k hashes ("k min-hashes", as
// copy_key() with k = 2, n = 3).
std::string other_key(const std::string& raw, bool bottom, std::size_t k, std::size_t n,
                      std::size_t most, bool plain) {
    std::string text = plain ? plain_punctuation(raw) : raw;
    auto sh = shingles(text, n, most);
    if (sh.empty()) return "";
    std::string key;
    if (bottom) {
        std::vector<std::uint64_t> h;
        for (auto s : sh) h.push_back(mix(s ^ 0x9e3779b97f4a7c15ULL));
        std::sort(h.begin(), h.end());
        for (std::size_t i = 0; i < k && i < h.size(); ++i) key += std::to_string(h[i]) + ".";
    } else {
        for (std::size_t i = 0; i < k; ++i) {
            std::uint64_t m = ~0ULL;
            for (auto s : sh) m = std::min(m, mix(s ^ mix(0x7f4a7c15ULL + i)));
            key += std::to_string(m) + ".";
        }
    }
    return key;
}

// The index: every passage with a copy key, and the groups.
void analyse_index(const std::string& path, std::mt19937_64& random, std::size_t sample_size) {
    Xapian::Database db(path);
    const Xapian::valueno copy_slot = spec(Field::Copy).slot;
    std::vector<Passage> passages;
    std::unordered_map<Xapian::docid, std::size_t> by_id;
    for (auto it = db.valuestream_begin(copy_slot); it != db.valuestream_end(copy_slot); ++it) {
        Passage p;
        p.id = it.get_docid();
        p.key = *it;
        auto data = nlohmann::json::parse(db.get_document(p.id).get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        p.source = data.value("source", "");
        p.article = data.value("article_id", "");
        p.title = data.value("title", "");
        p.text = data.value("text", "");
        p.shingles = shingles(p.text);
        p.opening = shingles(p.text, 3, dateline::kCopyWords);
        by_id[p.id] = passages.size();
        passages.push_back(std::move(p));
    }
    std::printf("## Index\n\n");
    std::printf("passages: %u\n", db.get_doccount());
    std::printf("passages with a copy key (>= %zu words): %zu\n", dateline::kMinCopyWords,
                passages.size());

    // Groups: the XC terms held by two passages or more.
    const std::string prefix(spec(Field::Copy).prefix);
    std::vector<Group> groups;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < 2) continue;
        Group g;
        g.key = (*t).substr(prefix.size());
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            auto found = by_id.find(*p);
            if (found != by_id.end()) g.members.push_back(found->second);
        }
        finish_group(g, passages);
        groups.push_back(std::move(g));
    }
    std::size_t fold = 0, grouped = 0, multi_outlet = 0, multi_article = 0, one_outlet = 0,
                one_article = 0, same_title = 0, largest = 0;
    std::size_t hist[4] = {}, hist_outlets[4] = {}, hist_opening[4] = {};
    for (const auto& g : groups) {
        grouped += g.members.size();
        fold += g.members.size() - 1;
        largest = std::max(largest, g.members.size());
        if (g.outlets >= 2) ++multi_outlet;
        if (g.articles >= 2) ++multi_article;
        if (g.outlets == 1 && g.articles >= 2) {
            ++one_outlet;
            std::set<std::string> titles;
            for (auto m : g.members) titles.insert(passages[m].title);
            if (titles.size() == 1) ++same_title;
        }
        if (g.articles == 1) ++one_article;
        ++hist[bin(g.worst)];
        if (g.outlets >= 2) ++hist_outlets[bin(g.worst)];
        if (g.worst_opening < 0.5) ++hist_opening[bin(g.worst)];
    }
    std::printf(
        "copy groups (keys held by >= 2 passages): %zu, holding %zu passages (largest %zu)\n",
        groups.size(), grouped, largest);
    std::printf("passages that fold away (group size - 1, summed): %zu (%.1f%% of keyed)\n", fold,
                passages.empty() ? 0.0 : 100.0 * fold / passages.size());
    std::printf("groups spanning >= 2 outlets: %zu\n", multi_outlet);
    std::printf("groups spanning >= 2 articles: %zu\n", multi_article);
    std::printf(
        "groups of one outlet, >= 2 articles: %zu (of which every article has the same "
        "title: %zu)\n",
        one_outlet, same_title);
    std::printf("groups inside one article: %zu\n", one_article);
    std::printf("\nworst pairwise Jaccard (word 3-shingles) per group:\n\n");
    std::printf(
        "| worst Jaccard | groups | of which >= 2 outlets | of which the openings too are under "
        "0.5 |\n|---|---|---|---|\n");
    for (int b = 0; b < 4; ++b)
        std::printf("| %s | %zu | %zu | %zu |\n", kBins[b], hist[b], hist_outlets[b],
                    hist_opening[b]);

    // Copies missed: pairs of passages of different articles that share any one of 8 more
    // min-hashes (own seeds), measured exactly; caught when they share the copy key too.
    // A bucket of more than 50 passages pairs its members with its first only.
    constexpr int kHashes = 8;
    std::set<std::pair<std::size_t, std::size_t>> candidates;
    for (int h = 0; h < kHashes; ++h) {
        std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
        const std::uint64_t seed = mix(0x5bd1e995ULL + static_cast<std::uint64_t>(h));
        for (std::size_t i = 0; i < passages.size(); ++i) {
            std::uint64_t m = ~0ULL;
            for (auto s : passages[i].shingles) m = std::min(m, mix(s ^ seed));
            if (!passages[i].shingles.empty()) buckets[m].push_back(i);
        }
        for (const auto& [value, members] : buckets) {
            const std::size_t n = members.size();
            for (std::size_t i = 0; i < n && (n <= 50 || i < 1); ++i)
                for (std::size_t j = i + 1; j < n; ++j)
                    if (passages[members[i]].article != passages[members[j]].article)
                        candidates.emplace(std::min(members[i], members[j]),
                                           std::max(members[i], members[j]));
        }
    }
    const char* kPairBins[] = {">= 0.9", "0.8-0.9", "0.7-0.8", "0.5-0.7"};
    std::size_t caught[4] = {}, missed[4] = {};
    std::vector<std::pair<std::size_t, std::size_t>> missed_pairs;
    std::vector<std::array<std::size_t, 3>> verified;  // a, b, Jaccard bin
    for (const auto& [a, b] : candidates) {
        double s = jaccard(passages[a].shingles, passages[b].shingles);
        if (s < 0.5) continue;
        std::size_t k = s >= 0.9 ? 0 : s >= 0.8 ? 1 : s >= 0.7 ? 2 : 3;
        verified.push_back({a, b, k});
        if (passages[a].key == passages[b].key) {
            ++caught[k];
        } else {
            ++missed[k];
            if (k <= 1) missed_pairs.emplace_back(a, b);
        }
    }
    std::printf(
        "\ncopies the key misses: pairs of passages of different articles found by 8 more "
        "min-hashes (any one shared), by Jaccard:\n\n");
    std::printf(
        "| pair Jaccard | pairs | same copy key | missed | caught %% (J^2 expects) |\n"
        "|---|---|---|---|---|\n");
    const double expect[] = {0.9 * 0.9, 0.85 * 0.85, 0.75 * 0.75, 0.6 * 0.6};
    for (int k = 0; k < 4; ++k) {
        std::size_t all = caught[k] + missed[k];
        std::printf("| %s | %zu | %zu | %zu | %.0f%% (~%.0f%%+) |\n", kPairBins[k], all, caught[k],
                    missed[k], all ? 100.0 * caught[k] / all : 0.0, 100.0 * expect[k]);
    }

    // Other keys on the same passages: false merges (groups under 0.5) against copies caught.
    struct Scheme {
        const char* name;
        bool now, bottom;
        std::size_t k, n, most;
        bool plain = false;
        bool show = false;  // print a sample of its groups under 0.5
    };
    const std::size_t open = dateline::kCopyWords;
    const Scheme schemes[] = {
        {"copy_key() now", true, false, 2, 3, open},
        {"2 min-hashes, opening, own hashes (checks this simulation)", false, false, 2, 3, open},
        {"2 min-hashes, whole passage", false, false, 2, 3, 0},
        {"bottom-2 of one hash, whole passage", false, true, 2, 3, 0},
        {"bottom-3 of one hash, whole passage", false, true, 3, 3, 0},
        {"bottom-4 of one hash, opening", false, true, 4, 3, open, false, true},
        {"bottom-4 of one hash, whole passage", false, true, 4, 3, 0},
        {"bottom-4 of one hash, whole passage, typographic punctuation as ASCII", false, true, 4, 3,
         0, true},
    };
    std::printf(
        "\nother keys on the same passages (opening: the first %zu words, as copy_key() now; "
        "groups: keys of >= 2 passages; under 0.5: groups of worst Jaccard under 0.5, of them "
        "spanning >= 2 outlets, of them with openings under 0.5 too; caught: the measured pairs "
        "above that share the key):\n\n",
        dateline::kCopyWords);
    std::printf(
        "| key | groups | passages folded | under 0.5 | >= 2 outlets | openings too | caught "
        ">= 0.9 | 0.8-0.9 | 0.7-0.8 | 0.5-0.7 |\n|---|---|---|---|---|---|---|---|---|---|\n");
    std::vector<Group> shown;  // groups under 0.5 of the scheme to show
    const char* shown_name = "";
    for (const auto& scheme : schemes) {
        std::vector<std::string> keys(passages.size());
        std::unordered_map<std::string, std::vector<std::size_t>> by_key;
        for (std::size_t i = 0; i < passages.size(); ++i) {
            keys[i] = scheme.now ? passages[i].key
                                 : other_key(passages[i].text, scheme.bottom, scheme.k, scheme.n,
                                             scheme.most, scheme.plain);
            if (!keys[i].empty()) by_key[keys[i]].push_back(i);
        }
        std::size_t n_groups = 0, folded = 0, bad = 0, bad_outlets = 0, bad_opening = 0;
        for (auto& [key, members] : by_key) {
            if (members.size() < 2) continue;
            Group g;
            g.key = key;
            g.members = members;
            finish_group(g, passages);
            ++n_groups;
            folded += members.size() - 1;
            if (g.worst < 0.5) {
                ++bad;
                bad_outlets += g.outlets >= 2;
                bad_opening += g.worst_opening < 0.5;
                if (scheme.show) {
                    shown_name = scheme.name;
                    shown.push_back(g);
                }
            }
        }
        std::size_t hit[4] = {}, of[4] = {};
        for (const auto& [a, b, k] : verified) {
            ++of[k];
            hit[k] += !keys[a].empty() && keys[a] == keys[b];
        }
        std::printf("| %s | %zu | %zu | %zu | %zu | %zu |", scheme.name, n_groups, folded, bad,
                    bad_outlets, bad_opening);
        for (int k = 0; k < 4; ++k) std::printf(" %.0f%% |", of[k] ? 100.0 * hit[k] / of[k] : 0.0);
        std::printf("\n");
    }

    std::printf("\n## Key \"%s\": groups under Jaccard 0.5, %zu of %zu (seeded)\n\n", shown_name,
                std::min<std::size_t>(shown.size(), 10), shown.size());
    std::sort(shown.begin(), shown.end(),
              [](const Group& a, const Group& b) { return a.members < b.members; });
    std::mt19937_64 own_random = random;  // a copy: the samples below do not depend on this one
    std::shuffle(shown.begin(), shown.end(), own_random);
    for (std::size_t i = 0; i < shown.size() && i < 10; ++i) print_group(shown[i], passages);

    // Samples for the eye.
    std::printf("\n## Sample of %zu groups (seeded)\n\n", sample_size);
    std::vector<std::size_t> order(groups.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), random);
    for (std::size_t i = 0; i < order.size() && i < sample_size; ++i)
        print_group(groups[order[i]], passages);
    std::vector<std::size_t> low;
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].worst < 0.5) low.push_back(i);
    std::printf("\n## Groups under Jaccard 0.5 (candidate false merges): %zu of %zu (seeded)\n\n",
                std::min(low.size(), sample_size), low.size());
    std::shuffle(low.begin(), low.end(), random);
    for (std::size_t i = 0; i < low.size() && i < sample_size; ++i)
        print_group(groups[low[i]], passages);
    std::printf(
        "\n## Sample of missed copies (Jaccard >= 0.8, different keys; seeded, up to 10)\n\n");
    std::shuffle(missed_pairs.begin(), missed_pairs.end(), random);
    for (std::size_t i = 0; i < missed_pairs.size() && i < 10; ++i) {
        const Passage& a = passages[missed_pairs[i].first];
        const Passage& b = passages[missed_pairs[i].second];
        std::printf("- Jaccard %.2f\n    A [%s, %s] %s\n    B [%s, %s] %s\n",
                    jaccard(a.shingles, b.shingles), a.source.c_str(), a.article.c_str(),
                    clip(a.text, 150).c_str(), b.source.c_str(), b.article.c_str(),
                    clip(b.text, 150).c_str());
    }
}

// The search level: each query at limit 100, folded and with all copies.
void analyse_queries(const std::string& path, const std::string& file, bool any) {
    auto queries = bench::read_queries(file);
    // The exact number of results once copies fold: every result listed.
    Xapian::Database db(path);
    const dateline::QueryBuilder builder(db);
    Xapian::Enquire enquire(db);
    std::size_t exact_folded = 0, over = 0;
    // The copies folded into each top-10 hit, measured against it.
    std::size_t copies10 = 0, false10 = 0, false_opening10 = 0, hits_false10 = 0;
    std::vector<std::string> false_examples;
    std::size_t run = 0, failed = 0, with_hits = 0;
    std::size_t passages = 0, results = 0;                                 // exact totals, summed
    std::size_t all10 = 0, all100 = 0, redundant10 = 0, redundant100 = 0;  // with all copies
    std::size_t folded10 = 0, folded100 = 0, also10 = 0, collapsed10 = 0, outlets10 = 0;
    std::size_t changed = 0;  // queries whose top 10 differs
    for (const auto& q : queries) {
        dateline::SearchRequest request;
        request.db_path = path;
        request.query = q.query;
        if (!q.source.empty()) request.sources = {q.source};
        request.from = q.from;
        request.to = q.to;
        request.match_any = any;
        request.limit = 100;
        request.facet_limit = 1;
        dateline::SearchResults folded, all;
        try {
            folded = dateline::search(request);
            request.all_copies = true;
            all = dateline::search(request);
        } catch (const std::exception& e) {
            ++failed;
            std::fprintf(stderr, "copies: query %s skipped: %s\n", q.query.c_str(), e.what());
            continue;
        }
        ++run;
        if (!all.hits.empty()) ++with_hits;
        {
            // Every result listed, copies folded: as many as total_results says, if it is exact.
            dateline::SearchRequest every = request;
            every.all_copies = false;
            every.limit = db.get_doccount();
            every.snippet_chars = 20;
            std::size_t folded_count = dateline::search(every).hits.size();
            exact_folded += folded_count;
            over += folded.total_results != folded_count;
        }
        // The query without search()'s ranking boosts, to find the copies folded into a hit.
        Xapian::Query query = builder.parse(q.query, any);
        if (!q.source.empty())
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  builder.any_of(Field::Source, {q.source}));
        if (!q.from.empty() || !q.to.empty())
            query =
                Xapian::Query(Xapian::Query::OP_FILTER, query,
                              dateline::QueryBuilder::date_range(
                                  q.from.empty() ? "" : dateline::date_bound(q.from, false, "from"),
                                  q.to.empty() ? "" : dateline::date_bound(q.to, true, "to")));
        passages += folded.total_passages;
        results += folded.total_results;
        // With all copies: hits whose copy key a better-ranked hit of the page already has.
        std::set<std::string> seen;
        for (std::size_t i = 0; i < all.hits.size(); ++i) {
            std::string key = dateline::copy_key(all.hits[i].text);
            bool repeat = !key.empty() && !seen.insert(key).second;
            if (i < 10) {
                ++all10;
                redundant10 += repeat;
            }
            ++all100;
            redundant100 += repeat;
        }
        bool differs = false;
        for (std::size_t i = 0; i < folded.hits.size(); ++i) {
            const auto& h = folded.hits[i];
            if (i < 10) {
                ++folded10;
                collapsed10 += h.collapsed > 0;
                if (h.collapsed > 0) {
                    std::string key = dateline::copy_key(h.text);
                    enquire.set_query(
                        Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query(std::string(spec(Field::Copy).prefix) + key)));
                    Xapian::MSet copies = enquire.get_mset(0, db.get_doccount());
                    const auto mine = shingles(h.text);
                    const auto mine_opening = shingles(h.text, 3, dateline::kCopyWords);
                    bool any_false = false;
                    for (auto it = copies.begin(); it != copies.end(); ++it) {
                        auto data =
                            nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
                        if (data.is_discarded() || (data.value("article_id", "") == h.article_id &&
                                                    data.value("passage", 0u) == h.passage))
                            continue;
                        ++copies10;
                        std::string text = data.value("text", "");
                        if (jaccard(mine, shingles(text)) < 0.5) {
                            ++false10;
                            false_opening10 +=
                                jaccard(mine_opening, shingles(text, 3, dateline::kCopyWords)) <
                                0.5;
                            if (!any_false && false_examples.size() < 12)
                                false_examples.push_back(
                                    "- query `" + q.query + "`, rank " + std::to_string(i + 1) +
                                    ", Jaccard " +
                                    std::to_string(jaccard(mine, shingles(text))).substr(0, 4) +
                                    "\n    hit [" + h.source + "] " + clip(h.text, 150) +
                                    "\n    folded [" + data.value("source", "") + "] " +
                                    clip(text, 150) + "\n");
                            any_false = true;
                        }
                    }
                    hits_false10 += any_false;
                }
                also10 += !h.also_in.empty();
                outlets10 += h.also_in.size();
                if (i >= all.hits.size() || all.hits[i].article_id != h.article_id ||
                    all.hits[i].passage != h.passage)
                    differs = true;
            }
            ++folded100;
        }
        changed += differs;
    }
    std::printf("queries: %zu run (%s), %zu with hits, %zu refused\n", run,
                any ? "words joined by OR, --any" : "as written", with_hits, failed);
    std::printf(
        "matching passages, summed: %zu; results once copies fold, counted exactly: %zu (%.2f%% "
        "fold)\n",
        passages, exact_folded,
        passages ? 100.0 * static_cast<double>(passages - exact_folded) / passages : 0.0);
    std::printf(
        "search()'s total_results with folding, summed: %zu; queries where it differs from the "
        "exact count: %zu of %zu\n",
        results, over, run);
    std::printf("\n| | --all-copies | folded (default) |\n|---|---|---|\n");
    std::printf("| hits in the top 10, summed | %zu | %zu |\n", all10, folded10);
    std::printf(
        "| of them a copy of a better-ranked hit on the page | %zu | 0 (by construction) |\n",
        redundant10);
    std::printf("| hits in the top 100, summed | %zu | %zu |\n", all100, folded100);
    std::printf(
        "| of them a copy of a better-ranked hit on the page | %zu | 0 (by construction) |\n",
        redundant100);
    std::printf(
        "\ntop-10 hits with copies folded into them: %zu; carrying also_in: %zu (%zu "
        "outlets in all)\n",
        collapsed10, also10, outlets10);
    std::printf("queries whose top 10 changes when copies fold: %zu of %zu\n", changed, run);
    std::printf(
        "copies folded into top-10 hits: %zu, of them under Jaccard 0.5 with their hit: %zu "
        "(openings under 0.5 too: %zu); top-10 hits with such a copy folded in: %zu\n",
        copies10, false10, false_opening10, hits_false10);
    std::printf(
        "\ncopies under Jaccard 0.5 folded into top-10 hits (up to 12, the first per hit):\n\n");
    for (const auto& e : false_examples) std::printf("%s", e.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4 || (argc == 4 && std::string(argv[3]) != "any")) {
        std::cerr << "usage: copies DB [QUERIES.tsv [any]]\n";
        return 2;
    }
    try {
        const char* seed = std::getenv("SEED");
        const char* size = std::getenv("SAMPLE_GROUPS");
        std::mt19937_64 random(seed ? std::strtoull(seed, nullptr, 10) : 1);
        analyse_index(argv[1], random, size ? std::strtoull(size, nullptr, 10) : 20);
        if (argc >= 3) {
            std::printf("\n## Search: top 10 and top 100, folded vs --all-copies\n\n");
            analyse_queries(argv[1], argv[2], argc == 4);
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "copies: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "copies: " << e.what() << "\n";
        return 1;
    }
}
