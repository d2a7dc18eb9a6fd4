//! Tables: a grid of columns aligned by display width, text wrapped inside its cell; a list of
//! `label: value` lines when the grid cannot fit.
//!
//! A table's article text keeps one line per row, cells separated by ` │ ` (see
//! [`crate::article::BlockKind::Table`]): search, tone and offsets read the table row by row, as
//! written. A screen row of the grid, though, shows a slice of every cell of a row, with padding
//! that is not article text, so it cannot be one range of the article text. Rather than reorder
//! the article text around one layout (it would then differ with the width), each screen row
//! lists its pieces in [`VisualLine::cells`], every one a range of the article text drawn after
//! its padding: search highlighting works per piece, unchanged. [`VisualLine::range`] spans the
//! row's own pieces, from the first to the last, so "which row holds this offset" still finds it.
//! Header labels that the narrow layout repeats beside each value come from the header row and
//! are not counted in `range`, which stays in text order.
//! A column's alignment (from Markdown's `|:-:|--:|`) only moves padding between a cell's pieces:
//! the pieces, and so every range, are the same whatever the alignment.

use std::ops::Range;

use super::line::{Cell, LineKind, VisualLine};
use super::wrap::{first_word, longest_word, widest_grapheme, width, wrap_hanging};
use crate::article::{Align, CELL_SEPARATOR, table_cells};

/// Drawn before every grid row.
const INDENT: &str = "  ";
/// Narrowest column a grid shrinks a column to (a column narrower by nature stays so).
const MIN_COLUMN: usize = 4;
/// Below this many columns a table that does not fit as it is is shown as `label: value` lines.
const MIN_GRID: usize = 20;
/// Words up to this wide are never broken in a grid: a table whose columns cannot keep them
/// whole is shown as `label: value` lines. Longer ones (links, identifiers) may be broken.
const LONG_WORD: usize = 16;

/// Lay out a table block whose text is `text`, starting at byte `base` of the article text, at
/// `cols` columns. `header`: the first row is the header. `align`: each column's alignment in
/// the grid (left past its end); the `label: value` lines are not aligned.
pub fn layout_table(
    text: &str,
    base: usize,
    header: bool,
    align: &[Align],
    cols: usize,
) -> Vec<VisualLine> {
    let rows: Vec<Vec<Range<usize>>> = table_cells(text)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|r| base + r.start..base + r.end)
                .collect()
        })
        .collect();
    let t = Text { text, base };
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let measure = |f: fn(&str) -> usize| -> Vec<usize> {
        (0..n)
            .map(|k| {
                rows.iter()
                    .filter_map(|row| row.get(k))
                    .map(|c| f(t.get(c)))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    };
    let natural = measure(width);
    let words = measure(longest_word);
    let glyphs = measure(widest_grapheme);
    match column_widths(&natural, &words, &glyphs, cols) {
        Some(w) => grid(&t, &rows, header, align, &w),
        // Indented like a grid when there is room, so it still reads apart from paragraphs.
        None if cols >= MIN_GRID => {
            let mut lines = labelled(&t, &rows, header, cols - INDENT.len());
            for l in &mut lines {
                l.prefix.insert_str(0, INDENT);
            }
            lines
        }
        None => labelled(&t, &rows, header, cols.max(1)),
    }
}

/// The block's text, addressed by article offsets.
struct Text<'a> {
    text: &'a str,
    base: usize,
}

impl Text<'_> {
    fn get(&self, r: &Range<usize>) -> &str {
        &self.text[r.start - self.base..r.end - self.base]
    }

    /// Wrap cell `r` with [`wrap_hanging`]; ranges in article offsets.
    fn wrap(&self, r: &Range<usize>, first: usize, rest: usize) -> Vec<Range<usize>> {
        wrap_hanging(self.get(r), first, rest)
            .into_iter()
            .map(|w| r.start + w.start..r.start + w.end)
            .collect()
    }
}

/// Column widths for a grid at `cols` columns, or `None` when the table should not be a grid.
/// A table that fits keeps its natural widths. Otherwise the widest columns shrink first, each
/// no narrower than its longest word (up to [`LONG_WORD`]), [`MIN_COLUMN`] and its widest
/// character; when that does not fit, `None`.
fn column_widths(
    natural: &[usize],
    words: &[usize],
    glyphs: &[usize],
    cols: usize,
) -> Option<Vec<usize>> {
    let n = natural.len();
    let budget = cols.checked_sub(INDENT.len() + width(CELL_SEPARATOR) * n.saturating_sub(1))?;
    if natural.iter().sum::<usize>() <= budget {
        return Some(natural.to_vec());
    }
    if cols < MIN_GRID {
        return None;
    }
    let floors: Vec<usize> = (0..n)
        .map(|k| {
            let least = natural[k].min(MIN_COLUMN.max(glyphs[k]));
            words[k].min(LONG_WORD).clamp(least, natural[k])
        })
        .collect();
    fill(&floors, natural, budget)
}

/// Widths between `lo` and `hi` (`lo <= hi`) summing to at most `budget`: every column capped
/// at one level, as high as the budget allows, so the widest give way first; what is left goes
/// to the capped columns one column each, from the left. `None` when even `lo` is too wide.
fn fill(lo: &[usize], hi: &[usize], budget: usize) -> Option<Vec<usize>> {
    let at = |cap: usize| -> Vec<usize> {
        lo.iter()
            .zip(hi)
            .map(|(&l, &h)| h.min(cap).max(l))
            .collect()
    };
    if lo.iter().sum::<usize>() > budget {
        return None;
    }
    // The highest cap that fits, by bisection: the total grows with the cap.
    let (mut fits, mut over) = (0, hi.iter().copied().max().unwrap_or(0) + 1);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if at(mid).iter().sum::<usize>() <= budget {
            fits = mid;
        } else {
            over = mid;
        }
    }
    let mut w = at(fits);
    let mut left = budget - w.iter().sum::<usize>();
    for (k, wk) in w.iter_mut().enumerate() {
        if left == 0 {
            break;
        }
        if *wk < hi[k] {
            *wk += 1;
            left -= 1;
        }
    }
    Some(w)
}

/// The grid: columns `w` wide separated by ` │ `, a rule under the header row, and, when some
/// row takes several lines, a rule between rows so each row reads as one. Each line of a cell is
/// padded on the side(s) its column's alignment asks for (the padding is not article text).
fn grid(
    t: &Text,
    rows: &[Vec<Range<usize>>],
    header: bool,
    align: &[Align],
    w: &[usize],
) -> Vec<VisualLine> {
    let rule = |at: usize| VisualLine {
        prefix: format!(
            "{INDENT}{}",
            w.iter()
                .map(|&k| "─".repeat(k))
                .collect::<Vec<_>>()
                .join("─┼─")
        ),
        range: at..at,
        kind: LineKind::Table,
        cells: Vec::new(),
    };
    let wrapped: Vec<Vec<Vec<Range<usize>>>> = rows
        .iter()
        .map(|row| {
            let end = row.last().map_or(t.base, |c| c.end);
            (0..w.len())
                .map(|k| match row.get(k) {
                    Some(c) => t.wrap(c, w[k].max(1), w[k].max(1)),
                    None => std::iter::once(end..end).collect(),
                })
                .collect()
        })
        .collect();
    let body = usize::from(header && rows.len() > 1);
    let tall = wrapped[body..]
        .iter()
        .any(|cells| cells.iter().any(|c| c.len() > 1));
    let mut out = Vec::new();
    for (ri, cells) in wrapped.iter().enumerate() {
        if ri > body && tall {
            out.push(rule(rows[ri][0].start));
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for j in 0..height {
            let mut pieces = Vec::with_capacity(w.len());
            let mut fill = 0;
            for (k, lines) in cells.iter().enumerate() {
                let range = lines.get(j).cloned().unwrap_or_else(|| {
                    let end = lines.last().map_or(t.base, |l| l.end);
                    end..end
                });
                let room = w[k].saturating_sub(width(t.get(&range)));
                let before = match align.get(k).copied().unwrap_or_default() {
                    Align::Left => 0,
                    Align::Center => room / 2,
                    Align::Right => room,
                };
                let pad = if k == 0 {
                    " ".repeat(before)
                } else {
                    format!("{}{CELL_SEPARATOR}{}", " ".repeat(fill), " ".repeat(before))
                };
                fill = room - before;
                pieces.push(Cell { pad, range });
            }
            out.push(VisualLine {
                prefix: INDENT.to_string(),
                range: span(&pieces, rows[ri][0].start),
                kind: LineKind::Table,
                cells: pieces,
            });
        }
        if ri == 0 && header && rows.len() > 1 {
            out.push(rule(rows[0].last().map_or(t.base, |c| c.end)));
        }
    }
    out
}

/// From the first to the last non-empty piece; `at..at` when all are empty.
fn span(pieces: &[Cell], at: usize) -> Range<usize> {
    let mut full = pieces.iter().filter(|c| !c.range.is_empty());
    match (full.next(), full.next_back()) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        (Some(a), None) => a.range.clone(),
        _ => at..at,
    }
}

/// The narrow layout: each row as `label: value` lines (labels from the header row; plain values
/// without one), wrapped lines indented under their first, rows parted by a short rule.
fn labelled(t: &Text, rows: &[Vec<Range<usize>>], header: bool, cols: usize) -> Vec<VisualLine> {
    let indent = if cols >= 12 { 2 } else { 0 };
    let (labels, body): (&[Range<usize>], _) = if header && rows.len() > 1 {
        (&rows[0], &rows[1..])
    } else {
        (&[], rows)
    };
    let line = |prefix: String, range: Range<usize>, cells: Vec<Cell>| VisualLine {
        prefix,
        range,
        kind: LineKind::Table,
        cells,
    };
    let text = |range: Range<usize>| Cell {
        pad: String::new(),
        range,
    };
    let mut out = Vec::new();
    for (ri, row) in body.iter().enumerate() {
        if ri > 0 {
            let at = row[0].start;
            out.push(line("─".repeat(cols.min(4)), at..at, Vec::new()));
        }
        let end = row.last().map_or(t.base, |c| c.end);
        for k in 0..row.len().max(labels.len()) {
            // A short row still shows every label (with nothing after it).
            let value = &row.get(k).cloned().unwrap_or(end..end);
            let label = labels.get(k).filter(|l| !l.is_empty());
            let rest = cols - indent;
            let Some(label) = label else {
                if value.is_empty() {
                    continue;
                }
                for (j, r) in t.wrap(value, cols, rest).into_iter().enumerate() {
                    let prefix = " ".repeat(if j == 0 { 0 } else { indent });
                    out.push(line(prefix, r.clone(), vec![text(r)]));
                }
                continue;
            };
            let lw = width(t.get(label));
            // Beside its label when the label takes at most two thirds of the line and the
            // value's first word fits after it.
            let inline = 3 * (lw + 2) <= 2 * cols && first_word(t.get(value)) <= cols - (lw + 2);
            let (value_lines, indent) = if inline {
                (t.wrap(value, cols - lw - 2, rest), indent)
            } else {
                let at = value.start;
                let label_lines = t.wrap(label, cols, cols);
                let last = label_lines.len() - 1;
                for (j, r) in label_lines.into_iter().enumerate() {
                    let mut cells = vec![text(r.clone())];
                    if j == last && width(t.get(&r)) < cols {
                        cells.push(Cell {
                            pad: ":".into(),
                            range: at..at,
                        });
                    }
                    out.push(line(String::new(), at..at, cells));
                }
                // Not indented when that would break a word the full width keeps whole.
                let indent = if longest_word(t.get(value)) > rest {
                    0
                } else {
                    indent
                };
                if value.is_empty() {
                    continue;
                }
                (t.wrap(value, cols - indent, cols - indent), indent)
            };
            for (j, r) in value_lines.into_iter().enumerate() {
                let cells = if j == 0 && inline {
                    vec![
                        text(label.clone()),
                        Cell {
                            pad: ": ".into(),
                            range: r.clone(),
                        },
                    ]
                } else {
                    vec![text(r.clone())]
                };
                let prefix = " ".repeat(if j == 0 && inline { 0 } else { indent });
                out.push(line(prefix, r, cells));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as drawn, one string per screen row, trailing spaces kept.
    fn draw(text: &str, header: bool, cols: usize) -> Vec<String> {
        draw_aligned(text, header, &[], cols)
    }

    fn draw_aligned(text: &str, header: bool, align: &[Align], cols: usize) -> Vec<String> {
        layout_table(text, 0, header, align, cols)
            .iter()
            .map(|l| {
                let mut s = l.prefix.clone();
                for (pad, r) in l.pieces() {
                    s.push_str(pad);
                    s.push_str(&text[r]);
                }
                s
            })
            .collect()
    }

    const FEES: &str =
        "Port │ Fee │ Notes\nKobe │ 4 │ Cargo only\nRotterdam │ 12 │ All vessels, after inspection";

    #[test]
    fn columns_align_under_a_marked_header() {
        let rows = draw(FEES, true, 80);
        assert_eq!(
            rows,
            vec![
                "  Port      │ Fee │ Notes",
                "  ──────────┼─────┼──────────────────────────────",
                "  Kobe      │ 4   │ Cargo only",
                "  Rotterdam │ 12  │ All vessels, after inspection",
            ]
        );
        // Without a header row there is no rule.
        assert_eq!(draw(FEES, false, 80).len(), 3);
    }

    #[test]
    fn wraps_inside_cells_at_words_widest_column_first() {
        let rows = draw(FEES, true, 40);
        assert_eq!(
            rows,
            vec![
                "  Port      │ Fee │ Notes",
                "  ──────────┼─────┼─────────────────────",
                "  Kobe      │ 4   │ Cargo only",
                "  ──────────┼─────┼─────────────────────",
                "  Rotterdam │ 12  │ All vessels, after",
                "            │     │ inspection",
            ]
        );
        for r in &rows {
            assert!(width(r) <= 40, "{r:?}");
        }
    }

    #[test]
    fn narrow_tables_become_label_value_lines() {
        let rows = draw(FEES, true, 19);
        assert_eq!(
            rows,
            vec![
                "Port: Kobe",
                "Fee: 4",
                "Notes: Cargo only",
                "────",
                "Port: Rotterdam",
                "Fee: 12",
                "Notes: All vessels,",
                "  after inspection",
            ]
        );
        // With room for it, indented like a grid.
        assert_eq!(draw(FEES, true, 24)[0], "  Port: Kobe");
        // Too narrow for a label beside its value: the label on its own line.
        let rows = draw("Long heading │ B\nlong words here │ x", true, 10);
        assert_eq!(rows, vec!["Long", "heading:", "long words", "here", "B: x"]);
        // No header: the cells, one after another.
        assert_eq!(
            draw("a b c d e f │ x\ng │ h", false, 12),
            vec!["a b c d e f", "x", "────", "g", "h"]
        );
    }

    #[test]
    fn a_small_table_stays_a_grid_when_it_fits() {
        assert_eq!(
            draw("a │ b\n1 │ 2", true, 9),
            vec!["  a │ b", "  ──┼──", "  1 │ 2"]
        );
    }

    #[test]
    fn words_are_not_broken_when_a_grid_cannot_keep_them() {
        let t = "Instrument │ Coverage │ Enforcement\nLicensing │ Comprehensive │ Administrative";
        for cols in 20..60 {
            let rows = draw(t, true, cols);
            for word in [
                "Instrument",
                "Comprehensive",
                "Administrative",
                "Enforcement",
            ] {
                assert!(rows.iter().any(|r| r.contains(word)), "{cols}: {rows:#?}");
            }
        }
    }

    #[test]
    fn cjk_cells_align_by_display_width() {
        let t = "港 │ 料金\n東京港 │ 四ドル\nKobe │ 4";
        let rows = draw(t, true, 40);
        assert_eq!(
            rows,
            vec![
                "  港     │ 料金",
                "  ───────┼───────",
                "  東京港 │ 四ドル",
                "  Kobe   │ 4",
            ]
        );
        // Wrapped CJK cells stay within their column.
        let long = "説明 │ x\n日本語の文章ですとても長い説明です │ y";
        for cols in 20..40 {
            let lines = layout_table(long, 0, true, &[], cols);
            for (l, s) in lines.iter().zip(draw(long, true, cols)) {
                assert!(width(&s) <= cols, "{cols}: {s:?}");
                if let [first, ..] = l.cells.as_slice() {
                    assert!(width(&long[first.range.clone()]) <= cols, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn ranges_stay_in_text_order_inside_the_block() {
        for cols in [1, 5, 12, 19, 30, 80] {
            let lines = layout_table(FEES, 100, true, &[], cols);
            let mut at = 0;
            for l in &lines {
                assert!(
                    l.range.start >= at && l.range.end <= 100 + FEES.len(),
                    "{l:?}"
                );
                at = l.range.start;
            }
            assert!(lines.iter().any(|l| l.range.end == 100 + FEES.len()));
        }
    }

    #[test]
    fn columns_pad_to_their_alignment() {
        use Align::*;
        let text = "Port │ Fee │ Mid │ Notes\nRotterdam │ 4 │ x │ ok\nKobe │ 1200 │ yyyyy │ late";
        assert_eq!(
            draw_aligned(text, true, &[Left, Right, Center], 60),
            [
                "  Port      │  Fee │  Mid  │ Notes",
                "  ──────────┼──────┼───────┼──────",
                "  Rotterdam │    4 │   x   │ ok",
                "  Kobe      │ 1200 │ yyyyy │ late",
            ]
        );
        // Wrapped lines are aligned one by one; rows stay within the width.
        let lines = draw_aligned(FEES, true, &[Right, Right, Right], 30);
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.ends_with(" Cargo only")),
            "{lines:#?}"
        );
        for l in layout_table(FEES, 7, true, &[Center, Right, Right], 30) {
            for (_, r) in l.pieces() {
                assert!(r.start >= 7 && r.end <= 7 + FEES.len());
            }
        }
    }

    #[test]
    fn column_widths_shrink_the_widest_first() {
        let w = column_widths(&[10, 30, 20], &[5, 8, 8], &[1, 1, 1], 2 + 6 + 40).unwrap();
        assert_eq!(w, vec![10, 15, 15]);
        assert_eq!(column_widths(&[10, 30], &[10, 30], &[1, 1], 30), None);
        assert_eq!(column_widths(&[10, 30], &[5, 5], &[1, 1], 19), None);
    }
}
