//! The tone timeline of an article: sentence, paragraph and section scores, a smoothed curve,
//! turning points found by optimal segmentation, and quoted evaluative words.
//!
//! Pure: an [`Article`] in, plain data out. All ranges are byte ranges into `Article::text`.

use std::ops::Range;

use super::model::Rule;
use super::rules::Scratch;
use super::score::{RuleScore, Scorer, WordScore};
use crate::article::text;
use crate::article::{Article, BlockKind};

mod quotes;
mod turns;
pub use quotes::{MARKER_QUOTE_WORDS, is_short_quote, quote_spans, snippet_around};
pub use turns::segment;
use turns::turning_points;

/// Minimum number of scored paragraphs in a segment between turning points.
pub const MIN_SEGMENT: usize = 2;
/// Minimum change of the mean score across a turning point.
pub const MIN_SHIFT: f64 = 0.3;
/// Number of driver words shown on each side of a turning point.
pub const TURN_WORDS: usize = 3;

/// One scored sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceTone {
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// Block index.
    pub block: usize,
    /// Compound score in −1..1.
    pub score: f64,
    /// Its words that carry tone: a range into [`Timeline::words`].
    pub words: Range<usize>,
    /// The model's cues and sentence-wide terms: a range into [`Timeline::rules`].
    pub rules: Range<usize>,
}

/// A word that carries tone, with its contribution after VADER's rules (−4..4 scale).
#[derive(Debug, Clone, PartialEq)]
pub struct WordTone {
    /// Byte range in the article text.
    pub range: Range<usize>,
    pub valence: f64,
    /// Its share of its sentence's score (−1..1 scale; see [`WordScore::contribution`]).
    pub contribution: f64,
    /// Index into [`Timeline::sentences`].
    pub sentence: usize,
}

/// A cue or sentence-wide term of the calibrated model in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTone {
    pub rule: Rule,
    /// Byte range of the cue word in the article text; `None` for a sentence-wide term.
    pub range: Option<Range<usize>>,
    /// Its share of its sentence's score.
    pub contribution: f64,
    /// Index into [`Timeline::sentences`].
    pub sentence: usize,
}

/// One paragraph-like block (paragraph, list item, quote).
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphTone {
    /// Block index.
    pub block: usize,
    /// Mean score of its sentences that contain tone words; `None` when none do (a gap).
    pub score: Option<f64>,
    /// The smoothed curve ([`SMOOTHED_LABEL`]) at this paragraph: a weighted moving average
    /// of the scored paragraphs around it. `None` where `score` is `None`: a paragraph without
    /// tone words is never given a score by its neighbours.
    pub smoothed: Option<f64>,
    /// Its sentences: a range into [`Timeline::sentences`].
    pub sentences: Range<usize>,
    /// Number of words carrying tone.
    pub scored_words: usize,
}

/// The score of one section (its own blocks, not its subsections').
#[derive(Debug, Clone, PartialEq)]
pub struct SectionTone {
    /// Index into `Article::sections`.
    pub section: usize,
    /// Mean of its sentence scores weighted by their number of tone words; `None` without any.
    pub score: Option<f64>,
    pub scored_words: usize,
}

/// A place where the tone shifts: the first paragraph of a new segment.
#[derive(Debug, Clone, PartialEq)]
pub struct TurningPoint {
    /// Block index of the first paragraph after the turn.
    pub block: usize,
    /// Index into [`Timeline::paragraphs`] of that paragraph.
    pub paragraph: usize,
    /// Mean paragraph score of the segment before and after.
    pub before: f64,
    pub after: f64,
    /// Strongest words of the segment before that carry its tone (positive words before a fall,
    /// negative ones before a rise), and of the segment after, strongest first.
    pub words_before: Vec<String>,
    pub words_after: Vec<String>,
}

/// A tone word in quotation marks (“fantastic”, "spoiled", ‘rift’).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// The word as written.
    pub word: String,
    /// Its contribution after VADER's rules, on the lexicon's −4..4 scale (see [`Marker::score`]).
    pub valence: f64,
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// Index into [`Timeline::sentences`].
    pub sentence: usize,
}

impl Marker {
    /// A snippet of the marker's sentence of at most `max` characters (at least 12) centred on
    /// the word, with `…` where it is cut, whitespace runs folded. `text` is the article text.
    pub fn snippet(&self, text: &str, sentence: &Range<usize>, max: usize) -> String {
        snippet_around(text, sentence, &self.range, max)
    }

    /// The word's score on the −1..1 scale of every other tone score: the compound score
    /// VADER gives the word on its own (its valence normalized as a sentence's sum is), so
    /// “fantastic” (valence 2.6) scores +0.56 and “spoiled” (−1.8) −0.42.
    pub fn score(&self) -> f64 {
        super::rules::normalize(self.valence)
    }
}

/// A word or a rule that moved a paragraph's score, and by how much (−1..1 scale).
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// The word (lowercase) or the rule's name ([`Rule::name`]).
    pub label: String,
    /// Is it a rule (cue, punctuation, length, baseline) rather than a tone word?
    pub rule: bool,
    /// Its share of the paragraph's score: the shares of a paragraph add up to its score.
    pub value: f64,
}

/// The arc of an article's tone: the mean scores of its segments between turning points, in
/// order, and the range of its paragraph scores. Its `Display` is the overall line's
/// "+0.36 → −0.41 → +0.46, 2 turns".
#[derive(Debug, Clone, PartialEq)]
pub struct Arc {
    /// Mean paragraph score of each segment (one more than turns).
    pub levels: Vec<f64>,
    /// Lowest and highest paragraph score.
    pub min: f64,
    pub max: f64,
}

impl Arc {
    /// Number of turning points.
    pub fn turns(&self) -> usize {
        self.levels.len().saturating_sub(1)
    }
}

/// `+0.36` / `−0.41` with a true minus sign; `0.00` for zero.
pub fn signed_score(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        "0.00".to_string()
    } else if r < 0.0 {
        format!("−{:.2}", -r)
    } else {
        format!("+{r:.2}")
    }
}

impl std::fmt::Display for Arc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let levels: Vec<String> = self.levels.iter().map(|&x| signed_score(x)).collect();
        let turns = self.turns();
        if turns == 0 {
            write!(
                f,
                "{} (range {} … {}), no turns",
                levels.join(""),
                signed_score(self.min),
                signed_score(self.max)
            )
        } else {
            write!(
                f,
                "{}, {turns} turn{}",
                levels.join(" → "),
                if turns == 1 { "" } else { "s" }
            )
        }
    }
}

/// The tone of a whole article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    pub sentences: Vec<SentenceTone>,
    pub words: Vec<WordTone>,
    pub rules: Vec<RuleTone>,
    pub paragraphs: Vec<ParagraphTone>,
    pub sections: Vec<SectionTone>,
    pub turning_points: Vec<TurningPoint>,
    pub markers: Vec<Marker>,
    /// See [`Timeline::overall`]; computed once with the rest.
    overall: Option<f64>,
}

impl Timeline {
    /// The tone of the whole article, in −1..1: the mean score of its sentences that carry
    /// tone words (`None` when none do). This one number is what `tenor tone` and the Tone tab
    /// call "overall".
    ///
    /// Why sentences: a sentence is what VADER scores, and its compound score already grows
    /// with the number and strength of its tone words, so weighting it by them again would
    /// count them twice; a mean of paragraphs would let a one-line aside weigh as much as a
    /// long argument, and a mean of sections a two-sentence section as much as the article's
    /// core. Each evaluative sentence counts once, as it does for the reader. Sentences
    /// without tone words are left out, as they are everywhere else: facts and figures make
    /// an article neither warmer nor colder.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }

    /// The tone words of sentence `i`.
    pub fn sentence_words(&self, i: usize) -> &[WordTone] {
        &self.words[self.sentences[i].words.clone()]
    }

    /// The tone words of paragraph `p`, in text order.
    pub fn paragraph_words(&self, p: usize) -> &[WordTone] {
        let s = &self.paragraphs[p].sentences;
        if s.is_empty() {
            return &[];
        }
        let start = self.sentences[s.start].words.start;
        let end = self.sentences[s.end - 1].words.end;
        &self.words[start..end]
    }

    /// The `k` words that drive paragraph `p` most (largest |contribution|).
    pub fn paragraph_drivers(&self, p: usize, k: usize) -> Vec<&WordTone> {
        let mut ws: Vec<&WordTone> = self.paragraph_words(p).iter().collect();
        ws.sort_by(|a, b| b.valence.abs().total_cmp(&a.valence.abs()));
        ws.truncate(k);
        ws
    }

    /// Index into [`Timeline::paragraphs`] of block `block`, if it is a paragraph-like block.
    pub fn paragraph_of_block(&self, block: usize) -> Option<usize> {
        self.paragraphs
            .binary_search_by_key(&block, |p| p.block)
            .ok()
    }

    /// The words and rules that made paragraph `p`'s score, largest |share| first, each word
    /// or rule once (its shares summed). The values add up to the paragraph's score: each
    /// sentence's shares are scaled to its score (the calibrated model's `tanh`), then averaged
    /// over the paragraph's scored sentences as the score is. Empty for a paragraph without
    /// tone words.
    pub fn paragraph_contributions(&self, text: &str, p: usize) -> Vec<Contribution> {
        let mut out: Vec<Contribution> = Vec::new();
        let sentences = self.paragraphs[p].sentences.clone();
        let scored = sentences
            .clone()
            .filter(|&s| !self.sentences[s].words.is_empty())
            .count();
        if scored == 0 {
            return out;
        }
        let mut add = |label: String, rule: bool, value: f64| match out
            .iter_mut()
            .find(|c| c.rule == rule && c.label == label)
        {
            Some(c) => c.value += value,
            None => out.push(Contribution { label, rule, value }),
        };
        for si in sentences {
            let s = &self.sentences[si];
            if s.words.is_empty() {
                continue;
            }
            let words = &self.words[s.words.clone()];
            let rules = &self.rules[s.rules.clone()];
            let raw: f64 = words.iter().map(|w| w.contribution).sum::<f64>()
                + rules.iter().map(|r| r.contribution).sum::<f64>();
            let k = if raw.abs() > 1e-12 {
                s.score / raw
            } else {
                0.0
            } / scored as f64;
            for w in words {
                let label = text.get(w.range.clone()).unwrap_or("").to_lowercase();
                add(label, false, w.contribution * k);
            }
            for r in rules {
                add(r.rule.name().to_string(), true, r.contribution * k);
            }
        }
        out.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
        out
    }

    /// The paragraphs' smoothed curve ([`SMOOTHED_LABEL`]) as `(paragraph index, value)`
    /// points, only where a paragraph has tone words.
    pub fn smoothed_curve(&self) -> Vec<(usize, f64)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.smoothed.map(|v| (i, v)))
            .collect()
    }

    /// The article's arc: segment levels between turning points and the range of paragraph
    /// scores; `None` without scored paragraphs.
    pub fn arc(&self) -> Option<Arc> {
        let scores: Vec<f64> = self.paragraphs.iter().filter_map(|p| p.score).collect();
        let (&first, _) = scores.split_first()?;
        let (min, max) = scores
            .iter()
            .fold((first, first), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let levels = match self.turning_points.first() {
            None => vec![scores.iter().sum::<f64>() / scores.len() as f64],
            Some(t) => std::iter::once(t.before)
                .chain(self.turning_points.iter().map(|t| t.after))
                .collect(),
        };
        Some(Arc { levels, min, max })
    }

    /// The section tone for section index `section`.
    pub fn section(&self, section: usize) -> Option<&SectionTone> {
        self.sections.iter().find(|s| s.section == section)
    }
}

/// Is block kind scored (paragraph-like)?
fn is_prose(kind: &BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Quote
    )
}

/// The tone timeline of `article` with the scorer Tenor uses ([`Scorer::tenor`]).
pub fn timeline(article: &Article) -> Timeline {
    timeline_with(article, &Scorer::tenor())
}

/// The tone timeline of `article` with a given scorer. The blocks are scored in two halves
/// on two threads (sentences are scored independently), then joined in order: the result is
/// the same as one pass.
pub fn timeline_with(article: &Article, scorer: &Scorer) -> Timeline {
    let n = article.blocks.len();
    // Split where half the text lies, so the halves take about as long.
    let half_text = article.text.len() / 2;
    let mid = article
        .blocks
        .partition_point(|b| b.range.start < half_text);
    let mut tl = if article.text.len() < PARALLEL_BYTES || mid == 0 || mid >= n {
        score_blocks(article, scorer, 0..n)
    } else {
        let (first, second) = std::thread::scope(|s| {
            let later = s.spawn(|| score_blocks(article, scorer, mid..n));
            let first = score_blocks(article, scorer, 0..mid);
            (first, later.join())
        });
        match second {
            Ok(second) => join(first, second),
            // A panic in the other half: score it here (the same panic, if it is one, is
            // then the caller's).
            Err(_) => join(first, score_blocks(article, scorer, mid..n)),
        }
    };
    smooth(&mut tl.paragraphs);
    tl.overall = overall(&tl.sentences);
    tl.sections = section_scores(article, &tl);
    tl.turning_points = turning_points(article, &tl);
    tl
}

/// Below this many bytes a second thread costs more than it saves.
const PARALLEL_BYTES: usize = 256 * 1024;

/// Sentences, words, rules, markers and paragraphs of `blocks` (indices local to the result).
fn score_blocks(article: &Article, scorer: &Scorer, blocks: Range<usize>) -> Timeline {
    let mut tl = Timeline::default();
    let mut scratch = Scratch::default();
    let mut words: Vec<WordScore> = Vec::new();
    let mut rules: Vec<RuleScore> = Vec::new();
    let mut quotes: Vec<Range<usize>> = Vec::new();
    for (b, block) in article
        .blocks
        .iter()
        .enumerate()
        .take(blocks.end)
        .skip(blocks.start)
    {
        if !is_prose(&block.kind) {
            continue;
        }
        let base = block.range.start;
        let body = &article.text[block.range.clone()];
        let first_sentence = tl.sentences.len();
        let (mut sum, mut count, mut nwords) = (0.0, 0usize, 0usize);
        for r in text::sentences(body) {
            let si = tl.sentences.len();
            words.clear();
            rules.clear();
            let score = scorer.score_into(
                &body[r.clone()],
                base + r.start,
                &mut scratch,
                &mut words,
                &mut rules,
            );
            let w0 = tl.words.len();
            tl.words.extend(words.drain(..).map(|w| WordTone {
                range: w.range,
                valence: w.valence,
                contribution: w.contribution,
                sentence: si,
            }));
            let w1 = tl.words.len();
            let r0 = tl.rules.len();
            tl.rules.extend(rules.drain(..).map(|r| RuleTone {
                rule: r.rule,
                range: r.range,
                contribution: r.contribution,
                sentence: si,
            }));
            if w1 > w0 {
                sum += score;
                count += 1;
                nwords += w1 - w0;
            }
            tl.sentences.push(SentenceTone {
                range: base + r.start..base + r.end,
                block: b,
                score,
                words: w0..w1,
                rules: r0..tl.rules.len(),
            });
        }
        // Quoted tone words: scare quotes and short quoted verdicts only.
        quote_spans(body, base, &mut quotes);
        quotes.retain(|q| is_short_quote(&article.text[q.clone()]));
        if !quotes.is_empty() {
            for si in first_sentence..tl.sentences.len() {
                for w in &tl.words[tl.sentences[si].words.clone()] {
                    if quotes
                        .iter()
                        .any(|q| q.start <= w.range.start && w.range.end <= q.end)
                    {
                        tl.markers.push(Marker {
                            word: article.text[w.range.clone()].to_string(),
                            valence: w.valence,
                            range: w.range.clone(),
                            sentence: si,
                        });
                    }
                }
            }
        }
        tl.paragraphs.push(ParagraphTone {
            block: b,
            score: (count > 0).then(|| sum / count as f64),
            smoothed: None,
            sentences: first_sentence..tl.sentences.len(),
            scored_words: nwords,
        });
    }
    tl
}

/// `a` followed by `b`, `b`'s indices shifted past `a`'s.
fn join(mut a: Timeline, b: Timeline) -> Timeline {
    let (s0, w0, r0) = (a.sentences.len(), a.words.len(), a.rules.len());
    let shift = |r: &Range<usize>, by: usize| r.start + by..r.end + by;
    a.sentences.extend(b.sentences.into_iter().map(|mut s| {
        s.words = shift(&s.words, w0);
        s.rules = shift(&s.rules, r0);
        s
    }));
    a.words.extend(b.words.into_iter().map(|mut w| {
        w.sentence += s0;
        w
    }));
    a.rules.extend(b.rules.into_iter().map(|mut r| {
        r.sentence += s0;
        r
    }));
    a.markers.extend(b.markers.into_iter().map(|mut m| {
        m.sentence += s0;
        m
    }));
    a.paragraphs.extend(b.paragraphs.into_iter().map(|mut p| {
        p.sentences = shift(&p.sentences, s0);
        p
    }));
    a
}

/// What [`ParagraphTone::smoothed`] is, for a chart's legend.
pub const SMOOTHED_LABEL: &str = "smoothed (moving average 1-½-¼ over scored paragraphs)";

/// Gap-aware weighted moving average over the paragraph sequence (weights 1, ½, ¼), defined
/// only at paragraphs with a score.
fn smooth(paragraphs: &mut [ParagraphTone]) {
    const WEIGHTS: [f64; 3] = [1.0, 0.5, 0.25];
    let scores: Vec<Option<f64>> = paragraphs.iter().map(|p| p.score).collect();
    for (i, p) in paragraphs.iter_mut().enumerate() {
        let (mut num, mut den) = (0.0, 0.0);
        for (d, w) in WEIGHTS.iter().enumerate() {
            for j in [i.checked_sub(d), (d > 0).then_some(i + d)]
                .into_iter()
                .flatten()
            {
                if let Some(Some(s)) = scores.get(j) {
                    num += w * s;
                    den += w;
                }
            }
        }
        p.smoothed = (p.score.is_some() && den > 0.0).then(|| num / den);
    }
}

/// [`Timeline::overall`]: the mean score of the sentences with tone words.
fn overall(sentences: &[SentenceTone]) -> Option<f64> {
    let (sum, n) = sentences
        .iter()
        .filter(|s| !s.words.is_empty())
        .fold((0.0, 0usize), |(sum, n), s| (sum + s.score, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn section_scores(article: &Article, tl: &Timeline) -> Vec<SectionTone> {
    let mut acc = vec![(0.0, 0usize); article.sections.len()];
    for s in &tl.sentences {
        let n = s.words.len();
        if n == 0 {
            continue;
        }
        if let Some(a) = acc.get_mut(article.blocks[s.block].section) {
            a.0 += s.score * n as f64;
            a.1 += n;
        }
    }
    acc.into_iter()
        .enumerate()
        .map(|(section, (sum, n))| SectionTone {
            section,
            score: (n > 0).then(|| sum / n as f64),
            scored_words: n,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scoring in two halves and joining gives exactly what one pass gives.
    #[test]
    fn two_halves_joined_equal_one_pass() {
        let src = crate::generate::article(crate::generate::GenFormat::Markdown, 400_000, 7);
        let a = crate::article::parse_str(&src, crate::article::Format::Markdown, "t");
        assert!(a.text.len() >= PARALLEL_BYTES);
        let scorer = Scorer::tenor();
        let n = a.blocks.len();
        let one = score_blocks(&a, &scorer, 0..n);
        for mid in [1, n / 3, n / 2, n - 1] {
            let two = join(
                score_blocks(&a, &scorer, 0..mid),
                score_blocks(&a, &scorer, mid..n),
            );
            assert_eq!(one, two, "split at block {mid}");
        }
        assert!(!one.markers.is_empty() || !one.words.is_empty());
        // And the whole timeline (split on threads) is the one-pass one, finished.
        let whole = timeline_with(&a, &scorer);
        assert_eq!(whole.sentences, one.sentences);
        assert_eq!(whole.words, one.words);
    }
}
