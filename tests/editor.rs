//! The multi-line note editor at the level of `update` and the view: `a` opens it on a
//! selection or an annotation, typing and Enter make lines, Ctrl-s saves, Esc asks before a
//! change is dropped, Ctrl-c saves then quits, pasted text goes in cleaned.

mod common;
use common::{press, screen};

use tenor::annotate::{Annotation, Motivation};
use tenor::tui::input::{Key, KeyCode};
use tenor::tui::state::{App, Overlay};
use tenor::tui::update::{Effect, Msg, update};

const DOC: &str = "# Orchard notes\n\n\
The cider press was repaired in the autumn. Its new screw turns more easily than the old one, \
and the orchard hands say it saves an hour a day.\n\n\
## Trees\n\n\
Three pear trees were lost to canker. Replacements come from the nursery in spring.\n";

/// An app reading `DOC` (kept under a bundled key, so annotations can be saved).
fn app(w: u16, h: u16) -> App {
    common::bundled_app(DOC, "orchard", w, h)
}

fn saves(effects: &[Effect]) -> Vec<Annotation> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveAnnotation { annotation, .. } => Some((**annotation).clone()),
            _ => None,
        })
        .collect()
}

fn ctrl(a: &mut App, c: char) -> Vec<Effect> {
    update(a, Msg::Key(Key::ctrl(c)))
}

fn key(a: &mut App, code: KeyCode) -> Vec<Effect> {
    update(a, Msg::Key(Key::new(code)))
}

/// The first paragraph's two sentences selected, the editor open on them.
fn editing_new_note(a: &mut App) {
    press(a, "jv)a");
    assert!(matches!(&a.overlay, Some(Overlay::Editor(e)) if e.id.is_none()));
}

fn editor_text(a: &App) -> String {
    match &a.overlay {
        Some(Overlay::Editor(e)) => e.text.text(),
        _ => panic!("the editor is not open"),
    }
}

#[test]
fn two_lines_typed_and_ctrl_s_save_a_note_with_a_newline() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "Ask the smith\nabout spare screws");
    let e = ctrl(&mut a, 's');
    let s = saves(&e);
    assert_eq!(s.len(), 1, "{e:?}");
    assert_eq!(s[0].note, "Ask the smith\nabout spare screws");
    assert_eq!(s[0].motivation, Motivation::Commenting);
    assert!(
        s[0].target
            .quote
            .starts_with("The cider press was repaired")
    );
    assert!(a.overlay.is_none(), "saving closes the editor");
    assert!(a.doc().unwrap().selection.is_none());
    // Reopened on the annotation, the note is there whole, ready to edit.
    press(&mut a, "a");
    assert_eq!(editor_text(&a), "Ask the smith\nabout spare screws");
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::End);
    press(&mut a, " today");
    let s = saves(&ctrl(&mut a, 's'));
    assert_eq!(s[0].note, "Ask the smith today\nabout spare screws");
}

#[test]
fn esc_on_an_unchanged_note_closes_without_asking() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    let e = press(&mut a, "\x1b");
    assert!(e.is_empty());
    assert!(a.overlay.is_none());
    // Typed and erased again is unchanged too.
    press(&mut a, "a");
    press(&mut a, "xy");
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    press(&mut a, "\x1b");
    assert!(a.overlay.is_none());
}

#[test]
fn esc_on_a_changed_note_asks_and_n_discards() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "half a thought");
    let e = press(&mut a, "\x1b");
    assert!(e.is_empty());
    assert!(screen(&a).contains("Save this note? y/n (Esc: keep editing)"));
    // Other keys do not type while it asks.
    press(&mut a, "q");
    assert_eq!(editor_text(&a), "half a thought");
    // Esc goes back to editing, the text as it was.
    press(&mut a, "\x1b");
    assert!(!screen(&a).contains("Save this note?"));
    press(&mut a, "!");
    assert_eq!(editor_text(&a), "half a thought!");
    let e = press(&mut a, "\x1bn");
    assert!(saves(&e).is_empty());
    assert!(a.overlay.is_none());
    assert!(a.doc().unwrap().notes.list.is_empty());
}

#[test]
fn esc_then_y_saves_the_note() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "keep this");
    let e = press(&mut a, "\x1by");
    assert_eq!(saves(&e)[0].note, "keep this");
    assert!(a.overlay.is_none());
}

#[test]
fn ctrl_c_saves_a_changed_note_then_quits() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "written in a hurry");
    let e = ctrl(&mut a, 'c');
    assert_eq!(saves(&e)[0].note, "written in a hurry");
    assert_eq!(
        e.last(),
        Some(&Effect::Quit),
        "saved before quitting: {e:?}"
    );
    // Unchanged, it just quits.
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Quit]);
}

#[test]
fn an_empty_new_note_saves_nothing() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "\n\n  ");
    let e = ctrl(&mut a, 's');
    assert!(saves(&e).is_empty());
    assert!(a.overlay.is_none());
}

#[test]
fn readline_keys_edit_the_note() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "one two three");
    ctrl(&mut a, 'w');
    assert_eq!(editor_text(&a), "one two ");
    update(&mut a, Msg::Key(Key::alt('b')));
    press(&mut a, "and ");
    assert_eq!(editor_text(&a), "one and two ");
    ctrl(&mut a, 'u');
    assert_eq!(editor_text(&a), "two ");
    update(&mut a, Msg::Key(Key::alt('f')));
    ctrl(&mut a, 'k');
    assert_eq!(editor_text(&a), "two");
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Delete);
    assert_eq!(editor_text(&a), "wo");
}

#[test]
fn pasted_text_goes_in_whole_and_cleaned() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "> ");
    update(
        &mut a,
        Msg::Paste("quoted\r\nline\x1b[2J two\u{7}\tend".into()),
    );
    assert_eq!(editor_text(&a), "> quoted\nline[2J two\tend");
    let s = saves(&ctrl(&mut a, 's'));
    assert_eq!(s[0].note, "> quoted\nline[2J two\tend");
}

#[test]
fn a_paste_outside_the_editor_is_typed_into_a_prompt_or_ignored() {
    let mut a = app(100, 30);
    // In the reader a paste is never taken for commands.
    let e = update(&mut a, Msg::Paste("qqq".into()));
    assert!(e.is_empty());
    assert!(a.overlay.is_none());
    // Into the search prompt, on one line.
    press(&mut a, "/");
    update(&mut a, Msg::Paste("pear\ntrees".into()));
    let Some(Overlay::Prompt(p)) = &a.overlay else {
        panic!("the prompt closed")
    };
    assert_eq!(p.input, "pear trees");
}

#[test]
fn control_keys_typed_never_enter_the_note() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "a\x07b");
    update(&mut a, Msg::Key(Key::char('\u{202e}')));
    assert_eq!(editor_text(&a), "ab");
}

#[test]
fn the_editor_box_at_100x30() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(
        &mut a,
        "Ask the smith about spare screws before the harvest starts, \
         and whether the old screw can be kept as a spare.\n\
         Costs:\n\t- parts, e\u{301}tude\n",
    );
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn a_long_note_scrolls_to_keep_the_cursor_in_view() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    for i in 0..40 {
        press(&mut a, &format!("line {i}\n"));
    }
    press(&mut a, "last");
    let s = screen(&a);
    assert!(s.contains("last"), "{s}");
    assert!(!s.contains("line 0\n"), "{s}");
    for _ in 0..5 {
        key(&mut a, KeyCode::PageUp);
    }
    let s = screen(&a);
    assert!(s.contains("line 0"), "{s}");
    // A small terminal still draws it, without a panic.
    update(&mut a, Msg::Resize(40, 12));
    let s = screen(&a);
    assert!(s.contains("New note"), "{s}");
}

#[test]
fn the_notes_tab_shows_a_multi_line_notes_first_line_and_an_ellipsis() {
    let mut a = app(100, 30);
    editing_new_note(&mut a);
    press(&mut a, "\nFirst thought\n\nsecond paragraph");
    ctrl(&mut a, 's');
    press(&mut a, "tt\t");
    let s = screen(&a);
    assert!(s.contains("First thought …"), "{s}");
    assert!(!s.contains("second paragraph"), "{s}");
}

#[test]
fn help_says_the_editor_keys_are_fixed() {
    let mut a = app(100, 200);
    common::open_help(&mut a);
    let s = screen(&a);
    let flat = s
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("a opens the note editor, whose keys are fixed: Enter new line, Ctrl-s save"),
        "{s}"
    );
}

mod random {
    use super::*;
    use proptest::prelude::*;

    fn msg() -> impl Strategy<Value = Msg> {
        let code = prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            "[a-z漢é\u{301} ]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap_or('a'))),
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::PageUp),
            Just(KeyCode::PageDown),
            Just(KeyCode::Home),
            Just(KeyCode::End),
        ];
        prop_oneof![
            8 => (code, any::<bool>(), any::<bool>()).prop_filter_map(
                "not quitting or suspending",
                |(code, ctrl, alt)| {
                    let quits = ctrl && matches!(code, KeyCode::Char('c' | 'z'));
                    (!quits).then_some(Msg::Key(Key { code, ctrl, alt }))
                }
            ),
            1 => "[a-z \n\t\r\x1b👍🏽]{0,40}".prop_map(Msg::Paste),
            1 => (20u16..140, 8u16..50).prop_map(|(w, h)| Msg::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn no_key_sequence_in_the_editor_panics_or_reaches_the_screen_unescaped(
            msgs in proptest::collection::vec(msg(), 0..80)
        ) {
            let mut a = app(100, 30);
            editing_new_note(&mut a);
            for m in msgs {
                update(&mut a, m);
                let s = screen(&a);
                prop_assert!(!s.chars().any(|c| c == '\x1b' || c == '\r' || c == '\x07'));
                if !matches!(a.overlay, Some(Overlay::Editor(_))) {
                    // Saved, discarded or closed: open it again on the annotation or a new
                    // selection.
                    press(&mut a, "\x1b");
                    press(&mut a, "va");
                }
            }
        }
    }
}
