//! Tone scoring (VADER rules over VADER lexicon plus a diplomatic vocabulary) and the tone timeline.

pub mod lexicon;
mod policy;
pub mod rules;
pub mod score;

pub use rules::Scratch;
pub use score::{Scorer, SentenceScore, WordScore};
