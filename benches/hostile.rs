//! Adversarial shapes against an ordinary article of the same size: each shape is one unit
//! repeated into a single paragraph (the inputs that once made ingestion quadratic). Budget:
//! within 10× the ordinary article's time. 1 MB for every shape; 10 MB for the ordinary
//! article and the worst shapes (`cargo bench --bench hostile -- 10MB`; the HTML ones alone:
//! `-- html`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};

/// (name, unit repeated, format).
const SHAPES: &[(&str, &str, Format)] = &[
    ("emphasis", "*a* ", Format::Markdown),
    ("strong", "**a** ", Format::Markdown),
    ("links", "[a](http://x.y/z) ", Format::Markdown),
    ("images", "![i](p.png) ", Format::Markdown),
    ("nested_brackets", "[[[a]]] ", Format::Markdown),
    ("inline_code", "`c` ", Format::Markdown),
    ("md_inline_html", "<b>a</b> ", Format::Markdown),
    ("footnote_refs", "a[^1] ", Format::Markdown),
    ("delimiter_runs", "***___ ", Format::Markdown),
    ("mixed", "*a _b [c ", Format::Markdown),
    // Just under the density at which a paragraph's marks are not interpreted.
    (
        "emphasis_sparse",
        "*a* lorem ipsum dolor sit. ",
        Format::Markdown,
    ),
    ("html_b", "<b>a</b> ", Format::Html),
    (
        "html_inline_mix",
        "<i>a</i> <a href=u>b</a> <code>c</code> ",
        Format::Html,
    ),
    ("html_i", "<i>a</i> ", Format::Html),
    ("html_a", "<a href=#>x</a> ", Format::Html),
    ("html_span", "<span>a</span> ", Format::Html),
    ("html_b_i", "<b><i>a</i></b> ", Format::Html),
    ("html_unclosed_b", "<b>a ", Format::Html),
    ("html_custom", "<x-y>a</x-y> ", Format::Html),
    ("html_br", "a<br>", Format::Html),
    ("html_img", "<img alt=a> ", Format::Html),
    // Just under the density at which a block's inline tags are taken out.
    (
        "html_a_sparse",
        "<a href=#>x</a> lorem ipsum dolor sit amet, co. ",
        Format::Html,
    ),
    // Tiny blocks, one element per 9–13 bytes: a long run of them is read as one block of
    // plain text (once 13× / 19× at 1 / 10 MB, left to html5ever).
    ("html_p", "<p>a</p> ", Format::Html),
    ("html_div", "<div>a</div> ", Format::Html),
    // Just over the size under which a run of blocks is taken for tiny (interpreted).
    (
        "html_p_sparse",
        "<p>lorem ipsum dolor si</p> ",
        Format::Html,
    ),
];

const WORST_AT_10MB: &[&str] = &[
    "emphasis",
    "inline_code",
    "md_inline_html",
    "html_b",
    "emphasis_sparse",
    "html_inline_mix",
    "html_unclosed_b",
    "html_a_sparse",
    "html_p",
    "html_div",
    "html_p_sparse",
];

fn shape(unit: &str, format: Format, bytes: usize) -> String {
    let body = unit.repeat(bytes / unit.len());
    match format {
        Format::Html => format!("<html><body><p>{body}</p></body></html>"),
        _ => body,
    }
}

/// The generated Markdown article as simple HTML: headings and paragraphs.
fn as_html(md: &str) -> String {
    let mut out = String::from("<html><body>\n");
    for block in md.split("\n\n") {
        let hashes = block.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) {
            out += &format!("<h{hashes}>{}</h{hashes}>\n", block[hashes..].trim());
        } else {
            out += &format!("<p>{block}</p>\n");
        }
    }
    out + "</body></html>\n"
}

fn hostile(c: &mut Criterion) {
    for (label, bytes) in [("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let mut g = c.benchmark_group(format!("hostile_{label}"));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if bytes > 2_000_000 { 10 } else { 3 }));
        let md = article(GenFormat::Markdown, bytes, 1);
        g.bench_function("ordinary_markdown", |b| {
            b.iter(|| parse_str(black_box(&md), Format::Markdown, "gen"))
        });
        let html = as_html(&md);
        g.bench_function("ordinary_html", |b| {
            b.iter(|| parse_str(black_box(&html), Format::Html, "gen"))
        });
        for &(name, unit, format) in SHAPES {
            if bytes > 2_000_000 && !WORST_AT_10MB.contains(&name) {
                continue;
            }
            let src = shape(unit, format, bytes);
            g.bench_function(name, |b| {
                b.iter(|| parse_str(black_box(&src), format, "gen"))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, hostile);
criterion_main!(benches);
