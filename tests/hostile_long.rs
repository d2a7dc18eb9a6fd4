//! The whole pipeline on generated hostile inputs: ingest (every format, through bytes),
//! points, tone, render and layout at random widths. No panic, no unsafe character out, and
//! time per input within a bound.
//!
//! The long run (100,000 inputs) is kept out of the default `cargo test`:
//! `cargo test --release --test hostile_long -- --ignored` (`TENOR_HOSTILE_CASES=N` to change
//! the count). A short run of the same generator runs by default.

use std::time::{Duration, Instant};

use tenor::analysis::{points, tone};
use tenor::article::text::is_unsafe_char;
use tenor::article::{Source, parse_bytes};
use tenor::layout::doc::layout_block;
use tenor::layout::render::render;

/// Pieces that upset parsers: delimiters, brackets, tags, entities, line endings, controls,
/// bidi overrides, invalid UTF-8, and words the analyses score.
const PIECES: &[&[u8]] = &[
    b"*",
    b"_",
    b"**",
    b"__",
    b"~~",
    b"[",
    b"]",
    b"](",
    b")",
    b"![",
    b"`",
    b"``",
    b"[^1]",
    b"[^1]: ",
    b"<b>",
    b"</b>",
    b"<i>",
    b"</i>",
    b"<a href=\"x\">",
    b"</a>",
    b"<p>",
    b"</p>",
    b"<pre>",
    b"</pre>",
    b"<table><tr><td>",
    b"</td><td>",
    b"</table>",
    b"<ul><li>",
    b"<br>",
    b"<!--",
    b"-->",
    b"<script>",
    b"</script>",
    b"&amp;",
    b"&#0;",
    b"&#x202e;",
    b"&",
    b"<",
    b">",
    b"\r\n",
    b"\r",
    b"\n",
    b"\n\n",
    b"# ",
    b"## ",
    b"###### ",
    b"- ",
    b"* ",
    b"1. ",
    b"> ",
    b"| a | b |\n|---|---|\n",
    b"|",
    b"---\n",
    b"+++\n",
    b"```\n",
    b"~~~",
    b"    ",
    b"\t",
    b"word ",
    b"Sentence one. ",
    b"Mr. Smith said ",
    b"great ",
    b"terrible ",
    b"not bad ",
    b"\"quoted\" ",
    b"Lead-in:\n",
    b"Label: text\n",
    b"\x1b[31m",
    b"\x1b]0;t\x07",
    b"\x07",
    b"\x08",
    b"\x7f",
    b"\xc2\x85",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xe2\x81\xa6",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\xc3\xa9",
    "日本語の文。".as_bytes(),
    b"\xcc\x81",
    b"e\xcc\x81",
    "🇯🇵".as_bytes(),
    b"title: x\n",
    b"http://example.org/a_b*c ",
];

const NAMES: &[&str] = &["a.md", "a.txt", "a.html", "a", "-"];

/// xorshift64*: deterministic, so a failure names a seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One hostile input: pieces, some repeated into long runs (the shapes that made parsing
/// quadratic), sometimes a few kilobytes of one piece.
fn input(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    let parts = 1 + rng.below(60);
    for _ in 0..parts {
        let piece = PIECES[rng.below(PIECES.len())];
        let times = match rng.below(10) {
            0 => 1 + rng.below(2000),
            1..=2 => 1 + rng.below(40),
            _ => 1,
        };
        for _ in 0..times {
            out.extend_from_slice(piece);
        }
    }
    out
}

fn check(seed: u64) -> Result<Duration, String> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let bytes = input(&mut rng);
    let name = NAMES[rng.below(NAMES.len())];
    let start = Instant::now();
    let Ok(a) = parse_bytes(&bytes, &Source::named(name)) else {
        return Ok(start.elapsed()); // refused as binary: fine
    };
    if let Some(c) = a.text.chars().find(|&c| is_unsafe_char(c)) {
        return Err(format!("unsafe {c:?} in the article text"));
    }
    let p = points::extract(&a);
    p.rank_all(&a);
    for pt in p.iter(&a) {
        let _ = (pt.text(&a), pt.label(&a));
    }
    let _ = tone::tone_json(&a);
    let _ = tone::tone_text(&a);
    for _ in 0..2 {
        let cols = 1 + rng.below(200);
        let out = render(&a, cols);
        if let Some(c) = out.chars().find(|&c| is_unsafe_char(c)) {
            return Err(format!("unsafe {c:?} in render at {cols} columns"));
        }
        for i in 0..a.blocks.len() {
            let _ = layout_block(&a, i, cols, "▸ ");
        }
    }
    Ok(start.elapsed())
}

fn run(cases: u64) {
    let mut slowest = (Duration::ZERO, 0);
    for seed in 0..cases {
        match std::panic::catch_unwind(|| check(seed)) {
            Ok(Ok(t)) => slowest = slowest.max((t, seed)),
            Ok(Err(e)) => panic!("seed {seed}: {e}"),
            Err(_) => panic!("seed {seed}: panicked"),
        }
    }
    eprintln!(
        "{cases} hostile inputs: no failure; slowest {:?} (seed {})",
        slowest.0, slowest.1
    );
}

#[test]
fn fifty_hostile_inputs() {
    run(50);
}

#[test]
#[ignore = "long: 100,000 inputs; run with --release --ignored"]
fn a_hundred_thousand_hostile_inputs() {
    let cases = std::env::var("TENOR_HOSTILE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    run(cases);
}
