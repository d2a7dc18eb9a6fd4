//! Lines wrapped to screen rows (by grapheme and display width), columns found on them, and
//! where the editor box goes on the screen.

use std::ops::Range;

use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use super::grapheme_width;

/// Which piece of a wrapped line holds byte `col` (a cursor at a piece's end belongs to the
/// next piece, but at the line's end to the last).
pub fn piece_of(pieces: &[Range<usize>], col: usize) -> usize {
    pieces
        .iter()
        .position(|p| col < p.end)
        .unwrap_or(pieces.len().saturating_sub(1))
}

/// The byte offset in piece `p` of `line` nearest screen column `x`.
pub(super) fn col_at(line: &str, p: Range<usize>, x: usize, last: bool) -> usize {
    let mut w = 0;
    for (i, g) in line[p.clone()].grapheme_indices(true) {
        let gw = grapheme_width(g);
        if w + gw > x {
            return p.start + i;
        }
        w += gw;
    }
    // Past the end of a piece that is not the line's last: its last grapheme (its end is the
    // next piece's start).
    if last {
        p.end
    } else {
        line[p.clone()]
            .grapheme_indices(true)
            .next_back()
            .map_or(p.start, |(i, _)| p.start + i)
    }
}

/// Wrap one line (no newlines) to `width` columns: byte ranges that cover it whole, each
/// at most `width` columns (one grapheme wider than that alone on its row), broken after the
/// last space that fits, else between graphemes. An empty line is one empty row.
pub fn wrap_row(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Where a break after a space would go on the current row.
    let mut after_space: Option<(usize, usize)> = None;
    for (i, g) in line.grapheme_indices(true) {
        let gw = grapheme_width(g);
        if used + gw > width && i > start {
            if let Some((b, w)) = after_space.take().filter(|&(b, _)| b > start && b <= i) {
                out.push(start..b);
                start = b;
                used -= w;
            }
            // What followed the space may still not leave room (a wide grapheme).
            if used + gw > width && i > start {
                out.push(start..i);
                start = i;
                used = 0;
            }
        }
        used += gw;
        if g == " " || g == "\t" {
            after_space = Some((i + g.len(), used));
        }
    }
    out.push(start..line.len());
    out
}

/// Where the editor box and its parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EditorLayout {
    /// The bordered box.
    pub outer: Rect,
    /// The quote being annotated (dimmed), above the text.
    pub quote: Rect,
    /// Where the note's rows are drawn.
    pub text: Rect,
}

/// Rows of the quote shown above the note.
pub const QUOTE_ROWS: u16 = 2;

/// The editor box for a terminal of `size`: over the lower part of the reader, above the
/// status line, at most 90 columns wide and centred.
pub fn layout((w, h): (u16, u16)) -> EditorLayout {
    let width = w.saturating_sub(4).min(90);
    // Above the status and bottom lines; half the screen, 8 to 18 rows.
    let room = h.saturating_sub(2);
    let height = (h / 2).clamp(8, 18).min(room);
    let outer = Rect::new(w.saturating_sub(width) / 2, room - height, width, height);
    if outer.width < 6 || outer.height < 3 {
        let none = Rect::new(outer.x, outer.y, 0, 0);
        return EditorLayout {
            outer,
            quote: none,
            text: none,
        };
    }
    let inner = Rect::new(
        outer.x + 2,
        outer.y + 1,
        outer.width.saturating_sub(4),
        outer.height.saturating_sub(2),
    );
    let q = QUOTE_ROWS.min(inner.height.saturating_sub(2));
    let quote = Rect::new(inner.x, inner.y, inner.width, q);
    // One blank row between the quote and the note.
    let gap = if q > 0 { q + 1 } else { 0 };
    let text = Rect::new(
        inner.x,
        inner.y + gap,
        inner.width,
        inner.height.saturating_sub(gap),
    );
    EditorLayout { outer, quote, text }
}
