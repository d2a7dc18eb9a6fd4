//! HTML inline tags at scale: many unmatched end tags over many open ones took quadratic time
//! in the hand-written tokenizer (1 MB: 38 s). Through html5ever (and the nesting cap) it is
//! linear; time is not asserted here (tests/html_prop.rs checks linearity by work), only that
//! it finishes and reads right.

use tenor::article::{Format, parse_str};

#[test]
fn unmatched_end_tags_over_open_ones_are_read() {
    let src = format!(
        "<p>{}{}</p>",
        "<i>a ".repeat(60_000),
        "</b>a ".repeat(60_000)
    );
    let a = parse_str(&src, Format::Html, "t");
    assert!(a.text.starts_with("a a"));
}
