//! The Points tab: key points grouped under their lead-in, the one nearest the reading cursor
//! highlighted (follow mode), the selection when focused, and the filter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::put;
use crate::layout::wrap::width;
use crate::tui::state::geometry::points_list;
use crate::tui::state::points::PointRowKind;
use crate::tui::state::{App, Focus};

pub fn draw(app: &App, body: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let doc = app.doc();
    let Some((points, list_state)) = doc.and_then(|d| Some((d.points.as_ref()?, &d.points_list)))
    else {
        let msg = if doc.is_some() {
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
    let visible = &list_state.matches;
    // The header, shortened to fit a narrow panel.
    let heads = if list_state.filter.is_empty() {
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
            format!("{m} “{}” · Esc clears", list_state.filter),
            format!("{m} · Esc clears"),
            m,
        ]
    };
    let head = heads
        .iter()
        .find(|h| width(h) <= body.width as usize)
        .unwrap_or(&heads[heads.len() - 1]);
    put(buf, body.x, body.y, head, body.width, t.dim);
    let list = points_list(body);
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
    let selected = list_state.matches[list_state.selected_match()];
    let h = list.height as usize;
    let here = list_state.here;
    let Some(d) = doc else { return };
    let (rows, skip) = list_state.rows(points, &d.reader.article, body);
    for (y, row) in rows.iter().skip(skip).take(h).enumerate() {
        let y = list.y + y as u16;
        let mut style = match row.kind {
            PointRowKind::Gap | PointRowKind::Bullet => t.text,
            PointRowKind::Title => t.lead_in,
            PointRowKind::Extracted => t.quote,
        };
        if row.point.is_some() && row.point == here {
            style = style.patch(t.cursor_line);
        }
        if focused && row.point == Some(selected) {
            style = style.patch(t.selection);
        }
        let x = list.x + row.indent.min(list.width);
        put(buf, x, y, &row.text, list.right().saturating_sub(x), style);
        if row.point.is_some() && row.point == here && row.indent > 0 {
            put(buf, list.x, y, "▌", 1, t.cursor_marker);
        }
    }
}
