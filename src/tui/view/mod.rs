//! Drawing: reads `&App` only. The article pane draws just the visible rows.

mod help;
mod library;
mod outline;
mod points;
mod reader;
mod side;
mod status;
pub mod tone;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, Overlay, Screen};

pub use help::max_scroll as help_max_scroll;
pub use outline::{list_area as outline_list_area, scroll_for as outline_scroll_for};

/// Where each part of the screen goes, for a given terminal size and panel visibility. Used by
/// the view and by mouse handling, so they always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub outline: Option<Rect>,
    /// The article pane (text plus margins).
    pub article: Rect,
    /// Where article rows are drawn.
    pub text: Rect,
    pub side: Option<Rect>,
    /// A focused panel with no room beside the article is drawn over it: the article is not
    /// drawn (its size stays, so it never re-wraps when focus moves).
    pub covered: bool,
    pub status: Rect,
    /// The bottom line: prompt, message or key hints.
    pub bottom: Rect,
}

/// Smallest size that draws the full interface.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Reading width: long lines tire the eye.
const MAX_TEXT_WIDTH: u16 = 100;
/// Panels go beside the article only while it keeps this many columns.
const MIN_ARTICLE_WIDTH: u16 = 40;

pub fn areas(app: &App) -> Areas {
    let (w, h) = app.size;
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Areas::default();
    }
    let status = Rect::new(0, h - 2, w, 1);
    let bottom = Rect::new(0, h - 1, w, 1);
    let main_h = h - 2;
    // The side panel goes beside the article first, then the outline, each only if the
    // article keeps MIN_ARTICLE_WIDTH columns.
    let sw = (w / 3).clamp(28, 48);
    let side_beside = app.show_side && w.saturating_sub(sw) >= MIN_ARTICLE_WIDTH;
    let right = if side_beside { w - sw } else { w };
    let ow = (w / 4).clamp(20, 36);
    let outline_beside = app.show_outline && right.saturating_sub(ow) >= MIN_ARTICLE_WIDTH;
    let x = if outline_beside { ow } else { 0 };
    let article = Rect::new(x, 0, right - x, main_h);
    let mut outline = outline_beside.then(|| Rect::new(0, 0, ow, main_h));
    let mut side = side_beside.then(|| Rect::new(right, 0, sw, main_h));
    // A focused panel that has no room beside the article covers it.
    let covered = match app.focus {
        Focus::Outline if app.show_outline && !outline_beside => {
            outline = Some(article);
            true
        }
        Focus::Side if app.show_side && !side_beside => {
            side = Some(article);
            true
        }
        _ => false,
    };
    let margin = if article.width >= 40 { 2 } else { 0 };
    let tw = article
        .width
        .saturating_sub(margin * 2)
        .clamp(1, MAX_TEXT_WIDTH);
    let text = Rect::new(article.x + margin, 0, tw, main_h);
    Areas {
        outline,
        article,
        text,
        side,
        covered,
        status,
        bottom,
    }
}

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
    let a = areas(app);
    match app.screen {
        Screen::Library => library::draw(app, a, buf),
        Screen::Reader => {
            if let Some(o) = a.outline {
                outline::draw(app, o, buf);
            }
            if !a.covered {
                reader::draw(app, &a, buf);
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
        None => {}
    }
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
    Rect::new(
        area.x + pad,
        area.y + 1,
        area.width.saturating_sub(2 * pad),
        area.height.saturating_sub(2),
    )
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
