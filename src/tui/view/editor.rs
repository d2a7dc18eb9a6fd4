//! The note editor box: the quote annotated (dimmed) above the note, the note wrapped to the
//! box and scrolled to its cursor (both settled in the state), and on the bottom line the
//! editor's keys, or the question asked when a changed note is closed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use super::{ellipsize, popup, put};
use crate::tui::state::App;
use crate::tui::state::editor::{NoteEditor, layout, text_width, wrap_row};

/// The keys shown on the bottom line while editing (they are fixed, not in the keymap).
const HINTS: [(&str, &str); 4] = [
    ("Ctrl-s", "save"),
    ("Esc", "close"),
    ("Enter", "new line"),
    ("Ctrl-c", "save and quit"),
];

pub(super) fn draw(app: &App, e: &NoteEditor, bottom: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = layout(app.size);
    if l.text.width == 0 || l.text.height == 0 {
        return;
    }
    let title = if e.id.is_some() {
        " Edit note "
    } else {
        " New note "
    };
    popup(l.outer, title, t.border_focused, 2, buf);
    buf.set_style(
        Rect::new(
            l.outer.x + 1,
            l.outer.y + 1,
            l.outer.width.saturating_sub(2),
            l.outer.height.saturating_sub(2),
        ),
        t.text,
    );
    draw_quote(app, e, l.quote, buf);
    draw_text(app, e, l.text, buf);
    draw_bottom(app, e, bottom, buf);
}

/// The quote on its rows, the last cut with an ellipsis when it goes on; one line of it.
fn draw_quote(app: &App, e: &NoteEditor, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let style = app.theme.dim.add_modifier(Modifier::ITALIC);
    let quote = &e.quote;
    let width = area.width as usize;
    let pieces = wrap_row(quote, width);
    let rows = area.height as usize;
    for (i, p) in pieces.iter().take(rows).enumerate() {
        let mut s = quote[p.clone()].to_string();
        if i + 1 == rows && pieces.len() > rows {
            let cut = format!("{} …", s.trim_end());
            s = if text_width(&cut) <= width {
                cut
            } else {
                ellipsize(&format!("{s}  "), width)
            };
        }
        put(buf, area.x, area.y + i as u16, &s, area.width, style);
    }
}

/// The note's rows from `e.top` (laid out by the state), and the cursor.
fn draw_text(app: &App, e: &NoteEditor, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let lines = e.text.lines();
    let shown = e
        .rows
        .iter()
        .enumerate()
        .skip(e.top)
        .take(area.height as usize);
    for (y, (row, (li, piece))) in (area.y..).zip(shown) {
        let Some(text) = lines.get(*li).and_then(|l| l.get(piece.clone())) else {
            continue;
        };
        put(buf, area.x, y, text, area.width, t.text);
        if row == e.cursor_at.0 {
            let x = e.cursor_at.1.min((area.width as usize).saturating_sub(1)) as u16;
            if let Some(cell) = buf.cell_mut((area.x + x, y)) {
                cell.set_style(t.selection);
            }
        }
    }
}

/// The bottom line: the question when closing a changed note, else a message being said,
/// else the editor's keys.
fn draw_bottom(app: &App, e: &NoteEditor, b: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    if !e.asking && app.status.message.is_some() {
        return;
    }
    Clear.render(b, buf);
    buf.set_style(b, t.text);
    if e.asking {
        put(
            buf,
            b.x,
            b.y,
            "Save this note? y/n (Esc: keep editing)",
            b.width,
            t.warning,
        );
        return;
    }
    let mut x = b.x;
    for (k, what) in HINTS {
        let room = b.right().saturating_sub(x);
        if room < (k.len() + what.len() + 3) as u16 {
            break;
        }
        x += put(buf, x, b.y, k, room, t.key_hint_key);
        x += put(buf, x, b.y, &format!(" {what}  "), room, t.key_hint_desc);
    }
}
