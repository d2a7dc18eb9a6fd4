//! VADER's sentence rules, as in Python vaderSentiment 3.3.2: tokenizing, negation (with
//! "n't", "never so", "without doubt"), boosters and dampeners (with ALL-CAPS increments),
//! ALL-CAPS emphasis, "no", "least"/"at least", "kind of", the special idioms, contrastive
//! "but" (with the reference's first-equal-value reweighting), `!`/`?` emphasis, and the
//! alpha = 15 normalization, with Python's float summation order.
//!
//! Everything works on reused buffers: tokens are lowercased into one shared `String`, so
//! scoring a sentence allocates nothing once the buffers have grown.

use super::lexicon::{Cue, SPECIAL_CASES, WORDS};

/// All-caps emphasis increment (VADER `C_INCR`).
pub const C_INCR: f64 = 0.733;
/// Negation scalar (VADER `N_SCALAR`).
pub const N_SCALAR: f64 = -0.74;
/// Normalization constant of the compound score.
pub const ALPHA: f64 = 15.0;

/// One token of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte range of the token in the sentence (punctuation stripped as VADER does).
    pub start: u32,
    pub end: u32,
    /// Range of its lowercase form in [`Scratch::lower`].
    lo: u32,
    hi: u32,
    /// Python's `str.isupper()` of the token.
    pub upper: bool,
    /// Lexicon valence, `None` when the token is not (or no longer) a lexicon word.
    pub lex: Option<f64>,
    /// Was punctuation stripped from the end of the token (a clause or phrase break)?
    pub punct_after: bool,
    /// Booster/dampener increment, if the token is one.
    pub booster: Option<f64>,
    /// Is the token a negation (VADER's `negated`)?
    pub neg: bool,
    /// Does a policy term of art start with this token?
    pub term: bool,
    /// Does one of VADER's idioms or multiword boosters start with this token?
    idiom: bool,
    /// Is it a word of the lexicon in use (before the policy rules)?
    pub in_lexicon: bool,
    /// Does its valence come from Tenor's vocabulary rather than VADER's?
    pub tenor_word: bool,
    /// The calibrated model's cue class of the word.
    pub cue: Cue,
}

/// Which lexicon valences tokens get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexiconChoice {
    Vader,
    Diplomatic,
}

/// Reusable buffers for scoring sentences.
#[derive(Debug, Default)]
pub struct Scratch {
    lower: String,
    pub(crate) toks: Vec<Tok>,
    /// Per-token valence after all rules (0 for non-lexicon tokens).
    pub(crate) vals: Vec<f64>,
    /// Whether Python would hold that valence as an int (matters for its `sum`).
    ints: Vec<bool>,
    /// Indices of nonzero valences, for the "but" rule.
    nonzero: Vec<usize>,
}

impl Scratch {
    /// Lowercase form of token `i`.
    #[inline]
    pub(crate) fn low(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.lo as usize..t.hi as usize]
    }

    fn low_is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// Do tokens `start..start + words.len()` spell `words` (lowercase)?
    pub(crate) fn seq_is(&self, start: usize, words: &[&str]) -> bool {
        start + words.len() <= self.toks.len()
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| self.low(start + k) == *w)
    }
}

/// How text is cut into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokenizer {
    /// Exactly Python's `str.split()` then `strip(string.punctuation)` (parity mode).
    Vader,
    /// Also splits at em/en dashes, strips typographic punctuation (curly quotes, ellipses,
    /// guillemets) and reads `’` as an apostrophe: for real articles.
    Typographic,
}

#[inline]
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

#[inline]
fn is_typo_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '„'
                | '‚'
                | '…'
                | '¡'
                | '¿'
                | '•'
                | '·'
        )
}

#[inline]
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// Python's `str.isupper()`: at least one cased char and no lowercase or titlecase one.
fn py_isupper(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        } else if c.to_lowercase().next() != Some(c) {
            // Titlecase letters (e.g. "ǅ") are cased but not upper.
            return false;
        }
    }
    cased
}

/// Split `text` into tokens (into `scratch.toks`, lowercase forms into `scratch.lower`).
/// Lexicon valences come from VADER's lexicon or the diplomatic one.
pub(crate) fn tokenize(text: &str, tokenizer: Tokenizer, lexicon: LexiconChoice, sc: &mut Scratch) {
    sc.toks.clear();
    sc.lower.clear();
    let typo = tokenizer == Tokenizer::Typographic;
    let mut start = None;
    for (i, c) in text.char_indices() {
        let sep = is_py_space(c) || typo && is_dash(c);
        match (sep, start) {
            (true, Some(s)) => {
                push_token(text, s, i, typo, lexicon, sc);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push_token(text, s, text.len(), typo, lexicon, sc);
    }
}

fn push_token(
    text: &str,
    a: usize,
    b: usize,
    typo: bool,
    lexicon: LexiconChoice,
    sc: &mut Scratch,
) {
    let raw = &text[a..b];
    let (mut s, mut e) = (a, b);
    if typo {
        let t = raw.trim_matches(is_typo_punct);
        if t.len() > 8 || t.chars().count() > 2 {
            s = a + (raw.len() - raw.trim_start_matches(is_typo_punct).len());
            e = s + t.len();
        }
    } else {
        let t = raw.trim_matches(|c: char| c.is_ascii_punctuation());
        // Python keeps the original token when the stripped one has 2 chars or fewer.
        if t.chars().count() > 2 {
            s = a
                + (raw.len()
                    - raw
                        .trim_start_matches(|c: char| c.is_ascii_punctuation())
                        .len());
            e = s + t.len();
        }
    }
    let word = &text[s..e];
    let lo = sc.lower.len();
    if word.is_ascii() {
        sc.lower
            .extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        for c in word.chars() {
            if typo && matches!(c, '’' | '‘') {
                sc.lower.push('\'');
            } else {
                sc.lower.extend(c.to_lowercase());
            }
        }
    }
    let hi = sc.lower.len();
    let low = &sc.lower[lo..hi];
    let info = WORDS.get(low).copied().unwrap_or_default();
    let lex = match lexicon {
        LexiconChoice::Vader => info.vader,
        LexiconChoice::Diplomatic => info.diplomatic,
    };
    let neg = info.negation || low.contains("n't");
    sc.toks.push(Tok {
        start: s as u32,
        end: e as u32,
        lo: lo as u32,
        hi: hi as u32,
        upper: py_isupper(word),
        lex,
        punct_after: e < b,
        booster: info.booster,
        neg,
        term: info.term,
        idiom: info.idiom,
        in_lexicon: lex.is_some(),
        tenor_word: lexicon == LexiconChoice::Diplomatic && info.tenor_word,
        cue: info.cue,
    });
}

/// Score the tokens in `sc` (see [`tokenize`]); `text` is the sentence (for `!`/`?`).
/// Fills `sc.vals` with each token's final valence and returns the unrounded compound.
pub(crate) fn score_tokens(text: &str, sc: &mut Scratch) -> f64 {
    let n = sc.toks.len();
    sc.vals.clear();
    sc.ints.clear();
    let uppers = sc.toks.iter().filter(|t| t.upper).count();
    let cap_diff = uppers > 0 && uppers < n;
    for i in 0..n {
        let (v, int) = valence(sc, i, cap_diff);
        sc.vals.push(v);
        sc.ints.push(int);
    }
    but_check(sc);
    if n == 0 {
        return 0.0;
    }
    let mut sum = python_sum(&sc.vals, &sc.ints);
    let emph = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += emph;
    } else if sum < 0.0 {
        sum -= emph;
    }
    normalize(sum)
}

/// VADER's `normalize(score, alpha=15)`.
#[inline]
pub fn normalize(score: f64) -> f64 {
    (score / (score * score + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

fn punctuation_emphasis(text: &str) -> f64 {
    let (mut ep, mut qm) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'!' => ep += 1,
            b'?' => qm += 1,
            _ => {}
        }
    }
    let ep_amp = ep.min(4) as f64 * 0.292;
    let qm_amp = match qm {
        0 | 1 => 0.0,
        2 | 3 => qm as f64 * 0.18,
        _ => 0.96,
    };
    ep_amp + qm_amp
}

/// The valence of token `i` and whether Python would hold it as an int.
fn valence(sc: &Scratch, i: usize, cap_diff: bool) -> (f64, bool) {
    let n = sc.toks.len();
    let low = sc.low(i);
    if sc.toks[i].booster.is_some() || low == "kind" && i + 1 < n && sc.low_is(i + 1, "of") {
        return (0.0, true);
    }
    let Some(lex) = sc.toks[i].lex else {
        return (0.0, true);
    };
    let mut v = lex;
    // "no" before a lexicon word negates that word instead of counting itself.
    if low == "no" && i + 1 < n && sc.toks[i + 1].lex.is_some() {
        v = 0.0;
    }
    if i > 0 && sc.low_is(i - 1, "no")
        || i > 1 && sc.low_is(i - 2, "no")
        || i > 2 && sc.low_is(i - 3, "no") && matches!(sc.low(i - 1), "or" | "nor")
    {
        v = lex * N_SCALAR;
    }
    if sc.toks[i].upper && cap_diff {
        if v > 0.0 {
            v += C_INCR;
        } else {
            v -= C_INCR;
        }
    }
    let mut int = false;
    for start_i in 0..3 {
        if i > start_i && sc.toks[i - start_i - 1].lex.is_none() {
            let mut s = scalar_inc_dec(sc, i - start_i - 1, v, cap_diff);
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            v += s;
            v = negation_check(sc, v, start_i, i);
            if start_i == 2 {
                (v, int) = idioms_check(sc, v, i);
            }
        }
    }
    // "least" before a word negates it, except in "at least" and "very least".
    if i > 0
        && sc.toks[i - 1].lex.is_none()
        && sc.low_is(i - 1, "least")
        && (i == 1 || !matches!(sc.low(i - 2), "at" | "very"))
    {
        v *= N_SCALAR;
        int = false;
    }
    (v, int)
}

fn scalar_inc_dec(sc: &Scratch, j: usize, valence: f64, cap_diff: bool) -> f64 {
    let Some(b) = sc.toks[j].booster else {
        return 0.0;
    };
    let mut s = if valence < 0.0 { -b } else { b };
    if sc.toks[j].upper && cap_diff {
        if valence > 0.0 {
            s += C_INCR;
        } else {
            s -= C_INCR;
        }
    }
    s
}

fn negation_check(sc: &Scratch, v: f64, start_i: usize, i: usize) -> f64 {
    let is = |k: usize, w: &str| sc.low_is(i - k, w);
    match start_i {
        0 => {
            if sc.toks[i - 1].neg {
                return v * N_SCALAR;
            }
        }
        1 => {
            if is(2, "never") && (is(1, "so") || is(1, "this")) {
                return v * 1.25;
            } else if is(2, "without") && is(1, "doubt") {
                return v;
            } else if sc.toks[i - 2].neg {
                return v * N_SCALAR;
            }
        }
        _ => {
            // Python's precedence: (never3 and (so2 or this2)) or (so1 or this1).
            if is(3, "never") && (is(2, "so") || is(2, "this")) || (is(1, "so") || is(1, "this")) {
                return v * 1.25;
            } else if is(3, "without") && (is(2, "doubt") || is(1, "doubt")) {
                return v;
            } else if sc.toks[i - 3].neg {
                return v * N_SCALAR;
            }
        }
    }
    v
}

const MULTIWORD_BOOSTERS: &[(&[&str], f64)] = &[
    (&["just", "enough"], -0.293),
    (&["kind", "of"], -0.293),
    (&["sort", "of"], -0.293),
];

fn special_case(sc: &Scratch, start: usize, len: usize) -> Option<(f64, bool)> {
    if !sc.toks.get(start).is_some_and(|t| t.idiom) {
        return None;
    }
    SPECIAL_CASES
        .iter()
        .find(|(words, _, _)| words.len() == len && sc.seq_is(start, words))
        .map(|&(_, v, int)| (v, int))
}

fn multiword_booster(sc: &Scratch, start: usize, len: usize) -> Option<f64> {
    if !sc.toks.get(start).is_some_and(|t| t.idiom) {
        return None;
    }
    MULTIWORD_BOOSTERS
        .iter()
        .find(|(words, _)| words.len() == len && sc.seq_is(start, words))
        .map(|&(_, v)| v)
}

/// VADER's `_special_idioms_check` (only called with `i >= 3`).
fn idioms_check(sc: &Scratch, mut v: f64, i: usize) -> (f64, bool) {
    let n = sc.toks.len();
    // Every idiom and multiword booster checked below starts within i-3..=i.
    if !sc.toks[i - 3..=i].iter().any(|t| t.idiom) {
        return (v, false);
    }
    let mut int = false;
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first hit wins.
    for (start, len) in [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)] {
        if let Some((val, is_int)) = special_case(sc, start, len) {
            (v, int) = (val, is_int);
            break;
        }
    }
    if n - 1 > i
        && let Some((val, is_int)) = special_case(sc, i, 2)
    {
        (v, int) = (val, is_int);
    }
    if n > i + 2
        && let Some((val, is_int)) = special_case(sc, i, 3)
    {
        (v, int) = (val, is_int);
    }
    // threetwoone, threetwo, twoone against the booster n-grams.
    for (start, len) in [(i - 3, 3), (i - 3, 2), (i - 2, 2)] {
        if let Some(b) = multiword_booster(sc, start, len) {
            v += b;
            int = false;
        }
    }
    (v, int)
}

/// VADER's `_but_check`, quirk included: Python re-finds each value with
/// `list.index`, so the weight lands on the *first* slot holding an equal value.
fn but_check(sc: &mut Scratch) {
    let Some(bi) = (0..sc.toks.len()).find(|&i| sc.low_is(i, "but")) else {
        return;
    };
    // Zero slots stay zero and nonzero slots stay nonzero under reweighting, so a zero value
    // always finds the first zero slot, a nonzero one the first equal nonzero slot.
    let first_zero = sc.vals.iter().position(|&v| v == 0.0);
    sc.nonzero.clear();
    sc.nonzero
        .extend((0..sc.vals.len()).filter(|&k| sc.vals[k] != 0.0));
    for k in 0..sc.vals.len() {
        let v = sc.vals[k];
        let si = if v == 0.0 {
            first_zero.unwrap_or(k)
        } else {
            // Linear in the number of nonzero valences, which is small for real sentences.
            sc.nonzero
                .iter()
                .copied()
                .find(|&j| sc.vals[j] == v)
                .unwrap_or(k)
        };
        let w = match si.cmp(&bi) {
            std::cmp::Ordering::Less => 0.5,
            std::cmp::Ordering::Greater => 1.5,
            std::cmp::Ordering::Equal => continue,
        };
        sc.vals[si] = v * w;
        sc.ints[si] = false;
    }
}

/// CPython's `sum()` over the valences: exact int accumulation of a leading run of ints,
/// one plain addition of the first float, then Neumaier-compensated float summation
/// (CPython ≥ 3.12).
fn python_sum(vals: &[f64], ints: &[bool]) -> f64 {
    let mut k = 0;
    let mut i_result = 0.0;
    while k < vals.len() && ints[k] {
        i_result += vals[k];
        k += 1;
    }
    if k == vals.len() {
        return i_result;
    }
    let mut f = i_result + vals[k];
    let mut c = 0.0;
    for &x in &vals[k + 1..] {
        let t = f + x;
        if f.abs() >= x.abs() {
            c += (f - t) + x;
        } else {
            c += (x - t) + f;
        }
        f = t;
    }
    if c != 0.0 && c.is_finite() {
        f += c;
    }
    f
}

/// Round to 4 decimals as Python's `round(x, 4)` does (exact decimal rounding of the binary
/// value, ties to even), with a fast path away from ties.
pub fn round4(x: f64) -> f64 {
    let y = x * 10_000.0;
    let frac = (y - y.trunc()).abs();
    if (frac - 0.5).abs() > 1e-6 {
        return y.round() / 10_000.0;
    }
    format!("{x:.4}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_rounding() {
        assert_eq!(round4(0.43619), 0.4362);
        assert_eq!(round4(-0.65966), -0.6597);
        assert_eq!(round4(0.00005), 0.0001);
        assert_eq!(round4(0.12345), 0.1235);
        assert_eq!(round4(1.0), 1.0);
    }

    #[test]
    fn python_isupper() {
        assert!(py_isupper("GREAT") && py_isupper("I") && py_isupper("A1!"));
        assert!(!py_isupper("Great") && !py_isupper("123") && !py_isupper("!!"));
        assert!(py_isupper("ÉTÉ") && !py_isupper("été"));
    }

    #[test]
    fn sums_like_cpython() {
        assert_eq!(python_sum(&[1e100, 1.0, -1e100], &[false; 3]), 1.0);
        assert_eq!(python_sum(&[0.0, 0.0], &[true, true]), 0.0);
    }
}
