//! The Points tab: key points grouped under their lead-in, the one nearest the reading cursor
//! highlighted (follow mode), the selection when focused, and the filter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::put;
use crate::analysis::points::{PointKind, collapse, group_title};
use crate::layout::wrap::{width, wrap};
use crate::tui::app::{App, Focus};

/// One row of the list: text, style, and the point it belongs to (None for group titles).
struct Row {
    indent: u16,
    text: String,
    style: Style,
    point: Option<usize>,
}

pub fn draw(app: &App, body: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (Some(points), Some(_)) = (&app.points, &app.reader) else {
        let msg = if app.reader.is_some() {
            "Finding the key points…"
        } else {
            ""
        };
        put(buf, body.x, body.y, msg, body.width, t.dim);
        return;
    };
    if body.height < 2 || body.width < 8 {
        return;
    }
    let visible = app.visible_points();
    // The header, shortened to fit a narrow panel.
    let heads = if app.points_filter.is_empty() {
        let n = crate::plural::plural(points.len(), "point", "points");
        let g = crate::plural::plural(points.groups.len(), "group", "groups");
        vec![
            format!("{n} · {g} · / filters"),
            format!("{n} · / filters"),
            n,
        ]
    } else {
        let verb = if visible.len() == 1 {
            "matches"
        } else {
            "match"
        };
        let m = format!("{} of {} {verb}", visible.len(), points.len());
        vec![
            format!("{m} “{}” · Esc clears", app.points_filter),
            format!("{m} · Esc clears"),
            m,
        ]
    };
    let head = heads
        .iter()
        .find(|h| width(h) <= body.width as usize)
        .unwrap_or(&heads[heads.len() - 1]);
    put(buf, body.x, body.y, head, body.width, t.dim);
    let list = Rect::new(body.x, body.y + 1, body.width, body.height - 1);
    if visible.is_empty() {
        let msg = if points.is_empty() {
            "This article has no key points."
        } else {
            "No point matches the filter."
        };
        put(buf, list.x, list.y + 1, msg, list.width, t.dim);
        return;
    }
    let focused = app.focus == Focus::Side;
    let sel = visible
        .partition_point(|&i| i < app.points_sel)
        .min(visible.len() - 1);
    let h = list.height as usize;
    let old_top = visible.partition_point(|&i| i < app.points_top.get());
    let top = list_top(app, visible, sel, old_top, h, list.width);
    if app.points_top.get() != visible[top] {
        app.points_top.set(visible[top]);
    }
    let rows = layout(app, visible, top, top + h, list.width);
    // In a very short panel a long lead-in can fill it: then its first rows give way so the
    // selected point still shows.
    let sel_end = rows
        .iter()
        .rposition(|row| row.point == Some(visible[sel]))
        .unwrap_or(0);
    let skip = (sel_end + 1).saturating_sub(h);
    let here = app.point_here();
    for (y, row) in rows.iter().skip(skip).take(h).enumerate() {
        let y = list.y + y as u16;
        let mut style = row.style;
        if row.point.is_some() && row.point == here {
            style = style.patch(t.cursor_line);
        }
        if focused && row.point == Some(visible[sel]) {
            style = style.patch(t.selection);
        }
        let x = list.x + row.indent.min(list.width);
        put(buf, x, y, &row.text, list.right().saturating_sub(x), style);
        if row.point.is_some() && row.point == here && row.indent > 0 {
            put(buf, list.x, y, "▌", 1, t.cursor_marker);
        }
    }
}

/// The first point of the list on screen (an index into `visible`). The list stays where it
/// was (`old_top`) unless the selection `sel` leaves it, as vim scrolls: then just enough to
/// show the selection and one point after it, or, for a selection more than a screen away,
/// with the selection a third down. When the list's end is on screen with room below, earlier
/// points fill it. Lays out only about a screenful of points, however long the list.
fn list_top(app: &App, visible: &[usize], sel: usize, old_top: usize, h: usize, w: u16) -> usize {
    let last = visible.len() - 1;
    let next = (sel + 1).min(last);
    // Each point takes at least a row: a selection a screen or more away is far.
    let far = sel + h <= old_top || sel >= old_top + h;
    let mut top = if far {
        sel.saturating_sub(h)
    } else {
        old_top.min(sel)
    };
    let rows = layout(app, visible, top, sel + 2, w);
    let first_row =
        |rows: &[Row], k: usize| rows.iter().position(|row| row.point == Some(visible[k]));
    let end_row = |rows: &[Row], k: usize| {
        rows.iter()
            .rposition(|row| row.point == Some(visible[k]))
            .unwrap_or(0)
    };
    let sel_end = end_row(&rows, next);
    if far || sel_end >= h {
        let keep = if far { h - h / 3 } else { h };
        top = (top..=sel)
            .find(|&k| first_row(&rows, k).is_some_and(|r| sel_end < r + keep))
            .unwrap_or(sel);
        // Starting the layout at `top` adds its group's title: step on while that pushes
        // the selection off the bottom.
        while top < sel && end_row(&layout(app, visible, top, sel + 2, w), next) >= h {
            top += 1;
        }
    }
    // Fill: the list's end on screen with room below shows earlier points instead: the
    // earliest start from which the rest of the list still fits (found on real layouts, as a
    // start adds its group's title, which may wrap).
    if last - top < h && top > 0 {
        let fits = |k: usize| layout(app, visible, k, visible.len(), w).len() <= h;
        let (mut lo, mut hi) = (visible.len().saturating_sub(h), top);
        // Usually one earlier point does not fit either: then nothing to search.
        if fits(hi - 1) {
            hi -= 1;
            while lo < hi {
                let mid = (lo + hi) / 2;
                if fits(mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            top = hi;
        }
    }
    top
}

/// The rows of `visible[from..to]`: each group's title (the first point's always, so the list
/// never starts without its lead-in), a blank row between groups, and each point's wrapped
/// text with its marker.
fn layout(app: &App, visible: &[usize], from: usize, to: usize, width_: u16) -> Vec<Row> {
    let t = &app.theme;
    let (Some(points), Some(r)) = (&app.points, &app.reader) else {
        return Vec::new();
    };
    let a = &r.article;
    let mut rows: Vec<Row> = Vec::new();
    let mut last_group = None;
    for &pi in visible.iter().take(to).skip(from) {
        let Some(pt) = points.get(a, pi) else {
            continue;
        };
        if last_group != Some(pt.group) {
            if last_group.is_some() {
                rows.push(Row {
                    indent: 0,
                    text: String::new(),
                    style: t.text,
                    point: None,
                });
            }
            let title = group_title(a, &points.groups[pt.group]);
            for l in wrap(&title, width_ as usize) {
                rows.push(Row {
                    indent: 0,
                    text: title[l].to_string(),
                    style: t.lead_in,
                    point: None,
                });
            }
            last_group = Some(pt.group);
        }
        let marker = match (pt.kind, pt.ordinal) {
            (PointKind::Extracted, _) => "› ".to_string(),
            (PointKind::Bullet, Some(n)) => format!("{n}. "),
            (PointKind::Bullet, None) => "• ".to_string(),
        };
        let indent = 1 + 2 * u16::from(pt.depth).min(4);
        let body_text = match pt.label(a) {
            Some(l) => format!("{} — {}", collapse(l), collapse(pt.text(a))),
            None => collapse(pt.text(a)),
        };
        let text = format!("{marker}{body_text}");
        let hang = width(&marker) as u16;
        let avail = (width_.saturating_sub(indent + hang)).max(1) as usize;
        let style = if pt.kind == PointKind::Extracted {
            t.quote
        } else {
            t.text
        };
        for (k, l) in wrap(&text, avail).into_iter().enumerate() {
            let ind = if k == 0 { indent } else { indent + hang };
            rows.push(Row {
                indent: ind,
                text: text[l].to_string(),
                style,
                point: Some(pi),
            });
        }
    }
    rows
}
