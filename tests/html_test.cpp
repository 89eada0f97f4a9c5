// Unit tests of web-page reading (src/ingest/html.h): what of a page is kept as the article,
// where its metadata comes from, and pages that are broken, empty or not in UTF-8.
#include "src/ingest/html.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace dateline;

namespace {

std::vector<std::string> warnings;
Report keep_warnings() {
    warnings.clear();
    return [](const Problem& p) { warnings.push_back(p.message()); };
}

Article parse(const std::string& html) {
    return parse_html_article(html, "page-id", "page.html", keep_warnings());
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// An article of three real paragraphs, with what a news page puts around it.
const std::string kStory =
    "<p>The council voted on Tuesday to close the old bridge, after engineers found cracks in "
    "two of its piers, a decision that will reroute traffic through the town centre.</p>\n"
    "<figure><img src=a.jpg><figcaption>The bridge in 1962. Photo: J. Smith</figcaption>"
    "</figure>\n"
    "<p>Residents, who had campaigned for repairs since 2015, said the closure came too late, "
    "and that the council had ignored three reports on the state of the piers.</p>\n"
    "<div class=\"newsletter-promo\">Get the stories you care about delivered to your "
    "inbox, every morning, free of charge.</div>\n"
    "<p>The mayor said a new crossing would be built, funded by the region and the state, and "
    "that work would start next spring, if the budget is approved in March.</p>\n";

std::string page(const std::string& head, const std::string& article) {
    return "<!DOCTYPE html><html lang=en><head>" + head +
           "<style>p { color: red }</style><script>var tracking = 'page view';</script>"
           "</head><body><nav><a href=/>Home</a> <a href=/world>World news and more</a></nav>"
           "<article>" +
           article +
           "</article>"
           "<div class=comments><p>Great article, thanks for writing it, I agree with every "
           "word, and so does my neighbour.</p></div>"
           "<footer>Copyright 2019 The Gazette, all rights reserved.</footer></body></html>";
}

}  // namespace

TEST_CASE("the article's paragraphs are kept, separated by blank lines") {
    Article a = parse(page("<title>Bridge closes</title>", kStory));
    CHECK(has(a.body, "The council voted on Tuesday"));
    CHECK(has(a.body, "crossing would be built"));
    CHECK(has(a.body, "town centre.\n\nResidents"));
    CHECK(a.id == "page-id");
    CHECK_FALSE(a.hash.empty());
}

TEST_CASE("scripts, styles, navigation, captions, promos, comments and footers are dropped") {
    Article a = parse(page("<title>Bridge closes</title>", kStory));
    for (const char* furniture : {"tracking", "color: red", "World news", "Photo: J. Smith",
                                  "delivered to your inbox", "Great article", "Copyright"})
        CHECK_MESSAGE(!has(a.body, furniture), furniture);
}

TEST_CASE("title: og:title, then JSON-LD headline, then <title> without the site suffix") {
    const std::string ld =
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
        "\"Headline from JSON-LD\"}</script>";
    const std::string og = "<meta property=\"og:title\" content=\"Headline from og\">";
    const std::string title = "<title>Bridge to close after cracks found | The Gazette</title>";
    CHECK(parse(page(og + ld + title, kStory)).title == "Headline from og");
    CHECK(parse(page(ld + title, kStory)).title == "Headline from JSON-LD");
    CHECK(parse(page(title, kStory)).title == "Bridge to close after cracks found");
}

TEST_CASE("outlet: og:site_name, then JSON-LD publisher, then the canonical URL's domain") {
    const std::string ld =
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"H\", "
        "\"publisher\": {\"@type\": \"Organization\", \"name\": \"The Gazette\"}}</script>";
    const std::string site = "<meta property=\"og:site_name\" content=\"Gazette Online\">";
    const std::string link =
        "<link rel=canonical href=\"https://www.gazette.example/2019/11/20/x\">";
    CHECK(parse(page(site + ld + link, kStory)).source == "Gazette Online");
    CHECK(parse(page(ld + link, kStory)).source == "The Gazette");
    Article a = parse(page(link, kStory));
    CHECK(a.source == "gazette.example");
    CHECK(a.url == "https://www.gazette.example/2019/11/20/x");
}

TEST_CASE("outlet: spelled as the page writes it, never a service's label, an acronym handle") {
    const std::string credit = "<p>Copyright 2020 Gulf Coast Post. All rights reserved.</p>";
    // An address for og:site_name: the registered name as the page's text spells it.
    const std::string url_site =
        "<meta property=\"og:site_name\" content=\"https://www.gulfcoastpost.example\">"
        "<link rel=canonical href=\"https://www.gulfcoastpost.example/2020/08/16/storm\">";
    CHECK(parse(page(url_site, kStory + credit)).source == "Gulf Coast Post");
    CHECK(parse(page(url_site, kStory)).source == "gulfcoastpost.example");  // no spelling
    // A one-word name the page writes with an apostrophe.
    const std::string ld =
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
        "\"H\", \"publisher\": {\"name\": \"Harbors\"}}</script>";
    CHECK(parse(page(ld, kStory + "<p>Read more in Harbor\u2019s weekly.</p>")).source ==
          "Harbor\u2019s");
    // "Hosted" on hosted.wire.example is the service's label; the handle @xw is an acronym.
    const std::string hosted =
        "<meta property=\"og:site_name\" content=\"Hosted\"><meta name=\"twitter:site\" "
        "content=\"@xw\"><link rel=canonical href=\"https://hosted.wire.example/a/1\">"
        "<title>Storm nears | Hosted</title>";
    CHECK(parse(page(hosted, kStory)).source == "XW");
    // A site name that is the registered name stays, on a country's second-level domain too.
    const std::string uk =
        "<meta property=\"og:site_name\" content=\"BayBikes\">"
        "<link rel=canonical href=\"https://baybikes.co.uk/a/1\">";
    CHECK(parse(page(uk, kStory)).source == "BayBikes");
}

TEST_CASE("authors from the byline when nothing else names them, and the language from html lang") {
    const std::string byline = "<p class=\"article-byline\">By Ann Lee and Bob Roe</p>";
    Article a = parse(page("<title>Bridge closes</title>", byline + kStory));
    CHECK(a.authors == std::vector<std::string>{"Ann Lee", "Bob Roe"});
    const std::string dated = "<span class=\"byline\">Updated 10:45 AM</span>";
    CHECK(parse(page("<title>Bridge closes</title>", dated + kStory)).authors.empty());
    const std::string meta = "<meta name=\"author\" content=\"Cy Doe\">";
    CHECK(parse(page(meta, byline + kStory)).authors == std::vector<std::string>{"Cy Doe"});
    const std::string html =
        "<!DOCTYPE html><html lang=\"de-AT\"><head><title>T</title></head>"
        "<body><article>" +
        kStory + "</article></body></html>";
    CHECK(parse(html).language == "de");
}

TEST_CASE("date: JSON-LD datePublished, article:published_time, <time>, then the URL") {
    const std::string ld =
        "<script type=\"application/ld+json\">[{\"@type\": \"NewsArticle\", \"headline\": "
        "\"H\", \"datePublished\": \"2019-11-18T10:00:00Z\", \"author\": [{\"name\": \"Ann "
        "Lee\"}, {\"name\": \"Bo Chen\"}]}]</script>";
    const std::string meta =
        "<meta property=\"article:published_time\" content=\"2019-11-17T08:00:00+01:00\">";
    const std::string link = "<link rel=canonical href=\"https://gazette.example/2019/11/15/x\">";
    const std::string time = "<time datetime=\"2019-11-16\">Saturday</time>";
    Article a = parse(page(ld + meta + link, time + kStory));
    CHECK(a.date == "2019-11-18");
    CHECK(a.authors == std::vector<std::string>{"Ann Lee", "Bo Chen"});
    CHECK(parse(page(meta + link, time + kStory)).date == "2019-11-17");
    CHECK(parse(page(link, time + kStory)).date == "2019-11-16");
    CHECK(parse(page(link, kStory)).date == "2019-11-15");
}

TEST_CASE("bad JSON-LD is ignored, and meta name=author still counts") {
    Article a =
        parse(page("<script type=\"application/ld+json\">{\"headline\": oops</script>"
                   "<meta name=author content=\"Ann Lee\"><title>Bridge</title>",
                   kStory));
    CHECK(a.title == "Bridge");
    CHECK(a.authors == std::vector<std::string>{"Ann Lee"});
}

TEST_CASE("a page with no article body is refused") {
    CHECK_THROWS_AS(parse(page("<title>Menu</title>", "")), std::runtime_error);
    CHECK_THROWS_AS(parse("<html><body><nav>Home News Sport</nav></body></html>"),
                    std::runtime_error);
}

TEST_CASE("broken markup: unclosed paragraphs and stray end tags still give the text") {
    Article a = parse(
        "<html><title>Broken</title><body><div class=story><p>The first paragraph of the "
        "report, which never closes its tag, goes on for a while to be long enough.<p>The "
        "second paragraph, also unclosed, with a </span> stray end tag and more words in it."
        "</b></i></div></body>");
    CHECK(a.title == "Broken");
    CHECK(has(a.body, "long enough.\n\nThe second paragraph"));
    CHECK(has(a.body, "more words in it."));
}

TEST_CASE("a page in windows-1251 that says so in its meta charset is read as such") {
    // "Минск" (Minsk) in windows-1251, in a paragraph long enough to be an article.
    const std::string minsk = "\xcc\xe8\xed\xf1\xea";
    std::string html = "<html><head><meta charset=\"windows-1251\"><title>" + minsk +
                       "</title></head><body>"
                       "<article><p>" +
                       minsk + " " + minsk + ", " + minsk + " " + minsk + " " + minsk + ", " +
                       minsk + " " + minsk + " " + minsk + ".</p></article></body></html>";
    CHECK(html_declared_charset(html) == "windows-1251");
    Article a = parse(html);
    CHECK(a.title == "Минск");
    CHECK(has(a.body, "Минск Минск, Минск"));
}
