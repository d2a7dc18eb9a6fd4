//! Extracted key points: the most representative sentences of a section without lists.
//!
//! Each candidate sentence gets a score that adds
//! - its TextRank centrality (Mihalcea & Tarau 2004): a graph of sentences weighted by the overlap
//!   of their content words, normalized by `ln|Si| + ln|Sj|`, ranked by weighted PageRank, then
//!   scaled to 0..1 within the section, and weighted less in sections of few sentences;
//! - cue phrases typical of policy writing ("key", "must", "should", "recommend", "in short",
//!   "the central", "therefore", …);
//! - position: the first sentences of a section, and of each paragraph, weigh a bit more.
//!
//! TextRank is quadratic, so only the first [`RANK_CAP`] sentences of a section are ranked; the
//! rest compete on cue phrases and position alone. The whole pass stays linear in the text.

use std::ops::Range;

use crate::article::model::{Article, BlockKind};
use crate::article::text::{Sentences, sentences};

use super::MAX_EXTRACTED_PER_SECTION;
use super::words::*;

/// Sentences of a section ranked by TextRank; later ones get cue and position scores only.
pub(super) const RANK_CAP: usize = 60;

const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 20;
/// Only the order of the scores matters, so a loose tolerance will do.
const EPSILON: f64 = 1e-3;

const W_RANK: f64 = 1.0;
/// A graph of few sentences says little about centrality: the TextRank weight reaches
/// [`W_RANK`] at this many ranked sentences, and scales down linearly below.
const FULL_RANK_AT: usize = 10;
const W_CUE: f64 = 0.75;
const MAX_CUES: usize = 2;
const W_POSITION: [f64; 2] = [0.4, 0.15];
const W_PARAGRAPH_START: f64 = 0.1;
const SHORT_SENTENCE_WORDS: usize = 5;
const SHORT_PENALTY: f64 = 0.5;
const QUESTION_PENALTY: f64 = 0.2;

/// A candidate sentence.
struct Candidate {
    block: usize,
    range: Range<usize>,
    /// Index among the section's sentences.
    index: usize,
    paragraph_start: bool,
}

/// Scratch buffers, reused from one section to the next.
#[derive(Default)]
pub(super) struct Ranker {
    cands: Vec<Candidate>,
    scans: Vec<Scan>,
    scratch: Vec<u64>,
    vocab: Vocab,
    /// Dense word ids of the ranked sentences, back to back; `spans` delimits them.
    ids: Vec<u32>,
    spans: Vec<Range<usize>>,
    /// `ln` of each ranked sentence's content-word count (repeats included), at least 0.
    log_len: Vec<f64>,
    /// One bitset over the section's vocabulary per ranked sentence.
    bits: Vec<u64>,
    matrix: Vec<f64>,
    score: Vec<f64>,
    next: Vec<f64>,
}

impl Ranker {
    /// The sentences to extract from section `section`, as `(paragraph block, byte range)` in
    /// document order: none when the section has fewer than 2 sentences of paragraph text,
    /// else up to [`MAX_EXTRACTED_PER_SECTION`] (fewer for short sections).
    pub(super) fn pick(&mut self, a: &Article, section: usize) -> Vec<(usize, Range<usize>)> {
        self.candidates(a, section);
        let total = self.cands.len();
        if total < 2 {
            return Vec::new();
        }
        // Lead-in sentences ("… include:") introduce something else: not points on their own.
        let is_lead_in = |c: &Candidate| a.text[c.range.clone()].ends_with(':');
        if !self.cands.iter().all(is_lead_in) {
            self.cands.retain(|c| !is_lead_in(c));
        }
        // A sentence repeated word for word (boilerplate) is one candidate: its copies would
        // rank each other up.
        let mut seen = std::collections::HashSet::new();
        self.cands.retain(|c| seen.insert(&a.text[c.range.clone()]));
        let want = wanted(total, self.cands.len());

        let ranked = self.cands.len().min(RANK_CAP);
        self.vocab.reset(ranked * 16);
        self.ids.clear();
        self.spans.clear();
        self.log_len.clear();
        self.scans.clear();
        for (i, c) in self.cands.iter().enumerate() {
            let s = &a.text[c.range.clone()];
            if i < ranked {
                self.scratch.clear();
                self.scans.push(scan(s, Some(&mut self.scratch)));
                let from = self.ids.len();
                for &h in &self.scratch {
                    self.ids.push(self.vocab.id(h));
                }
                self.spans.push(from..self.ids.len());
                self.log_len.push((self.scratch.len().max(1) as f64).ln());
            } else {
                self.scans.push(scan(s, None));
            }
        }
        self.textrank();
        let centrality = normalized(&self.score);
        let w_rank = W_RANK * (ranked.min(FULL_RANK_AT) as f64 / FULL_RANK_AT as f64);

        let mut scored: Vec<(f64, usize)> = self
            .cands
            .iter()
            .zip(&self.scans)
            .enumerate()
            .map(|(i, (c, sc))| {
                let mut score = w_rank * centrality.get(i).copied().unwrap_or(0.0);
                score += W_CUE * sc.cues.min(MAX_CUES) as f64;
                score += W_POSITION.get(c.index).copied().unwrap_or(0.0);
                if c.paragraph_start {
                    score += W_PARAGRAPH_START;
                }
                if sc.words < SHORT_SENTENCE_WORDS {
                    score -= SHORT_PENALTY;
                }
                if a.text[c.range.clone()].ends_with('?') {
                    score -= QUESTION_PENALTY;
                }
                (score, i)
            })
            .collect();
        // Best first; ties go to the earlier sentence.
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut chosen: Vec<usize> = scored.iter().take(want).map(|&(_, i)| i).collect();
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|i| (self.cands[i].block, self.cands[i].range.clone()))
            .collect()
    }

    /// The section's paragraph sentences. Past the first [`RANK_CAP`] sentences only cue and
    /// position scores count, and a sentence without a cue cannot beat three ranked ones, so
    /// paragraphs without any cue word are skipped there without being split.
    fn candidates(&mut self, a: &Article, section: usize) {
        self.cands.clear();
        for bi in a.sections[section].blocks.clone() {
            let b = &a.blocks[bi];
            if !matches!(b.kind, BlockKind::Paragraph) {
                continue;
            }
            let para = &a.text[b.range.clone()];
            if self.cands.len() >= RANK_CAP && !has_cue(para) {
                continue;
            }
            for (k, r) in sentences(para).into_iter().enumerate() {
                self.cands.push(Candidate {
                    block: bi,
                    range: b.range.start + r.start..b.range.start + r.end,
                    index: self.cands.len(),
                    paragraph_start: k == 0,
                });
            }
        }
    }

    /// Weighted PageRank over the similarity graph of the ranked sentences (`spans`), into
    /// `score`. Similarity: `|Si ∩ Sj| / (ln|Si| + ln|Sj|)` (denominator at least 1), the
    /// intersection counted on bitsets over the section's vocabulary.
    fn textrank(&mut self) {
        let n = self.spans.len();
        let words = self.vocab.len.div_ceil(64).max(1);
        self.bits.clear();
        self.bits.resize(n * words, 0);
        for (i, span) in self.spans.iter().enumerate() {
            let row = &mut self.bits[i * words..(i + 1) * words];
            for &id in &self.ids[span.clone()] {
                row[id as usize / 64] |= 1 << (id % 64);
            }
        }
        // matrix[i * n + j]: the share of j's score that flows to i.
        let m = &mut self.matrix;
        m.clear();
        m.resize(n * n, 0.0);
        for i in 0..n {
            let bi = &self.bits[i * words..(i + 1) * words];
            for j in i + 1..n {
                let bj = &self.bits[j * words..(j + 1) * words];
                let common: u32 = bi.iter().zip(bj).map(|(x, y)| (x & y).count_ones()).sum();
                if common > 0 {
                    let w = f64::from(common) / (self.log_len[i] + self.log_len[j]).max(1.0);
                    m[i * n + j] = w;
                    m[j * n + i] = w;
                }
            }
        }
        // Symmetric weights: a column's sum is its row's.
        let out_sum: Vec<f64> = m.chunks_exact(n.max(1)).map(|r| r.iter().sum()).collect();
        for row in m.chunks_exact_mut(n.max(1)) {
            for (x, &o) in row.iter_mut().zip(&out_sum) {
                if o > 0.0 {
                    *x /= o;
                }
            }
        }
        self.score.clear();
        self.score.resize(n, 1.0);
        self.next.clear();
        self.next.resize(n, 0.0);
        for _ in 0..ITERATIONS {
            let mut delta = 0.0f64;
            for (i, row) in m.chunks_exact(n.max(1)).enumerate() {
                let inflow = dot(row, &self.score);
                self.next[i] = (1.0 - DAMPING) + DAMPING * inflow;
                delta = delta.max((self.next[i] - self.score[i]).abs());
            }
            std::mem::swap(&mut self.score, &mut self.next);
            if delta < EPSILON {
                break;
            }
        }
    }
}

/// How many sentences to extract from a section of `total` candidate sentences, `kept` of
/// them left after lead-in sentences are dropped: 1 up to 3 sentences, 2 up to 6, else
/// [`MAX_EXTRACTED_PER_SECTION`]; never more than are kept.
fn wanted(total: usize, kept: usize) -> usize {
    if total < 2 {
        return 0;
    }
    match total {
        0..=3 => 1,
        4..=6 => 2,
        _ => MAX_EXTRACTED_PER_SECTION,
    }
    .min(kept)
}

/// How many sentences [`Ranker::pick`] extracts from section `section`, without ranking:
/// it reads sentences only until the answer cannot change (7 sentences, 3 different ones
/// that are not lead-ins), so it costs a few sentences per section however long it is.
pub(super) fn count(a: &Article, section: usize) -> usize {
    const ENOUGH: usize = 7;
    let mut total = 0;
    // Up to 3 different sentences: not lead-ins, and any (for sections of lead-ins only).
    let mut kept: Vec<&str> = Vec::new();
    let mut any: Vec<&str> = Vec::new();
    fn note<'a>(v: &mut Vec<&'a str>, s: &'a str) {
        if v.len() < MAX_EXTRACTED_PER_SECTION && !v.contains(&s) {
            v.push(s);
        }
    }
    for bi in a.sections[section].blocks.clone() {
        let b = &a.blocks[bi];
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        let para = &a.text[b.range.clone()];
        // As in `candidates`.
        if total >= RANK_CAP && !has_cue(para) {
            continue;
        }
        for r in Sentences::new(para) {
            total += 1;
            let s = &para[r];
            note(&mut any, s);
            if !s.ends_with(':') {
                note(&mut kept, s);
            }
            if total >= ENOUGH && kept.len() >= MAX_EXTRACTED_PER_SECTION {
                return MAX_EXTRACTED_PER_SECTION;
            }
        }
    }
    // When every sentence is a lead-in, they are all kept.
    wanted(
        total,
        if kept.is_empty() {
            any.len()
        } else {
            kept.len()
        },
    )
}

/// Dot product with four independent sums, so it is not bound by the latency of one.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let tail: f64 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f64>() + tail
}

/// Dense ids for word hashes: an open-addressing table cleared by generation, not by refill.
#[derive(Default)]
struct Vocab {
    keys: Vec<u64>,
    ids: Vec<u32>,
    stamps: Vec<u32>,
    generation: u32,
    mask: usize,
    len: usize,
}

impl Vocab {
    /// Empty the table, sized for about `expected` distinct words.
    fn reset(&mut self, expected: usize) {
        let cap = (expected * 2).max(64).next_power_of_two();
        if cap > self.keys.len() || self.generation == u32::MAX {
            self.keys = vec![0; cap];
            self.ids = vec![0; cap];
            self.stamps = vec![0; cap];
            self.generation = 0;
        }
        self.generation += 1;
        self.mask = self.keys.len() - 1;
        self.len = 0;
    }

    fn id(&mut self, h: u64) -> u32 {
        if self.len * 2 >= self.keys.len() {
            self.grow();
        }
        let mut slot = (h ^ (h >> 29)) as usize & self.mask;
        loop {
            if self.stamps[slot] != self.generation {
                self.stamps[slot] = self.generation;
                self.keys[slot] = h;
                self.ids[slot] = self.len as u32;
                self.len += 1;
                return self.ids[slot];
            }
            if self.keys[slot] == h {
                return self.ids[slot];
            }
            slot = (slot + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let old: Vec<(u64, u32)> = (0..self.keys.len())
            .filter(|&s| self.stamps[s] == self.generation)
            .map(|s| (self.keys[s], self.ids[s]))
            .collect();
        let cap = self.keys.len() * 2;
        self.keys = vec![0; cap];
        self.ids = vec![0; cap];
        self.stamps = vec![0; cap];
        self.generation = 1;
        self.mask = cap - 1;
        for (h, id) in old {
            let mut slot = (h ^ (h >> 29)) as usize & self.mask;
            while self.stamps[slot] == self.generation {
                slot = (slot + 1) & self.mask;
            }
            self.stamps[slot] = self.generation;
            self.keys[slot] = h;
            self.ids[slot] = id;
        }
    }
}

/// Does the text hold a cue word or pair anywhere?
fn has_cue(s: &str) -> bool {
    scan(s, None).cues > 0
}

/// How many cue words and cue pairs the sentence holds.
#[cfg(test)]
fn cue_count(s: &str) -> usize {
    scan(s, None).cues
}

/// TextRank scores of `sentences`.
#[cfg(test)]
fn textrank(sentences: &[&str]) -> Vec<f64> {
    let mut r = Ranker::default();
    r.vocab.reset(8);
    for s in sentences {
        r.scratch.clear();
        scan(s, Some(&mut r.scratch));
        let from = r.ids.len();
        for &h in &r.scratch {
            let id = r.vocab.id(h);
            r.ids.push(id);
        }
        r.spans.push(from..r.ids.len());
        r.log_len.push((r.scratch.len().max(1) as f64).ln());
    }
    r.textrank();
    r.score
}

/// Scale to 0..1 (all 0.5 when every score is equal).
fn normalized(scores: &[f64]) -> Vec<f64> {
    let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if hi - lo < 1e-12 {
        return vec![0.5; scores.len()];
    }
    scores.iter().map(|s| (s - lo) / (hi - lo)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The original word-by-word scan: split into words, lowercase into a buffer, compare with
    /// the lists, hash each word on its own.
    fn scan_reference(s: &str, mut tokens: Option<&mut Vec<u64>>) -> Scan {
        let mut out = Scan::default();
        let mut prev = [0u8; SHORT_WORD];
        let mut prev_len = 0usize;
        let mut buf = [0u8; SHORT_WORD];
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(st) = start.take() {
                words.push(&s[st..i]);
            }
        }
        if let Some(st) = start {
            words.push(&s[st..]);
        }
        for w in words {
            out.words += 1;
            let short = w.len() <= SHORT_WORD && w.is_ascii();
            let len = if short {
                for (d, b) in buf.iter_mut().zip(w.bytes()) {
                    *d = b.to_ascii_lowercase();
                }
                w.len()
            } else {
                0
            };
            let lw = &buf[..len];
            let pair = CUE_PAIRS.contains(&(&prev[..prev_len], lw));
            if short && (CUES.contains(&lw) || pair) {
                out.cues += 1;
            }
            if let Some(t) = tokens.as_deref_mut()
                && !(short && STOP_WORDS.contains(&lw))
            {
                t.push(word_hash(w));
            }
            prev = buf;
            prev_len = len;
        }
        out
    }

    fn same_scan(s: &str) -> Result<(), TestCaseError> {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let fast = scan(s, Some(&mut a));
        let slow = scan_reference(s, Some(&mut b));
        prop_assert_eq!((fast, a), (slow, b), "{:?}", s);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn scan_agrees_with_the_reference(s in any::<String>()) {
            same_scan(&s)?;
        }

        #[test]
        fn scan_agrees_on_words_and_punctuation(
            v in prop::collection::vec(prop::sample::select(&[
                "In", "in", "SHORT", "short", "the", "The", "main", "above", "all", "bottom",
                "line", "key", "Key", "KEYS", "must", "recommendations", "Recommendations",
                "importantly", "tariffs", "Tariffs", "class", "bus", "bu", "s", "SS", "t",
                "ourselves", "themselves", "through", "x", "2027", "é", "café", "Cafés",
                "naïve", "İs", "\u{212a}ey", "日本", "ǅ", "ⁱ", "⁰", "aaaaaaaaaaaaaaaa",
                "aaaaaaaaaaaaaaaas", "abcdefghijklmnopq", " ", " ", ", ", ". ", "“", "”", "’",
                "—", "‘", "\u{2028}", "\u{a0}", "-", "'", "\u{301}", "\u{fffd}",
            ][..]), 0..30)
        ) {
            same_scan(&v.concat())?;
        }
    }

    #[test]
    fn general_punctuation_is_never_part_of_a_word() {
        // `scan` skips U+2000..U+203F (UTF-8 E2 80 xx) without decoding.
        assert!(('\u{2000}'..='\u{203f}').all(|c| !c.is_alphanumeric()));
    }

    #[test]
    fn list_lookups_match_the_lists() {
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w:?}");
            assert!(w.len() <= SHORT_WORD);
        }
        for w in CUES {
            assert!(is_cue(w), "{w:?}");
            assert!(w.len() <= SHORT_WORD);
        }
        for w in [
            &b"tariff"[..],
            b"keys",
            b"key",
            b"the",
            b"short",
            b"shor",
            b"line",
        ] {
            let (stop, cue) = (STOP_WORDS.contains(&w), CUES.contains(&w));
            assert_eq!((is_stop_word(w), is_cue(w)), (stop, cue), "{w:?}");
        }
        assert!(is_stop_word(b"THE") && is_cue(b"Key"));
    }

    #[test]
    fn cues_are_counted_case_insensitively() {
        assert_eq!(cue_count("Tokyo MUST act; in short, it should."), 3);
        assert_eq!(cue_count("The central bank held rates."), 1);
        assert_eq!(cue_count("Exports rose in March."), 0);
        assert_eq!(cue_count("Keyboard shortages mustered no response."), 0);
    }

    #[test]
    fn words_hash_case_and_plural_insensitively() {
        assert_eq!(word_hash("Tariffs"), word_hash("tariff"));
        assert_eq!(word_hash("TARIFFS"), word_hash("tariff"));
        assert_ne!(word_hash("class"), word_hash("clas"));
        assert_ne!(word_hash("bus"), word_hash("bu"));
        let mut t = Vec::new();
        let sc = scan("The key tariffs, in short, were cut.", Some(&mut t));
        assert_eq!((sc.words, sc.cues), (7, 2));
        assert_eq!(
            t,
            [
                word_hash("key"),
                word_hash("tariff"),
                word_hash("short"),
                word_hash("cut")
            ]
        );
    }

    #[test]
    fn textrank_favours_the_central_sentence() {
        let s = [
            "Tariffs on steel rose sharply.",
            "Steel tariffs hurt car makers and steel buyers alike.",
            "Car makers lobbied against tariffs.",
            "The weather was mild.",
        ];
        let r = textrank(&s);
        let best = (0..s.len()).max_by(|&a, &b| r[a].total_cmp(&r[b])).unwrap();
        assert_eq!(best, 1);
        let worst = (0..s.len()).min_by(|&a, &b| r[a].total_cmp(&r[b])).unwrap();
        assert_eq!(worst, 3);
    }
}
