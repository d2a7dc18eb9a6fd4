//! Incremental search: all matches are found with the article's one matcher
//! ([`crate::article::pattern`]: smart case, typographic folding, `\v` regular expressions);
//! the current one unfolds what hides it.

use std::ops::Range;

use super::Reader;
use crate::article::pattern::Pattern;

#[derive(Debug, Default)]
pub struct Search {
    pub query: String,
    /// Byte ranges of all matches in the article text, in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// Why the pattern is bad (a `\v` regular expression that does not compile).
    pub error: Option<String>,
    /// The search was typed after `?`: it goes backward, and `n` keeps going backward (as in
    /// vim and less; `N` goes the other way).
    pub backward: bool,
}

/// A search's pattern, matches and current match, put aside while a new search is typed, to
/// come back if that one finds nothing or is cancelled (as vim keeps the last pattern).
#[derive(Debug, Clone, Default)]
pub struct Saved {
    query: String,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
    backward: bool,
}

impl Search {
    /// Find every match of `query` in `text`.
    pub fn find_all(&mut self, text: &str, query: &str) {
        self.query = query.to_string();
        self.matches.clear();
        self.current = None;
        self.error = None;
        if query.is_empty() {
            return;
        }
        match Pattern::new(query) {
            Ok(p) => self.matches = p.find_iter(text).collect(),
            Err(e) => self.error = Some(e),
        }
    }

    /// Put this search aside (leaving no search), keeping the case-folded text.
    pub fn take_saved(&mut self) -> Saved {
        self.error = None;
        Saved {
            query: std::mem::take(&mut self.query),
            matches: std::mem::take(&mut self.matches),
            current: self.current.take(),
            backward: std::mem::take(&mut self.backward),
        }
    }

    /// Bring back a search put aside by [`Search::take_saved`].
    pub fn restore(&mut self, saved: Saved) {
        self.query = saved.query;
        self.matches = saved.matches;
        self.current = saved.current;
        self.backward = saved.backward;
    }

    /// Matches overlapping `range`, for highlighting one screen row.
    pub fn in_range(&self, range: &Range<usize>) -> &[Range<usize>] {
        let lo = self.matches.partition_point(|m| m.end <= range.start);
        let hi = self.matches.partition_point(|m| m.start < range.end);
        &self.matches[lo..hi.max(lo)]
    }

    pub fn status(&self) -> Option<String> {
        if self.query.is_empty() {
            return None;
        }
        let lead = if self.backward { '?' } else { '/' };
        if let Some(e) = &self.error {
            return Some(format!("{lead}{}: {e}", self.query));
        }
        Some(match (self.current, self.matches.len()) {
            (_, 0) => format!("{lead}{}: no match", self.query),
            (Some(c), n) => format!("{lead}{} [{}/{}]", self.query, c + 1, n),
            (None, n) => format!("{lead}{} [{n}]", self.query),
        })
    }
}

impl Reader {
    /// Search for `query` and go to the first match at or after byte offset `from`, or for a
    /// backward search (`?`) the last match before it; both wrap around.
    pub fn search_from(&mut self, query: &str, from: usize) {
        let text = &self.article.text;
        self.search.find_all(text, query);
        let n = self.search.matches.len();
        if n == 0 {
            return;
        }
        let k = self.search.matches.partition_point(|m| m.start < from);
        self.goto_match(match (self.search.backward, k) {
            (true, 0) => n - 1,
            (true, k) => k - 1,
            (false, k) if k < n => k,
            (false, _) => 0,
        });
    }

    fn goto_match(&mut self, k: usize) {
        self.search.current = Some(k);
        let pos = self.search.matches[k].start;
        if let Some(b) = self.article.block_at(pos) {
            self.land_on(b);
            self.show_offset(b, pos);
        }
    }

    /// `n` / `N`: the `count`-th match after (before) the cursor, wrapping around; true when
    /// the search wrapped. The current match counts as the cursor's place while the cursor is
    /// on its block; elsewhere, the start of the cursor's block does (a match starting there
    /// is "after" it).
    pub fn search_step(&mut self, forward: bool, count: usize) -> bool {
        let n = self.search.matches.len();
        if n == 0 {
            return false;
        }
        let block = self
            .article
            .blocks
            .get(self.cursor)
            .map(|b| b.range.clone());
        let cur_pos = block.as_ref().map_or(0, |b| b.start);
        let current = self.search.current.filter(|&c| {
            let m = &self.search.matches[c];
            block
                .as_ref()
                .is_some_and(|b| m.start >= b.start && m.start < b.end.max(b.start + 1))
        });
        let steps = (count.max(1) - 1) % n;
        // `first`: the first step's match (unwrapped index, may equal n or be -1 before wrap).
        let first: isize = match (current, forward) {
            (Some(c), true) => c as isize + 1,
            (Some(c), false) => c as isize - 1,
            (None, true) => self.search.matches.partition_point(|m| m.start < cur_pos) as isize,
            (None, false) => {
                self.search.matches.partition_point(|m| m.start < cur_pos) as isize - 1
            }
        };
        let k = if forward {
            first + steps as isize
        } else {
            first - steps as isize
        };
        let wrapped = k < 0 || k >= n as isize;
        self.goto_match(k.rem_euclid(n as isize) as usize);
        wrapped
    }

    pub fn clear_search(&mut self) {
        self.search.error = None;
        self.search.query.clear();
        self.search.matches.clear();
        self.search.current = None;
    }
}
