//! Keys that need more than a count: `{count}G` and `{count}%` (the count says where), marks
//! (`m`/`'` then a letter), and the notice for a key that is bound to nothing.

use super::Effect;
use crate::tui::input::{Action, Key, KeyCode, display_seq};
use crate::tui::state::{App, Focus, MarkOp, Screen};

fn in_reader(app: &App) -> bool {
    app.screen == Screen::Reader && app.focus == Focus::Reader && app.doc.is_some()
}

/// The letter after `m` or `'`. Returns effects when the key was taken.
pub(super) fn mark_letter(app: &mut App, k: Key) -> Option<Vec<Effect>> {
    let op = app.awaiting_mark.take()?;
    app.status.message = None;
    let letter = match k.code {
        KeyCode::Char(c) if c.is_ascii_lowercase() && !k.ctrl && !k.alt => c,
        KeyCode::Esc => return Some(Vec::new()),
        _ => {
            app.warn(format!("Marks are letters a-z, not {k}"));
            return Some(Vec::new());
        }
    };
    let Some(r) = app.reader_mut() else {
        return Some(Vec::new());
    };
    match op {
        MarkOp::Set => {
            r.set_mark(letter);
            app.notify(format!("Mark '{letter}' set"));
        }
        MarkOp::Goto => {
            if r.goto_mark(letter) {
                super::panels::follow_panels(app);
            } else {
                app.warn(format!("Mark '{letter}' is not set (m{letter} sets it)"));
            }
        }
    }
    Some(Vec::new())
}

/// Actions whose count is an address rather than a repeat. True when handled.
pub(super) fn counted(app: &mut App, action: Action, count: Option<usize>) -> bool {
    if !in_reader(app) {
        return false;
    }
    match (action, count) {
        (Action::Bottom, Some(n)) => {
            app.status.message = None;
            if let Some(r) = app.reader_mut() {
                r.push_jump();
                r.goto_line(n);
            }
        }
        (Action::GotoPercent, Some(n)) => {
            app.status.message = None;
            if let Some(r) = app.reader_mut() {
                r.push_jump();
                r.goto_percent(n);
            }
        }
        (Action::GotoPercent, None) => {
            app.warn("Type a count first: 50% goes half-way through");
            return true;
        }
        _ => return false,
    }
    super::panels::follow_panels(app);
    true
}

/// Marks and view placement in the reader. True when handled.
pub(super) fn action(app: &mut App, action: Action) -> bool {
    let op = match action {
        Action::SetMark => MarkOp::Set,
        Action::GotoMark => MarkOp::Goto,
        Action::CursorTop | Action::CursorMiddle | Action::CursorBottom => {
            if let Some(r) = app.reader_mut() {
                match action {
                    Action::CursorTop => r.cursor_to_top(),
                    Action::CursorMiddle => r.cursor_to_middle(),
                    _ => r.cursor_to_bottom(),
                }
            }
            return true;
        }
        _ => return false,
    };
    if app.doc.is_some() {
        app.awaiting_mark = Some(op);
    }
    true
}

/// A key that completes no binding: say so, rather than doing nothing silently (not for
/// `Esc`, which cancels).
pub(super) fn unbound(app: &mut App, typed: &[Key], k: Key) {
    if k.code == KeyCode::Esc {
        return;
    }
    let mut keys = typed.to_vec();
    keys.push(k);
    app.notify(format!(
        "{} is not bound to anything (F1: help)",
        display_seq(&keys)
    ));
}
