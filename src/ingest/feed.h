// News feeds as articles: RSS 2.0, RSS 1.0 (RDF) and Atom, each item an article.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "src/base/report.h"
#include "src/ingest/article.h"

namespace dateline {

// The items of a feed's bytes, each an article: its title, link (the url), guid or Atom id (the
// id; else the link), pubDate, dc:date, published or updated (the date and time), author or
// dc:creator, and content:encoded, Atom content, or else the description or summary (HTML,
// read as web pages are). The outlet is the channel's title. `path` names the feed in
// messages: an item that cannot be indexed is reported with its line and skipped, and a feed
// that is not well-formed XML (cut short) is reported and counted as one more skipped (its
// items read are taken). Returns the number skipped. Throws InputError when the bytes are not
// a feed at all.
std::size_t read_feed(std::string_view bytes, const std::string& path,
                      const std::function<void(Article&&)>& take, const Report& report);

}  // namespace dateline
