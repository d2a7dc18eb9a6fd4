//! Clicks that select, then follow: a library row, a key point or a row of the Tone tab (a
//! turning point, a quoted word, a paragraph's bar) is selected by a click, and a second click
//! on the selected one opens it or jumps the article there (a double click is two clicks).

use super::{Effect, Mouse, act};
use crate::tui::input::Action;
use crate::tui::state::geometry::{LIBRARY_ROWS_PER_ENTRY, points_list, tone_list};
use crate::tui::state::tone_rows::ChartKind;
use crate::tui::state::{App, Focus, Screen, SideTab};

/// A click in the library: select the entry under it; on the selected entry, open it. None
/// when this is not a click on the library screen.
pub(super) fn library_click(app: &mut App, m: Mouse) -> Option<Vec<Effect>> {
    let Mouse::Click { col, row } = m else {
        return None;
    };
    if app.screen != Screen::Library || app.overlay.is_some() {
        return None;
    }
    let area = app.areas.library();
    let (list_y, room) = app.areas.library_list();
    if row < list_y || !area.contains(ratatui::layout::Position::new(col, row)) {
        return Some(Vec::new());
    }
    let n = app.library.entries.len();
    let first = app.library.cursor.top.min(n.saturating_sub(1));
    let at = ((row - list_y) / LIBRARY_ROWS_PER_ENTRY) as usize;
    if at >= room || first + at >= n {
        return Some(Vec::new());
    }
    let i = first + at;
    if app.library.cursor.selected == i {
        return Some(act(app, Action::Activate, 1));
    }
    app.library.cursor.selected = i;
    Some(Vec::new())
}

/// A click in the side panel's Points list: select the point under it (focusing the panel);
/// on the selected point, jump the article there.
pub(super) fn side_click(app: &mut App, row: u16) -> Vec<Effect> {
    if app.side_tab == SideTab::Tone {
        return tone_click(app, row);
    }
    if app.side_tab != SideTab::Points {
        app.focus = Focus::Side;
        return Vec::new();
    }
    let Some(body) = app.areas.side_body() else {
        return Vec::new();
    };
    let list = points_list(body);
    let Some(d) = app.doc() else {
        return Vec::new();
    };
    let Some(points) = d.points.as_deref() else {
        return Vec::new();
    };
    if row < list.y || row >= list.bottom() {
        return Vec::new();
    }
    let (rows, skip) = d.points_list.rows(points, &d.reader.article, body);
    let hit = rows
        .get(skip + (row - list.y) as usize)
        .and_then(|r| r.point);
    let Some(p) = hit else {
        return Vec::new();
    };
    let again = app.focus == Focus::Side && d.points_list.cursor.selected == p;
    app.focus = Focus::Side;
    if again {
        return act(app, Action::Activate, 1);
    }
    if let Some(d) = app.doc_mut() {
        d.points_list.cursor.selected = p;
    }
    Vec::new()
}

/// A click in the Tone tab's chart: select the row under it (a turning point's words select
/// the turning point), focusing the panel; on the selected row, jump the article there.
fn tone_click(app: &mut App, row: u16) -> Vec<Effect> {
    let was_focused = app.focus == Focus::Side;
    app.focus = Focus::Side;
    let Some(body) = app.areas.side_body() else {
        return Vec::new();
    };
    let list = tone_list(body);
    let Some(d) = app.doc_mut() else {
        return Vec::new();
    };
    if row < list.y || row >= list.bottom() {
        return Vec::new();
    }
    let mut i = d.tone_list.top + (row - list.y) as usize;
    if i >= d.tone_rows.len() {
        return Vec::new();
    }
    while i > 0 && matches!(d.tone_rows[i].kind, ChartKind::TurnWords { .. }) {
        i -= 1;
    }
    if was_focused && d.tone_list.selected == i {
        return act(app, Action::Activate, 1);
    }
    d.tone_list.selected = i;
    Vec::new()
}
