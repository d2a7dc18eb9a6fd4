//! `update` tests of the runtime work of issue 14: a loading article cancelled by `q` or Esc,
//! and the status messages kept for `g<`.

mod common;
use common::{BRIEF, library_app, press};

use tenor::article::{Format, parse_str};
use tenor::tui::state::{App, ArticleKey, LibraryEntry, LoadJob, Origin, Screen};
use tenor::tui::update::{Effect, Msg, update};

fn two_article_library() -> App {
    let entry = |n: &str| LibraryEntry {
        key: Some(ArticleKey::Bundled(n.to_string())),
        ..LibraryEntry::new(n, n, Origin::Bundled(0))
    };
    let mut a = library_app(vec![entry("a"), entry("b")], false);
    update(&mut a, Msg::Resize(100, 30));
    a
}

fn loaded() -> Msg {
    Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b"))))
}

#[test]
fn esc_and_q_cancel_a_load_from_the_library_and_its_result_is_ignored() {
    for keys in ["\x1b", "q"] {
        let mut a = two_article_library();
        let effects = press(&mut a, "\n");
        assert!(matches!(effects[..], [Effect::Open(_)]), "{effects:?}");
        assert!(a.load.is_some());
        let effects = press(&mut a, keys);
        assert_eq!(effects, [Effect::CancelLoad], "{keys:?}");
        assert!(a.load.is_none());
        assert_eq!(a.screen, Screen::Library);
        // The parse finishes later: nothing opens.
        update(&mut a, loaded());
        assert!(a.doc().is_none(), "{keys:?}");
        assert_eq!(a.screen, Screen::Library);
    }
}

#[test]
fn q_quits_at_once_while_an_article_named_on_the_command_line_loads() {
    let mut a = two_article_library();
    a.library.from_library = false;
    a.load = Some(LoadJob::new("slow.md", None));
    let effects = press(&mut a, "q");
    assert_eq!(effects, [Effect::CancelLoad, Effect::Quit]);
}

#[test]
fn other_keys_typed_while_loading_still_wait_for_the_article() {
    let mut a = two_article_library();
    press(&mut a, "\n");
    assert!(press(&mut a, "jj").is_empty());
    assert!(a.load.is_some());
    update(&mut a, loaded());
    assert_eq!(a.reader().unwrap().cursor, 2);
}
