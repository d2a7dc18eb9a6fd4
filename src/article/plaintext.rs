//! Plain-text ingestion that recovers structure: unmarked, numbered, ALL-CAPS, underlined and
//! question headings; bulleted and numbered lists nested by indentation; hard-wrapped paragraphs.
//!
//! The rules are heuristics, tested on many shapes in `tests/fixtures/plain/`.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use super::build::Builder;
use super::frontmatter;
use super::model::{Article, BlockKind, Format};
use super::text::is_cjk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// `===` or `---` (the char), possibly an underline.
    Underline(char),
    /// `***`, `* * *`, `___`.
    Rule,
    /// A list item; `content` is the byte offset where its text starts.
    Item {
        content: usize,
        ordinal: Option<u32>,
    },
    Text,
}

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
    kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChunkKind {
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
struct Chunk<'a> {
    kind: ChunkKind,
    lines: Vec<&'a str>,
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
    let wrap = wrap_width(&lines);
    let chunks = chunk(&lines, wrap);

    let mut b = Builder::new(Format::Plain, body.len() + body.len() / 16);
    b.meta = meta;
    b.warnings.extend(warning);
    let kinds = resolve_headings(&chunks);
    let mut indents: Vec<usize> = Vec::new();
    let mut first_is_heading = None;
    for (i, (c, kind)) in chunks.iter().zip(&kinds).enumerate() {
        let text = join_lines(&c.lines);
        match *kind {
            Resolved::Heading(level) => {
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
                    indents.clear();
                }
                while indents.last().is_some_and(|&t| t > indent) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    indents.push(indent);
                }
                let depth = (indents.len() - 1).min(u8::MAX as usize) as u8;
                b.push(
                    BlockKind::ListItem {
                        depth,
                        ordinal,
                        list: 0,
                        task: None,
                    },
                    &text,
                    &[],
                );
            }
        }
    }
    if b.meta.title.trim().is_empty() {
        if let Some(t) = first_is_heading {
            b.meta.title = t;
        }
    }
    b.finish(fallback_title)
}

fn indent_of(line: &str) -> (usize, &str) {
    let mut cols = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => cols += 1,
            '\t' => cols += 4 - cols % 4,
            '\u{a0}' | '\u{3000}' => cols += 1,
            _ => return (cols, &line[i..]),
        }
    }
    (cols, "")
}

fn classify(raw: &str) -> Line<'_> {
    let raw = raw.trim_end();
    let (indent, text) = indent_of(raw);
    let kind = if text.is_empty() {
        LineKind::Blank
    } else if let Some(k) = rule_or_underline(text) {
        k
    } else if let Some((content, ordinal)) = list_marker(text) {
        LineKind::Item { content, ordinal }
    } else {
        LineKind::Text
    };
    Line { text, indent, kind }
}

fn rule_or_underline(t: &str) -> Option<LineKind> {
    let first = t.chars().next()?;
    let squeezed: String = t.chars().filter(|c| *c != ' ').collect();
    if squeezed.chars().count() < 3 || !squeezed.chars().all(|c| c == first) {
        return None;
    }
    match first {
        '=' | '-' if !t.contains(' ') => Some(LineKind::Underline(first)),
        '-' | '*' | '_' | '=' | '~' | '#' => Some(LineKind::Rule),
        _ => None,
    }
}

/// A list marker at the start of `t`: returns the byte offset where the item text starts and
/// the ordinal for numbered items.
fn list_marker(t: &str) -> Option<(usize, Option<u32>)> {
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    let after = |at: usize| -> Option<usize> {
        let rest = &t[at..];
        let trimmed = rest.trim_start();
        (trimmed.len() < rest.len() && !trimmed.is_empty()).then(|| at + rest.len() - trimmed.len())
    };
    if matches!(
        c0,
        '-' | '*' | '+' | '•' | '·' | '◦' | '▪' | '‣' | '–' | '○' | '●' | '■'
    ) {
        return after(c0.len_utf8()).map(|c| (c, None));
    }
    // "(a)" / "(1)"
    if c0 == '(' {
        let close = t.find(')')?;
        let inner = &t[1..close];
        let ord = ordinal_of(inner)?;
        return after(close + 1).map(|c| (c, Some(ord)));
    }
    // "12." "12)" "a)" "b."
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let sep = t.as_bytes().get(digits)?;
        if matches!(sep, b'.' | b')') {
            let n: u32 = t[..digits].parse().ok()?;
            return after(digits + 1).map(|c| (c, Some(n)));
        }
        return None;
    }
    if c0.is_ascii_lowercase() || c0.is_ascii_uppercase() {
        let sep = t.as_bytes().get(1)?;
        let ok = *sep == b')' || (*sep == b'.' && c0.is_ascii_lowercase());
        if ok {
            return after(2).map(|c| (c, ordinal_of(&t[..1])));
        }
    }
    None
}

fn ordinal_of(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (n < 1000).then_some(n);
    }
    let mut cs = s.chars();
    let c = cs.next()?;
    (cs.next().is_none() && c.is_ascii_alphabetic())
        .then(|| (c.to_ascii_lowercase() as u32) - ('a' as u32) + 1)
}

/// The column at which the text was hard-wrapped, if it was.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Text && l.text.contains(' '))
        .take(4000)
        .map(|l| l.indent + l.text.width())
        .collect();
    if widths.len() < 3 {
        return None;
    }
    widths.sort_unstable();
    let p90 = widths[widths.len() * 9 / 10];
    if p90 > 120 {
        return None;
    }
    let near = widths.iter().filter(|&&w| w * 4 >= p90 * 3).count();
    if near * 5 < widths.len() * 2 {
        return None;
    }
    // The true limit: the longest line not far above the 90th percentile.
    widths.into_iter().filter(|&w| w <= p90 + 8).max()
}

fn first_word_width(t: &str) -> usize {
    t.split(' ').next().map_or(0, UnicodeWidthStr::width)
}

fn ends_terminal(t: &str) -> bool {
    t.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')' | '。' | '！' | '？'
        )
    })
}

/// Does `next` continue the line `prev` (a hard wrap rather than a new paragraph)?
fn continues(prev: &Line, next: &Line, wrap: Option<usize>) -> bool {
    if let Some(w) = wrap {
        let prev_w = prev.indent + prev.text.width();
        if prev_w + 1 + first_word_width(next.text) + 1 >= w {
            return true;
        }
    }
    // A line cut mid-sentence followed by a lowercase start continues it.
    !ends_terminal(prev.text) && next.text.chars().next().is_some_and(char::is_lowercase)
}

fn chunk<'a>(lines: &[Line<'a>], wrap: Option<usize>) -> Vec<Chunk<'a>> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut open = false; // is the last chunk still accepting lines?
    let mut blank_before = true;
    let mut prev_line: Option<&Line> = None;
    for line in lines {
        match line.kind {
            LineKind::Blank => {
                open = false;
                blank_before = true;
                prev_line = None;
                continue;
            }
            LineKind::Underline(ch) => {
                // Underlines a single-line text chunk right above it.
                if let (true, Some(last)) = (open, chunks.last_mut()) {
                    if last.kind == ChunkKind::Text && last.lines.len() == 1 {
                        last.kind = ChunkKind::Heading(if ch == '=' { 1 } else { 2 });
                        open = false;
                        prev_line = None;
                        continue;
                    }
                }
                chunks.push(Chunk {
                    kind: ChunkKind::Rule,
                    lines: vec![],
                });
                open = false;
            }
            LineKind::Rule => {
                chunks.push(Chunk {
                    kind: ChunkKind::Rule,
                    lines: vec![],
                });
                open = false;
            }
            LineKind::Item { content, ordinal } => {
                let content_col = line.indent + line.text[..content].width();
                chunks.push(Chunk {
                    kind: ChunkKind::Item {
                        indent: line.indent,
                        ordinal,
                        content_col,
                    },
                    lines: vec![&line.text[content..]],
                });
                open = true;
            }
            LineKind::Text => {
                let joined = match (open, chunks.last_mut(), prev_line) {
                    (true, Some(last), Some(prev)) => {
                        let join = match last.kind {
                            ChunkKind::Item {
                                indent,
                                content_col,
                                ..
                            } => {
                                line.indent > indent
                                    || line.indent >= content_col
                                    || continues(prev, line, wrap)
                            }
                            ChunkKind::Text => continues(prev, line, wrap),
                            _ => false,
                        };
                        if join {
                            last.lines.push(line.text);
                        }
                        join
                    }
                    (false, Some(last), None) if !chunks_is_list_end(last, line, blank_before) => {
                        // An indented paragraph after a blank line inside a list item.
                        last.lines.push(line.text);
                        true
                    }
                    _ => false,
                };
                if !joined {
                    chunks.push(Chunk {
                        kind: ChunkKind::Text,
                        lines: vec![line.text],
                    });
                }
                open = true;
            }
        }
        blank_before = false;
        prev_line = Some(line);
    }
    chunks
}

/// After a blank line, does this text line end the list item above (true), or continue it as an
/// indented paragraph of the item (false)?
fn chunks_is_list_end(last: &Chunk, line: &Line, blank_before: bool) -> bool {
    match last.kind {
        ChunkKind::Item { content_col, .. } => {
            !(blank_before && line.indent >= content_col && content_col > 0)
        }
        _ => true,
    }
}

fn join_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        let l = l.trim();
        if out.is_empty() {
            out.push_str(l);
            continue;
        }
        let prev_last = out.chars().last().unwrap_or(' ');
        let next_first = l.chars().next().unwrap_or(' ');
        if is_cjk(prev_last) && is_cjk(next_first) {
            // CJK text wraps without spaces.
        } else if prev_last == '-'
            && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
            && next_first.is_lowercase()
        {
            // "trade-\nrelated": keep the hyphen, no space.
        } else {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Heading(u8),
    Paragraph,
    Item { indent: usize, ordinal: Option<u32> },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingStyle {
    Caps,
    Plain,
}

/// Decide which chunks are headings.
fn resolve_headings(chunks: &[Chunk]) -> Vec<Resolved> {
    let mut out: Vec<Resolved> = Vec::with_capacity(chunks.len());
    let mut styles: Vec<Option<HeadingStyle>> = vec![None; chunks.len()];
    for (i, c) in chunks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &chunks[p]);
        let next = chunks.get(i + 1);
        let r = match c.kind {
            ChunkKind::Heading(l) => Resolved::Heading(l),
            ChunkKind::Rule => Resolved::Rule,
            ChunkKind::Item {
                indent, ordinal, ..
            } => match numbered_heading_level(c, prev, next) {
                Some(level) => Resolved::Heading(level),
                None => Resolved::Item { indent, ordinal },
            },
            ChunkKind::Text => match heading_style(c, next) {
                Some(style) => match numbered_prefix_level(c.lines[0]) {
                    Some(level) => Resolved::Heading(level),
                    None => {
                        styles[i] = Some(style);
                        Resolved::Heading(1)
                    }
                },
                None => Resolved::Paragraph,
            },
        };
        out.push(r);
    }
    // Where ALL-CAPS and plain headings mix, the capitals are the outer level.
    if styles.contains(&Some(HeadingStyle::Caps)) && styles.contains(&Some(HeadingStyle::Plain)) {
        for (r, s) in out.iter_mut().zip(&styles) {
            if *s == Some(HeadingStyle::Plain) {
                *r = Resolved::Heading(2);
            }
        }
    }
    out
}

const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "by", "at",
    "from", "as", "that", "which", "is", "are", "was", "were", "its", "their", "our",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Is this single line shaped like a heading (ignoring what surrounds it)?
fn heading_shaped(t: &str) -> bool {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 || t.width() > 100 {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || is_cjk(first)) {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '.' | ',' | ';' | ':' | '!' | '"' | '”' | '’' | '\'' | '-' | '–' | '—' | '…' | '。' | '、'
    ) {
        return false;
    }
    // Two sentences on one line are a paragraph.
    if t.contains(". ") && !t.contains("U.S. ") {
        return false;
    }
    let last_word = words[words.len() - 1].to_lowercase();
    if words.len() > 1 && TRAILING_FUNCTION_WORDS.contains(&last_word.as_str()) {
        return false;
    }
    // Bylines and datelines are not headings.
    let lower = t.to_lowercase();
    if lower.starts_with("by ") || lower.starts_with("posted ") || lower.starts_with("updated ") {
        return false;
    }
    let has_year = words.iter().any(|w| {
        let d: String = w.chars().filter(char::is_ascii_digit).collect();
        d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))
    });
    if has_year && MONTHS.iter().any(|m| lower.contains(m)) {
        return false;
    }
    true
}

fn is_paragraph_like(c: &Chunk) -> bool {
    match c.kind {
        ChunkKind::Text => {
            c.lines.len() > 1 || ends_terminal(c.lines[0]) || c.lines[0].width() > 100
        }
        ChunkKind::Item { .. } => true,
        _ => false,
    }
}

/// Is this text chunk a heading, and of which style?
fn heading_style(c: &Chunk, next: Option<&Chunk>) -> Option<HeadingStyle> {
    if c.lines.len() != 1 {
        return None;
    }
    let t = c.lines[0].trim();
    let next = next?;
    // A heading introduces content: a paragraph, a list, or a heading of its own section.
    let introduces = is_paragraph_like(next)
        || matches!(next.kind, ChunkKind::Heading(_))
        || next.kind == ChunkKind::Text
            && next.lines.len() == 1
            && next.lines[0].width() > t.width() + 20;
    if !introduces {
        return None;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if t.ends_with('?') {
        // Question headings: short, followed by a longer paragraph.
        let body = &t[..t.len() - 1];
        let short = t.split_whitespace().count() <= 10;
        return (short && heading_shaped(body) && is_paragraph_like(next))
            .then_some(HeadingStyle::Plain);
    }
    if !heading_shaped(t) {
        return None;
    }
    Some(if caps {
        HeadingStyle::Caps
    } else {
        HeadingStyle::Plain
    })
}

/// "2. Background" or "2.1 Scope" standing alone between paragraphs is a numbered heading.
fn numbered_heading_level(c: &Chunk, prev: Option<&Chunk>, next: Option<&Chunk>) -> Option<u8> {
    let ChunkKind::Item {
        indent: 0,
        ordinal: Some(_),
        ..
    } = c.kind
    else {
        return None;
    };
    if c.lines.len() != 1 {
        return None;
    }
    let is_item = |o: Option<&Chunk>| o.is_some_and(|x| matches!(x.kind, ChunkKind::Item { .. }));
    if is_item(prev) || is_item(next) || !next.is_some_and(is_paragraph_like) {
        return None;
    }
    let t = c.lines[0];
    heading_shaped(t).then_some(1)
}

/// The level of a multi-level numbered heading ("2.1 Scope" → 2, "3.2.1. Detail" → 3); the
/// list-marker rule leaves these as text lines.
fn numbered_prefix_level(t: &str) -> Option<u8> {
    let prefix: &str = t.split_whitespace().next()?;
    let p = prefix.trim_end_matches('.');
    let parts: Vec<&str> = p.split('.').collect();
    if parts.len() < 2
        || !parts
            .iter()
            .all(|x| !x.is_empty() && x.len() <= 3 && x.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(parts.len().min(6) as u8)
}
