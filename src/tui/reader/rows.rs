//! Rows on screen: how many rows a visible block takes, the rows from the top of the view, and
//! keeping the cursor in view. Only blocks near the view are ever laid out.

use super::{Pos, Reader};

/// What one screen row of the article pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The blank row that separates a block from the one before it.
    Gap,
    /// Line `n` of the block's wrapped lines.
    Line(usize),
    /// The summary row of a folded section.
    Summary(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub block: usize,
    pub kind: RowKind,
}

impl Reader {
    /// Does block `i` get a blank row above it? Not the first block, and not a list item right
    /// after an item of the same list.
    pub fn gap_before(&self, i: usize) -> bool {
        let Some(prev) = self.prev_visible(i) else {
            return false;
        };
        let a = &self.article;
        let same_list = |x: usize| match a.blocks[x].kind {
            crate::article::BlockKind::ListItem { list, .. } => Some(list),
            _ => None,
        };
        !(same_list(i).is_some()
            && same_list(i) == same_list(prev)
            && self.folded_section_at(prev).is_none())
    }

    /// How block `i`'s rows are made: (gap row?, line rows, summary of a folded section).
    fn row_parts(&self, i: usize) -> (bool, usize, Option<usize>) {
        if i >= self.article.blocks.len() {
            return (false, 0, None);
        }
        let folded = self.folded_section_at(i);
        let lines = if folded.is_none() || self.article.blocks[i].is_heading() {
            self.lines(i).len()
        } else {
            0 // a folded lede shows only its summary
        };
        (self.gap_before(i), lines, folded)
    }

    /// Row `row` of block `i`: its gap, one of its lines, or its summary.
    pub fn row_kind(&self, i: usize, row: usize) -> Option<RowKind> {
        kind_of(self.row_parts(i), row)
    }

    pub fn block_height(&self, i: usize) -> usize {
        let (gap, lines, folded) = self.row_parts(i);
        usize::from(gap) + lines + usize::from(folded.is_some())
    }

    /// The rows from the top of the view, at most `height` of them.
    pub fn visible_rows(&self) -> Vec<Row> {
        let mut out = Vec::with_capacity(self.height);
        let mut block = Some(self.top.block);
        let mut skip = self.top.row;
        while let Some(b) = block {
            if out.len() >= self.height || b >= self.article.blocks.len() {
                break;
            }
            let parts = self.row_parts(b);
            let (gap, lines, folded) = parts;
            let h = usize::from(gap) + lines + usize::from(folded.is_some());
            for row in skip..h {
                if out.len() >= self.height {
                    break;
                }
                if let Some(kind) = kind_of(parts, row) {
                    out.push(Row { block: b, kind });
                }
            }
            skip = 0;
            block = self.next_visible(b);
        }
        out
    }

    /// Move the view down by `n` rows; returns how many it moved.
    pub fn scroll_down(&mut self, n: usize) -> usize {
        let mut moved = 0;
        while moved < n && !self.at_bottom() {
            let h = self.block_height(self.top.block);
            let step = h.saturating_sub(self.top.row).min(n - moved);
            if self.top.row + step < h {
                self.top.row += step;
                moved += step;
            } else {
                match self.next_visible(self.top.block) {
                    Some(nb) => {
                        moved += h.saturating_sub(self.top.row);
                        self.top = Pos { block: nb, row: 0 };
                    }
                    None => break,
                }
            }
        }
        moved
    }

    /// Move the view up by `n` rows.
    pub fn scroll_up(&mut self, n: usize) -> usize {
        let mut moved = 0;
        while moved < n {
            if self.top.row > 0 {
                let step = self.top.row.min(n - moved);
                self.top.row -= step;
                moved += step;
            } else {
                match self.prev_visible(self.top.block) {
                    Some(pb) => {
                        let h = self.block_height(pb);
                        self.top = Pos { block: pb, row: h };
                    }
                    None => break,
                }
            }
        }
        moved
    }

    /// Is the end of the article already on screen (no further scrolling down)?
    pub fn at_bottom(&self) -> bool {
        let mut rows = 0;
        let mut block = Some(self.top.block);
        let mut skip = self.top.row;
        while let Some(b) = block {
            if b >= self.article.blocks.len() {
                return true;
            }
            rows += self.block_height(b).saturating_sub(skip);
            skip = 0;
            if rows > self.height {
                return false;
            }
            block = self.next_visible(b);
        }
        true
    }

    /// Rows from the top of the view to the start of block `i` (None if above the view or more
    /// than a screen below it).
    pub(super) fn offset_of(&self, i: usize) -> Option<usize> {
        if i < self.top.block {
            return None;
        }
        let mut rows = 0usize;
        let mut b = self.top.block;
        let mut skip = self.top.row;
        while b < i {
            rows += self.block_height(b).saturating_sub(skip);
            skip = 0;
            if rows > self.height * 2 {
                return None;
            }
            b = self.next_visible(b)?;
        }
        (b == i).then_some(rows)
    }

    /// Scroll so the cursor's block is in view: its start if it is above, its end (or start when
    /// taller than the view) if it is below.
    pub fn follow_cursor(&mut self) {
        if self.article.blocks.is_empty() {
            return;
        }
        if self.is_hidden(self.cursor) {
            self.cursor = self.prev_visible(self.cursor + 1).unwrap_or(0);
        }
        if self.is_hidden(self.top.block) {
            let b = self.prev_visible(self.top.block + 1).unwrap_or(0);
            self.top = Pos { block: b, row: 0 };
        }
        // A fold can shrink the top block under a stale row.
        let top_h = self.block_height(self.top.block);
        if self.top.row >= top_h {
            self.top.row = top_h.saturating_sub(1);
        }
        let c = self.cursor;
        let h = self.block_height(c);
        let content = if self.gap_before(c) { 1 } else { 0 };
        // Cursor above the view: put its first content row at the top.
        if c < self.top.block || c == self.top.block && self.top.row >= h {
            self.top = Pos {
                block: c,
                row: content.min(h.saturating_sub(1)),
            };
            self.fill_to_end();
            return;
        }
        match self.offset_of(c) {
            Some(off) if c == self.top.block || off + h <= self.height => {}
            Some(off) if off < self.height && h > self.height => {
                // A tall block starting on screen: show its start at the top.
                self.top = Pos {
                    block: c,
                    row: content,
                };
            }
            _ => {
                // Below the view: bring its end to the bottom, or its start to the top.
                if h >= self.height {
                    self.top = Pos {
                        block: c,
                        row: content,
                    };
                } else {
                    // Just past the block's end, then a screen up: its end is the last row.
                    self.top = Pos { block: c, row: h };
                    self.scroll_up(self.height);
                }
            }
        }
        self.fill_to_end();
    }

    /// When the end of the article is on screen with empty rows below it (after a resize or a
    /// fold), scroll back so the last row sits at the bottom.
    pub(super) fn fill_to_end(&mut self) {
        let mut rows = 0;
        let mut block = Some(self.top.block);
        let mut skip = self.top.row;
        while let Some(b) = block {
            rows += self.block_height(b).saturating_sub(skip);
            skip = 0;
            if rows >= self.height {
                return;
            }
            block = self.next_visible(b);
        }
        self.scroll_up(self.height - rows);
    }

    /// Bring the line of block `i` that holds byte `offset` into view (a third from the top
    /// when the view has to move); for a long paragraph whose start is already shown, the
    /// sentence may be screens further down.
    pub fn show_offset(&mut self, i: usize, offset: usize) {
        if i >= self.article.blocks.len() || self.is_hidden(i) {
            return;
        }
        let (gap, lines, _) = self.row_parts(i);
        if lines == 0 {
            return;
        }
        let n = self
            .lines(i)
            .iter()
            .position(|l| l.range.end > offset)
            .unwrap_or(lines - 1);
        let row = usize::from(gap) + n;
        let on_screen = if i == self.top.block {
            row >= self.top.row && row - self.top.row < self.height
        } else {
            self.offset_of(i).is_some_and(|off| off + row < self.height)
        };
        if !on_screen {
            self.top = Pos {
                block: i,
                row: row.saturating_sub(self.height / 3).max(usize::from(gap)),
            };
            self.fill_to_end();
        }
    }

    /// The cursor block's first and last rows relative to the top of the view.
    pub fn cursor_span(&self) -> Option<(isize, isize)> {
        let c = self.cursor;
        let h = self.block_height(c) as isize;
        if c == self.top.block {
            let start = -(self.top.row as isize);
            return Some((start, start + h - 1));
        }
        let off = self.offset_of(c)? as isize;
        Some((off, off + h - 1))
    }
}

/// Row `row` of a block made of `(gap row?, line rows, folded section)`.
fn kind_of((gap, lines, folded): (bool, usize, Option<usize>), row: usize) -> Option<RowKind> {
    let row = match (gap, row) {
        (true, 0) => return Some(RowKind::Gap),
        (true, r) => r - 1,
        (false, r) => r,
    };
    if row < lines {
        Some(RowKind::Line(row))
    } else if row == lines {
        folded.map(RowKind::Summary)
    } else {
        None
    }
}
