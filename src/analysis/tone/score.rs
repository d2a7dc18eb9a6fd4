//! Sentence scoring: the [`Scorer`] (VADER alone, or VADER with the diplomatic vocabulary and
//! policy-text rules) and the per-word contributions that drive each score.

use std::cell::RefCell;
use std::ops::Range;

use super::lexicon::{Lexicon, VADER, VADER_DIPLOMATIC};
use super::policy;
use super::rules::{self, LexiconChoice, Scratch, Tokenizer};

/// One scored word: its byte range (in the text given to the scorer, shifted by the offset
/// passed to [`Scorer::score_into`]) and its valence after all rules (negation, boosters,
/// "but", caps…), on VADER's −4..4 scale. Only words with a nonzero valence are reported.
#[derive(Debug, Clone, PartialEq)]
pub struct WordScore {
    pub range: Range<usize>,
    pub valence: f64,
}

/// The score of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceScore {
    /// VADER's compound score in −1..1, rounded to 4 decimals like VADER.
    pub compound: f64,
    /// The words that carry tone, in text order, with their contributions.
    pub words: Vec<WordScore>,
}

/// A sentence scorer: a lexicon plus how text is tokenized and read.
#[derive(Debug, Clone, Copy)]
pub struct Scorer {
    lexicon: LexiconChoice,
    tokenizer: Tokenizer,
    policy: bool,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scorer {
    /// VADER exactly as Python vaderSentiment 3.3.2 (emoji translation aside): VADER's lexicon,
    /// its tokenizer, its rules.
    pub fn vader() -> Scorer {
        Scorer {
            lexicon: LexiconChoice::Vader,
            tokenizer: Tokenizer::Vader,
            policy: false,
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
        }
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

    /// The compound score of `text` (one sentence), rounded to 4 decimals.
    pub fn compound(&self, text: &str) -> f64 {
        SCRATCH.with_borrow_mut(|sc| rules::round4(self.run(text, sc)))
    }

    /// Score `text` and return its compound and driver words.
    pub fn score(&self, text: &str) -> SentenceScore {
        let mut words = Vec::new();
        let compound = SCRATCH.with_borrow_mut(|sc| self.score_into(text, 0, sc, &mut words));
        SentenceScore { compound, words }
    }

    /// Score `text` with caller-owned buffers: appends its nonzero word contributions to
    /// `words` (ranges shifted by `offset`) and returns the compound rounded to 4 decimals.
    pub fn score_into(
        &self,
        text: &str,
        offset: usize,
        scratch: &mut Scratch,
        words: &mut Vec<WordScore>,
    ) -> f64 {
        let compound = self.run(text, scratch);
        for (t, &v) in scratch.toks.iter().zip(&scratch.vals) {
            if v != 0.0 {
                words.push(WordScore {
                    range: offset + t.start as usize..offset + t.end as usize,
                    valence: v,
                });
            }
        }
        rules::round4(compound)
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
    /// The diplomatic scorer.
    fn default() -> Self {
        Scorer::diplomatic()
    }
}
