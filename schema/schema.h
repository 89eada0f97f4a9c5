// The index layout in one table: every field's query name, Xapian term prefix and value slot.
//
// Prefixes, slots and the data keys are on-disk format. Change them only together with
// kSchemaVersion, which the indexer stores in the database and the searcher checks.
// No other file spells a prefix or a slot number: everything asks this table.
#pragma once

#include <xapian.h>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::schema {

inline constexpr std::string_view kSchemaVersion = "7";
// Database metadata keys (also on-disk format).
inline constexpr std::string_view kVersionKey = "dateline:schema";
inline constexpr std::string_view kArticleKeyPrefix = "article:";
inline constexpr std::string_view kAliasesKey = "dateline:aliases";  // JSON alias groups
// The index's Xapian synonyms again, as JSON {"word": ["synonym", ...]}: the remote backend
// serves metadata but not synonyms.
inline constexpr std::string_view kSynonymsKey = "dateline:synonyms";
// One name per person across the index: JSON {"Trump": "Donald Trump", "Charles Schumer":
// "Chuck Schumer"}, each speaker name that stands for a person another name shows
// (src/index/surnames.h). Facets count it as that name, and hits show it so.
inline constexpr std::string_view kPersonNamesKey = "dateline:names";
// What the index knows of each speaker name (src/store/person_names.h): what a search of
// several indexes built apart shows one name per person by.
inline constexpr std::string_view kSpeakerNamesKey = "dateline:speaker-names";
inline constexpr std::string_view kOriginKeyPrefix = "origin:";
// An outlet's own furniture, found by repetition (src/index/furniture.h): JSON
// [["source", "XH...", "text"], ...], the paragraphs whose passages are dropped; "off" for an
// index that keeps them (dateline-index build --keep-repeated).
inline constexpr std::string_view kFurnitureKey = "dateline:furniture";
// The fields an index was built with beyond the table (--facet bias --filter topic): JSON
// [{"name": "bias", "facet": true}, ...], sorted by name (pack_declared).
inline constexpr std::string_view kDeclaredFieldsKey =
    "dateline:fields";  // file path hash -> article id
// Where articles begin: an article's passages are added together, so they have consecutive
// document ids, and the first id of each article, ascending, tells every passage's article
// without reading it (article-wide matching). The ids of removed articles stay listed (they
// hold nothing). Absent from a database written before it; packed by append_starts.
inline constexpr std::string_view kArticleStartsKey = "dateline:article-starts";

// An article's origin, as its record keeps it: the absolute path of its file, or for an article
// imported from JSON Lines, this prefix and the path of the JSON Lines file.
inline constexpr std::string_view kImportOriginPrefix = "import:";
std::string import_origin(std::string_view jsonl_path);
bool is_import_origin(std::string_view origin);
// The file an origin names: the article's own, or the JSON Lines file it was imported from.
std::string_view origin_file(std::string_view origin);

// Free text is stemmed by script (text_stemmer()), Xapian's STEM_SOME: capitalised words
// (names) are left unstemmed, and a stem is the term "Z" + prefix + stem. Every prefix and "Z"
// begin with a capital letter, and the term generator folds words to lower case, so a term that
// begins with anything else is a word of the passage's text itself.
// The stemmer of the index and of its queries: a word in Cyrillic letters by Snowball's Russian
// stemmer (also for Ukrainian and Belarusian, which Xapian 1.4 has no stemmer for), any other
// by its English one. A query word needs no language: the script chooses.
Xapian::Stem text_stemmer();
bool is_word_term(std::string_view term);

enum class Kind {
    FreeText,  // words, stemmed, with positions; searchable as name:word or unprefixed
    Filter,    // exact value, a boolean term per value (normalised by slug()); name:value
    Range,     // ordered value in a slot; name:LOW..HIGH
    Unique,    // identifies one article; a boolean term holding the raw value
    Stored,    // kept in the document data (and maybe a slot), not searchable
};

struct FieldSpec {
    std::string_view name;    // as typed in queries (name:) and options, and the JSON key
    std::string_view prefix;  // Xapian term prefix; "" = unprefixed body text or no terms
    Kind kind;
    Xapian::valueno slot;  // Xapian::BAD_VALUENO = no value slot
    bool facet;            // counted per article in search results
    bool sortable;         // the slot orders results
    bool multi;            // the slot holds a packed list (pack_list) rather than one value
    std::string_view help;
    std::string_view label = {};  // a facet's heading in text output ("Outlets")
};

enum class Field {
    Text,
    Title,
    Source,
    Article,
    Passage,
    Speaker,
    Location,
    Date,
    Url,
    Quote,
    Facets,
    Copy,
    ArticleLength,
    Published,
    Author,
    Declared,
    Paragraph,
    Language
};

// The table. Order matches enum Field; facets are listed in this order.
inline constexpr FieldSpec kFields[] = {
    {"text", "", Kind::FreeText, Xapian::BAD_VALUENO, false, false, false,
     "passage text (the default field)"},
    {"title", "S", Kind::FreeText, Xapian::BAD_VALUENO, false, false, false,
     "the article's title: its words on every passage, their positions (phrases) on the title "
     "passage only"},
    {"source", "XS", Kind::Filter, 0, true, false, false,
     "outlet; the slot keeps the display label", "Outlets"},
    {"article", "XA", Kind::Unique, 2, false, false, false,
     "article id; the slot lets facets count articles, not passages"},
    {"passage", "", Kind::Stored, 3, false, true, false,
     "passage ordinal within the article (0 = title), sortable_serialise'd"},
    {"speaker", "XP", Kind::Filter, 4, true, false, true, "people quoted in the passage",
     "Speakers"},
    {"location", "XL", Kind::Filter, 5, true, false, true, "places the passage mentions", "Places"},
    {"date", "D", Kind::Range, 1, true, true, false,
     "publication date; slot and term hold YYYYMMDD", "Dates"},
    {"url", "", Kind::Stored, Xapian::BAD_VALUENO, false, false, false,
     "the article's address (document data only)"},
    {"quote", "XQ", Kind::FreeText, Xapian::BAD_VALUENO, false, false, false,
     "words inside quotation marks, indexed again: quote:\"our gates\" finds them only quoted"},
    {"facets", "", Kind::Stored, 6, false, false, false,
     "article id, source, date, speakers, locations: pack_facets() in one value, which Xapian's "
     "own ValueCountMatchSpy counts, locally and over the remote backend"},
    {"copy", "XC", Kind::Stored, 7, false, false, false,
     "wire-copy signature (copy_key(): a hash of the least hashes of the shingles of the "
     "passage's opening words, 16 hex digits), \"\" for a short passage; what the search folds "
     "copies by, and a term XC+key to find a hit's copies"},
    {"article_length", "", Kind::Stored, 8, false, false, false,
     "the article's length: its passages' Xapian document lengths added, sortable_serialise'd, "
     "on every passage (--per-article ranks articles by BM25 as a whole)"},
    {"published", "", Kind::Stored, 9, false, true, false,
     "publication time, YYYY-MM-DDTHH:MM:SSZ (UTC) in the data when the article gives one; the "
     "slot orders --sort oldest|newest: published_key(), the UTC time or else the day"},
    {"author", "XW", Kind::Filter, Xapian::BAD_VALUENO, false, false, true,
     "the article's authors, on each of its passages (author:\"Ann Lee\")"},
    {"fields", "XE", Kind::Stored, 10, false, false, false,
     "the fields declared at build time (dateline-index --facet/--filter, kDeclaredFieldsKey): "
     "a term declared_term(name, value) per value; the slot packs the article id and each "
     "declared field's values (pack_list), in name order, for their facets"},
    {"paragraph", "XH", Kind::Stored, Xapian::BAD_VALUENO, false, false, false,
     "a term XH + hash_hex(text) on each body passage: a paragraph repeated verbatim across "
     "an outlet's articles is found by its term's postings (src/index/furniture.h)"},
    {"language", "XG", Kind::Filter, Xapian::BAD_VALUENO, false, false, false,
     "the article's language as its source gives it (html lang, a Language: header, JSON Lines "
     "language, a feed's language), its primary subtag: language:ru"},
};

// A field declared at build time: searchable as name:value and with --where name=value, and
// counted as a facet when `facet`.
struct DeclaredField {
    std::string name;  // lower-case letters, digits and '_', not a name of the table
    bool facet = false;
    bool operator==(const DeclaredField& o) const { return name == o.name && facet == o.facet; }
};
inline constexpr std::size_t kMaxDeclaredFields = 16;
std::string pack_declared(std::vector<DeclaredField> fields);         // sorts them by name
std::vector<DeclaredField> unpack_declared(std::string_view packed);  // [] for "" or junk
// Why `name` cannot be declared ("" if it can): not lower-case letters, digits and '_', or a
// name the table has. ("authors" can: its values are the article's authors, for a facet.)
std::string undeclarable(std::string_view name);
// The term a declared field's value is found by: "XE" + name + ":" + slug(value).
std::string declared_term(std::string_view name, std::string_view value);

const FieldSpec& spec(Field field);
// The fields counted per article in search results (the table's facet column), in table order.
const std::vector<Field>& facet_fields();
// The field with this query name, or nullptr.
const FieldSpec* find(std::string_view name);

// Filter values are matched case-insensitively (NFKC_Casefold), ignoring spaces and punctuation:
// "France 24", "france24" and "FRANCE-24" are one outlet. Index and query both go through here.
std::string slug(std::string_view value);

// The boolean term for a Filter, Unique or Range(date) field's value. Filter values are slugged;
// Unique values are kept as given. Terms over Xapian's limit are shortened with a hash.
std::string filter_term(Field field, std::string_view value);

// The term that finds the body passages with exactly this text (the Paragraph field's).
std::string paragraph_term(std::string_view text);

// The term that finds the passages with this wire-copy key (the Copy field's prefix + key).
std::string copy_term(std::string_view key);

// A date's form in the Date slot and term: "20200816" for "2020-08-16"; "" for anything that is
// not 10 characters long. iso_date() turns a slot's YYYYMMDD back into YYYY-MM-DD (anything else
// is returned as it is).
std::string date_key(std::string_view iso);
// The Published slot: "20200816T070000" from a UTC time (YYYY-MM-DDTHH:MM:SSZ), else the day's
// date_key(), so that articles with a time and those with a day only sort together.
std::string published_key(std::string_view date, std::string_view utc);
std::string iso_date(std::string_view yyyymmdd);

// The kArticleStartsKey value: `starts` (ascending, past those already there) appended to
// `packed` ("" for a new list), which then records the database's `last_docid`; and read back,
// nullopt unless well formed, ascending and written when the database's last document id was
// `last_docid` (a list a renumbering compaction outdated is not used).
void append_starts(std::string& packed, const std::vector<Xapian::docid>& starts,
                   Xapian::docid last_docid);
std::optional<std::vector<Xapian::docid>> unpack_starts(std::string_view packed,
                                                        Xapian::docid last_docid);

// Several values in one slot (speakers, locations): a length-prefixed list.
std::string pack_list(const std::vector<std::string>& values);
std::vector<std::string> unpack_list(std::string_view packed);

// Reads a pack_list value ("LENGTH:bytes" per item) without copying it: the facet decoder,
// which the search runs on every matching passage.
class PackedItems {
  public:
    explicit PackedItems(std::string_view packed) : rest_(packed) {}
    // The next item, or false at the end (or at a malformed item: the rest is ignored).
    bool next(std::string_view& item) {
        std::size_t colon = rest_.find(':');
        std::size_t length = 0;
        if (colon == std::string_view::npos ||
            std::from_chars(rest_.data(), rest_.data() + colon, length).ptr !=
                rest_.data() + colon ||
            length > rest_.size() - colon - 1)
            return false;
        item = rest_.substr(colon + 1, length);
        rest_.remove_prefix(colon + 1 + length);
        return true;
    }

  private:
    std::string_view rest_;
};

// The Facets slot of a passage: everything an article facet count needs, as one value.
struct PassageFacets {
    std::string article, source, date;  // date as YYYYMMDD
    std::vector<std::string> speakers, locations;
};
std::string pack_facets(const PassageFacets& facets);
PassageFacets unpack_facets(std::string_view packed);

// An FNV-1a-style 64-bit hash as 16 hex digits: stable across runs and machines (content hashes,
// long keys). Not standard FNV-1a: its offset basis, 1469598103934665603, is one digit short of
// the standard 14695981039346656037. It must stay so: it routes articles to shards and keys the
// stored content hashes, so changing it would move every article of every existing index.
std::string hash_hex(std::string_view bytes);

// The shard (0 .. shards-1) that holds an article: hash_hex()'s hash of its id, so every run, on
// any machine, sends an article and its updates to the same shard.
std::size_t shard_of(std::string_view article_id, std::size_t shards);

// Database metadata key recording an article's content hash and origin.
std::string article_key(std::string_view article_id);
// Database metadata key mapping an article file's absolute path to the id it was indexed under.
std::string origin_key(std::string_view absolute_path);

// Data files under schema/, embedded in the binaries at build time.
extern const std::string_view kFurniturePatterns;  // furniture.txt
extern const std::string_view kAbbreviations;      // abbreviations.txt

}  // namespace dateline::schema
