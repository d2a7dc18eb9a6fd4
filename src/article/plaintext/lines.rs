//! Line-level work for plain-text ingestion: classifying each line (blank, rule, underline,
//! list item, text) and measuring the layout (hard-wrap column, blank-line paragraphs).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::text::is_cjk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
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
pub(super) struct Line<'a> {
    pub text: &'a str,
    pub indent: usize,
    pub kind: LineKind,
}

/// How the text is laid out: the hard-wrap column, if any, and whether paragraphs are separated
/// by blank lines (then a run of lines is one paragraph unless a line is clearly short).
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub wrap: Option<usize>,
    pub blank_separated: bool,
}

pub(super) fn indent_of(line: &str) -> (usize, &str) {
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

pub(super) fn classify(raw: &str) -> Line<'_> {
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

pub(super) fn rule_or_underline(t: &str) -> Option<LineKind> {
    let first = t.chars().next()?;
    if !matches!(first, '-' | '*' | '_' | '=' | '~' | '#') {
        return None;
    }
    let mut count = 0;
    for c in t.chars() {
        match c {
            ' ' => {}
            c if c == first => count += 1,
            _ => return None,
        }
    }
    if count < 3 {
        return None;
    }
    match first {
        '=' | '-' if !t.contains(' ') => Some(LineKind::Underline(first)),
        _ => Some(LineKind::Rule),
    }
}

/// A list marker at the start of `t`: returns the byte offset where the item text starts and
/// the ordinal for numbered items.
pub(super) fn list_marker(t: &str) -> Option<(usize, Option<u32>)> {
    let c0 = t.chars().next()?;
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
    // The Japanese middle dot needs no space after it.
    if c0 == '・' {
        let rest = t[c0.len_utf8()..].trim_start();
        return (!rest.is_empty()).then(|| (t.len() - rest.len(), None));
    }
    // "(a)" / "(1)" / "(ii)"
    if c0 == '(' {
        let close = t[..t.len().min(8)].find(')')?;
        let ord = ordinal_of(&t[1..close])?;
        return after(close + 1).map(|c| (c, Some(ord)));
    }
    // "12." "12)"
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let sep = t.as_bytes().get(digits)?;
        if matches!(sep, b'.' | b')') {
            let n: u32 = t[..digits].parse().ok()?;
            return after(digits + 1).map(|c| (c, Some(n)));
        }
        return None;
    }
    // "a)" "b." "A." "iv)" "II."
    let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    if (1..=6).contains(&letters) && matches!(t.as_bytes().get(letters), Some(b'.' | b')')) {
        let ord = ordinal_of(&t[..letters])?;
        return after(letters + 1).map(|c| (c, Some(ord)));
    }
    None
}

/// The number a list marker's label stands for: digits, one letter (`c` → 3), or a Roman
/// numeral of two letters or more (`iv` → 4; a single `i`, `v`, `x` is read as a letter here
/// and decided by its neighbours, see `markers`).
pub(super) fn ordinal_of(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (n < 1000).then_some(n);
    }
    let mut cs = s.chars();
    let c = cs.next()?;
    if cs.next().is_none() {
        return c
            .is_ascii_alphabetic()
            .then(|| (c.to_ascii_lowercase() as u32) - ('a' as u32) + 1);
    }
    super::markers::roman(s)
}

/// CJK ideographs, kana, hangul and their punctuation: scripts that wrap without spaces.
pub(super) fn is_wide_script(c: char) -> bool {
    is_cjk(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

pub(super) fn layout(lines: &[Line]) -> Layout {
    let mut blank_runs = 0;
    let mut texts = 0;
    for (i, l) in lines.iter().enumerate() {
        match l.kind {
            LineKind::Blank => {
                blank_runs += usize::from(i > 0 && lines[i - 1].kind != LineKind::Blank)
            }
            _ => texts += 1,
        }
    }
    let blank_separated = blank_runs >= 2 && blank_runs * 12 >= texts;
    let wrap =
        wrap_width(lines).or_else(|| blank_separated.then(|| run_wrap_width(lines)).flatten());
    Layout {
        wrap,
        blank_separated,
    }
}

pub(super) fn measured(l: &Line) -> bool {
    l.kind == LineKind::Text && (l.text.contains(' ') || l.text.chars().any(is_wide_script))
}

/// The column at which the text was hard-wrapped, if it was: many lines end close to one limit.
pub(super) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| measured(l))
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

/// For short blank-separated texts: the widest line that another text line follows directly,
/// when at least two such lines come close to it (they were wrapped, not ended) and no line is
/// much wider (then the text is not wrapped: a heading may sit right above its paragraph).
pub(super) fn run_wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widest = 0;
    let mut widths = Vec::new();
    for (i, l) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| measured(l))
        .take(4000)
    {
        let w = l.indent + l.text.width();
        widest = widest.max(w);
        if lines.get(i + 1).is_some_and(|n| n.kind == LineKind::Text) {
            widths.push(w);
        }
    }
    let max = widths
        .iter()
        .copied()
        .max()
        .filter(|&m| (30..=120).contains(&m))?;
    let near = widths.iter().filter(|&&w| w * 5 >= max * 4).count();
    (near >= 2 && widest <= max + 8).then_some(max)
}

/// Width of what would have to fit on the previous line: the first word, or one CJK char.
pub(super) fn first_unit_width(t: &str) -> usize {
    match t.chars().next() {
        Some(c) if is_wide_script(c) => c.width().unwrap_or(2),
        _ => t.split(' ').next().map_or(0, UnicodeWidthStr::width),
    }
}
