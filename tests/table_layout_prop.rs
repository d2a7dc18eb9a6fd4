//! Table layout over random tables and widths: never wider than the width, every cell's text
//! shown, ranges inside the table and in text order.

use proptest::prelude::*;
use tenor::article::{Align, BlockKind, CELL_SEPARATOR, Format, parse_str, table_cells};
use tenor::layout::layout_block;
use tenor::layout::table::layout_table;
use tenor::layout::wrap::width;

const WORDS: &[&str] = &[
    "a",
    "of",
    "Licence",
    "required",
    "front-end",
    "notification",
    "semiconductors",
    "https://example.org/a/very/long/path/to/a/page",
    "日本語",
    "東京港の料金表",
    "한국",
    "👍",
    "👨‍👩‍👧",
    "café",
    "60",
    "—",
];

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" "))
}

fn table() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(cell(), 1..6), 1..6).prop_map(|rows| {
        rows.iter()
            .map(|r| r.join(CELL_SEPARATOR))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Checks the layout of `text` (a table block's text at byte `base` of `full`) at `cols`.
fn check(
    full: &str,
    base: usize,
    len: usize,
    header: bool,
    align: &[Align],
    cols: usize,
) -> Result<(), String> {
    let text = &full[base..base + len];
    let lines = layout_table(text, base, header, align, cols);
    let mut shown = vec![false; len];
    let mut at = base;
    for l in &lines {
        let mut drawn = l.prefix.clone();
        for (pad, r) in l.pieces() {
            if r.start < base || r.end > base + len || r.start > r.end {
                return Err(format!(
                    "piece {r:?} outside the table {base}..{}",
                    base + len
                ));
            }
            let s = full
                .get(r.clone())
                .ok_or(format!("{r:?} not on char boundaries"))?;
            drawn.push_str(pad);
            drawn.push_str(s);
            shown[r.start - base..r.end - base].fill(true);
        }
        // A grapheme wider than the whole width is the one thing that cannot fit.
        if width(&drawn) > cols.max(2) {
            return Err(format!("{drawn:?} is wider than {cols}"));
        }
        if l.range.start < at || l.range.end > base + len || l.range.start > l.range.end {
            return Err(format!("line range {:?} out of order or outside", l.range));
        }
        at = l.range.start;
    }
    for row in table_cells(text) {
        for c in row {
            for (i, ch) in text[c.clone()].char_indices() {
                if !ch.is_whitespace() && !shown[c.start + i] {
                    return Err(format!("{ch:?} of cell {:?} not shown", &text[c.clone()]));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn tables_fit_every_width(
        t in table(),
        header in any::<bool>(),
        align in prop::collection::vec(prop::sample::select(&[Align::Left, Align::Center, Align::Right][..]), 0..7),
        cols in 1usize..120,
        pre in 0usize..3,
    ) {
        let full = format!("{}{t}", "x".repeat(pre));
        if let Err(e) = check(&full, pre, t.len(), header, &align, cols) {
            prop_assert!(false, "{e}\ncols {cols}, header {header}, align {align:?}, table:\n{t}");
        }
    }

    #[test]
    fn markdown_tables_lay_out_through_the_article(
        rows in prop::collection::vec(prop::collection::vec(cell(), 3), 1..5),
        cols in 1usize..100,
    ) {
        let mut md = String::from("Intro.\n\n| A | B | C |\n|---|:-:|--:|\n");
        for r in &rows {
            md.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        let a = parse_str(&md, Format::Markdown, "t");
        let i = a.blocks.iter().position(|b| matches!(b.kind, BlockKind::Table { header: true, .. }));
        prop_assert!(i.is_some(), "no table in {md}");
        let i = i.unwrap();
        let r = a.blocks[i].range.clone();
        let align = [Align::Left, Align::Center, Align::Right];
        if let Err(e) = check(&a.text, r.start, r.len(), true, &align, cols) {
            prop_assert!(false, "{e}\ncols {cols}\n{md}");
        }
        prop_assert_eq!(layout_block(&a, i, cols, ""), layout_table(a.block_text(i), r.start, true, &align, cols));
    }
}
