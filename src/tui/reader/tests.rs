use std::sync::Arc;

use super::*;
use crate::article::{Format, parse_str};

const DOC: &str = "Opening words of the lede.\n\n# Alpha\n\nFirst para of alpha.\n\nSecond para with hidden treasure.\n\n## Alpha sub\n\nSub para.\n\n# Beta\n\nBeta para one:\n\n- item one\n- item two\n\nBeta closing para.\n\n# Gamma\n\nGamma para.\n";

fn reader(w: usize, h: usize) -> Reader {
    let a = parse_str(DOC, Format::Markdown, "t");
    let mut r = Reader::new(Arc::new(a));
    r.resize(w, h);
    r
}

fn text(r: &Reader, b: usize) -> &str {
    r.article.block_text(b)
}

#[test]
fn close_all_leaves_only_anchors() {
    let mut r = reader(40, 30);
    r.close_all_folds();
    let blocks: Vec<&str> = {
        let mut v = Vec::new();
        let mut b = r.first_visible();
        while let Some(i) = b {
            v.push(text(&r, i));
            b = r.next_visible(i);
        }
        v
    };
    assert_eq!(
        blocks,
        vec!["Opening words of the lede.", "Alpha", "Beta", "Gamma"]
    );
    r.open_all_folds();
    assert!(r.folded.iter().all(|f| !f));
}

#[test]
fn fold_levels_step() {
    let mut r = reader(40, 30);
    r.close_all_folds();
    r.open_fold_level();
    // Top level open, "Alpha sub" (depth 1) folded.
    let sub = r.article.section_by_id("1.1-alpha-sub").unwrap();
    assert!(r.folded[sub]);
    assert!(!r.folded[r.article.section_by_id("1-alpha").unwrap()]);
    r.open_fold_level();
    assert!(!r.folded[sub]);
    r.close_fold_level();
    assert!(r.folded[sub]);
}

#[test]
fn folding_moves_cursor_to_heading() {
    let mut r = reader(40, 30);
    let second = r
        .article
        .blocks
        .iter()
        .position(|b| r.article.text[b.range.clone()].starts_with("Second"))
        .unwrap();
    r.goto_block(second);
    r.toggle_fold();
    assert_eq!(text(&r, r.cursor), "Alpha");
    let rows = r.visible_rows();
    assert!(
        rows.iter()
            .any(|row| matches!(row.kind, RowKind::Summary(_)))
    );
    assert!(
        r.fold_summary(r.cursor_section(), None)
            .contains("1 section")
    );
}

#[test]
fn next_heading_walks_in_order_and_skips_folded() {
    let mut r = reader(40, 30);
    let mut seen = Vec::new();
    for _ in 0..5 {
        r.next_heading(1);
        seen.push(text(&r, r.cursor).to_string());
    }
    assert_eq!(seen, vec!["Alpha", "Alpha sub", "Beta", "Gamma", "Gamma"]);
    r.top();
    r.close_all_folds();
    r.next_heading(1);
    assert_eq!(text(&r, r.cursor), "Alpha");
    r.next_heading(1);
    assert_eq!(text(&r, r.cursor), "Beta");
    r.prev_heading(1);
    assert_eq!(text(&r, r.cursor), "Alpha");
}

#[test]
fn search_unfolds_and_counts() {
    let mut r = reader(40, 30);
    r.close_all_folds();
    r.search_from("treasure", 0);
    assert_eq!(r.search.matches.len(), 1);
    assert!(text(&r, r.cursor).contains("treasure"));
    assert!(!r.is_hidden(r.cursor));
    // Smart case.
    r.search_from("PARA", 0);
    assert_eq!(r.search.matches.len(), 0);
    r.search_from("para", 0);
    assert_eq!(r.search.matches.len(), 6);
    let first = r.cursor;
    r.search_step(true, 1);
    assert_ne!(r.cursor, first);
    r.search_step(false, 1);
    assert_eq!(r.cursor, first);
}

#[test]
fn cursor_stays_in_view_when_paging() {
    let mut r = reader(20, 5);
    for _ in 0..30 {
        r.page_down(1);
        let rows = r.visible_rows();
        assert!(
            rows.iter().any(|row| row.block == r.cursor),
            "cursor {} off screen",
            r.cursor
        );
    }
    assert!(r.at_bottom());
    r.top();
    assert_eq!(r.cursor, 0);
    r.bottom();
    assert_eq!(text(&r, r.cursor), "Gamma para.");
    assert_eq!(r.percent(), 100);
}

#[test]
fn down_walks_every_block_then_stops() {
    let mut r = reader(30, 6);
    let n = r.article.blocks.len();
    r.down(100);
    assert_eq!(r.cursor, n - 1);
    r.up(100);
    assert_eq!(r.cursor, 0);
    r.down(3);
    assert_eq!(r.cursor, 3);
}

#[test]
fn tall_block_scrolls_before_moving_on() {
    let long = format!("{}\n\nNext.", "word ".repeat(200));
    let a = parse_str(&long, Format::Markdown, "t");
    let mut r = Reader::new(Arc::new(a));
    r.resize(20, 5);
    r.down(1);
    assert_eq!(r.cursor, 0, "still reading the tall block");
    assert_eq!(r.top.row, 1);
    r.down(200);
    assert_eq!(r.cursor, 1);
}

#[test]
fn jumps_go_back_and_forth() {
    let mut r = reader(40, 30);
    r.push_jump();
    r.bottom();
    let bottom = r.cursor;
    r.jump_back();
    assert_eq!(r.cursor, 0);
    r.jump_forward();
    assert_eq!(r.cursor, bottom);
}

#[test]
fn paragraphs_skip_list_items() {
    let mut r = reader(40, 30);
    let beta_para = r
        .article
        .blocks
        .iter()
        .position(|b| r.article.text[b.range.clone()] == *"Beta para one:")
        .unwrap();
    r.goto_block(beta_para);
    r.next_paragraph(1);
    assert_eq!(text(&r, r.cursor), "Beta closing para.");
    r.prev_paragraph(1);
    assert_eq!(text(&r, r.cursor), "Beta para one:");
}

#[test]
fn tiny_and_empty() {
    let mut r = reader(1, 1);
    r.down(50);
    r.bottom();
    r.close_all_folds();
    r.page_up(3);
    let empty = parse_str("", Format::Plain, "t");
    let mut e = Reader::new(Arc::new(empty));
    e.resize(0, 0);
    e.down(1);
    e.bottom();
    e.close_all_folds();
    e.search_from("x", 0);
    assert!(e.visible_rows().is_empty());
}

#[test]
fn growing_the_terminal_at_the_end_leaves_no_empty_rows() {
    let mut r = reader(20, 6);
    r.bottom();
    r.resize(60, 15);
    let rows = r.visible_rows();
    assert_eq!(rows.len(), 15, "the view is filled from the end upward");
    assert!(rows.iter().any(|row| row.block == r.cursor));
}

#[test]
fn position_moves_inside_a_long_block() {
    let long = "word ".repeat(2000);
    let mut r = Reader::new(Arc::new(parse_str(&long, Format::Plain, "t")));
    r.resize(40, 10);
    assert_eq!(r.percent(), 0);
    r.half_page_down(20);
    let p = r.percent();
    assert!(p > 0 && p < 100, "{p}");
}

#[test]
fn smart_case_folds_non_ascii_letters() {
    let a = parse_str(
        "Über alles. Élan vital. über ÉLAN. İstanbul.",
        Format::Plain,
        "t",
    );
    let mut r = Reader::new(Arc::new(a));
    r.resize(40, 10);
    r.search_from("über", 0);
    assert_eq!(r.search.matches.len(), 2);
    r.search_from("élan", 0);
    assert_eq!(r.search.matches.len(), 2);
    r.search_from("Über", 0);
    assert_eq!(
        r.search.matches.len(),
        1,
        "an uppercase letter makes it case-sensitive"
    );
    r.search_from("istanbul", 0);
    assert_eq!(
        r.search.matches.len(),
        0,
        "İ lowercases to two chars: kept as is"
    );
    for m in &r.search.matches {
        assert!(r.article.text.is_char_boundary(m.start));
    }
}
