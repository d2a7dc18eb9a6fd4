//! The panels: toggling and focusing them, and keys in the outline and the side panel's tabs.

use super::{Effect, Mouse};
use crate::tui::input::Action;
use crate::tui::state::geometry::{SIDE_WIDTH_STEP, side_width};
use crate::tui::state::list::step;
use crate::tui::state::tone_rows::{ChartKind, next_event};
use crate::tui::state::{App, Focus, JumpMark, Overlay, Prompt, PromptKind, SideTab};

/// Panel toggles, focus and the outline and side panels. Returns whether it handled `action`.
pub(super) fn action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    match action {
        ToggleOutline => {
            app.show_outline = !app.show_outline;
            if !app.show_outline && app.focus == Focus::Outline {
                app.focus = Focus::Reader;
            }
            if app.show_outline {
                sync_outline_to_cursor(app);
            }
            app.relayout();
            focus_if_covered(app, Focus::Outline);
        }
        ToggleSidePanel => {
            app.show_side = !app.show_side;
            if !app.show_side && app.focus == Focus::Side {
                app.focus = Focus::Reader;
            }
            app.relayout();
            focus_if_covered(app, Focus::Side);
        }
        FocusNext | FocusPrev => {
            let mut order = vec![Focus::Reader];
            if app.show_outline {
                order.insert(0, Focus::Outline);
            }
            if app.show_side {
                order.push(Focus::Side);
            }
            let i = order.iter().position(|f| *f == app.focus).unwrap_or(0);
            let n = order.len();
            app.focus = order[if action == FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }];
            if app.focus == Focus::Outline {
                sync_outline_to_cursor(app);
            }
        }
        NextSideTab | PrevSideTab => {
            let tabs = app.side_tabs();
            let i = tabs.iter().position(|t| *t == app.side_tab).unwrap_or(0);
            let step = if action == NextSideTab {
                1
            } else {
                tabs.len() - 1
            };
            app.side_tab = tabs[(i + step) % tabs.len()];
            if !app.show_side {
                app.show_side = true;
                app.relayout();
            }
            focus_if_covered(app, Focus::Side);
        }
        _ if app.focus == Focus::Outline => return outline_action(app, action, count),
        _ if app.focus == Focus::Side => return side_action(app, action, count),
        _ => return false,
    }
    true
}

/// Widen or narrow the side panel by `count` steps (showing it if hidden); the width is saved.
pub(super) fn resize_side(app: &mut App, wider: bool, count: usize) -> Vec<Effect> {
    let w = app.size.0;
    let now = app
        .areas
        .side
        .filter(|_| !app.areas.covered)
        .map_or_else(|| side_width(w, app.side_width), |r| r.width);
    let step = (count.clamp(1, 100) as u16).saturating_mul(SIDE_WIDTH_STEP);
    let wanted = if wider {
        now.saturating_add(step)
    } else {
        now.saturating_sub(step)
    };
    set_side_width(app, wanted)
}

/// Set the side panel's width (kept within what the terminal allows; shown if hidden) and say
/// it; the width is saved.
pub(super) fn set_side_width(app: &mut App, wanted: u16) -> Vec<Effect> {
    let w = app.size.0;
    let width = side_width(w, Some(wanted));
    let was = app.areas.side.map(|r| r.width);
    app.side_width = Some(width);
    if !app.show_side {
        app.show_side = true;
    }
    app.relayout();
    focus_if_covered(app, Focus::Side);
    let fits = w.saturating_sub(width) >= 40;
    if was == Some(width) && app.areas.side.is_some() {
        app.notify(if wanted > width {
            format!("The side panel is as wide as it goes here: {width} columns")
        } else {
            format!("The side panel is as narrow as it goes: {width} columns")
        });
    } else if fits {
        app.notify(format!("Side panel: {width} columns"));
    }
    vec![Effect::SaveSideWidth(width)]
}

/// Dragging the side panel's border: a press on it starts, moves set the width, the release
/// saves it. `None`: not a drag of the border (the mouse does what it otherwise does).
pub(super) fn drag_side(app: &mut App, m: Mouse) -> Option<Vec<Effect>> {
    match m {
        Mouse::Click { col, .. } => {
            let on_border = !app.areas.covered && app.areas.side.is_some_and(|s| s.x == col);
            app.dragging_side = on_border;
            on_border.then(Vec::new)
        }
        Mouse::Drag { col, .. } if app.dragging_side => {
            let wanted = app.size.0.saturating_sub(col);
            // Saved once, on release.
            set_side_width(app, wanted);
            Some(Vec::new())
        }
        Mouse::Release { .. } if app.dragging_side => {
            app.dragging_side = false;
            Some(
                app.side_width
                    .map(Effect::SaveSideWidth)
                    .into_iter()
                    .collect(),
            )
        }
        _ => None,
    }
}

/// On a terminal too narrow to show `panel` beside the article, a command that shows it
/// focuses it, so that it is drawn (over the article).
fn focus_if_covered(app: &mut App, panel: Focus) {
    let a = app.areas;
    let shown = match panel {
        Focus::Outline => app.show_outline && a.outline.is_some(),
        Focus::Side => app.show_side && a.side.is_some(),
        Focus::Reader => true,
    };
    let wanted = match panel {
        Focus::Outline => app.show_outline,
        Focus::Side => app.show_side,
        Focus::Reader => false,
    };
    if wanted && !shown {
        app.focus = panel;
    }
}

/// Select the outline entry of the cursor's section.
pub(super) fn sync_outline_to_cursor(app: &mut App) {
    if let Some(d) = app.doc_mut() {
        d.sync_outline_to_cursor();
    }
}

fn outline_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    let Some(d) = app.doc_mut() else { return true };
    let rows = d.outline_rows();
    if rows.is_empty() {
        return true;
    }
    let at = rows
        .iter()
        .position(|&s| s == d.outline.selected)
        .unwrap_or(0);
    if let Some(to) = step(at, rows.len(), action, count) {
        d.outline.selected = rows[to];
        return true;
    }
    let s = d.outline.selected;
    let sections = &d.reader.article.sections;
    match action {
        Collapse => {
            let has_children = !sections[s].children.is_empty();
            if has_children && !d.outline.collapsed[s] {
                d.outline.collapsed[s] = true;
            } else if let Some(p) = sections[s].parent {
                d.outline.selected = p;
            }
        }
        Expand => d.outline.collapsed[s] = false,
        // In the outline, za/zo/zc fold the highlighted section, not the cursor's.
        ToggleFold | OpenFold | CloseFold => {
            let r = &mut d.reader;
            let folded = match action {
                ToggleFold => !r.folded.get(s).copied().unwrap_or(false),
                OpenFold => false,
                _ => true,
            };
            r.set_fold(s, folded);
        }
        Activate => {
            d.reader.jump_to_section(s);
            d.sync_side_to_cursor();
        }
        _ => return false,
    }
    true
}

/// Keys in the side panel: move the selection, jump the reader to it.
pub(super) fn side_action(app: &mut App, action: Action, count: usize) -> bool {
    match app.side_tab {
        SideTab::Tone => tone_action(app, action, count),
        SideTab::Points => points_action(app, action, count),
        // Handled by update::notes.
        SideTab::Notes => false,
    }
}

fn tone_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    let Some(d) = app.doc_mut() else {
        return matches!(action, Down | Up | Activate | Top | Bottom);
    };
    let n = d.tone_rows.len();
    if n == 0 {
        // Still being computed (or nothing to show): the tab's own keys do nothing rather
        // than fall through to the article.
        let own = matches!(action, NextHeading | PrevHeading | SearchNext | SearchPrev);
        if own && d.tone.is_none() {
            app.notify("The tone is still being worked out");
        }
        return own || matches!(action, Down | Up | Activate | Top | Bottom);
    }
    let sel = d.tone_list.selected.min(n - 1);
    let mut say = None;
    d.tone_list.selected = match action {
        NextHeading | SearchNext | PrevHeading | SearchPrev => {
            let forward = matches!(action, NextHeading | SearchNext);
            match next_event(&d.tone_rows, sel, forward) {
                Some(to) => to,
                None => {
                    let none = d
                        .tone
                        .as_ref()
                        .is_none_or(|t| t.turning_points.is_empty() && t.markers.is_empty());
                    say = Some(match (none, forward) {
                        (true, _) => "No turning points or quoted words in this article",
                        (false, true) => "No more turning points or quoted words below",
                        (false, false) => "No more turning points or quoted words above",
                    });
                    sel
                }
            }
        }
        Activate => {
            let block = d.tone_rows[sel].block;
            // A quoted word (its own row, or on its paragraph's row in the compact chart) is
            // jumped to and marked: exactly the word.
            let marker = match d.tone_rows[sel].kind {
                ChartKind::Marker(k) => Some(k),
                ChartKind::Curve { marker, .. } => marker,
                _ => None,
            };
            match marker.and_then(|k| d.tone.as_ref()?.markers.get(k)) {
                Some(m) => {
                    let mark = JumpMark {
                        block,
                        range: m.range.clone(),
                        ticks: JUMP_MARK_TICKS,
                    };
                    d.reader.jump_to_offset(mark.block, mark.range.start);
                    d.jump_mark = Some(mark);
                }
                None => d.reader.jump_to(block),
            }
            sel
        }
        _ => match step(sel, n, action, count) {
            Some(to) => to,
            None => return false,
        },
    };
    if let Some(text) = say {
        app.notify(text);
    }
    true
}

/// How long a jump target stays marked, in ticks of the runtime's 50 ms poll.
const JUMP_MARK_TICKS: u8 = 40;

fn points_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    let Some(d) = app.doc_mut() else {
        return matches!(
            action,
            Down | Up | Activate | Top | Bottom | Search | ClearSearch
        );
    };
    if action == Search {
        let filter = d.points_list.filter.clone();
        app.overlay = Some(Overlay::Prompt(Prompt::new(PromptKind::Filter, filter)));
        return true;
    }
    if action == ClearSearch {
        app.set_points_filter("");
        return true;
    }
    let visible = &d.points_list.matches;
    if visible.is_empty() {
        return matches!(action, Down | Up | Activate | Top | Bottom);
    }
    let at = d.points_list.selected_match();
    let to = match action {
        Activate => {
            let Some(p) = &d.points else { return true };
            let Some(pt) = p.get(&d.reader.article, visible[at]) else {
                return true;
            };
            let mark = JumpMark {
                block: pt.block,
                range: pt.range(),
                ticks: JUMP_MARK_TICKS,
            };
            d.reader.jump_to_offset(mark.block, mark.range.start);
            d.jump_mark = Some(mark);
            at
        }
        _ => match step(at, visible.len(), action, count) {
            Some(to) => to,
            None => return false,
        },
    };
    d.points_list.cursor.selected = d.points_list.matches[to];
    true
}

/// The outline and the side panel follow the cursor (unless they have focus) after a move.
pub(super) fn follow_panels(app: &mut App) {
    let (outline, side) = (
        app.show_outline && app.focus != Focus::Outline,
        app.focus != Focus::Side,
    );
    if let Some(d) = app.doc_mut() {
        if outline {
            d.sync_outline_to_cursor();
        }
        if side {
            d.sync_side_to_cursor();
        }
    }
}
