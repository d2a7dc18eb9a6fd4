//! Finding a target again in a text that may have changed.
//!
//! In order, stopping at the first that decides:
//! 1. the text has the target's fingerprint: the stored offsets (if they still hold the quote);
//! 2. the text the target was made on is known: its offsets are mapped through a diff between
//!    that text and this one (common prefix and suffix, then lines, then the changed lines by
//!    words); a quote still whole between its mapped ends is `anchored`, one changed by at most
//!    a quarter is `fuzzy`, and a rewritten one is `needs_review` (or `orphaned`) unless an
//!    exact copy appears in newly written text (a moved passage);
//! 3. the quote is searched: exact copies, then approximate ones (seeded by exact pieces of the
//!    quote, aligned with an edit distance), scored by quote similarity, context and position.
//!    Only a clear winner is accepted; copies that already existed elsewhere in the old text
//!    are other passages and never chosen.
//!
//! All ranges here are byte ranges; targets hold code-point offsets.

use std::ops::Range;
use std::time::Duration;

use memchr::memmem;

use super::{Status, Target, fingerprint, floor_char};

mod diff;
mod offsets;
use diff::{Seg, approx_map, diff, existed_elsewhere, map_end, map_start};
pub use offsets::Offsets;

/// A change of at most this share of the quote keeps it `fuzzy`; more is a rewrite.
const FUZZY: f64 = 0.75;
/// Below this similarity a candidate is not even worth a review.
const REVIEW: f64 = 0.5;
/// Exact copies of the quote examined at most.
const MAX_EXACT: usize = 2000;
/// Approximate candidates aligned at most.
const MAX_APPROX: usize = 48;
/// Quotes longer than this (in chars) are not aligned approximately (time bound).
const MAX_APPROX_CHARS: usize = 2000;
/// Work (about a byte scanned or a cell aligned each) that searching may spend on all the
/// targets of one [`Reanchorer`]: a text replaced wholesale under thousands of annotations costs
/// at most about a second; targets past it are left `orphaned` (tried again next time).
const WORK_BUDGET: u64 = 3_000_000_000;
/// Time allowed to the diff of two texts.
const DIFF_BUDGET: Duration = Duration::from_millis(120);

/// Where a target is in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchored {
    pub status: Status,
    /// Byte range in the text: set for `anchored` and `fuzzy` only (draw only these).
    pub range: Option<Range<usize>>,
    /// For `needs_review`: the passage that may be it, to show and confirm.
    pub candidate: Option<Range<usize>>,
}

/// Where an annotation comes in reading order: the placed ones by start, then those to
/// review (by the passage proposed), then the ones not found.
pub fn reading_order(
    range: Option<&Range<usize>>,
    candidate: Option<&Range<usize>>,
) -> (bool, bool, usize) {
    (
        range.is_none(),
        candidate.is_none(),
        range.or(candidate).map_or(0, |r| r.start),
    )
}

impl Anchored {
    /// [`reading_order`] of this placement.
    pub fn reading_order(&self) -> (bool, bool, usize) {
        reading_order(self.range.as_ref(), self.candidate.as_ref())
    }

    fn at(status: Status, r: Range<usize>) -> Anchored {
        Anchored {
            status,
            range: Some(r),
            candidate: None,
        }
    }
    fn review(r: Range<usize>) -> Anchored {
        Anchored {
            status: Status::NeedsReview,
            range: None,
            candidate: Some(r),
        }
    }
    fn orphaned() -> Anchored {
        Anchored {
            status: Status::Orphaned,
            range: None,
            candidate: None,
        }
    }
}

/// Anchor one target in `text` with no earlier text known (an imported annotation, say).
pub fn anchor(text: &str, target: &Target) -> Anchored {
    Reanchorer::new(text, None).anchor(target)
}

/// The earlier text a target may have been made on, and the diff from it.
struct Old<'a> {
    text: &'a str,
    fp: String,
    offsets: Offsets,
    segs: Vec<Seg>,
}

/// Anchors many targets in one text: the text's fingerprint, offsets and the diff from the
/// earlier text are computed once.
pub struct Reanchorer<'a> {
    text: &'a str,
    fp: String,
    offsets: Offsets,
    old: Option<Old<'a>>,
    /// Work spent searching so far, and the most it may spend (see [`WORK_BUDGET`]).
    work: std::cell::Cell<u64>,
    budget: u64,
}

impl<'a> Reanchorer<'a> {
    /// Anchor in `text`; `old` is the text last seen (targets made on it are mapped by diff).
    pub fn new(text: &'a str, old: Option<&'a str>) -> Reanchorer<'a> {
        Reanchorer::with_fingerprint(text, fingerprint(text), old)
    }

    /// [`Reanchorer::new`] with the text's fingerprint already known.
    pub fn with_fingerprint(text: &'a str, fp: String, old: Option<&'a str>) -> Reanchorer<'a> {
        let old = old.filter(|o| *o != text).map(|o| Old {
            text: o,
            fp: fingerprint(o),
            offsets: Offsets::new(o),
            segs: diff(o, text),
        });
        Reanchorer {
            text,
            fp,
            offsets: Offsets::new(text),
            old,
            work: std::cell::Cell::new(0),
            budget: WORK_BUDGET,
        }
    }

    /// Spend `n` units of the search budget; false when it is exhausted.
    fn spend(&self, n: usize) -> bool {
        let w = self.work.get().saturating_add(n as u64);
        self.work.set(w);
        w <= self.budget
    }

    /// The same, with another search budget (in units of about a byte scanned).
    pub fn with_work_budget(mut self, units: u64) -> Reanchorer<'a> {
        self.budget = units;
        self
    }

    /// The text's fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fp
    }

    /// The text's offsets.
    pub fn offsets(&self) -> &Offsets {
        &self.offsets
    }

    /// A fresh target on bytes `range` of the text.
    pub fn target(&self, range: Range<usize>) -> Target {
        let t = self.text;
        let s = floor_char(t, range.start.min(t.len()));
        let e = floor_char(t, range.end.clamp(s, t.len()));
        Target {
            quote: t[s..e].to_string(),
            prefix: super::tail_chars(&t[..s], super::CONTEXT_CHARS).to_string(),
            suffix: super::head_chars(&t[e..], super::CONTEXT_CHARS).to_string(),
            start: self.offsets.char_of(t, s),
            end: self.offsets.char_of(t, e),
            fingerprint: self.fp.clone(),
            status: Status::Anchored,
        }
    }

    /// The target as it is now: [`Reanchorer::target`] of the anchored range with the status,
    /// or `current` unchanged but for its status when it was not placed.
    pub fn retarget(&self, current: &Target, a: &Anchored) -> Target {
        match &a.range {
            Some(r) => Target {
                status: a.status,
                ..self.target(r.clone())
            },
            None => Target {
                status: a.status,
                ..current.clone()
            },
        }
    }

    /// Where `t` is in the text.
    pub fn anchor(&self, t: &Target) -> Anchored {
        let text = self.text;
        // 1. Same text: the stored offsets.
        // A `fuzzy` target stays fuzzy until a person accepts it (see [`super::review`]); one
        // orphaned on this very text (not at its offsets) was rejected here by a person and
        // stays orphaned until the text changes.
        if t.fingerprint == self.fp {
            let s = self.offsets.byte_of(text, t.start);
            let e = self.offsets.byte_of(text, t.end.max(t.start));
            if text.get(s..e) == Some(t.quote.as_str()) {
                let status = if t.status == Status::Fuzzy {
                    Status::Fuzzy
                } else {
                    Status::Anchored
                };
                return Anchored::at(status, s..e);
            }
            if t.status == Status::Orphaned {
                return Anchored::orphaned();
            }
        }
        // 2. Made on the earlier text: map through the diff.
        let mut hint = None;
        let mut old_range = None;
        if let Some(o) = self.old.as_ref().filter(|o| o.fp == t.fingerprint) {
            let s = o.offsets.byte_of(o.text, t.start);
            let e = o.offsets.byte_of(o.text, t.end.max(t.start));
            if o.text.get(s..e) == Some(t.quote.as_str()) {
                old_range = Some(s..e);
                match (map_start(&o.segs, s), map_end(&o.segs, e)) {
                    (Some(ns), Some(ne)) if ns <= ne => {
                        let now = &text[ns..ne];
                        if now == t.quote {
                            return Anchored::at(Status::Anchored, ns..ne);
                        }
                        let sim = similarity(&t.quote, now);
                        if sim >= FUZZY {
                            return Anchored::at(Status::Fuzzy, ns..ne);
                        }
                        // Rewritten where it was; unless it moved whole, a person decides.
                        if let Some(r) = self.exact_in_new_text(t, o, s) {
                            return Anchored::at(Status::Anchored, r);
                        }
                        return if sim >= REVIEW && !t.quote.is_empty() {
                            Anchored::review(ns..ne)
                        } else {
                            Anchored::orphaned()
                        };
                    }
                    _ => hint = Some(approx_map(&o.segs, s)),
                }
            }
        }
        if t.quote.is_empty() {
            return Anchored::orphaned();
        }
        // 3. Search.
        let expected = hint.unwrap_or_else(|| {
            // Where the old offset falls, scaled if the text grew or shrank.
            let b = self.offsets.byte_of(text, t.start);
            floor_char(text, b)
        });
        self.search(t, expected, old_range.as_ref(), hint.is_some())
    }

    /// An exact copy of the quote in text that the diff says is new (inserted or rewritten):
    /// the passage moved. Only a single such copy counts.
    fn exact_in_new_text(&self, t: &Target, o: &Old<'_>, old_start: usize) -> Option<Range<usize>> {
        if t.quote.is_empty() || !self.spend(self.text.len()) {
            return None;
        }
        let mut found = None;
        for p in memmem::find_iter(self.text.as_bytes(), t.quote.as_bytes()).take(MAX_EXACT) {
            if existed_elsewhere(&o.segs, p..p + t.quote.len(), old_start) {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(p..p + t.quote.len());
        }
        found
    }

    fn search(
        &self,
        t: &Target,
        expected: usize,
        old_range: Option<&Range<usize>>,
        mapped_hint: bool,
    ) -> Anchored {
        let text = self.text;
        let q = t.quote.as_str();
        let elsewhere = |r: &Range<usize>| match (&self.old, old_range) {
            (Some(o), Some(or)) => existed_elsewhere(&o.segs, r.clone(), or.start),
            _ => false,
        };
        let score = |r: &Range<usize>, sim: f64| -> Cand {
            let ctx = (context(&t.prefix, &text[..r.start], true)
                + context(&t.suffix, &text[r.end..], false))
                / 2.0;
            let dist = r.start.abs_diff(expected) as f64 / text.len().max(1) as f64;
            // Offsets of a target from elsewhere (no fingerprint) say nothing.
            let known = !t.fingerprint.is_empty();
            Cand {
                range: r.clone(),
                sim,
                ctx,
                pos: if known { 1.0 - dist.min(1.0) } else { 0.0 },
            }
        };
        // Exact copies.
        if !self.spend(text.len()) {
            return Anchored::orphaned();
        }
        let mut cands: Vec<Cand> = memmem::find_iter(text.as_bytes(), q.as_bytes())
            .take(MAX_EXACT)
            .map(|p| p..p + q.len())
            .filter(|r| !elsewhere(r))
            .filter(|_| self.spend(5000))
            .map(|r| score(&r, 1.0))
            .collect();
        if !cands.is_empty() {
            return decide(cands, q, true, mapped_hint);
        }
        // Approximate copies.
        let qchars: Vec<char> = q.chars().collect();
        if qchars.len() < 8 || qchars.len() > MAX_APPROX_CHARS {
            return Anchored::orphaned();
        }
        if !self.spend(text.len().saturating_mul(8)) {
            return Anchored::orphaned();
        }
        for start in seeds(text, q, expected) {
            let slack = q.len() / 4 + 16;
            let ws = floor_char(text, start.saturating_sub(slack));
            let we = floor_char(text, (start + q.len() + slack).min(text.len()));
            if !self.spend(qchars.len().saturating_mul(we - ws) + 5000) {
                break;
            }
            let Some((dist, r)) = align(&qchars, &text[ws..we]) else {
                continue;
            };
            let r = ws + r.start..ws + r.end;
            if cands.iter().any(|c| overlaps(&c.range, &r)) || elsewhere(&r) {
                continue;
            }
            let sim =
                (1.0 - dist as f64 / qchars.len() as f64).min(word_similarity(q, &text[r.clone()]));
            cands.push(score(&r, sim));
        }
        cands.retain(|c| c.sim >= REVIEW);
        if cands.is_empty() {
            return Anchored::orphaned();
        }
        decide(cands, q, false, mapped_hint)
    }
}

#[derive(Debug, Clone)]
struct Cand {
    range: Range<usize>,
    /// Quote similarity, 0..=1.
    sim: f64,
    /// Context (prefix and suffix) similarity, 0..=1.
    ctx: f64,
    /// Nearness to the expected place, 0..=1.
    pos: f64,
}

/// Pick a clear winner among candidates, or say it needs review.
fn decide(mut cands: Vec<Cand>, quote: &str, exact: bool, mapped_hint: bool) -> Anchored {
    let total = |c: &Cand| 2.0 * c.sim + c.ctx + 0.25 * c.pos;
    cands.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let best = &cands[0];
    let margin = cands
        .get(1)
        .map_or(f64::INFINITY, |c| total(best) - total(c));
    // A short quote is only trusted with its context or a mapped place.
    let distinctive =
        quote.chars().count() >= 32 || best.ctx >= 0.5 || (mapped_hint && best.pos > 0.99);
    let clear = margin >= 0.15;
    if exact && clear && distinctive {
        return Anchored::at(Status::Anchored, best.range.clone());
    }
    if !exact && best.sim >= FUZZY && clear && (best.ctx >= 0.3 || (mapped_hint && best.pos > 0.99))
    {
        return Anchored::at(Status::Fuzzy, best.range.clone());
    }
    if best.sim >= FUZZY || exact {
        return Anchored::review(best.range.clone());
    }
    Anchored::orphaned()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// How well `want` (a prefix when `before`, a suffix otherwise) matches the text next to a
/// candidate, 0..=1. Empty context (the edge of the text, or not known) says nothing: 0.5.
fn context(want: &str, side: &str, before: bool) -> f64 {
    let n = want.chars().count();
    if n == 0 {
        return 0.5;
    }
    let got = if before {
        super::tail_chars(side, n)
    } else {
        super::head_chars(side, n)
    };
    similarity(want, got)
}

/// Start offsets worth aligning the quote at: where exact pieces of it occur (shifted back by
/// the piece's place in the quote), and `expected`.
fn seeds(text: &str, q: &str, expected: usize) -> Vec<usize> {
    let chars: Vec<(usize, char)> = q.char_indices().collect();
    let n = chars.len();
    let len = (n / 4).clamp(4, 16);
    let mut out = vec![expected];
    let pieces = 8.min(n / len).max(1);
    for k in 0..pieces {
        let c0 = if pieces == 1 {
            0
        } else {
            k * (n - len) / (pieces - 1)
        };
        let b0 = chars[c0].0;
        let b1 = chars.get(c0 + len).map_or(q.len(), |&(i, _)| i);
        let piece = &q.as_bytes()[b0..b1];
        for p in memmem::find_iter(text.as_bytes(), piece).take(MAX_APPROX) {
            out.push(p.saturating_sub(b0));
        }
    }
    out.sort_unstable();
    // Nearby seeds align the same window: keep one per quote length.
    let mut kept: Vec<usize> = Vec::new();
    for s in out {
        if kept.last().is_none_or(|&l| s > l + q.len() / 2) {
            kept.push(s);
        }
    }
    if kept.len() > MAX_APPROX {
        kept.sort_by_key(|&s| s.abs_diff(expected));
        kept.truncate(MAX_APPROX);
    }
    kept
}

/// The best approximate place of `q` in `w`: (edit distance, byte range in `w`). Semi-global:
/// the whole quote against any part of the window. O(|q| × |w|).
fn align(q: &[char], w: &str) -> Option<(usize, Range<usize>)> {
    let wc: Vec<(usize, char)> = w.char_indices().collect();
    if wc.is_empty() {
        return None;
    }
    let m = wc.len();
    // prev[j]: cost of aligning q[..i] ending before window char j; start[j]: where it began.
    let mut prev: Vec<usize> = vec![0; m + 1];
    let mut pstart: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0; m + 1];
    let mut cstart = vec![0; m + 1];
    for (i, &qc) in q.iter().enumerate() {
        cur[0] = i + 1;
        cstart[0] = 0;
        for j in 1..=m {
            let sub = prev[j - 1] + usize::from(wc[j - 1].1 != qc);
            let del = prev[j] + 1; // quote char missing from the window
            let ins = cur[j - 1] + 1; // extra window char
            let (c, s) = if sub <= del && sub <= ins {
                (sub, pstart[j - 1])
            } else if del <= ins {
                (del, pstart[j])
            } else {
                (ins, cstart[j - 1])
            };
            cur[j] = c;
            cstart[j] = s;
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut pstart, &mut cstart);
    }
    let (end, &d) = prev.iter().enumerate().min_by_key(|&(j, &c)| (c, j))?;
    let byte = |j: usize| wc.get(j).map_or(w.len(), |&(b, _)| b);
    let s = pstart[end];
    Some((d, byte(s)..byte(end)))
}

/// Similarity of two strings, 0..=1: the lower of the character and the word edit ratios (so a
/// replaced word in a short quote counts for what it is).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let n = ac.len().max(bc.len());
    if n == 0 {
        return 1.0;
    }
    let words = word_similarity(a, b);
    if ac.len().saturating_mul(bc.len()) > 4_000_000 {
        return words;
    }
    let chars = 1.0 - levenshtein(&ac, &bc) as f64 / n as f64;
    chars.min(words)
}

fn word_similarity(a: &str, b: &str) -> f64 {
    let aw: Vec<&str> = a.split_whitespace().collect();
    let bw: Vec<&str> = b.split_whitespace().collect();
    let n = aw.len().max(bw.len());
    if n == 0 {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    if aw.len().saturating_mul(bw.len()) > 4_000_000 {
        // Too long to compare word by word in bounded time: compare lengths only.
        return aw.len().min(bw.len()) as f64 / n as f64 * 0.5;
    }
    1.0 - levenshtein(&aw, &bw) as f64 / n as f64
}

fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

// ---- the diff ----

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_both_ways() {
        let s = "aé€😀b".repeat(700);
        let o = Offsets::new(&s);
        let idx = crate::article::text::CharIndex::new(&s);
        for (ch, (b, _)) in s.char_indices().enumerate() {
            assert_eq!(o.char_of(&s, b), ch);
            assert_eq!(o.byte_of(&s, ch), b);
            assert_eq!(idx.char_of(&s, b), ch);
        }
        assert_eq!(o.byte_of(&s, usize::MAX / 2), s.len());
    }

    #[test]
    fn diff_maps_unchanged_text() {
        let old = "One line.\nTwo words here.\nThree.\n";
        let new = "Zero.\nOne line.\nTwo words there.\nThree.\n";
        let segs = diff(old, new);
        let p = old.find("Three").unwrap();
        assert_eq!(&new[map_start(&segs, p).unwrap()..][..5], "Three");
        let w = old.find("words").unwrap();
        assert_eq!(&new[map_start(&segs, w).unwrap()..][..5], "words");
        // A changed word is changed whole ("here" is not kept inside "there").
        assert!(map_start(&segs, old.find("here").unwrap()).is_none());
    }

    #[test]
    fn alignment_finds_a_close_copy() {
        let q: Vec<char> = "the quick brown fox".chars().collect();
        let (d, r) = align(&q, "xx the quikc brown fox yy").unwrap();
        assert_eq!(d, 2);
        assert_eq!(&"xx the quikc brown fox yy"[r], "the quikc brown fox");
        assert!(similarity("tariffs rose sharply", "duties rose sharply") < FUZZY);
    }
}
