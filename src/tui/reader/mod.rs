//! The state of one open article: folds, the reading cursor, the scroll position, search and the
//! jump history. Pure (no terminal crates), so every behaviour is tested directly.
//!
//! Rendering cost must not grow with the article: nothing here walks the whole article per
//! action except where the action is about the whole article (fold all, search).

mod folds;
mod jumps;
mod nav;
mod rows;
pub mod search;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

use crate::article::Article;
use crate::layout::VisualLine;

pub use rows::{Row, RowKind};
pub use search::Search;

/// A scroll position: a visible block and a row inside it (its gap row counts as row 0 when it
/// has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub block: usize,
    pub row: usize,
}

/// Wrapped lines per block for one width, filled lazily: only blocks that are shown or scrolled
/// through are ever laid out. A memo, not state: it is left out of `Debug`, so a snapshot of
/// the state is the same before and after drawing.
#[derive(Default)]
struct LayoutCache {
    width: usize,
    blocks: HashMap<usize, Rc<Vec<VisualLine>>>,
}

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutCache").finish_non_exhaustive()
    }
}

/// One open article.
#[derive(Debug)]
pub struct Reader {
    pub article: Arc<Article>,
    /// Fold state per section index (persisted by section id).
    pub folded: Vec<bool>,
    /// Depth of the outermost folded level for `zr`/`zm` (vim's 'foldlevel').
    pub fold_level: usize,
    /// The reading cursor: a visible block.
    pub cursor: usize,
    pub top: Pos,
    /// Text area size, set by the runtime on resize.
    pub width: usize,
    pub height: usize,
    pub search: Search,
    jumps: Vec<usize>,
    jump_at: usize,
    cache: RefCell<LayoutCache>,
    /// Depth of each section (0 for roots), precomputed.
    depth: Vec<usize>,
    /// Marks (`m{a-z}`): the text offset of the marked block's start.
    marks: BTreeMap<char, usize>,
}

impl Reader {
    pub fn new(article: Arc<Article>) -> Reader {
        let n = article.sections.len();
        let mut depth = vec![0; n];
        for i in 0..n {
            if let Some(p) = article.sections[i].parent {
                depth[i] = depth[p] + 1;
            }
        }
        let max_depth = depth.iter().copied().max().map_or(0, |d| d + 1);
        Reader {
            article,
            folded: vec![false; n],
            fold_level: max_depth,
            cursor: 0,
            top: Pos::default(),
            width: 80,
            height: 24,
            search: Search::default(),
            jumps: Vec::new(),
            jump_at: 0,
            cache: RefCell::new(LayoutCache::default()),
            depth,
            marks: BTreeMap::new(),
        }
    }

    /// Set the text area size; reflows and keeps the cursor's block in view.
    pub fn resize(&mut self, width: usize, height: usize) {
        let (width, height) = (width.max(1), height.max(1));
        if width != self.width {
            self.top.row = 0;
        }
        self.width = width;
        self.height = height;
        self.follow_cursor();
    }

    /// The wrapped lines of block `i` at the current width (heading lines carry a 2-column
    /// placeholder prefix where the view draws the fold marker).
    pub fn lines(&self, i: usize) -> Rc<Vec<VisualLine>> {
        let mut cache = self.cache.borrow_mut();
        if cache.width != self.width || cache.blocks.len() > 20_000 {
            cache.blocks.clear();
            cache.width = self.width;
        }
        cache
            .blocks
            .entry(i)
            .or_insert_with(|| {
                Rc::new(crate::layout::layout_block(
                    &self.article,
                    i,
                    self.width,
                    "  ",
                ))
            })
            .clone()
    }

    /// Section depth (0 for top-level sections and the lede).
    pub fn section_depth(&self, s: usize) -> usize {
        self.depth[s]
    }

    /// The section whose fold the cursor is in (its own section).
    pub fn cursor_section(&self) -> usize {
        self.article
            .blocks
            .get(self.cursor)
            .map_or(0, |b| b.section)
    }

    /// Position through the article, 0–100, by the top of the view.
    pub fn percent(&self) -> usize {
        let a = &self.article;
        if a.blocks.is_empty() || a.text.is_empty() {
            return 100;
        }
        if self.at_bottom() {
            return 100;
        }
        // The text offset of the top row, so scrolling inside a long block moves it too.
        let offset = match self.row_kind(self.top.block, self.top.row) {
            Some(RowKind::Line(n)) => self.lines(self.top.block).get(n).map(|l| l.range.start),
            _ => None,
        };
        offset.unwrap_or(a.blocks[self.top.block].range.start) * 100 / a.text.len()
    }

    /// The titles from the root down to the cursor's section.
    pub fn section_path_titles(&self) -> Vec<String> {
        if self.article.blocks.is_empty() {
            return Vec::new();
        }
        self.article
            .section_path(self.cursor_section())
            .into_iter()
            .map(|s| {
                self.article.sections[s]
                    .title
                    .clone()
                    .unwrap_or_else(|| "Opening".into())
            })
            .collect()
    }

    /// Record a jump from the cursor (before moving it), for `Ctrl-o`/`Ctrl-i`.
    pub fn push_jump(&mut self) {
        self.jumps.truncate(self.jump_at);
        if self.jumps.last() != Some(&self.cursor) {
            self.jumps.push(self.cursor);
        }
        if self.jumps.len() > 100 {
            self.jumps.remove(0);
        }
        self.jump_at = self.jumps.len();
    }

    pub fn jump_back(&mut self) {
        if self.jump_at == 0 {
            return;
        }
        if self.jump_at == self.jumps.len() {
            // Remember where we are so Ctrl-i comes back here.
            if self.jumps.last() != Some(&self.cursor) {
                self.jumps.push(self.cursor);
            }
            self.jump_at = self.jumps.len() - 1;
        }
        if self.jump_at == 0 {
            return;
        }
        self.jump_at -= 1;
        let target = self.jumps[self.jump_at];
        self.land_on(target);
    }

    pub fn jump_forward(&mut self) {
        if self.jump_at + 1 >= self.jumps.len() {
            return;
        }
        self.jump_at += 1;
        let target = self.jumps[self.jump_at];
        self.land_on(target);
    }

    /// Forget the jump history (an article just reached by a link: `Ctrl-o` leaves it).
    pub fn forget_jumps(&mut self) {
        self.jumps.clear();
        self.jump_at = 0;
    }

    /// Jump to block `i`, recorded in the jump history (`Ctrl-o` comes back).
    pub fn jump_to(&mut self, i: usize) {
        self.push_jump();
        self.land_on(i);
    }

    /// Jump to byte `offset` of block `i` (see [`Reader::show_offset`]).
    pub fn jump_to_offset(&mut self, i: usize, offset: usize) {
        self.jump_to(i);
        self.show_offset(i, offset);
    }

    /// Jump to section `s`: its heading at the top of the view, recorded in the jump history.
    pub fn jump_to_section(&mut self, s: usize) {
        let target = self.anchor(s);
        self.jump_to(target);
        self.top = Pos {
            block: target,
            row: 0,
        };
        self.follow_cursor();
    }

    /// Put the cursor on block `i`, unfolding what hides it, and bring it into view.
    pub fn goto_block(&mut self, i: usize) {
        if self.article.blocks.is_empty() {
            return;
        }
        let i = i.min(self.article.blocks.len() - 1);
        self.reveal(i);
        self.cursor = i;
        self.follow_cursor();
    }
}

#[cfg(test)]
mod tests;
