//! Which chunks of a plain-text article are headings: heading-shaped lines (short, no closing
//! punctuation, capitalised), memo numbering (`2.`, `2.1`, `II.`), underlined and all-caps
//! styles, pairs of short lines, and sign-offs that are not headings.

use unicode_width::UnicodeWidthStr;

use super::super::text::is_cjk;
use super::{Chunk, ChunkKind, ends_terminal, markers, wider_than};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolved {
    Heading(u8),
    Paragraph,
    Item { indent: usize, ordinal: Option<u32> },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadingStyle {
    Caps,
    Plain,
}

/// Sign-off phrases, `|`-separated.
pub(super) const SIGN_OFFS: &str = "sincerely|yours sincerely|sincerely yours|yours faithfully|yours truly|\
    respectfully|respectfully yours|regards|best regards|kind regards|warm regards|\
    warmest regards|with best regards|best wishes|with thanks|many thanks|thanks|thank you|\
    cheers|best";

/// "Sincerely," / "Best regards": what follows is a signature, never a heading.
pub(super) fn is_sign_off(c: &Chunk) -> bool {
    if c.kind != ChunkKind::Text || c.lines.len() != 1 || c.lines[0].len() > 24 {
        return false;
    }
    let t = c.lines[0]
        .trim()
        .trim_end_matches([',', '.', '!'])
        .to_lowercase();
    SIGN_OFFS.split('|').any(|x| x.trim() == t)
}

/// Decide which chunks are headings.
pub(super) fn resolve_headings(chunks: &[Chunk]) -> Vec<Resolved> {
    let n = chunks.len();
    let mut out: Vec<Resolved> = Vec::with_capacity(n);
    // Items and numbered headings, in order: a numbered heading may follow a list when its
    // number continues the numbered headings before it.
    let mut last_number = None;
    for (i, c) in chunks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &chunks[p]);
        out.push(match c.kind {
            ChunkKind::Heading(l) => Resolved::Heading(l),
            ChunkKind::Rule => Resolved::Rule,
            ChunkKind::Text => Resolved::Paragraph,
            ChunkKind::Item {
                indent, ordinal, ..
            } => match numbered_heading(c, prev, chunks.get(i + 1), last_number) {
                true => {
                    last_number = ordinal;
                    Resolved::Heading(1)
                }
                false => Resolved::Item { indent, ordinal },
            },
        });
    }
    // Text headings, backwards: a heading may introduce a subheading of a lesser style.
    let sign_off = chunks
        .iter()
        .enumerate()
        .skip(n.saturating_sub(8))
        .find(|(_, c)| is_sign_off(c))
        .map_or(n, |(i, _)| i);
    let mut styles: Vec<Option<HeadingStyle>> = vec![None; n];
    for i in (0..sign_off).rev() {
        let c = &chunks[i];
        if c.kind != ChunkKind::Text {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| &chunks[p]);
        let next_style = styles.get(i + 1).copied().flatten();
        if let Some(style) = heading_style(c, prev, chunks.get(i + 1), next_style) {
            out[i] = Resolved::Heading(numbered_prefix_level(c.lines[0]).unwrap_or(1));
            if numbered_prefix_level(c.lines[0]).is_none() {
                styles[i] = Some(style);
            }
        }
    }
    resolve_heading_pairs(chunks, sign_off, &mut out, &mut styles);
    memo_headings(chunks, &mut out);
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

/// Memo numbering, backwards: a numbered line (`2. BACKGROUND`, `II. SCOPE`, `2.1 Phase one`)
/// right above a heading is a heading too, unless it continues a list of its family. Then the
/// levels of all numbered headings: `2.` 1, `2.1` 2, `2.1.3` 3; `II.` and `A.` by the order in
/// which their families first appear.
pub(super) fn memo_headings(chunks: &[Chunk], out: &mut [Resolved]) {
    let is_heading = |r: &Resolved| matches!(r, Resolved::Heading(_));
    for i in (0..chunks.len()).rev() {
        let c = &chunks[i];
        if is_heading(&out[i]) || c.lines.len() != 1 || !out.get(i + 1).is_some_and(is_heading) {
            continue;
        }
        let numbered = match c.kind {
            ChunkKind::Item { indent: 0, .. } => {
                markers::heading_marker(c.marker)
                    && !(i > 0
                        && matches!(out[i - 1], Resolved::Item { .. })
                        && chunks[i - 1].marker.trim().ends_with('.'))
            }
            ChunkKind::Text => numbered_prefix_level(c.lines[0]).is_some(),
            _ => false,
        };
        if numbered && heading_shaped(c.lines[0]) {
            out[i] = Resolved::Heading(1);
        }
    }
    let number = |c: &Chunk| -> Option<String> {
        match c.kind {
            ChunkKind::Item { .. } if markers::heading_marker(c.marker) => {
                Some(c.marker.trim().to_string())
            }
            ChunkKind::Text => numbered_prefix_level(c.lines[0])
                .and_then(|_| c.lines[0].split_whitespace().next().map(str::to_string)),
            _ => None,
        }
    };
    let mut levels = markers::HeadingLevels::default();
    let numbers: Vec<Option<String>> = chunks
        .iter()
        .zip(out.iter())
        .map(|(c, r)| if is_heading(r) { number(c) } else { None })
        .collect();
    for n in numbers.iter().flatten() {
        levels.see(n);
    }
    for (r, n) in out.iter_mut().zip(&numbers) {
        if let Some(level) = n.as_deref().and_then(|n| levels.level(n)) {
            *r = Resolved::Heading(level);
        }
    }
}

/// Two heading-shaped lines opening a block, right above its prose: a title and the first
/// section's heading ("Trade Brief" / "Section 1: Scope" / paragraph). Each fails the rules
/// for one line (the first introduces no prose, the second is one of a block of short lines),
/// so they are decided together. Only where the text has headings elsewhere: two short lines
/// above a paragraph are as often a letterhead or an address.
pub(super) fn resolve_heading_pairs(
    chunks: &[Chunk],
    end: usize,
    out: &mut [Resolved],
    styles: &mut [Option<HeadingStyle>],
) {
    let pairs: Vec<usize> = (0..end.saturating_sub(2))
        .filter(|&i| heading_pair(&chunks[i..i + 3]))
        .collect();
    let is_heading = |r: &Resolved| matches!(r, Resolved::Heading(_));
    // Pairs never overlap: a pair starts after a blank line and its other two chunks do not.
    let in_pairs = pairs
        .iter()
        .flat_map(|&i| &out[i..i + 2])
        .filter(|r| is_heading(r))
        .count();
    if out.iter().filter(|r| is_heading(r)).count() == in_pairs {
        return;
    }
    for i in pairs.into_iter().flat_map(|i| [i, i + 1]) {
        let t = chunks[i].lines[0];
        out[i] = Resolved::Heading(numbered_prefix_level(t).unwrap_or(1));
        if numbered_prefix_level(t).is_none() {
            styles[i] = Some(if is_caps(t) {
                HeadingStyle::Caps
            } else {
                HeadingStyle::Plain
            });
        }
    }
}

/// Are `w[0]` and `w[1]` single heading-shaped lines opening a block, with `w[2]` the prose
/// right below them?
pub(super) fn heading_pair(w: &[Chunk]) -> bool {
    let [a, b, prose] = w else {
        return false;
    };
    let single = |c: &Chunk| c.kind == ChunkKind::Text && c.lines.len() == 1;
    single(a)
        && single(b)
        && a.blank_before
        && !b.blank_before
        && !prose.blank_before
        && is_paragraph_like(prose)
        && heading_shaped(a.lines[0])
        && heading_shaped(b.lines[0])
}

pub(super) const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "by", "at",
    "from", "as", "that", "which", "is", "are", "was", "were", "its", "their", "our",
];

pub(super) const MONTHS: &[&str] = &[
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
pub(super) fn heading_shaped(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.len() > 400 || wider_than(t, 100) {
        return false;
    }
    let words = t.split_whitespace().count();
    let first = t.chars().next().unwrap_or(' ');
    let last = t.chars().last().unwrap_or(' ');
    if words > 16
        || !(first.is_uppercase() || first.is_ascii_digit() || is_cjk(first))
        || matches!(
            last,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '"'
                | '”'
                | '’'
                | '\''
                | '-'
                | '–'
                | '—'
                | '…'
                | '。'
                | '、'
        )
    {
        return false;
    }
    // Two sentences on one line are a paragraph.
    if t.contains(". ") && !t.contains("U.S. ") {
        return false;
    }
    let lower = t.to_lowercase();
    let last_word = lower.rsplit(' ').next().unwrap_or("");
    if words > 1 && TRAILING_FUNCTION_WORDS.contains(&last_word) {
        return false;
    }
    // Bylines and datelines are not headings.
    if lower.starts_with("by ") || lower.starts_with("posted ") || lower.starts_with("updated ") {
        return false;
    }
    let has_year = t.split_whitespace().any(|w| {
        let d: String = w.chars().filter(char::is_ascii_digit).collect();
        d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))
    });
    !(has_year && MONTHS.iter().any(|m| lower.contains(m)))
}

pub(super) fn is_paragraph_like(c: &Chunk) -> bool {
    match c.kind {
        ChunkKind::Text => {
            c.lines.len() > 1 || ends_terminal(c.lines[0]) || wider_than(c.lines[0], 100)
        }
        ChunkKind::Item { .. } => true,
        _ => false,
    }
}

pub(super) fn is_caps(t: &str) -> bool {
    let mut letters = t.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

/// Is this text chunk a heading, and of which style? `next_style` is the style of the next
/// chunk when it was found to be a heading.
pub(super) fn heading_style(
    c: &Chunk,
    prev: Option<&Chunk>,
    next: Option<&Chunk>,
    next_style: Option<HeadingStyle>,
) -> Option<HeadingStyle> {
    if c.lines.len() != 1 {
        return None;
    }
    let t = c.lines[0].trim();
    let next = next?;
    // Long lines are never headings (`heading_shaped` says so too); deciding it first keeps the
    // checks below cheap on paragraphs.
    if t.len() > 400 || wider_than(t, 100) {
        return None;
    }
    let caps = is_caps(t);
    // A heading introduces content: a paragraph, a list, a subheading of a lesser style, or a
    // much longer line.
    let introduces = is_paragraph_like(next)
        || matches!(next.kind, ChunkKind::Heading(_))
        || caps && next_style == Some(HeadingStyle::Plain)
        || next.kind == ChunkKind::Text
            && next.lines.len() == 1
            && wider_than(next.lines[0], t.width() + 20);
    if !introduces {
        return None;
    }
    // One of a block of short lines (dates, addresses, key: value lines) is not a heading,
    // unless it follows a heading of a greater style.
    if let Some(p) = prev.filter(|p| !c.blank_before && p.kind == ChunkKind::Text)
        && !is_paragraph_like(p)
        && (caps || !is_caps(p.lines[0]))
    {
        return None;
    }
    if let Some(body) = t.strip_suffix('?') {
        // Question headings: short, followed by a longer paragraph.
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

/// "2. Background" standing alone between paragraphs is a numbered heading; right after a list
/// too, when its number continues the numbered headings (`last`) and not the list.
pub(super) fn numbered_heading(
    c: &Chunk,
    prev: Option<&Chunk>,
    next: Option<&Chunk>,
    last: Option<u32>,
) -> bool {
    let ChunkKind::Item {
        indent: 0,
        ordinal: Some(n),
        ..
    } = c.kind
    else {
        return false;
    };
    if c.lines.len() != 1 || !c.marker.trim_end().ends_with('.') {
        return false;
    }
    let item_ordinal = |o: Option<&Chunk>| match o.map(|x| x.kind) {
        Some(ChunkKind::Item { ordinal, .. }) => Some(ordinal),
        _ => None,
    };
    let after_list = match item_ordinal(prev) {
        None => true,
        Some(p) => last.is_some_and(|l| l + 1 == n) && p.is_none_or(|p| p + 1 != n),
    };
    after_list
        && item_ordinal(next).is_none()
        && next.is_some_and(is_paragraph_like)
        && heading_shaped(c.lines[0])
}

/// The level of a multi-level numbered heading ("2.1 Scope" → 2, "3.2.1. Detail" → 3); the
/// list-marker rule leaves these as text lines.
pub(super) fn numbered_prefix_level(t: &str) -> Option<u8> {
    let prefix: &str = t.split_whitespace().next()?;
    let p = prefix.trim_end_matches('.');
    let mut parts = 0;
    for x in p.split('.') {
        if x.is_empty() || x.len() > 3 || !x.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts += 1;
    }
    (parts >= 2).then(|| parts.min(6) as u8)
}
