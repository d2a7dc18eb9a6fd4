//! The diff from the text an annotation was made on to the text now, by words then
//! characters, and offsets mapped through it.

use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffOp};

use super::{DIFF_BUDGET, floor_char};

/// One run of a diff: `old` became `new`, unchanged when `equal`.
#[derive(Debug, Clone)]
pub(super) struct Seg {
    pub(super) old: Range<usize>,
    pub(super) new: Range<usize>,
    pub(super) equal: bool,
}

/// Runs that take `old` to `new`, in order of both: common prefix and suffix first, the middle
/// by lines, changed lines again by words. Bounded by [`DIFF_BUDGET`] (past it, a coarser diff).
pub(super) fn diff(old: &str, new: &str) -> Vec<Seg> {
    let deadline = Instant::now() + DIFF_BUDGET;
    let (ob, nb) = (old.as_bytes(), new.as_bytes());
    let mut p = ob.iter().zip(nb).take_while(|(a, b)| a == b).count();
    p = floor_char(old, p);
    while !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = (ob.len() - p).min(nb.len() - p);
    let mut s = ob[ob.len() - max_s..]
        .iter()
        .rev()
        .zip(nb[nb.len() - max_s..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while s > 0 && !(old.is_char_boundary(ob.len() - s) && new.is_char_boundary(nb.len() - s)) {
        s -= 1;
    }
    // Cut at word boundaries: a changed word is changed whole.
    let mid_word = |t: &str, i: usize| {
        t[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && t[i..].chars().next().is_some_and(char::is_alphanumeric)
    };
    while p > 0 && (mid_word(old, p) || mid_word(new, p)) {
        p = floor_char(old, p - 1);
    }
    while s > 0 && (mid_word(old, ob.len() - s) || mid_word(new, nb.len() - s)) {
        let c = old[ob.len() - s..].chars().next().map_or(1, char::len_utf8);
        s -= c;
    }
    let mut segs = Vec::new();
    push(&mut segs, 0..p, 0..p, true);
    let om = p..ob.len() - s;
    let nm = p..nb.len() - s;
    tokens_diff(old, new, om, nm, Tok::Lines, deadline, &mut segs);
    push(
        &mut segs,
        ob.len() - s..ob.len(),
        nb.len() - s..nb.len(),
        true,
    );
    segs
}

#[derive(Clone, Copy)]
pub(super) enum Tok {
    Lines,
    Words,
}

/// Token ranges of `s[r]`: lines (with their `\n`), or words (runs of alphanumerics, single
/// other chars).
pub(super) fn tokenize(s: &str, r: Range<usize>, tok: Tok) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    match tok {
        Tok::Lines => {
            for i in memchr::memchr_iter(b'\n', &s.as_bytes()[r.clone()]) {
                out.push(start..r.start + i + 1);
                start = r.start + i + 1;
            }
            if start < r.end {
                out.push(start..r.end);
            }
        }
        Tok::Words => {
            let mut word = false;
            for (i, c) in s[r.clone()].char_indices() {
                let i = r.start + i;
                let alnum = c.is_alphanumeric();
                if i > start && !(alnum && word) {
                    out.push(start..i);
                    start = i;
                }
                word = alnum;
            }
            if start < r.end {
                out.push(start..r.end);
            }
        }
    }
    out
}

pub(super) fn tokens_diff(
    old: &str,
    new: &str,
    om: Range<usize>,
    nm: Range<usize>,
    tok: Tok,
    deadline: Instant,
    segs: &mut Vec<Seg>,
) {
    if om.is_empty() || nm.is_empty() {
        push(segs, om, nm, false);
        return;
    }
    let ot = tokenize(old, om.clone(), tok);
    let nt = tokenize(new, nm.clone(), tok);
    let ow: Vec<&str> = ot.iter().map(|r| &old[r.clone()]).collect();
    let nw: Vec<&str> = nt.iter().map(|r| &new[r.clone()]).collect();
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &ow, &nw, Some(deadline));
    let span = |t: &[Range<usize>], i: usize, n: usize, at: usize| -> Range<usize> {
        if n == 0 {
            let p = t.get(i).map_or(at, |r| r.start);
            p..p
        } else {
            t[i].start..t[i + n - 1].end
        }
    };
    for op in ops {
        let (oi, ol, ni, nl, equal) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len, true),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0, false),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len, false),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len, false),
        };
        let o = span(&ot, oi, ol, om.end);
        let n = span(&nt, ni, nl, nm.end);
        let small = o.len() <= 64 * 1024 && n.len() <= 64 * 1024;
        if !equal
            && matches!(tok, Tok::Lines)
            && ol > 0
            && nl > 0
            && small
            && Instant::now() < deadline
        {
            tokens_diff(old, new, o, n, Tok::Words, deadline, segs);
        } else {
            push(segs, o, n, equal);
        }
    }
}

/// Append a run, merging it with the last when both are of one kind.
pub(super) fn push(segs: &mut Vec<Seg>, old: Range<usize>, new: Range<usize>, equal: bool) {
    if old.is_empty() && new.is_empty() {
        return;
    }
    if let Some(l) = segs.last_mut()
        && l.equal == equal
        && l.old.end == old.start
        && l.new.end == new.start
    {
        l.old.end = old.end;
        l.new.end = new.end;
        return;
    }
    segs.push(Seg { old, new, equal });
}

/// Where old byte `b` (a start) is in the new text, when it lies in unchanged text.
pub(super) fn map_start(segs: &[Seg], b: usize) -> Option<usize> {
    let i = segs.partition_point(|s| s.old.end <= b);
    let s = segs.get(i)?;
    (s.equal && s.old.start <= b).then(|| s.new.start + (b - s.old.start))
}

/// Where old byte `b` (an end) is in the new text, when it lies in unchanged text.
pub(super) fn map_end(segs: &[Seg], b: usize) -> Option<usize> {
    let i = segs.partition_point(|s| s.old.end < b);
    let s = segs.get(i)?;
    (s.equal && (s.old.start < b || b == 0)).then(|| s.new.start + (b - s.old.start))
}

/// Roughly where old byte `b` is in the new text (in a changed run: its start).
pub(super) fn approx_map(segs: &[Seg], b: usize) -> usize {
    let i = segs.partition_point(|s| s.old.end <= b);
    match segs.get(i) {
        Some(s) if s.equal => s.new.start + (b - s.old.start),
        Some(s) => s.new.start + (b - s.old.start).min(s.new.len()),
        None => segs.last().map_or(0, |s| s.new.end),
    }
}

/// Whether new bytes `r` are unchanged text that stood elsewhere than `old_start` in the old
/// text: another passage that was there before, never the one looked for.
pub(super) fn existed_elsewhere(segs: &[Seg], r: Range<usize>, old_start: usize) -> bool {
    let i = segs.partition_point(|s| s.new.end <= r.start);
    let Some(s) = segs.get(i) else {
        return false;
    };
    if !s.equal || s.new.start > r.start || s.new.end < r.end {
        return false;
    }
    s.old.start + (r.start - s.new.start) != old_start
}
