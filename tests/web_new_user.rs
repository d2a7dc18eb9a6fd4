//! Issue 12's "tried as a new user would" items, one test each: a news page saved from a site,
//! a Latin-1 file and a government memo.

use std::path::Path;

use tenor::article::{Article, BlockKind, Format, Source, parse_bytes, parse_str};

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .expect("fixture")
}

fn news() -> Article {
    parse_bytes(
        &fixture("html/news-ledger.html"),
        &Source::named("news-ledger.html"),
    )
    .unwrap()
}

#[test]
fn page_chrome_is_not_kept() {
    let a = news();
    for s in [
        "We use cookies",
        "logo",
        "ADVERTISEMENT",
        "newsletter",
        "Most read",
        "Celebrity chef",
    ] {
        assert!(!a.text.contains(s), "`{s}` kept:\n{}", a.text);
    }
}

#[test]
fn the_first_key_point_is_the_story_not_the_cookie_notice() {
    let out = tenor::cli::points::print(&news(), false);
    let first = out
        .lines()
        .find(|l| l.trim_start().starts_with(['•', '›', '1']));
    assert!(
        first.is_some_and(|l| l.contains("The council postponed its vote")),
        "{out}"
    );
    assert!(!out.contains("cookies"), "{out}");
}

#[test]
fn the_most_read_box_gets_no_tone_score() {
    let tone = tenor::analysis::tone::tone_text(&news());
    assert!(
        !tone.contains("Most read") && !tone.contains("Terrible storm"),
        "{tone}"
    );
}

#[test]
fn named_references_are_decoded() {
    let a = news();
    let p = (0..a.blocks.len())
        .map(|i| a.block_text(i))
        .find(|t| t.starts_with("Officials at the"))
        .expect("the paragraph");
    for s in ["café", "naïve", "König", "año", "Straße", "½"] {
        assert!(p.contains(s), "{s} in {p}");
    }
    assert!(!p.contains('&'), "{p}");
}

#[test]
fn the_title_loses_the_site_suffix_and_the_time_element_is_the_date() {
    let a = news();
    assert_eq!(
        a.meta.title,
        "Harbour levy vote delayed after late objections"
    );
    assert_eq!(a.meta.site_name.as_deref(), Some("The Daily Ledger"));
    assert_eq!(a.meta.date.as_deref(), Some("2026-03-14T08:30:00Z"));
}

#[test]
fn a_latin1_file_reads_as_latin1_and_says_so() {
    let a = parse_bytes(b"caf\xe9 na\xefve\n", &Source::named("short.txt")).unwrap();
    assert!(a.text.contains("café naïve"), "{}", a.text);
    assert!(a.meta.encoding.is_some() && a.meta.encoding_guessed);
    assert!(
        a.warnings.iter().any(|w| w.contains("a guess")),
        "{:?}",
        a.warnings
    );
    // A page that declares its charset: not a guess, no warning.
    let page = parse_bytes(&fixture("html/latin1-page.html"), &Source::named("p.html")).unwrap();
    assert_eq!(page.meta.encoding.as_deref(), Some("windows-1252"));
    assert!(!page.meta.encoding_guessed && page.warnings.is_empty());
    assert!(page.meta.title.contains("Köln"));
}

const MEMO: &str = "MEMO\n\n1. PURPOSE\n\nThis memo asks for a decision on the levy.\n\n\
2. BACKGROUND\n2.1 Phase one\nThe first phase applied to containers only.\n\n\
The options are:\n(a) extend the levy, where\n(i) traffic rises, or\n(ii) receipts fall, or\n\
(iii) the board asks;\n(b) end it.\n\nThe options are also listed as:\na. extend;\nb. end.\n";

fn memo() -> Article {
    parse_str(MEMO, Format::Plain, "memo")
}

#[test]
fn a_numbered_heading_followed_by_a_subheading_is_a_heading() {
    let a = memo();
    let heads: Vec<(u8, &str)> = a
        .sections
        .iter()
        .filter_map(|s| Some((s.level, s.title.as_deref()?)))
        .collect();
    assert!(heads.contains(&(1, "2. BACKGROUND")), "{heads:?}");
    assert!(heads.contains(&(2, "2.1 Phase one")), "{heads:?}");
    let bg = a
        .section_by_id(
            &a.sections
                .iter()
                .find(|s| s.title.as_deref() == Some("2. BACKGROUND"))
                .unwrap()
                .id
                .0,
        )
        .unwrap();
    let sub = a
        .sections
        .iter()
        .position(|s| s.title.as_deref() == Some("2.1 Phase one"))
        .unwrap();
    assert_eq!(a.sections[sub].parent, Some(bg));
}

fn markers(a: &Article) -> Vec<(u8, String, String)> {
    a.blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match &b.kind {
            BlockKind::ListItem { depth, marker, .. } => {
                Some((*depth, marker.clone()?, a.block_text(i).to_string()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn memo_markers_are_kept_as_written_nested_and_never_merged() {
    let a = memo();
    let m = markers(&a);
    let got: Vec<(u8, &str)> = m.iter().map(|(d, k, _)| (*d, k.as_str())).collect();
    assert_eq!(
        got,
        [
            (0, "(a)"),
            (1, "(i)"),
            (1, "(ii)"),
            (1, "(iii)"),
            (0, "(b)"),
            (0, "a."),
            (0, "b."),
        ]
    );
    assert_eq!(m[2].2, "receipts fall, or");
}

#[test]
fn render_and_points_show_the_markers() {
    let a = memo();
    let render = tenor::layout::render::render(&a, 80);
    let points = tenor::cli::points::print(&a, false);
    for out in [&render, &points] {
        for mk in ["(a) ", "(i) ", "(ii) ", "(iii) ", "(b) ", "a. ", "b. "] {
            assert!(out.contains(mk), "{mk} in\n{out}");
        }
        assert!(!out.contains("9. "), "(i) is not the letter i:\n{out}");
    }
}
