//! Plain-text ingestion that recovers structure: unmarked, numbered, ALL-CAPS, underlined and
//! question headings; bulleted and numbered lists nested by indentation; hard-wrapped paragraphs
//! (Latin and CJK); letters with sign-offs.
//!
//! The rules are heuristics, tested on many shapes in `tests/fixtures/plain/`. Everything is
//! linear in the input: lines are classified once, grouped into chunks once, and each chunk is
//! resolved by looking only at its neighbours.

use std::borrow::Cow;

mod headings;
mod lines;
use headings::{Resolved, heading_shaped, numbered_prefix_level, resolve_headings};
mod markers;

use unicode_width::UnicodeWidthStr;

use super::build::Builder;
use super::frontmatter;
use super::model::{Article, BlockKind, Format};
use super::text::atx_heading;
use lines::{Layout, Line, LineKind, classify, first_unit_width, is_wide_script, layout};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChunkKind {
    Text,
    Item {
        indent: usize,
        ordinal: Option<u32>,
        content_col: usize,
    },
    Rule,
    /// A heading found while chunking (underlined).
    Heading(u8),
}

#[derive(Debug)]
pub(super) struct Chunk<'a> {
    kind: ChunkKind,
    lines: Vec<&'a str>,
    /// The list marker of an item chunk (`2.`), kept for numbered headings.
    marker: &'a str,
    /// Was there a blank line (or the start of the text) right before this chunk?
    blank_before: bool,
}

/// Parse a plain-text article.
pub fn parse(src: &str, fallback_title: &str) -> Article {
    let (meta, body, warning) = frontmatter::split(src);
    let body: Cow<str> = if body.contains('\r') {
        Cow::Owned(body.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(body)
    };
    let lines: Vec<Line> = body.split('\n').map(classify).collect();
    let layout = layout(&lines);
    let mut chunks = chunk(&lines, layout);
    atx_title(&mut chunks);

    let mut b = Builder::new(Format::Plain, body.len() + body.len() / 16);
    b.meta = meta;
    b.warnings.extend(warning);
    let kinds = resolve_headings(&chunks);
    let mut nesting = markers::Nesting::default();
    let mut first_is_heading = None;
    for (i, (c, kind)) in chunks.iter().zip(&kinds).enumerate() {
        let mut text = join_lines(&c.lines);
        match *kind {
            Resolved::Heading(level) => {
                if !c.marker.is_empty() {
                    // A numbered heading keeps its number: "2. Background".
                    text = format!("{} {text}", c.marker.trim());
                }
                if i == 0 {
                    first_is_heading = Some(text.trim().to_string());
                }
                b.push(BlockKind::Heading { level }, &text, &[]);
            }
            Resolved::Rule => b.push(BlockKind::Rule, "* * *", &[]),
            Resolved::Paragraph => b.push(BlockKind::Paragraph, &text, &[]),
            Resolved::Item { indent, ordinal } => {
                let prev_is_item = i > 0 && matches!(kinds[i - 1], Resolved::Item { .. });
                if !prev_is_item {
                    nesting.clear();
                }
                let (depth, n) = nesting.place(indent, c.marker);
                let depth = depth.min(u8::MAX as usize) as u8;
                // Numbered items keep their marker as written: memos cite "(a)(ii)".
                let kind = BlockKind::ListItem {
                    depth,
                    ordinal: ordinal.map(|_| n),
                    list: 0,
                    task: None,
                    marker: ordinal.map(|_| c.marker.trim().to_string()),
                };
                b.push(kind, &text, &[]);
            }
        }
    }
    if b.meta.title.trim().is_empty()
        && let Some(t) = first_is_heading
    {
        b.meta.title = t;
    }
    b.finish(fallback_title)
}

/// A first line `# Title` is a heading even in plain text: Markdown written to a `.txt` file.
/// Only the first line, standing alone: elsewhere `#` lines are left as they are.
fn atx_title(chunks: &mut [Chunk]) {
    if let Some(c) = chunks.first_mut()
        && c.kind == ChunkKind::Text
        && let [line] = c.lines[..]
        && let Some((level, text)) = atx_heading(line)
        && !wider_than(text, 100)
    {
        c.kind = ChunkKind::Heading(level);
        c.lines[0] = text;
    }
}

/// Is `t` wider than `n` columns? Stops counting past `n`, so long paragraphs cost O(n).
pub(super) fn wider_than(t: &str, n: usize) -> bool {
    if t.len() <= n {
        return false; // a display width never exceeds the byte length
    }
    let mut w = 0;
    for c in t.chars() {
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > n {
            return true;
        }
    }
    false
}

pub(super) fn ends_terminal(t: &str) -> bool {
    t.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')' | '。' | '！' | '？' | '：'
        )
    })
}

/// Does `next` continue the line `prev` (a hard wrap rather than a new paragraph)?
/// `first` tells that `prev` is the first line of its chunk.
fn continues(prev: &Line, next: &Line, layout: Layout, first: bool) -> bool {
    if let Some(w) = layout.wrap {
        let prev_w = prev.indent + prev.text.width();
        let need = prev_w + 1 + first_unit_width(next.text);
        // The next word would not have fitted: a wrap. In blank-separated text, any line that
        // is not clearly short was wrapped (ragged right margins), unless it is a heading-shaped
        // first line right above a capitalised one.
        let ragged = layout.blank_separated
            && need * 3 > w * 2
            && !(first
                && heading_shaped(prev.text)
                && next.text.chars().next().is_some_and(|c| !c.is_lowercase()));
        if prev_w <= w + 8 && (need > w || ragged) {
            return true;
        }
    }
    // A line cut mid-sentence followed by a lowercase start continues it.
    !ends_terminal(prev.text) && next.text.chars().next().is_some_and(char::is_lowercase)
}

fn chunk<'a>(lines: &[Line<'a>], layout: Layout) -> Vec<Chunk<'a>> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut open = false; // is the last chunk still accepting lines?
    let mut blank_before = true;
    let mut prev_line: Option<&Line> = None;
    let new = |kind, lines, blank_before| Chunk {
        kind,
        lines,
        marker: "",
        blank_before,
    };
    for line in lines {
        // "J. Smith" at the start of a wrapped line is not an item "J.".
        let kind = match line.kind {
            LineKind::Item { content, .. }
                if open
                    && markers::initial_like(&line.text[..content])
                    && chunks.last().is_some_and(|c| c.kind == ChunkKind::Text)
                    && prev_line.is_some_and(|p| !ends_terminal(p.text)) =>
            {
                LineKind::Text
            }
            k => k,
        };
        match kind {
            LineKind::Blank => {
                open = false;
                blank_before = true;
                prev_line = None;
                continue;
            }
            LineKind::Underline(ch) => {
                // Underlines a single-line text chunk right above it.
                match (open, chunks.last_mut()) {
                    (true, Some(last)) if last.kind == ChunkKind::Text && last.lines.len() == 1 => {
                        last.kind = ChunkKind::Heading(if ch == '=' { 1 } else { 2 });
                    }
                    _ => chunks.push(new(ChunkKind::Rule, vec![], blank_before)),
                }
                open = false;
            }
            LineKind::Rule => {
                chunks.push(new(ChunkKind::Rule, vec![], blank_before));
                open = false;
            }
            LineKind::Item { content, ordinal } => {
                let content_col = line.indent + line.text[..content].width();
                let kind = ChunkKind::Item {
                    indent: line.indent,
                    ordinal,
                    content_col,
                };
                let mut c = new(kind, vec![&line.text[content..]], blank_before);
                c.marker = &line.text[..content];
                chunks.push(c);
                open = true;
            }
            LineKind::Text => {
                // "2.1 Phase one" after a finished sentence starts a heading, blank line or not.
                let numbered_heading = prev_line.is_some_and(|p| ends_terminal(p.text))
                    && numbered_prefix_level(line.text).is_some()
                    && heading_shaped(line.text);
                let joined = match (open, chunks.last_mut(), prev_line) {
                    _ if numbered_heading => false,
                    (true, Some(last), Some(prev)) => {
                        let join = match last.kind {
                            ChunkKind::Item {
                                indent,
                                content_col,
                                ..
                            } => {
                                line.indent > indent
                                    || line.indent >= content_col
                                    || continues(prev, line, layout, false)
                            }
                            ChunkKind::Text => continues(prev, line, layout, last.lines.len() == 1),
                            _ => false,
                        };
                        if join {
                            last.lines.push(line.text);
                        }
                        join
                    }
                    (false, Some(last), None) if item_goes_on(last, line, blank_before) => {
                        // An indented paragraph after a blank line inside a list item.
                        last.lines.push(line.text);
                        true
                    }
                    _ => false,
                };
                if !joined {
                    chunks.push(new(ChunkKind::Text, vec![line.text], blank_before));
                }
                open = true;
            }
        }
        blank_before = false;
        prev_line = Some(line);
    }
    chunks
}

/// After a blank line, does this text line go on with the list item above, as an indented
/// paragraph of the item?
fn item_goes_on(last: &Chunk, line: &Line, blank_before: bool) -> bool {
    match last.kind {
        ChunkKind::Item { content_col, .. } => {
            blank_before && line.indent >= content_col && content_col > 0
        }
        _ => false,
    }
}

fn join_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    let mut prev_line = "";
    for l in lines {
        let l = l.trim();
        if out.is_empty() {
            out.push_str(l);
            prev_line = l;
            continue;
        }
        let prev_last = out.chars().last().unwrap_or(' ');
        let next_first = l.chars().next().unwrap_or(' ');
        let (wide_prev, wide_next) = (is_wide_script(prev_last), is_wide_script(next_first));
        if wide_prev && wide_next || (wide_prev || wide_next) && !prev_line.contains(' ') {
            // CJK text wraps without spaces, also next to a Latin word inside CJK text.
        } else if prev_last == '-'
            && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
            && next_first.is_lowercase()
        {
            // "trade-\nrelated": keep the hyphen, no space.
        } else {
            out.push(' ');
        }
        out.push_str(l);
        prev_line = l;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Not a fixture: without its extension this text is Markdown, and every fixture must be
    // detected as plain text.
    #[test]
    fn leading_hash_line_is_the_title() {
        let a = parse(
            "# Port Fees Rise Again\n\nHarbour dues will rise by six percent in January.\n",
            "fallback",
        );
        assert_eq!(a.meta.title, "Port Fees Rise Again");
        assert_eq!(a.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(&a.text[a.blocks[0].range.clone()], "Port Fees Rise Again");
        // Further down, a `#` line is left as written.
        let a = parse("Dues rise.\n\n# Port Fees\n\nMore.\n", "fallback");
        assert_eq!(a.blocks[1].kind, BlockKind::Paragraph);
    }
}
