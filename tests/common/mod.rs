//! Helpers shared by the view and update tests: an app on the fixture article, keys typed.

#![allow(dead_code)]

use tenor::article::{Format, parse_str};
use tenor::tui::input::{Key, KeyCode, Keymap};
use tenor::tui::state::{App, LibraryEntry};
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Effect, Msg, update};

pub const BRIEF: &str = include_str!("../fixtures/reader/harbor-talks.md");

/// An app reading the fixture brief in a `w`×`h` terminal.
pub fn app(w: u16, h: u16) -> App {
    let mut app = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    app.open_article(parse_str(BRIEF, Format::Markdown, "harbor-talks"));
    update(&mut app, Msg::Resize(w, h));
    app
}

/// Type `s`: `\n` is Enter, `\x1b` Esc, `\t` Tab; returns the effects.
pub fn press(app: &mut App, s: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in s.chars() {
        let k = match c {
            '\n' => Key::new(KeyCode::Enter),
            '\x1b' => Key::new(KeyCode::Esc),
            '\t' => Key::new(KeyCode::Tab),
            c => Key::char(c),
        };
        effects.extend(update(app, Msg::Key(k)));
    }
    effects
}

/// Press F1, which opens help everywhere (`?` opens it outside the reader).
pub fn open_help(app: &mut App) -> Vec<Effect> {
    update(app, Msg::Key(Key::new(KeyCode::F(1))))
}

/// An app showing a library of `entries` (default keymap, dark theme, colours as asked).
pub fn library_app(entries: Vec<LibraryEntry>, no_color: bool) -> App {
    App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, no_color),
        entries,
    )
}

/// The screen `app` draws, as text: one line per row, trailing spaces trimmed.
pub fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An app reading the Markdown `doc` kept under a bundled key `name` (so annotations can be
/// saved), in a `w`×`h` terminal.
pub fn bundled_app(doc: &str, name: &str, w: u16, h: u16) -> App {
    let mut a = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    a.open_article(parse_str(doc, Format::Markdown, name));
    a.doc.as_mut().unwrap().key = Some(tenor::tui::state::ArticleKey::Bundled(name.into()));
    update(&mut a, Msg::Resize(w, h));
    a
}

/// The screen's text; under each line with highlighted, selected or underlined cells, a line
/// marking them: `S` the selection, a digit the highlight colour (1 yellow … 5 purple), `_`
/// underlined text (a passage proposed for review) when `underline` is asked for.
pub fn marked_screen(app: &App, underline: bool) -> String {
    use ratatui::style::{Color as Tc, Modifier};
    let (w, h) = app.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    let sel = app.theme.selection.bg;
    // The dark theme's highlight backgrounds, in colour order.
    let colours = [58, 22, 18, 89, 54].map(Tc::Indexed);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut marks = String::new();
        for x in 0..w {
            let c = &buf[(x, y)];
            line.push_str(c.symbol());
            let m = if Some(c.bg) == sel {
                'S'
            } else if let Some(i) = colours.iter().position(|k| *k == c.bg) {
                char::from(b'1' + i as u8)
            } else if underline && c.modifier.contains(Modifier::UNDERLINED) {
                '_'
            } else {
                ' '
            };
            marks.push(m);
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if !marks.trim().is_empty() {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}
