//! Reader cost at scale: one frame at 160×50 for a 10 KB and a 10 MB article (warm, and after a
//! page of scrolling, which lays out new blocks), and `G`, `zM`, `zR` on the 10 MB article. The
//! side panel shows the key points, as in the app; `G_fresh_points` is the first `G` after the
//! points arrive (their extracted sentences are ranked as they are shown). `tone_tab_160x50`:
//! the same with the Tone tab shown. `hyperlinks_160x50`: link-dense text with OSC 8 off and on.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};
use tenor::tui::input::Action;
use tenor::tui::input::Keymap;
use tenor::tui::state::App;
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Msg, perform, update};

fn app_for(bytes: usize) -> App {
    let text = article(GenFormat::Markdown, bytes, 7);
    let mut app = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    app.open_article(parse_str(&text, Format::Markdown, "gen"));
    update(&mut app, Msg::Resize(160, 50));
    set_fresh_points(&mut app);
    app
}

/// Key points just extracted (nothing ranked yet), as when they arrive from the background.
fn set_fresh_points(app: &mut App) {
    let article = app.reader().expect("an article").article.clone();
    app.set_points(&article, tenor::analysis::points::extract(&article));
}

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame_160x50");
    g.sample_size(30).measurement_time(Duration::from_secs(4));
    for (label, bytes) in [("10KB", 10_000), ("10MB", 10_000_000)] {
        let mut app = app_for(bytes);
        // Somewhere in the middle.
        perform(&mut app, Action::PageDown, 20);
        let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
        g.bench_function(format!("draw_{label}"), |b| {
            b.iter(|| {
                term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                    .unwrap()
                    .area
                    .width
            })
        });
        g.bench_function(format!("page_down_and_draw_{label}"), |b| {
            b.iter(|| {
                perform(&mut app, Action::PageDown, 1);
                if app.reader().is_some_and(|r| r.at_bottom()) {
                    perform(&mut app, Action::Top, 1);
                }
                term.draw(|f| tenor::tui::view::draw(&app, f))
                    .unwrap()
                    .area
                    .width
            })
        });
    }
    g.finish();
}

fn big_moves(c: &mut Criterion) {
    let mut app = app_for(10_000_000);
    let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
    let mut g = c.benchmark_group("moves_10MB");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    g.bench_function("G_then_g", |b| {
        b.iter(|| {
            perform(&mut app, Action::Bottom, 1);
            term.draw(|f| tenor::tui::view::draw(&app, f)).unwrap();
            perform(&mut app, Action::Top, 1);
        })
    });
    g.bench_function("G_fresh_points", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                perform(&mut app, Action::Top, 1);
                set_fresh_points(&mut app);
                let t = std::time::Instant::now();
                perform(&mut app, Action::Bottom, 1);
                term.draw(|f| tenor::tui::view::draw(&app, f)).unwrap();
                total += t.elapsed();
            }
            total
        })
    });
    g.bench_function("zM_and_draw", |b| {
        b.iter(|| {
            perform(&mut app, Action::CloseAllFolds, 1);
            term.draw(|f| tenor::tui::view::draw(&app, f)).unwrap();
        })
    });
    g.bench_function("zR_and_draw", |b| {
        b.iter(|| {
            perform(&mut app, Action::OpenAllFolds, 1);
            term.draw(|f| tenor::tui::view::draw(&app, f)).unwrap();
        })
    });
    g.finish();
}

/// The Tone tab at 160×50 on the 10 MB article (its chart bucketed to 600 rows): a frame, and a
/// step down the chart (which explains the newly selected row: its words and rules) and a frame.
fn tone_tab(c: &mut Criterion) {
    let mut g = c.benchmark_group("tone_tab_160x50");
    g.sample_size(30).measurement_time(Duration::from_secs(4));
    let mut app = app_for(10_000_000);
    let article = app.reader().expect("an article").article.clone();
    app.set_tone(&article, tenor::analysis::tone::timeline(&article));
    perform(&mut app, Action::NextSideTab, 1);
    perform(&mut app, Action::FocusNext, 1);
    assert_eq!(app.focus, tenor::tui::state::Focus::Side);
    let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
    g.bench_function("draw_10MB", |b| {
        b.iter(|| {
            term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                .unwrap()
                .area
                .width
        })
    });
    g.bench_function("down_and_draw_10MB", |b| {
        b.iter(|| {
            perform(&mut app, Action::Down, 1);
            term.draw(|f| tenor::tui::view::draw(&app, f))
                .unwrap()
                .area
                .width
        })
    });
    g.finish();
}

/// One frame at 160×50 with 10,000 annotations in a 2 MB article (a note on every other one),
/// the reader in the middle, the side panel on the Notes tab; then the same with every section
/// folded (each summary counts its notes).
fn annotated(c: &mut Criterion) {
    use tenor::annotate::anchor::Anchored;
    use tenor::annotate::{Annotation, Color, Motivation, Status, Target, floor_char};
    let mut app = app_for(2_000_000);
    let article = app.reader().unwrap().article.clone();
    let text = &article.text;
    let n = 10_000;
    let step = text.len() / n;
    let list = (0..n)
        .map(|i| {
            let s = floor_char(text, i * step);
            let e = floor_char(text, (s + 60).min(text.len()));
            let mut a = Annotation::new("bench", Target::default(), Motivation::Highlighting);
            a.color = Color::ALL[i % Color::ALL.len()];
            if i % 2 == 0 {
                a.note = format!("note {i}");
            }
            let at = Anchored {
                status: Status::Anchored,
                range: Some(s..e),
                candidate: None,
            };
            (a, at)
        })
        .collect();
    update(
        &mut app,
        Msg::NotesLoaded {
            article,
            id: Some("bench".into()),
            list,
            warning: None,
        },
    );
    app.side_tab = tenor::tui::state::SideTab::Notes;
    perform(&mut app, Action::PageDown, 200);
    let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
    let mut g = c.benchmark_group("frame_160x50_10k_annotations");
    g.sample_size(30).measurement_time(Duration::from_secs(4));
    g.bench_function("draw", |b| {
        b.iter(|| {
            term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                .unwrap()
                .area
                .width
        })
    });
    perform(&mut app, Action::CloseAllFolds, 1);
    g.bench_function("draw_all_folded", |b| {
        b.iter(|| {
            term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                .unwrap()
                .area
                .width
        })
    });
    g.finish();
}

/// A frame of link-dense text (ten web links a paragraph) with OSC 8 hyperlinks off and on.
fn hyperlinks(c: &mut Criterion) {
    let mut text = String::from("# Links\n\n");
    for p in 0..2000 {
        for l in 0..10 {
            text.push_str(&format!(
                "See [source {p}.{l}](https://example.org/{p}/{l}?q=a%20b) "
            ));
        }
        text.push_str("\n\n");
    }
    let mut g = c.benchmark_group("hyperlinks_160x50");
    g.sample_size(30).measurement_time(Duration::from_secs(3));
    for on in [false, true] {
        let mut app = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        app.open_article(parse_str(&text, Format::Markdown, "links"));
        update(&mut app, Msg::Resize(160, 50));
        perform(&mut app, Action::PageDown, 20);
        app.hyperlinks = on;
        let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
        g.bench_function(if on { "draw_on" } else { "draw_off" }, |b| {
            b.iter(|| {
                term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                    .unwrap()
                    .area
                    .width
            })
        });
    }
    g.finish();
}

criterion_group!(benches, frames, big_moves, tone_tab, annotated, hyperlinks);
criterion_main!(benches);
