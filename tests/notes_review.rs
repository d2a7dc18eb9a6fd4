//! Reviewing where re-anchoring put a note (`needs_review`, `fuzzy`): marked in the Notes tab,
//! the candidate drawn dimmed in the article, `zg` accepts and `zw` rejects (in the Notes tab
//! or at the cursor), `u`/`Ctrl-r` undo and redo. And bookmarks drawn as a gutter mark.
//! At the level of `update` and the view (snapshots mark styled cells under each line).

mod common;
use common::press;

use tenor::annotate::anchor::Anchored;
use tenor::annotate::{Annotation, Motivation, Status, Target};
use tenor::tui::input::Key;
use tenor::tui::state::{App, Focus};
use tenor::tui::update::{Effect, Msg, update};

const DOC: &str = "# Orchard cooperative\n\n\
The cooperative planted pear trees this year. Apples remain the main crop.\n\n\
## Water\n\n\
A new well was dug near the barn. Pumps run at night to save power.\n\n\
## Sales\n\n\
Most fruit goes to the town market. A cider press is planned for autumn.\n\n\
## Members\n\n\
Eleven families belong to it now. Two joined in spring.\n";

fn app(w: u16, h: u16) -> App {
    common::bundled_app(DOC, "orchard", w, h)
}

fn range_of(a: &App, s: &str) -> std::ops::Range<usize> {
    let text = &a.doc().unwrap().reader.article.text;
    let at = text.find(s).unwrap();
    at..at + s.len()
}

/// An annotation on `quote` as the store leaves it after anchoring with `status`: its target
/// has that status; `needs_review` ones keep their old quote and have `quote`'s place as the
/// candidate; orphaned ones are nowhere.
fn ann(a: &App, quote: &str, status: Status, note: &str) -> (Annotation, Anchored) {
    let text = &a.doc().unwrap().reader.article.text;
    let r = range_of(a, quote);
    let mut x = Annotation::new("art", Target::of(text, r.clone()), Motivation::Commenting);
    x.note = note.into();
    x.target.status = status;
    let at = match status {
        Status::Anchored | Status::Fuzzy => Anchored {
            status,
            range: Some(r),
            candidate: None,
        },
        Status::NeedsReview => {
            x.target.quote = format!("{quote} (as it was once written)");
            x.target.fingerprint = "old-text".into();
            Anchored {
                status,
                range: None,
                candidate: Some(r),
            }
        }
        Status::Orphaned => {
            x.target.quote = "A sentence that was cut.".into();
            x.target.fingerprint = "old-text".into();
            Anchored {
                status,
                range: None,
                candidate: None,
            }
        }
    };
    (x, at)
}

/// One annotation of each status, and a bookmark.
fn load_each(a: &mut App) {
    let article = a.doc().unwrap().reader.article.clone();
    let mut list = vec![
        ann(a, "Apples remain the main crop.", Status::Anchored, "check"),
        ann(
            a,
            "A new well was dug near the barn.",
            Status::Fuzzy,
            "depth?",
        ),
        ann(
            a,
            "A cider press is planned for autumn.",
            Status::NeedsReview,
            "who pays",
        ),
        ann(a, "", Status::Orphaned, "lost one"),
    ];
    let mut bm = ann(a, "Eleven families belong to it now.", Status::Anchored, "");
    bm.0.motivation = Motivation::Bookmarking;
    list.push(bm);
    update(
        a,
        Msg::NotesLoaded {
            article,
            id: Some("art".into()),
            list,
            warning: None,
        },
    );
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

fn message(a: &App) -> String {
    a.status
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn status_of(a: &App, note: &str) -> Status {
    a.doc()
        .unwrap()
        .notes
        .list
        .iter()
        .find(|p| p.annotation.note == note)
        .unwrap()
        .status
}

/// Open the Notes tab (third tab) with focus on it.
fn to_notes_tab(a: &mut App) {
    press(a, "tt\t");
    assert_eq!(a.focus, Focus::Side);
}

#[test]
fn opening_says_how_many_need_review_and_the_notes_tab_marks_each_status() {
    let mut a = app(110, 24);
    load_each(&mut a);
    assert_eq!(message(&a), "2 notes need review: see Notes");
    to_notes_tab(&mut a);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn the_article_draws_the_candidate_dimmed_and_the_bookmark_in_the_gutter() {
    let mut a = app(90, 22);
    load_each(&mut a);
    let s = screen(&a);
    // The bookmark has its gutter mark and no background.
    let line = s
        .lines()
        .find(|l| l.contains("Eleven families"))
        .unwrap()
        .to_string();
    assert!(line.starts_with("⚑ "), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn accepting_in_the_notes_tab_anchors_at_the_candidate_and_undo_brings_it_back() {
    let mut a = app(110, 24);
    load_each(&mut a);
    let original = a
        .doc()
        .unwrap()
        .notes
        .list
        .iter()
        .find(|p| p.annotation.note == "who pays")
        .unwrap()
        .annotation
        .original
        .clone();
    to_notes_tab(&mut a);
    // Placed first (3: anchored, fuzzy, bookmark), then the one to review.
    press(&mut a, "jjj");
    let sel = a.doc().unwrap().notes.selected().unwrap().clone();
    assert_eq!(sel.status, Status::NeedsReview);
    // Enter jumps to the candidate and says what to do.
    press(&mut a, "\n");
    assert!(message(&a).contains("zg accepts"), "{}", message(&a));
    a.focus = Focus::Side;
    let e = press(&mut a, "zg");
    let s = saves(&e);
    assert_eq!(s.len(), 1, "{e:?}");
    assert_eq!(s[0].target.status, Status::Anchored);
    assert_eq!(s[0].target.quote, "A cider press is planned for autumn.");
    assert_eq!(s[0].original, original, "the original target stays");
    assert_eq!(status_of(&a, "who pays"), Status::Anchored);
    let d = a.doc().unwrap();
    assert_eq!(
        d.notes.selected().unwrap().annotation.note,
        "who pays",
        "the tab's selection follows the note"
    );
    assert_eq!(
        d.notes
            .at(range_of(&a, "A cider press").start)
            .unwrap()
            .annotation
            .note,
        "who pays"
    );
    assert_eq!(d.notes.to_review(), 1);
    // Undo: needs review again, saved so; redo: anchored.
    a.focus = Focus::Reader;
    let e = press(&mut a, "u");
    assert_eq!(saves(&e)[0].target.status, Status::NeedsReview);
    assert_eq!(status_of(&a, "who pays"), Status::NeedsReview);
    let p = a
        .doc()
        .unwrap()
        .notes
        .list
        .iter()
        .find(|p| p.annotation.note == "who pays")
        .unwrap()
        .clone();
    assert_eq!(
        p.candidate,
        Some(range_of(&a, "A cider press is planned for autumn."))
    );
    let e = update(&mut a, Msg::Key(Key::ctrl('r')));
    assert_eq!(saves(&e)[0].target.status, Status::Anchored);
    assert_eq!(status_of(&a, "who pays"), Status::Anchored);
}

#[test]
fn rejecting_at_the_cursor_sets_the_note_apart_and_it_can_be_attached() {
    let mut a = app(110, 24);
    load_each(&mut a);
    // The cursor to the paragraph with the moved (fuzzy) note.
    press(&mut a, "}}");
    let d = a.doc().unwrap();
    assert!(
        d.reader
            .article
            .block_text(d.reader.cursor)
            .starts_with("A new well"),
        "{}",
        d.reader.article.block_text(d.reader.cursor)
    );
    let e = press(&mut a, "zw");
    let s = saves(&e);
    assert_eq!(s.len(), 1, "{e:?}");
    assert_eq!(s[0].target.status, Status::Orphaned);
    assert_eq!(s[0].target.quote, "A new well was dug near the barn.");
    let n = &a.doc().unwrap().notes;
    assert_eq!(status_of(&a, "depth?"), Status::Orphaned);
    assert!(n.unplaced().iter().any(|p| p.annotation.note == "depth?"));
    assert!(message(&a).contains("not found"), "{}", message(&a));
    // Nothing left to review here.
    let e = press(&mut a, "zg");
    assert!(saves(&e).is_empty());
    // Undo puts it back, fuzzy, where it was.
    press(&mut a, "u");
    assert_eq!(status_of(&a, "depth?"), Status::Fuzzy);
    assert!(
        a.doc()
            .unwrap()
            .notes
            .at(range_of(&a, "A new well").start)
            .is_some()
    );
    // Redo: set apart again; then attached to a new selection like any note not found.
    update(&mut a, Msg::Key(Key::ctrl('r')));
    assert_eq!(status_of(&a, "depth?"), Status::Orphaned);
    to_notes_tab(&mut a);
    press(&mut a, "/depth?\n");
    assert_eq!(a.doc().unwrap().notes.rows.len(), 1);
    press(&mut a, "\t");
    assert_eq!(a.focus, Focus::Reader);
    let e = press(&mut a, "vA");
    let s = saves(&e);
    assert_eq!(s.len(), 1, "{e:?}");
    assert_eq!(s[0].note, "depth?");
    assert_eq!(s[0].target.status, Status::Anchored);
    assert_eq!(status_of(&a, "depth?"), Status::Anchored);
}

#[test]
fn a_note_in_place_has_nothing_to_review() {
    let mut a = app(110, 24);
    load_each(&mut a);
    press(&mut a, "j");
    let e = press(&mut a, "zg");
    assert!(saves(&e).is_empty(), "{e:?}");
    assert!(message(&a).contains("nothing to review"), "{}", message(&a));
    // Rejecting an orphan does nothing either.
    to_notes_tab(&mut a);
    press(&mut a, "G");
    assert_eq!(
        a.doc().unwrap().notes.selected().unwrap().status,
        Status::Orphaned
    );
    let e = press(&mut a, "zw");
    assert!(saves(&e).is_empty(), "{e:?}");
}

#[test]
fn a_bookmark_made_with_m_is_drawn_in_the_gutter_and_visited_by_n() {
    let mut a = app(90, 22);
    press(&mut a, "jjj");
    let e = press(&mut a, "vm");
    let s = saves(&e);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].motivation, Motivation::Bookmarking);
    let screen = screen(&a);
    let line = screen.lines().find(|l| l.contains("A new well")).unwrap();
    assert!(line.starts_with("⚑ "), "{screen}");
    // No highlight under it.
    let after: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("A new well"))
        .take(2)
        .collect();
    assert!(!after[1].contains('1'), "{screen}");
    press(&mut a, "gg");
    press(&mut a, "]n");
    let d = a.doc().unwrap();
    assert!(
        d.reader
            .article
            .block_text(d.reader.cursor)
            .starts_with("A new well")
    );
    assert!(d.jump_mark.is_some());
}

/// The screen's text; under each line with marked cells, a line marking them: a digit the
/// highlight colour (1 yellow … 5 purple), `S` the selection, `_` underlined (a candidate).
fn screen(app: &App) -> String {
    common::marked_screen(app, true)
}

#[test]
fn the_review_hints_name_the_keys_as_remapped() {
    let mut a = app(110, 24);
    a.keymap.bind(
        tenor::tui::input::Context::Reader,
        Key::parse_seq("Y").unwrap(),
        tenor::tui::input::Action::AcceptReview,
    );
    load_each(&mut a);
    to_notes_tab(&mut a);
    let s = screen(&a);
    assert!(s.contains("To review (Y accepts, zw"), "{s}");
}

#[test]
fn dn_on_a_proposed_passage_deletes_no_other_note_of_the_paragraph() {
    let mut a = app(110, 24);
    load_each(&mut a);
    // A highlight on the other sentence of the paragraph with the candidate.
    press(&mut a, "}}}");
    let d = a.doc().unwrap();
    assert!(
        d.reader
            .article
            .block_text(d.reader.cursor)
            .starts_with("Most fruit")
    );
    let e = press(&mut a, "vh");
    assert_eq!(
        saves(&e)[0].target.quote,
        "Most fruit goes to the town market."
    );
    // Jump to the candidate from the Notes tab, then dn in the reader.
    to_notes_tab(&mut a);
    press(&mut a, "/who\n\n");
    a.focus = Focus::Reader;
    assert!(a.doc().unwrap().jump_mark.is_some());
    let e = press(&mut a, "dn");
    assert!(
        !e.iter().any(|x| matches!(x, Effect::DeleteAnnotation(_))),
        "{e:?}"
    );
    assert_eq!(message(&a), "No annotation here");
}
