//! Incremental search with smart case: all matches are found with a substring scan (memchr),
//! the current one unfolds what hides it.

use std::ops::Range;

use memchr::memmem;

use super::Reader;

#[derive(Debug, Default)]
pub struct Search {
    pub query: String,
    /// Byte ranges of all matches in the article text, in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// ASCII-lowercased copy of the text, built on the first case-insensitive search.
    lower: Option<String>,
}

/// A search's pattern, matches and current match, put aside while a new search is typed, to
/// come back if that one finds nothing or is cancelled (as vim keeps the last pattern).
#[derive(Debug, Clone, Default)]
pub struct Saved {
    query: String,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
}

/// Lowercase every char whose lowercase is a single char of the same UTF-8 length (A→a, Ü→ü,
/// É→é, Σ→σ), keeping the others (İ): byte offsets in the folded text match the original's.
pub fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Smart case: a query with an uppercase letter is case-sensitive.
pub fn is_case_sensitive(q: &str) -> bool {
    q.chars().any(char::is_uppercase)
}

impl Search {
    /// Find every match of `query` in `text`.
    pub fn find_all(&mut self, text: &str, query: &str) {
        self.query = query.to_string();
        self.matches.clear();
        self.current = None;
        if query.is_empty() {
            return;
        }
        let (hay, needle): (&str, String) = if is_case_sensitive(query) {
            (text, query.to_string())
        } else {
            let lower = self.lower.get_or_insert_with(|| fold_case(text));
            (lower.as_str(), fold_case(query))
        };
        let finder = memmem::Finder::new(needle.as_bytes());
        self.matches = finder
            .find_iter(hay.as_bytes())
            .filter(|&s| text.is_char_boundary(s) && text.is_char_boundary(s + needle.len()))
            .map(|s| s..s + needle.len())
            .collect();
    }

    /// Put this search aside (leaving no search), keeping the case-folded text.
    pub fn take_saved(&mut self) -> Saved {
        Saved {
            query: std::mem::take(&mut self.query),
            matches: std::mem::take(&mut self.matches),
            current: self.current.take(),
        }
    }

    /// Bring back a search put aside by [`Search::take_saved`].
    pub fn restore(&mut self, saved: Saved) {
        self.query = saved.query;
        self.matches = saved.matches;
        self.current = saved.current;
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
        Some(match (self.current, self.matches.len()) {
            (_, 0) => format!("/{}: no match", self.query),
            (Some(c), n) => format!("/{} [{}/{}]", self.query, c + 1, n),
            (None, n) => format!("/{} [{n}]", self.query),
        })
    }
}

impl Reader {
    /// Search for `query` and go to the first match at or after byte offset `from`.
    pub fn search_from(&mut self, query: &str, from: usize) {
        let text = &self.article.text;
        self.search.find_all(text, query);
        if self.search.matches.is_empty() {
            return;
        }
        let k = self.search.matches.partition_point(|m| m.start < from);
        self.goto_match(if k < self.search.matches.len() { k } else { 0 });
    }

    fn goto_match(&mut self, k: usize) {
        self.search.current = Some(k);
        let pos = self.search.matches[k].start;
        if let Some(b) = self.article.block_at(pos) {
            self.goto_block(b);
            self.show_offset(b, pos);
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    pub fn search_step(&mut self, forward: bool, count: usize) {
        let n = self.search.matches.len();
        if n == 0 {
            return;
        }
        let cur_pos = self
            .article
            .blocks
            .get(self.cursor)
            .map_or(0, |b| b.range.start);
        // Position "before" the first step: the current match, or between matches at the cursor.
        let steps = count.max(1) % n;
        let k = match (self.search.current, forward) {
            (Some(c), true) => (c + steps) % n,
            (Some(c), false) => (c + n - steps) % n,
            (None, true) => {
                let next = self.search.matches.partition_point(|m| m.start < cur_pos);
                (next + steps + n - 1) % n
            }
            (None, false) => {
                let next = self.search.matches.partition_point(|m| m.start < cur_pos);
                (next + n - steps) % n
            }
        };
        self.goto_match(k);
    }

    pub fn clear_search(&mut self) {
        self.search.query.clear();
        self.search.matches.clear();
        self.search.current = None;
    }
}
