// Metadata of a web page: title, outlet, date, authors, address, from its meta tags and
// JSON-LD, in a fixed order of preference.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

namespace dateline::html {

struct PageMeta {
    std::string title;      // og:title, JSON-LD headline, <title> without the site's suffix, <h1>
    std::string outlet;     // og:site_name, JSON-LD publisher.name, the canonical URL's domain
    std::string date;       // YYYY-MM-DD: JSON-LD datePublished, article:published_time,
                            // <time datetime>, a date in the URL
    std::string published;  // the same sources' time, YYYY-MM-DDTHH:MM:SSZ, or ""
    std::vector<std::string> authors;  // JSON-LD author, meta name=author
    std::string url;                   // link rel=canonical, og:url
    std::string lang;                  // html lang
    std::string json_ld_body;          // JSON-LD articleBody, checked by the caller
};

PageMeta page_meta(const GumboNode* root);

}  // namespace dateline::html
