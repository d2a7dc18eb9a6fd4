//! Annotations in the reader, at the level of `update` and the view: selecting by keyboard,
//! highlighting, notes, tags, moving between annotations, delete and undo, yank, and how they
//! are drawn (snapshots mark styled cells under each line).

mod common;
use common::press;

use tenor::annotate::anchor::Anchored;
use tenor::annotate::{Annotation, Color, Motivation, Status, Target};
use tenor::tui::input::{Context, Key, KeyCode};
use tenor::tui::state::{App, Overlay};
use tenor::tui::update::{Effect, Msg, update};

const DOC: &str = "# Ferry review\n\n\
The ferry board met on Tuesday. It approved a new timetable. Fares stay the same.\n\n\
## Vessels\n\n\
Two boats need new engines. The older one may be sold.\n\n\
## Crews\n\n\
Crews asked for longer breaks. The board will answer in May.\n";

/// An app reading `DOC` (kept under a bundled key, so annotations can be saved).
fn app(w: u16, h: u16) -> App {
    common::bundled_app(DOC, "ferry", w, h)
}

fn selected(a: &App) -> Option<String> {
    let d = a.doc()?;
    let r = d.selection?.range();
    Some(d.reader.article.text[r].to_string())
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

/// The cursor to the first paragraph (the heading is block 0).
fn to_first_paragraph(a: &mut App) {
    press(a, "j");
}

#[test]
fn v_selects_the_sentence_and_motions_extend_it_across_blocks() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    assert_eq!(a.context(), Context::Reader);
    press(&mut a, "v");
    assert_eq!(a.context(), Context::Select);
    assert_eq!(selected(&a).unwrap(), "The ferry board met on Tuesday.");
    press(&mut a, ")");
    assert_eq!(
        selected(&a).unwrap(),
        "The ferry board met on Tuesday. It approved a new timetable."
    );
    press(&mut a, "(");
    assert_eq!(selected(&a).unwrap(), "The ferry board met on Tuesday.");
    press(&mut a, "w");
    assert_eq!(selected(&a).unwrap(), "The ferry board met on Tuesday. It");
    press(&mut a, "b");
    assert_eq!(selected(&a).unwrap(), "The ferry board met on Tuesday.");
    // To the end of this block, then the next one (a heading), then the paragraph after it.
    press(&mut a, "}");
    assert!(selected(&a).unwrap().ends_with("Fares stay the same."));
    press(&mut a, "}}");
    let s = selected(&a).unwrap();
    assert!(s.ends_with("The older one may be sold."), "{s}");
    // The reader's cursor follows the end of the selection.
    assert!(
        a.reader()
            .unwrap()
            .article
            .block_text(a.reader().unwrap().cursor)
            .starts_with("Two boats")
    );
    press(&mut a, "\x1b");
    assert_eq!(selected(&a), None);
    assert_eq!(a.context(), Context::Reader);
}

#[test]
fn capital_v_selects_the_block_and_a_count_extends_by_sentences() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    press(&mut a, "V");
    assert_eq!(
        selected(&a).unwrap(),
        "The ferry board met on Tuesday. It approved a new timetable. Fares stay the same."
    );
    press(&mut a, "v");
    assert_eq!(selected(&a), None, "v again cancels");
    press(&mut a, "v2)");
    assert!(selected(&a).unwrap().ends_with("Fares stay the same."));
}

#[test]
fn the_current_search_match_is_selected_directly() {
    let mut a = app(100, 30);
    press(&mut a, "/new timetable\n");
    press(&mut a, "v");
    assert_eq!(selected(&a).unwrap(), "new timetable");
}

#[test]
fn a_count_before_h_picks_the_colour_and_the_highlight_is_saved() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    let e = press(&mut a, "v3h");
    let s = saves(&e);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].color, Color::Blue);
    assert_eq!(s[0].motivation, Motivation::Highlighting);
    assert_eq!(s[0].target.quote, "The ferry board met on Tuesday.");
    assert_eq!(s[0].target.status, Status::Anchored);
    assert!(matches!(&e[0], Effect::SaveAnnotation { key, .. } if key == "bundled:ferry"));
    assert_eq!(selected(&a), None);
    assert_eq!(a.doc().unwrap().notes.placed().len(), 1);
    // Plain h is yellow.
    let e = press(&mut a, "vh");
    assert_eq!(saves(&e)[0].color, Color::Yellow);
}

#[test]
fn a_note_on_a_selection_then_edited_from_the_reader() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    press(&mut a, "v)a");
    assert!(matches!(&a.overlay, Some(Overlay::Editor(e)) if e.id.is_none()));
    press(&mut a, "ask about fares");
    let e = update(&mut a, Msg::Key(Key::ctrl('s')));
    let s = saves(&e);
    assert_eq!(s[0].note, "ask about fares");
    assert_eq!(s[0].motivation, Motivation::Commenting);
    assert_eq!(
        s[0].target.quote,
        "The ferry board met on Tuesday. It approved a new timetable."
    );
    // On the annotation, a edits its note (the old text is in the editor).
    press(&mut a, "a");
    let Some(Overlay::Editor(ed)) = &a.overlay else {
        panic!("no editor")
    };
    assert_eq!(ed.text.text(), "ask about fares");
    press(&mut a, " in May");
    let e = update(&mut a, Msg::Key(Key::ctrl('s')));
    let s2 = saves(&e);
    assert_eq!(s2[0].id, s[0].id);
    assert_eq!(s2[0].note, "ask about fares in May");
    // Esc, and n at the question, leaves it as it was.
    let e = press(&mut a, "axyz\x1bn");
    assert!(saves(&e).is_empty());
    assert!(a.overlay.is_none());
}

#[test]
fn tags_are_completed_from_the_tags_used() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    let e = press(&mut a, "v#budget #transport\n");
    assert_eq!(saves(&e)[0].tags, vec!["budget", "transport"]);
    assert_eq!(saves(&e)[0].motivation, Motivation::Tagging);
    press(&mut a, "}}");
    press(&mut a, "v#tr");
    update(&mut a, Msg::Key(Key::new(KeyCode::Tab)));
    let e = press(&mut a, "\n");
    assert_eq!(saves(&e)[0].tags, vec!["transport"]);
}

#[test]
fn next_annotation_delete_undo_and_redo() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    press(&mut a, "vh");
    press(&mut a, "}v2h");
    press(&mut a, "gg");
    press(&mut a, "]n");
    let r = a.reader().unwrap();
    assert!(
        r.article
            .block_text(r.cursor)
            .starts_with("The ferry board")
    );
    press(&mut a, "]n");
    let r = a.reader().unwrap();
    assert!(r.article.block_text(r.cursor).starts_with("Two boats"));
    press(&mut a, "[n");
    let r = a.reader().unwrap();
    assert!(
        r.article
            .block_text(r.cursor)
            .starts_with("The ferry board")
    );
    let e = press(&mut a, "dn");
    let id = match &e[..] {
        [Effect::DeleteAnnotation(id)] => id.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(a.doc().unwrap().notes.placed().len(), 1);
    let e = press(&mut a, "u");
    let back = saves(&e);
    assert_eq!(back[0].id, id);
    assert_eq!(back[0].deleted, None);
    assert_eq!(a.doc().unwrap().notes.placed().len(), 2);
    update(&mut a, Msg::Key(Key::ctrl('r')));
    assert_eq!(a.doc().unwrap().notes.placed().len(), 1);
    // Undo twice more: the delete, then the first highlight itself.
    press(&mut a, "uu");
    assert_eq!(a.doc().unwrap().notes.placed().len(), 1);
}

#[test]
fn without_a_file_nothing_is_saved_and_it_says_why() {
    let mut a = app(100, 30);
    a.doc.as_mut().unwrap().key = None;
    to_first_paragraph(&mut a);
    let e = press(&mut a, "vh");
    assert!(saves(&e).is_empty());
    let m = a.status.message.as_ref().unwrap();
    assert!(m.text.contains("need a file"), "{}", m.text);
}

#[test]
fn yank_copies_the_selection_and_y_capital_adds_a_citation() {
    let mut a = app(100, 30);
    to_first_paragraph(&mut a);
    let e = press(&mut a, "vy");
    assert_eq!(
        e,
        vec![Effect::Copy("The ferry board met on Tuesday.".into())]
    );
    let e = press(&mut a, "}vY");
    let Effect::Copy(t) = &e[0] else { panic!() };
    assert_eq!(t, "Two boats need new engines.\n\n— Ferry review › Vessels");
    assert!(t.contains("Vessels"), "{t}");
}

/// Give the app two annotations as the store would: a note on "Crews asked…" and one that
/// could not be placed.
fn load_two(a: &mut App) {
    let article = a.doc().unwrap().reader.article.clone();
    let text = &article.text;
    let at = text.find("Crews asked").unwrap();
    let r = at..at + "Crews asked for longer breaks.".len();
    let mut placed = Annotation::new("art", Target::of(text, r.clone()), Motivation::Commenting);
    placed.note = "check the rota".into();
    placed.tags = vec!["staff".into()];
    let mut orphan = Annotation::new("art", Target::default(), Motivation::Commenting);
    orphan.target.quote = "A quote that is gone".into();
    orphan.note = "was about pay".into();
    update(
        a,
        Msg::NotesLoaded {
            article,
            id: Some("art".into()),
            list: vec![
                (
                    placed,
                    Anchored {
                        status: Status::Anchored,
                        range: Some(r),
                        candidate: None,
                    },
                ),
                (
                    orphan,
                    Anchored {
                        status: Status::Orphaned,
                        range: None,
                        candidate: None,
                    },
                ),
            ],
            warning: None,
        },
    );
}

#[test]
fn loaded_annotations_are_placed_and_an_unplaced_one_is_kept_apart() {
    let mut a = app(100, 30);
    load_two(&mut a);
    let n = &a.doc().unwrap().notes;
    assert_eq!(n.placed().len(), 1);
    assert_eq!(n.unplaced().len(), 1);
    assert_eq!(n.article_id.as_deref(), Some("art"));
    insta::assert_snapshot!(screen(&a));
    // Folded, the section's summary counts its note.
    press(&mut a, "zM");
    let s = screen(&a);
    assert!(s.contains("1 note"), "{s}");
}

#[test]
fn the_notes_tab_lists_filters_jumps_and_attaches_a_lost_note() {
    let mut a = app(100, 30);
    assert_eq!(a.side_tabs().len(), 2, "no Notes tab without notes");
    load_two(&mut a);
    assert_eq!(a.side_tabs().len(), 3);
    press(&mut a, "tt\t");
    insta::assert_snapshot!(screen(&a));
    // Filter by tag, then by a word of a note.
    press(&mut a, "/#staff");
    assert_eq!(a.doc().unwrap().notes.rows.len(), 1);
    press(&mut a, "\x1b/pay\n");
    assert_eq!(a.doc().unwrap().notes.rows.len(), 1);
    assert!(a.doc().unwrap().notes.selected().unwrap().range.is_none());
    press(&mut a, "\x1b");
    assert_eq!(a.doc().unwrap().notes.rows.len(), 2);
    // Enter jumps to the passage and marks it.
    press(&mut a, "\n");
    let d = a.doc().unwrap();
    assert!(
        d.reader
            .article
            .block_text(d.reader.cursor)
            .starts_with("Crews asked")
    );
    assert!(d.jump_mark.is_some());
    // The lost note, attached to a new selection.
    press(&mut a, "j");
    press(&mut a, "\t");
    assert_eq!(a.focus, tenor::tui::state::Focus::Reader);
    press(&mut a, "gj");
    let e = press(&mut a, "vA");
    let s = saves(&e);
    assert_eq!(s.len(), 1, "{e:?}");
    assert_eq!(s[0].note, "was about pay");
    assert_eq!(s[0].target.quote, "The ferry board met on Tuesday.");
    assert_eq!(a.doc().unwrap().notes.unplaced().len(), 0);
}

#[test]
fn a_selection_and_highlights_are_drawn() {
    let mut a = app(100, 16);
    to_first_paragraph(&mut a);
    press(&mut a, "v2h");
    press(&mut a, "}v)");
    insta::assert_snapshot!(screen(&a));
}

/// The screen's text; under each line with highlighted or selected cells, a line marking them:
/// `S` the selection, a digit the highlight colour (1 yellow … 5 purple).
fn screen(app: &App) -> String {
    common::marked_screen(app, false)
}
