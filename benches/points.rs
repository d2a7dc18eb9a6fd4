//! Key-point extraction on a generated ~10 MB Markdown article (`tenor::generate`, the same
//! article as the ingestion bench), against ingestion of the same article:
//! `cargo bench --bench points`. Target: extraction under 10% of ingestion.
//!
//! `extract` is what opening an article costs: every bullet, and the number of sentences to
//! extract from each section without lists. Those sentences are ranked on demand, a section at
//! a time; `extract_all` ranks every section too (what `tenor points` and the Points filter
//! do), and `rank_one_section` is the cost of one section on demand.
//!
//! A second, heavier article (its own generator below) has one section in three without a
//! list and about three times as long, so most of its text goes through sentence ranking.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use tenor::analysis::points;
use tenor::article::{self, Article, Source};
use tenor::generate::{GenFormat, Rng, article as generated};

const TARGET_BYTES: usize = 10_000_000;

const SUBJECTS: &[&str] = &[
    "The ministry",
    "Negotiators",
    "Port authorities",
    "The trade council",
    "Exporters",
    "Regional governments",
    "The central bank",
    "Shipping lines",
];
const VERBS: &[&str] = &[
    "reviewed",
    "questioned",
    "extended",
    "postponed",
    "welcomed",
    "must reconsider",
    "should publish",
    "rejected",
];
const OBJECTS: &[&str] = &[
    "the tariff schedule",
    "rules of origin for machine parts",
    "quotas on processed food",
    "the export credit programme",
    "customs automation at the largest terminals",
    "a joint panel on fisheries",
    "subsidies for short-sea vessels",
    "the digital trade chapter",
];
const TAILS: &[&str] = &[
    "after a week of talks",
    "despite objections from importers",
    "ahead of the ministerial meeting",
    "in a briefing on Monday",
    "without giving a date",
    "for the third time this year",
];

fn sentence(r: &mut Rng, out: &mut String) {
    out.push_str(r.pick(SUBJECTS));
    out.push(' ');
    out.push_str(r.pick(VERBS));
    out.push(' ');
    out.push_str(r.pick(OBJECTS));
    out.push(' ');
    out.push_str(r.pick(TAILS));
    out.push_str(". ");
}

fn paragraph(r: &mut Rng, out: &mut String, sentences: usize) {
    for _ in 0..sentences {
        sentence(r, out);
    }
    out.push_str("\n\n");
}

/// How the generated article is shaped.
#[derive(Clone, Copy)]
struct Shape {
    /// Every n-th section has no list (its key points are extracted).
    no_list_every: usize,
    /// Extra paragraphs in sections without lists.
    extra_paragraphs: (usize, usize),
}

/// A stress case: one section in three has no list and is about three times as long, so
/// most of the text goes through sentence ranking.
const HEAVY: Shape = Shape {
    no_list_every: 3,
    extra_paragraphs: (3, 8),
};

/// Sections of paragraphs; most have a bullet list with a lead-in (some items `Label: text`,
/// some nested, some numbered lists), the others no list at all.
fn generate(target: usize, shape: Shape) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut md = String::with_capacity(target + 4096);
    md.push_str("# Regional Trade Review\n\n");
    let mut n = 0;
    while md.len() < target {
        n += 1;
        let level = if n % 5 == 0 { "###" } else { "##" };
        md.push_str(&format!("{level} Section {n}: {}\n\n", r.pick(OBJECTS)));
        for _ in 0..r.range(2, 5) {
            let k = r.range(3, 8);
            paragraph(&mut r, &mut md, k);
        }
        if n % shape.no_list_every == 0 {
            // No list: key points are extracted from the paragraphs.
            let (lo, hi) = shape.extra_paragraphs;
            for _ in 0..r.range(lo, hi) {
                let k = r.range(4, 10);
                paragraph(&mut r, &mut md, k);
            }
            continue;
        }
        md.push_str("The main measures under review include:\n\n");
        let numbered = n % 4 == 1;
        for i in 1..=r.range(3, 7) {
            let marker = if numbered {
                format!("{i}.")
            } else {
                "-".to_string()
            };
            if i % 2 == 0 {
                md.push_str(&format!("{marker} Label {i}: "));
            } else {
                md.push_str(&format!("{marker} "));
            }
            md.push_str(r.pick(OBJECTS));
            md.push(' ');
            md.push_str(r.pick(TAILS));
            md.push('\n');
            if i == 3 {
                md.push_str(&format!("    - Detail on {}\n", r.pick(OBJECTS)));
            }
        }
        md.push('\n');
        let k = r.range(2, 4);
        paragraph(&mut r, &mut md, k);
    }
    md
}

fn ingest(md: &str) -> Article {
    article::parse_bytes(md.as_bytes(), &Source::named("bench.md")).expect("parses")
}

/// Median wall time of `runs` calls.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn describe(name: &str, md: &str, a: &Article, p: &points::Points) {
    let extracted = p
        .groups
        .iter()
        .filter(|g| g.kind == points::PointKind::Extracted)
        .count();
    eprintln!(
        "{name}: {:.1} MB, {} blocks, {} sections, {} lists → {} points in {} groups \
         ({extracted} extracted)",
        md.len() as f64 / 1e6,
        a.blocks.len(),
        a.sections.len(),
        a.lists.len(),
        p.len(),
        p.groups.len()
    );
}

/// Median extraction and ingestion times, and their ratio.
fn ratio(name: &str, md: &str, a: &Article) {
    let extract = median(7, || {
        black_box(points::extract(black_box(a)));
    });
    let all = median(7, || {
        black_box(points::extract_all(black_box(a)));
    });
    let parse = median(7, || {
        black_box(ingest(black_box(md)));
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / parse.as_secs_f64();
    eprintln!(
        "{name}: ingest {:.1} ms; extract {:.2} ms = {:.1}% of ingestion (target < 10%); \
         extract and rank every section {:.1} ms = {:.1}%",
        ms(parse),
        ms(extract),
        pct(extract),
        ms(all),
        pct(all)
    );
}

fn main() {
    let md = generated(GenFormat::Markdown, TARGET_BYTES, 1);
    let a = ingest(&md);
    describe("typical", &md, &a, &points::extract(&a));
    let heavy_md = generate(TARGET_BYTES, HEAVY);
    let heavy = ingest(&heavy_md);
    describe("heavy", &heavy_md, &heavy, &points::extract(&heavy));

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut g = c.benchmark_group("points");
    g.bench_function("extract_10mb", |b| {
        b.iter(|| black_box(points::extract(black_box(&a))))
    });
    g.bench_function("ingest_10mb", |b| {
        b.iter(|| black_box(ingest(black_box(&md))))
    });
    g.bench_function("extract_all_10mb", |b| {
        b.iter(|| black_box(points::extract_all(black_box(&a))))
    });
    // One section on demand: the first extracted group of a fresh extraction.
    let first_extracted = points::extract(&a)
        .groups
        .iter()
        .position(|g| g.kind == points::PointKind::Extracted)
        .expect("the article has sections without lists");
    g.bench_function("rank_one_section", |b| {
        b.iter_batched(
            || points::extract(&a),
            |p| black_box(p.group_points(&a, first_extracted).len()),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("extract_10mb_heavy", |b| {
        b.iter(|| black_box(points::extract(black_box(&heavy))))
    });
    g.bench_function("extract_all_10mb_heavy", |b| {
        b.iter(|| black_box(points::extract_all(black_box(&heavy))))
    });
    g.finish();
    c.final_summary();

    ratio("typical", &md, &a);
    ratio("heavy", &heavy_md, &heavy);
}
