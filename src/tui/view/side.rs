//! The side panel: tabs for key points and tone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::put;
use crate::layout::wrap::wrap;
use crate::tui::state::geometry::{side_body, side_inner};
use crate::tui::state::{App, Focus, SideTab};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let focused = app.focus == Focus::Side;
    Block::new()
        .borders(Borders::LEFT)
        .border_style(if focused { t.border_focused } else { t.border })
        .render(area, buf);
    let inner = side_inner(area);
    // Tabs.
    let mut x = inner.x;
    for tab in app.side_tabs() {
        let active = tab == app.side_tab;
        let label = format!(" {} ", tab.title());
        // Focus shows in the border; the active tab keeps its own colours.
        let style = if active { t.tab_active } else { t.tab_inactive };
        let room = inner.right().saturating_sub(x);
        x += put(buf, x, inner.y, &label, room, style);
        x += put(buf, x, inner.y, " ", inner.right().saturating_sub(x), t.dim);
    }
    let body = side_body(area);
    if app.doc.is_some() {
        match app.side_tab {
            SideTab::Tone => return super::tone::draw(app, body, buf),
            SideTab::Points => return super::points::draw(app, body, buf),
            SideTab::Notes => return super::notes::draw_tab(app, body, buf),
        }
    }
    let empty = match app.side_tab {
        SideTab::Points => {
            "Key points will appear here: the article's bullet points, grouped under the sentence that introduces them, and the most telling sentences of sections without lists."
        }
        SideTab::Tone => {
            "The tone timeline will appear here: how the tone moves through the article, where it turns, and the words that turn it."
        }
        SideTab::Notes => "The article's notes and highlights will appear here.",
    };
    empty_state(empty, body, t.dim, buf);
}

/// A wrapped, dimmed explanation of what a panel will show.
pub fn empty_state(text: &str, area: Rect, style: ratatui::style::Style, buf: &mut Buffer) {
    for (i, r) in wrap(text, area.width as usize).into_iter().enumerate() {
        if i as u16 >= area.height {
            break;
        }
        put(buf, area.x, area.y + i as u16, &text[r], area.width, style);
    }
}
