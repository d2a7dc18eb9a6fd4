//! Where each part of the screen goes: a pure function of the terminal size and which panels
//! are shown (and which has focus). Kept in the state, so that update (scrolling, mouse
//! hit-testing) and the view always agree on it.

use ratatui::layout::Rect;

use super::Focus;

/// Where each part of the screen goes, for a given terminal size and panel visibility.
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

/// What the geometry depends on besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    pub show_outline: bool,
    pub show_side: bool,
    pub focus: Focus,
    /// The side panel's width as the reader set it (`None`: the default for the size).
    pub side_width: Option<u16>,
}

/// Smallest size that draws the full interface.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Reading width: long lines tire the eye.
const MAX_TEXT_WIDTH: u16 = 100;
/// Panels go beside the article only while it keeps this many columns.
const MIN_ARTICLE_WIDTH: u16 = 40;

/// Narrowest side panel the reader can set.
pub const MIN_SIDE_WIDTH: u16 = 24;
/// Columns the side panel's width changes by per key press.
pub const SIDE_WIDTH_STEP: u16 = 4;

/// The side panel's width on a terminal `w` columns wide: the reader's width kept within
/// [`MIN_SIDE_WIDTH`] and what leaves the article its columns, or a third of the terminal.
pub fn side_width(w: u16, wanted: Option<u16>) -> u16 {
    match wanted {
        Some(x) => x.clamp(
            MIN_SIDE_WIDTH,
            w.saturating_sub(MIN_ARTICLE_WIDTH).max(MIN_SIDE_WIDTH),
        ),
        None => (w / 3).clamp(28, 48),
    }
}

/// The screen's parts for a terminal of `(w, h)` cells.
pub fn areas((w, h): (u16, u16), p: Panels) -> Areas {
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return Areas::default();
    }
    let status = Rect::new(0, h - 2, w, 1);
    let bottom = Rect::new(0, h - 1, w, 1);
    let main_h = h - 2;
    // The side panel goes beside the article first, then the outline, each only if the
    // article keeps MIN_ARTICLE_WIDTH columns.
    let sw = side_width(w, p.side_width);
    let side_beside = p.show_side && w.saturating_sub(sw) >= MIN_ARTICLE_WIDTH;
    let right = if side_beside { w - sw } else { w };
    let ow = (w / 4).clamp(20, 36);
    let outline_beside = p.show_outline && right.saturating_sub(ow) >= MIN_ARTICLE_WIDTH;
    let x = if outline_beside { ow } else { 0 };
    let article = Rect::new(x, 0, right - x, main_h);
    let mut outline = outline_beside.then(|| Rect::new(0, 0, ow, main_h));
    let mut side = side_beside.then(|| Rect::new(right, 0, sw, main_h));
    // A focused panel that has no room beside the article covers it.
    let covered = match p.focus {
        Focus::Outline if p.show_outline && !outline_beside => {
            outline = Some(article);
            true
        }
        Focus::Side if p.show_side && !side_beside => {
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

impl Areas {
    /// The library screen: the whole area above the status line.
    pub fn library(&self) -> Rect {
        self.article
            .union(self.outline.unwrap_or(self.article))
            .union(self.side.unwrap_or(self.article))
    }

    /// The library's list: where its first entry goes, and how many entries fit (each takes
    /// [`LIBRARY_ROWS_PER_ENTRY`] rows).
    pub fn library_list(&self) -> (u16, usize) {
        let area = self.library();
        let list_y = area.y + 4;
        let room = (area.bottom().saturating_sub(list_y) / LIBRARY_ROWS_PER_ENTRY).max(1) as usize;
        (list_y, room)
    }

    /// The outline's list rows inside its border.
    pub fn outline_list(&self) -> Option<Rect> {
        self.outline.map(outline_list_area)
    }

    /// The side panel's body under its tabs.
    pub fn side_body(&self) -> Option<Rect> {
        self.side.map(side_body)
    }
}

/// Rows each library entry takes: title, detail, a blank.
pub const LIBRARY_ROWS_PER_ENTRY: u16 = 3;

/// Rows of the outline list inside its border.
pub fn outline_list_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width.saturating_sub(1),
        area.height.saturating_sub(1),
    )
}

/// Inside the side panel's left border and padding: tabs on the first row.
pub fn side_inner(area: Rect) -> Rect {
    Rect::new(
        area.x + 2,
        area.y,
        area.width.saturating_sub(3),
        area.height,
    )
}

/// The side panel's body: under the tabs and a blank row.
pub fn side_body(area: Rect) -> Rect {
    let inner = side_inner(area);
    Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2),
    )
}

/// The Points tab's list: the body under its header line.
pub fn points_list(body: Rect) -> Rect {
    Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    )
}

/// Rows of the Tone tab's header: the arc, the range, the axis (only the arc on a panel too
/// short for them, so the chart keeps rows).
pub fn tone_head_rows(body: Rect) -> u16 {
    if body.height >= 8 { 3 } else { 1 }
}

/// The Tone tab's chart rows: the body under its header and axis legend, above the selected
/// row's explanation (a blank row and up to `tone_rows::DETAIL_LINES`).
pub fn tone_list(body: Rect) -> Rect {
    let detail = tone_detail_rows(body);
    let head = tone_head_rows(body);
    Rect::new(
        body.x,
        body.y + head,
        body.width,
        body.height.saturating_sub(head + detail),
    )
}

/// Rows under the chart for the selected row's explanation (with the blank row above it).
fn tone_detail_rows(body: Rect) -> u16 {
    let want = super::tone_rows::DETAIL_LINES as u16 + 1;
    if body.height >= 3 + want + 6 { want } else { 0 }
}

/// Where the Tone tab's explanation of the selected row goes (empty on a short panel).
pub fn tone_detail(body: Rect) -> Rect {
    let list = tone_list(body);
    let y = list.bottom() + 1;
    Rect::new(body.x, y, body.width, body.bottom().saturating_sub(y))
}

/// Where the help box goes in `full`.
pub fn help_area(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(90).max(full.width.min(10));
    let h = full.height.saturating_sub(2).max(1);
    Rect::new(full.x + (full.width - w) / 2, full.y, w, h)
}

/// The inside of a popup box drawn over `area`, `pad` columns in from each side.
pub fn popup_inner(area: Rect, pad: u16) -> Rect {
    Rect::new(
        area.x + pad,
        area.y + 1,
        area.width.saturating_sub(2 * pad),
        area.height.saturating_sub(2),
    )
}
