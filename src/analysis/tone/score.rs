//! Sentence scoring: the [`Scorer`] (VADER alone, or VADER with the diplomatic vocabulary and
//! policy-text rules) and the per-word contributions that drive each score.

use std::cell::RefCell;
use std::ops::Range;

use super::lexicon::{Lexicon, VADER, VADER_DIPLOMATIC};
use super::model::{self, MODEL, Rule};
use super::policy;
use super::rules::{self, LexiconChoice, Scratch, Tokenizer};

/// One scored word: its byte range (in the text given to the scorer, shifted by the offset
/// passed to [`Scorer::score_into`]) and its valence after all rules (negation, boosters,
/// "but", caps…), on VADER's −4..4 scale. Only words with a nonzero valence are reported.
#[derive(Debug, Clone, PartialEq)]
pub struct WordScore {
    pub range: Range<usize>,
    pub valence: f64,
    /// Its share of the sentence's score: for VADER's scorers its part of the compound score
    /// (by valence); for the calibrated scorer its part of the model's linear sum, whose
    /// `tanh` is the score (the shares of the words and [`RuleScore`]s add up to that sum).
    pub contribution: f64,
}

/// A cue or sentence-wide term of the calibrated model that moved a sentence's score.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleScore {
    pub rule: Rule,
    /// The cue word's byte range, `None` for sentence-wide terms (baseline, `?`, `!`, length).
    pub range: Option<Range<usize>>,
    /// Its share of the sentence's score.
    pub contribution: f64,
}

/// The score of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceScore {
    /// VADER's compound score in −1..1, rounded to 4 decimals like VADER.
    pub compound: f64,
    /// The words that carry tone, in text order, with their contributions.
    pub words: Vec<WordScore>,
    /// The cues and sentence-wide terms that moved the score (calibrated scorer, sentences with
    /// tone words only).
    pub rules: Vec<RuleScore>,
}

/// A sentence scorer: a lexicon plus how text is tokenized and read.
#[derive(Debug, Clone, Copy)]
pub struct Scorer {
    lexicon: LexiconChoice,
    tokenizer: Tokenizer,
    policy: bool,
    calibrated: bool,
}

/// Buffers of the calibrated model's breakdown.
#[derive(Debug, Default)]
struct Explain {
    share: Vec<f64>,
    rules: Vec<(Rule, Option<usize>, f64)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    static EXPLAIN: RefCell<Explain> = RefCell::new(Explain::default());
}

impl Scorer {
    /// VADER exactly as Python vaderSentiment 3.3.2 (emoji translation aside): VADER's lexicon,
    /// its tokenizer, its rules.
    pub fn vader() -> Scorer {
        Scorer {
            lexicon: LexiconChoice::Vader,
            tokenizer: Tokenizer::Vader,
            policy: false,
            calibrated: false,
        }
    }

    /// Tenor's scorer for policy and news text: VADER's rules over VADER's lexicon with the
    /// diplomatic vocabulary layered on top, typographic tokenizing (curly quotes, dashes,
    /// `’`), and the policy-text rules of [`super::policy`] (names and terms of art such as
    /// "United States" or "interest rates" are not read as evaluations).
    pub fn diplomatic() -> Scorer {
        Scorer {
            lexicon: LexiconChoice::Diplomatic,
            tokenizer: Tokenizer::Typographic,
            policy: true,
            calibrated: false,
        }
    }

    /// The scorer Tenor uses: the diplomatic scorer's words and rules read by the calibrated
    /// model of [`super::model`] (fitted on human ratings of news editorials). A sentence
    /// without tone words gets the model's prior for such sentences (its cues can move it);
    /// the timeline does not count such sentences as tone.
    pub fn tenor() -> Scorer {
        Scorer {
            calibrated: true,
            ..Scorer::diplomatic()
        }
    }

    /// Is this the calibrated scorer?
    pub fn is_calibrated(&self) -> bool {
        self.calibrated
    }

    /// VADER's lexicon and rules with typographic tokenizing, without the diplomatic layer.
    pub fn vader_typographic() -> Scorer {
        Scorer {
            tokenizer: Tokenizer::Typographic,
            ..Scorer::vader()
        }
    }

    /// Does this scorer use the diplomatic vocabulary?
    pub fn is_diplomatic(&self) -> bool {
        self.policy
    }

    /// The lexicon this scorer reads.
    pub fn lexicon(&self) -> &'static Lexicon {
        match self.lexicon {
            LexiconChoice::Vader => &VADER,
            LexiconChoice::Diplomatic => &VADER_DIPLOMATIC,
        }
    }

    /// The score of `text` (one sentence), rounded to 4 decimals: VADER's compound score, or
    /// the calibrated model's score for [`Scorer::tenor`].
    pub fn compound(&self, text: &str) -> f64 {
        SCRATCH.with_borrow_mut(|sc| {
            let c = self.run(text, sc);
            if self.calibrated {
                rules::round4(MODEL.predict(&model::features(text, sc, c)))
            } else {
                rules::round4(c)
            }
        })
    }

    /// The model features of `text` (see [`super::model::FEATURES`]) with this scorer's
    /// lexicon and rules, and whether it has tone words.
    pub fn features(&self, text: &str) -> ([f64; model::NF], bool) {
        SCRATCH.with_borrow_mut(|sc| {
            let c = self.run(text, sc);
            let toned = sc.vals.iter().any(|&v| v != 0.0);
            (model::features(text, sc, c), toned)
        })
    }

    /// Score `text` and return its score and driver words (and rules).
    pub fn score(&self, text: &str) -> SentenceScore {
        let mut words = Vec::new();
        let mut rules = Vec::new();
        let compound =
            SCRATCH.with_borrow_mut(|sc| self.score_into(text, 0, sc, &mut words, &mut rules));
        SentenceScore {
            compound,
            words,
            rules,
        }
    }

    /// Score `text` with caller-owned buffers: appends its nonzero word contributions to
    /// `words` and the model's cue and sentence-wide terms to `rules` (ranges shifted by
    /// `offset`; nothing for a sentence without tone words) and returns the score rounded to
    /// 4 decimals.
    pub fn score_into(
        &self,
        text: &str,
        offset: usize,
        scratch: &mut Scratch,
        words: &mut Vec<WordScore>,
        rules: &mut Vec<RuleScore>,
    ) -> f64 {
        let compound = self.run(text, scratch);
        let range = |t: &rules::Tok| offset + t.start as usize..offset + t.end as usize;
        let toned = scratch.vals.iter().any(|&v| v != 0.0);
        if self.calibrated && !toned {
            // No words to explain: the model's prior for such sentences, without a breakdown.
            return rules::round4(MODEL.predict(&model::features(text, scratch, compound)));
        }
        if !self.calibrated {
            // VADER's compound: each word's share is its part of the valence sum.
            let total: f64 = scratch.vals.iter().sum();
            for (t, &v) in scratch.toks.iter().zip(&scratch.vals) {
                if v != 0.0 {
                    let contribution = if total != 0.0 {
                        compound * v / total
                    } else {
                        0.0
                    };
                    words.push(WordScore {
                        range: range(t),
                        valence: v,
                        contribution,
                    });
                }
            }
            return rules::round4(compound);
        }
        EXPLAIN.with_borrow_mut(|ex| {
            ex.rules.clear();
            let score = MODEL.explain(text, scratch, compound, &mut ex.share, &mut ex.rules);
            for ((t, &v), &share) in scratch.toks.iter().zip(&scratch.vals).zip(&ex.share) {
                if v != 0.0 {
                    words.push(WordScore {
                        range: range(t),
                        valence: v,
                        contribution: share,
                    });
                }
            }
            rules.extend(ex.rules.iter().map(|&(rule, tok, contribution)| RuleScore {
                rule,
                range: tok.map(|i| range(&scratch.toks[i])),
                contribution,
            }));
            rules::round4(score)
        })
    }

    fn run(&self, text: &str, sc: &mut Scratch) -> f64 {
        rules::tokenize(text, self.tokenizer, self.lexicon, sc);
        if self.policy {
            policy::apply(sc);
        }
        rules::score_tokens(text, sc)
    }
}

impl Default for Scorer {
    /// The scorer Tenor uses, [`Scorer::tenor`].
    fn default() -> Self {
        Scorer::tenor()
    }
}
