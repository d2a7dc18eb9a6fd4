//! Moving the cursor and the view.

use super::{Pos, Reader, RowKind};
use crate::article::BlockKind;

impl Reader {
    /// `j`: scroll through the rest of a tall cursor block, else move to the next block.
    pub fn down(&mut self, count: usize) {
        for _ in 0..count.max(1) {
            match self.cursor_span() {
                Some((_, end)) if end >= self.height as isize => {
                    self.scroll_down(1);
                }
                _ => match self.next_visible(self.cursor) {
                    Some(n) => self.cursor = n,
                    None => break,
                },
            }
            self.follow_cursor();
        }
    }

    /// `k`: scroll back through a tall cursor block, else move to the previous block.
    pub fn up(&mut self, count: usize) {
        let content = |r: &Reader| usize::from(r.gap_before(r.cursor)) as isize;
        for _ in 0..count.max(1) {
            match self.cursor_span() {
                Some((start, _)) if start + content(self) < 0 => {
                    self.scroll_up(1);
                }
                _ => match self.prev_visible(self.cursor) {
                    Some(p) => self.cursor = p,
                    None => break,
                },
            }
            self.follow_cursor();
        }
    }

    /// Scroll the view by `rows` (negative: up), keeping the cursor on screen.
    pub fn scroll(&mut self, rows: isize) {
        if rows >= 0 {
            self.scroll_down(rows as usize);
        } else {
            self.scroll_up(rows.unsigned_abs());
        }
        self.cursor_into_view(rows >= 0);
    }

    /// After scrolling: if the cursor left the view, put it on the first (scrolling down) or
    /// last (scrolling up) block whose start is on screen.
    fn cursor_into_view(&mut self, down: bool) {
        let rows = self.visible_rows();
        let on_screen = rows.iter().any(|r| r.block == self.cursor);
        if on_screen {
            return;
        }
        let starts: Vec<usize> = rows
            .iter()
            .filter(|r| !matches!(r.kind, super::RowKind::Gap))
            .map(|r| r.block)
            .collect();
        let pick = if down { starts.first() } else { starts.last() };
        if let Some(&b) = pick.or(rows.first().map(|r| &r.block)) {
            self.cursor = b;
        }
    }

    /// A page motion: scroll by `rows` (negative: up), keeping the cursor on screen. When the
    /// view reaches an end of the article before it has scrolled that far, the cursor goes to
    /// that end, as vim's `Ctrl-d`/`Ctrl-u` move the cursor when the view cannot scroll.
    fn page(&mut self, rows: isize) {
        let want = rows.unsigned_abs();
        let moved = if rows >= 0 {
            self.scroll_down(want)
        } else {
            self.scroll_up(want)
        };
        self.cursor_into_view(rows >= 0);
        if moved < want {
            let end = if rows >= 0 {
                self.last_visible()
            } else {
                self.first_visible()
            };
            if let Some(b) = end {
                self.cursor = b;
                self.follow_cursor();
            }
        }
    }

    pub fn half_page_down(&mut self, count: usize) {
        self.page(rows_for(self.height / 2, count));
    }

    pub fn half_page_up(&mut self, count: usize) {
        self.page(-rows_for(self.height / 2, count));
    }

    pub fn page_down(&mut self, count: usize) {
        self.page(rows_for(self.height.saturating_sub(2), count));
    }

    pub fn page_up(&mut self, count: usize) {
        self.page(-rows_for(self.height.saturating_sub(2), count));
    }

    pub fn top(&mut self) {
        if let Some(f) = self.first_visible() {
            self.cursor = f;
            self.top = Pos { block: f, row: 0 };
        }
    }

    pub fn bottom(&mut self) {
        if let Some(l) = self.last_visible() {
            self.cursor = l;
            self.top = Pos {
                block: l,
                row: self.block_height(l),
            };
            self.scroll_up(self.height);
        }
    }

    /// The blocks with a line (or a fold summary) on screen, in order, and whether the last of
    /// them ends on screen (is not cut off at the bottom).
    fn blocks_on_screen(&self) -> (Vec<usize>, bool) {
        let rows = self.visible_rows();
        let mut blocks: Vec<usize> = Vec::new();
        for r in &rows {
            if !matches!(r.kind, RowKind::Gap) && blocks.last() != Some(&r.block) {
                blocks.push(r.block);
            }
        }
        let last_ends = match (blocks.last(), rows.last()) {
            (Some(&b), Some(r)) if r.block == b => {
                let above = if b == self.top.block { self.top.row } else { 0 };
                let shown = rows.iter().filter(|x| x.block == b).count();
                above + shown >= self.block_height(b)
            }
            _ => true,
        };
        (blocks, last_ends)
    }

    /// `H`: the cursor to the first block on screen (with a count, the count-th), as vim's `H`
    /// goes to the top line of the window. The view does not move.
    pub fn screen_top(&mut self, count: usize) {
        let (blocks, _) = self.blocks_on_screen();
        if let Some(&b) = blocks.get(count.max(1) - 1).or(blocks.last()) {
            self.cursor = b;
            self.follow_cursor();
        }
    }

    /// `L`: the cursor to the last block on screen (with a count, the count-th from the
    /// bottom), as vim's `L`. A block cut off at the bottom does not count, so the view does not
    /// move, unless it is the only one (a block taller than the screen).
    pub fn screen_bottom(&mut self, count: usize) {
        let (mut blocks, last_ends) = self.blocks_on_screen();
        if !last_ends && blocks.len() > 1 {
            blocks.pop();
        }
        let from_end = count.max(1).min(blocks.len());
        if let Some(&b) = blocks.get(blocks.len() - from_end) {
            self.cursor = b;
            self.follow_cursor();
        }
    }

    /// The heading of the next visible section after the cursor (`]]`): sections are in
    /// document order, so this is a binary search plus a skip over folded ancestors.
    pub fn next_heading(&mut self, count: usize) {
        for _ in 0..count.max(1) {
            let secs = &self.article.sections;
            let cur = self.cursor;
            let mut k = secs.partition_point(|s| s.heading.is_none_or(|h| h <= cur));
            let target = loop {
                let Some(s) = secs.get(k) else { break None };
                let Some(h) = s.heading else {
                    k += 1;
                    continue;
                };
                match self.hiding_section(h) {
                    Some(f) => {
                        k = secs.partition_point(|x| {
                            x.heading.is_none_or(|hh| hh < secs[f].subtree.end)
                        })
                    }
                    None => break Some(h),
                }
            };
            match target {
                Some(h) => self.cursor = h,
                None => break,
            }
        }
        self.land(self.cursor);
        self.follow_cursor();
    }

    /// `[[`: the heading before the cursor (or the start of the article).
    pub fn prev_heading(&mut self, count: usize) {
        for _ in 0..count.max(1) {
            let secs = &self.article.sections;
            let cur = self.cursor;
            let k = secs.partition_point(|s| s.heading.is_none_or(|h| h < cur));
            let target = secs[..k]
                .iter()
                .rev()
                .find_map(|s| s.heading)
                .map(|h| self.hiding_section(h).map_or(h, |f| self.anchor(f)));
            match target {
                Some(h) if h < cur => self.cursor = h,
                _ => {
                    if let Some(f) = self.first_visible() {
                        self.cursor = f;
                    }
                    break;
                }
            }
        }
        self.land(self.cursor);
        self.follow_cursor();
    }

    fn is_paragraph(&self, i: usize) -> bool {
        matches!(
            self.article.blocks[i].kind,
            BlockKind::Paragraph | BlockKind::Quote
        )
    }

    /// `}`: the next paragraph (or the last block).
    pub fn next_paragraph(&mut self, count: usize) {
        for _ in 0..count.max(1) {
            let mut i = self.cursor;
            while let Some(n) = self.next_visible(i) {
                i = n;
                if self.is_paragraph(n) {
                    break;
                }
            }
            if i == self.cursor {
                break; // at the end: more repeats change nothing
            }
            self.cursor = i;
        }
        self.follow_cursor();
    }

    /// `{`: the previous paragraph (or the first block).
    pub fn prev_paragraph(&mut self, count: usize) {
        for _ in 0..count.max(1) {
            let mut i = self.cursor;
            while let Some(p) = self.prev_visible(i) {
                i = p;
                if self.is_paragraph(p) {
                    break;
                }
            }
            if i == self.cursor {
                break; // at the start
            }
            self.cursor = i;
        }
        self.follow_cursor();
    }
}

/// `count` steps of `step` rows (at least one row), without overflow.
fn rows_for(step: usize, count: usize) -> isize {
    let rows = step.max(1).saturating_mul(count.max(1));
    isize::try_from(rows).unwrap_or(isize::MAX)
}
