// The main text of a web page: Readability's scoring of content blocks, then the text of the
// best block (and of siblings that score like it) as paragraphs.
#include "src/ingest/html_body.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/ingest/html_dom.h"
#include "src/ingest/html_furniture.h"

namespace dateline::html {

namespace {

const GumboNode* child(const GumboNode* node, unsigned i) {
    return static_cast<const GumboNode*>(children(node)->data[i]);
}

bool is_block_tag(GumboTag tag) {
    // Elements that end a paragraph of text.
    static const GumboTag kTags[] = {
        GUMBO_TAG_P,          GUMBO_TAG_DIV,   GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN,
        GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE,   GUMBO_TAG_UL,      GUMBO_TAG_OL,      GUMBO_TAG_LI,
        GUMBO_TAG_DL,         GUMBO_TAG_DT,    GUMBO_TAG_DD,      GUMBO_TAG_TABLE,   GUMBO_TAG_TR,
        GUMBO_TAG_TD,         GUMBO_TAG_TH,    GUMBO_TAG_H1,      GUMBO_TAG_H2,      GUMBO_TAG_H3,
        GUMBO_TAG_H4,         GUMBO_TAG_H5,    GUMBO_TAG_H6,      GUMBO_TAG_BR,      GUMBO_TAG_HR,
        GUMBO_TAG_ADDRESS,    GUMBO_TAG_CENTER};
    return std::find(std::begin(kTags), std::end(kTags), tag) != std::end(kTags);
}

// A div without block children reads as a paragraph (Readability's rule).
bool is_paragraph_like(const GumboNode* node) {
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD) return true;
    if (tag != GUMBO_TAG_DIV) return false;
    for (unsigned i = 0; i < children(node)->length; ++i) {
        const GumboNode* c = child(node, i);
        if (c->type == GUMBO_NODE_ELEMENT && is_block_tag(c->v.element.tag)) return false;
    }
    return true;
}

// Characters of text, and of text inside links, below node, furniture left out.
struct TextSize {
    std::size_t text = 0, links = 0;
};
void measure(const GumboNode* node, bool in_link, bool by_class, TextSize& size) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
        std::size_t n = std::string_view(node->v.text.text).size();
        size.text += n;
        if (in_link) size.links += n;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT || is_furniture(node, by_class)) return;
    in_link = in_link || node->v.element.tag == GUMBO_TAG_A;
    for (unsigned i = 0; i < children(node)->length; ++i)
        measure(child(node, i), in_link, by_class, size);
}

double link_density(const GumboNode* node, bool by_class) {
    TextSize size;
    measure(node, false, by_class, size);
    return size.text ? static_cast<double>(size.links) / size.text : 0;
}

int tag_weight(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN:
            return 5;
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_BLOCKQUOTE:
            return 3;
        case GUMBO_TAG_OL:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_ADDRESS:
            return -3;
        case GUMBO_TAG_TH:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
            return -5;
        default:
            return 0;
    }
}

bool contains(const GumboNode* ancestor, const GumboNode* node) {
    for (; node; node = node->parent)
        if (node == ancestor) return true;
    return false;
}

class Scorer {
  public:
    explicit Scorer(bool by_class) : by_class_(by_class) {}

    // Scores every paragraph below node into its parent and ancestors.
    void walk(const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT || is_furniture(node, by_class_)) return;
        if (is_paragraph_like(node)) score_paragraph(node);
        for (unsigned i = 0; i < children(node)->length; ++i) walk(child(node, i));
    }

    // The best block, its score adjusted by link density, or nullptr. When paragraphs sit in
    // boxes of their own, several boxes score alike: then their common ancestor is the article.
    const GumboNode* best() const {
        std::vector<std::pair<double, const GumboNode*>> ranked;
        for (const auto& entry : scores_)
            ranked.emplace_back(final_score(entry.first), entry.first);
        if (ranked.empty()) return nullptr;
        std::size_t n = std::min<std::size_t>(5, ranked.size());
        std::partial_sort(ranked.begin(), ranked.begin() + n, ranked.end(),
                          [](const auto& a, const auto& b) { return a.first > b.first; });
        const GumboNode* top = ranked[0].second;
        std::vector<const GumboNode*> alike;
        for (std::size_t i = 1; i < n; ++i)
            if (ranked[i].first >= ranked[0].first * 0.75) alike.push_back(ranked[i].second);
        if (alike.size() < 3) return climb(top);
        for (const GumboNode* up = top->parent; up && up->type == GUMBO_NODE_ELEMENT;
             up = up->parent) {
            std::size_t inside = 0;
            for (const GumboNode* other : alike) inside += contains(up, other);
            if (inside >= 3) return up;
        }
        return top;
    }

    // Readability's last step: an ancestor that scores higher still holds more of the
    // article (a body cut into sections by advertisements).
    const GumboNode* climb(const GumboNode* top) const {
        double score = final_score(top);
        for (const GumboNode* up = top->parent;
             up && up->type == GUMBO_NODE_ELEMENT && up->v.element.tag != GUMBO_TAG_BODY;
             up = up->parent) {
            double s = final_score(up);
            if (s < score / 3) break;
            if (s > score) top = up, score = s;
        }
        return top;
    }

    double final_score(const GumboNode* node) const {
        auto it = scores_.find(node);
        if (it == scores_.end()) return 0;
        return it->second * (1 - link_density(node, by_class_));
    }

    bool by_class() const { return by_class_; }

  private:
    void score_paragraph(const GumboNode* node) {
        std::string text = text_of(node);
        if (text.size() < 25) return;
        double points = 1 + std::count(text.begin(), text.end(), ',') +
                        std::min<double>(text.size() / 100.0, 3);
        const GumboNode* up = node->parent;
        for (int level = 0; level < 5 && up && up->type == GUMBO_NODE_ELEMENT; ++level) {
            double& s = scores_.try_emplace(up, initial_score(up)).first->second;
            s += level == 0 ? points : level == 1 ? points / 2 : points / (level * 3);
            up = up->parent;
        }
    }
    double initial_score(const GumboNode* node) const {
        return tag_weight(node->v.element.tag) + (by_class_ ? class_weight(node) : 0);
    }

    bool by_class_;
    std::unordered_map<const GumboNode*, double> scores_;
};

// Paragraph text of a block: block elements end a paragraph, furniture is skipped, and a
// paragraph that is mostly links (a list of other stories) is dropped.
class Writer {
  public:
    explicit Writer(bool by_class) : by_class_(by_class) {}

    void write(const GumboNode* node, bool in_link) {
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
            node->type == GUMBO_NODE_WHITESPACE) {
            std::size_t before = line_.size();
            append_collapsed(line_, node->v.text.text);
            if (in_link) link_chars_ += line_.size() - before;
            return;
        }
        if (node->type != GUMBO_NODE_ELEMENT || is_furniture(node, by_class_)) return;
        GumboTag tag = node->v.element.tag;
        if (tag == GUMBO_TAG_H1) return;  // the title, kept apart
        bool block = is_block_tag(tag);
        if (block) flush();
        for (unsigned i = 0; i < children(node)->length; ++i)
            write(child(node, i), in_link || tag == GUMBO_TAG_A);
        if (block) flush();
    }

    std::string text() {
        flush();
        return out_;
    }

  private:
    void flush() {
        std::string_view line = line_;
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        bool mostly_links = link_chars_ * 2 > line.size() && line.size() < 200;
        // The label over an advertisement slot, not text.
        bool ad_label = lower(line) == "advertisement" || lower(line) == "ad";
        if (!line.empty() && !mostly_links && !ad_label) {
            if (!out_.empty()) out_ += "\n\n";
            out_ += line;
        }
        line_.clear();
        link_chars_ = 0;
    }

    bool by_class_;
    std::string line_, out_;
    std::size_t link_chars_ = 0;
};

// The best block and those of its siblings that score at least a fifth as high, or are
// paragraphs of plain text, in document order.
std::vector<const GumboNode*> chosen_blocks(const Scorer& scorer, const GumboNode* top) {
    std::vector<const GumboNode*> out;
    const GumboNode* parent = top->parent;
    if (!parent || parent->type != GUMBO_NODE_ELEMENT) return {top};
    double threshold = std::max(10.0, scorer.final_score(top) * 0.2);
    for (unsigned i = 0; i < children(parent)->length; ++i) {
        const GumboNode* sib = child(parent, i);
        if (sib == top) {
            out.push_back(sib);
        } else if (sib->type == GUMBO_NODE_ELEMENT && !is_furniture(sib, scorer.by_class())) {
            bool like = scorer.final_score(sib) >= threshold;
            if (!like && sib->v.element.tag == GUMBO_TAG_P) {
                std::string text = text_of(sib);
                like = text.size() > 80 && link_density(sib, scorer.by_class()) < 0.25;
            }
            if (like) out.push_back(sib);
        }
    }
    return out;
}

// A body cut into chunks by advertisements repeats its container: elements of the best block's
// tag and class elsewhere on the page that score as paragraphs join it, in document order.
void add_cousins(const GumboNode* root, const GumboNode* top, const Scorer& scorer,
                 std::vector<const GumboNode*>& blocks) {
    std::string_view cls = attr(top, "class");
    if (cls.empty()) return;
    std::vector<const GumboNode*> all;
    each_element(root, [&](const GumboNode* node) {
        bool chosen = std::find(blocks.begin(), blocks.end(), node) != blocks.end();
        bool cousin = node->v.element.tag == top->v.element.tag && attr(node, "class") == cls &&
                      scorer.final_score(node) >= 10;
        if (!chosen && !cousin) return;
        for (const GumboNode* kept : all)
            if (contains(kept, node)) return;
        all.push_back(node);
    });
    blocks = std::move(all);
}

std::string extract(const GumboNode* root, bool by_class) {
    Scorer scorer(by_class);
    const GumboVector* kids = children(root);
    for (unsigned i = 0; i < kids->length; ++i) scorer.walk(child(root, i));
    const GumboNode* top = scorer.best();
    if (!top) return "";
    std::vector<const GumboNode*> blocks = chosen_blocks(scorer, top);
    add_cousins(root, top, scorer, blocks);
    Writer writer(by_class);
    for (const GumboNode* block : blocks) writer.write(block, false);
    return writer.text();
}

}  // namespace

std::string main_text(const GumboNode* root) {
    std::string text = extract(root, true);
    // Class names misled us (a whole page marked "has-sidebar"): try again by text alone, but
    // take that only if it finds an article's worth, not a lone comment.
    if (text.size() < 250) {
        std::string plain = extract(root, false);
        if (plain.size() >= 500 && plain.size() > 2 * text.size()) text = std::move(plain);
    }
    return text;
}

std::string fragment_text(const GumboNode* root) {
    Writer writer(true);
    const GumboVector* kids = children(root);
    for (unsigned i = 0; i < kids->length; ++i) writer.write(child(root, i), false);
    return writer.text();
}

}  // namespace dateline::html
