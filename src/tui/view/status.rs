//! The status bar (mode, title, section path, search count, position) and the bottom line (key
//! hints generated from the keymap, messages, prompts).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, popup, put};
use crate::plural::plural;
use crate::tui::input::Action;
use crate::tui::input::{Context, display_seq};
use crate::tui::state::Areas;
use crate::tui::state::{App, Focus, Level, Prompt, PromptKind, Screen, SideTab};

/// The actions hinted at the bottom for each context, most useful first.
fn hint_actions(ctx: Context) -> &'static [Action] {
    use Action::*;
    match ctx {
        Context::Library => &[Down, Up, Activate, Help, Back],
        Context::Reader => &[
            Down,
            NextHeading,
            ToggleFold,
            CloseAllFolds,
            Search,
            GotoSection,
            FocusNext,
            Help,
            Back,
        ],
        Context::Outline => &[Down, Activate, Collapse, Expand, FocusNext, Help, Back],
        Context::Side => &[NextSideTab, Down, Activate, FocusNext, Help, Back],
        Context::Global => &[Help, Quit],
        Context::Select => &[
            ExtendSentence,
            ExtendWord,
            Highlight,
            AddNote,
            AddTags,
            CancelSelection,
        ],
    }
}

/// "key description" pairs for the context, from the active keymap.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let ctx = app.context();
    let bindings = app.keymap.active_bindings(ctx);
    hint_actions(ctx)
        .iter()
        .filter_map(|&a| {
            let keys = bindings.iter().find(|(_, b)| *b == a)?;
            // In the library, and in an article not opened from a library, `q` (back) has
            // nowhere to go back to: it quits.
            let quits = !app.back_to_library();
            let name = match (ctx, a) {
                (Context::Library, Action::Back) => "quit",
                (Context::Reader, Action::Back) if quits => "quit",
                _ => short_name(a),
            };
            Some((display_seq(&keys.0), name))
        })
        .collect()
}

fn short_name(a: Action) -> &'static str {
    use Action::*;
    match a {
        Down => "down",
        Up => "up",
        Activate => "open",
        Help => "help",
        Back => "back",
        NextHeading => "next section",
        ToggleFold => "fold",
        CloseAllFolds => "fold all",
        Search => "search",
        GotoSection => "go to",
        FocusNext => "panels",
        Collapse => "collapse",
        Expand => "expand",
        NextSideTab => "tab",
        Quit => "quit",
        ExtendSentence => "sentence",
        ExtendWord => "word",
        Highlight => "highlight",
        AddNote => "note",
        AddTags => "tags",
        CancelSelection => "cancel",
        _ => a.name(),
    }
}

pub fn draw(app: &App, a: &Areas, buf: &mut Buffer) {
    let t = &app.theme;
    let area = a.status;
    buf.set_style(area, t.status_bar);
    let mode = match (app.screen, app.focus, &app.overlay) {
        (_, _, Some(crate::tui::state::Overlay::Help { .. })) => "HELP",
        (_, _, Some(crate::tui::state::Overlay::Prompt(p))) => match p.kind {
            PromptKind::Search { .. } => "SEARCH",
            PromptKind::Goto { .. } => "GO TO",
            PromptKind::Filter => "FILTER",
            PromptKind::Links { .. } => "LINKS",
            PromptKind::NotesFilter => "FILTER",
            PromptKind::Tags { .. } => "TAGS",
        },
        (Screen::Reader, Focus::Reader, _) if app.doc().is_some_and(|d| d.selection.is_some()) => {
            "SELECT"
        }
        (Screen::Library, _, _) => "LIBRARY",
        (Screen::Reader, Focus::Reader, _) => "READ",
        (Screen::Reader, Focus::Outline, _) => "OUTLINE",
        (Screen::Reader, Focus::Side, _) => match app.side_tab {
            SideTab::Points => "POINTS",
            SideTab::Tone => "TONE",
            SideTab::Notes => "NOTES",
        },
    };
    let mut x = area.x;
    x += put(
        buf,
        x,
        area.y,
        &format!(" {mode} "),
        area.width,
        t.status_mode,
    );
    let mut right = String::new();
    let mut left = String::new();
    match (app.screen, app.reader()) {
        (Screen::Reader, Some(r)) => {
            // Title › section › subsection; a top section that repeats the title is left out.
            let mut path = r.section_path_titles();
            if path.first() == Some(&r.article.meta.title) {
                path.remove(0);
            }
            path.insert(0, r.article.meta.title.clone());
            left = path.join(" › ");
            if let Some(s) = r.search.status() {
                right.push_str(&s);
                right.push_str("  ");
            }
            if app.doc().is_some_and(|d| d.whole) {
                right.push_str("whole page  ");
            }
            // A guessed encoding may be wrong: say which one was assumed.
            if let Some(e) = r.article.meta.encoding.as_deref()
                && r.article.meta.encoding_guessed
            {
                right.push_str(&format!("{}?  ", crate::article::text::sanitize(e)));
            }
            right.push_str(&format!("{:>3}% ", r.percent()));
        }
        _ => {
            left.push_str(&plural(app.library.entries.len(), "article", "articles"));
            if let Some(l) = &app.load {
                right.push_str(&format!("Loading {}… ", l.name));
            } else if let Some(s) = app.library.scan {
                right.push_str(&format!("Reading {}/{}… ", s.done, s.total));
            }
        }
    }
    let room = area.right().saturating_sub(x + 1);
    let right_w = (right.width() as u16).min(room);
    let left_room = room.saturating_sub(right_w + 1);
    put(
        buf,
        x + 1,
        area.y,
        &crumbs(&left, left_room as usize),
        left_room,
        t.status_bar,
    );
    put(
        buf,
        area.right() - right_w,
        area.y,
        &right,
        right_w,
        t.status_bar,
    );

    // Bottom line: a message, else key hints.
    let b = a.bottom;
    if let Some(m) = &app.status.message {
        let style = match m.level {
            Level::Warning => t.warning,
            Level::Info => t.text,
        };
        let more = more_hint(app, &m.text, b.width as usize);
        let more_w = (more.width() as u16).min(b.width);
        let room = b.width - more_w;
        put(
            buf,
            b.x,
            b.y,
            &ellipsize(&m.text, room as usize),
            room,
            style,
        );
        put(buf, b.right() - more_w, b.y, &more, more_w, t.key_hint_desc);
        return;
    }
    let mut x = b.x;
    for (key, desc) in hints(app) {
        let need = (key.width() + desc.width() + 3) as u16;
        if x + need > b.right() {
            break;
        }
        x += put(buf, x, b.y, &key, b.right() - x, t.key_hint_key);
        x += put(
            buf,
            x,
            b.y,
            &format!(" {desc}  "),
            b.right() - x,
            t.key_hint_desc,
        );
    }
}

/// A breadcrumb `a › b › c` in `room` columns: the outer parts give way first (`… › c`), so
/// the current section stays in view; when even `… › c` does not fit, the path is cut at the
/// end instead (the title then shows).
fn crumbs(path: &str, room: usize) -> String {
    if path.width() <= room {
        return path.to_string();
    }
    let parts: Vec<&str> = path.split(" › ").collect();
    (1..parts.len())
        .map(|k| format!("… › {}", parts[k..].join(" › ")))
        .find(|s| s.width() <= room)
        .unwrap_or_else(|| ellipsize(path, room))
}

/// The prompt line, and for go-to-section the filtered headings above it.
pub fn draw_prompt(app: &App, p: &Prompt, a: &Areas, full: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let b = a.bottom;
    Clear.render(b, buf);
    buf.set_style(b, t.text);
    let lead = match p.kind {
        // The direction is the search's own (`?` set it backward).
        PromptKind::Search { .. } if app.reader().is_some_and(|r| r.search.backward) => "?",
        PromptKind::Search { .. } => "/",
        PromptKind::Goto { .. } => "Go to section: ",
        PromptKind::Filter => "Filter points: ",
        PromptKind::Links { .. } => "Follow link: ",
        PromptKind::NotesFilter => "Filter notes: ",
        PromptKind::Tags { .. } => "Tags: ",
    };
    // The text before the cursor, the char under it (a space at the end), and the rest; the
    // start of a long line gives way so the cursor stays in view.
    let at = p.cursor.min(p.input.len());
    let mut before = format!("{lead}{}", &p.input[..at]);
    let mut chars = p.input[at..].chars();
    let under = chars.next().map_or(" ".to_string(), String::from);
    let after: String = chars.collect();
    while before.width() + under.width() > b.width as usize && !before.is_empty() {
        before.remove(0);
    }
    let mut x = b.x;
    x += put(buf, x, b.y, &before, b.width, t.text);
    x += put(
        buf,
        x,
        b.y,
        &under,
        b.right().saturating_sub(x),
        t.selection,
    );
    put(buf, x, b.y, &after, b.right().saturating_sub(x), t.text);
    if let PromptKind::Links { selected } = p.kind {
        super::links::draw_list(app, p, selected, a, full, buf);
    }
    if let PromptKind::Goto { selected } = p.kind {
        let matches = app
            .doc()
            .map(|d| d.goto_matches(&p.input))
            .unwrap_or_default();
        let h = ((matches.len().min(usize::from(u16::MAX) - 2) as u16) + 2)
            .min(full.height.saturating_sub(3))
            .max(3);
        let w = full.width.min(70);
        let area = Rect::new(full.x, b.y.saturating_sub(h + 1), w, h);
        let title = format!(" {} ", plural(matches.len(), "section", "sections"));
        let inner = popup(area, &title, t.border_focused, 1, buf);
        let sel = selected.min(matches.len().saturating_sub(1));
        let first = sel.saturating_sub(inner.height.saturating_sub(1) as usize);
        let Some(r) = app.reader() else { return };
        if matches.is_empty() {
            put(
                buf,
                inner.x,
                inner.y,
                "no section matches",
                inner.width,
                t.dim,
            );
        }
        for (row, (k, &s)) in matches
            .iter()
            .enumerate()
            .skip(first)
            .take(inner.height as usize)
            .enumerate()
        {
            let title = r.article.sections[s].title.as_deref().unwrap_or("Opening");
            let label = format!("{}{}", "  ".repeat(r.section_depth(s).min(6)), title);
            let text = format!(
                "{:<w$}",
                ellipsize(&label, inner.width as usize),
                w = inner.width as usize
            );
            let style = if k == sel { t.selection } else { t.text };
            put(
                buf,
                inner.x,
                inner.y + row as u16,
                &text,
                inner.width,
                style,
            );
        }
    }
}

/// When the bottom line's message is cut, or others came with it, what says so and names the
/// key that shows them all (`messages`): ` (+2 more; < shows all)`. Empty otherwise.
fn more_hint(app: &App, text: &str, width: usize) -> String {
    let cut = crate::article::text::sanitize(text).width() > width;
    let others = app.status.fresh.saturating_sub(1);
    if !cut && others == 0 {
        return String::new();
    }
    let bindings = app.keymap.active_bindings(app.context());
    let Some((keys, _)) = bindings.iter().find(|(_, a)| *a == Action::Messages) else {
        return String::new();
    };
    let key = display_seq(keys);
    match others {
        0 => format!(" ({key} shows all)"),
        n => format!(" (+{n} more; {key} shows all)"),
    }
}

#[cfg(test)]
mod tests {
    use super::crumbs;

    #[test]
    fn breadcrumbs_give_way_from_the_left() {
        let p = "Customs Union › Border checks › Rules of origin";
        assert_eq!(crumbs(p, 80), p);
        assert_eq!(crumbs(p, 35), "… › Border checks › Rules of origin");
        assert_eq!(crumbs(p, 22), "… › Rules of origin");
        assert_eq!(crumbs(p, 10), "Customs U…");
    }
}
