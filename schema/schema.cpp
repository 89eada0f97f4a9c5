// Helpers that turn field values into the terms and slot values the table describes.
#include "schema/schema.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace dateline::schema {

namespace {

// Xapian refuses terms over 245 bytes; keep a margin for the prefix.
constexpr std::size_t kMaxTermBytes = 240;

// Long values keep a readable head and gain a hash of the whole, so distinct values stay distinct.
std::string shorten(std::string value, std::size_t limit) {
    if (value.size() <= limit) return value;
    std::string tail = "#" + hash_hex(value);
    std::size_t cut = limit - tail.size();
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    value.resize(cut);
    return value + tail;
}

}  // namespace

namespace {
// FNV-1a with a short offset basis (see hash_hex in schema.h): on-disk format, keep it.
std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}
}  // namespace

std::size_t shard_of(std::string_view article_id, std::size_t shards) {
    return shards <= 1 ? 0 : static_cast<std::size_t>(fnv1a(article_id) % shards);
}

std::string hash_hex(std::string_view bytes) {
    std::uint64_t h = fnv1a(bytes);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

const FieldSpec& spec(Field field) { return kFields[static_cast<int>(field)]; }

const std::vector<Field>& facet_fields() {
    static const std::vector<Field> fields = [] {
        std::vector<Field> out;
        for (std::size_t i = 0; i < std::size(kFields); ++i)
            if (kFields[i].facet) out.push_back(static_cast<Field>(i));
        return out;
    }();
    return fields;
}

const FieldSpec* find(std::string_view name) {
    for (const auto& f : kFields)
        if (f.name == name) return &f;
    return nullptr;
}

std::string slug(std::string_view value) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC_Casefold data");
    icu::UnicodeString folded = fold->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(value.data(), value.size())), status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < folded.length();) {
        UChar32 c = folded.char32At(i);
        if (u_isalnum(c)) kept.append(c);
        i += U16_LENGTH(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

std::string filter_term(Field field, std::string_view value) {
    const FieldSpec& f = spec(field);
    std::string v = f.kind == Kind::Unique ? std::string(value) : slug(value);
    return std::string(f.prefix) + shorten(std::move(v), kMaxTermBytes - f.prefix.size());
}

std::string declared_term(std::string_view name, std::string_view value) {
    const std::string prefix = std::string(spec(Field::Declared).prefix) + std::string(name) + ":";
    return prefix + shorten(slug(value), kMaxTermBytes - prefix.size());
}

std::string undeclarable(std::string_view name) {
    if (name.empty() || name.size() > 32 || !(name[0] >= 'a' && name[0] <= 'z'))
        return "a field's name is 1 to 32 lower-case letters, digits and '_', from a letter";
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return "a field's name is 1 to 32 lower-case letters, digits and '_', from a letter";
    if (find(name)) return "'" + std::string(name) + "' is a field every index has";
    return "";
}

std::string pack_declared(std::vector<DeclaredField> fields) {
    std::sort(fields.begin(), fields.end(),
              [](const DeclaredField& a, const DeclaredField& b) { return a.name < b.name; });
    nlohmann::json out = nlohmann::json::array();
    for (const DeclaredField& f : fields) out.push_back({{"name", f.name}, {"facet", f.facet}});
    return out.dump();
}

std::vector<DeclaredField> unpack_declared(std::string_view packed) {
    std::vector<DeclaredField> out;
    auto j = nlohmann::json::parse(packed, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& f : j)
        if (f.is_object() && f.contains("name") && f["name"].is_string() &&
            undeclarable(f["name"].get<std::string>()).empty())
            out.push_back({f["name"].get<std::string>(), f.value("facet", false)});
    return out;
}

std::string paragraph_term(std::string_view text) {
    return std::string(spec(Field::Paragraph).prefix) + hash_hex(text);
}

std::string copy_term(std::string_view key) {
    return std::string(spec(Field::Copy).prefix) + std::string(key);
}

std::string date_key(std::string_view iso) {
    if (iso.size() != 10) return "";
    return std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) +
           std::string(iso.substr(8, 2));
}

std::string published_key(std::string_view date, std::string_view utc) {
    if (utc.size() != 20) return date_key(date);
    std::string key = date_key(utc.substr(0, 10)) + "T";
    for (std::size_t at : {11, 14, 17}) key += utc.substr(at, 2);
    return key;
}

std::string iso_date(std::string_view yyyymmdd) {
    if (yyyymmdd.size() != 8) return std::string(yyyymmdd);
    return std::string(yyyymmdd.substr(0, 4)) + "-" + std::string(yyyymmdd.substr(4, 2)) + "-" +
           std::string(yyyymmdd.substr(6, 2));
}

std::string import_origin(std::string_view jsonl_path) {
    return std::string(kImportOriginPrefix) + std::string(jsonl_path);
}

bool is_import_origin(std::string_view origin) {
    return origin.substr(0, kImportOriginPrefix.size()) == kImportOriginPrefix;
}

std::string_view origin_file(std::string_view origin) {
    return is_import_origin(origin) ? origin.substr(kImportOriginPrefix.size()) : origin;
}

bool is_word_term(std::string_view term) {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

namespace {

// "starts2:", the database's last document id when the list was written, then each start;
// 4 bytes each, little-endian.
constexpr std::string_view kStartsHeader = "starts2:";

void put_docid(std::string& out, Xapian::docid d) {
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((d >> shift) & 0xFF);
}

Xapian::docid get_docid(std::string_view in, std::size_t at) {
    Xapian::docid d = 0;
    for (int k = 3; k >= 0; --k) d = (d << 8) | static_cast<unsigned char>(in[at + k]);
    return d;
}

}  // namespace

void append_starts(std::string& packed, const std::vector<Xapian::docid>& starts,
                   Xapian::docid last_docid) {
    if (packed.size() < kStartsHeader.size() + 4) packed = std::string(kStartsHeader) + "0000";
    std::string last;
    put_docid(last, last_docid);
    packed.replace(kStartsHeader.size(), 4, last);
    for (Xapian::docid d : starts) put_docid(packed, d);
}

std::optional<std::vector<Xapian::docid>> unpack_starts(std::string_view packed,
                                                        Xapian::docid last_docid) {
    const std::size_t first = kStartsHeader.size() + 4;
    if (packed.substr(0, kStartsHeader.size()) != kStartsHeader || packed.size() < first ||
        (packed.size() - first) % 4 != 0 || get_docid(packed, kStartsHeader.size()) != last_docid)
        return std::nullopt;
    std::vector<Xapian::docid> starts;
    for (std::size_t i = first; i < packed.size(); i += 4) {
        Xapian::docid d = get_docid(packed, i);
        if ((!starts.empty() && d <= starts.back()) || d > last_docid) return std::nullopt;
        starts.push_back(d);
    }
    return starts;
}

std::string pack_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        out += std::to_string(v.size());
        out += ':';
        out += v;
    }
    return out;
}

std::vector<std::string> unpack_list(std::string_view packed) {
    std::vector<std::string> out;
    while (!packed.empty()) {
        std::size_t colon = packed.find(':');
        if (colon == std::string_view::npos) break;
        std::size_t n = std::stoul(std::string(packed.substr(0, colon)));
        if (colon + 1 + n > packed.size()) break;
        out.emplace_back(packed.substr(colon + 1, n));
        packed.remove_prefix(colon + 1 + n);
    }
    return out;
}

std::string pack_facets(const PassageFacets& f) {
    return pack_list({f.article, f.source, f.date, pack_list(f.speakers), pack_list(f.locations)});
}

PassageFacets unpack_facets(std::string_view packed) {
    std::vector<std::string> parts = unpack_list(packed);
    parts.resize(5);
    return {parts[0], parts[1], parts[2], unpack_list(parts[3]), unpack_list(parts[4])};
}

std::string article_key(std::string_view article_id) {
    return std::string(kArticleKeyPrefix) +
           shorten(std::string(article_id), kMaxTermBytes - kArticleKeyPrefix.size());
}

std::string origin_key(std::string_view absolute_path) {
    return std::string(kOriginKeyPrefix) + hash_hex(absolute_path);
}

}  // namespace dateline::schema
