//! Tone scoring (VADER rules over VADER lexicon plus a diplomatic vocabulary) and the tone timeline.
//!
//! - [`Scorer`]: sentence scores (VADER 3.3.2 rules; [`Scorer::vader`] alone or
//!   [`Scorer::diplomatic`] with Tenor's cooperation ↔ conflict vocabulary and policy-text rules),
//!   with each word's contribution.
//! - [`timeline`]: paragraph, section and sentence scores of an [`Article`], a smoothed curve,
//!   turning points and quoted evaluative words.
//! - [`tone_json`] / [`tone_text`]: what `tenor tone FILE [--json]` prints.
//!
//! Pure: no terminal, no I/O. Lexicons are embedded from `assets/lexicon/`.

mod json;
pub mod lexicon;
pub mod model;
mod policy;
pub mod rules;
pub mod score;
pub mod timeline;

use serde_json::Value;

use crate::article::Article;

pub use json::{timeline_json, write_json};
pub use model::Rule;
pub use rules::Scratch;
pub use score::{RuleScore, Scorer, SentenceScore, WordScore};
pub use timeline::{
    Arc, Contribution, Marker, ParagraphTone, RuleTone, SMOOTHED_LABEL, SectionTone, SentenceTone,
    Timeline, TurningPoint, WordTone, timeline, timeline_with,
};

/// Round to 4 decimals for output.
fn r4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The `tenor tone --json` value of `article`:
/// `{"overall", "arc": {"levels", "min", "max", "turns", "summary"}, "sentences": [{"start",
/// "end", "score"}], "paragraphs": [{"block", "score", "smoothed"}], "sections": [{"id",
/// "title", "score"}], "turning_points": [{"block", "before", "after", "words_before",
/// "words_after"}], "markers": [{"word", "score", "start", "end", "snippet"}]}`; `arc` is
/// `null` without tone words.
/// `overall` is [`Timeline::overall`]. Offsets are code-point offsets into `Article::text`; a
/// score is `null` for a paragraph or section (or `overall` for an article) without tone words;
/// a section's title is `null` for the lede.
pub fn tone_json(article: &Article) -> Value {
    timeline_json(article, &timeline(article))
}

/// The plain-text tone summary of `article` for people.
pub fn tone_text(article: &Article) -> String {
    render_text(article, &timeline(article))
}

fn signed(x: f64) -> String {
    format!("{:+.2}", r4(x))
}

/// A plain-text summary: per-section signed scores, turning points with their words, and
/// quoted tone words with their sentence.
pub fn render_text(article: &Article, tl: &Timeline) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Tone of “{}” (−1 negative … +1 positive): {}",
        article.meta.title,
        tl.overall().map_or("no tone words".to_string(), signed)
    );
    if let Some(arc) = tl.arc() {
        let _ = writeln!(out, "Arc: {arc}");
    }
    let _ = writeln!(out, "\nSections");
    for s in &tl.sections {
        let sec = &article.sections[s.section];
        let indent = "  ".repeat(usize::from(sec.level.max(1)));
        let title = sec.title.as_deref().unwrap_or("(lede)");
        let score = s
            .score
            .map_or("   —  ".to_string(), |x| format!("{:>6}", signed(x)));
        let _ = writeln!(out, "{indent}{score}  {title}");
    }
    let _ = writeln!(out, "\nTurning points");
    if tl.turning_points.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for t in &tl.turning_points {
        let sec = &article.sections[article.blocks[t.block].section];
        let _ = writeln!(
            out,
            "  block {} ({}): {} → {}",
            t.block,
            sec.title.as_deref().unwrap_or("lede"),
            signed(t.before),
            signed(t.after)
        );
        let _ = writeln!(
            out,
            "    before: {}\n    after:  {}",
            t.words_before.join(", "),
            t.words_after.join(", ")
        );
    }
    let _ = writeln!(out, "\nQuoted tone words");
    if tl.markers.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for m in &tl.markers {
        let sentence = &tl.sentences[m.sentence].range;
        let _ = writeln!(
            out,
            "  “{}” {}  — {}",
            m.word,
            signed(m.score()),
            m.snippet(&article.text, sentence, 72)
        );
    }
    out
}
