//! No panic on any key sequence at any terminal size: random keys, resizes and mouse events
//! through `update`, each followed by a frame on a `TestBackend`.

mod common;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::tui::input::{Key, KeyCode};
use tenor::tui::state::App;
use tenor::tui::update::{Mouse, Msg, update};

fn key_strategy() -> impl Strategy<Value = Msg> {
    let chars = "jkgGzaoOcRMmrNn]]}{[[:/qtTpb?hl \x1b\n\t0123456789xyzAEFI";
    let keys: Vec<char> = chars.chars().collect();
    prop_oneof![
        8 => proptest::sample::select(keys).prop_map(|c| {
            let k = match c {
                '\n' => Key::new(KeyCode::Enter),
                '\x1b' => Key::new(KeyCode::Esc),
                '\t' => Key::new(KeyCode::Tab),
                c => Key::char(c),
            };
            Msg::Key(k)
        }),
        1 => proptest::sample::select(vec![
            Key::ctrl('d'), Key::ctrl('u'), Key::ctrl('o'), Key::ctrl('e'), Key::ctrl('y'),
            Key::new(KeyCode::BackTab), Key::new(KeyCode::Backspace), Key::new(KeyCode::PageDown),
            Key::new(KeyCode::Up), Key::new(KeyCode::Left), Key::alt('i'),
            Key::new(KeyCode::Right), Key::new(KeyCode::Home), Key::new(KeyCode::End),
            Key::new(KeyCode::Delete), Key::ctrl('w'), Key::ctrl('k'), Key::alt('b'),
            Key::alt('f'), Key::char('é'), Key::char('日'),
        ]).prop_map(Msg::Key),
        1 => (0u16..200, 0u16..60).prop_map(|(w, h)| Msg::Resize(w, h)),
        1 => (0u16..200, 0u16..60, 0u8..3).prop_map(|(col, row, k)| Msg::Mouse(match k {
            0 => Mouse::Click { col, row },
            1 => Mouse::ScrollDown { col, row },
            _ => Mouse::ScrollUp { col, row },
        })),
    ]
}

fn draw(app: &App) {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(app, f)).unwrap();
}

fn with_analysis(mut a: App) -> App {
    let article = a.reader().unwrap().article.clone();
    a.set_points(&article, tenor::analysis::points::extract(&article));
    a.set_tone(&article, tenor::analysis::tone::timeline(&article));
    a
}

proptest! {
    // TENOR_FUZZ_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TENOR_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_sessions_never_panic(msgs in proptest::collection::vec(key_strategy(), 1..80), w in 0u16..160, h in 0u16..50) {
        let mut a = with_analysis(common::app(w, h));
        for m in msgs {
            let _ = update(&mut a, m);
            draw(&a);
        }
        // The cursor always names a real block, and it is never hidden by a fold.
        let r = a.reader().unwrap();
        prop_assert!(r.cursor < r.article.blocks.len());
        prop_assert!(!r.is_hidden(r.cursor));
    }

    #[test]
    fn random_sessions_on_the_bundled_articles(which in 0usize..tenor::library::BUNDLED.len(), msgs in proptest::collection::vec(key_strategy(), 1..60), w in 0u16..160, h in 0u16..50) {
        let (name, text) = tenor::library::BUNDLED[which];
        let article = tenor::article::parse_bytes(text.as_bytes(), &tenor::article::Source::named(name)).unwrap();
        let mut a = common::app(w, h);
        a.open_article(article);
        let mut a = with_analysis(a);
        for m in msgs {
            let _ = update(&mut a, m);
            draw(&a);
        }
        if let Some(r) = a.reader() {
            prop_assert!(r.cursor < r.article.blocks.len());
        }
    }
}

/// An article of `groups` lists, each led in by a long sentence (a title that wraps), items
/// named by unique tokens `Q<g>x<i>`.
fn lists_article(groups: usize, items: usize) -> String {
    let mut md = String::from("# Port\n\n");
    for g in 0..groups {
        md.push_str(&format!(
            "## Part {g}\n\nBoth delegations agreed that the following measures on harbour \
             dues take effect in May:\n\n"
        ));
        for i in 0..items {
            md.push_str(&format!("- Q{g}x{i} on dues\n"));
        }
        md.push('\n');
    }
    md
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TENOR_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    /// Whatever the size and the moves, the selected key point is on screen when the Points
    /// panel has focus.
    #[test]
    fn the_selected_point_is_always_on_screen(
        groups in 1usize..9,
        items in 1usize..5,
        w in 60u16..130,
        h in 8u16..50,
        moves in proptest::collection::vec(
            proptest::sample::select(vec!["j", "k", "G", "g", "5j", "3k", "\u{4}", "\u{15}"]),
            1..12,
        ),
    ) {
        let md = lists_article(groups, items);
        let mut a = common::app(w, h);
        a.open_article(tenor::article::parse_str(&md, tenor::article::Format::Markdown, "m"));
        update(&mut a, Msg::Resize(w, h));
        let mut a = with_analysis(a);
        common::press(&mut a, "\t");
        for m in moves {
            match m {
                "\u{4}" => { update(&mut a, Msg::Key(Key::ctrl('d'))); }
                "\u{15}" => { update(&mut a, Msg::Key(Key::ctrl('u'))); }
                keys => { common::press(&mut a, keys); }
            }
            let (r, p) = (a.reader().unwrap(), a.doc().unwrap().points.as_ref().unwrap());
            let sel = p.get(&r.article, a.doc().unwrap().points_list.cursor.selected).unwrap().text(&r.article).to_string();
            let token = sel.split_whitespace().next().unwrap().to_string();
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| tenor::tui::view::draw(&a, f)).unwrap();
            let buf = term.backend().buffer();
            let screen: String = (0..h)
                .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n");
            prop_assert!(screen.contains(&token), "{} not on screen after {}:\n{}", token, m, screen);
        }
    }
}

/// Every list's selection is on screen: the library's, the outline's, the Tone chart's and
/// the Points list's (where each is shown).
fn selections_on_screen(a: &App) -> Result<(), TestCaseError> {
    use tenor::tui::state::geometry::{points_list, tone_list};
    use tenor::tui::state::{Screen, SideTab};
    if a.size.0 < 20 || a.size.1 < 5 {
        return Ok(());
    }
    if a.screen == Screen::Library {
        let (_, room) = a.areas.library_list();
        let c = a.library.cursor;
        if !a.library.entries.is_empty() {
            prop_assert!(
                c.top <= c.selected && c.selected < c.top + room,
                "library {c:?} room {room}"
            );
        }
        return Ok(());
    }
    let Some(d) = a.doc() else { return Ok(()) };
    if let Some(o) = a.areas.outline_list()
        && o.height > 0
    {
        let rows = d.outline_rows();
        let sel = rows
            .iter()
            .position(|&s| s == d.outline.selected)
            .unwrap_or(0);
        let top = d.outline.top;
        prop_assert!(
            top <= sel && sel < top + o.height as usize,
            "outline row {sel}, top {top}"
        );
    }
    if let Some(body) = a.areas.side_body() {
        match a.side_tab {
            SideTab::Tone if !d.tone_rows.is_empty() && body.height >= 3 && body.width >= 12 => {
                let h = tone_list(body).height as usize;
                let c = d.tone_list;
                prop_assert!(
                    c.top <= c.selected && c.selected < c.top + h,
                    "tone {c:?} in {h}"
                );
            }
            SideTab::Points
                if !d.points_list.matches.is_empty() && body.height >= 2 && body.width >= 8 =>
            {
                let l = &d.points_list;
                let h = points_list(body).height as usize;
                let sel = l.matches[l.selected_match()];
                let p = d.points.as_ref().unwrap();
                let (rows, skip) = l.rows(p, &d.reader.article, body);
                let shown = rows.iter().skip(skip).take(h).any(|r| r.point == Some(sel));
                prop_assert!(shown, "point {sel} not among the rows shown");
            }
            _ => {}
        }
    }
    Ok(())
}

/// A frame of `a`, as text.
fn frame(a: &App) -> String {
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(a, f)).unwrap();
    format!("{:?}", term.backend().buffer())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TENOR_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(40),
        ..ProptestConfig::default()
    })]

    /// The view only reads: after every step of a random session (keys, mouse, resizes, in
    /// the library and in an article), drawing twice leaves the state as it was and draws the
    /// same frame, and every list's selection is on screen.
    #[test]
    fn drawing_changes_no_state_and_selections_stay_on_screen(
        msgs in proptest::collection::vec(key_strategy(), 1..50),
        w in 0u16..160,
        h in 0u16..50,
        start in 0u8..3,
    ) {
        let mut a = if start == 0 {
            let entries = (0..12)
                .map(|i| tenor::tui::state::LibraryEntry::new(
                    format!("Article {i}"),
                    format!("a{i}.md"),
                    tenor::tui::state::Origin::Bundled(0),
                ))
                .collect();
            let mut a = common::library_app(entries, false);
            update(&mut a, Msg::Resize(w, h));
            a
        } else if start == 1 {
            with_analysis(common::app(w, h))
        } else {
            // Many sections without lists: their sentences are ranked only when shown.
            let md = tenor::generate::article(tenor::generate::GenFormat::Markdown, 30_000, 7);
            let mut a = common::app(w, h);
            a.open_article(tenor::article::parse_str(&md, tenor::article::Format::Markdown, "g"));
            with_analysis(a)
        };
        for m in msgs {
            let _ = update(&mut a, m);
            let before = format!("{a:?}");
            let first = frame(&a);
            // (Compared without printing: a state's dump is long.)
            prop_assert!(before == format!("{a:?}"), "drawing changed the state");
            prop_assert!(first == frame(&a), "two frames of one state differ");
            prop_assert!(before == format!("{a:?}"), "drawing again changed the state");
            selections_on_screen(&a)?;
        }
    }
}
