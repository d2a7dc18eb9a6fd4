//! Where key-point extraction spends its time on a generated 10 MB article (for `perf`).
use std::time::Instant;

use tenor::analysis::points;
use tenor::article::{Format, parse_str};
use tenor::generate::{GenFormat, article};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let md = article(GenFormat::Markdown, 10_000_000, 1);
    let a = parse_str(&md, Format::Markdown, "gen");
    let p = points::extract(&a);
    let extracted = p
        .groups
        .iter()
        .filter(|g| g.kind == points::PointKind::Extracted)
        .count();
    println!(
        "{} blocks, {} sections, {} points, {} groups ({extracted} extracted)",
        a.blocks.len(),
        a.sections.len(),
        p.len(),
        p.groups.len()
    );
    // `prof_points N extract`: extraction only, for a clean profile.
    let only_extract = std::env::args().nth(2).as_deref() == Some("extract");
    for _ in 0..runs {
        if only_extract {
            std::hint::black_box(points::extract(&a));
            continue;
        }
        let t = Instant::now();
        let p = points::extract(&a);
        let e = t.elapsed();
        let t = Instant::now();
        let b = parse_str(&md, Format::Markdown, "gen");
        let i = t.elapsed();
        println!(
            "extract {e:?} ({} points), ingest {i:?} ({} blocks)",
            p.len(),
            b.blocks.len()
        );
    }
}
