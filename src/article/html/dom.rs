//! The parsed page: which part is the article, which parts are boilerplate, and the walk that
//! turns the tree into blocks. The walk is iterative (no recursion, whatever the nesting) and
//! visits each node once.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::*;

/// How much of a page becomes the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extraction {
    /// Reader mode: the `<article>` (or `<main>`, or what Readability's scoring finds), without
    /// navigation, banners, cookie notices, advertisements, newsletter and share boxes,
    /// related/most-read lists and comments.
    #[default]
    Main,
    /// The whole `<body>` (scripts, styles and forms aside): for when reader mode guessed wrong.
    Full,
}

/// Pages larger than this are not handed to Readability's scoring when they have no
/// `<article>` or `<main>`: the body is read with the boilerplate filter alone.
const SCORING_LIMIT: usize = 4 << 20;

/// Pages nested deeper than this are not handed to Readability's scoring either: it walks
/// each node's ancestors, which is quadratic on a page of 20,000 nested `<div>`s.
const SCORING_DEPTH: usize = 256;

/// Is the tree under `root` nested deeper than `max`? Stops as soon as it is.
fn deeper_than(root: NodeRef, max: usize) -> bool {
    let mut depth = 0usize;
    let mut cur = root.first_child();
    while let Some(n) = cur {
        if let Some(c) = n.first_child() {
            depth += 1;
            if depth > max {
                return true;
            }
            cur = Some(c);
            continue;
        }
        let mut at = n;
        cur = loop {
            if let Some(s) = at.next_sibling() {
                break Some(s);
            }
            match at.parent() {
                Some(p) if p.id != root.id => {
                    depth -= 1;
                    at = p;
                }
                _ => break None,
            }
        };
    }
    false
}

/// `<article>` elements compared when choosing the main one.
const MAX_CANDIDATES: usize = 16;

/// Least text an `<article>` or `<main>` needs to be taken as the page's content.
const MIN_ARTICLE_TEXT: usize = 140;

/// Parse an HTML page with the given extraction.
pub fn parse_with(src: &str, fallback_title: &str, how: Extraction) -> Article {
    let mut st = State::new(src.len());
    // Long runs of tiny blocks, and blocks too dense in inline tags, are read as plain text,
    // with a warning.
    let (tiny, warnings) = dense::collapse_tiny_blocks(src);
    st.blocks.b.warnings.extend(warnings);
    let (flat, warnings) = dense::flatten(&tiny);
    st.blocks.b.warnings.extend(warnings);
    let capped = nesting::cap(&flat);
    let mut src: &str = &capped;
    let all_flat;
    let doc = match build(src) {
        Ok(doc) => doc,
        Err((nodes, bytes)) => {
            st.blocks.b.warnings.push(format!(
                "HTML page too complex to build ({nodes} nodes from its first {bytes} bytes); \
                 its inline tags are not interpreted"
            ));
            all_flat = dense::flatten_all(src);
            src = &all_flat;
            Document::from(src)
        }
    };
    // Without a document URL, `Readability` cannot refuse the page.
    let Ok(r) = Readability::with_document(doc, None, None) else {
        return st.blocks.finish(None, fallback_title);
    };
    let title = meta::read(&r, &mut st.blocks.b.meta);
    let doc = &r.doc;
    match how {
        Extraction::Full => {
            if let Some(body) = doc.body() {
                walk(&mut st, body, false);
            }
        }
        Extraction::Main => match main_root(doc) {
            Some(root) => walk(&mut st, root, true),
            None => scored(&mut st, src, doc),
        },
    }
    st.flush();
    st.blocks.finish(title, fallback_title)
}

/// Nodes the parser may build: this many, plus one per byte of the page read so far. Markup
/// builds at most one element and one text node per tag, so at most one node per 4 bytes,
/// save for formatting elements left open, which html5ever reopens (clones) in every later
/// block: `<div><b class=N>a</div>` repeated 4,000 times (107 KB) built 8 million nodes in
/// 49 s.
const NODE_BASE: usize = 4096;

/// The page is fed to the parser in pieces of this size, its tree's size checked after each.
const BUILD_CHUNK: usize = 4096;

/// The page's tree as `Document::from` builds it (same options), or, when it grows beyond
/// [`NODE_BASE`] plus one node per byte read, the number of nodes and of bytes read then.
pub(super) fn build(src: &str) -> Result<Document, (usize, usize)> {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(Document::default(), opts);
    let mut at = 0;
    while at < src.len() {
        let mut end = (at + BUILD_CHUNK).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        parser.process(src[at..end].into());
        at = end;
        let nodes = parser.tokenizer.sink.sink.tree.len();
        if nodes > NODE_BASE + at {
            return Err((nodes, at));
        }
    }
    Ok(parser.finish())
}

/// No `<article>` or `<main>`: Readability's scoring (`dom_smoothie`) picks the content, and
/// the boilerplate filter still applies to what it kept. When it fails, or the page is too
/// large for it, the filtered body.
fn scored(st: &mut State, src: &str, doc: &Document) {
    if src.len() <= SCORING_LIMIT && !deeper_than(doc.root(), SCORING_DEPTH) {
        let cfg = Config {
            max_elements_to_parse: 100_000,
            ..Config::default()
        };
        if let Ok(mut r) = Readability::new(src, None, Some(cfg))
            && let Ok(article) = r.parse()
        {
            let content = Document::from(article.content);
            // Readability drops the `<h1>` that repeats the title; Tenor's outline keeps it as
            // the root section.
            if let Some(h1) = doc.select("body h1").nodes().first() {
                let t = h1.text();
                if !t.trim().is_empty() && content.select("h1").nodes().is_empty() {
                    handle_tag(st, false, "h1", &|_| None);
                    st.text(&t);
                    handle_tag(st, true, "h1", &|_| None);
                }
            }
            if let Some(body) = content.body() {
                walk(st, body, true);
            }
            return;
        }
    }
    if let Some(body) = doc.body() {
        walk(st, body, true);
    }
}

/// The page's `<article>` with the most text (nested ones, such as comments, have less than
/// the story around them), else its `<main>`.
fn main_root(doc: &Document) -> Option<NodeRef<'_>> {
    let best = doc
        .select("article")
        .nodes()
        .iter()
        .take(MAX_CANDIDATES)
        .filter(|n| !is_boilerplate(n))
        .map(|n| (text_len(n), *n))
        .max_by_key(|(len, _)| *len)
        .filter(|(len, _)| *len >= MIN_ARTICLE_TEXT)
        .map(|(_, n)| n);
    best.or_else(|| {
        let main = doc.select("main, [role=main]").nodes().first().cloned()?;
        (text_len(&main) >= MIN_ARTICLE_TEXT).then_some(main)
    })
}

/// Text under `n` counted up to this: beyond it, any candidate is long enough, and counting
/// stays linear however many candidates nest.
const TEXT_LEN_CAP: usize = 64 * 1024;

/// Bytes of text under `n`, not counting whitespace runs, up to [`TEXT_LEN_CAP`].
fn text_len(n: &NodeRef) -> usize {
    let mut len = 0;
    for d in n.descendants_it() {
        if d.is_text() {
            len += d.text().split_whitespace().map(str::len).sum::<usize>();
            if len >= TEXT_LEN_CAP {
                return TEXT_LEN_CAP;
            }
        }
    }
    len
}

/// Elements that never have an end tag (no end event is sent for them).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Send the tree under `root` to the state as start tags, text and end tags, in document
/// order. With `filter`, page chrome and boilerplate are left out whole.
fn walk(st: &mut State, root: NodeRef, filter: bool) {
    let end = |st: &mut State, n: &NodeRef| {
        if let Some(name) = n.node_name()
            && !VOID.contains(&&*name)
        {
            handle_tag(st, true, &name, &|a| n.attr(a).map(|v| v.to_string()));
        }
    };
    let mut cur = root.first_child();
    while let Some(n) = cur {
        let mut entered = false;
        if n.is_element() {
            // html5ever gives HTML element names in lower case.
            let name = n.node_name().unwrap_or_default();
            let name: &str = &name;
            let skip = SKIP.contains(&name)
                || (filter
                    && (CHROME.contains(&name)
                        || is_boilerplate(&n)
                        || (name == "time" && standalone(&n))));
            if !skip {
                handle_tag(st, false, name, &|a| n.attr(a).map(|v| v.to_string()));
                entered = !VOID.contains(&name);
            }
        } else if n.is_text() {
            let t = n.text();
            if !(filter && is_ad_label(&t)) {
                st.text(&t);
            }
        }
        if entered && let Some(child) = n.first_child() {
            cur = Some(child);
            continue;
        }
        if entered {
            end(st, &n);
        }
        // Next: the sibling, else the nearest ancestor's sibling, closing ancestors on the way.
        let mut at = n;
        cur = loop {
            if let Some(s) = at.next_sibling() {
                break Some(s);
            }
            match at.parent() {
                Some(p) if p.id != root.id => {
                    end(st, &p);
                    at = p;
                }
                _ => break None,
            }
        };
    }
}

/// A `<time>` standing on its own between blocks (a dateline, kept as metadata), not one
/// inside a sentence.
fn standalone(n: &NodeRef) -> bool {
    n.parent().and_then(|p| p.node_name()).is_some_and(|p| {
        matches!(
            &*p.to_ascii_lowercase(),
            "header" | "div" | "article" | "section" | "main" | "body"
        )
    })
}

/// Text that only labels an advertisement slot.
fn is_ad_label(t: &str) -> bool {
    let t = t.trim();
    t.len() <= 20
        && ["advertisement", "sponsored", "sponsored content", "ad"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
}

/// Roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Words of a class, id or label that mark boilerplate, matched as the start of a word
/// (`cookie-banner`, `newsletterSignup`).
const BOILER_PREFIXES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscri",
    "related",
    "advert",
    "sponsor",
    "promo",
    "share",
    "sharing",
    "social",
    "paywall",
    "outbrain",
    "taboola",
    "breadcrumb",
    "sidebar",
    "popular",
    "trending",
    "recommend",
    "signup",
    "comment",
    "disqus",
    "mostread",
    "byline",
];

/// Whole words of a class, id or label that mark boilerplate.
const BOILER_WORDS: &[&str] = &[
    "ad", "ads", "adslot", "nav", "navbar", "menu", "footer", "banner", "masthead", "modal",
    "popup", "widget", "skip", "toolbar", "overlay", "meta", "dateline",
];

/// Headings that label a box of boilerplate when they open it (`<section><h2>Most read</h2>`).
const BOILER_HEADINGS: &[&str] = &[
    "most read",
    "most popular",
    "most viewed",
    "related",
    "related articles",
    "related stories",
    "read more",
    "more stories",
    "more from",
    "newsletter",
    "sign up",
    "comments",
    "share this",
    "share this article",
    "advertisement",
    "you may also like",
    "recommended",
];

/// Page chrome or boilerplate, by role, hidden state, class, id, label or opening heading. The
/// page's structural elements (`<article>`, `<main>`, `<body>`) never are.
fn is_boilerplate(n: &NodeRef) -> bool {
    let name = n.node_name().unwrap_or_default();
    let name: &str = &name;
    if matches!(name, "article" | "main" | "body" | "html") {
        return false;
    }
    // Most elements (`<p>`, `<em>`, `<li>`) have no attributes at all.
    let any_attr = n
        .query(|t| t.as_element().is_some_and(|e| !e.attrs.is_empty()))
        .unwrap_or(false);
    if !any_attr && !matches!(name, "section" | "div") {
        return false;
    }
    let attr = |a: &str| {
        n.attr(a)
            .map(|v| v.to_ascii_lowercase())
            .unwrap_or_default()
    };
    if CHROME_ROLES.contains(&attr("role").trim()) {
        return true;
    }
    if n.has_attr("hidden") || attr("aria-hidden").trim() == "true" {
        return true;
    }
    let style: String = attr("style").split_whitespace().collect();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    let words = format!(
        "{} {} {} {}",
        n.attr("class").unwrap_or_default(),
        n.attr("id").unwrap_or_default(),
        n.attr("aria-label").unwrap_or_default(),
        n.attr("data-component").unwrap_or_default(),
    );
    if boiler_words(&words) {
        return true;
    }
    if matches!(name, "section" | "div") {
        let first = n.first_element_child();
        if let Some(h) = first.filter(|h| {
            h.node_name()
                .is_some_and(|t| matches!(&*t.to_ascii_lowercase(), "h2" | "h3" | "h4" | "h5"))
        }) {
            let t = h.text();
            let t = t.trim().trim_end_matches(':').to_lowercase();
            if t.len() < 40 && BOILER_HEADINGS.contains(&t.as_str()) {
                return true;
            }
        }
    }
    false
}

/// Class, id or label words that mark boilerplate. Words are split at non-letters and at
/// lower-to-upper case changes (`mostRead` → `most`, `read`).
fn boiler_words(s: &str) -> bool {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars().take(1024) {
        if (!c.is_alphanumeric() || (c.is_uppercase() && prev_lower)) && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let hit = |w: &str| {
        BOILER_WORDS.contains(&w)
            || (BOILER_PREFIXES.iter().any(|p| w.starts_with(p)) && !w.starts_with("commentary"))
    };
    words.iter().any(|w| hit(w))
        || words.windows(2).any(|p| {
            p[0] == "most" && matches!(p[1].as_str(), "read" | "popular" | "viewed" | "shared")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_words() {
        for s in [
            "cookie-banner",
            "newsletterSignup",
            "ad",
            "ad-slot top",
            "most-read",
            "mostRead",
            "share-tools",
            "comments",
            "site-footer",
            "related_links",
        ] {
            assert!(boiler_words(s), "{s}");
        }
        for s in [
            "article-body",
            "header",
            "lead",
            "download",
            "story",
            "commentary",
            "thread",
            "readable",
            "address",
        ] {
            assert!(!boiler_words(s), "{s}");
        }
    }
}
