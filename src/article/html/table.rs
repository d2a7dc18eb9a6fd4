//! Tables in HTML: cells that break lines, row and column spans expanded to a regular grid
//! (bounded), nested tables flattened into their cell, rows pushed as the model's table text.

use super::*;

/// Tags that would open or close a block, read as a word break inside a table cell.
pub(super) const IN_CELL_BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "figure",
    "figcaption",
    "main",
];

/// Largest `colspan` or `rowspan` honoured; larger ones, like `0`, negative or unreadable
/// values, are clamped (`0` and unreadable ones to 1).
pub(super) const MAX_SPAN: usize = 100;

/// Bytes of cells one table may gain from expanding its spans (see [`expand_spans`]).
pub(super) const SPAN_BUDGET: usize = 1 << 20;

/// Tags inside a nested table (or opening one): its rows and cells are collected apart and
/// flattened into the enclosing cell when it closes. `true` when the tag was handled.
pub(super) fn nested_tag(st: &mut State, closing: bool, name: &str) -> bool {
    match (closing, name) {
        (false, "table") => st.nested.push(Vec::new()),
        (true, "table") => {
            let table = st.nested.pop().unwrap_or_default();
            let flat = flatten(&table);
            if !flat.is_empty() {
                st.text(" ");
                st.text(&flat);
                st.text(" ");
            }
        }
        (false, "tr") => st
            .nested
            .last_mut()
            .into_iter()
            .for_each(|t| t.push(Vec::new())),
        (false, "td" | "th") => {
            if let Some(t) = st.nested.last_mut() {
                if t.is_empty() {
                    t.push(Vec::new());
                }
                if let Some(row) = t.last_mut() {
                    row.push(String::new());
                }
            }
        }
        (_, "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption" | "colgroup" | "col") => {}
        _ if IN_CELL_BREAKS.contains(&name) => st.text(" "),
        _ => return false,
    }
    true
}

/// A nested table as one line of text: cells joined with ` · `, rows with ` / `, empty cells
/// and rows left out.
pub(super) fn flatten(table: &[Vec<String>]) -> String {
    table
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Expand `colspan` and `rowspan` into a regular grid, so every value stays under its header.
/// A cell spanning rows repeats its text in each row it covers: every row then reads whole, in
/// the grid as in the `label: value` layout. A cell spanning columns repeats its text in a header
/// row, so each column keeps a label; in other rows the text is in the first column and the
/// others are empty (a note across the table is not repeated).
pub(super) fn expand_spans(st: &mut State, row: &str, header: bool) -> String {
    let cells = table_cells(row).into_iter().next().unwrap_or_default();
    let texts: Vec<&str> = cells.into_iter().map(|r| &row[r]).collect();
    let mut out: Vec<String> = Vec::with_capacity(texts.len());
    let mut col = 0;
    // Bytes a cell added by a span costs; once a table has spent [`SPAN_BUDGET`], its spans are
    // no longer expanded (a page of `rowspan=100 colspan=100` cells stays small).
    let spend = |st: &mut State, text: &str| {
        let cost = text.len() + CELL_SEPARATOR.len();
        st.span_budget = st.span_budget.checked_sub(cost).unwrap_or_else(|| {
            st.carry.clear();
            0
        });
        st.span_budget > 0
    };
    // Cells carried down from above at column `col` and on, until a free column.
    let take_carried = |st: &mut State, out: &mut Vec<String>, col: &mut usize| {
        while let Some(Some((text, _))) = st.carry.get(*col) {
            let text = text.clone();
            if !spend(st, &text) {
                return;
            }
            out.push(text);
            if let Some(Some((_, left))) = st.carry.get_mut(*col) {
                *left -= 1;
                if *left == 0 {
                    st.carry[*col] = None;
                }
            }
            *col += 1;
        }
    };
    for (k, text) in texts.iter().enumerate() {
        take_carried(st, &mut out, &mut col);
        let (colspan, rowspan) = st.spans.get(k).copied().unwrap_or((1, 1));
        for j in 0..colspan {
            let t = if j == 0 || header { *text } else { "" };
            if j > 0 && !spend(st, t) {
                break;
            }
            out.push(t.to_string());
            if rowspan > 1 && spend(st, t) {
                if st.carry.len() <= col {
                    st.carry.resize(col + 1, None);
                }
                st.carry[col] = Some((t.to_string(), rowspan - 1));
            }
            col += 1;
        }
    }
    // Carried cells after the row's own, empty cells before them.
    let last = st.carry.iter().rposition(Option::is_some);
    while last.is_some_and(|last| col <= last) && !st.carry.is_empty() {
        take_carried(st, &mut out, &mut col);
        if st.carry.get(col).is_some_and(Option::is_none) {
            if !spend(st, "") {
                break;
            }
            out.push(String::new());
            col += 1;
        }
    }
    out.join(CELL_SEPARATOR)
}

/// Add a finished row to the open table block; the first row is the header when all its cells
/// are `<th>` or it sits in `<thead>`. Rows of empty cells are dropped.
pub(super) fn push_row(st: &mut State, row: &str) {
    // Trailing spaces of the last cell go; a row ending in the separator ends in an empty cell.
    let row = if row.ends_with(CELL_SEPARATOR) {
        row
    } else {
        row.trim_end_matches(' ')
    };
    let header = st.cell_count > 0 && (st.row_th || st.thead);
    let empty = table_cells(row).iter().all(|c| c.is_empty());
    let expanded = expand_spans(st, row, header);
    st.spans.clear();
    if empty {
        return;
    }
    let row = expanded.as_str();
    if let Some(p) = st.blocks.cur.as_mut() {
        if p.text.is_empty() {
            if let BlockKind::Table { header: h, .. } = &mut p.kind {
                *h = header;
            }
        } else {
            p.text.push('\n');
        }
        p.text.push_str(row);
    }
}
