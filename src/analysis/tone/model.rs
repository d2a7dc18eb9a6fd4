//! The calibrated tone model: a small ridge-regularised linear model over VADER's output, kept
//! explainable.
//!
//! A sentence, after VADER's rules and the policy rules, is described by [`FEATURES`]: VADER's
//! compound score (and its square), the sums of its positive and negative word valences split
//! by where the word comes from (VADER's lexicon, Tenor's diplomatic vocabulary, the policy
//! rules) and saturated, counts of cues (negations, contrast words, hedges, words of
//! obligation, `?`, `!`), its length, products of the compound with the cues and length (a
//! hedge or a negation changes how much the words count), and a prior for sentences without
//! tone words. The score is `tanh(bias + Σ weight·feature)`. Every term is a word's or a
//! rule's share (see [`Model::explain`]); the shares add up to the sum inside the `tanh`.
//!
//! The weights are fitted by `cargo run --release --example tone_eval -- --fit …` (ridge
//! regression on human sentence ratings, then a scale chosen for 3-class F1; see [`fit`]) and
//! ship in `assets/lexicon/tone_model.tsv`, parsed once at first use. The timeline counts only
//! sentences with tone words, so cues alone never make a paragraph toned.

use std::sync::LazyLock;

use super::lexicon::Cue;
use super::rules::Scratch;

/// Number of features.
pub const NF: usize = 28;

/// Feature names, as in the model asset. `c` is VADER's compound score; `pos`/`neg` the sums
/// of the positive/negative word valences (−4..4 each); `x_` features are products.
pub const FEATURES: [&str; NF] = [
    "compound",
    "vader_pos",
    "vader_neg",
    "tenor_pos",
    "tenor_neg",
    "rule_neg",
    "negation",
    "contrast",
    "hedge",
    "obligation",
    "question",
    "exclamation",
    "length",
    "untoned",
    "pos_saturated",
    "neg_saturated",
    "compound_x_abs",
    "compound_x_hedge",
    "compound_x_negation",
    "compound_x_obligation",
    "compound_x_length",
    "compound_x_contrast",
    "untoned_x_negation",
    "untoned_x_contrast",
    "untoned_x_hedge",
    "untoned_x_obligation",
    "untoned_x_question",
    "untoned_x_exclamation",
];

const F_COMPOUND: usize = 0;
const F_NEGATION: usize = 6;
const F_QUESTION: usize = 10;
const F_EXCLAMATION: usize = 11;
const F_LENGTH: usize = 12;
const F_UNTONED: usize = 13;
const F_POS_SAT: usize = 14;
const F_NEG_SAT: usize = 15;
const F_C_ABS: usize = 16;
const F_C_HEDGE: usize = 17;
const F_C_NEGATION: usize = 18;
const F_C_OBLIGATION: usize = 19;
const F_C_LENGTH: usize = 20;
const F_C_CONTRAST: usize = 21;
const F_U_NEGATION: usize = 22;
const F_U_QUESTION: usize = 26;
const F_U_EXCLAMATION: usize = 27;

/// Saturation constant of `pos_saturated`/`neg_saturated`: `v / √(v² + SAT)`.
const SAT: f64 = 15.0 / 16.0;

/// A cue or sentence-wide term of the model that moved a score (besides the words' valences).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The model's intercept.
    Baseline,
    /// A negation word ("not", "never", "n't"…).
    Negation,
    /// A contrast word ("but", "however", "although"…).
    Contrast,
    /// A hedge or epistemic modal ("may", "could", "perhaps"…).
    Hedge,
    /// A word of obligation ("should", "must", "need"…).
    Obligation,
    /// A question mark in the sentence.
    Question,
    /// An exclamation mark in the sentence.
    Exclamation,
    /// The sentence's length.
    Length,
    /// The prior of a sentence without tone words.
    Untoned,
}

impl Rule {
    /// A short label for people.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Baseline => "baseline",
            Rule::Negation => "negation",
            Rule::Contrast => "contrast",
            Rule::Hedge => "hedge",
            Rule::Obligation => "obligation",
            Rule::Question => "question",
            Rule::Exclamation => "exclamation",
            Rule::Length => "length",
            Rule::Untoned => "no tone words",
        }
    }
}

/// Which valence category a scored token falls in: 0 VADER's lexicon, 1 Tenor's vocabulary,
/// 2 a policy rule ("too", a bare negation: no lexicon valence of its own).
fn category(sc: &Scratch, i: usize) -> usize {
    let t = &sc.toks[i];
    if t.tenor_word {
        1
    } else if t.in_lexicon {
        0
    } else {
        2
    }
}

/// Feature index of a scored token's valence.
fn valence_feature(cat: usize, v: f64) -> usize {
    match (cat, v > 0.0) {
        (0, true) => 1,
        (0, false) => 2,
        (1, true) => 3,
        (1, false) => 4,
        _ => 5,
    }
}

/// The cue kind of token `i` (0 negation, 1 contrast, 2 hedge, 3 obligation) and its rule.
fn cue(sc: &Scratch, i: usize) -> Option<(usize, Rule)> {
    let t = &sc.toks[i];
    if t.neg {
        return Some((0, Rule::Negation));
    }
    match t.cue {
        Cue::None => None,
        Cue::Contrast => Some((1, Rule::Contrast)),
        Cue::Hedge => Some((2, Rule::Hedge)),
        Cue::Obligation => Some((3, Rule::Obligation)),
    }
}

/// Cue counts (by kind), total valence, positive and negative sums of a scored sentence.
struct Sums {
    cues: [f64; 4],
    total: f64,
    pos: f64,
    neg: f64,
}

fn sums(sc: &Scratch) -> Sums {
    let mut s = Sums {
        cues: [0.0; 4],
        total: 0.0,
        pos: 0.0,
        neg: 0.0,
    };
    for (i, &v) in sc.vals.iter().enumerate() {
        s.total += v;
        if v > 0.0 {
            s.pos += v;
        } else {
            s.neg += v;
        }
        if let Some((k, _)) = cue(sc, i) {
            s.cues[k] += 1.0;
        }
    }
    s
}

/// The features of a scored sentence (`sc` after [`super::rules::score_tokens`], `compound`
/// its unrounded compound).
pub(crate) fn features(text: &str, sc: &Scratch, compound: f64) -> [f64; NF] {
    features_with(text, sc, compound, &sums(sc))
}

fn features_with(text: &str, sc: &Scratch, compound: f64, s: &Sums) -> [f64; NF] {
    let mut x = [0.0; NF];
    let c = compound;
    x[F_COMPOUND] = c;
    for (i, &v) in sc.vals.iter().enumerate() {
        if v != 0.0 {
            x[valence_feature(category(sc, i), v)] += v / 4.0;
        }
    }
    let toned = s.pos != 0.0 || s.neg != 0.0;
    let untoned = if toned { 0.0 } else { 1.0 };
    x[F_NEGATION..F_NEGATION + 4].copy_from_slice(&s.cues);
    x[F_QUESTION] = f64::from(u8::from(text.contains('?')));
    x[F_EXCLAMATION] = f64::from(u8::from(text.contains('!')));
    x[F_LENGTH] = (1.0 + sc.toks.len() as f64).ln();
    x[F_UNTONED] = untoned;
    x[F_POS_SAT] = s.pos / (s.pos * s.pos + SAT).sqrt();
    x[F_NEG_SAT] = s.neg / (s.neg * s.neg + SAT).sqrt();
    x[F_C_ABS] = c * c.abs();
    x[F_C_HEDGE] = c * s.cues[2];
    x[F_C_NEGATION] = c * s.cues[0];
    x[F_C_OBLIGATION] = c * s.cues[3];
    x[F_C_LENGTH] = c * x[F_LENGTH];
    x[F_C_CONTRAST] = c * s.cues[1];
    for k in 0..4 {
        x[F_U_NEGATION + k] = untoned * s.cues[k];
    }
    x[F_U_QUESTION] = untoned * x[F_QUESTION];
    x[F_U_EXCLAMATION] = untoned * x[F_EXCLAMATION];
    x
}

/// A fitted model: one weight per feature and an intercept.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub weights: [f64; NF],
    pub bias: f64,
}

/// The shipped model's text (`feature<TAB>weight` lines, `bias<TAB>…`, `#` comments).
pub const MODEL_ASSET: &str = include_str!("../../../assets/lexicon/tone_model.tsv");

/// The shipped model, parsed once. Should the asset ever be unreadable (a test guards it), the
/// model falls back to VADER's compound score alone.
pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::parse(MODEL_ASSET).unwrap_or_else(|_| Model::compound_only()));

impl Model {
    /// The fallback model: the score is `tanh` of VADER's compound (same sign, same order).
    pub fn compound_only() -> Model {
        let mut weights = [0.0; NF];
        weights[F_COMPOUND] = 1.0;
        Model { weights, bias: 0.0 }
    }

    /// Parse the asset format. Every feature and the bias must be present, once.
    pub fn parse(src: &str) -> Result<Model, String> {
        let mut weights = [f64::NAN; NF];
        let mut bias = f64::NAN;
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected name<TAB>weight", n + 1))?;
            let v: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("line {}: bad number {value:?}", n + 1))?;
            if !v.is_finite() {
                return Err(format!("line {}: weight not finite", n + 1));
            }
            if name == "bias" {
                bias = v;
            } else if let Some(k) = FEATURES.iter().position(|&f| f == name) {
                weights[k] = v;
            } else {
                return Err(format!("line {}: unknown feature {name:?}", n + 1));
            }
        }
        if bias.is_nan() || weights.iter().any(|w| w.is_nan()) {
            return Err("missing weights".into());
        }
        Ok(Model { weights, bias })
    }

    /// The asset text of this model.
    pub fn to_asset(&self, header: &str) -> String {
        let mut s = String::new();
        for l in header.lines() {
            s.push_str("# ");
            s.push_str(l);
            s.push('\n');
        }
        for (name, w) in FEATURES.iter().zip(&self.weights) {
            s.push_str(&format!("{name}\t{w:.6}\n"));
        }
        s.push_str(&format!("bias\t{:.6}\n", self.bias));
        s
    }

    /// The score of a feature vector: `tanh(bias + Σ weight·feature)`, in −1..1.
    pub fn predict(&self, x: &[f64; NF]) -> f64 {
        self.raw(x).tanh()
    }

    /// The linear part, before `tanh`.
    pub fn raw(&self, x: &[f64; NF]) -> f64 {
        self.bias + self.weights.iter().zip(x).map(|(w, f)| w * f).sum::<f64>()
    }

    /// Score a sentence (`sc` after scoring, `compound` unrounded) and break the linear part
    /// down: each token's share goes to `word_share[i]` (0 for tokens that are not tone
    /// words), each cue or sentence-wide term to `rules` as `(rule, token index if any, share)`.
    /// The shares add up to the linear part; the score is its `tanh`.
    ///
    /// Attribution: the compound terms go to the tone words by their part of the valence sum,
    /// the category and saturated sums to the words in them by valence, the cue terms (and
    /// their products with the compound) in equal parts to the cue words, the rest to
    /// sentence-wide rules.
    pub(crate) fn explain(
        &self,
        text: &str,
        sc: &Scratch,
        compound: f64,
        word_share: &mut Vec<f64>,
        rules: &mut Vec<(Rule, Option<usize>, f64)>,
    ) -> f64 {
        let s = sums(sc);
        let x = features_with(text, sc, compound, &s);
        let w = &self.weights;
        let term = |k: usize| w[k] * x[k];
        word_share.clear();
        let mut sum = self.bias;
        rules.push((Rule::Baseline, None, self.bias));
        let compound_terms = term(F_COMPOUND) + term(F_C_ABS);
        let mut spread = 0.0;
        for (i, &v) in sc.vals.iter().enumerate() {
            let mut share = 0.0;
            if v != 0.0 {
                share += w[valence_feature(category(sc, i), v)] * v / 4.0;
                if s.total != 0.0 {
                    share += compound_terms * v / s.total;
                }
                if v > 0.0 {
                    share += term(F_POS_SAT) * v / s.pos;
                } else {
                    share += term(F_NEG_SAT) * v / s.neg;
                }
            }
            word_share.push(share);
            spread += share;
            if let Some((k, rule)) = cue(sc, i) {
                let n = s.cues[k];
                let share =
                    (term(F_NEGATION + k) + term(F_C_NEGATION_ORDER[k]) + term(F_U_NEGATION + k))
                        / n;
                rules.push((rule, Some(i), share));
                sum += share;
            }
        }
        sum += spread;
        if s.total == 0.0 && compound_terms != 0.0 {
            // Valences that cancel exactly while `!`/`?` emphasis does not: rare; the
            // compound terms then count as punctuation emphasis.
            rules.push((Rule::Exclamation, None, compound_terms));
            sum += compound_terms;
        }
        for (k, rule) in [
            (F_QUESTION, Rule::Question),
            (F_U_QUESTION, Rule::Question),
            (F_EXCLAMATION, Rule::Exclamation),
            (F_U_EXCLAMATION, Rule::Exclamation),
            (F_LENGTH, Rule::Length),
            (F_C_LENGTH, Rule::Length),
            (F_UNTONED, Rule::Untoned),
        ] {
            if x[k] != 0.0 {
                rules.push((rule, None, term(k)));
                sum += term(k);
            }
        }
        debug_assert!((sum - self.raw(&x)).abs() < 1e-9, "{sum} {}", self.raw(&x));
        sum.tanh()
    }
}

/// The compound-product feature of each cue kind (negation, contrast, hedge, obligation).
const F_C_NEGATION_ORDER: [usize; 4] = [F_C_NEGATION, F_C_CONTRAST, F_C_HEDGE, F_C_OBLIGATION];

/// Fitting (used by the `tone_eval` example to fit and cross-validate the shipped model).
pub mod fit {
    use super::{Model, NF};

    /// Ridge regression of `ys` on `xs` (features standardised, intercept unpenalised) with
    /// sample weights `ws` and penalty `lambda`.
    pub fn ridge(xs: &[[f64; NF]], ys: &[f64], ws: &[f64], lambda: f64) -> Model {
        let wsum: f64 = ws.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let mut mean = [0.0; NF];
        for (x, w) in xs.iter().zip(ws) {
            for k in 0..NF {
                mean[k] += w * x[k] / wsum;
            }
        }
        let mut sd = [0.0; NF];
        for (x, w) in xs.iter().zip(ws) {
            for k in 0..NF {
                sd[k] += w * (x[k] - mean[k]).powi(2) / wsum;
            }
        }
        let sd = sd.map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 });
        let ymean = xs
            .iter()
            .zip(ys)
            .zip(ws)
            .map(|((_, y), w)| w * y)
            .sum::<f64>()
            / wsum;
        // Normal equations on standardised features: (ZᵀWZ + λ·n·I) b = ZᵀW(y − ȳ).
        let mut a = [[0.0; NF]; NF];
        let mut rhs = [0.0; NF];
        for ((x, &y), &w) in xs.iter().zip(ys).zip(ws) {
            let z: [f64; NF] = std::array::from_fn(|k| (x[k] - mean[k]) / sd[k]);
            for i in 0..NF {
                rhs[i] += w * z[i] * (y - ymean);
                for j in 0..NF {
                    a[i][j] += w * z[i] * z[j];
                }
            }
        }
        for (i, row) in a.iter_mut().enumerate() {
            row[i] += lambda * wsum;
        }
        let b = solve(a, rhs);
        let weights: [f64; NF] = std::array::from_fn(|k| b[k] / sd[k]);
        let bias = ymean - (0..NF).map(|k| weights[k] * mean[k]).sum::<f64>();
        Model { weights, bias }
    }

    /// Gaussian elimination with partial pivoting (the matrix is symmetric positive definite).
    fn solve(mut a: [[f64; NF]; NF], mut b: [f64; NF]) -> [f64; NF] {
        for c in 0..NF {
            let p = (c..NF)
                .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
                .unwrap_or(c);
            a.swap(c, p);
            b.swap(c, p);
            let d = a[c][c];
            if d.abs() < 1e-300 {
                continue;
            }
            let pivot = a[c];
            for r in c + 1..NF {
                let f = a[r][c] / d;
                for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                    *x -= f * p;
                }
                b[r] -= f * b[c];
            }
        }
        let mut x = [0.0; NF];
        for c in (0..NF).rev() {
            let s: f64 = (c + 1..NF).map(|k| a[c][k] * x[k]).sum();
            x[c] = if a[c][c].abs() < 1e-300 {
                0.0
            } else {
                (b[c] - s) / a[c][c]
            };
        }
        x
    }

    /// The model scaled by `s` (weights and bias): the neutral band of ±0.05 is then
    /// narrower or wider relative to the model's spread.
    pub fn scaled(m: &Model, s: f64) -> Model {
        Model {
            weights: m.weights.map(|w| w * s),
            bias: m.bias * s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses() {
        let m = Model::parse(MODEL_ASSET).expect("assets/lexicon/tone_model.tsv parses");
        assert!(m.weights[F_COMPOUND] > 0.0, "{m:?}");
        assert_eq!(Model::parse(&m.to_asset("x")), Ok(m));
        assert!(Model::parse("compound\t1\n").is_err());
        assert!(Model::parse("nonsense\t1\nbias\t0\n").is_err());
    }

    #[test]
    fn ridge_recovers_a_linear_rule() {
        // Independent pseudo-random features (a linear congruential generator).
        let mut state: u64 = 7;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let xs: Vec<[f64; NF]> = (0..400).map(|_| std::array::from_fn(|_| next())).collect();
        let ys: Vec<f64> = xs.iter().map(|x| 0.2 + 0.7 * x[0] - 0.3 * x[4]).collect();
        let m = fit::ridge(&xs, &ys, &vec![1.0; xs.len()], 1e-9);
        assert!((m.weights[0] - 0.7).abs() < 1e-4, "{m:?}");
        assert!((m.weights[4] + 0.3).abs() < 1e-4, "{m:?}");
        assert!((m.bias - 0.2).abs() < 1e-4, "{m:?}");
    }
}
