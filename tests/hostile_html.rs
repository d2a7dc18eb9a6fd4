//! HTML inline tags at scale. Ignored until the HTML tokenizer is replaced (issue 14, web
//! engineer): `html.rs` looks up each end tag in the stack of open inline styles from the top,
//! so many unmatched end tags over many open ones take quadratic time (1 MB: 38 s). Run with
//! `cargo test --release --test hostile_html -- --ignored`.

use std::time::{Duration, Instant};

use tenor::article::{Format, parse_str};

#[test]
#[ignore = "quadratic in src/article/html.rs (open-style stack scan); fixed by the html5ever rework"]
fn unmatched_end_tags_over_open_ones_parse_in_linear_time() {
    let src = format!(
        "<p>{}{}</p>",
        "<i>a ".repeat(60_000),
        "</b>a ".repeat(60_000)
    );
    let start = Instant::now();
    let a = parse_str(&src, Format::Html, "t");
    assert!(a.text.starts_with("a a"));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}
