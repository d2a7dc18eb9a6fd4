//! The note editor's cost per keystroke: one key typed and the frame drawn at 160×50, with a
//! short note, a long note of many lines (60 KB), and one line of 60 KB (the worst case for
//! wrapping, which is redone on every frame).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::article::{Format, parse_str};
use tenor::tui::input::{Key, KeyCode, Keymap};
use tenor::tui::state::{App, ArticleKey, Overlay};
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Msg, update};

const DOC: &str = "# Bench\n\nA sentence to annotate. Another one after it.\n";

/// An app with the editor open on a new note holding `note`, the cursor at its end.
fn editing(note: &str) -> App {
    let mut app = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    app.open_article(parse_str(DOC, Format::Markdown, "bench"));
    app.doc.as_mut().unwrap().key = Some(ArticleKey::Bundled("bench".into()));
    update(&mut app, Msg::Resize(160, 50));
    for c in "jva".chars() {
        update(&mut app, Msg::Key(Key::char(c)));
    }
    assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
    update(&mut app, Msg::Paste(note.to_string()));
    match &app.overlay {
        Some(Overlay::Editor(e)) => assert_eq!(e.text.text().len(), note.len()),
        _ => panic!("the editor closed"),
    }
    app
}

fn keystrokes(c: &mut Criterion) {
    let mut g = c.benchmark_group("editor_key_and_frame_160x50");
    g.sample_size(30).measurement_time(Duration::from_secs(3));
    let line = "The quick survey of the north span found two loose bolts and a cracked plank. ";
    let notes = [
        ("short", "A short note\non two lines".to_string()),
        (
            "60KB_lines",
            format!("{line}\n").repeat(60_000 / (line.len() + 1)),
        ),
        ("60KB_one_line", line.repeat(60_000 / line.len())),
    ];
    for (label, note) in notes {
        let mut app = editing(&note);
        let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
        let mut n = 0usize;
        g.bench_function(label, |b| {
            b.iter(|| {
                // Type a letter, then take it back, so the note keeps its size.
                n += 1;
                let k = if n.is_multiple_of(2) {
                    Key::new(KeyCode::Backspace)
                } else {
                    Key::char('x')
                };
                update(&mut app, Msg::Key(k));
                term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                    .unwrap()
                    .area
                    .width
            })
        });
    }
    g.finish();
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
