//! The Tone tab on an article of the reference shape (warm, a negative middle, positive
//! recommendations): snapshots at three sizes, untoned paragraphs, the selected bar's
//! explanation, a jump to a quoted word.

mod common;
use common::{press, screen};

use tenor::article::{Format, parse_str};
use tenor::tui::input::Keymap;
use tenor::tui::state::App;
use tenor::tui::state::tone_rows::ChartKind;
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Msg, update};

const REFERENCE: &str = include_str!("fixtures/tone/reference-shape.md");

/// An app reading `src` in a `w`×`h` terminal with its tone in, the Tone tab shown and focused.
fn tone_app(src: &str, w: u16, h: u16) -> App {
    let mut a = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    a.open_article(parse_str(src, Format::Markdown, "reference"));
    update(&mut a, Msg::Resize(w, h));
    let article = a.reader().unwrap().article.clone();
    let tl = tenor::analysis::tone::timeline(&article);
    a.set_tone(&article, tl);
    press(&mut a, "t\t");
    a
}

/// The side panel's part of the screen: what follows the first `│` border on each line.
fn panel(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.split_once('│').map_or("", |(_, r)| r).to_string())
        .collect()
}

#[test]
fn tone_tab_80x24_fits_the_whole_arc() {
    let a = tone_app(REFERENCE, 80, 24);
    let s = screen(&a);
    let d = a.doc().unwrap();
    assert!(d.tone_tab.compact, "80×24 compacts the chart");
    let curve = d
        .tone_rows
        .iter()
        .filter(|r| matches!(r.kind, ChartKind::Curve { .. }))
        .count();
    assert_eq!(curve, d.tone.as_ref().unwrap().paragraphs.len());
    // Every row of the chart is on the screen: the whole arc fits.
    assert_eq!(d.tone_list.top, 0);
    let list = tenor::tui::state::geometry::tone_list(a.areas.side_body().unwrap());
    assert!(d.tone_rows.len() <= list.height as usize, "{s}");
    assert!(s.contains("+0.61 → −0.58 → +0.67, 2"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn tone_tab_120x40() {
    let a = tone_app(REFERENCE, 120, 40);
    let s = screen(&a);
    assert!(!a.doc().unwrap().tone_tab.compact);
    assert!(s.contains("+0.61 → −0.58 → +0.67, 2 turns"), "{s}");
    assert!(s.contains("−1"), "the axis shows values:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn tone_tab_200x60() {
    let a = tone_app(REFERENCE, 200, 60);
    let s = screen(&a);
    assert!(s.contains("−.5") && s.contains("+.5"), "{s}");
    insta::assert_snapshot!(s);
}

/// Turning points name their words in full at every width: wrapped, never cut.
#[test]
fn turning_point_words_are_wrapped_not_cut() {
    for (w, h) in [(100, 40), (120, 40), (200, 60)] {
        let a = tone_app(REFERENCE, w, h);
        let d = a.doc().unwrap();
        let tl = d.tone.as_ref().unwrap();
        let text: String = d
            .tone_rows
            .iter()
            .filter_map(|r| match &r.kind {
                ChartKind::TurnWords { line, .. } => Some(line.trim().to_string() + " "),
                _ => None,
            })
            .collect();
        for tp in &tl.turning_points {
            for word in tp.words_before.iter().chain(&tp.words_after) {
                assert!(text.contains(word.as_str()), "{w}×{h}: {word} in {text}");
            }
        }
        assert!(!text.contains('…'), "{text}");
    }
}

/// A paragraph without tone words is drawn as such: a neutral mark on the axis, no bar.
#[test]
fn an_untoned_paragraph_draws_no_bar() {
    let a = tone_app(REFERENCE, 120, 40);
    let d = a.doc().unwrap();
    let tl = d.tone.as_ref().unwrap();
    let untoned = tl
        .paragraphs
        .iter()
        .position(|p| p.score.is_none())
        .expect("the reference shape has an untoned paragraph");
    let row = d
        .tone_rows
        .iter()
        .position(|r| {
            matches!(&r.kind, ChartKind::Curve { paragraphs, .. } if paragraphs.start == untoned)
        })
        .unwrap();
    let s = screen(&a);
    let lines = panel(&s);
    let list = tenor::tui::state::geometry::tone_list(a.areas.side_body().unwrap());
    let line = &lines[list.y as usize + row - d.tone_list.top];
    assert!(line.contains('┊'), "{line:?}");
    assert!(
        !line.contains(['█', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '•']),
        "{line:?}"
    );
    // A scored paragraph does draw one.
    let scored = d
        .tone_rows
        .iter()
        .position(|r| matches!(&r.kind, ChartKind::Curve { score: Some(_), .. }))
        .unwrap();
    assert!(lines[list.y as usize + scored - d.tone_list.top].contains('█'));
}

/// The selected bar explains itself: its score and the words and rules that made it.
#[test]
fn the_selected_bar_shows_its_score_and_words() {
    let mut a = tone_app(REFERENCE, 120, 40);
    // The first row is the opening section; the next is its first paragraph's bar.
    press(&mut a, "gj");
    let d = a.doc().unwrap();
    let tl = d.tone.as_ref().unwrap();
    let detail = d.tone_tab.detail.join(" ");
    let score = tl.paragraphs[0].score.unwrap();
    assert!(
        detail.starts_with(&format!("¶ {}", tenor::tui::view::tone::signed(score))),
        "{detail}"
    );
    for word in ["splendid", "friendly", "praised"] {
        assert!(detail.contains(word), "{word} in {detail}");
    }
    // It is drawn under the chart.
    let drawn = panel(&screen(&a)).join(" ");
    assert!(drawn.contains("[length]"), "{drawn}");
    // An untoned paragraph says so.
    press(&mut a, "jjj");
    let d = a.doc().unwrap();
    assert!(
        matches!(
            d.tone_rows[d.tone_list.selected].kind,
            ChartKind::Curve { score: None, .. }
        ),
        "{:?}",
        d.tone_rows[d.tone_list.selected]
    );
    assert_eq!(d.tone_tab.detail, vec!["¶ no tone words".to_string()]);
}

/// Enter on a quoted word jumps to it and marks exactly the word.
#[test]
fn a_jump_to_a_quoted_word_marks_the_word() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = tone_app(REFERENCE, w, h);
        // ]] goes to the next turning point or quoted word: in the full chart the first is
        // “splendid”'s row; in the compact one, the row it rides on.
        press(&mut a, "g]]\n");
        let d = a.doc().unwrap();
        let m = d.jump_mark.as_ref().expect("a jump mark");
        let text = &d.reader.article.text;
        assert_eq!(&text[m.range.clone()], "splendid", "{w}×{h}");
        assert_eq!(d.reader.cursor, m.block);
    }
}

/// A longer article than the chart has rows at 80×24 (5 sections of 7 paragraphs): paragraphs
/// are grouped so the whole arc fits, every section still shown.
#[test]
fn a_long_arc_is_grouped_to_fit_80x24() {
    let mut src = String::from("# A Long Arc\n\n");
    let moods = [
        "a fantastic, warm and hopeful start",
        "a good and steady middle",
        "a bitter, hostile and damaging turn",
        "a tense and worrying stretch",
        "a constructive and promising end",
    ];
    for (i, mood) in moods.iter().enumerate() {
        src.push_str(&format!("## Part {}\n\n", i + 1));
        for j in 0..7 {
            src.push_str(&format!(
                "Paragraph {j} of part {} reads as {mood}.\n\n",
                i + 1
            ));
        }
    }
    let a = tone_app(&src, 80, 24);
    let d = a.doc().expect("an article");
    assert!(d.tone_tab.compact);
    let sections = d
        .tone_rows
        .iter()
        .filter(|r| matches!(r.kind, ChartKind::Section { .. }))
        .count();
    assert!(sections >= 5, "every part has its separator: {sections}");
    let s = screen(&a);
    for part in 1..=5 {
        assert!(
            s.contains(&format!("Part {part}")),
            "part {part} on screen:\n{s}"
        );
    }
}
