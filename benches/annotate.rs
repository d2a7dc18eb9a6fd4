//! Annotations at scale: 10,000 annotations on a generated 10 MB article.
//! - `open_same_text`: what opening the article adds (where its annotations are, to draw them:
//!   `Store::placements`, the text unchanged); budget 20 ms. `…_full_annotations`: every
//!   annotation loaded whole and anchored (`Store::anchor_article`).
//! - `open_ui_thread`: what the UI thread pays when they arrive (`update` taking in
//!   `Msg::NotesLoaded` of 10,000); `open_job_total`: the background job the reader runs, up
//!   to its answer (fingerprint, find the article, load and anchor every annotation, in
//!   reading order); the stages are timed once and printed.
//! - `frame_160x50` / `frame_160x50_10k_annotations`: one frame of the reader without and
//!   with them (budget: nothing measurable, ≤ 2 ms).
//! - `reanchor_after_edit`: anchor all of them in an edited text (diff from the text last seen,
//!   then each target mapped); budget 200 ms.
//!
//! The store's full path after an edit (decompress the old text, anchor, save every moved
//! target, keep the new text) is timed once and printed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::annotate::{Annotation, Motivation, Reanchorer, fingerprint};
use tenor::article::text::sentences;
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};
use tenor::store::Store;
use tenor::tui::input::Keymap;
use tenor::tui::state::App;
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Msg, update};

const N: usize = 10_000;

fn bench(c: &mut Criterion) {
    let md = article(GenFormat::Markdown, 10_000_000, 7);
    let text = parse_str(&md, Format::Markdown, "gen").text;
    let fp = fingerprint(&text);
    let r = Reanchorer::with_fingerprint(&text, fp.clone(), None);
    let sents = sentences(&text);
    let step = (sents.len() / N).max(1);
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let id = store.article_id("file:/bench.md", Some(&fp)).unwrap();
    let list: Vec<Annotation> = sents
        .iter()
        .step_by(step)
        .take(N)
        .map(|s| Annotation::new(&id, r.target(s.clone()), Motivation::Highlighting))
        .collect();
    assert_eq!(list.len(), N, "{} sentences", sents.len());
    store.save_all(&list).unwrap();
    store.remember_text(&id, &text, &fp).unwrap();
    let targets: Vec<_> = list.iter().map(|a| a.target.clone()).collect();

    // The edit: a paragraph added near the top, a word changed in the middle, one removed
    // near the end.
    let mut edited = text.clone();
    let mid = tenor::annotate::floor_char(&edited, edited.len() / 2);
    edited.insert_str(mid, " (amended)");
    let end = tenor::annotate::floor_char(&edited, edited.len() * 9 / 10);
    let next = end + edited[end..].chars().next().map_or(0, char::len_utf8);
    edited.replace_range(end..next, "");
    edited.insert_str(0, "A paragraph written since.\n\n");

    let mut g = c.benchmark_group("annotate_10k_on_10MB");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("open_same_text", |b| {
        b.iter(|| {
            store
                .placements(black_box(&id), black_box(&text))
                .unwrap()
                .len()
        })
    });
    g.bench_function("open_same_text_full_annotations", |b| {
        b.iter(|| {
            store
                .anchor_article(black_box(&id), black_box(&text))
                .unwrap()
                .len()
        })
    });
    g.bench_function("open_job_total", |b| {
        b.iter(|| {
            // As `runtime::notes::spawn_load` does it, up to its answer (the article's name
            // is recorded after it).
            let fp = fingerprint(black_box(&text));
            let found = store.find_article("file:/bench.md", Some(&fp)).unwrap();
            let id = found.unwrap();
            let mut list = store.anchor_article_with(&id, &text, &fp).unwrap();
            list.sort_by_key(|(_, at)| at.reading_order());
            list.len()
        })
    });
    // The reader with the article open, and the job's answer.
    let mut app = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    app.open_article(parse_str(&md, Format::Markdown, "gen"));
    update(&mut app, Msg::Resize(160, 50));
    let article = app.doc().unwrap().article().clone();
    assert_eq!(article.text, text);
    let anchored = store.anchor_article(&id, &text).unwrap();
    let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
    g.bench_function("frame_160x50", |b| {
        b.iter(|| {
            term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                .unwrap();
        })
    });
    // As the job sends them: in reading order.
    let mut anchored = anchored;
    anchored.sort_by_key(|(_, at)| at.reading_order());
    g.bench_function("open_ui_thread", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                // A freshly opened article has none yet (dropping the last ones is not timed).
                app.doc_mut().unwrap().notes = Default::default();
                let list = anchored.clone();
                let t = Instant::now();
                black_box(update(
                    &mut app,
                    Msg::NotesLoaded {
                        article: article.clone(),
                        id: Some(id.clone()),
                        list,
                        warning: None,
                    },
                ));
                spent += t.elapsed();
            }
            spent
        })
    });
    assert_eq!(app.doc().unwrap().notes.placed().len(), N);
    // The view in the middle of the article, among highlights.
    app.reader_mut().unwrap().jump_to(article.blocks.len() / 2);
    update(&mut app, Msg::Resize(160, 50));
    g.bench_function("frame_160x50_10k_annotations", |b| {
        b.iter(|| {
            term.draw(|f| tenor::tui::view::draw(black_box(&app), f))
                .unwrap();
        })
    });
    g.bench_function("reanchor_after_edit", |b| {
        b.iter(|| {
            let r = Reanchorer::new(black_box(&edited), Some(&text));
            targets
                .iter()
                .filter(|t| r.anchor(t).range.is_some())
                .count()
        })
    });
    g.finish();

    // Where the job's time goes (one run each, after the benches warmed the caches).
    let t = Instant::now();
    let fp2 = fingerprint(&text);
    let t_fp = t.elapsed();
    let t = Instant::now();
    store.find_article("file:/bench.md", Some(&fp2)).unwrap();
    let t_find = t.elapsed();
    let t = Instant::now();
    store.article_id("file:/bench.md", Some(&fp2)).unwrap();
    let t_id = t.elapsed();
    let t = Instant::now();
    let rows = store.annotations(&id).unwrap();
    let t_rows = t.elapsed();
    let t = Instant::now();
    let r = Reanchorer::with_fingerprint(&text, fp2, None);
    let t_index = t.elapsed();
    let t = Instant::now();
    let n = rows
        .iter()
        .filter(|a| r.anchor(&a.target).range.is_some())
        .count();
    let t_anchor = t.elapsed();
    println!(
        "open job stages: fingerprint {t_fp:.1?}, find the article {t_find:.1?}, \
         (after the answer: record its name {t_id:.1?}), \
         read {} rows {t_rows:.1?}, offsets index {t_index:.1?}, anchor {n} {t_anchor:.1?}",
        rows.len()
    );

    let r = Reanchorer::new(&edited, Some(&text));
    let placed = targets
        .iter()
        .filter(|t| r.anchor(t).range.is_some())
        .count();
    let t = Instant::now();
    let out = store.anchor_article(&id, &edited).unwrap();
    println!(
        "store path after the edit (decompress, anchor, save moved targets, keep text): {:.1?}; \
         {placed}/{N} placed by the pure path, {} by the store",
        t.elapsed(),
        out.iter().filter(|(_, a)| a.range.is_some()).count()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
