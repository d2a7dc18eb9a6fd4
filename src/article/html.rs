//! HTML ingestion in "reader mode": headings, paragraphs, lists, quotes, code, tables and inline
//! styling are kept; scripts, styles, navigation, forms and page chrome are dropped. Metadata
//! comes from `<title>` and `<meta>` tags. A forgiving tokenizer: malformed markup never fails.

use super::build::{Blocks, Builder};
use super::model::{
    Article, BlockKind, CELL_SEPARATOR, Format, InlineStyle, table_cell_text, table_cells,
};

/// Elements whose content is not article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button",
    "select", "iframe", "head",
];

struct State {
    blocks: Blocks,
    styles: Vec<(String, InlineStyle, usize)>,
    /// Open lists: next ordinal (None for bullets).
    lists: Vec<Option<u32>>,
    quote: usize,
    pre: usize,
    /// Depth inside skipped elements.
    skip: Vec<String>,
    title: Option<String>,
    in_title: bool,
    /// Inside a table: the row being built.
    table: Option<String>,
    cell_count: usize,
    /// Every cell of the row being built so far is a `<th>`.
    row_th: bool,
    /// Inside `<thead>`.
    thead: bool,
    /// Inside a table's `<caption>`.
    caption: bool,
    /// `(colspan, rowspan)` of each cell of the row being built, clamped to `1..=`[`MAX_SPAN`].
    spans: Vec<(usize, usize)>,
    /// Per column, a cell spanning down from an earlier row: its text and how many rows more.
    carry: Vec<Option<(String, usize)>>,
    /// Tables open inside a table, innermost last: rows of cell texts, flattened into the
    /// enclosing cell when they close (see [`flatten`]).
    nested: Vec<Vec<Vec<String>>>,
    /// What is left of the open table's [`SPAN_BUDGET`].
    span_budget: usize,
}

impl State {
    fn flush(&mut self) {
        self.blocks.flush();
        self.styles.clear();
    }

    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.blocks.open(kind);
    }

    fn in_table_block(&self) -> bool {
        matches!(
            self.blocks.cur.as_ref().map(|p| &p.kind),
            Some(BlockKind::Table { .. })
        )
    }

    /// Start a table row, pushing the one being built.
    fn start_row(&mut self, th: bool) {
        if let Some(row) = self.table.take() {
            push_row(self, &row);
        }
        self.table = Some(String::new());
        self.cell_count = 0;
        self.row_th = th;
        self.spans.clear();
    }

    fn text(&mut self, t: &str) {
        if let Some(table) = self.nested.last_mut() {
            if table.is_empty() {
                table.push(Vec::new());
            }
            let row = table.last_mut().unwrap_or_else(|| unreachable!());
            if row.is_empty() {
                row.push(String::new());
            }
            let cell = row.last_mut().unwrap_or_else(|| unreachable!());
            cell.push_str(&table_cell_text(&collapse_ws(t)));
            return;
        }
        if let Some(row) = self.table.as_mut() {
            let t = collapse_ws(t);
            let t = table_cell_text(&t);
            // No space at the start of a cell (cells are separated by exactly the separator)
            // nor doubled across tags.
            if row.is_empty() || row.ends_with(' ') {
                row.push_str(t.trim_start());
            } else {
                row.push_str(&t);
            }
            return;
        }
        if self.in_table_block() {
            // Between rows: whitespace is not a row; stray text (no `<tr>`) starts one.
            if t.trim().is_empty() {
                return;
            }
            self.start_row(false);
            self.cell_count = 1;
            self.text(t);
            return;
        }
        if self.blocks.cur.is_none() && t.trim().is_empty() {
            return;
        }
        let pre = self.pre > 0;
        let kind = if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        let p = self.blocks.buf_or(kind);
        if pre {
            p.text.push_str(t);
        } else {
            let c = collapse_ws(t);
            // Don't double spaces across tags.
            if p.text.ends_with(' ') || p.text.is_empty() {
                p.text.push_str(c.trim_start());
            } else {
                p.text.push_str(&c);
            }
        }
    }
}

fn collapse_ws(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Parse an HTML article.
pub fn parse(src: &str, fallback_title: &str) -> Article {
    let mut st = State {
        blocks: Blocks::new(Builder::new(Format::Html, src.len() / 2)),
        styles: Vec::new(),
        lists: Vec::new(),
        quote: 0,
        pre: 0,
        skip: Vec::new(),
        title: None,
        in_title: false,
        table: None,
        cell_count: 0,
        row_th: false,
        thead: false,
        caption: false,
        spans: Vec::new(),
        carry: Vec::new(),
        nested: Vec::new(),
        span_budget: SPAN_BUDGET,
    };
    let mut i = 0;
    // Every `<` before this offset is text (after a tag that never closed).
    let mut text_until = 0;
    let bytes = src.as_bytes();
    while i < src.len() {
        if bytes[i] == b'<' {
            if src[i..].starts_with("<!--") {
                i = src[i..].find("-->").map_or(src.len(), |e| i + e + 3);
                continue;
            }
            if i >= text_until {
                match tag_end(src, i) {
                    TagScan::Tag(end) => {
                        let tag = &src[i + 1..end];
                        i = end + 1;
                        handle_tag(&mut st, tag, src, &mut i);
                        continue;
                    }
                    TagScan::Unclosed(until) => text_until = until,
                    TagScan::NotTag => {}
                }
            }
        }
        let step = src[i..].chars().next().map_or(1, char::len_utf8);
        let next = src[i + step..]
            .find('<')
            .map_or(src.len(), |n| i + step + n);
        let raw = &src[i..next];
        i = next;
        if !st.skip.is_empty() {
            continue;
        }
        let decoded = decode_entities(raw);
        if st.in_title {
            st.title
                .get_or_insert_with(String::new)
                .push_str(&collapse_ws(&decoded));
        } else {
            st.text(&decoded);
        }
    }
    st.flush();
    let title = st.title.take().map(|t| t.trim().to_string());
    st.blocks.finish(title, fallback_title)
}

/// Longest tag read as markup; a longer one is text (keeps malformed input linear).
const MAX_TAG: usize = 8 * 1024;

/// What a `<` starts.
enum TagScan {
    /// A tag ending at this `>`.
    Tag(usize),
    /// Not markup (`<` before a space, a digit…).
    NotTag,
    /// No `>` within [`MAX_TAG`] bytes: text, and so is every `<` before this offset.
    Unclosed(usize),
}

/// Find the `>` closing the tag that starts at `start`. Quoted attribute values may hold `>`;
/// an unterminated quote falls back to the first `>`.
fn tag_end(src: &str, start: usize) -> TagScan {
    let rest = &src[start + 1..];
    let Some(first) = rest.chars().next() else {
        return TagScan::NotTag;
    };
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!' || first == '?') {
        return TagScan::NotTag;
    }
    let mut cap = rest.len().min(MAX_TAG);
    while !rest.is_char_boundary(cap) {
        cap -= 1;
    }
    let window = &rest[..cap];
    let mut quote: Option<char> = None;
    for (k, c) in window.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return TagScan::Tag(start + 1 + k),
            _ => {}
        }
    }
    match memchr::memchr(b'>', window.as_bytes()) {
        Some(k) => TagScan::Tag(start + 1 + k),
        None => TagScan::Unclosed(start + 1 + cap),
    }
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` in `hay`.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .find(|&k| h.len() - k >= n.len() && h[k..k + n.len()].eq_ignore_ascii_case(n))
}

fn tag_name(tag: &str) -> (bool, String) {
    let closing = tag.starts_with('/');
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (closing, name)
}

/// The value of attribute `name` in a tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(decode_entities(value));
    }
    None
}

fn handle_tag(st: &mut State, tag: &str, src: &str, i: &mut usize) {
    if tag.starts_with('!') || tag.starts_with('?') {
        return;
    }
    let (closing, name) = tag_name(tag);
    if name.is_empty() {
        return;
    }
    // Skipped elements: track nesting until their end tag.
    if let Some(top) = st.skip.last() {
        if closing && *top == name {
            st.skip.pop();
        } else if !closing && name == *top && !tag.ends_with('/') {
            st.skip.push(name);
        }
        return;
    }
    if name == "meta" {
        meta(st, tag);
        return;
    }
    if name == "title" {
        st.in_title = !closing;
        return;
    }
    if SKIP.contains(&name.as_str()) && !closing && !tag.ends_with('/') {
        if name == "head" {
            // Keep <title> and <meta> from the head: read it tag by tag.
            read_head(st, src, i);
            return;
        }
        st.flush();
        st.skip.push(name);
        return;
    }
    let nested = !st.nested.is_empty()
        || (!closing && name == "table" && (st.in_table_block() || st.table.is_some()));
    if nested && nested_tag(st, closing, &name) {
        return;
    }
    if st.table.is_some() && IN_CELL_BREAKS.contains(&name.as_str()) {
        // Block markup inside a cell (`<td><p>…</p></td>`) separates words, not blocks.
        st.text(" ");
        return;
    }
    match (closing, name.as_str()) {
        (false, h @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) => {
            let level = h.as_bytes()[1] - b'0';
            st.open(BlockKind::Heading { level });
        }
        (
            true,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "li" | "pre" | "dt" | "dd"
            | "figcaption",
        ) => {
            if name == "pre" {
                st.pre = st.pre.saturating_sub(1);
            }
            st.flush();
        }
        (false, "p" | "dt" | "dd" | "figcaption") => {
            let kind = if st.quote > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            st.open(kind);
        }
        (_, "div" | "section" | "article" | "main" | "header" | "body" | "figure" | "dl") => {
            st.flush()
        }
        (false, "ul" | "ol") => {
            st.flush();
            let start = attr(tag, "start").and_then(|s| s.parse().ok()).unwrap_or(1);
            st.lists.push((name == "ol").then_some(start));
        }
        (true, "ul" | "ol") => {
            st.flush();
            st.lists.pop();
            if st.lists.is_empty() {
                st.blocks.b.break_list();
            }
        }
        (false, "li") => {
            let depth = st.lists.len().saturating_sub(1).min(255) as u8;
            let ordinal = st.lists.last_mut().and_then(|o| {
                let v = *o;
                if let Some(n) = o.as_mut() {
                    *n = n.saturating_add(1);
                }
                v
            });
            st.open(BlockKind::ListItem {
                depth,
                ordinal,
                list: 0,
                task: None,
            });
        }
        (false, "blockquote") => {
            st.flush();
            st.quote += 1;
        }
        (true, "blockquote") => {
            st.flush();
            st.quote = st.quote.saturating_sub(1);
        }
        (false, "pre") => {
            st.open(BlockKind::Code { lang: None });
            st.pre += 1;
        }
        (_, "hr") => {
            st.flush();
            st.blocks.b.push(BlockKind::Rule, "* * *", &[]);
        }
        (_, "br") => {
            if let Some(p) = st.blocks.cur.as_mut() {
                p.text.push('\n');
            }
        }
        (false, "table") => {
            st.open(BlockKind::Table {
                header: false,
                align: Vec::new(),
            });
            st.cell_count = 0;
            st.thead = false;
            st.carry.clear();
            st.span_budget = SPAN_BUDGET;
        }
        (_, "thead") => st.thead = !closing,
        (true, "table") => {
            if let Some(row) = st.table.take() {
                push_row(st, &row);
            }
            st.flush();
            st.thead = false;
            st.carry.clear();
            st.span_budget = SPAN_BUDGET;
        }
        (false, "tr") => st.start_row(true),
        // A caption is a paragraph before the table.
        (false, "caption") if st.in_table_block() && st.table.is_none() => {
            st.open(BlockKind::Paragraph);
            st.caption = true;
        }
        (true, "caption") if st.caption => {
            st.caption = false;
            st.open(BlockKind::Table {
                header: false,
                align: Vec::new(),
            });
            st.cell_count = 0;
        }
        (true, "tr") => {
            if let Some(row) = st.table.take() {
                push_row(st, &row);
            }
        }
        (false, "td" | "th") => {
            if st.table.is_none() && st.in_table_block() {
                st.start_row(true);
            }
            if let Some(row) = st.table.as_mut() {
                if st.cell_count > 0 {
                    let kept = row.trim_end_matches(' ').len();
                    // Trim the cell just ended, never the separator before it.
                    if !row.ends_with(CELL_SEPARATOR) {
                        row.truncate(kept);
                    }
                    row.push_str(CELL_SEPARATOR);
                }
                st.cell_count += 1;
                st.row_th &= name == "th";
                let span = |a: &str| {
                    attr(tag, a)
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map_or(1, |v| v.clamp(1, MAX_SPAN as u64) as usize)
                };
                st.spans.push((span("colspan"), span("rowspan")));
            }
        }
        (false, "img") => {
            if let Some(alt) = attr(tag, "alt").filter(|a| !a.trim().is_empty()) {
                st.text(&format!("[image: {alt}]"));
            }
        }
        (false, s @ ("em" | "i" | "strong" | "b" | "code" | "a" | "s" | "del" | "strike")) => {
            let style = match s {
                "em" | "i" => InlineStyle::Emphasis,
                "strong" | "b" => InlineStyle::Strong,
                "code" => InlineStyle::Code,
                "a" => InlineStyle::Link {
                    url: attr(tag, "href").unwrap_or_default(),
                },
                _ => InlineStyle::Strike,
            };
            let at = st.blocks.cur.as_ref().map_or(0, |p| p.text.len());
            st.styles.push((name.clone(), style, at));
        }
        (true, "em" | "i" | "strong" | "b" | "code" | "a" | "s" | "del" | "strike") => {
            if let Some(k) = st.styles.iter().rposition(|(n, _, _)| *n == name) {
                let (_, style, start) = st.styles.remove(k);
                if let Some(p) = st.blocks.cur.as_mut() {
                    let end = p.text.len();
                    if start < end {
                        p.inlines.push((start..end, style));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Read the `<head>`: its `<title>` and `<meta>` tags, up to `</head>` or `<body>`.
fn read_head(st: &mut State, src: &str, i: &mut usize) {
    while *i < src.len() {
        let Some(lt) = src[*i..].find('<') else {
            *i = src.len();
            return;
        };
        let start = *i + lt;
        let end = match tag_end(src, start) {
            TagScan::Tag(end) => end,
            TagScan::NotTag => {
                *i = start + 1;
                continue;
            }
            TagScan::Unclosed(until) => {
                *i = until;
                continue;
            }
        };
        let tag = &src[start + 1..end];
        *i = end + 1;
        let (closing, name) = tag_name(tag);
        match (closing, name.as_str()) {
            (true, "head") => return,
            (false, "body") => return,
            (false, "meta") => meta(st, tag),
            (false, "title") => {
                let close = find_ci(&src[*i..], "</title").map_or(src.len(), |k| *i + k);
                st.title = Some(
                    collapse_ws(&decode_entities(&src[*i..close]))
                        .trim()
                        .to_string(),
                );
                *i = close;
            }
            (false, "script" | "style") => {
                let needle = format!("</{name}");
                *i = find_ci(&src[*i..], &needle).map_or(src.len(), |k| *i + k);
            }
            _ => {}
        }
    }
}

fn meta(st: &mut State, tag: &str) {
    let key = attr(tag, "name")
        .or_else(|| attr(tag, "property"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(content) = attr(tag, "content").filter(|c| !c.trim().is_empty()) else {
        return;
    };
    let m = &mut st.blocks.b.meta;
    match key.as_str() {
        "author" | "article:author" | "byl" => m.author = Some(content),
        "date" | "article:published_time" | "pubdate" | "dc.date" => m.date = Some(content),
        "og:site_name" | "publisher" => m.source = Some(content),
        "og:url" => m.url = Some(content),
        "og:title" if st.title.is_none() => st.title = Some(content),
        "keywords" | "news_keywords" => {
            m.tags = content
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        }
        _ => {}
    }
}

mod entities;
mod table;

pub use entities::decode_entities;
use table::*;

#[cfg(test)]
mod tests;
