//! Annotations drawn in the article: highlights in their colour, the selection being made,
//! and a gutter mark beside lines with a note.

use std::ops::Range;

use ratatui::style::{Color as Tc, Modifier, Style};

use super::{ellipsize, put};
use crate::annotate::Color;
use crate::tui::state::{App, DocState};
use crate::tui::theme::Theme;

/// The style of a highlight: its colour as a background, or underlined where the theme has
/// no colour (NO_COLOR).
pub fn highlight(t: &Theme, c: Color) -> Style {
    if t.selection.bg.is_none() && t.text.fg.is_none() {
        return Style::new().add_modifier(Modifier::UNDERLINED);
    }
    let bg = match c {
        Color::Yellow => 58,
        Color::Green => 22,
        Color::Blue => 18,
        Color::Pink => 89,
        Color::Purple => 54,
    };
    Style::new().bg(Tc::Indexed(bg))
}

/// The styled ranges over `range` of the text: highlights (in reading order, so a later one
/// lies over an earlier one), then the selection on top. Also whether a note is there.
pub fn marks(d: &DocState, t: &Theme, range: &Range<usize>) -> (Vec<(Range<usize>, Style)>, bool) {
    let mut out = Vec::new();
    let mut note = false;
    for p in d.notes.overlapping(range) {
        if let Some(r) = &p.range {
            out.push((r.clone(), highlight(t, p.annotation.color)));
            note |= !p.annotation.note.is_empty();
        }
    }
    if let Some(s) = &d.selection {
        let r = s.range();
        if r.start < range.end && r.end > range.start {
            out.push((r, t.selection));
        }
    }
    (out, note)
}

/// How many annotations start in section `s` and its subsections (for its fold summary).
pub fn count_in_section(d: &DocState, s: usize) -> usize {
    let a = &d.reader.article;
    let Some(sub) = a.sections.get(s).map(|x| x.subtree.clone()) else {
        return 0;
    };
    let (Some(first), Some(last)) = (
        a.blocks.get(sub.start),
        a.blocks.get(sub.end.wrapping_sub(1)),
    ) else {
        return 0;
    };
    let r = first.range.start..last.range.end;
    d.notes
        .overlapping(&r)
        .filter(|p| p.range.as_ref().is_some_and(|x| x.start >= r.start))
        .count()
}

/// The Notes tab: a count line, then each annotation in reading order as two lines (its colour
/// and quote; its note, tags and section), those that could not be placed after a heading.
pub fn draw_tab(app: &App, body: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    let Some(d) = app.doc() else { return };
    let t = &app.theme;
    let n = &d.notes;
    let w = body.width;
    let focused = app.focus == crate::tui::state::Focus::Side;
    let head = match (n.rows.len(), n.filter.is_empty()) {
        (k, true) => format!(
            "{} · / filters (#tag)",
            crate::plural::plural(k, "note", "notes")
        ),
        (k, false) => format!("{k} of {} match “{}”", n.list.len(), n.filter),
    };
    put(buf, body.x, body.y, &ellipsize(&head, w as usize), w, t.dim);
    let mut y = body.y + 1;
    let a = &d.reader.article;
    let mut unplaced_said = false;
    for (row, &i) in n.rows.iter().enumerate().skip(n.cursor.top) {
        if y + 1 >= body.bottom() {
            break;
        }
        let Some(p) = n.list.get(i) else { break };
        if p.range.is_none() && !unplaced_said {
            unplaced_said = true;
            put(buf, body.x, y, "Not found in this text:", w, t.warning);
            y += 1;
            if y + 1 >= body.bottom() {
                break;
            }
        }
        let sel = row == n.cursor.selected;
        if sel {
            let mark = if focused { t.cursor_marker } else { t.dim };
            put(buf, body.x, y, "▌", 1, mark);
            put(buf, body.x, y + 1, "▌", 1, mark);
        }
        let an = &p.annotation;
        let x = body.x + 1;
        let room = w.saturating_sub(1);
        let used = match (&p.range, highlight(t, an.color).bg) {
            (Some(_), Some(bg)) => put(buf, x, y, "■ ", room, Style::new().fg(bg)),
            (Some(_), None) => put(buf, x, y, "■ ", room, t.text),
            (None, _) => put(buf, x, y, "? ", room, t.warning),
        };
        let quote = ellipsize(
            &an.target.quote.replace('\n', " "),
            room.saturating_sub(used) as usize,
        );
        put(buf, x + used, y, &quote, room.saturating_sub(used), t.text);
        let mut second: Vec<String> = Vec::new();
        // A note of several lines: its first, and "…" for the rest.
        let mut lines = an.note.lines().filter(|l| !l.trim().is_empty());
        if let Some(first) = lines.next() {
            let more = if lines.next().is_some() { " …" } else { "" };
            second.push(format!("{}{more}", first.trim_end()));
        }
        if !an.tags.is_empty() {
            second.push(
                an.tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        if let Some(r) = &p.range {
            let b = crate::tui::state::notes::block_at(a, r.start);
            if let Some(s) = a.blocks.get(b).and_then(|b| a.sections.get(b.section)) {
                second.push(s.title.clone().unwrap_or_else(|| "Opening".into()));
            }
        } else {
            second.push(p.status.as_str().replace('_', " "));
        }
        let line = ellipsize(&second.join(" · "), room.saturating_sub(2) as usize);
        put(buf, x + 2, y + 1, &line, room.saturating_sub(2), t.dim);
        y += 2;
    }
}
