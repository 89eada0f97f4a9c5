// Sniffing by magic numbers and first elements (as file(1) and browsers do).
#include "src/ingest/formats.h"

#include <cctype>

namespace dateline {

namespace {

bool starts(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
    return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

// The first tag's name, lower-cased, after a byte order mark, spaces, <?...?> and comments:
// "!doctype html", "html", "rss", "rdf:rdf"; "" if the bytes do not begin with a tag.
std::string first_tag(std::string_view bytes) {
    bytes = bytes.substr(0, 4096);
    if (starts(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
    for (;;) {
        const std::size_t at = bytes.find_first_not_of(" \t\r\n");
        if (at == std::string_view::npos || bytes[at] != '<') return "";
        bytes.remove_prefix(at);
        const char* close = starts(bytes, "<!--") ? "-->" : starts(bytes, "<?") ? "?>" : nullptr;
        if (!close) break;
        const std::size_t end = bytes.find(close);
        if (end == std::string_view::npos) return "";
        bytes.remove_prefix(end + 2);
    }
    std::string name;
    std::size_t i = 1;
    auto word = [&] {
        for (; i < bytes.size() && name.size() < 24; ++i) {
            const unsigned char c = static_cast<unsigned char>(bytes[i]);
            if (!std::isalnum(c) && c != '!' && c != ':' && c != '-') break;
            name += static_cast<char>(std::tolower(c));
        }
    };
    word();
    if (name == "!doctype") {  // and its first word: "!doctype html"
        while (i < bytes.size() && bytes[i] == ' ') ++i;
        name += ' ';
        word();
    }
    return name;
}

}  // namespace

std::string binary_format(std::string_view b) {
    static const struct {
        std::string_view magic;
        std::size_t at;
        const char* name;
    } kFormats[] = {
        {"%PDF", 0, "PDF"},
        {"\x89PNG", 0, "PNG image"},
        {"\xFF\xD8\xFF", 0, "JPEG image"},
        {"GIF8", 0, "GIF image"},
        {"WEBP", 8, "WebP image"},
        {"II*\0", 0, "TIFF image"},
        {"MM\0*", 0, "TIFF image"},
        {"PK\x03\x04", 0, "an office file (DOCX, XLSX, ODT, EPUB) or a ZIP archive"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0, "an old office file (DOC, XLS, PPT)"},
        {"{\\rtf", 0, "RTF"},
        {"\x1F\x8B", 0, "gzip data (name it .gz, as in a.html.gz or a.jsonl.gz)"},
        {"7z\xBC\xAF", 0, "7-Zip archive"},
        {"Rar!", 0, "RAR archive"},
        {"\x7F"
         "ELF",
         0, "a program (ELF)"},
        {"SQLite format 3", 0, "SQLite database"},
        {"ftyp", 4, "MP4 video"},
        {"ID3", 0, "MP3 audio"},
        {"OggS", 0, "Ogg audio or video"},
    };
    for (const auto& f : kFormats)
        if (starts(b, f.magic, f.at)) return f.name;
    return "";
}

bool looks_like_html(std::string_view bytes) {
    const std::string tag = first_tag(bytes);
    return tag == "!doctype html" || tag == "html" || tag == "head" || tag == "body";
}

bool looks_like_feed(std::string_view bytes) {
    const std::string tag = first_tag(bytes);
    return tag == "rss" || tag == "feed" || tag == "rdf:rdf";
}

}  // namespace dateline
