//! Laying out one block of an article as visual lines: a prefix (list marker, quote bar,
//! indentation) plus a range of the article text.

use std::ops::Range;

pub use super::line::{Cell, LineKind, VisualLine};
use super::table::layout_table;
use super::wrap::{width, wrap, wrap_hard};
use crate::article::{Article, BlockKind};

/// The marker of a list item: `• `, `◦ `, `▪ `, `3. `, `☑ `.
pub fn list_marker(kind: &BlockKind) -> String {
    match kind {
        BlockKind::ListItem {
            task: Some(done), ..
        } => if *done { "☑ " } else { "☐ " }.to_string(),
        BlockKind::ListItem {
            marker: Some(m), ..
        } => format!("{m} "),
        BlockKind::ListItem {
            ordinal: Some(n), ..
        } => format!("{n}. "),
        BlockKind::ListItem { depth, .. } => ["• ", "◦ ", "▪ "][*depth as usize % 3].to_string(),
        _ => String::new(),
    }
}

/// Lay out block `i` at `cols` columns. `heading_prefix` is drawn before a heading's first line
/// (the reader puts its fold marker there; `render` puts `#` marks).
pub fn layout_block(a: &Article, i: usize, cols: usize, heading_prefix: &str) -> Vec<VisualLine> {
    let b = &a.blocks[i];
    let text = &a.text[b.range.clone()];
    let base = b.range.start;
    let shift = |r: Range<usize>| base + r.start..base + r.end;
    let (first, rest, kind, hard) = match &b.kind {
        BlockKind::Heading { level } => {
            let p = heading_prefix.to_string();
            let pad = " ".repeat(width(&p));
            (p, pad, LineKind::Heading(*level), false)
        }
        BlockKind::Paragraph => (String::new(), String::new(), LineKind::Paragraph, false),
        BlockKind::ListItem { depth, .. } => {
            let indent = " ".repeat(2 + 2 * (*depth as usize).min(8));
            let first = format!("{indent}{}", list_marker(&b.kind));
            let rest = " ".repeat(width(&first));
            (first, rest, LineKind::ListItem, false)
        }
        BlockKind::Quote => ("│ ".to_string(), "│ ".to_string(), LineKind::Quote, false),
        BlockKind::Code { .. } => ("  ".to_string(), "  ".to_string(), LineKind::Code, true),
        BlockKind::Table { header, align } => {
            return layout_table(text, base, *header, align, cols);
        }
        BlockKind::Rule => {
            return vec![VisualLine {
                prefix: "─".repeat(cols.clamp(1, 72)),
                range: base..base,
                kind: LineKind::Rule,
                cells: Vec::new(),
            }];
        }
    };
    let avail = cols.saturating_sub(width(&first).max(width(&rest))).max(1);
    let ranges = if hard {
        wrap_hard(text, avail)
    } else {
        wrap(text, avail)
    };
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, r)| VisualLine {
            prefix: if n == 0 { first.clone() } else { rest.clone() },
            range: shift(r),
            kind,
            cells: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};

    #[test]
    fn list_items_hang() {
        let a = parse_str(
            "Asks were:\n\n- one two three four five six\n  - nested\n",
            Format::Markdown,
            "t",
        );
        let lines = layout_block(&a, 1, 14, "");
        assert_eq!(lines[0].prefix, "  • ");
        assert_eq!(lines[1].prefix, "    ");
        assert_eq!(&a.text[lines[0].range.clone()], "one two");
        let nested = layout_block(&a, 2, 20, "");
        assert_eq!(nested[0].prefix, "    ◦ ");
    }
}
