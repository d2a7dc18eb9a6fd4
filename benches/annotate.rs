//! Annotations at scale: 10,000 annotations on a generated 10 MB article.
//! - `open_same_text`: what opening the article adds (where its annotations are, to draw them:
//!   `Store::placements`, the text unchanged); budget 20 ms. `…_full_annotations`: every
//!   annotation loaded whole and anchored (`Store::anchor_article`).
//! - `reanchor_after_edit`: anchor all of them in an edited text (diff from the text last seen,
//!   then each target mapped); budget 200 ms.
//!
//! The store's full path after an edit (decompress the old text, anchor, save every moved
//! target, keep the new text) is timed once and printed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use tenor::annotate::{Annotation, Motivation, Reanchorer, fingerprint};
use tenor::article::text::sentences;
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};
use tenor::store::Store;

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
