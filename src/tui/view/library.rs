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
    let room = (area.bottom().saturating_sub(list_y) / per).max(1) as usize;
    let first = app.lib_selected.saturating_sub(room - 1);
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
        let mark = if selected { "▌ " } else { "  " };
        put(buf, x, y, mark, 2, t.cursor_marker);
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
}
