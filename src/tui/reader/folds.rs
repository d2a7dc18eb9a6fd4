//! Folding: which blocks are visible, and the fold commands. Fold state is per section; a folded
//! section shows its anchor (its heading, or for the untitled lede its first block) as a summary.

use super::Reader;
use crate::article::BlockKind;
use crate::plural::plural;

impl Reader {
    /// The block a section shows when folded: its heading, or the lede's first block.
    pub fn anchor(&self, s: usize) -> usize {
        let sec = &self.article.sections[s];
        sec.heading.unwrap_or(sec.blocks.start)
    }

    /// The outermost folded section that hides block `i` (`i` is not its anchor).
    pub(super) fn hiding_section(&self, i: usize) -> Option<usize> {
        let b = self.article.blocks.get(i)?;
        self.article
            .section_path(b.section)
            .into_iter()
            .find(|&s| self.folded[s] && self.anchor(s) != i)
    }

    pub fn is_hidden(&self, i: usize) -> bool {
        self.hiding_section(i).is_some()
    }

    /// Is block `i` the anchor of a folded section (drawn as a summary)?
    pub fn folded_section_at(&self, i: usize) -> Option<usize> {
        let b = self.article.blocks.get(i)?;
        let s = b.section;
        (self.folded[s] && self.anchor(s) == i).then_some(s)
    }

    /// Unfold every section that hides block `i`.
    pub fn reveal(&mut self, i: usize) {
        while let Some(s) = self.hiding_section(i) {
            self.folded[s] = false;
        }
    }

    /// The next visible block after `i`.
    pub fn next_visible(&self, i: usize) -> Option<usize> {
        let n = self.article.blocks.len();
        let j = match self.folded_section_at(i) {
            Some(s) => self.article.sections[s].subtree.end,
            None => i + 1,
        };
        (j < n).then_some(j)
    }

    /// The previous visible block before `i`.
    pub fn prev_visible(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        Some(self.hiding_section(j).map_or(j, |s| self.anchor(s)))
    }

    /// The first and last visible blocks.
    pub fn first_visible(&self) -> Option<usize> {
        if self.article.blocks.is_empty() {
            return None;
        }
        Some(self.hiding_section(0).map_or(0, |s| self.anchor(s)))
    }

    pub fn last_visible(&self) -> Option<usize> {
        let n = self.article.blocks.len();
        self.prev_visible(n)
    }

    /// The section a fold command acts on: the cursor's own section.
    fn fold_target(&self) -> Option<usize> {
        self.article.blocks.get(self.cursor).map(|b| b.section)
    }

    /// Fold or unfold section `s` (an unknown index does nothing).
    pub fn set_fold(&mut self, s: usize, folded: bool) {
        if s >= self.folded.len() {
            return;
        }
        self.folded[s] = folded;
        if folded {
            // Folding the section that holds the cursor moves the cursor to its anchor.
            if self.hiding_section(self.cursor).is_some()
                || self.article.blocks[self.cursor].section == s
            {
                let c = self
                    .hiding_section(self.cursor)
                    .map_or(self.anchor(s), |h| self.anchor(h));
                self.cursor = c;
            }
        }
        self.follow_cursor();
    }

    pub fn toggle_fold(&mut self) {
        if let Some(s) = self.fold_target() {
            self.set_fold(s, !self.folded[s]);
        }
    }

    pub fn open_fold(&mut self) {
        if let Some(s) = self.fold_target() {
            self.set_fold(s, false);
        }
    }

    pub fn close_fold(&mut self) {
        if let Some(s) = self.fold_target() {
            self.set_fold(s, true);
        }
    }

    /// Toggle the fold of the section whose anchor is block `i` (Enter or a click on a heading).
    pub fn toggle_fold_at(&mut self, i: usize) -> bool {
        let Some(b) = self.article.blocks.get(i) else {
            return false;
        };
        if !matches!(b.kind, BlockKind::Heading { .. }) && self.folded_section_at(i).is_none() {
            return false;
        }
        let s = b.section;
        self.cursor = i;
        self.set_fold(s, !self.folded[s]);
        true
    }

    /// Fold every section deeper than `level` (0 folds everything).
    pub fn set_fold_level(&mut self, level: usize) {
        let max = self.depth.iter().copied().max().map_or(0, |d| d + 1);
        self.fold_level = level.min(max);
        for s in 0..self.folded.len() {
            self.folded[s] = self.depth[s] >= self.fold_level;
        }
        let c = self
            .hiding_section(self.cursor)
            .map_or(self.cursor, |h| self.anchor(h));
        self.cursor = c;
        self.top.row = 0;
        self.top.block = self
            .hiding_section(self.top.block)
            .map_or(self.top.block, |h| self.anchor(h));
        self.follow_cursor();
    }

    pub fn close_all_folds(&mut self) {
        self.set_fold_level(0);
    }

    pub fn open_all_folds(&mut self) {
        self.set_fold_level(usize::MAX);
    }

    pub fn open_fold_level(&mut self) {
        self.set_fold_level(self.fold_level.saturating_add(1));
    }

    pub fn close_fold_level(&mut self) {
        self.set_fold_level(self.fold_level.saturating_sub(1));
    }

    /// The summary a folded section shows, e.g. “3 paragraphs · 4 points”. Counts the whole
    /// subtree; costs O(blocks in the section), and is only asked for sections on screen.
    /// `points` is the section's key-point count when known (else its list items are counted).
    pub fn fold_summary(&self, s: usize, points: Option<usize>) -> String {
        let sec = &self.article.sections[s];
        let (mut paras, mut items, mut subs, mut other) = (0, 0, 0, 0);
        for b in &self.article.blocks[sec.subtree.clone()] {
            match b.kind {
                BlockKind::Paragraph | BlockKind::Quote => paras += 1,
                BlockKind::ListItem { .. } => items += 1,
                BlockKind::Heading { .. } => subs += 1,
                _ => other += 1,
            }
        }
        subs -= usize::from(sec.heading.is_some());
        let items = points.unwrap_or(items);
        let mut parts = Vec::new();
        if subs > 0 {
            parts.push(plural(subs, "section", "sections"));
        }
        if paras > 0 {
            parts.push(plural(paras, "paragraph", "paragraphs"));
        }
        if items > 0 {
            parts.push(plural(items, "point", "points"));
        }
        if other > 0 {
            parts.push(plural(other, "other block", "other blocks"));
        }
        if parts.is_empty() {
            parts.push("empty".into());
        }
        parts.join(" · ")
    }
}
