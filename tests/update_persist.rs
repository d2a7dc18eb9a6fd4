//! `update` tests of the runtime work of issue 14: a loading article cancelled by `q` or Esc,
//! and the status messages kept for `g<`.

mod common;
use common::{BRIEF, library_app, press};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::article::{Format, parse_str};
use tenor::tui::state::{App, ArticleKey, LibraryEntry, LoadJob, Origin, Overlay, Screen};
use tenor::tui::update::{Effect, Msg, update};

fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn bottom_line(app: &App) -> String {
    screen(app).lines().last().unwrap().trim_end().to_string()
}

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

const LONG: &str = "config.toml:12: unknown action \"scroll_sideways\" for key <C-q>; the file \
                    was kept aside as config.toml.bad-1700000000 and defaults are used";

#[test]
fn a_cut_message_says_more_is_there_and_lt_shows_it_in_full() {
    let mut a = two_article_library();
    update(&mut a, Msg::Resize(60, 20));
    a.warn(LONG);
    let bottom = bottom_line(&a);
    assert!(bottom.ends_with("(< shows all)"), "{bottom:?}");
    assert!(!bottom.contains("defaults are used"), "{bottom:?}");
    press(&mut a, "<");
    assert!(matches!(a.overlay, Some(Overlay::Messages { .. })));
    let shown = screen(&a);
    // Every word of the message is on screen, the end included.
    assert!(shown.contains("config.toml.bad-1700000000"), "{shown}");
    assert!(shown.contains("defaults are used"), "{shown}");
    // The bottom line is clear of it now; Esc closes the box.
    assert!(a.status.message.is_none());
    press(&mut a, "\x1b");
    assert!(a.overlay.is_none());
}

#[test]
fn several_messages_at_once_say_how_many_more() {
    let mut a = two_article_library();
    a.warn("one");
    a.warn("two");
    a.notify("three");
    let bottom = bottom_line(&a);
    assert!(bottom.contains("three"), "{bottom:?}");
    assert!(bottom.ends_with("(+2 more; < shows all)"), "{bottom:?}");
    // A short message alone says nothing more.
    press(&mut a, "j");
    a.notify("fits");
    assert_eq!(bottom_line(&a).trim(), "fits");
}

#[test]
fn the_messages_box_opens_at_the_newest_and_scrolls() {
    let mut a = two_article_library();
    update(&mut a, Msg::Resize(60, 12));
    for i in 0..30 {
        a.warn(format!("message number {i}"));
    }
    press(&mut a, "<");
    let shown = screen(&a);
    assert!(shown.contains("message number 29"), "{shown}");
    assert!(!shown.contains("message number 0\n"), "{shown}");
    press(&mut a, "g");
    assert!(screen(&a).contains("message number 0 "), "{}", screen(&a));
    press(&mut a, "G");
    assert!(screen(&a).contains("message number 29"));
    // Ctrl-c still quits from the box.
    let e = update(&mut a, Msg::Key(tenor::tui::input::Key::ctrl('c')));
    assert_eq!(e, [Effect::Quit]);
}
