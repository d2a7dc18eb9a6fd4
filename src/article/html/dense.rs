//! Blocks too dense in inline tags to build as a tree. html5ever builds one node per element,
//! and each costs about as much as a few hundred bytes of text: a paragraph of `<b>a</b> `
//! repeated to 10 MB took 15–17× an ordinary 10 MB page (1.1 million elements), and then the
//! walk and Readability visit every one. This linear pre-pass cuts the page into blocks at
//! block-level tags and, when the page as a whole is dense in inline tags, takes the inline
//! tags out of every block denser than the limit (its text kept verbatim, entities and all):
//! html5ever then sees the block as plain text, and the article says so in a warning, as for
//! Markdown (see `markdown::segments`).
//!
//! A page not dense overall is passed on untouched (every ordinary page: real articles have
//! one inline tag per 50–200 bytes; the hostile shapes one per 4–8).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

mod tiny;
pub(super) use tiny::collapse_tiny_blocks;

/// Inline tags a page may hold before its dense blocks are flattened: [`TAGS_BASE`] plus one
/// per [`BYTES_PER_TAG`] bytes; then each block with more than [`BLOCK_TAGS_BASE`] plus one
/// per [`BYTES_PER_TAG`] bytes is.
pub(super) const TAGS_BASE: usize = 64;
/// See [`TAGS_BASE`].
pub(super) const BYTES_PER_TAG: usize = 24;
/// Tags any block may hold beyond one per [`BYTES_PER_TAG`] bytes, so that a short list item
/// with a link or two stays as it is in a page dense elsewhere.
pub(super) const BLOCK_TAGS_BASE: usize = 8;

/// Warnings naming a flattened block, at most; the rest are counted in one more.
const MAX_WARNINGS: usize = 20;

/// Tags that end a block: block-level and special elements, which are never taken out
const BOUNDARY: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "button",
    "canvas",
    "caption",
    "center",
    "col",
    "colgroup",
    "datalist",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "image",
    "input",
    "isindex",
    "keygen",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "marquee",
    "math",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "video",
    "xmp",
];

/// Elements neither counted nor taken out, nor ending a block: `<time>` (the page's date may
/// be read from it) and form labels and outputs.
const NEUTRAL: &[&str] = &["label", "meter", "output", "progress", "slot", "time"];

/// What a tag is to this pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Ends the block it is in.
    Boundary,
    /// Kept, not counted.
    Neutral,
    /// Inline: counted, and taken out of a dense block. Every element not known as another
    /// kind is one (`<span>`, `<b>`, `<a>`, custom elements), as html5ever builds them alike.
    Inline,
    /// `<br>`: a line break, as plain text.
    Break,
    /// `<img>`: its alt text, as [`super::handle_tag`] shows it.
    Image,
    /// `<wbr>`: nothing.
    Void,
}

/// A tag name folded to lower case and packed in an integer with its length (`None` when
/// longer than 15 bytes: no known element's name is), so that looking it up costs no string
/// comparison.
fn key(name: &str) -> Option<u128> {
    (name.len() < 16).then(|| {
        let packed = name
            .bytes()
            .fold(0u128, |k, c| (k << 8) | u128::from(c.to_ascii_lowercase()));
        (packed << 8) | name.len() as u128
    })
}

/// The known elements of each kind but [`Kind::Inline`], by [`key`], sorted.
static KINDS: LazyLock<Vec<(u128, Kind)>> = LazyLock::new(|| {
    let mut v: Vec<(u128, Kind)> = BOUNDARY
        .iter()
        .map(|n| (n, Kind::Boundary))
        .chain(NEUTRAL.iter().map(|n| (n, Kind::Neutral)))
        .chain([
            (&"br", Kind::Break),
            (&"img", Kind::Image),
            (&"wbr", Kind::Void),
        ])
        .filter_map(|(n, k)| Some((key(n)?, k)))
        .collect();
    v.sort_by_key(|e| e.0);
    v
});

fn kind(name: &str) -> Kind {
    key(name)
        .and_then(|k| KINDS.binary_search_by_key(&k, |e| e.0).ok())
        .map_or(Kind::Inline, |i| KINDS[i].1)
}

/// One tag of the source.
#[derive(Debug, Clone, Copy)]
struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>`.
    at: usize,
    end: usize,
    /// As written (case kept).
    name: &'a str,
    closing: bool,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// The attributes of a tag from `j` (just after its name) as html5ever's tokenizer reads them,
/// each passed to `each` as (name, raw value); the index just past the closing `>`, or `None`
/// when the source ends first (html5ever drops such a tag).
fn attributes<'b>(
    b: &'b [u8],
    mut j: usize,
    mut each: impl FnMut(&'b [u8], &'b [u8]),
) -> Option<usize> {
    loop {
        while is_space(*b.get(j)?) {
            j += 1;
        }
        match b[j] {
            b'>' => return Some(j + 1),
            b'/' => {
                j += 1;
                continue;
            }
            _ => {}
        }
        let name_start = j;
        j += 1; // a first `=` belongs to the name
        while !matches!(*b.get(j)?, b'/' | b'>' | b'=') && !is_space(b[j]) {
            j += 1;
        }
        let name = &b[name_start..j];
        while is_space(*b.get(j)?) {
            j += 1;
        }
        if b[j] != b'=' {
            each(name, b"");
            continue;
        }
        j += 1;
        while is_space(*b.get(j)?) {
            j += 1;
        }
        match b[j] {
            q @ (b'"' | b'\'') => {
                let close = j + 1 + memchr::memchr(q, &b[j + 1..])?;
                each(name, &b[j + 1..close]);
                j = close + 1;
            }
            b'>' => {
                each(name, b"");
                return Some(j + 1);
            }
            _ => {
                let start = j;
                while *b.get(j)? != b'>' && !is_space(b[j]) {
                    j += 1;
                }
                each(name, &b[start..j]);
            }
        }
    }
}

/// The tags of a page in order, outside comments, doctypes and raw text.
struct Tags<'a> {
    src: &'a str,
    i: usize,
    /// After a raw-text element's start tag: its name, to skip to its end tag.
    raw: Option<&'a str>,
}

fn tags(src: &str) -> Tags<'_> {
    Tags {
        src,
        i: 0,
        raw: None,
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let b = self.src.as_bytes();
        if let Some(name) = self.raw.take() {
            let mut from = self.i;
            self.i = loop {
                let p = from + memchr::memmem::find(&b[from..], b"</")?;
                let n = p + 2 + name.len();
                if b.len() >= n
                    && b[p + 2..n].eq_ignore_ascii_case(name.as_bytes())
                    && b.get(n)
                        .is_none_or(|&c| c == b'/' || c == b'>' || is_space(c))
                {
                    break p;
                }
                from = p + 2;
            };
        }
        loop {
            let at = self.i + memchr::memchr(b'<', &b[self.i..])?;
            let rest = &b[at..];
            if rest.starts_with(b"<!--") {
                // `<!-->` and `<!--->` are whole comments.
                self.i = memchr::memmem::find(&b[at + 2..], b"-->").map_or(b.len(), |e| at + 5 + e);
                continue;
            }
            let closing = rest.get(1) == Some(&b'/');
            let name_start = at + 1 + usize::from(closing);
            match b.get(name_start) {
                Some(c) if c.is_ascii_alphabetic() => {}
                // `<!doctype>`, `<?…>`, `</ …>`: bogus comments, up to the next `>`.
                Some(b'!' | b'?') if !closing => {
                    self.i = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
                    continue;
                }
                Some(_) if closing => {
                    self.i = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
                    continue;
                }
                None => return None,
                Some(_) => {
                    self.i = at + 1;
                    continue;
                }
            }
            let mut j = name_start;
            while j < b.len() && !matches!(b[j], b'/' | b'>') && !is_space(b[j]) {
                j += 1;
            }
            let name = &self.src[name_start..j];
            let end = attributes(b, j, |_, _| {})?;
            self.i = end;
            if !closing {
                if name.eq_ignore_ascii_case("plaintext") {
                    self.i = b.len();
                } else if super::nesting::RAW
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(name))
                {
                    self.raw = Some(name);
                }
            }
            return Some(Tag {
                at,
                end,
                name,
                closing,
            });
        }
    }
}

/// The blocks of `src` (byte ranges between block-level tags) holding more inline tags than
/// the limit, with their counts, when the page as a whole does; else none. With `all`, every
/// block holding any inline tag.
fn dense_blocks(src: &str, all: bool) -> Vec<(Range<usize>, usize)> {
    // Cheap first: a page with no more tags of any kind than the limit is passed on unread.
    let page_limit = TAGS_BASE + src.len() / BYTES_PER_TAG;
    if !all
        && memchr::memchr_iter(b'<', src.as_bytes())
            .nth(page_limit)
            .is_none()
    {
        return Vec::new();
    }
    let mut dense = Vec::new();
    let mut total = 0;
    let mut start = 0;
    let mut count = 0;
    let close = |start: usize, end: usize, count: usize, dense: &mut Vec<_>| {
        let limit = if all {
            0
        } else {
            BLOCK_TAGS_BASE + (end - start) / BYTES_PER_TAG
        };
        if count > limit {
            dense.push((start..end, count));
        }
    };
    for t in tags(src) {
        match kind(t.name) {
            Kind::Boundary => {
                close(start, t.at, count, &mut dense);
                start = t.end;
                count = 0;
            }
            Kind::Neutral => {}
            _ => {
                count += 1;
                total += 1;
            }
        }
    }
    close(start, src.len(), count, &mut dense);
    if all || total > page_limit {
        dense
    } else {
        Vec::new()
    }
}

/// An element name as a key: [`key`]'s integer, or the name in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Name {
    Short(u128),
    Long(String),
}

/// `src` with the inline tags of its dense blocks taken out (`<br>` as a line break, `<img>`
/// as its alt text), and a warning for each such block; `src` itself (borrowed) when the page
/// is not dense. Linear in the page's size.
pub(super) fn flatten(src: &str) -> (Cow<'_, str>, Vec<String>) {
    flatten_blocks(src, false)
}

/// `src` with every inline tag taken out, as [`flatten`] does in dense blocks; no warning.
/// For a page whose tree grew too large to build (see `dom::build`).
pub(super) fn flatten_all(src: &str) -> Cow<'_, str> {
    flatten_blocks(src, true).0
}

fn flatten_blocks(src: &str, all: bool) -> (Cow<'_, str>, Vec<String>) {
    let dense = dense_blocks(src, all);
    if dense.is_empty() {
        return (Cow::Borrowed(src), Vec::new());
    }
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut copied = 0;
    let mut warnings = Vec::new();
    // Lines counted up to `counted`, for the warnings.
    let (mut line, mut counted) = (1, 0);
    let mut next = 0; // the first dense block not yet passed
    let mut announced = 0; // dense blocks warned of (or counted in the last warning)
    // Per element name, its open start tags, innermost last: taken out or kept. An end tag
    // goes with the innermost, so a block's end tags are taken out with their start tags,
    // and never one that closes an element opened (and kept) outside it.
    let mut open: HashMap<Name, Vec<bool>> = HashMap::new();
    for t in tags(src) {
        while dense.get(next).is_some_and(|(r, _)| r.end <= t.at) {
            next += 1;
        }
        let inside = dense.get(next).is_some_and(|(r, _)| r.start <= t.at);
        if inside && next == announced && !all {
            announced += 1;
            let (r, n) = &dense[next];
            if next < MAX_WARNINGS {
                line += memchr::memchr_iter(b'\n', &b[counted..r.start]).count();
                counted = r.start;
                warnings.push(format!(
                    "HTML block at line {line}: {n} inline tags in {} bytes; shown as plain text",
                    r.len()
                ));
            }
        }
        let replace: Option<Cow<str>> = match kind(t.name) {
            Kind::Boundary | Kind::Neutral => None,
            Kind::Break if inside => Some("\n".into()),
            Kind::Void if inside => Some("".into()),
            Kind::Image if inside && !t.closing => Some(alt_text(b, t).into()),
            Kind::Image if inside => Some("".into()),
            Kind::Break | Kind::Void | Kind::Image => None,
            Kind::Inline => {
                let name = key(t.name)
                    .map_or_else(|| Name::Long(t.name.to_ascii_lowercase()), Name::Short);
                let is_a = t.name.eq_ignore_ascii_case("a");
                let stack = open.entry(name).or_default();
                match (t.closing, inside) {
                    (false, false) => {
                        stack.push(false);
                        None
                    }
                    (false, true) => {
                        // A link opened inside a link closes it (html5ever's rule): so it
                        // still does when this one is taken out.
                        let closes = is_a && stack.last() == Some(&false);
                        if closes {
                            stack.pop();
                        }
                        stack.push(true);
                        Some(if closes { "</a>" } else { "" }.into())
                    }
                    (true, _) => match stack.pop() {
                        Some(true) => Some("".into()),
                        Some(false) => None,
                        // A stray end tag: html5ever ignores it.
                        None => inside.then(|| "".into()),
                    },
                }
            }
        };
        if let Some(r) = replace {
            out.push_str(&src[copied..t.at]);
            // A `<` just before a tag taken out must not open a tag with what follows it.
            if r.is_empty() && out.ends_with('<') {
                out.pop();
                out.push_str("&lt;");
            }
            out.push_str(&r);
            copied = t.end;
        }
    }
    out.push_str(&src[copied..]);
    if dense.len() > MAX_WARNINGS && !all {
        warnings.push(format!(
            "{} more HTML blocks shown as plain text",
            dense.len() - MAX_WARNINGS
        ));
    }
    (Cow::Owned(out), warnings)
}

/// An `<img>` as text: `[image: ALT]` when it has a non-blank alt (as the walk shows it), its
/// `<` escaped so that it stays text.
fn alt_text(b: &[u8], t: Tag) -> String {
    let mut alt = None;
    let name_end = t.at + 1 + t.name.len();
    attributes(b, name_end, |n, v| {
        if alt.is_none() && n.eq_ignore_ascii_case(b"alt") {
            alt = Some(v);
        }
    });
    match alt.map(String::from_utf8_lossy) {
        Some(a) if !a.trim().is_empty() => format!("[image: {}]", a.replace('<', "&lt;")),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
