//! HTML ingestion speed: Tenor's HTML ingestion (html5ever parse, metadata, main-content choice,
//! walk, article model) of a generated 10 MB page against a bare html5ever parse of it into
//! `dom_query`'s tree (the budget is 3×). `TENOR_BENCH_HTML` names a page to use instead.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tenor::article::html::{Extraction, parse_with};

fn page() -> String {
    if let Ok(p) = std::env::var("TENOR_BENCH_HTML") {
        return std::fs::read_to_string(p).expect("TENOR_BENCH_HTML is readable UTF-8");
    }
    let para = "<p>The delegation described the <em>tariff</em> talks as “warm”, while the \
                framework stalled over the <a href=\"/q\">quota</a> question &amp; more.</p>\n";
    let mut s = String::from(
        "<!doctype html><html lang=en><head><title>Generated brief | Ledger</title></head>\
         <body><nav><a href=/>Home</a></nav><article><h1>Generated brief</h1>\n",
    );
    let mut k = 0;
    while s.len() < 10_000_000 {
        k += 1;
        if k % 20 == 0 {
            s.push_str(&format!(
                "<h2>Section {k}</h2>\n<ul><li>One</li><li>Two</li></ul>\n"
            ));
        }
        s.push_str(para);
    }
    s.push_str("</article><footer>© Ledger</footer></body></html>");
    s
}

fn ingest(c: &mut Criterion) {
    let html = page();
    let mut g = c.benchmark_group("html_10MB");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("html5ever_bare", |b| {
        b.iter(|| dom_query::Document::from(black_box(html.as_str())))
    });
    g.bench_function("tenor_html_main", |b| {
        b.iter(|| parse_with(black_box(&html), "gen", Extraction::Main))
    });
    g.bench_function("tenor_html_full", |b| {
        b.iter(|| parse_with(black_box(&html), "gen", Extraction::Full))
    });
    g.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
