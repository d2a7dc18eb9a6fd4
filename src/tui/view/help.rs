//! The help screen, generated from the active keymap so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{popup, put};
use crate::layout::wrap::{width, wrap};
use crate::tui::app::App;
use crate::tui::input::Action;
use crate::tui::input::{Context, display_seq};

/// What lists do with the keys listed under "Everywhere" as scrolling.
const LIST_NOTE: &str = "Page keys move the selection by ten.";
const PANEL_NOTE: &str =
    "Page keys move the selection by ten; line scrolling and folds act on the article.";

/// The help screen's sections: a context, its title, and a note on what its rows cannot say.
const SECTIONS: [(Context, &str, Option<&str>); 5] = [
    (Context::Global, "Everywhere", None),
    (Context::Reader, "Reading", None),
    (Context::Outline, "Outline panel", Some(PANEL_NOTE)),
    (Context::Side, "Side panel", Some(PANEL_NOTE)),
    (Context::Library, "Library", Some(LIST_NOTE)),
];

const FOOTER: &str = "Counts: type a number before a motion (5j). Esc closes prompts.";

/// Columns before the keys of a row, and between the keys and the description.
const INDENT: usize = 2;
const GAP: usize = 2;
/// Narrower description columns than this are hard to read: descriptions go under their keys,
/// indented by [`NARROW_HANG`] more.
const MIN_DESCRIPTION_WIDTH: usize = 24;
const NARROW_HANG: usize = 4;

/// One entry of the help screen, before it is laid out to a width.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Title(&'static str),
    /// Keys (", "-separated) and what they do.
    Row {
        keys: String,
        description: &'static str,
    },
    /// A remark under a section's rows.
    Note(&'static str),
    /// A line of its own (the footer).
    Text(&'static str),
    Blank,
}

/// The help entries: per context, its bindings and the global ones it gives another meaning
/// ([`Action::description_in`]), one row per action.
fn entries(app: &App) -> Vec<Entry> {
    let mut out = Vec::new();
    for (ctx, title, note) in SECTIONS {
        let own = app.keymap.bindings(ctx);
        let active = app.keymap.active_bindings(ctx);
        let mut rows = Vec::new();
        for &action in Action::ALL {
            let specific = action.description_in(ctx);
            let source = if specific.is_some() { &active } else { &own };
            let keys: Vec<String> = source
                .iter()
                .filter(|(_, a)| *a == action)
                .map(|(k, _)| display_seq(k))
                .collect();
            if !keys.is_empty() {
                rows.push(Entry::Row {
                    keys: keys.join(", "),
                    description: specific.unwrap_or(action.description()),
                });
            }
        }
        if rows.is_empty() {
            continue;
        }
        out.push(Entry::Title(title));
        out.extend(rows);
        out.extend(note.map(Entry::Note));
        out.push(Entry::Blank);
    }
    out.push(Entry::Text(FOOTER));
    out
}

/// The help text laid out to `cols` columns: (line, is a title). Keys get a column as wide as
/// the longest key list (up to two fifths of the width), and keys and descriptions wrap within
/// their columns. Where that leaves descriptions too little room, each one goes under its keys,
/// indented. Nothing is cut off.
pub fn lines(app: &App, cols: usize) -> Vec<(String, bool)> {
    let entries = entries(app);
    let text_w = cols.saturating_sub(INDENT).max(1);
    let longest = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Row { keys, .. } => Some(width(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let key_w = longest.min(text_w * 2 / 5).max(1);
    let desc_w = text_w.saturating_sub(key_w + GAP);
    let columns = desc_w >= MIN_DESCRIPTION_WIDTH;
    let indent = |n: usize, s: &str| format!("{:n$}{s}", "");
    let wrapped = |s: &str, w: usize| -> Vec<String> {
        wrap(s, w).into_iter().map(|r| s[r].to_string()).collect()
    };
    let mut out = Vec::new();
    for e in entries {
        match e {
            Entry::Title(t) => out.push((t.to_string(), true)),
            Entry::Blank => out.push((String::new(), false)),
            Entry::Note(n) => out.extend(
                wrapped(n, text_w)
                    .into_iter()
                    .map(|l| (indent(INDENT, &l), false)),
            ),
            Entry::Text(s) => out.extend(wrapped(s, cols).into_iter().map(|l| (l, false))),
            Entry::Row { keys, description } if columns => {
                let k = wrapped(&keys, key_w);
                let d = wrapped(description, desc_w);
                for i in 0..k.len().max(d.len()) {
                    let key = k.get(i).map_or("", |s| s.as_str());
                    let desc = d.get(i).map_or("", |s| s.as_str());
                    let pad = key_w - width(key).min(key_w) + GAP;
                    let line = format!("{}{:pad$}{desc}", indent(INDENT, key), "");
                    out.push((line.trim_end().to_string(), false));
                }
            }
            Entry::Row { keys, description } => {
                for key in wrapped(&keys, text_w) {
                    out.push((indent(INDENT, &key), false));
                }
                let hang = INDENT + NARROW_HANG;
                for desc in wrapped(description, cols.saturating_sub(hang)) {
                    out.push((indent(hang, &desc), false));
                }
            }
        }
    }
    out
}

/// Where the help box goes in `full`.
fn help_area(full: Rect) -> Rect {
    let w = full.width.saturating_sub(4).min(90).max(full.width.min(10));
    let h = full.height.saturating_sub(2).max(1);
    Rect::new(full.x + (full.width - w) / 2, full.y, w, h)
}

/// How far the help can scroll at the app's terminal size (its last screenful at the bottom).
pub fn max_scroll(app: &App) -> usize {
    let area = help_area(Rect::new(0, 0, app.size.0, app.size.1));
    // As `popup` pads it: 2 columns each side, the border rows.
    let (w, h) = (area.width.saturating_sub(4), area.height.saturating_sub(2));
    lines(app, w as usize).len().saturating_sub(h as usize)
}

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
    let all = lines(app, inner.width as usize);
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
        Some(crate::tui::app::Overlay::Help { scroll }) => scroll.min(max),
        _ => 0,
    }
}
