//! The messages box: the recent status-line messages in full, over the screen.

use ratatui::buffer::Buffer;

use super::{popup, put};
use crate::tui::state::messages::{area, lines};
use crate::tui::state::{App, Level, Overlay};

pub fn draw(app: &App, buf: &mut Buffer) {
    let t = &app.theme;
    let area = area(app.size).intersection(buf.area);
    let inner = popup(
        area,
        " Messages — j/k scroll, Esc close ",
        t.border_focused,
        2,
        buf,
    );
    let all = lines(&app.status, inner.width as usize);
    let max = all.len().saturating_sub(inner.height as usize);
    let scroll = match app.overlay {
        Some(Overlay::Messages { scroll }) => scroll.min(max),
        _ => 0,
    };
    for (i, (line, level)) in all
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let style = match level {
            Level::Warning => t.warning,
            Level::Info => t.text,
        };
        put(buf, inner.x, inner.y + i as u16, line, inner.width, style);
    }
}
