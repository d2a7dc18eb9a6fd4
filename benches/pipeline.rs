//! Ingestion speed: Tenor's Markdown and plain-text ingestion of generated 1 MB and 10 MB
//! articles, against a bare pulldown-cmark parse of the same Markdown (the budget is 3×).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pulldown_cmark::{Options, Parser};
use tenor::article::text::sentences;
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};

fn bare_pulldown(text: &str) -> usize {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    Parser::new_ext(text, opts).count()
}

fn ingest(c: &mut Criterion) {
    for (label, bytes) in [("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let md = article(GenFormat::Markdown, bytes, 1);
        let txt = article(GenFormat::Plain, bytes, 1);
        let mut g = c.benchmark_group(format!("ingest_{label}"));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if bytes > 2_000_000 { 12 } else { 4 }));
        g.bench_function("pulldown_cmark_bare", |b| {
            b.iter(|| bare_pulldown(black_box(&md)))
        });
        g.bench_function("tenor_markdown", |b| {
            b.iter(|| parse_str(black_box(&md), Format::Markdown, "gen"))
        });
        g.bench_function("tenor_plain", |b| {
            b.iter(|| parse_str(black_box(&txt), Format::Plain, "gen"))
        });
        g.finish();
    }
}

/// The sentence splitter over the text of a generated 10 MB Markdown article.
fn split_sentences(c: &mut Criterion) {
    let md = article(GenFormat::Markdown, 10_000_000, 1);
    let text = parse_str(&md, Format::Markdown, "gen").text;
    let mut g = c.benchmark_group("text");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("sentences_10MB", |b| {
        b.iter(|| sentences(black_box(&text)).len())
    });
    g.finish();
}

criterion_group!(benches, ingest, split_sentences);
criterion_main!(benches);
