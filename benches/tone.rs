//! Tone timeline of a generated ~10 MB policy-style Markdown article.
//!
//! `cargo bench --bench tone`. The article (from `tenor::generate`: tone drifting between warm and
//! hostile stretches, quoted evaluative words, lists) is generated and parsed once,
//! outside the timed loop; the loop times `tone::timeline` (sentence splitting, scoring of every
//! sentence with the calibrated model, paragraph/section scores, smoothing, turning points,
//! markers). Target: ≤ 200 ms. `model_load` times parsing the calibrated model's weights
//! (`assets/lexicon/tone_model.tsv`) and `lexicon_load` parsing VADER's lexicon with the
//! diplomatic layer, what the first scored sentence pays once. Target: ≤ 5 ms.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tenor::analysis::tone;
use tenor::article::{Format, parse_str};

fn bench_tone(c: &mut Criterion) {
    let src = tenor::generate::article(tenor::generate::GenFormat::Markdown, 10 * 1024 * 1024, 5);
    let article = parse_str(&src, Format::Markdown, "bench");
    let tl = tone::timeline(&article);
    assert!(tl.sentences.len() > 50_000 && !tl.markers.is_empty());
    let mut g = c.benchmark_group("tone");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    g.bench_function("timeline_10mb", |b| {
        b.iter(|| black_box(tone::timeline(black_box(&article))))
    });
    g.bench_function("timeline_10mb_uncalibrated", |b| {
        let scorer = tone::Scorer::diplomatic();
        b.iter(|| black_box(tone::timeline_with(black_box(&article), &scorer)))
    });
    g.bench_function("model_load", |b| {
        b.iter(|| {
            black_box(tone::model::Model::parse(black_box(
                tone::model::MODEL_ASSET,
            )))
        })
    });
    g.bench_function("lexicon_load", |b| {
        b.iter(|| {
            let mut lex = tone::lexicon::Lexicon::parse(black_box(tone::lexicon::VADER_LEXICON));
            lex.extend_from(black_box(tone::lexicon::DIPLOMATIC_LEXICON));
            black_box(lex)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_tone);
criterion_main!(benches);
