//! Tone timeline of a generated ~10 MB policy-style Markdown article.
//!
//! `cargo bench --bench tone`. The article is generated deterministically and parsed once,
//! outside the timed loop; the loop times `tone::timeline` (sentence splitting, scoring of every
//! sentence, paragraph/section scores, smoothing, turning points, markers). Target: < 300 ms.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tenor::analysis::tone;
use tenor::article::{Format, parse_str};

const SUBJECTS: &[&str] = &[
    "The trade ministers",
    "Officials in Tokyo",
    "The delegation from Washington",
    "Negotiators on both sides",
    "The European Commission",
    "Analysts at the institute",
    "The finance committee",
    "Business leaders",
];
const POSITIVE: &[&str] = &[
    "praised the constructive and cordial talks",
    "welcomed a genuine breakthrough on tariffs",
    "called the partnership fruitful and promising",
    "expressed strong support for the agreement",
    "described the mood as warm and hopeful",
];
const NEGATIVE: &[&str] = &[
    "warned that the talks had stalled again",
    "said relations had soured after the dispute",
    "accused the other side of bad faith and threatened sanctions",
    "called the offer a costly setback that backfired",
    "feared the rift would escalate into open conflict",
];
const NEUTRAL: &[&str] = &[
    "met on Tuesday to review the schedule",
    "published the minutes of the second round",
    "discussed quotas for rice, steel and machinery",
    "will report to parliament in the autumn session",
];
const QUOTED: &[&str] = &[
    "fantastic",
    "spoiled",
    "historic",
    "unacceptable",
    "friendly",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

/// A deterministic Markdown article of at least `bytes` bytes: sections with headings,
/// paragraphs of 3–6 sentences whose tone drifts between positive and negative stretches,
/// quoted evaluative words, bullet lists, and the odd non-ASCII name.
fn generate(bytes: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("# Trade Talks: A Long Record\n\n");
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        out.push_str(&format!("## Round {section}: Tōkyō and Washington\n\n"));
        // Tone drifts by section: mostly positive, then mixed, then mostly negative.
        let mood = section % 3;
        for _ in 0..6 {
            let n = 3 + rng.next() % 4;
            for _ in 0..n {
                let pool = match (mood, rng.next() % 4) {
                    (0, 0..=1) | (1, 0) => POSITIVE,
                    (2, 0..=1) | (1, 1) => NEGATIVE,
                    _ => NEUTRAL,
                };
                out.push_str(rng.pick(SUBJECTS));
                out.push(' ');
                out.push_str(rng.pick(pool));
                if rng.next().is_multiple_of(5) {
                    let word = rng.pick(QUOTED);
                    out.push_str(&format!(", calling it “{word}”"));
                }
                out.push_str(". ");
            }
            out.push_str("\n\n");
        }
        out.push_str("Key points of the round:\n\n");
        for _ in 0..3 {
            out.push_str("- ");
            out.push_str(rng.pick(SUBJECTS));
            out.push(' ');
            let pool = if rng.next().is_multiple_of(2) {
                POSITIVE
            } else {
                NEGATIVE
            };
            out.push_str(rng.pick(pool));
            out.push_str(".\n");
        }
        out.push('\n');
    }
    out
}

fn bench_tone(c: &mut Criterion) {
    let src = generate(10 * 1024 * 1024);
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
    g.finish();
}

criterion_group!(benches, bench_tone);
criterion_main!(benches);
