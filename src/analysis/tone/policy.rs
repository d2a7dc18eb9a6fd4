//! Policy-text rules of the diplomatic scorer: words VADER's social-media lexicon misreads in
//! formal policy and news writing. They only remove a word's lexicon valence (the word then
//! counts as neutral, as any word outside the lexicon); they never invent tone.
//!
//! - **Terms of art and names**: multiword expressions whose parts VADER scores but which name
//!   a topic or an institution, not an evaluation ("health care", "Social Security",
//!   "interest rates", "free trade", "prime minister", "Supreme Court", "at the heart of").
//! - **"like" as a preposition** ("terms like these", "feels like"): VADER reads every "like" as
//!   the verb. It stays scored only where the verb reading is clear: after a subject pronoun,
//!   an auxiliary, "to" or an adverb ("I like", "would like", "don't like", "really like").
//! - **"well" as a degree or discourse adverb**: "as well (as)", "well over/before/…",
//!   "well into the night".

use std::sync::LazyLock;

use super::lexicon::{TERMS_OF_ART, WordMap};
use super::rules::Scratch;

static TERMS_BY_FIRST_WORD: LazyLock<WordMap<Vec<&'static [&'static str]>>> = LazyLock::new(|| {
    let mut map: WordMap<Vec<&'static [&'static str]>> = WordMap::default();
    for &term in TERMS_OF_ART {
        map.entry(term[0].into()).or_default().push(term);
    }
    map
});

/// Words after which "like" is the verb.
const LIKE_VERB_CONTEXT: &[&str] = &[
    "i",
    "you",
    "we",
    "they",
    "would",
    "i'd",
    "we'd",
    "you'd",
    "they'd",
    "he'd",
    "she'd",
    "do",
    "don't",
    "dont",
    "didn't",
    "didnt",
    "doesn't",
    "really",
    "also",
    "just",
    "still",
    "to",
    "will",
    "might",
    "may",
    "could",
    "should",
    "not",
    "i'll",
    "you'll",
    "we'll",
    "they'll",
    "people",
    "who",
    "u",
    "ya",
    "definitely",
    "totally",
    "actually",
    "kinda",
    "sorta",
    "gonna",
    "genuinely",
];

/// Words after which "well" is a degree adverb ("well over", "well before").
const WELL_DEGREE: &[&str] = &[
    "over", "under", "before", "after", "above", "below", "into", "beyond", "within", "ahead",
    "past", "short", "behind",
];

/// Valence of "too" as an adverb of excess ("too little, too late", "too costly").
const TOO_EXCESS: f64 = -1.1;
/// Valence of a negation with no evaluative word in its scope ("is not likely to change").
const BARE_NEGATION: f64 = -0.6;

/// Apply the rules to a tokenized sentence.
pub(crate) fn apply(sc: &mut Scratch) {
    let n = sc.toks.len();
    for i in 0..n {
        if sc.toks[i].lex.is_none() {
            let low = sc.low(i);
            if low == "too"
                && !sc.toks[i].punct_after
                && i + 1 < n
                && sc.toks[i + 1].lex.is_none()
                && sc.toks[i + 1].booster.is_none()
            {
                sc.toks[i].lex = Some(TOO_EXCESS);
            } else if sc.toks[i].neg && (i + 1..n.min(i + 4)).all(|j| sc.toks[j].lex.is_none()) {
                sc.toks[i].lex = Some(BARE_NEGATION);
            }
            continue;
        }
        if sc.toks[i].lex.is_none() {
            continue;
        }
        let neutral = match sc.low(i) {
            "like" => i == 0 || !LIKE_VERB_CONTEXT.contains(&sc.low(i - 1)),
            "well" => {
                i > 0 && sc.low(i - 1) == "as" || i + 1 < n && WELL_DEGREE.contains(&sc.low(i + 1))
            }
            _ => false,
        };
        if neutral {
            sc.toks[i].lex = None;
        }
    }
    // Terms of art: strip the valence from every word of the expression.
    for i in 0..n {
        if !sc.toks[i].term {
            continue;
        }
        let Some(terms) = TERMS_BY_FIRST_WORD.get(sc.low(i)) else {
            continue;
        };
        for term in terms {
            if sc.seq_is(i, term) {
                for t in &mut sc.toks[i..i + term.len()] {
                    t.lex = None;
                }
            }
        }
    }
}
