//! Parity of Tenor's VADER implementation (VADER lexicon only) with `vader-parity`, itself
//! held to Python vaderSentiment 3.3.2, plus hand-checked unit tests of each VADER rule.

use tenor::analysis::tone::Scorer;
// The crate's deterministic generator (xorshift): the corpus is the same on every run.
use tenor::generate::Rng;
use vader_parity::SentimentIntensityAnalyzer;

const POSITIVE: &[&str] = &[
    "good",
    "great",
    "happy",
    "excellent",
    "nice",
    "fun",
    "love",
    "fantastic",
    "kind",
    "hope",
    "trust",
    "fair",
    "support",
    "win",
    "peace",
    "agree",
    "success",
    "benefit",
    "helpful",
];
const NEGATIVE: &[&str] = &[
    "bad", "terrible", "awful", "sad", "hate", "horrible", "boring", "poor", "crisis", "war",
    "threat", "fail", "failed", "angry", "doubt", "tension", "conflict", "fear", "no", "bomb",
];
const NEUTRAL: &[&str] = &[
    "the", "talks", "were", "is", "was", "minister", "trade", "deal", "plan", "of", "it", "this",
    "at", "very", "or", "nor", "for", "to", "die", "shit", "heart", "beating", "kiss", "death",
    "yeah", "right", "enough", "just", "sort", "least", "kind",
];
const NEGATIONS: &[&str] = &[
    "not", "isn't", "never", "doesn't", "without", "nor", "no", "cannot", "wasn't", "hardly",
    "despite", "nothing", "dont",
];
const BOOSTERS: &[&str] = &[
    "very",
    "extremely",
    "kind of",
    "slightly",
    "barely",
    "really",
    "sort of",
    "so",
    "VERY",
    "totally",
    "somewhat",
    "most",
    "less",
    "just enough",
    "incredibly",
    "EXTREMELY",
];
const SUBJECTS: &[&str] = &[
    "The deal",
    "The talks",
    "This plan",
    "The minister",
    "It",
    "The response",
    "Our trade",
    "I",
    "The PLAN",
    "They",
];
const ENDINGS: &[&str] = &[
    ".", "!", "!!", "?", "??", "???", "????", "!!!!!", "?!", "", "...",
];
const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "At least ",
    "No ",
    "But ",
    "Least ",
    "Never so ",
    "Without doubt ",
    "Yeah right ",
    "Kind of ",
    "Not ",
    "At the very least ",
];
const CONNECTORS: &[&str] = &[
    "but", "and", "BUT", "but not", "or", "nor", "but no", "and not",
];

fn caps(rng: &mut Rng, w: &str) -> String {
    if rng.next_u64().is_multiple_of(5) {
        w.to_uppercase()
    } else {
        w.to_string()
    }
}

fn evaluative(rng: &mut Rng) -> String {
    let w = if rng.next_u64().is_multiple_of(2) {
        rng.pick(POSITIVE)
    } else {
        rng.pick(NEGATIVE)
    };
    let mut out = String::new();
    match rng.next_u64() % 6 {
        0 => out.push_str(&format!("{} ", rng.pick(NEGATIONS))),
        1 => out.push_str(&format!("{} ", rng.pick(BOOSTERS))),
        2 => out.push_str(&format!("{} {} ", rng.pick(NEGATIONS), rng.pick(BOOSTERS))),
        3 => out.push_str(&format!("{} {} ", rng.pick(BOOSTERS), rng.pick(NEUTRAL))),
        _ => {}
    }
    out.push_str(&caps(rng, w));
    out
}

/// Combinatorial sentences: opener, subject, evaluative phrase (negation, booster, caps),
/// optional contrast or list with a second phrase, neutral filler, ending punctuation.
fn generated_corpus(n: usize) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut s = String::new();
        s.push_str(rng.pick(OPENERS));
        s.push_str(rng.pick(SUBJECTS));
        s.push_str(if rng.next_u64().is_multiple_of(2) {
            " is "
        } else {
            " "
        });
        s.push_str(&evaluative(&mut rng));
        for _ in 0..rng.next_u64() % 3 {
            s.push(' ');
            s.push_str(rng.pick(NEUTRAL));
        }
        if rng.next_u64().is_multiple_of(2) {
            s.push_str(&format!(", {} ", rng.pick(CONNECTORS)));
            s.push_str(&evaluative(&mut rng));
            if rng.next_u64().is_multiple_of(3) {
                s.push_str(&format!(" {} {}", rng.pick(NEUTRAL), evaluative(&mut rng)));
            }
        }
        s.push_str(rng.pick(ENDINGS));
        out.push(s);
    }
    out
}

/// Hand-written sentences that hit each special case at least once.
const SPECIAL: &[&str] = &[
    "That summit was the bomb.",
    "The new envoy is the shit.",
    "Oh yeah right, a great deal.",
    "The tariff was the kiss of death for the plan.",
    "A deal to die for, honestly.",
    "It was never so good.",
    "It is never this bad.",
    "They are without doubt good partners.",
    "It is at least good.",
    "It is at the very least good.",
    "Least helpful talks ever.",
    "The least helpful talks ever.",
    "No good options, no great options.",
    "There is no hope or trust.",
    "There is no peace nor trust here.",
    "The talks were kind of good.",
    "The talks were sort of bad.",
    "The talks were just enough good.",
    "The summit went so well but the follow-up was so bad.",
    "Good, good, good but good and good.",
    "Bad bad but bad good bad.",
    "GREAT talks, BAD follow-up!!!",
    "ALL CAPS GREAT NEWS",
    "The bus stop was a disaster.",
    "A beating heart of the alliance.",
    "I can't say it was good.",
    "It wasn't not good.",
    "The partnership isn't very strong, but it is hopeful???",
    ":) :( :-D",
    "",
    "   ",
    "no",
    "no no no",
    "No!",
    "kind of",
    "but",
    "But but but good",
];

#[test]
fn compound_scores_match_vader_parity() {
    let reference = SentimentIntensityAnalyzer::new();
    let ours = Scorer::vader();
    let mut corpus = generated_corpus(3000);
    corpus.extend(SPECIAL.iter().map(|s| s.to_string()));
    let mut mismatches = Vec::new();
    for s in &corpus {
        let expected = reference.polarity_scores(s).compound;
        let got = ours.compound(s);
        if got != expected {
            mismatches.push(format!("{s:?}: ours {got}, vader {expected}"));
        }
    }
    assert!(corpus.len() >= 1000);
    // The corpus must exercise tone, not just neutral text.
    let nonzero = corpus.iter().filter(|s| ours.compound(s) != 0.0).count();
    assert!(
        nonzero > corpus.len() * 3 / 4,
        "{nonzero} of {}",
        corpus.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} differ:\n{}",
        mismatches.len(),
        corpus.len(),
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}

fn c(s: &str) -> f64 {
    Scorer::vader().compound(s)
}

/// VADER's normalization, rounded to 4 decimals.
fn norm(sum: f64) -> f64 {
    let x = sum / (sum * sum + 15.0).sqrt();
    (x * 10_000.0).round() / 10_000.0
}

// Lexicon values used below: good 1.9, bad -2.5, no -1.2, kind 2.4.

#[test]
fn plain_lexicon_word() {
    assert_eq!(c("The food is good."), 0.4404);
    assert_eq!(c("The food is good."), norm(1.9));
    assert_eq!(c("The food is here."), 0.0);
}

#[test]
fn negation() {
    // 1.9 × −0.74 = −1.406
    assert_eq!(c("The food is not good."), -0.3412);
    assert_eq!(c("The food isn't good."), -0.3412);
    assert_eq!(c("The food aint good."), -0.3412);
    // Negation up to three words back: "not" at distance 3.
    assert_eq!(c("The food is not at all good."), -0.3412);
}

#[test]
fn boosters_and_dampeners() {
    assert_eq!(c("The food is very good."), norm(1.9 + 0.293));
    assert_eq!(c("The food is very good."), 0.4927);
    assert_eq!(c("The food is slightly good."), norm(1.9 - 0.293));
    // Dampened by distance: two words back × 0.95.
    assert_eq!(c("The food is very much good."), norm(1.9 + 0.293 * 0.95));
    // On a negative word the booster pushes further down.
    assert_eq!(c("The food is very bad."), norm(-2.5 - 0.293));
}

#[test]
fn but_weighting() {
    // Before "but" × 0.5, after × 1.5: 0.95 − 3.75 = −2.8.
    assert_eq!(c("The food is good but the service is bad."), -0.5859);
}

#[test]
fn all_caps_emphasis() {
    // Only when the sentence mixes caps and non-caps words: + 0.733.
    assert_eq!(c("The food is GOOD."), norm(1.9 + 0.733));
    assert_eq!(c("The food is GOOD."), 0.5622);
    assert_eq!(c("GOOD FOOD"), norm(1.9));
    // A booster in caps gains 0.733 too.
    assert_eq!(c("The food is VERY good."), norm(1.9 + 0.293 + 0.733));
}

#[test]
fn punctuation_emphasis() {
    // 0.292 per "!" up to 4.
    assert_eq!(c("The food is good!!"), 0.5399);
    assert_eq!(c("The food is good!!!!!!!"), norm(1.9 + 4.0 * 0.292));
    // One "?" adds nothing; 2–3 add 0.18 each; more add 0.96.
    assert_eq!(c("The food is good?"), 0.4404);
    assert_eq!(c("The food is good??"), 0.504);
    assert_eq!(c("The food is good?????"), norm(1.9 + 0.96));
    // Emphasis follows the sign of the sum.
    assert_eq!(c("The food is bad!"), norm(-2.5 - 0.292));
}

#[test]
fn at_least_and_least() {
    assert_eq!(c("The food is at least good."), 0.4404);
    assert_eq!(c("The food is the least good."), -0.3412);
    // "very least" is not a negation, and "very" still boosts from two words back.
    assert_eq!(c("The food is very least good."), norm(1.9 + 0.293 * 0.95));
}

#[test]
fn no_handling() {
    // "no" before a lexicon word is 0 and negates the word after it.
    assert_eq!(c("No good food."), -0.3412);
    // Standalone "no" keeps its own valence (−1.2).
    assert_eq!(c("There is no food."), -0.296);
    // "no … or/nor" reaches three words on; "no" before a non-lexicon word keeps its −1.2.
    assert_eq!(c("There is no money or good."), norm(-1.2 + 1.9 * -0.74));
}

#[test]
fn kind_of() {
    // "kind" (lexicon 2.4) is skipped before "of", and "kind of" dampens: 1.9 − 0.293.
    assert_eq!(c("The food is kind of good."), 0.3832);
    assert_eq!(c("The food is kind."), norm(2.4));
}

#[test]
fn idioms_and_never_so() {
    // "the bomb" is an idiom worth 3.
    assert_eq!(c("That movie was the bomb."), 0.6124);
    // "never so": booster 0.293, then × 1.25 twice (the reference's precedence quirk).
    assert_eq!(c("It was never so good."), 0.6626);
    assert_eq!(
        c("It was never so good."),
        norm((1.9 + 0.293) * 1.25 * 1.25)
    );
}

#[test]
fn word_contributions_are_kept() {
    let s = "The food is not good but the service is great.";
    let scored = Scorer::vader().score(s);
    let words: Vec<(&str, f64)> = scored
        .words
        .iter()
        .map(|w| (&s[w.range.clone()], (w.valence * 1000.0).round() / 1000.0))
        .collect();
    // good: 1.9 × −0.74 × 0.5; great: 3.1 × 1.5
    assert_eq!(words, vec![("good", -0.703), ("great", 4.65)]);
}
