//! The library: the articles to choose from.

use ratatui::buffer::Buffer;

use super::{ellipsize, put};
use crate::tui::state::Areas;
use crate::tui::state::geometry::LIBRARY_ROWS_PER_ENTRY;
use crate::tui::state::{App, EntryStatus};

pub fn draw(app: &App, a: Areas, buf: &mut Buffer) {
    let t = &app.theme;
    let area = a.library();
    let x = area.x + 2;
    let w = area.width.saturating_sub(4);
    if let (Some(load), false) = (&app.load, app.library.from_library) {
        let name = &load.name;
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
    let (list_y, room) = a.library_list();
    let per = LIBRARY_ROWS_PER_ENTRY;
    let entries = &app.library.entries;
    let n = entries.len();
    let first = app.library.cursor.top.min(n.saturating_sub(1));
    let shown = n.saturating_sub(first).min(room);
    for (row, (i, e)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .enumerate()
    {
        let y = list_y + row as u16 * per;
        let selected = i == app.library.cursor.selected;
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
        if let Some(st) = e
            .key
            .as_ref()
            .and_then(|k| app.places.store.articles.get(&k.to_string()))
        {
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
                if e.status == EntryStatus::Unreadable {
                    t.warning
                } else {
                    t.dim
                },
            );
        }
    }
    if entries.is_empty() {
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
