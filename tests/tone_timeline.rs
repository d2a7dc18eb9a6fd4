//! The tone timeline on fixture articles: arcs, turning points, markers, JSON shape.

use tenor::analysis::tone::{self, Scorer, Timeline};
use tenor::article::{Article, Format, parse_str};

const FALLING: &str = include_str!("fixtures/tone/falling.md");
const RISING: &str = include_str!("fixtures/tone/rising.md");
const FLAT: &str = include_str!("fixtures/tone/flat.md");
const OVERTURE: &str = include_str!("fixtures/tone/trade-overture.md");

fn parse(src: &str) -> Article {
    parse_str(src, Format::Markdown, "fixture")
}

fn section_score(a: &Article, tl: &Timeline, title: &str) -> f64 {
    let i = a
        .sections
        .iter()
        .position(|s| s.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no section {title}"));
    tl.section(i)
        .and_then(|s| s.score)
        .expect("section has a score")
}

/// Block index of the first paragraph of the section titled `title`.
fn first_paragraph_of(a: &Article, title: &str) -> usize {
    let s = a
        .sections
        .iter()
        .find(|s| s.title.as_deref() == Some(title))
        .expect("section");
    s.blocks
        .clone()
        .find(|&b| !a.blocks[b].is_heading())
        .expect("paragraph")
}

fn diplomatic_valence(word: &str) -> f64 {
    Scorer::diplomatic()
        .lexicon()
        .get(&word.to_lowercase())
        .unwrap_or_else(|| panic!("{word} is not in the lexicon"))
}

#[test]
fn falling_article() {
    let a = parse(FALLING);
    let tl = tone::timeline(&a);
    let lede = section_score(&a, &tl, "Harbor Accord Talks");
    let start = section_score(&a, &tl, "A promising start");
    let unravel = section_score(&a, &tl, "Talks unravel");
    assert!(lede > 0.3 && start > 0.3, "{lede} {start}");
    assert!(unravel < -0.3, "{unravel}");

    assert_eq!(tl.turning_points.len(), 1, "{:?}", tl.turning_points);
    let t = &tl.turning_points[0];
    assert_eq!(t.block, first_paragraph_of(&a, "Talks unravel"));
    assert!(t.before > 0.3 && t.after < -0.3, "{t:?}");
    assert!(!t.words_after.is_empty() && !t.words_before.is_empty());
    for w in &t.words_after {
        assert!(
            diplomatic_valence(w) < 0.0,
            "{w} after the fall should be negative"
        );
    }
    for w in &t.words_before {
        assert!(
            diplomatic_valence(w) > 0.0,
            "{w} before the fall should be positive"
        );
    }

    let markers: Vec<(&str, f64)> = tl
        .markers
        .iter()
        .map(|m| (m.word.as_str(), m.score()))
        .collect();
    assert_eq!(markers.len(), 2, "{markers:?}");
    assert_eq!(markers[0].0, "constructive");
    assert!(markers[0].1 > 0.0);
    assert_eq!(markers[1].0, "spoiled");
    assert!(markers[1].1 < 0.0);
    // Markers point at the word and into their sentence.
    for m in &tl.markers {
        assert_eq!(&a.text[m.range.clone()], m.word);
        let s = &tl.sentences[m.sentence].range;
        assert!(s.start <= m.range.start && m.range.end <= s.end);
    }
}

#[test]
fn rising_article() {
    let a = parse(RISING);
    let tl = tone::timeline(&a);
    let lede = section_score(&a, &tl, "Border Dispute Thaw");
    let contacts = section_score(&a, &tl, "First contacts");
    let chapter = section_score(&a, &tl, "A new chapter");
    assert!(
        lede < contacts && contacts < chapter,
        "{lede} {contacts} {chapter}"
    );
    assert!(lede < -0.3 && chapter > 0.3);
    assert_eq!(tl.turning_points.len(), 1, "{:?}", tl.turning_points);
    let t = &tl.turning_points[0];
    assert!(t.after - t.before >= 0.3);
    assert!(
        t.words_after.iter().all(|w| diplomatic_valence(w) > 0.0),
        "{t:?}"
    );
    assert!(
        t.words_before.iter().all(|w| diplomatic_valence(w) < 0.0),
        "{t:?}"
    );
    assert_eq!(tl.markers.len(), 1);
    assert_eq!(tl.markers[0].word, "excellent");
    assert!(tl.markers[0].score() > 0.0);
}

#[test]
fn flat_article() {
    let a = parse(FLAT);
    let tl = tone::timeline(&a);
    assert!(tl.turning_points.is_empty(), "{:?}", tl.turning_points);
    assert!(tl.markers.is_empty());
    let scores: Vec<f64> = tl.paragraphs.iter().filter_map(|p| p.score).collect();
    assert!(scores.len() >= 4);
    let (lo, hi) = scores
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    assert!(hi - lo < 0.3 && lo > 0.0, "{scores:?}");
    // A paragraph without tone words is a gap, not a zero.
    let gap = tl
        .paragraphs
        .iter()
        .find(|p| p.score.is_none())
        .expect("a gap paragraph");
    assert!(a.block_text(gap.block).contains("Votes are recorded"));
    // …and the smoothed curve does not give it one either.
    assert_eq!(gap.smoothed, None);
    assert!(
        tl.paragraphs
            .iter()
            .all(|p| p.smoothed.is_some() == p.score.is_some())
    );
}

#[test]
fn trade_overture_spoiled_and_fantastic() {
    let a = parse(OVERTURE);
    let tl = tone::timeline(&a);
    let find = |w: &str| tl.markers.iter().find(|m| m.word == w);
    let fantastic = find("fantastic").expect("fantastic is a marker");
    let spoiled = find("spoiled").expect("spoiled is a marker");
    assert!(fantastic.score() > 0.0 && spoiled.score() < 0.0);
    assert!(tl.sentences[fantastic.sentence].score > 0.0);
    assert!(tl.sentences[spoiled.sentence].score < 0.0);
    assert_eq!(tl.turning_points.len(), 1);
    assert_eq!(
        tl.turning_points[0].block,
        first_paragraph_of(&a, "The mood turns")
    );
    assert!(
        tl.turning_points[0]
            .words_before
            .contains(&"fantastic".to_string())
    );
    let text = tone::tone_text(&a);
    assert!(
        text.contains("The mood turns") && text.contains("“spoiled” -0.42"),
        "{text}"
    );
}

#[test]
fn headings_code_and_tables_are_not_scored() {
    let src = "Good news for the harbor.\n\n# Terrible Heading\n\n```\nterrible awful code\n```\n\n| a | b |\n|---|---|\n| awful | bad |\n\nThe port reopened.\n";
    let a = parse(src);
    let tl = tone::timeline(&a);
    for p in &tl.paragraphs {
        assert!(!a.blocks[p.block].is_heading());
    }
    assert!(
        tl.words
            .iter()
            .all(|w| !a.text[w.range.clone()].contains("awful"))
    );
    assert!(
        tl.words
            .iter()
            .all(|w| &a.text[w.range.clone()] != "Terrible")
    );
    let v = tone::tone_json(&a);
    // The lede has no title; the untoned paragraph is null.
    assert_eq!(v["sections"][0]["title"], serde_json::Value::Null);
    assert!(v["sections"][0]["score"].as_f64().is_some_and(|s| s > 0.0));
    let last = v["paragraphs"]
        .as_array()
        .and_then(|p| p.last())
        .expect("paragraphs");
    assert_eq!(last["score"], serde_json::Value::Null);
}

#[test]
fn json_shape_and_code_point_offsets() {
    // Non-ASCII text before the markers, so byte and code-point offsets differ.
    let src = "Über die Grenze: Tōkyō’s “fantastic” offer was later called “spoiled” in Washington.\n\nTalks were friendly.\n";
    let a = parse(src);
    let v = tone::tone_json(&a);
    let obj = v.as_object().expect("object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "arc",
            "markers",
            "overall",
            "paragraphs",
            "sections",
            "sentences",
            "turning_points"
        ]
    );
    let chars: Vec<char> = a.text.chars().collect();
    let slice = |s: &serde_json::Value, e: &serde_json::Value| -> String {
        let (s, e) = (
            s.as_u64().expect("start") as usize,
            e.as_u64().expect("end") as usize,
        );
        chars[s..e].iter().collect()
    };
    let markers = v["markers"].as_array().expect("markers");
    assert_eq!(markers.len(), 2);
    for m in markers {
        assert_eq!(
            slice(&m["start"], &m["end"]),
            m["word"].as_str().expect("word")
        );
        let mut keys: Vec<&str> = m
            .as_object()
            .expect("marker")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["end", "score", "snippet", "start", "word"]);
        let word = m["word"].as_str().unwrap();
        assert!(m["snippet"].as_str().unwrap().contains(word), "{m}");
    }
    assert!(markers[0]["score"].as_f64().is_some_and(|s| s > 0.0));
    assert!(markers[1]["score"].as_f64().is_some_and(|s| s < 0.0));
    let sentences = v["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), 2);
    assert_eq!(
        slice(&sentences[1]["start"], &sentences[1]["end"]),
        "Talks were friendly."
    );
    for p in v["paragraphs"].as_array().expect("paragraphs") {
        assert!(p["block"].is_u64());
    }
    for s in v["sections"].as_array().expect("sections") {
        assert!(s["id"].is_string());
    }
    assert!(v["turning_points"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn turning_point_json_fields() {
    let v = tone::tone_json(&parse(FALLING));
    let t = &v["turning_points"][0];
    assert!(t["block"].is_u64());
    assert!(t["before"].as_f64().is_some_and(|x| x > 0.0));
    assert!(t["after"].as_f64().is_some_and(|x| x < 0.0));
    assert!(t["words_before"].as_array().is_some_and(|w| !w.is_empty()));
    assert!(
        t["words_after"]
            .as_array()
            .is_some_and(|w| w.iter().all(|x| x.is_string()))
    );
}

/// The overall tone is one number, defined in the core (the mean of the sentences that carry
/// tone words), and it heads both `tenor tone` outputs.
#[test]
fn one_overall_tone() {
    for src in [FALLING, RISING, FLAT, OVERTURE] {
        let a = parse(src);
        let tl = tone::timeline(&a);
        let toned: Vec<f64> = tl
            .sentences
            .iter()
            .filter(|s| !s.words.is_empty())
            .map(|s| s.score)
            .collect();
        let mean = toned.iter().sum::<f64>() / toned.len() as f64;
        let overall = tl.overall().expect("tone words");
        assert!((overall - mean).abs() < 1e-12, "{overall} {mean}");
        let v = tone::tone_json(&a);
        assert!(
            (v["overall"].as_f64().unwrap() - overall).abs() < 1e-4,
            "{}",
            v["overall"]
        );
        let first = tone::tone_text(&a).lines().next().unwrap().to_string();
        assert!(
            first.ends_with(&format!(": {overall:+.2}")),
            "{first} {overall}"
        );
    }
    let none = parse("The port reopened on Monday.\n");
    assert_eq!(tone::timeline(&none).overall(), None);
    assert_eq!(tone::tone_json(&none)["overall"], serde_json::Value::Null);
    assert!(tone::tone_text(&none).contains("no tone words"));
}

/// Quoted words are scored on the same −1..1 scale as everything else: their valence
/// normalized as VADER normalizes a sentence, in the text and the JSON alike.
#[test]
fn quoted_words_on_the_minus_one_to_one_scale() {
    let a = parse(OVERTURE);
    let tl = tone::timeline(&a);
    let v = tone::tone_json(&a);
    for (m, j) in tl.markers.iter().zip(v["markers"].as_array().unwrap()) {
        let s = m.score();
        assert!(s.abs() < 1.0 && s.signum() == m.valence.signum(), "{m:?}");
        assert!(
            m.valence.abs() > 1.0,
            "the raw valence is on the ±4 scale: {m:?}"
        );
        assert!((j["score"].as_f64().unwrap() - s).abs() < 1e-4, "{j}");
    }
    let spoiled = tl.markers.iter().find(|m| m.word == "spoiled").unwrap();
    assert!((spoiled.score() - -0.42).abs() < 0.005, "{spoiled:?}");
}
