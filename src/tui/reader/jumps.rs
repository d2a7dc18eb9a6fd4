//! Where jumps land, and the motions that place the view: `zz`/`zt`/`zb`, `{count}G` (a line of
//! the article as shown), `{count}%`, and marks.

use std::collections::BTreeMap;

use super::{Pos, Reader};

/// Rows of context kept above a jump's target when the view has to move.
pub const CONTEXT_ROWS: usize = 2;

impl Reader {
    /// Is all of block `i` on screen (visible, its first and last rows in the view)?
    pub fn fully_on_screen(&self, i: usize) -> bool {
        if self.is_hidden(i) {
            return false;
        }
        let h = self.block_height(i);
        if i == self.top.block {
            return self.top.row == 0 && h <= self.height;
        }
        self.offset_of(i).is_some_and(|off| off + h <= self.height)
    }

    /// Bring block `i` into view for a jump: when it is not already wholly on screen, its start
    /// goes to the top with [`CONTEXT_ROWS`] rows above it (small moves within the screen do
    /// not scroll). The cursor is not moved.
    pub fn land(&mut self, i: usize) {
        if i >= self.article.blocks.len() || self.fully_on_screen(i) {
            return;
        }
        self.top = Pos { block: i, row: 0 };
        self.scroll_up(CONTEXT_ROWS);
        self.fill_to_end();
    }

    /// Jump to block `i` (unfolding what hides it): the cursor goes there and the view lands
    /// on it (see [`Reader::land`]). Not recorded in the jump history.
    pub fn land_on(&mut self, i: usize) {
        if self.article.blocks.is_empty() {
            return;
        }
        let i = i.min(self.article.blocks.len() - 1);
        self.reveal(i);
        self.cursor = i;
        self.land(i);
        self.follow_cursor();
    }

    /// `zt`: the cursor's block at the top of the view.
    pub fn cursor_to_top(&mut self) {
        let c = self.cursor;
        let content = usize::from(self.gap_before(c));
        self.top = Pos {
            block: c,
            row: content.min(self.block_height(c).saturating_sub(1)),
        };
        self.fill_to_end();
    }

    /// `zb`: the cursor's block at the bottom of the view (its start at the top when it is
    /// taller than the view).
    pub fn cursor_to_bottom(&mut self) {
        let c = self.cursor;
        let h = self.block_height(c);
        if h >= self.height {
            return self.cursor_to_top();
        }
        self.top = Pos { block: c, row: h };
        self.scroll_up(self.height);
        self.fill_to_end();
    }

    /// `zz`: the cursor's block in the middle of the view.
    pub fn cursor_to_middle(&mut self) {
        let c = self.cursor;
        let h = self.block_height(c);
        if h >= self.height {
            return self.cursor_to_top();
        }
        self.top = Pos { block: c, row: 0 };
        self.scroll_up((self.height - h) / 2);
        self.fill_to_end();
    }

    /// `{count}G`: row `line` (1-based) of the article as shown (folds and wrapping as on
    /// screen; the last row when there are fewer) at the top of the view, the cursor on its
    /// block, as `less` goes to a line. Walks the article once.
    pub fn goto_line(&mut self, line: usize) {
        let Some(mut b) = self.first_visible() else {
            return;
        };
        let mut left = line.max(1) - 1;
        loop {
            let h = self.block_height(b);
            if left < h {
                break;
            }
            match self.next_visible(b) {
                Some(n) => {
                    left -= h;
                    b = n;
                }
                None => {
                    left = h.saturating_sub(1);
                    break;
                }
            }
        }
        self.cursor = b;
        self.top = Pos {
            block: b,
            row: left,
        };
        self.fill_to_end();
    }

    /// `{count}%`: the block at that percentage of the article's text, landing as a jump.
    pub fn goto_percent(&mut self, percent: usize) {
        let a = &self.article;
        if a.blocks.is_empty() {
            return;
        }
        let offset = a.text.len().saturating_mul(percent.min(100)) / 100;
        let b = a
            .block_at(offset.min(a.text.len().saturating_sub(1)))
            .unwrap_or(a.blocks.len() - 1);
        self.land_on(b);
    }

    /// Set mark `name` at the cursor's block.
    pub fn set_mark(&mut self, name: char) {
        if let Some(b) = self.article.blocks.get(self.cursor) {
            self.marks.insert(name, b.range.start);
        }
    }

    /// Go to mark `name` (recorded in the jump history); false when it is not set.
    pub fn goto_mark(&mut self, name: char) -> bool {
        let Some(&offset) = self.marks.get(&name) else {
            return false;
        };
        let Some(b) = self.article.block_at(offset) else {
            return false;
        };
        self.push_jump();
        self.land_on(b);
        true
    }

    /// The marks as text offsets of their blocks' starts, for saving with the reading place.
    pub fn marks(&self) -> &BTreeMap<char, usize> {
        &self.marks
    }

    /// Marks restored from a saved reading place (offsets beyond the text are dropped).
    pub fn set_marks(&mut self, marks: BTreeMap<char, usize>) {
        let len = self.article.text.len();
        self.marks = marks.into_iter().filter(|&(_, o)| o < len).collect();
    }
}
