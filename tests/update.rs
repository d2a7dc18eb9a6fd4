//! Pure tests of `update`: keys and mouse events in, state out. No terminal.

mod common;
use common::{BRIEF, app, library_app, open_help, press};

use tenor::article::{Format, parse_str};
use tenor::tui::input::Key;
use tenor::tui::state::{
    App, ArticleKey, EntryStatus, Focus, Level, LibraryEntry, LoadJob, Origin, Overlay, Screen,
};
use tenor::tui::update::{Effect, Mouse, Msg, update};

/// A library of two articles, `bundled:a` and `bundled:b` (opened with `Msg::Loaded` and
/// `opening_key`), in a 100×30 terminal, as if an article was opened from it.
fn two_article_library() -> App {
    let entry = |n: &str| LibraryEntry {
        key: Some(ArticleKey::Bundled(n.to_string())),
        ..LibraryEntry::new(n, n, Origin::Bundled(0))
    };
    let mut a = library_app(vec![entry("a"), entry("b")], false);
    update(&mut a, Msg::Resize(100, 30));
    a.library.from_library = true;
    a
}

fn cursor_text(app: &App) -> String {
    let r = app.reader().unwrap();
    r.article.block_text(r.cursor).to_string()
}

#[test]
fn counts_repeat_motions() {
    let mut a = app(100, 40);
    press(&mut a, "3j");
    assert_eq!(a.reader().unwrap().cursor, 3);
    press(&mut a, "2k");
    assert_eq!(a.reader().unwrap().cursor, 1);
    // From the "Early Promise" heading, two sections on.
    press(&mut a, "2]]");
    assert_eq!(cursor_text(&a), "Side Channel");
}

#[test]
fn jump_history_with_ctrl_o() {
    let mut a = app(100, 40);
    press(&mut a, "G");
    assert_eq!(
        cursor_text(&a),
        "Both ministries say the door remains open, and a new round is pencilled in for the spring."
    );
    update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(a.reader().unwrap().cursor, 0);
    update(&mut a, Msg::Key(Key::alt('i')));
    assert!(cursor_text(&a).starts_with("Both ministries"));
}

#[test]
fn goto_section_filters_and_jumps() {
    let mut a = app(100, 40);
    press(&mut a, ":side");
    assert!(matches!(a.overlay, Some(Overlay::Prompt(_))));
    assert_eq!(a.doc().unwrap().goto_matches("side").len(), 1);
    press(&mut a, "\n");
    assert!(a.overlay.is_none());
    assert_eq!(cursor_text(&a), "Side Channel");
}

#[test]
fn search_escape_restores_position() {
    let mut a = app(100, 40);
    press(&mut a, "/ferry");
    assert!(cursor_text(&a).contains("ferry"));
    press(&mut a, "\x1b");
    assert_eq!(a.reader().unwrap().cursor, 0);
    assert!(a.reader().unwrap().search.matches.is_empty());
}

#[test]
fn mouse_click_on_heading_folds_and_wheel_scrolls() {
    let mut a = app(100, 14);
    let rows = a.reader().unwrap().visible_rows();
    let areas = a.areas;
    let heading_row = rows
        .iter()
        .position(|r| {
            a.reader().unwrap().article.block_text(r.block) == "Early Promise"
                && matches!(r.kind, tenor::tui::reader::RowKind::Line(_))
        })
        .unwrap();
    update(
        &mut a,
        Msg::Mouse(Mouse::Click {
            col: areas.text.x + 3,
            row: areas.text.y + heading_row as u16,
        }),
    );
    let r = a.reader().unwrap();
    assert!(r.folded[r.article.section_by_id("1-early-promise").unwrap()]);
    let top = r.top;
    update(
        &mut a,
        Msg::Mouse(Mouse::ScrollDown {
            col: areas.text.x,
            row: areas.text.y,
        }),
    );
    assert_ne!(a.reader().unwrap().top, top);
}

#[test]
fn mouse_toggle_is_an_effect() {
    let mut a = app(100, 40);
    assert_eq!(press(&mut a, "M"), vec![Effect::SetMouse(false)]);
    assert!(!a.mouse);
}

#[test]
fn focus_cycles_and_q_returns_to_reader_then_quits() {
    let mut a = app(130, 40);
    press(&mut a, "o");
    assert!(a.show_outline);
    press(&mut a, "\t");
    assert_eq!(a.focus, Focus::Side);
    press(&mut a, "\t");
    assert_eq!(a.focus, Focus::Outline);
    assert!(press(&mut a, "q").is_empty());
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(press(&mut a, "q"), vec![Effect::Quit]);
}

#[test]
fn resize_keeps_the_cursor_block_in_view() {
    let mut a = app(100, 40);
    press(&mut a, "G");
    let cursor = a.reader().unwrap().cursor;
    for (w, h) in [(30, 10), (200, 60), (20, 5), (1, 1), (80, 24)] {
        update(&mut a, Msg::Resize(w, h));
        let r = a.reader().unwrap();
        assert_eq!(r.cursor, cursor);
        if w >= 20 && h >= 5 {
            assert!(
                r.visible_rows().iter().any(|row| row.block == cursor),
                "cursor off screen at {w}x{h}"
            );
        }
    }
}

#[test]
fn library_opens_and_q_goes_back() {
    let entries = vec![
        LibraryEntry::new("One", "one.md", Origin::Bundled(0)),
        LibraryEntry::new("Two", "two.md", Origin::Bundled(1)),
    ];
    let mut a = library_app(entries, false);
    update(&mut a, Msg::Resize(80, 24));
    assert_eq!(a.screen, Screen::Library);
    assert_eq!(
        press(&mut a, "j\n"),
        vec![Effect::Open(tenor::tui::state::Origin::Bundled(1))]
    );
    let fx = update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b")))),
    );
    assert!(matches!(fx.as_slice(), [Effect::Analyze(_)]));
    assert_eq!(a.screen, Screen::Reader);
    press(&mut a, "q");
    assert_eq!(a.screen, Screen::Library);
    assert_eq!(press(&mut a, "q"), vec![Effect::Quit]);
}

#[test]
fn escaping_a_search_restores_the_folds() {
    let mut a = app(100, 40);
    press(&mut a, "zM");
    let folded = a.reader().unwrap().folded.clone();
    press(&mut a, "/ferry");
    assert!(
        a.reader().unwrap().folded != folded,
        "the match unfolded its section"
    );
    press(&mut a, "\x1b");
    assert_eq!(a.reader().unwrap().folded, folded);
}

#[test]
fn huge_counts_are_capped() {
    let mut a = app(100, 30);
    press(&mut a, "99999999999999999999");
    update(&mut a, Msg::Key(Key::ctrl('d')));
    press(&mut a, "99999999999999999999}");
    press(&mut a, "99999999999999999999j");
    press(&mut a, "\tjj99999999999999999999j");
    let r = a.reader().unwrap();
    assert!(r.cursor < r.article.blocks.len());
}

/// `n` past the last match wraps to the first and says so; other steps leave the bottom line
/// to the key hints (the status bar shows the match count).
#[test]
fn search_says_when_it_wraps() {
    let mut a = app(100, 40);
    press(&mut a, "/quota\n");
    assert!(a.status.message.is_none(), "{:?}", a.status.message);
    let n = a.reader().unwrap().search.matches.len();
    assert!(n > 1);
    for _ in 1..n {
        press(&mut a, "n");
        assert!(a.status.message.is_none(), "{:?}", a.status.message);
    }
    press(&mut a, "n");
    assert!(
        a.status
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("continuing at the top"))
    );
    assert_eq!(a.reader().unwrap().search.current, Some(0));
    press(&mut a, "N");
    assert!(
        a.status
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("continuing at the bottom"))
    );
}

/// `zM`/`zR` fold the article from every panel (the panels show its folds), and a `z` that
/// starts no binding never lets the next key fire a global one (`M` toggles the mouse).
#[test]
fn fold_keys_work_from_every_panel_and_never_fire_a_stray_global() {
    use tenor::tui::state::SideTab;
    let all_folded = |a: &App| a.reader().unwrap().folded.iter().all(|&f| f);
    let none_folded = |a: &App| a.reader().unwrap().folded.iter().all(|&f| !f);
    for (focus, tab) in [
        (Focus::Reader, SideTab::Points),
        (Focus::Outline, SideTab::Points),
        (Focus::Side, SideTab::Points),
        (Focus::Side, SideTab::Tone),
    ] {
        let mut a = app(130, 40);
        press(&mut a, "o");
        a.focus = focus;
        a.side_tab = tab;
        let at = format!("{focus:?} {tab:?}");
        assert_eq!(press(&mut a, "zM"), vec![], "{at}");
        assert!(a.mouse, "zM toggled the mouse in {at}");
        assert!(all_folded(&a), "zM did not fold in {at}");
        assert_eq!((a.focus, a.side_tab), (focus, tab), "{at}");
        press(&mut a, "zR");
        assert!(none_folded(&a), "zR did not unfold in {at}");
        press(&mut a, "za");
        assert!(
            a.reader().unwrap().folded.iter().any(|&f| f),
            "za did not fold in {at}"
        );
        // An unknown z-command is swallowed whole.
        assert_eq!(press(&mut a, "zq"), vec![], "{at}");
        assert_eq!(a.focus, focus, "{at}");
    }
    // In the library there is nothing to fold: `zM` does nothing at all.
    let mut a = library_app(Vec::new(), false);
    update(&mut a, Msg::Resize(80, 24));
    assert_eq!(a.screen, Screen::Library);
    assert_eq!(press(&mut a, "zM"), vec![]);
    assert!(a.mouse);
}

/// Prompts edit like a shell line: Ctrl-w deletes the word typed, arrows move the cursor.
#[test]
fn prompts_have_readline_keys() {
    let mut a = app(120, 40);
    press(&mut a, "/Japan");
    update(&mut a, Msg::Key(Key::ctrl('w')));
    press(&mut a, "quta");
    update(&mut a, Msg::Key(Key::new(tenor::tui::input::KeyCode::Left)));
    update(&mut a, Msg::Key(Key::new(tenor::tui::input::KeyCode::Left)));
    press(&mut a, "o");
    let Some(Overlay::Prompt(p)) = &a.overlay else {
        panic!("prompt open")
    };
    assert_eq!((p.input.as_str(), p.cursor), ("quota", 3));
    press(&mut a, "\n");
    assert_eq!(a.reader().unwrap().search.query, "quota");
}

/// Library files are read in the background: each entry gets its title and detail line (or
/// the problem, marked), and the scan's progress ends with the last file.
#[test]
fn library_entries_fill_in_as_files_are_read() {
    let entry = |n: &str| LibraryEntry {
        detail: "96 B · reading…".into(),
        ..LibraryEntry::new(n, format!("{n}.txt"), Origin::File(n.into()))
    };
    let mut a = library_app(vec![entry("good"), entry("bad")], false);
    a.library.scan = Some(tenor::tui::state::Scan { done: 0, total: 2 });
    update(
        &mut a,
        Msg::EntryInfo {
            index: 0,
            title: "Harbor Talks".into(),
            detail: "Plain · 3 sections · 2 min read · 96 B".into(),
            status: EntryStatus::Readable,
        },
    );
    assert_eq!(a.library.entries[0].title, "Harbor Talks");
    assert_eq!(a.library.scan.map(|s| s.done), Some(1));
    update(
        &mut a,
        Msg::EntryInfo {
            index: 1,
            title: "bad".into(),
            detail: "bad.txt: not text (12 NUL bytes in the first 96 bytes)".into(),
            status: EntryStatus::Unreadable,
        },
    );
    assert_eq!(a.library.entries[1].status, EntryStatus::Unreadable);
    assert_eq!(a.library.scan, None);
    // An index past the end (the library changed) is ignored.
    update(
        &mut a,
        Msg::EntryInfo {
            index: 9,
            title: String::new(),
            detail: String::new(),
            status: EntryStatus::Readable,
        },
    );
    assert_eq!(a.library.entries.len(), 2);
}

/// In the outline, `za` folds the highlighted section, not the one under the reader's cursor.
#[test]
fn outline_fold_keys_fold_the_highlighted_section() {
    let mut a = app(120, 40);
    press(&mut a, "o");
    update(
        &mut a,
        Msg::Key(Key::new(tenor::tui::input::KeyCode::BackTab)),
    );
    assert_eq!(a.focus, Focus::Outline);
    let r = a.reader().unwrap();
    let side = r
        .article
        .sections
        .iter()
        .position(|s| s.title.as_deref() == Some("Side Channel"))
        .unwrap();
    let here = r.article.blocks[r.cursor].section;
    assert_ne!(here, side);
    a.doc_mut().unwrap().outline.selected = side;
    press(&mut a, "za");
    let r = a.reader().unwrap();
    assert!(r.folded[side] && !r.folded[here]);
    press(&mut a, "zo");
    assert!(!a.reader().unwrap().folded[side]);
}

/// Help scrolls no further than its last screenful, so `k` moves at once after many `j`.
#[test]
fn help_scroll_stops_at_the_end() {
    let mut a = app(100, 20);
    open_help(&mut a);
    let max = tenor::tui::state::help::max_scroll(&a.keymap, a.size);
    assert!(max > 0);
    press(&mut a, &"j".repeat(max + 40));
    assert!(matches!(a.overlay, Some(Overlay::Help { scroll }) if scroll == max));
    press(&mut a, "k");
    assert!(matches!(a.overlay, Some(Overlay::Help { scroll }) if scroll == max - 1));
    press(&mut a, "gG");
    assert!(matches!(a.overlay, Some(Overlay::Help { scroll }) if scroll == max));
}

/// Back in the library, the place in the article is noted (and saved by the runtime); opening
/// it again puts the reader back there, folds included.
#[test]
fn leaving_an_article_notes_the_place_and_reopening_restores_it() {
    let mut a = two_article_library();
    a.load = Some(LoadJob::new("a", Some(ArticleKey::Bundled("a".into()))));
    let brief = || Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b"))));
    update(&mut a, brief());
    press(&mut a, "]]]]]]za");
    assert_eq!(cursor_text(&a), "Side Channel");
    let effects = press(&mut a, "q");
    assert_eq!(a.screen, Screen::Library);
    assert_eq!(effects, vec![Effect::SaveReading(vec!["bundled:a".into()])]);
    let st = &a.places.store.articles["bundled:a"];
    assert!(st.quote.starts_with("Side Channel") && st.folded.len() == 1);
    // Leaving again without moving saves nothing new.
    a.load = Some(LoadJob::new("a", Some(ArticleKey::Bundled("a".into()))));
    update(&mut a, brief());
    assert_eq!(cursor_text(&a), "Side Channel");
    assert!(a.reader().unwrap().folded.iter().any(|&f| f));
    assert!(press(&mut a, "q").is_empty());
    // Another article starts at the top.
    a.load = Some(LoadJob::new("b", Some(ArticleKey::Bundled("b".into()))));
    update(&mut a, brief());
    assert_eq!(a.reader().unwrap().cursor, 0);
}

/// Keys typed while an article loads are played once it is open: `G` sent right after start
/// is not lost.
#[test]
fn keys_typed_while_loading_are_kept() {
    let mut a = library_app(Vec::new(), false);
    update(&mut a, Msg::Resize(100, 30));
    a.load = Some(LoadJob::new("brief", None));
    press(&mut a, "G");
    assert!(a.reader().is_none());
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b")))),
    );
    assert!(cursor_text(&a).starts_with("Both ministries"));
    // Ctrl-c still quits at once.
    a.load = Some(LoadJob::new("other", None));
    assert_eq!(update(&mut a, Msg::Key(Key::ctrl('c'))), vec![Effect::Quit]);
}

/// An article that finishes loading fills in its library entry (title, detail, size), also
/// when nothing scans the library in the background (one file on the command line).
#[test]
fn a_loaded_article_fills_in_its_library_entry() {
    let entry = |n: &str| LibraryEntry {
        detail: "96 B · reading…".into(),
        size: Some(96),
        ..LibraryEntry::new(n, format!("{n}.md"), Origin::File(format!("{n}.md").into()))
    };
    let loaded = || Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b"))));
    let detail = tenor::library::detail(&parse_str(BRIEF, Format::Markdown, "b"));

    // `tenor x.md`: opened directly, the only entry.
    let mut one = library_app(vec![entry("x")], false);
    one.library.from_library = false;
    update(&mut one, loaded());
    assert_eq!(one.library.entries[0].title, "Harbor Talks Brief");
    assert_eq!(one.library.entries[0].detail, format!("{detail} · 96 B"));
    assert!(detail.starts_with("Markdown · "), "{detail}");

    // Opened from the library: the selected entry, and only it.
    let mut lib = library_app(vec![entry("a"), entry("b")], false);
    update(&mut lib, Msg::Resize(80, 24));
    press(&mut lib, "j\n");
    update(&mut lib, loaded());
    assert_eq!(lib.library.entries[1].title, "Harbor Talks Brief");
    assert_eq!(lib.library.entries[1].detail, format!("{detail} · 96 B"));
    assert_eq!(lib.library.entries[0].title, "a");
    assert_eq!(lib.library.entries[0].detail, "96 B · reading…");
}

/// `H` and `L` move the cursor to the first and last block on screen, as in vim, without
/// scrolling (and with a count, that many blocks in); the library is on `B`, so a vim user's
/// `L` never leaves the article.
#[test]
fn h_and_l_are_screen_motions_and_b_opens_the_library() {
    let mut a = app(80, 14);
    press(&mut a, "5j");
    let top = a.reader().unwrap().top;
    let visible = |a: &App| {
        let r = a.reader().unwrap();
        let mut blocks: Vec<usize> = r
            .visible_rows()
            .iter()
            .filter(|row| !matches!(row.kind, tenor::tui::reader::RowKind::Gap))
            .map(|row| row.block)
            .collect();
        blocks.dedup();
        blocks
    };
    let on_screen = visible(&a);
    assert!(on_screen.len() >= 3, "{on_screen:?}");
    press(&mut a, "L");
    assert_eq!(a.screen, Screen::Reader, "L left the article");
    let r = a.reader().unwrap();
    assert_eq!(r.top, top, "L scrolled");
    let last = r.cursor;
    assert!(on_screen.contains(&last), "{last} not in {on_screen:?}");
    // The last block whose end is on screen: here the one below it is cut off.
    let last_line = tenor::tui::reader::RowKind::Line(r.lines(last).len() - 1);
    assert!(
        r.visible_rows()
            .iter()
            .any(|row| row.block == last && row.kind == last_line),
        "{last} ends off screen"
    );
    // Heights where the bottom block is cut off: L takes the one above it, and never scrolls.
    let mut cut_off = 0;
    for h in 8..24 {
        let mut b = app(60, h);
        press(&mut b, "3j");
        let before = b.reader().unwrap().top;
        let shown = visible(&b);
        press(&mut b, "L");
        let r = b.reader().unwrap();
        assert_eq!(r.top, before, "L scrolled at height {h}");
        let line = tenor::tui::reader::RowKind::Line(r.lines(r.cursor).len() - 1);
        assert!(
            r.visible_rows()
                .iter()
                .any(|row| row.block == r.cursor && row.kind == line),
            "height {h}: {} ends off screen",
            r.cursor
        );
        if shown.last() != Some(&r.cursor) {
            cut_off += 1;
        }
    }
    assert!(cut_off > 0, "no height cut a block off");
    press(&mut a, "H");
    let r = a.reader().unwrap();
    assert_eq!(r.top, top, "H scrolled");
    assert_eq!(r.cursor, on_screen[0]);
    press(&mut a, "2H");
    assert_eq!(a.reader().unwrap().cursor, on_screen[1]);
    press(&mut a, "2L");
    assert_eq!(a.reader().unwrap().cursor, {
        let i = on_screen.iter().position(|&b| b == last).unwrap();
        on_screen[i - 1]
    });
    // H is a jump, as in vim: Ctrl-o comes back.
    press(&mut a, "H");
    update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_ne!(a.reader().unwrap().cursor, on_screen[0]);
    // The library moved to B.
    press(&mut a, "B");
    assert_eq!(a.screen, Screen::Library);
}

/// At the end of the article, where the view cannot scroll further, `Ctrl-d` and `Space` move
/// the cursor to the last block, as vim does; at the top, `Ctrl-u` and `b` to the first.
#[test]
fn page_motions_at_an_end_move_the_cursor_there() {
    let cursor = |a: &App| a.reader().unwrap().cursor;
    let last = {
        let a = app(80, 14);
        a.reader().unwrap().article.blocks.len() - 1
    };
    for key in [Key::ctrl('d'), Key::char(' '), Key::ctrl('f')] {
        let mut a = app(80, 14);
        press(&mut a, "Gkk");
        let top = a.reader().unwrap().top;
        assert!(cursor(&a) < last);
        update(&mut a, Msg::Key(key));
        assert_eq!(cursor(&a), last, "{key:?}");
        assert_eq!(
            a.reader().unwrap().top,
            top,
            "{key:?} scrolled past the end"
        );
    }
    for key in [Key::ctrl('u'), Key::char('b'), Key::ctrl('b')] {
        let mut a = app(80, 14);
        press(&mut a, "2j");
        assert!(cursor(&a) > 0);
        update(&mut a, Msg::Key(key));
        assert_eq!(cursor(&a), 0, "{key:?}");
    }
    // Away from the ends, a page moves the view and keeps the cursor on screen, as before.
    let mut a = app(80, 14);
    update(&mut a, Msg::Key(Key::ctrl('d')));
    let r = a.reader().unwrap();
    assert!(r.top.block > 0 && r.cursor < last);
    assert!(r.visible_rows().iter().any(|row| row.block == r.cursor));
}

/// A search that finds nothing says so and keeps the previous pattern and its matches, as vim
/// does: `n` goes on with it. Cancelling a search (Esc) keeps it too.
#[test]
fn a_failed_search_keeps_the_previous_pattern() {
    let mut a = app(100, 40);
    press(&mut a, "/quota\nn");
    let r = a.reader().unwrap();
    let (matches, current) = (r.search.matches.clone(), r.search.current);
    assert!(matches.len() > 2, "{matches:?}");
    press(&mut a, "/zzzz\n");
    let m = a.status.message.clone().expect("a message");
    assert!(
        m.level == Level::Warning && m.text == "Not found: zzzz",
        "{m:?}"
    );
    let r = a.reader().unwrap();
    assert_eq!(r.search.query, "quota");
    assert_eq!((&r.search.matches, r.search.current), (&matches, current));
    press(&mut a, "n");
    assert!(a.status.message.is_none(), "{:?}", a.status.message);
    let r = a.reader().unwrap();
    assert_eq!(r.search.current, current.map(|c| c + 1));
    assert!(cursor_text(&a).to_lowercase().contains("quota"));
    // Esc on a new search puts the old one back as well.
    press(&mut a, "/ferry\x1b");
    assert_eq!(a.reader().unwrap().search.query, "quota");
    press(&mut a, "n");
    assert!(
        a.status
            .message
            .as_ref()
            .is_none_or(|m| !m.text.contains("No search")),
        "{:?}",
        a.status.message
    );
    assert!(cursor_text(&a).to_lowercase().contains("quota"));
}

/// `]]`/`[[` (and `n`/`N`) in the Tone tab say so when there is nothing to go to, instead of
/// doing nothing silently.
#[test]
fn tone_tab_says_when_there_is_no_turning_point() {
    let with_tone = |src: &str| {
        let mut a = app(120, 36);
        a.open_article(parse_str(src, Format::Markdown, "t"));
        update(&mut a, Msg::Resize(120, 36));
        let article = a.reader().unwrap().article.clone();
        let tl = tenor::analysis::tone::timeline(&article);
        a.set_tone(&article, tl);
        press(&mut a, "t\t");
        a
    };
    let message = |a: &App| {
        a.status
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    };
    let mut a = with_tone(include_str!("fixtures/tone/flat.md"));
    for keys in ["]]", "[[", "n", "N"] {
        press(&mut a, keys);
        assert_eq!(
            message(&a),
            "No turning points or quoted words in this article",
            "{keys}"
        );
    }
    // With some, past the last one.
    let mut a = with_tone(common::BRIEF);
    press(&mut a, "]]");
    assert_eq!(message(&a), "");
    press(&mut a, "]]]]]]");
    assert_eq!(message(&a), "No more turning points or quoted words below");
    press(&mut a, "gk[[");
    assert_eq!(message(&a), "No more turning points or quoted words above");
}

/// Ctrl-z asks the runtime to suspend Tenor to the shell, as any terminal program does.
#[test]
fn ctrl_z_suspends() {
    let mut a = app(100, 30);
    assert_eq!(
        update(&mut a, Msg::Key(Key::ctrl('z'))),
        vec![Effect::Suspend]
    );
}

/// Before the tone arrives, `]]` in the Tone tab says so instead of moving the article.
#[test]
fn tone_keys_wait_for_the_tone() {
    let mut a = app(120, 30);
    press(&mut a, "t\t");
    let before = a.reader().unwrap().cursor;
    press(&mut a, "]]");
    assert_eq!(a.reader().unwrap().cursor, before);
    assert!(
        a.status
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("still"))
    );
}

/// Ctrl-z in a prompt suspends too (it is not typed into the search), and the prompt stays.
#[test]
fn ctrl_z_in_a_prompt_suspends() {
    let mut a = app(100, 30);
    press(&mut a, "/abc");
    assert_eq!(
        update(&mut a, Msg::Key(Key::ctrl('z'))),
        vec![Effect::Suspend]
    );
    let Some(Overlay::Prompt(p)) = &a.overlay else {
        panic!("prompt still open")
    };
    assert_eq!(p.input, "abc");
}

/// An article opened and left as it was saves nothing: it must not overwrite a place another
/// Tenor saved for it meanwhile.
#[test]
fn an_untouched_article_saves_nothing() {
    let mut a = two_article_library();
    a.load = Some(LoadJob::new("a", Some(ArticleKey::Bundled("a".into()))));
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b")))),
    );
    assert!(press(&mut a, "q").is_empty());
    assert!(a.places.store.articles.is_empty());
    // Moving and coming back to the same place is no move either... but moving is.
    a.load = Some(LoadJob::new("a", Some(ArticleKey::Bundled("a".into()))));
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b")))),
    );
    press(&mut a, "jk");
    assert!(press(&mut a, "q").is_empty());
    a.load = Some(LoadJob::new("a", Some(ArticleKey::Bundled("a".into()))));
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(BRIEF, Format::Markdown, "b")))),
    );
    press(&mut a, "j");
    assert_eq!(
        press(&mut a, "q"),
        vec![Effect::SaveReading(vec!["bundled:a".into()])]
    );
}

/// A long article's start shows while the rest is parsed: keys act on it at once, and when the
/// whole article arrives it takes the start's place with the cursor on the same text; only
/// the whole article is analysed.
#[test]
fn the_start_of_a_long_article_shows_first_and_the_rest_follows() {
    let mut a = library_app(Vec::new(), false);
    update(&mut a, Msg::Resize(100, 30));
    let mut md = String::from("# Long Brief\n\n");
    for i in 0..40 {
        md.push_str(&format!(
            "## Part {i}\n\nParagraph {i} on harbour dues.\n\n"
        ));
    }
    let cut = md.find("## Part 10").unwrap();
    a.load = Some(LoadJob::new("long", None));
    let effects = update(
        &mut a,
        Msg::Preview(Box::new(parse_str(&md[..cut], Format::Markdown, "l"))),
    );
    assert!(
        effects.is_empty(),
        "nothing is analysed from the start alone"
    );
    assert_eq!(a.screen, Screen::Reader);
    press(&mut a, "]]]]]]");
    let here = cursor_text(&a);
    assert!(here.starts_with("Part 2"), "{here}");
    let effects = update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(&md, Format::Markdown, "l")))),
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Analyze(_)]),
        "{effects:?}"
    );
    assert!(a.load.is_none());
    assert_eq!(cursor_text(&a), here);
    let whole = parse_str(&md, Format::Markdown, "l");
    assert_eq!(a.reader().unwrap().article.text, whole.text);
    press(&mut a, "G");
    assert!(cursor_text(&a).starts_with("Paragraph 39"));
}
