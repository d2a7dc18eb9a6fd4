//! The note editor's text model, wrapping and scrolling.

use super::*;

fn typed(s: &str) -> TextEdit {
    let mut t = TextEdit::new("");
    for c in s.chars() {
        t.insert(&c.to_string());
    }
    t
}

#[test]
fn typing_and_newlines_make_lines() {
    let t = typed("one\ntwo");
    assert_eq!(t.lines(), ["one", "two"]);
    assert_eq!(t.cursor(), (1, 3));
    assert_eq!(t.text(), "one\ntwo");
}

#[test]
fn backspace_joins_lines_and_removes_whole_graphemes() {
    let mut t = typed("ab\ne\u{301}");
    assert_eq!(t.cursor(), (1, 3), "the accent joins its letter");
    t.backspace();
    assert_eq!(t.text(), "ab\n");
    t.backspace();
    assert_eq!(t.text(), "ab");
    assert_eq!(t.cursor(), (0, 2));
}

#[test]
fn left_right_step_over_graphemes_and_line_breaks() {
    let mut t = TextEdit::new("x👍🏽\ny");
    t.to_edge(true);
    t.right();
    t.right();
    assert_eq!(
        t.cursor(),
        (0, "x👍🏽".len()),
        "the emoji and its modifier are one step"
    );
    t.right();
    assert_eq!(t.cursor(), (1, 0));
    t.left();
    assert_eq!(t.cursor(), (0, "x👍🏽".len()));
}

#[test]
fn delete_joins_the_next_line() {
    let mut t = TextEdit::new("a\nb");
    t.to_edge(true);
    t.end();
    t.delete();
    assert_eq!(t.text(), "ab");
}

#[test]
fn readline_word_keys() {
    let mut t = TextEdit::new("alpha beta  gamma");
    t.delete_word_before();
    assert_eq!(t.text(), "alpha beta  ");
    t.word_left();
    assert_eq!(t.cursor(), (0, 6));
    t.word_right();
    assert_eq!(t.cursor(), (0, 10));
    t.delete_to_line_start();
    assert_eq!(t.text(), "  ");
    t.delete_to_line_end();
    assert_eq!(t.text(), "");
}

#[test]
fn ctrl_w_at_a_line_start_joins_lines() {
    let mut t = TextEdit::new("a\n");
    t.delete_word_before();
    assert_eq!(t.text(), "a");
}

#[test]
fn control_characters_are_cleaned_but_tabs_and_newlines_kept() {
    let mut t = TextEdit::new("");
    t.insert("a\x1b[31mb\r\nc\td\u{202e}");
    assert_eq!(t.text(), "a[31mb\nc\td");
}

#[test]
fn a_note_cannot_grow_past_the_limit() {
    let mut t = TextEdit::new("");
    assert!(t.insert(&"x".repeat(MAX_NOTE)));
    assert!(!t.insert("y"));
    assert_eq!(t.text().len(), MAX_NOTE);
}

#[test]
fn wrapping_breaks_after_spaces_and_inside_long_words() {
    let l = "aaa bbb cccccccc";
    let rows: Vec<&str> = wrap_row(l, 5).into_iter().map(|r| &l[r]).collect();
    assert_eq!(rows, ["aaa ", "bbb ", "ccccc", "ccc"]);
    let w = "漢字漢字";
    let rows: Vec<&str> = wrap_row(w, 5).into_iter().map(|r| &w[r]).collect();
    assert_eq!(rows, ["漢字", "漢字"], "a wide character is never split");
    assert_eq!(wrap_row("", 5), vec![Range { start: 0, end: 0 }]);
}

#[test]
fn up_and_down_move_by_screen_rows() {
    let mut t = TextEdit::new("aaa bbb ccc\nxy");
    t.to_edge(true);
    t.right();
    t.move_rows(1, 4);
    assert_eq!(
        t.cursor(),
        (0, 5),
        "second row of the first line, same column"
    );
    t.move_rows(2, 4);
    assert_eq!(t.cursor(), (1, 1));
    t.move_rows(-1, 4);
    assert_eq!(t.cursor(), (0, 9));
    t.move_rows(-10, 4);
    assert_eq!(t.cursor(), (0, 1));
    t.move_rows(-1, 4);
    assert_eq!(t.cursor(), (0, 0), "up on the first row goes to its start");
}

#[test]
fn the_cursor_at_a_full_rows_end_shows_on_the_next_row() {
    let t = TextEdit::new("abcd ef");
    assert_eq!(t.cursor_on_screen(5), (1, 2));
    let t = TextEdit::new("abcde");
    assert_eq!(t.cursor_on_screen(5), (0, 5));
}

#[test]
fn scrolling_keeps_the_cursor_visible() {
    let mut e = NoteEditor::new(None, None, String::new(), "1\n2\n3\n4\n5\n6");
    e.scroll(10, 3);
    assert_eq!(e.top, 3);
    e.text.to_edge(true);
    e.scroll(10, 3);
    assert_eq!(e.top, 0);
    assert!(!e.changed());
    e.text.insert("x");
    assert!(e.changed());
}

#[test]
fn the_layout_fits_small_and_large_screens() {
    for size in [(20, 5), (40, 10), (100, 30), (300, 100), (0, 0)] {
        let l = layout(size);
        assert!(l.outer.right() <= size.0 && l.outer.bottom() <= size.1);
        assert!(l.text.bottom() <= l.outer.bottom());
    }
}

mod random {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String),
        Backspace,
        Delete,
        Left,
        Right,
        Rows(isize),
        WordLeft,
        WordRight,
        KillWord,
        KillStart,
        KillEnd,
        Home,
        End,
        Edge(bool),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            "[a-z \n\t\u{301}\u{1F44D}\u{1F3FD}漢\u{200D}e\x1b\r]{0,6}".prop_map(Op::Insert),
            Just(Op::Backspace),
            Just(Op::Delete),
            Just(Op::Left),
            Just(Op::Right),
            (-3isize..=3).prop_map(Op::Rows),
            Just(Op::WordLeft),
            Just(Op::WordRight),
            Just(Op::KillWord),
            Just(Op::KillStart),
            Just(Op::KillEnd),
            Just(Op::Home),
            Just(Op::End),
            any::<bool>().prop_map(Op::Edge),
        ]
    }

    proptest! {
        #[test]
        fn no_edit_sequence_panics_or_breaks_the_cursor(
            ops in proptest::collection::vec(op(), 0..60),
            width in 1usize..12,
        ) {
            let mut e = NoteEditor::new(None, None, String::new(), "");
            for o in ops {
                let t = &mut e.text;
                match o {
                    Op::Insert(s) => { t.insert(&s); }
                    Op::Backspace => t.backspace(),
                    Op::Delete => t.delete(),
                    Op::Left => t.left(),
                    Op::Right => t.right(),
                    Op::Rows(n) => t.move_rows(n, width),
                    Op::WordLeft => t.word_left(),
                    Op::WordRight => t.word_right(),
                    Op::KillWord => t.delete_word_before(),
                    Op::KillStart => t.delete_to_line_start(),
                    Op::KillEnd => t.delete_to_line_end(),
                    Op::Home => t.home(),
                    Op::End => t.end(),
                    Op::Edge(s) => t.to_edge(s),
                }
                e.scroll(width, 3);
                let (r, c) = e.text.cursor();
                let line = &e.text.lines()[r];
                prop_assert!(c == line.len()
                    || line.grapheme_indices(true).any(|(i, _)| i == c));
                prop_assert!(!e.text.text().chars().any(|c| c == '\r' || c == '\x1b'));
                for l in e.text.lines() {
                    let pieces = wrap_row(l, width);
                    prop_assert_eq!(pieces.first().map(|p| p.start), Some(0));
                    prop_assert_eq!(pieces.last().map(|p| p.end), Some(l.len()));
                    for w in pieces.windows(2) {
                        prop_assert_eq!(w[0].end, w[1].start);
                    }
                    for p in &pieces {
                        let piece = &l[p.clone()];
                        prop_assert!(text_width(piece) <= width
                            || piece.graphemes(true).count() == 1);
                    }
                }
                let (vrow, x) = e.text.cursor_on_screen(width);
                prop_assert_eq!(e.cursor_at, (vrow, x));
                prop_assert_eq!(e.rows.len(), e.text.screen_rows(width));
                prop_assert!(vrow >= e.top && vrow < e.top + 3);
            }
        }
    }
}
