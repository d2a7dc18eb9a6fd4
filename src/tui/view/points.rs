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
    // Keep the list where it was unless the selection leaves it (as vim scrolls): one point
    // of context below the selection, and a selection far away is shown a third down.
    let h = list.height as usize;
    let old_top = visible
        .partition_point(|&i| i < app.points_top.get())
        .min(sel);
    let mut top = old_top;
    let mut rows = layout(app, &visible, top, sel + 2, list.width);
    let end_of = |rows: &[Row], k: usize| {
        rows.iter()
            .rposition(|row| row.point == Some(visible[k]))
            .unwrap_or(0)
    };
    let sel_end = end_of(&rows, (sel + 1).min(visible.len() - 1));
    if sel_end >= h {
        let far = sel_end >= 2 * h;
        let keep = if far { h - h / 3 } else { h };
        // The first point that leaves the selection (and its context) on screen.
        let first_row = |k: usize| rows.iter().position(|row| row.point == Some(visible[k]));
        top = (top..=sel)
            .find(|&k| first_row(k).is_some_and(|r| sel_end < r + keep))
            .unwrap_or(sel);
        rows = layout(app, &visible, top, sel + 2, list.width);
        while top < sel && end_of(&rows, (sel + 1).min(visible.len() - 1)) >= h {
            top += 1;
            rows = layout(app, &visible, top, sel + 2, list.width);
        }
    }
    if top != old_top || app.points_top.get() != visible[top] {
        app.points_top.set(visible[top]);
    }
    // Fill the rest of the panel below.
    rows = layout(app, &visible, top, top + h, list.width);
    let here = app.point_here();
    for (y, row) in rows.iter().take(h).enumerate() {
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
