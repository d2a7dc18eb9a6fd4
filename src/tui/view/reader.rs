//! The article pane: only the visible rows are laid out and drawn.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use super::put;
use crate::article::{BlockKind, InlineStyle};
use crate::layout::LineKind;
use crate::tui::reader::{Reader, RowKind};
use crate::tui::state::Areas;
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

/// Draw the article; returns the web links drawn, to become OSC 8 hyperlinks at the end of the
/// frame (none when they are off).
pub fn draw(app: &App, a: &Areas, buf: &mut Buffer) -> Vec<super::hyperlink::Span> {
    let mut links = Vec::new();
    let Some(d) = app.doc() else { return links };
    let r = &d.reader;
    let t = &app.theme;
    let text = a.text;
    if r.article.blocks.is_empty() {
        put(
            buf,
            text.x,
            text.y,
            "(this article is empty)",
            text.width,
            t.dim,
        );
        return links;
    }
    let focused = app.focus == Focus::Reader;
    for (y, row) in r.visible_rows().into_iter().enumerate() {
        let y = text.y + y as u16;
        if y >= text.bottom() {
            break;
        }
        let is_cursor = row.block == r.cursor && row.kind != RowKind::Gap;
        if is_cursor && a.article.x + 1 < text.x {
            let mark_style = if focused { t.cursor_marker } else { t.dim };
            put(buf, a.article.x, y, "▌", 1, mark_style);
        }
        match row.kind {
            RowKind::Gap => {}
            RowKind::Summary(s) => {
                let points = d.points.as_ref().map(|p| p.count_in_section(s));
                let mut summary = r.fold_summary(s, points);
                if let Some(score) = d
                    .tone
                    .as_ref()
                    .and_then(|tl| tl.section(s))
                    .and_then(|st| st.score)
                {
                    summary.push_str(&format!(" · tone {}", super::tone::signed(score)));
                }
                let notes = super::notes::count_in_section(d, s);
                if notes > 0 {
                    summary.push_str(&format!(
                        " · {}",
                        crate::plural::plural(notes, "note", "notes")
                    ));
                }
                let line = if r.article.sections[s].heading.is_some() {
                    format!("  ⋯ {summary}")
                } else {
                    format!("▸ Opening · {summary}")
                };
                put(buf, text.x, y, &line, text.width, t.dim);
            }
            RowKind::Line(n) => {
                // A passage jumped to is marked briefly: exactly its text.
                let mark = d
                    .jump_mark
                    .as_ref()
                    .filter(|f| f.block == row.block)
                    .map(|f| f.range.clone());
                let line_range = r.lines(row.block).get(n).map(|l| l.range.clone());
                let (notes, gutter) = line_range
                    .map(|lr| super::notes::marks(d, t, &lr))
                    .unwrap_or_default();
                // A bookmark's or a note's mark takes the gutter (in the cursor's colour on
                // the cursor).
                if let Some(g) = gutter
                    && a.article.x + 1 < text.x
                {
                    let style = match (is_cursor, focused) {
                        (true, true) => t.cursor_marker,
                        (true, false) => t.dim,
                        _ => t.warning,
                    };
                    put(buf, a.article.x, y, g, 1, style);
                }
                let hyper = app.hyperlinks.then_some(&mut links);
                draw_line(
                    r,
                    t,
                    row.block,
                    n,
                    (text.x, y),
                    text.width,
                    mark,
                    &notes,
                    hyper,
                    buf,
                );
            }
        }
        // Too narrow for the gutter mark: show the cursor block by its background.
        if is_cursor && a.article.x + 1 >= text.x {
            buf.set_style(
                ratatui::layout::Rect::new(text.x, y, text.width, 1),
                t.cursor_line,
            );
        }
    }
    links
}

#[allow(clippy::too_many_arguments)]
fn draw_line(
    r: &Reader,
    t: &Theme,
    block: usize,
    n: usize,
    (x, y): (u16, u16),
    width: u16,
    mark: Option<Range<usize>>,
    notes: &[(Range<usize>, Style)],
    mut hyper: Option<&mut Vec<super::hyperlink::Span>>,
    buf: &mut Buffer,
) {
    let lines = r.lines(block);
    let Some(line) = lines.get(n) else { return };
    let base = match line.kind {
        LineKind::Heading(level) => t.heading(level),
        LineKind::Quote => t.quote,
        LineKind::Code => t.code,
        _ => t.text,
    };
    let mut used = 0u16;
    if let (LineKind::Heading(_), 0) = (line.kind, n) {
        let marker = if r.folded_section_at(block).is_some() {
            "▸ "
        } else {
            "▾ "
        };
        used += put(buf, x, y, marker, width, t.fold_marker);
    } else if !line.prefix.is_empty() {
        let style = match line.kind {
            LineKind::ListItem => t.list_marker,
            LineKind::Rule => t.dim,
            _ => t.dim,
        };
        used += put(buf, x, y, &line.prefix, width, style);
    }
    let header = table_header(r, block);
    for (pad, range) in line.pieces() {
        if !pad.is_empty() && used < width {
            // Column padding and separators.
            used += put(buf, x + used, y, pad, width - used, t.dim);
        }
        // A table's header text is bold, also where a narrow table repeats it as labels.
        let base = if header.as_ref().is_some_and(|h| range.end <= h.end) {
            base.patch(t.strong)
        } else {
            base
        };
        // The links in this piece and their opening sequences, once (not per run: a block
        // may hold very many).
        let links = match hyper {
            Some(_) => web_links(r, block, &range),
            None => Vec::new(),
        };
        for (range, style) in segments(r, t, block, range, base, mark.clone(), notes) {
            if used >= width {
                break;
            }
            let w = put(
                buf,
                x + used,
                y,
                &r.article.text[range.clone()],
                width - used,
                style,
            );
            let url = links
                .iter()
                .find(|(l, _)| l.start <= range.start && range.end <= l.end);
            if let (Some(spans), Some((_, open))) = (hyper.as_deref_mut(), url) {
                super::hyperlink::note(spans, buf, x + used, y, w, open);
            }
            used += w;
        }
    }
}

/// The links of block `block` that overlap `range` and may be hyperlinks, with the sequence
/// that opens each ([`super::hyperlink::open`]).
fn web_links(r: &Reader, block: usize, range: &Range<usize>) -> Vec<(Range<usize>, String)> {
    r.article.blocks[block]
        .inlines
        .iter()
        .filter(|i| i.range.start < range.end && i.range.end > range.start)
        .filter_map(|i| match &i.style {
            InlineStyle::Link { url } => {
                super::hyperlink::open(url).map(|open| (i.range.clone(), open))
            }
            _ => None,
        })
        .collect()
}

/// The header row of table `block`, when it has one.
fn table_header(r: &Reader, block: usize) -> Option<Range<usize>> {
    let b = &r.article.blocks[block];
    let BlockKind::Table { header: true, .. } = b.kind else {
        return None;
    };
    let first = r.article.text[b.range.clone()].split('\n').next()?;
    Some(b.range.start..b.range.start + first.len())
}

/// The lead-in sentence held by paragraph `block`, when the next block starts a list it introduces.
fn lead_in_of(r: &Reader, block: usize) -> Option<Range<usize>> {
    let next = r.article.blocks.get(block + 1)?;
    let BlockKind::ListItem { list, .. } = next.kind else {
        return None;
    };
    let l = r.article.lists.get(list)?;
    (l.lead_in_block == Some(block))
        .then(|| l.lead_in.clone())
        .flatten()
}

/// Split a row's text into runs of one style: inline styling, then search matches, then the
/// `mark` of a passage just jumped to, on top.
fn segments(
    r: &Reader,
    t: &Theme,
    block: usize,
    range: Range<usize>,
    base: Style,
    mark: Option<Range<usize>>,
    notes: &[(Range<usize>, Style)],
) -> Vec<(Range<usize>, Style)> {
    let b = &r.article.blocks[block];
    let inlines: Vec<_> = b
        .inlines
        .iter()
        .filter(|i| i.range.start < range.end && i.range.end > range.start)
        .collect();
    let matches = r.search.in_range(&range);
    let lead_in = lead_in_of(r, block).filter(|l| l.start < range.end && l.end > range.start);
    let mark = mark.filter(|m| m.start < range.end && m.end > range.start);
    let notes: Vec<_> = notes
        .iter()
        .filter(|(n, _)| n.start < range.end && n.end > range.start)
        .collect();
    if inlines.is_empty()
        && matches.is_empty()
        && lead_in.is_none()
        && mark.is_none()
        && notes.is_empty()
    {
        return vec![(range, base)];
    }
    let mut cuts = vec![range.start, range.end];
    for (n, _) in &notes {
        cuts.push(n.start.clamp(range.start, range.end));
        cuts.push(n.end.clamp(range.start, range.end));
    }
    for l in lead_in.iter().chain(mark.iter()) {
        cuts.push(l.start.clamp(range.start, range.end));
        cuts.push(l.end.clamp(range.start, range.end));
    }
    for i in &inlines {
        cuts.push(i.range.start.clamp(range.start, range.end));
        cuts.push(i.range.end.clamp(range.start, range.end));
    }
    for m in matches {
        cuts.push(m.start.clamp(range.start, range.end));
        cuts.push(m.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let current = r.search.current.and_then(|c| r.search.matches.get(c));
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let seg = w[0]..w[1];
            let mut style = base;
            if lead_in
                .as_ref()
                .is_some_and(|l| l.start <= seg.start && seg.end <= l.end)
            {
                style = style.patch(t.lead_in);
            }
            for i in &inlines {
                if i.range.start <= seg.start && seg.end <= i.range.end {
                    style = style.patch(match &i.style {
                        InlineStyle::Emphasis => t.emphasis,
                        InlineStyle::Strong => t.strong,
                        InlineStyle::Strike => Style::new().add_modifier(Modifier::CROSSED_OUT),
                        InlineStyle::Code => t.code,
                        InlineStyle::Link { .. } | InlineStyle::Footnote { .. } => t.link,
                    });
                }
            }
            for (n, s) in &notes {
                if n.start <= seg.start && seg.end <= n.end {
                    style = style.patch(*s);
                }
            }
            if let Some(m) = matches
                .iter()
                .find(|m| m.start <= seg.start && seg.end <= m.end)
            {
                style = style.patch(if Some(m) == current {
                    t.current_match
                } else {
                    t.search_match
                });
            }
            if mark
                .as_ref()
                .is_some_and(|m| m.start <= seg.start && seg.end <= m.end)
            {
                style = style.patch(t.flash);
            }
            (seg, style)
        })
        .collect()
}
