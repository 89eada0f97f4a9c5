// What a file holds, told from its first bytes: a binary format that is no article, markup
// that is a web page, or a feed. The name of a file is not trusted alone.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// The name of a binary format the bytes begin with ("PDF", "PNG image", "an office file (DOCX,
// XLSX, ODT) or a ZIP archive"...), or "" when they begin with none known.
std::string binary_format(std::string_view bytes);

// Whether the bytes are an HTML page: the first thing in them (after a byte order mark,
// spaces and comments) is <!DOCTYPE html>, <html>, <head> or <body>.
bool looks_like_html(std::string_view bytes);

// Whether the bytes are an RSS or Atom document: XML whose first element is <rss>, <feed> or
// <rdf:RDF>.
bool looks_like_feed(std::string_view bytes);

}  // namespace dateline
