//! The library: the articles to choose from.

use ratatui::buffer::Buffer;

use super::{Areas, ellipsize, put};
use crate::tui::app::App;

pub fn draw(app: &App, a: Areas, buf: &mut Buffer) {
    let t = &app.theme;
    let area = a
        .article
        .union(a.outline.unwrap_or(a.article))
        .union(a.side.unwrap_or(a.article));
    let x = area.x + 2;
    let w = area.width.saturating_sub(4);
    if let (Some(name), false) = (&app.loading, app.from_library) {
        // Opening one article directly: no list, just what is loading.
        let msg = ellipsize(&format!("Loading {name}…"), w as usize);
        put(buf, x, area.y + area.height / 2, &msg, w, t.dim);
        return;
    }
    put(buf, x, area.y + 1, "Tenor — library", w, t.heading(1));
    put(
        buf,
        x,
        area.y + 2,
        "Enter opens an article; q quits.",
        w,
        t.dim,
    );
    let list_y = area.y + 4;
    let per = 3u16;
    let n = app.entries.len();
    let room = (area.bottom().saturating_sub(list_y) / per).max(1) as usize;
    let first = scroll_to_selection(app, room);
    let shown = n.saturating_sub(first).min(room);
    for (row, (i, e)) in app
        .entries
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .enumerate()
    {
        let y = list_y + row as u16 * per;
        let selected = i == app.lib_selected;
        let title_style = if selected { t.selection } else { t.strong };
        if selected {
            put(buf, x, y, "▌ ", 2, t.cursor_marker);
        }
        put(
            buf,
            x + 2,
            y,
            &ellipsize(&e.title, w.saturating_sub(2) as usize),
            w.saturating_sub(2),
            title_style,
        );
        let mut detail = format!("{} · {}", e.name, e.detail);
        // How far the reader got, when the article was read before.
        if let Some(st) = e.key.as_ref().and_then(|k| app.reading.articles.get(k)) {
            detail = match st.percent {
                100.. => format!("{detail} · read to the end"),
                p => format!("{detail} · {p}% read"),
            };
        }
        if y + 1 < area.bottom() {
            put(
                buf,
                x + 2,
                y + 1,
                &ellipsize(&detail, w.saturating_sub(2) as usize),
                w.saturating_sub(2),
                if e.problem { t.warning } else { t.dim },
            );
        }
    }
    if app.entries.is_empty() {
        put(buf, x, list_y, "No articles found.", w, t.warning);
    }
    // Entries out of view: counted in the blank lines above and below the list.
    let w2 = w.saturating_sub(2);
    if first > 0 && list_y > area.y + 3 {
        put(
            buf,
            x + 2,
            list_y - 1,
            &format!("↑ {first} more"),
            w2,
            t.dim,
        );
    }
    let below = n - first - shown;
    let below_y = list_y + shown as u16 * per - 1;
    if below > 0 && below_y < area.bottom() {
        put(buf, x + 2, below_y, &format!("↓ {below} more"), w2, t.dim);
    }
}

/// The first entry to show, `room` at a time: where the list was, moved only as far as it
/// takes to show the selection (after a move or a resize).
fn scroll_to_selection(app: &App, room: usize) -> usize {
    let n = app.entries.len();
    let sel = app.lib_selected.min(n.saturating_sub(1));
    let mut first = app.lib_top.get().min(n.saturating_sub(room));
    if sel < first {
        first = sel;
    } else if sel >= first + room {
        first = sel + 1 - room;
    }
    app.lib_top.set(first);
    first
}
