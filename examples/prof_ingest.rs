//! Stage timings on real files or a generated article: `cargo run --release --example prof_ingest
//! -- [FILE…]` prints the median of 5 runs for decode+parse, key points and tone.

use std::time::{Duration, Instant};

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

fn main() {
    let mut inputs: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .map(|p| (p.clone(), std::fs::read(&p).expect("readable file")))
        .collect();
    if inputs.is_empty() {
        let md = tenor::generate::article(tenor::generate::GenFormat::Markdown, 10_000_000, 1);
        let txt = tenor::generate::article(tenor::generate::GenFormat::Plain, 10_000_000, 1);
        inputs.push(("generated.md".into(), md.into_bytes()));
        inputs.push(("generated.txt".into(), txt.into_bytes()));
    }
    for (name, bytes) in inputs {
        let source = tenor::article::Source::named(&name);
        let article = tenor::article::parse_bytes(&bytes, &source).expect("an article");
        let parse = median(|| {
            std::hint::black_box(tenor::article::parse_bytes(&bytes, &source).unwrap());
        });
        let points = median(|| {
            std::hint::black_box(tenor::analysis::points::extract(&article));
        });
        let tone = median(|| {
            std::hint::black_box(tenor::analysis::tone::timeline(&article));
        });
        println!(
            "{name}: {} bytes, {} blocks · parse {parse:.1?} · points {points:.1?} ({:.0}% of parse) · tone {tone:.1?}",
            bytes.len(),
            article.blocks.len(),
            points.as_secs_f64() * 100.0 / parse.as_secs_f64()
        );
    }
}
