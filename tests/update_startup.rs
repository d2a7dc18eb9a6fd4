//! `update` tests of the store opened in the background (issue 10's start-up budget): places
//! noted before it is open are kept and saved once it is, the place read before is taken only
//! if the reader has not moved, its warnings reach the status line; and annotations that come
//! for an article no longer shown are dropped.

use std::sync::Arc;

use tenor::annotate::anchor::Anchored;
use tenor::annotate::{Annotation, Motivation, Status, Target};
use tenor::article::{Format, parse_str};
use tenor::store::StoreWarning;
use tenor::store::reading_json::Store as Positions;
use tenor::tui::input::{Key, Keymap};
use tenor::tui::state::{App, ArticleKey, Level, LoadJob};
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Effect, Msg, update};

const DOC: &str = "# Tide tables\n\n\
## Spring\n\nThe spring tides came early this year. Boats waited at the bar.\n\n\
## Neap\n\nNeap tides kept the channel shallow. Dredging was put off again.\n\n\
## Storm\n\nA storm surge flooded the lower quay. The harbour master closed it.\n";

const KEY: &str = "bundled:tides";

fn key() -> ArticleKey {
    ArticleKey::Bundled("tides".into())
}

/// An app whose store is still opening, as the runtime starts it.
fn starting() -> App {
    let mut a = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    a.places.opening = true;
    update(&mut a, Msg::Resize(100, 30));
    a
}

/// Open `DOC` (whole) under [`KEY`].
fn open(a: &mut App) -> Vec<Effect> {
    a.load = Some(LoadJob::new("tides", Some(key())));
    update(
        a,
        Msg::Loaded(Box::new(Ok(parse_str(DOC, Format::Markdown, "tides")))),
    )
}

/// The store's places: `DOC` read up to the block holding `words`, an hour ago.
fn stored_at(words: &str) -> Positions {
    let article = parse_str(DOC, Format::Markdown, "tides");
    let block = article
        .blocks
        .iter()
        .position(|b| article.text[b.range.clone()].contains(words))
        .unwrap();
    let folded = vec![false; article.sections.len()];
    let st = tenor::annotate::reading::capture(&article, block, &folded, 50, 1_000);
    let mut p = Positions::default();
    p.articles.insert(KEY.to_string(), st);
    p
}

fn cursor_text(a: &App) -> String {
    let r = a.reader().unwrap();
    r.article.text[r.article.blocks[r.cursor].range.clone()].to_string()
}

fn opened(places: Positions) -> Msg {
    Msg::StoreOpened {
        places: Ok(places),
        warnings: Vec::new(),
    }
}

#[test]
fn a_place_noted_before_the_store_opens_is_kept_and_saved_once_it_is() {
    let mut a = starting();
    open(&mut a);
    update(&mut a, Msg::Key(Key::char('G')));
    // Quitting, or the 15-second save, while the store opens: nothing to write to yet.
    let effects = update(&mut a, Msg::Checkpoint);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(a.places.unsaved, [KEY]);
    let mine = a.places.store.articles[KEY].clone();
    // The store comes with an older place for the same article, and another article's.
    let mut disk = stored_at("Neap tides");
    let other = disk.articles[KEY].clone();
    disk.articles.insert("bundled:other".into(), other);
    let effects = update(&mut a, opened(disk));
    assert_eq!(effects, [Effect::SaveReading(Vec::new())]);
    // The place noted here wins; the other article's is taken in.
    assert_eq!(a.places.store.articles[KEY], mine);
    assert!(a.places.store.articles.contains_key("bundled:other"));
    assert!(!a.places.opening);
    // The reader stays where it went.
    assert!(
        cursor_text(&a).contains("storm surge"),
        "{}",
        cursor_text(&a)
    );
}

#[test]
fn leaving_an_article_before_the_store_opens_keeps_its_place_for_the_save() {
    let mut a = starting();
    open(&mut a);
    update(&mut a, Msg::Key(Key::char('G')));
    // Another article opens: the place left is to be saved, once there is a store.
    let effects = open(&mut a);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::SaveReading(_))),
        "{effects:?}"
    );
    assert_eq!(a.places.unsaved, [KEY]);
}

#[test]
fn the_place_read_before_is_taken_when_the_store_comes_if_the_reader_has_not_moved() {
    let mut a = starting();
    open(&mut a);
    assert!(
        cursor_text(&a).contains("Tide tables"),
        "{}",
        cursor_text(&a)
    );
    let effects = update(&mut a, opened(stored_at("Neap tides")));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        cursor_text(&a).contains("Neap tides"),
        "{}",
        cursor_text(&a)
    );
    // Left unmoved, it saves nothing (the place is as stored).
    assert!(update(&mut a, Msg::Checkpoint).is_empty());
}

#[test]
fn a_reader_who_moved_before_the_store_came_stays_where_they_went() {
    let mut a = starting();
    open(&mut a);
    update(&mut a, Msg::Key(Key::char('G')));
    let here = cursor_text(&a);
    update(&mut a, opened(stored_at("Neap tides")));
    assert_eq!(cursor_text(&a), here);
}

/// An article's start shown while the rest parses, then the whole of it.
fn preview_then_whole(a: &mut App, between: impl FnOnce(&mut App)) {
    a.load = Some(LoadJob::new("tides", Some(key())));
    let start = &DOC[..DOC.find("## Neap").unwrap()];
    update(
        a,
        Msg::Preview(Box::new(parse_str(start, Format::Markdown, "tides"))),
    );
    assert!(a.doc().unwrap().partial);
    between(a);
    update(
        a,
        Msg::Loaded(Box::new(Ok(parse_str(DOC, Format::Markdown, "tides")))),
    );
    assert!(!a.doc().unwrap().partial);
}

#[test]
fn the_place_read_before_is_taken_once_a_previewed_article_has_loaded() {
    let mut a = starting();
    preview_then_whole(&mut a, |a| {
        update(a, opened(stored_at("storm surge")));
        // Only the start is there: the place is found in the whole article.
        assert!(cursor_text(a).contains("Tide tables"), "{}", cursor_text(a));
    });
    assert!(
        cursor_text(&a).contains("storm surge"),
        "{}",
        cursor_text(&a)
    );
}

#[test]
fn a_reader_who_moved_in_the_preview_stays_where_they_went() {
    let mut a = starting();
    preview_then_whole(&mut a, |a| {
        update(a, Msg::Key(Key::char('G')));
        update(a, opened(stored_at("storm surge")));
    });
    assert!(
        !cursor_text(&a).contains("storm surge"),
        "{}",
        cursor_text(&a)
    );
}

#[test]
fn the_stores_warnings_reach_the_status_line_and_the_messages() {
    let mut a = starting();
    let warning = StoreWarning::SetAside {
        path: "/data/tenor.db".into(),
        aside: Some("/data/tenor.db.corrupt-1".into()),
        why: "file is not a database".into(),
        restored: None,
    };
    let said = warning.to_string();
    update(
        &mut a,
        Msg::StoreOpened {
            places: Ok(Positions::default()),
            warnings: vec![warning],
        },
    );
    let m = a.status.message.as_ref().unwrap();
    assert_eq!((m.text.as_str(), m.level), (said.as_str(), Level::Warning));
    assert!(a.status.history.iter().any(|m| m.text == said));
}

#[test]
fn places_that_cannot_be_read_are_reported() {
    let mut a = starting();
    update(
        &mut a,
        Msg::StoreOpened {
            places: Err("tenor.db: cannot read reading positions: locked".into()),
            warnings: Vec::new(),
        },
    );
    let m = a.status.message.as_ref().unwrap();
    assert!(m.text.contains("cannot read reading positions"), "{m:?}");
    assert!(!a.places.opening);
}

/// One annotation on the second sentence of `article`, anchored.
fn one_note(article: &tenor::article::Article) -> Vec<(Annotation, Anchored)> {
    let at = article.text.find("Boats waited").unwrap();
    let r = at..at + "Boats waited at the bar.".len();
    let a = Annotation::new(
        "art",
        Target::of(&article.text, r.clone()),
        Motivation::Highlighting,
    );
    vec![(
        a,
        Anchored {
            status: Status::Anchored,
            range: Some(r),
            candidate: None,
        },
    )]
}

#[test]
fn opening_an_article_asks_for_its_annotations_without_waiting_for_them() {
    let mut a = starting();
    let effects = open(&mut a);
    let asked = effects.iter().find_map(|e| match e {
        Effect::LoadNotes { key, article } => Some((key.clone(), article.clone())),
        _ => None,
    });
    let (k, article) = asked.expect("annotations asked for");
    assert_eq!(k, KEY);
    let d = a.doc().unwrap();
    assert!(Arc::ptr_eq(&article, d.article()));
    assert!(!d.notes.loaded);
    update(
        &mut a,
        Msg::NotesLoaded {
            list: one_note(&article),
            article,
            id: Some("art".into()),
            warning: None,
        },
    );
    assert_eq!(a.doc().unwrap().notes.placed().len(), 1);
}

#[test]
fn annotations_that_come_after_another_article_opened_are_dropped() {
    let mut a = starting();
    open(&mut a);
    let first = a.doc().unwrap().article().clone();
    // The same file read again (it changed): the answer for the text before is stale too.
    open(&mut a);
    assert!(!Arc::ptr_eq(&first, a.doc().unwrap().article()));
    update(
        &mut a,
        Msg::NotesLoaded {
            list: one_note(&first),
            article: first,
            id: Some("art".into()),
            warning: None,
        },
    );
    let d = a.doc().unwrap();
    assert!(!d.notes.loaded && d.notes.placed().is_empty());
}
