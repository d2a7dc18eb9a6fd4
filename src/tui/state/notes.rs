//! Annotations in the reader: the keyboard selection (its motions are pure functions of the
//! article text) and the open article's annotations as the store placed them, kept sorted so
//! drawing a row looks at only the annotations that can touch it.

use std::ops::Range;

use crate::annotate::anchor::Anchored;
use crate::annotate::{Annotation, Color};
use crate::article::Article;
use crate::article::text::sentences;

/// A selection being made with the keyboard: byte offsets in the article text. `anchor` stays
/// where it started; `head` moves. The selected text is `range()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
    /// Where the first unit ended (a sentence, a block): extending backwards keeps it.
    pub first_end: usize,
}

impl Selection {
    /// A selection of `r` (a sentence, a block, a search match).
    pub fn of(r: Range<usize>) -> Selection {
        Selection {
            anchor: r.start,
            head: r.end,
            first_end: r.end,
        }
    }

    /// The selected bytes.
    pub fn range(&self) -> Range<usize> {
        if self.head >= self.anchor {
            self.anchor..self.head.max(self.first_end)
        } else {
            self.head..self.first_end
        }
    }
}

/// The block holding byte `off` (the last one starting at or before it).
pub fn block_at(a: &Article, off: usize) -> usize {
    a.blocks
        .partition_point(|b| b.range.start <= off)
        .saturating_sub(1)
}

/// The sentence of block `b` holding `off` (the first one when `off` is before them all), as
/// a byte range in the article text.
pub fn sentence_at(a: &Article, b: usize, off: usize) -> Option<Range<usize>> {
    let blk = a.blocks.get(b)?;
    let s = sentences(a.text.get(blk.range.clone())?);
    let base = blk.range.start;
    let i = s
        .iter()
        .position(|r| base + r.end > off)
        .unwrap_or(s.len().saturating_sub(1));
    s.get(i)
        .map(|r| base + r.start..base + r.end)
        .or_else(|| (!blk.range.is_empty()).then(|| blk.range.clone()))
}

/// Moving the head of a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Word,
    Sentence,
    Block,
}

/// Where the head goes from `head` by one `unit`, forward or back: to the end of the next
/// word, sentence or block, or to the start of the previous one, across blocks.
pub fn step(a: &Article, head: usize, unit: Unit, forward: bool) -> usize {
    let text = &a.text;
    let head = head.min(text.len());
    match unit {
        Unit::Word => {
            if forward {
                let rest = &text[head..];
                let mut it = rest
                    .char_indices()
                    .skip_while(|(_, c)| !c.is_alphanumeric());
                let mut end = rest.len();
                for (i, c) in it.by_ref() {
                    if !c.is_alphanumeric() {
                        end = i;
                        break;
                    }
                }
                head + end
            } else {
                // Back over the word the head ends, then to the end of the word before it.
                let before = &text[..head];
                let mut it = before.char_indices().rev().peekable();
                while it.next_if(|(_, c)| c.is_alphanumeric()).is_some() {}
                while it.next_if(|(_, c)| !c.is_alphanumeric()).is_some() {}
                it.peek().map_or(0, |(i, c)| i + c.len_utf8())
            }
        }
        Unit::Sentence => {
            let mut b = block_at(a, head);
            loop {
                let Some(blk) = a.blocks.get(b) else {
                    return head;
                };
                let base = blk.range.start;
                let s = sentences(&text[blk.range.clone()]);
                let found = if forward {
                    s.iter().map(|r| base + r.end).find(|&e| e > head)
                } else {
                    s.iter().rev().map(|r| base + r.end).find(|&e| e < head)
                };
                if let Some(x) = found {
                    return x;
                }
                if forward {
                    b += 1;
                } else if b == 0 {
                    return head;
                } else {
                    b -= 1;
                }
            }
        }
        Unit::Block => {
            if forward {
                let b = block_at(a, head);
                let Some(blk) = a.blocks.get(b) else {
                    return head;
                };
                if head < blk.range.end {
                    blk.range.end
                } else {
                    a.blocks.get(b + 1).map_or(head, |n| n.range.end)
                }
            } else {
                // The end of the block before the one the head is in (or ends).
                let b = block_at(a, head.saturating_sub(1));
                b.checked_sub(1)
                    .and_then(|p| a.blocks.get(p))
                    .map_or(head, |p| p.range.end)
            }
        }
    }
}

/// One annotation as the reader has it: the annotation and where it is in the text now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub annotation: Annotation,
    /// Byte range in the article text; `None` when it could not be placed.
    pub range: Option<Range<usize>>,
    pub status: crate::annotate::Status,
    /// For `needs_review`: the passage that may be it (drawn dimmed; accepting anchors it there).
    pub candidate: Option<Range<usize>>,
}

impl Placed {
    /// `annotation` placed at `range` as its target's status says: `anchored` and `fuzzy` at
    /// `range`, `needs_review` with `range` as its candidate, `orphaned` nowhere.
    pub fn new(annotation: Annotation, range: Range<usize>) -> Placed {
        use crate::annotate::Status::*;
        let status = annotation.target.status;
        let (range, candidate) = match status {
            Anchored | Fuzzy => (Some(range), None),
            NeedsReview => (None, Some(range)),
            Orphaned => (None, None),
        };
        Placed {
            annotation,
            range,
            status,
            candidate,
        }
    }

    /// Where it is drawn and reviewed: its range, else its candidate.
    pub fn place(&self) -> Option<Range<usize>> {
        self.range.clone().or_else(|| self.candidate.clone())
    }
}

/// The open article's annotations.
#[derive(Debug, Clone, Default)]
pub struct NotesDoc {
    /// The article's id in the store, once known.
    pub article_id: Option<String>,
    /// Placed ones sorted by start, then the unplaced ones.
    pub list: Vec<Placed>,
    /// How many of `list` are placed (they come first).
    placed: usize,
    /// The longest placed range, so a row finds what overlaps it by a binary search.
    max_len: usize,
    /// Loaded from the store (or known to have none).
    pub loaded: bool,
    /// The Notes tab: its filter, the entries it shows (indices into `list`) and its cursor.
    pub filter: String,
    pub rows: Vec<usize>,
    pub cursor: super::ListCursor,
    /// Indices into `list` of the `needs_review` ones with a candidate, sorted by its start,
    /// and the longest candidate (drawn like `overlapping`).
    candidates: Vec<usize>,
    candidate_max_len: usize,
}

impl NotesDoc {
    /// Take the article's annotations as anchored by the store.
    pub fn set(&mut self, article_id: Option<String>, list: Vec<(Annotation, Anchored)>) {
        self.article_id = article_id;
        self.list = list
            .into_iter()
            .map(|(annotation, at)| Placed {
                annotation,
                range: at.range,
                status: at.status,
                candidate: at.candidate,
            })
            .collect();
        self.loaded = true;
        self.sort();
    }

    fn sort(&mut self) {
        // Placed, then those to review (by their candidate), then the ones not found.
        self.list.sort_by_key(|p| {
            crate::annotate::anchor::reading_order(p.range.as_ref(), p.candidate.as_ref())
        });
        self.placed = self.list.iter().filter(|p| p.range.is_some()).count();
        self.max_len = self.list[..self.placed]
            .iter()
            .filter_map(|p| p.range.as_ref().map(|r| r.len()))
            .max()
            .unwrap_or(0);
        self.sort_candidates();
        self.refilter();
    }

    /// Filter the Notes tab: every word must be in the quote or the note (case-insensitive),
    /// every `#tag` among the tags.
    pub fn set_filter(&mut self, f: &str) {
        self.filter = f.to_string();
        self.refilter();
    }

    fn refilter(&mut self) {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            // No filter: every entry (without lowercasing thousands of quotes).
            self.rows = (0..self.list.len()).collect();
            self.cursor.selected = self.cursor.selected.min(self.rows.len().saturating_sub(1));
            return;
        }
        self.rows = (0..self.list.len())
            .filter(|&i| {
                let a = &self.list[i].annotation;
                let (q, n) = (a.target.quote.to_lowercase(), a.note.to_lowercase());
                words.iter().all(|w| match w.strip_prefix('#') {
                    Some(t) => a.tags.iter().any(|x| x.to_lowercase() == t),
                    None => q.contains(w.as_str()) || n.contains(w.as_str()),
                })
            })
            .collect();
        self.cursor.selected = self.cursor.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Lines each Notes tab entry takes.
    pub const ENTRY_LINES: usize = 2;

    /// Scroll the Notes tab for a body `height` rows tall (one row for the count, one for the
    /// heading of the unplaced ones, one more when some are to review).
    pub fn scroll(&mut self, height: usize) {
        let headings = 2 + usize::from(!self.candidates.is_empty());
        let room = height.saturating_sub(headings) / Self::ENTRY_LINES;
        self.cursor.scroll(self.rows.len(), room, 1);
    }

    /// The entry selected in the Notes tab.
    pub fn selected(&self) -> Option<&Placed> {
        self.rows
            .get(self.cursor.selected)
            .and_then(|&i| self.list.get(i))
    }

    /// Add or replace (by id) an annotation placed at `range` (as its target's status says,
    /// see [`Placed::new`]).
    pub fn put(&mut self, annotation: Annotation, range: Range<usize>) {
        self.list.retain(|p| p.annotation.id != annotation.id);
        self.list.push(Placed::new(annotation, range));
        self.sort();
    }

    /// Remove an annotation by id; returns it.
    pub fn remove(&mut self, id: &str) -> Option<Placed> {
        let i = self.list.iter().position(|p| p.annotation.id == id)?;
        let p = self.list.remove(i);
        self.sort();
        Some(p)
    }

    /// The placed annotations, in reading order.
    pub fn placed(&self) -> &[Placed] {
        &self.list[..self.placed]
    }

    /// Those that could not be placed (needs review, orphaned).
    pub fn unplaced(&self) -> &[Placed] {
        &self.list[self.placed..]
    }

    /// The placed annotations overlapping `r` (time logarithmic in their number plus what
    /// starts within the longest annotation's length before `r`).
    pub fn overlapping(&self, r: &Range<usize>) -> impl Iterator<Item = &Placed> + '_ {
        let list = self.placed();
        let from = r.start.saturating_sub(self.max_len);
        let lo = list.partition_point(|p| p.range.as_ref().is_some_and(|x| x.start < from));
        let hi = list.partition_point(|p| p.range.as_ref().is_some_and(|x| x.start < r.end));
        let r = r.clone();
        list[lo..hi.max(lo)]
            .iter()
            .filter(move |p| p.range.as_ref().is_some_and(|x| x.end > r.start))
    }

    /// The first placed annotation starting after `off` (forward) or before it (back).
    pub fn next_from(&self, off: usize, forward: bool) -> Option<&Placed> {
        let list = self.placed();
        let start = |p: &Placed| p.range.as_ref().map_or(0, |r| r.start);
        if forward {
            let i = list.partition_point(|p| start(p) <= off);
            list.get(i)
        } else {
            let i = list.partition_point(|p| start(p) < off);
            i.checked_sub(1).and_then(|i| list.get(i))
        }
    }

    /// The placed annotation holding `off`, the innermost (latest starting) first.
    pub fn at(&self, off: usize) -> Option<&Placed> {
        self.overlapping(&(off..off + 1))
            .filter(|p| p.range.as_ref().is_some_and(|r| r.start <= off))
            .last()
    }

    /// Every tag used, sorted, for completion.
    pub fn tags(&self) -> Vec<String> {
        let mut t: Vec<String> = self
            .list
            .iter()
            .flat_map(|p| p.annotation.tags.iter().cloned())
            .collect();
        t.sort();
        t.dedup();
        t
    }
}

/// The colour for a count typed before the highlight key (1–5; others wrap).
pub fn color_for(count: usize) -> Color {
    let all = Color::ALL;
    all[count.saturating_sub(1) % all.len()]
}

/// One annotation change: the annotation (and where it was drawn) before and after it; `None`
/// is "not there" (before an add, after a delete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub before: Option<(Annotation, Range<usize>)>,
    pub after: Option<(Annotation, Range<usize>)>,
}

/// The most annotation changes kept for undo.
pub const MAX_HISTORY: usize = 100;

/// Annotation changes made in this article, to undo and redo.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
}

impl History {
    /// Record a change made now (what was undone cannot be redone after it).
    pub fn push(&mut self, c: Change) {
        if self.undo.len() >= MAX_HISTORY {
            self.undo.remove(0);
        }
        self.undo.push(c);
        self.redo.clear();
    }
}

impl super::App {
    /// The side panel's tabs: Notes only when the open article has annotations.
    pub fn side_tabs(&self) -> Vec<super::SideTab> {
        let notes = self.doc().is_some_and(|d| !d.notes.list.is_empty());
        super::SideTab::ALL
            .into_iter()
            .filter(|&t| notes || t != super::SideTab::Notes)
            .collect()
    }
}

// ---- Review of needs_review and fuzzy placements (issue 10) ----

impl NotesDoc {
    fn sort_candidates(&mut self) {
        let mut c: Vec<usize> = (0..self.list.len())
            .filter(|&i| self.list[i].range.is_none() && self.list[i].candidate.is_some())
            .collect();
        let start = |p: &Placed| p.candidate.as_ref().map_or(0, |r| r.start);
        c.sort_by_key(|&i| start(&self.list[i]));
        self.candidate_max_len = c
            .iter()
            .filter_map(|&i| self.list[i].candidate.as_ref().map(|r| r.len()))
            .max()
            .unwrap_or(0);
        self.candidates = c;
    }

    /// The `needs_review` candidates overlapping `r`, by start (as [`NotesDoc::overlapping`]).
    pub fn candidates_overlapping(&self, r: &Range<usize>) -> impl Iterator<Item = &Placed> + '_ {
        let from = r.start.saturating_sub(self.candidate_max_len);
        let start = |i: &usize| self.list[*i].candidate.as_ref().map_or(0, |x| x.start);
        let lo = self.candidates.partition_point(|i| start(i) < from);
        let hi = self.candidates.partition_point(|i| start(i) < r.end);
        let r = r.clone();
        self.candidates[lo..hi.max(lo)]
            .iter()
            .map(|&i| &self.list[i])
            .filter(move |p| p.candidate.as_ref().is_some_and(|x| x.end > r.start))
    }

    /// How many annotations wait for a person to look: `needs_review` and `fuzzy`.
    pub fn to_review(&self) -> usize {
        self.list
            .iter()
            .filter(|p| crate::annotate::review::wants_review(p.status))
            .count()
    }

    /// The annotation by id.
    pub fn by_id(&self, id: &str) -> Option<&Placed> {
        self.list.iter().find(|p| p.annotation.id == id)
    }
}

impl super::App {
    /// The keys that accept and reject a proposed place, as bound now (`zg`, `zw` by default),
    /// for hints; an action's name when it has no key.
    pub fn review_keys(&self) -> (String, String) {
        use crate::tui::input::{Action, Context, display_seq};
        let k = |a: Action| {
            self.keymap
                .keys_for(Context::Reader, a)
                .first()
                .map_or_else(|| a.name().to_string(), |k| display_seq(k))
        };
        (k(Action::AcceptReview), k(Action::RejectReview))
    }
}
