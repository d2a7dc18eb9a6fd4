//! Quoted-word markers, untoned paragraphs, the arc and the per-paragraph breakdown on a
//! fixture with the reference article's shape: an optimistic start with a scare-quoted praise
//! word, a tense middle with a scare-quoted word of failure and a long quotation full of tone
//! words, and positive recommendations.

use tenor::analysis::tone::{self, Scorer, Timeline};
use tenor::article::{Article, Format, parse_str};

const SHAPE: &str = include_str!("fixtures/tone/reference-shape.md");

fn parse(src: &str) -> Article {
    parse_str(src, Format::Markdown, "fixture")
}

fn section_index(a: &Article, title: &str) -> usize {
    a.sections
        .iter()
        .position(|s| s.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no section {title}"))
}

fn section_score(a: &Article, tl: &Timeline, title: &str) -> f64 {
    tl.section(section_index(a, title))
        .and_then(|s| s.score)
        .expect("section has a score")
}

#[test]
fn only_scare_quoted_words_are_markers() {
    let a = parse(SHAPE);
    let tl = tone::timeline(&a);
    let words: Vec<&str> = tl.markers.iter().map(|m| m.word.as_str()).collect();
    assert_eq!(words, ["splendid", "soured"], "{:?}", tl.markers);
    assert!(tl.markers[0].score() > 0.0 && tl.markers[1].score() < 0.0);
    // The long quotation's tone words still count toward its paragraph's tone.
    let quote = a
        .blocks
        .iter()
        .position(|b| a.text[b.range.clone()].contains("terrible insult"))
        .expect("the long quotation's paragraph");
    let p = tl.paragraph_of_block(quote).expect("a paragraph");
    assert!(
        tl.paragraphs[p].score.is_some_and(|s| s < -0.3),
        "{:?}",
        tl.paragraphs[p]
    );
    assert!(
        tl.paragraph_words(p)
            .iter()
            .any(|w| &a.text[w.range.clone()] == "terrible")
    );
}

#[test]
fn short_quotes_are_up_to_four_words() {
    assert!(tone::timeline::is_short_quote("spoiled"));
    assert!(tone::timeline::is_short_quote("a truly bad deal"));
    assert!(!tone::timeline::is_short_quote("this is a truly bad deal"));
    assert!(!tone::timeline::is_short_quote(" … "));
}

#[test]
fn section_order_and_turning_points() {
    let a = parse(SHAPE);
    let tl = tone::timeline(&a);
    let start = section_score(&a, &tl, "The Harbor Compact");
    let middle = section_score(&a, &tl, "Friction at the docks");
    let end = section_score(&a, &tl, "What should happen next");
    assert!(
        start > 0.2 && middle < -0.2 && end > 0.2,
        "{start} {middle} {end}"
    );
    assert_eq!(tl.turning_points.len(), 2, "{:?}", tl.turning_points);
    let first_section_end = a.sections[section_index(&a, "The Harbor Compact")]
        .blocks
        .end;
    let recommendations = &a.sections[section_index(&a, "What should happen next")].blocks;
    for t in &tl.turning_points {
        assert!(t.block >= first_section_end, "{t:?}");
        assert!(t.block <= recommendations.start + 1, "{t:?}");
    }
    let arc = tl.arc().expect("an arc");
    assert_eq!(arc.turns(), 2);
    assert!(arc.levels[0] > 0.0 && arc.levels[1] < 0.0 && arc.levels[2] > 0.0);
    let line = arc.to_string();
    assert!(
        line.ends_with(", 2 turns") && line.matches(" → ").count() == 2,
        "{line}"
    );
    assert!(line.contains('−'), "a true minus sign: {line}");
}

#[test]
fn untoned_paragraph_has_no_score_and_no_smoothed_value() {
    let a = parse(SHAPE);
    let tl = tone::timeline(&a);
    let b = a
        .blocks
        .iter()
        .position(|b| a.text[b.range.clone()].contains("four thousand vessels"))
        .expect("the untoned paragraph");
    let p = &tl.paragraphs[tl.paragraph_of_block(b).expect("a paragraph")];
    assert_eq!((p.score, p.smoothed), (None, None), "{p:?}");
    assert!(
        tl.paragraph_contributions(&a.text, tl.paragraph_of_block(b).unwrap())
            .is_empty()
    );
    let curve = tl.smoothed_curve();
    assert!(!curve.is_empty() && curve.iter().all(|&(i, _)| tl.paragraphs[i].score.is_some()));
}

#[test]
fn marker_snippets_are_centred_on_the_word() {
    let a = parse(SHAPE);
    let tl = tone::timeline(&a);
    for m in &tl.markers {
        let sentence = &tl.sentences[m.sentence].range;
        for max in [20, 40, 72] {
            let s = m.snippet(&a.text, sentence, max);
            assert!(s.contains(&m.word), "{max}: {s}");
            assert!(s.chars().count() <= max, "{max}: {s}");
            let at = s.find(&m.word).unwrap();
            let (before, after) = (
                s[..at].chars().count(),
                s[at + m.word.len()..].chars().count(),
            );
            assert!(
                before.abs_diff(after) <= 2 || !s.starts_with('…') || !s.ends_with('…'),
                "{s}"
            );
        }
    }
    let text = tone::tone_text(&a);
    assert!(
        text.contains("“soured”") && text.contains("Arc: "),
        "{text}"
    );
}

#[test]
fn paragraph_contributions_add_up_to_its_score() {
    let a = parse(SHAPE);
    let tl = tone::timeline(&a);
    for (p, para) in tl.paragraphs.iter().enumerate() {
        let Some(score) = para.score else { continue };
        let parts = tl.paragraph_contributions(&a.text, p);
        let sum: f64 = parts.iter().map(|c| c.value).sum();
        assert!(
            (sum - score).abs() < 1e-9,
            "{p}: {sum} vs {score}: {parts:?}"
        );
        assert!(parts.iter().any(|c| !c.rule), "{parts:?}");
    }
    // The quoted word of failure is among what pulls its paragraph down.
    let b = a
        .blocks
        .iter()
        .position(|b| a.text[b.range.clone()].contains("“soured”"))
        .unwrap();
    let parts = tl.paragraph_contributions(&a.text, tl.paragraph_of_block(b).unwrap());
    let soured = parts.iter().find(|c| c.label == "soured").expect("soured");
    assert!(soured.value < 0.0, "{parts:?}");
}

#[test]
fn calibrated_scores_break_down_into_words_and_rules() {
    let scorer = Scorer::tenor();
    for s in [
        "The plan is not a good one, but it could still work.",
        "Officials praised the fair and generous offer!",
        "Why should anyone accept such a cruel and wasteful policy?",
    ] {
        let out = scorer.score(s);
        let raw: f64 = out.words.iter().map(|w| w.contribution).sum::<f64>()
            + out.rules.iter().map(|r| r.contribution).sum::<f64>();
        assert!(
            (raw.tanh() - out.compound).abs() < 1e-4,
            "{s}: {raw} {out:?}"
        );
        assert!(out.compound.abs() <= 1.0);
    }
    assert!(scorer.compound("A splendid, generous offer.") > 0.3);
    assert!(scorer.compound("A cruel, wasteful and hopeless policy.") < -0.3);
    // Deterministic.
    let s = "Critics called the deal a disaster.";
    assert_eq!(scorer.compound(s), scorer.compound(s));
}
