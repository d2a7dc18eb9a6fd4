//! Links of an article: every link's text range and target, from Markdown (inline, reference,
//! autolinks), HTML (`<a href>`, resolved against the page's canonical URL or its own), bare
//! URLs in any text not already linked, and Markdown footnotes (`[^1]`, reference → definition).
//! Pure and linear in the text.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memmem;

use super::model::{Article, BlockKind, Format, InlineStyle};
pub use super::model::{Link, Target};

/// What following a URL means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination<'a> {
    /// `#section` within the article.
    Anchor(&'a str),
    /// A web (or mail) address, for the browser.
    Web(&'a str),
    /// A path (relative to the article's file, or absolute), fragment removed.
    File(&'a str),
}

/// What following `url` means.
pub fn destination(url: &str) -> Destination<'_> {
    if let Some(frag) = url.strip_prefix('#') {
        return Destination::Anchor(frag);
    }
    if let Some(path) = url.strip_prefix("file://") {
        return Destination::File(path.split('#').next().unwrap_or(path));
    }
    if scheme(url).is_some() {
        return Destination::Web(url);
    }
    Destination::File(url.split('#').next().unwrap_or(url))
}

/// The scheme of an absolute URL (`https` in `https://…`, `mailto` in `mailto:…`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let ok = s.len() > 1 // not a Windows drive letter
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(s)
}

/// A target fit to be written into a terminal escape sequence (an OSC 8 hyperlink) or handed
/// to a browser: printable ASCII only, nothing that could end or bend the sequence.
pub fn is_safe_target(url: &str) -> bool {
    !url.is_empty() && url.len() <= 2048 && url.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// A target as shown to people: control characters (and bidi controls) as visible escapes.
pub fn shown_target(url: &str) -> Cow<'_, str> {
    super::text::sanitize(url)
}

/// The section an anchor names: by its id, or by its title as sites slug it (`#next-steps`).
pub fn anchor_section(a: &Article, fragment: &str) -> Option<usize> {
    if fragment.is_empty() {
        return None;
    }
    a.section_by_id(fragment).or_else(|| {
        let want = slug(fragment);
        a.sections
            .iter()
            .position(|s| s.title.as_deref().is_some_and(|t| slug(t) == want))
    })
}

/// GitHub-style heading slug: lowercase, spaces to `-`, punctuation dropped.
fn slug(s: &str) -> String {
    s.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            '_' => Some('_'),
            c if c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

/// All links of an article in text order.
pub fn collect(a: &Article) -> Vec<Link> {
    let (links, bare) = parts(a);
    merge(links, bare)
}

/// Find the article's links and keep them in [`Article::links`]; bare addresses also become
/// link spans of their blocks, so the reader shows them as links.
pub fn attach(a: &mut Article) {
    let (links, bare) = parts(a);
    let mut touched: Option<usize> = None;
    for l in &bare {
        if let Target::Url { url } = &l.target {
            a.blocks[l.block].inlines.push(super::model::Inline {
                range: l.range.clone(),
                style: InlineStyle::Link { url: url.clone() },
            });
        }
        // Bare links come in text order: each block is sorted once, when left behind.
        if touched.is_some_and(|b| b != l.block)
            && let Some(b) = touched
        {
            a.blocks[b].inlines.sort_by_key(|i| i.range.start);
        }
        touched = Some(l.block);
    }
    if let Some(b) = touched {
        a.blocks[b].inlines.sort_by_key(|i| i.range.start);
    }
    a.links = merge(links, bare);
}

fn merge(mut links: Vec<Link>, bare: Vec<Link>) -> Vec<Link> {
    if !bare.is_empty() {
        links.extend(bare);
        links.sort_by_key(|l| l.range.start);
    }
    links
}

/// The links the parsers marked (and footnotes), and the bare addresses found in the text.
fn parts(a: &Article) -> (Vec<Link>, Vec<Link>) {
    let base = if a.format == Format::Html {
        a.meta
            .canonical_url
            .as_deref()
            .or(a.meta.url.as_deref())
            .filter(|u| scheme(u).is_some())
    } else {
        None
    };
    let mut links = Vec::new();
    // Text already linked or code, where a bare URL is not a link of its own.
    let mut covered: Vec<Range<usize>> = Vec::new();
    let mut labels: Vec<(usize, String)> = Vec::new();
    for (i, b) in a.blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Code { .. }) {
            covered.push(b.range.clone());
            continue;
        }
        for inl in &b.inlines {
            match &inl.style {
                InlineStyle::Link { url } => {
                    covered.push(inl.range.clone());
                    let url = match base {
                        Some(base) => resolve(base, url.trim()),
                        None => url.trim().to_string(),
                    };
                    links.push(Link {
                        range: inl.range.clone(),
                        block: i,
                        target: Target::Url { url },
                    });
                }
                InlineStyle::Footnote { label } => {
                    covered.push(inl.range.clone());
                    labels.push((links.len(), label.clone()));
                    links.push(Link {
                        range: inl.range.clone(),
                        block: i,
                        target: Target::Footnote {
                            label: label.clone(),
                            definition: None,
                        },
                    });
                }
                InlineStyle::Code => covered.push(inl.range.clone()),
                _ => {}
            }
        }
    }
    if !labels.is_empty() {
        footnote_definitions(a, &mut links, &labels);
    }
    covered.sort_by_key(|r| r.start);
    let bare = bare_urls(a, &covered);
    (links, bare)
}

/// Fill in where each footnote is defined: a Markdown definition is a paragraph that starts
/// with `[label]: ` (as the parser writes it).
fn footnote_definitions(a: &Article, links: &mut [Link], labels: &[(usize, String)]) {
    let mut defs = std::collections::HashMap::new();
    for (i, b) in a.blocks.iter().enumerate() {
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        let t = a.block_text(i);
        if let Some(rest) = t.strip_prefix('[')
            && let Some(close) = rest.find("]: ")
        {
            defs.entry(&rest[..close]).or_insert(i);
        }
    }
    for (at, label) in labels {
        if let Target::Footnote { definition, .. } = &mut links[*at].target {
            *definition = defs.get(label.as_str()).copied();
        }
    }
}

/// Bare `http://`, `https://` and `www.` addresses outside `covered` (sorted by start).
fn bare_urls(a: &Article, covered: &[Range<usize>]) -> Vec<Link> {
    let text = a.text.as_str();
    let mut out = Vec::new();
    let finders = [memmem::Finder::new("http"), memmem::Finder::new("www.")];
    // The next candidate of each kind (`None`: not looked for since `pos` passed it).
    let mut next: [Option<usize>; 2] = [None; 2];
    let mut pos = 0;
    let mut cov = 0;
    while pos < text.len() {
        // The nearest candidate of either kind at or after `pos`.
        for (k, f) in finders.iter().enumerate() {
            if next[k].is_none_or(|n| n < pos) {
                next[k] = Some(
                    f.find(&text.as_bytes()[pos..])
                        .map_or(usize::MAX, |i| pos + i),
                );
            }
        }
        let (h, w) = (next[0].unwrap_or(usize::MAX), next[1].unwrap_or(usize::MAX));
        let start = h.min(w);
        if start == usize::MAX {
            break;
        }
        let www = w == start;
        let after_word = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.' || c == '@');
        let rest = &text[start..];
        let prefix_ok = www || rest.starts_with("http://") || rest.starts_with("https://");
        let end = start + url_len(rest);
        let host_len = (end - start).saturating_sub(if www {
            0
        } else if rest.starts_with("https://") {
            8
        } else {
            7
        });
        if after_word || !prefix_ok || host_len < 4 {
            pos = start + 1;
            continue;
        }
        while cov < covered.len() && covered[cov].end <= start {
            cov += 1;
        }
        let inside = covered.get(cov).is_some_and(|r| r.start < end);
        if !inside && let Some(block) = a.block_at(start) {
            let s = &text[start..end];
            let url = if www {
                format!("https://{s}")
            } else {
                s.to_string()
            };
            out.push(Link {
                range: start..end,
                block,
                target: Target::Url { url },
            });
        }
        pos = end.max(start + 1);
    }
    out
}

/// How long the URL at the start of `s` is: up to a space or a character URLs do not hold,
/// without trailing punctuation or an unbalanced closing bracket.
fn url_len(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^' | '“' | '”' | '‘' | '’'
            )
            || matches!(
                c,
                '\u{3000}'..='\u{303f}' | '\u{ff08}' | '\u{ff09}' | '\u{ff0c}'
            )
        {
            break;
        }
        end = i + c.len_utf8();
    }
    let u = &s[..end];
    let count = |c: char| u.bytes().filter(|&b| b == c as u8).count();
    let (opens, mut parens, brackets_open, mut brackets) =
        (count('('), count(')'), count('['), count(']'));
    let mut len = u.len();
    // Trimmed characters are all ASCII: one byte each.
    while let Some(&b) = u.as_bytes()[..len].last() {
        match b {
            b'.' | b',' | b':' | b';' | b'!' | b'?' | b'\'' | b'*' | b'_' => {}
            b')' if parens > opens => parens -= 1,
            b']' if brackets > brackets_open => brackets -= 1,
            _ => break,
        }
        len -= 1;
    }
    len
}

/// `url` resolved against the absolute `base` (RFC 3986 in its common cases).
pub fn resolve(base: &str, url: &str) -> String {
    if url.is_empty() || url.starts_with('#') || scheme(url).is_some() {
        return url.to_string();
    }
    let Some(sch) = scheme(base) else {
        return url.to_string();
    };
    let after = &base[sch.len() + 1..];
    let Some(hier) = after.strip_prefix("//") else {
        return url.to_string();
    };
    if let Some(rest) = url.strip_prefix("//") {
        return format!("{sch}://{rest}");
    }
    let host_end = hier.find(['/', '?', '#']).unwrap_or(hier.len());
    let origin = &base[..sch.len() + 3 + host_end];
    let path_q = &hier[host_end..];
    let path_q = path_q.split('#').next().unwrap_or("");
    let path = path_q.split('?').next().unwrap_or("");
    if url.starts_with('?') {
        return format!("{origin}{path}{url}");
    }
    let joined = if url.starts_with('/') {
        url.to_string()
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{url}")
    };
    format!("{origin}{}", remove_dots(&joined))
}

/// Drop `.` and `..` segments of a path (its query and fragment kept as they are).
fn remove_dots(p: &str) -> String {
    let cut = p.find(['?', '#']).unwrap_or(p.len());
    let (path, tail) = p.split_at(cut);
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut s = out.join("/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    s + tail
}

/// `s` with every byte that `keep` refuses written as a `%XX` escape (the inverse of
/// [`percent_decode`]).
pub fn percent_encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The bytes of `s` with `%XX` escapes decoded (invalid sequences kept as written).
pub fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_str;

    fn urls(a: &Article) -> Vec<(&str, String)> {
        collect(a)
            .into_iter()
            .map(|l| {
                let t = match l.target {
                    Target::Url { url } => url,
                    Target::Footnote { label, definition } => format!("^{label}→{definition:?}"),
                };
                (&a.text[l.range], t)
            })
            .collect()
    }

    #[test]
    fn markdown_links_of_every_kind() {
        let md = "See [the memo](memo.md#costs), [ref][r] and <https://example.org/a>.\n\n\
                  Also https://example.net/x_(y), and www.example.com/path.\n\n\
                  `https://in.code/no` is code.\n\n[r]: https://ref.example/";
        let a = parse_str(md, Format::Markdown, "t");
        assert_eq!(
            urls(&a),
            [
                ("the memo", "memo.md#costs".to_string()),
                ("ref", "https://ref.example/".into()),
                ("https://example.org/a", "https://example.org/a".into()),
                (
                    "https://example.net/x_(y)",
                    "https://example.net/x_(y)".into()
                ),
                (
                    "www.example.com/path",
                    "https://www.example.com/path".into()
                ),
            ]
        );
    }

    #[test]
    fn bare_urls_in_plain_text() {
        let a = parse_str(
            "Read it at https://example.org/report.pdf. Or (http://example.com/b).\n\n\
             Not a link: xhttps://nope and https:// alone.",
            Format::Plain,
            "t",
        );
        assert_eq!(
            urls(&a),
            [
                (
                    "https://example.org/report.pdf",
                    "https://example.org/report.pdf".to_string()
                ),
                ("http://example.com/b", "http://example.com/b".into()),
            ]
        );
        // Bare addresses are link spans of their block too, so the reader shows them as links.
        let spans: Vec<&str> = a.blocks[0]
            .inlines
            .iter()
            .filter(|i| matches!(i.style, InlineStyle::Link { .. }))
            .map(|i| &a.text[i.range.clone()])
            .collect();
        assert_eq!(
            spans,
            ["https://example.org/report.pdf", "http://example.com/b"]
        );
    }

    #[test]
    fn html_links_resolve_against_the_page() {
        let html = "<html><head><title>T</title>\
                    <link rel=canonical href=\"https://news.example/world/story.html\"></head>\
                    <body><article><p>One <a href=\"../trade/deal.html\">deal</a>, \
                    <a href=\"/about\">about</a>, <a href=\"#notes\">notes</a> and \
                    <a href=\"https://other.example/\">other</a>; also https://bare.example/p.</p>\
                    </article></body></html>";
        let a = parse_str(html, Format::Html, "t");
        assert_eq!(
            urls(&a),
            [
                ("deal", "https://news.example/trade/deal.html".to_string()),
                ("about", "https://news.example/about".into()),
                ("notes", "#notes".into()),
                ("other", "https://other.example/".into()),
                ("https://bare.example/p", "https://bare.example/p".into()),
            ]
        );
    }

    #[test]
    fn footnotes_point_at_their_definitions() {
        // An undefined footnote (`[^q]`) stays text, as in GitHub's Markdown.
        let md = "Tariffs fell.[^1] Quotas too.[^q]\n\n[^1]: Per the ministry.\n";
        let a = parse_str(md, Format::Markdown, "t");
        let def = a
            .blocks
            .iter()
            .position(|b| a.text[b.range.clone()].starts_with("[1]: "))
            .unwrap();
        assert_eq!(urls(&a), [("[1]", format!("^1→Some({def})"))]);
    }

    #[test]
    fn destinations() {
        assert_eq!(destination("#costs"), Destination::Anchor("costs"));
        assert_eq!(
            destination("https://x.org"),
            Destination::Web("https://x.org")
        );
        assert_eq!(
            destination("mailto:a@b.org"),
            Destination::Web("mailto:a@b.org")
        );
        assert_eq!(
            destination("../b/memo.md#x"),
            Destination::File("../b/memo.md")
        );
        assert_eq!(
            destination("file:///tmp/a.md"),
            Destination::File("/tmp/a.md")
        );
        assert_eq!(destination("C:/a.md"), Destination::File("C:/a.md"));
    }

    #[test]
    fn anchors_find_sections_by_id_or_slug() {
        let a = parse_str("# Top\n\nx\n\n## Next Steps!\n\ny\n", Format::Markdown, "t");
        let next = anchor_section(&a, "next-steps").unwrap();
        assert_eq!(a.sections[next].title.as_deref(), Some("Next Steps!"));
        let id = a.sections[next].id.0.clone();
        assert_eq!(anchor_section(&a, &id), Some(next));
        assert_eq!(anchor_section(&a, "nowhere"), None);
        assert_eq!(anchor_section(&a, ""), None);
    }

    #[test]
    fn unsafe_targets_are_never_written_raw() {
        for bad in [
            "https://x.org/\x1b]8;;evil\x07",
            "https://x.org/\u{7}",
            "https://x.org/a b",
            "https://x.org/\u{202e}gpj",
            "https://例え.jp/",
            "",
        ] {
            assert!(!is_safe_target(bad), "{bad:?}");
            assert!(!shown_target(bad).contains(['\x1b', '\x07', '\u{202e}']));
        }
        assert!(is_safe_target("https://x.org/a?b=c#d"));
        assert_eq!(shown_target("https://x.org/\x1b[2J"), "https://x.org/␛[2J");
    }

    #[test]
    fn bare_url_scan_is_linear_on_hostile_text() {
        let text = "http:// www. https".repeat(50_000);
        let a = parse_str(&text, Format::Plain, "t");
        let t = std::time::Instant::now();
        let _ = collect(&a);
        assert!(t.elapsed().as_secs() < 2);
    }
}
