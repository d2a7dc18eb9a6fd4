//! The messages box (`<`): the recent status-line messages in full; scrolls like the help.

use super::msg::Effect;
use crate::tui::input::{Key, KeyCode};
use crate::tui::state::{App, Overlay, messages};

/// Open the box, the newest message in view.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    let scroll = messages::open_scroll(&app.status, app.size);
    app.overlay = Some(Overlay::Messages { scroll });
    Vec::new()
}

/// A key while the box is open: scroll, or close (Esc, q, `<`); Ctrl-c still quits.
pub(super) fn key(app: &mut App, scroll: usize, k: Key) -> Vec<Effect> {
    if k.ctrl && k.code == KeyCode::Char('c') {
        return vec![Effect::Quit];
    }
    let close = matches!(
        k.code,
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char('<')
    );
    if close {
        return Vec::new();
    }
    let scroll = match k.code {
        KeyCode::Char('j') | KeyCode::Down => scroll.saturating_add(1),
        KeyCode::Char('k') | KeyCode::Up => scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(10),
        KeyCode::PageUp | KeyCode::Char('b') => scroll.saturating_sub(10),
        KeyCode::Char('g') | KeyCode::Home => 0,
        KeyCode::Char('G') | KeyCode::End => usize::MAX,
        _ => scroll,
    }
    .min(messages::max_scroll(&app.status, app.size));
    app.overlay = Some(Overlay::Messages { scroll });
    Vec::new()
}
