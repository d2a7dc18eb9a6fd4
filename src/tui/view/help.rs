//! The help screen: its text (from the keymap) in a box over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{popup, put};
use crate::tui::state::geometry::help_area;
use crate::tui::state::help::lines;
use crate::tui::state::{App, Overlay};

pub fn draw(app: &App, full: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let area = help_area(full);
    let inner = popup(
        area,
        " Help — j/k scroll, ? or Esc close ",
        t.border_focused,
        2,
        buf,
    );
    let all = lines(&app.keymap, inner.width as usize);
    let max_scroll = all.len().saturating_sub(inner.height as usize);
    for (i, (line, is_title)) in all
        .iter()
        .skip(scroll_clamp(app, max_scroll))
        .take(inner.height as usize)
        .enumerate()
    {
        let style = if *is_title { t.heading(1) } else { t.text };
        put(buf, inner.x, inner.y + i as u16, line, inner.width, style);
    }
}

fn scroll_clamp(app: &App, max: usize) -> usize {
    match app.overlay {
        Some(Overlay::Help { scroll }) => scroll.min(max),
        _ => 0,
    }
}
