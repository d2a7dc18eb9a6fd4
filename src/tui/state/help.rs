//! The help screen's text, generated from the active keymap so it is never out of date.

use ratatui::layout::Rect;

use super::geometry::{help_area, popup_inner};
use crate::layout::wrap::{width, wrap};
use crate::tui::input::{Action, Context, Keymap, display_seq};

/// What lists do with the keys listed under "Everywhere" as scrolling.
const LIST_NOTE: &str = "Page keys move the selection by ten.";
const PANEL_NOTE: &str =
    "Page keys move the selection by ten; line scrolling and folds act on the article.";

/// The help screen's sections: a context, its title, and a note on what its rows cannot say.
const SECTIONS: [(Context, &str, Option<&str>); 6] = [
    (Context::Global, "Everywhere", None),
    (Context::Reader, "Reading", None),
    (Context::Outline, "Outline panel", Some(PANEL_NOTE)),
    (Context::Side, "Side panel", Some(PANEL_NOTE)),
    (Context::Library, "Library", Some(LIST_NOTE)),
    (
        Context::Select,
        "Selecting (after v or V)",
        Some(EDITOR_NOTE),
    ),
];

/// The note editor's keys are fixed (not in the keymap), so help says them here.
const EDITOR_NOTE: &str = "a opens the note editor, whose keys are fixed: Enter new line, \
Ctrl-s save, Esc close (asks first when the note changed), Ctrl-c save and quit; arrows, \
Home/End, PageUp/PageDown, Ctrl-w, Ctrl-u, Ctrl-k, Alt-b/Alt-f as in a prompt.";

const FOOTER: &str = "Counts: type a number before a motion (5j). Esc closes prompts. To select text with the \
mouse while Tenor has it, hold Shift and drag (most terminals), or press M. Web links are \
terminal hyperlinks (OSC 8): with the mouse off (M), a click (Ctrl-click in some terminals) opens one.";

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
fn entries(keymap: &Keymap) -> Vec<Entry> {
    let mut out = Vec::new();
    for (ctx, title, note) in SECTIONS {
        let own = keymap.bindings(ctx);
        let active = keymap.active_bindings(ctx);
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
pub fn lines(keymap: &Keymap, cols: usize) -> Vec<(String, bool)> {
    let entries = entries(keymap);
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

/// How far the help can scroll in a terminal of `size` (its last screenful at the bottom).
pub fn max_scroll(keymap: &Keymap, size: (u16, u16)) -> usize {
    let area = help_area(Rect::new(0, 0, size.0, size.1));
    // As the view's popup pads it: 2 columns each side, the border rows.
    let inner = popup_inner(area, 2);
    lines(keymap, inner.width as usize)
        .len()
        .saturating_sub(inner.height as usize)
}
