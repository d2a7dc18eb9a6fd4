//! Lexicons: VADER's word list, VADER's rule tables (boosters, negations, idioms) and Tenor's
//! diplomatic vocabulary, all embedded at compile time and parsed once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// VADER 3.3.2's lexicon (MIT, C.J. Hutto; see `assets/lexicon/VADER-LICENSE.txt`).
pub const VADER_LEXICON: &str = include_str!("../../../assets/lexicon/vader_lexicon.txt");
/// Tenor's cooperation ↔ conflict vocabulary, valences on VADER's −4..4 scale.
pub const DIPLOMATIC_LEXICON: &str = include_str!("../../../assets/lexicon/diplomatic.tsv");

/// A small, fast, non-cryptographic hasher for short lowercase words (FxHash style).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word → value map using [`WordHasher`].
pub type WordMap<V> = HashMap<Box<str>, V, BuildHasherDefault<WordHasher>>;

/// A sentiment lexicon: lowercase token → mean valence (−4..4).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: WordMap<f64>,
}

impl Lexicon {
    /// Parse VADER's format: `token<TAB>mean<TAB>…`, one entry per line, later lines win.
    /// Also reads Tenor's `word<TAB>valence` files, where `#` starts a comment line.
    pub fn parse(src: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        lex.extend_from(src);
        lex
    }

    /// Add (or override) entries from a lexicon file's text.
    pub fn extend_from(&mut self, src: &str) {
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(word), Some(value)) = (cols.next(), cols.next()) else {
                continue;
            };
            if let Ok(v) = value.trim().parse::<f64>() {
                self.words.insert(word.trim().into(), v);
            }
        }
    }

    /// Valence of a lowercase token, if it is in the lexicon.
    #[inline]
    pub fn get(&self, word: &str) -> Option<f64> {
        self.words.get(word).copied()
    }

    /// Is the lowercase token in the lexicon?
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Is the lexicon empty?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Iterate over `(word, valence)` entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.words.iter().map(|(k, &v)| (&**k, v))
    }
}

/// VADER's lexicon alone, parsed once.
pub static VADER: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(VADER_LEXICON));

/// The diplomatic vocabulary alone (its neutral `0` entries included), parsed once.
pub static DIPLOMATIC_ONLY: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(DIPLOMATIC_LEXICON));

/// VADER's lexicon with the diplomatic vocabulary layered on top (diplomatic entries win;
/// an entry of `0` removes a word that is not evaluative in policy writing).
pub static VADER_DIPLOMATIC: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon::parse(VADER_LEXICON);
    for (word, v) in DIPLOMATIC_ONLY.iter() {
        if v == 0.0 {
            lex.words.remove(word);
        } else {
            lex.words.insert(word.into(), v);
        }
    }
    lex
});

/// Policy terms of art and names whose words are not scored (see `policy`). Lowercase token sequences.
pub const TERMS_OF_ART: &[&[&str]] = &[
    &["health", "care"],
    &["child", "care"],
    &["day", "care"],
    &["medical", "care"],
    &["intensive", "care"],
    &["long-term", "care"],
    &["affordable", "care"],
    &["social", "security"],
    &["national", "security"],
    &["homeland", "security"],
    &["security", "council"],
    &["interest", "rate"],
    &["interest", "rates"],
    &["special", "interest"],
    &["special", "interests"],
    &["vested", "interests"],
    &["free", "trade"],
    &["free", "market"],
    &["free", "markets"],
    &["free", "agent"],
    &["tax-free"],
    &["prime", "minister"],
    &["supreme", "court"],
    &["supreme", "leader"],
    &["justice", "department"],
    &["department", "of", "justice"],
    &["chief", "justice"],
    &["criminal", "justice"],
    &["united", "states"],
    &["united", "nations"],
    &["united", "kingdom"],
    &["heart", "of"],
    &["other", "hand"],
    &["fair", "market"],
    &["credit", "card"],
    &["credit", "cards"],
    &["no", "longer"],
    &["no", "one"],
    &["of", "course"],
    &["to", "be", "sure"],
    &["make", "sure"],
    &["makes", "sure"],
    &["making", "sure"],
    &["free", "speech"],
    &["free", "enterprise"],
    &["free", "press"],
];

/// Contrast cues (besides VADER's own "but" rule, which already reweights valences).
pub const CONTRAST: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "yet",
    "nevertheless",
    "nonetheless",
    "whereas",
    "instead",
    "despite",
];
/// Hedges and epistemic modals.
pub const HEDGE: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "perhaps",
    "possibly",
    "probably",
    "likely",
    "unlikely",
    "seems",
    "seem",
    "appears",
    "apparently",
    "maybe",
    "if",
];
/// Words of obligation and recommendation (editorial "should").
pub const OBLIGATION: &[&str] = &[
    "should",
    "must",
    "ought",
    "need",
    "needs",
    "needed",
    "shouldn't",
    "mustn't",
];

/// A cue word of the calibrated model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cue {
    #[default]
    None,
    Contrast,
    Hedge,
    Obligation,
}

/// Booster increment (VADER `B_INCR`).
pub const B_INCR: f64 = 0.293;
/// Dampener decrement (VADER `B_DECR`).
pub const B_DECR: f64 = -0.293;

/// VADER 3.3.2's `BOOSTER_DICT`: intensifiers and dampeners.
const BOOSTER_WORDS: &[(&str, f64)] = &[
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("just enough", B_DECR),
    ("kind of", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sort of", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// Booster and dampener words and phrases → increment.
pub static BOOSTERS: LazyLock<WordMap<f64>> =
    LazyLock::new(|| BOOSTER_WORDS.iter().map(|&(w, v)| (w.into(), v)).collect());

/// VADER 3.3.2's `SPECIAL_CASES` idioms: phrase words, value, and whether Python holds the
/// value as an int (which matters for bit-exact summation).
pub const SPECIAL_CASES: &[(&[&str], f64, bool)] = &[
    (&["the", "shit"], 3.0, true),
    (&["the", "bomb"], 3.0, true),
    (&["bad", "ass"], 1.5, false),
    (&["badass"], 1.5, false),
    (&["bus", "stop"], 0.0, false),
    (&["yeah", "right"], -2.0, true),
    (&["kiss", "of", "death"], -1.5, false),
    (&["to", "die", "for"], 3.0, true),
    (&["beating", "heart"], 3.5, false),
];

/// VADER 3.3.2's `NEGATE` list.
pub const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// VADER's `negated` for one lowercase word: in `NEGATE`, or containing "n't".
#[inline]
pub fn is_negation(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

/// Everything the scorer needs to know about one lowercase word, found with one lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordInfo {
    /// Valence in VADER's lexicon.
    pub vader: Option<f64>,
    /// Valence in VADER's lexicon with the diplomatic layer.
    pub diplomatic: Option<f64>,
    /// Booster/dampener increment.
    pub booster: Option<f64>,
    /// In VADER's `NEGATE` list.
    pub negation: bool,
    /// First word of a policy term of art.
    pub term: bool,
    /// First word of one of VADER's idioms or multiword boosters.
    pub idiom: bool,
    /// Its diplomatic valence comes from Tenor's vocabulary (`diplomatic.tsv`), not VADER's.
    pub tenor_word: bool,
    /// A cue word of the calibrated model.
    pub cue: Cue,
}

/// All words the scorer knows, with their [`WordInfo`].
pub static WORDS: LazyLock<WordMap<WordInfo>> = LazyLock::new(|| {
    let mut map: WordMap<WordInfo> = WordMap::default();
    for (w, v) in VADER.iter() {
        map.entry(w.into()).or_default().vader = Some(v);
    }
    for (w, v) in VADER_DIPLOMATIC.iter() {
        map.entry(w.into()).or_default().diplomatic = Some(v);
    }
    for (w, v) in DIPLOMATIC_ONLY.iter() {
        if v != 0.0 {
            map.entry(w.into()).or_default().tenor_word = true;
        }
    }
    for (w, &v) in BOOSTERS.iter() {
        map.entry(w.clone()).or_default().booster = Some(v);
    }
    for &w in NEGATE {
        map.entry(w.into()).or_default().negation = true;
    }
    for (words, _, _) in SPECIAL_CASES {
        map.entry(words[0].into()).or_default().idiom = true;
    }
    for w in ["just", "kind", "sort"] {
        map.entry(w.into()).or_default().idiom = true;
    }
    for (list, cue) in [
        (CONTRAST, Cue::Contrast),
        (HEDGE, Cue::Hedge),
        (OBLIGATION, Cue::Obligation),
    ] {
        for &w in list {
            map.entry(w.into()).or_default().cue = cue;
        }
    }
    for w in TERMS_OF_ART.iter().map(|t| t[0]) {
        map.entry(w.into()).or_default().term = true;
    }
    map
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        assert_eq!(VADER.get("fantastic"), Some(2.6));
        assert_eq!(VADER.get("spoiled"), None);
        assert!(VADER.len() > 7000);
        assert!(VADER_DIPLOMATIC.get("spoiled").is_some_and(|v| v < 0.0));
        assert!(
            VADER_DIPLOMATIC
                .get("breakthrough")
                .is_some_and(|v| v > 0.0)
        );
        assert!(DIPLOMATIC_ONLY.len() >= 200, "{}", DIPLOMATIC_ONLY.len());
        assert_eq!(BOOSTERS.get("very"), Some(&B_INCR));
        assert_eq!(BOOSTERS.get("kind of"), Some(&B_DECR));
        assert!(is_negation("isn't") && is_negation("never") && !is_negation("nonetheless"));
    }

    #[test]
    fn hasher_distinguishes_lengths() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<WordHasher>::default();
        assert_ne!(b.hash_one("a"), b.hash_one("a\0"));
        assert_ne!(b.hash_one("tension"), b.hash_one("tensions"));
    }
}
