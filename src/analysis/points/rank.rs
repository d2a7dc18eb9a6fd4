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

use std::collections::HashMap;
use std::ops::Range;

use crate::article::model::{Article, BlockKind};
use crate::article::text::sentences;

use super::MAX_EXTRACTED_PER_SECTION;

/// Sentences of a section ranked by TextRank; later ones get cue and position scores only.
pub(super) const RANK_CAP: usize = 60;

const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 40;
const EPSILON: f64 = 1e-6;

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

/// Single-word cues (lowercase).
const CUES: &[&str] = &[
    "key",
    "must",
    "should",
    "recommend",
    "recommends",
    "recommended",
    "recommendation",
    "recommendations",
    "critical",
    "crucial",
    "essential",
    "important",
    "importantly",
    "therefore",
    "priority",
    "priorities",
];

/// Two-word cues (lowercase).
const CUE_PAIRS: &[(&str, &str)] = &[
    ("in", "short"),
    ("in", "sum"),
    ("in", "conclusion"),
    ("above", "all"),
    ("bottom", "line"),
    ("the", "central"),
    ("the", "main"),
];

const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "might", "more", "most", "much", "my", "no", "nor", "not",
    "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over",
    "own", "same", "she", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "yet", "you", "your", "s", "t",
];

/// A candidate sentence.
struct Candidate {
    block: usize,
    range: Range<usize>,
    /// Index among the section's sentences.
    index: usize,
    paragraph_start: bool,
}

/// The sentences to extract from section `section`, as `(paragraph block, byte range)` in
/// document order: none when the section has fewer than 2 sentences of paragraph text, else up
/// to [`MAX_EXTRACTED_PER_SECTION`] (fewer for short sections).
pub(super) fn pick(a: &Article, section: usize) -> Vec<(usize, Range<usize>)> {
    let mut cands = Vec::new();
    let mut total = 0usize;
    for bi in a.sections[section].blocks.clone() {
        let b = &a.blocks[bi];
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        let para = &a.text[b.range.clone()];
        for (k, r) in sentences(para).into_iter().enumerate() {
            let range = b.range.start + r.start..b.range.start + r.end;
            cands.push(Candidate {
                block: bi,
                range,
                index: total,
                paragraph_start: k == 0,
            });
            total += 1;
        }
    }
    if total < 2 {
        return Vec::new();
    }
    // Lead-in sentences ("… include:") introduce something else: not points on their own.
    if cands
        .iter()
        .any(|c| !a.text[c.range.clone()].ends_with(':'))
    {
        cands.retain(|c| !a.text[c.range.clone()].ends_with(':'));
    }
    let want = match total {
        0..=3 => 1,
        4..=6 => 2,
        _ => MAX_EXTRACTED_PER_SECTION,
    }
    .min(cands.len());

    let ranked = cands.len().min(RANK_CAP);
    let texts: Vec<&str> = cands[..ranked]
        .iter()
        .map(|c| &a.text[c.range.clone()])
        .collect();
    let centrality = normalized(&textrank(&texts));
    let w_rank = W_RANK * (ranked.min(FULL_RANK_AT) as f64 / FULL_RANK_AT as f64);

    let mut scored: Vec<(f64, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let s = &a.text[c.range.clone()];
            let mut score = w_rank * centrality.get(i).copied().unwrap_or(0.0);
            score += W_CUE * cue_count(s).min(MAX_CUES) as f64;
            score += W_POSITION.get(c.index).copied().unwrap_or(0.0);
            if c.paragraph_start {
                score += W_PARAGRAPH_START;
            }
            if words(s).count() < SHORT_SENTENCE_WORDS {
                score -= SHORT_PENALTY;
            }
            if s.ends_with('?') {
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
        .map(|i| (cands[i].block, cands[i].range.clone()))
        .collect()
}

/// Words of a sentence: maximal alphanumeric runs.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// How many cue words and cue pairs the sentence holds.
pub(super) fn cue_count(s: &str) -> usize {
    let mut n = 0;
    let mut prev = "";
    for w in words(s) {
        if CUES.iter().any(|c| w.eq_ignore_ascii_case(c))
            || CUE_PAIRS
                .iter()
                .any(|(p, c)| prev.eq_ignore_ascii_case(p) && w.eq_ignore_ascii_case(c))
        {
            n += 1;
        }
        prev = w;
    }
    n
}

/// Content words of a sentence, lowercased and lightly stemmed (plural `s` dropped).
fn content_words(s: &str) -> Vec<String> {
    words(s)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|mut w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w.pop();
            }
            w
        })
        .collect()
}

/// TextRank scores of `sentences` (weighted PageRank over the similarity graph).
pub(super) fn textrank(sentences: &[&str]) -> Vec<f64> {
    let n = sentences.len();
    if n == 0 {
        return Vec::new();
    }
    // Intern content words; each sentence becomes a sorted set of word ids plus its length.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let bags: Vec<(Vec<u32>, usize)> = sentences
        .iter()
        .map(|s| {
            let words = content_words(s);
            let len = words.len();
            let mut set: Vec<u32> = words
                .into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set.dedup();
            (set, len)
        })
        .collect();
    let mut weight = vec![0.0f64; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let w = similarity(&bags[i], &bags[j]);
            weight[i * n + j] = w;
            weight[j * n + i] = w;
        }
    }
    let out_sum: Vec<f64> = (0..n)
        .map(|j| weight[j * n..(j + 1) * n].iter().sum())
        .collect();
    let mut score = vec![1.0f64; n];
    for _ in 0..ITERATIONS {
        let mut delta = 0.0f64;
        let next: Vec<f64> = (0..n)
            .map(|i| {
                let inflow: f64 = (0..n)
                    .filter(|&j| out_sum[j] > 0.0)
                    .map(|j| weight[j * n + i] / out_sum[j] * score[j])
                    .sum();
                (1.0 - DAMPING) + DAMPING * inflow
            })
            .collect();
        for (a, b) in next.iter().zip(&score) {
            delta = delta.max((a - b).abs());
        }
        score = next;
        if delta < EPSILON {
            break;
        }
    }
    score
}

/// `|Si ∩ Sj| / (ln|Si| + ln|Sj|)`, with the denominator kept ≥ 1 for one-word sentences.
fn similarity(a: &(Vec<u32>, usize), b: &(Vec<u32>, usize)) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].cmp(&b.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let denom = (a.1.max(1) as f64).ln() + (b.1.max(1) as f64).ln();
    common as f64 / denom.max(1.0)
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

    #[test]
    fn cues_are_counted_case_insensitively() {
        assert_eq!(cue_count("Tokyo MUST act; in short, it should."), 3);
        assert_eq!(cue_count("The central bank held rates."), 1);
        assert_eq!(cue_count("Exports rose in March."), 0);
        assert_eq!(cue_count("Keyboard shortages mustered no response."), 0);
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
