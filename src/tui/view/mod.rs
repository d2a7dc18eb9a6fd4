//! Drawing: reads `&App` only and writes nothing back; the geometry, scroll positions and
//! the side panel's rows were settled by `update`. The article pane draws just the visible
//! rows.

mod help;
pub mod hyperlink;
mod library;
mod links;
mod messages;
mod notes;
mod outline;
mod points;
mod reader;
mod side;
mod status;
pub mod tone;
// The multi-line note editor.
mod editor;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::state::geometry::{MIN_HEIGHT, MIN_WIDTH, popup_inner};
use super::state::{App, Overlay, Screen};

/// Draw the whole frame.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    render(app, area, buf);
}

/// Draw into a buffer (the whole of `area`).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let a = app.areas;
    let mut links = Vec::new();
    match app.screen {
        Screen::Library => library::draw(app, a, buf),
        Screen::Reader => {
            if let Some(o) = a.outline {
                outline::draw(app, o, buf);
            }
            if !a.covered {
                links = reader::draw(app, &a, buf);
            }
            if let Some(s) = a.side {
                side::draw(app, s, buf);
            }
        }
    }
    status::draw(app, &a, buf);
    match &app.overlay {
        Some(Overlay::Help { .. }) => help::draw(app, area, buf),
        Some(Overlay::Prompt(p)) => status::draw_prompt(app, p, &a, area, buf),
        Some(Overlay::Messages { .. }) => messages::draw(app, buf),
        Some(Overlay::Editor(e)) => editor::draw(app, e, a.bottom, buf),
        None => {}
    }
    // Last, so only the link text nothing was drawn over becomes a hyperlink.
    hyperlink::apply(&links, buf);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = "Terminal too small";
    for (i, line) in [msg, "(enlarge it)"].iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() || area.width == 0 {
            break;
        }
        put(buf, area.x, y, line, area.width, Style::new());
    }
}

/// Clear `area`, draw a bordered box titled `title`, and return the inside, `pad` columns in
/// from each side.
pub(crate) fn popup(area: Rect, title: &str, border: Style, pad: u16, buf: &mut Buffer) -> Rect {
    use ratatui::widgets::{Block, Borders, Clear, Widget};
    Clear.render(area, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title)
        .render(area, buf);
    popup_inner(area, pad)
}

/// Write `s` at (x, y), clipped to `max` columns. Returns the columns used.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    if max == 0 {
        return 0;
    }
    // Article text is sanitized at ingestion; anything else (file names, config messages)
    // passes through here, the last guard before the terminal.
    let s = crate::article::text::sanitize(s);
    let (end_x, _) = buf.set_stringn(x, y, &s, max as usize, style);
    end_x.saturating_sub(x)
}

/// Truncate to `max` columns with an ellipsis.
pub(crate) fn ellipsize(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}
