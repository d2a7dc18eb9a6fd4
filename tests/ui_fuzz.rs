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
