//! HTML ingestion in "reader mode". The page is parsed by html5ever (through `dom_query`), as a
//! browser would: every character reference, implied and misnested tags. The main content is
//! chosen and page chrome dropped (see [`dom`]); headings, paragraphs, lists, quotes, code, tables
//! and inline styling are kept. Metadata comes from `<title>`, `<meta>`, JSON-LD, `<time>` and
//! `<link rel=canonical>` (see [`meta`]).

use super::build::{Blocks, Builder};
use super::model::{
    Article, BlockKind, CELL_SEPARATOR, Format, InlineStyle, table_cell_text, table_cells,
};

/// Elements whose content is never article text, whatever the extraction.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "form", "button", "select", "iframe", "head",
    "textarea", "input", "object", "embed", "canvas", "dialog", "math", "title",
];

/// Page chrome: dropped in reader mode, kept when the page is read whole.
const CHROME: &[&str] = &["nav", "footer", "aside"];

struct State {
    blocks: Blocks,
    styles: Vec<(String, InlineStyle, usize)>,
    /// Open lists: next ordinal (None for bullets).
    lists: Vec<Option<u32>>,
    quote: usize,
    pre: usize,
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

impl State {
    fn new(size: usize) -> State {
        State {
            blocks: Blocks::new(Builder::new(Format::Html, size / 2)),
            styles: Vec::new(),
            lists: Vec::new(),
            quote: 0,
            pre: 0,
            table: None,
            cell_count: 0,
            row_th: false,
            thead: false,
            caption: false,
            spans: Vec::new(),
            carry: Vec::new(),
            nested: Vec::new(),
            span_budget: SPAN_BUDGET,
        }
    }
}

/// Parse an HTML article in reader mode: the main content only (see [`Extraction::Main`]).
pub fn parse(src: &str, fallback_title: &str) -> Article {
    parse_with(src, fallback_title, Extraction::Main)
}

/// One element's start (`closing == false`) or end, as the DOM walk meets it; `attr` reads the
/// element's attributes.
fn handle_tag(st: &mut State, closing: bool, name: &str, attr: &dyn Fn(&str) -> Option<String>) {
    let nested = !st.nested.is_empty()
        || (!closing && name == "table" && (st.in_table_block() || st.table.is_some()));
    if nested && nested_tag(st, closing, name) {
        return;
    }
    if st.table.is_some() && IN_CELL_BREAKS.contains(&name) {
        // Block markup inside a cell (`<td><p>…</p></td>`) separates words, not blocks.
        st.text(" ");
        return;
    }
    match (closing, name) {
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
            let start = attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
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
                marker: None,
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
                    attr(a)
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map_or(1, |v| v.clamp(1, MAX_SPAN as u64) as usize)
                };
                st.spans.push((span("colspan"), span("rowspan")));
            }
        }
        (false, "img") => {
            if let Some(alt) = attr("alt").filter(|a| !a.trim().is_empty()) {
                st.text(&format!("[image: {alt}]"));
            }
        }
        (false, s @ ("em" | "i" | "strong" | "b" | "code" | "a" | "s" | "del" | "strike")) => {
            let style = match s {
                "em" | "i" => InlineStyle::Emphasis,
                "strong" | "b" => InlineStyle::Strong,
                "code" => InlineStyle::Code,
                "a" => InlineStyle::Link {
                    url: attr("href").unwrap_or_default(),
                },
                _ => InlineStyle::Strike,
            };
            let at = st.blocks.cur.as_ref().map_or(0, |p| p.text.len());
            st.styles.push((name.to_string(), style, at));
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

mod dense;
mod dom;
mod meta;
mod nesting;
mod table;

pub use dom::{Extraction, parse_with};
use table::*;

#[cfg(test)]
mod tests;
