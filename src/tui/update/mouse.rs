//! Mouse: the wheel scrolls the panel under the pointer; a click on a heading folds it; a click
//! on an outline entry jumps there. Hit-testing uses the pane geometry kept in the state.

use ratatui::layout::{Position, Rect};

use super::panels::{side_action, sync_outline_to_cursor};
use super::{Effect, Mouse, act};
use crate::tui::input::Action;
use crate::tui::reader::RowKind;
use crate::tui::state::{App, Focus, Screen};

fn inside(r: Rect, col: u16, row: u16) -> bool {
    r.contains(Position::new(col, row))
}

pub(super) fn handle(app: &mut App, m: Mouse) -> Vec<Effect> {
    if let Some(effects) = super::clicks::library_click(app, m) {
        return effects;
    }
    if app.screen != Screen::Reader || app.overlay.is_some() {
        return Vec::new();
    }
    if let Some(effects) = super::panels::drag_side(app, m) {
        return effects;
    }
    let a = app.areas;
    let (col, row) = match m {
        Mouse::ScrollUp { col, row }
        | Mouse::ScrollDown { col, row }
        | Mouse::Click { col, row } => (col, row),
        Mouse::Drag { .. } | Mouse::Release { .. } => return Vec::new(),
    };
    let in_outline = a.outline.is_some_and(|o| inside(o, col, row));
    let in_article = !a.covered && inside(a.article, col, row);
    let in_side = a.side.is_some_and(|s| inside(s, col, row));
    if in_side && let Mouse::Click { row, .. } = m {
        return super::clicks::side_click(app, row);
    }
    match m {
        Mouse::ScrollDown { .. } | Mouse::ScrollUp { .. } => {
            let d: isize = if matches!(m, Mouse::ScrollDown { .. }) {
                3
            } else {
                -3
            };
            if in_outline {
                if let Some(doc) = app.doc_mut() {
                    let rows = doc.outline_rows();
                    if let Some(at) = rows.iter().position(|&s| s == doc.outline.selected) {
                        let next = at
                            .saturating_add_signed(d)
                            .min(rows.len().saturating_sub(1));
                        doc.outline.selected = rows[next];
                    }
                }
            } else if in_side {
                let action = if d > 0 { Action::Down } else { Action::Up };
                side_action(app, action, d.unsigned_abs());
            } else if in_article && let Some(r) = app.reader_mut() {
                r.scroll(d);
            }
        }
        Mouse::Click { .. } => {
            if in_outline {
                let list = a.outline_list().unwrap_or_default();
                let Some(doc) = app.doc_mut() else {
                    return Vec::new();
                };
                let rows = doc.outline_rows();
                let first = doc.outline.top;
                if let Some(&s) = rows.get(first + row.saturating_sub(list.y) as usize) {
                    doc.outline.selected = s;
                    app.focus = Focus::Outline;
                    act(app, Action::Activate, 1);
                }
            } else if in_article {
                if let Some(r) = app.reader_mut() {
                    let rows = r.visible_rows();
                    if let Some(hit) = rows.get(row.saturating_sub(a.text.y) as usize) {
                        let b = hit.block;
                        if matches!(hit.kind, RowKind::Line(_) | RowKind::Summary(_))
                            && !r.toggle_fold_at(b)
                        {
                            r.cursor = b;
                            r.follow_cursor();
                        }
                    }
                }
                app.focus = Focus::Reader;
                if app.show_outline {
                    sync_outline_to_cursor(app);
                }
            }
        }
        Mouse::Drag { .. } | Mouse::Release { .. } => {}
    }
    Vec::new()
}
