//! Annotations drawn in the article: highlights in their colour, the selection being made,
//! a gutter mark beside lines with a note (`✎`) and where a bookmark is (`⚑`, no highlight),
//! and, dimmed, the passage proposed for a note that needs review.

use std::ops::Range;

use ratatui::style::{Color as Tc, Modifier, Style};

use super::{ellipsize, put};
use crate::annotate::{Color, Motivation, Status};
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

/// The gutter mark of a bookmark: one column wide (checked by a test), unlike 🔖.
pub const BOOKMARK: &str = "⚑";
/// The gutter mark of a line with a note.
pub const NOTE: &str = "✎";

/// The style of a passage proposed for a note that needs review: dimmed and underlined, no
/// background (it is not the note's place until accepted).
pub fn candidate(t: &Theme) -> Style {
    t.dim.add_modifier(Modifier::UNDERLINED)
}

/// The styled ranges over the line `range` of the text: candidates for review (dimmed),
/// highlights (in reading order, so a later one lies over an earlier one; bookmarks have
/// none), then the selection on top. Also the gutter mark of the line: a bookmark starting on
/// it, else a note over it.
pub fn marks(
    d: &DocState,
    t: &Theme,
    range: &Range<usize>,
) -> (Vec<(Range<usize>, Style)>, Option<&'static str>) {
    let mut out = Vec::new();
    let (mut note, mut bookmark) = (false, false);
    for p in d.notes.candidates_overlapping(range) {
        if let Some(r) = &p.candidate {
            out.push((r.clone(), candidate(t)));
        }
    }
    for p in d.notes.overlapping(range) {
        if let Some(r) = &p.range {
            if p.annotation.motivation == Motivation::Bookmarking {
                bookmark |= range.contains(&r.start);
            } else {
                out.push((r.clone(), highlight(t, p.annotation.color)));
            }
            note |= !p.annotation.note.is_empty();
        }
    }
    if let Some(s) = &d.selection {
        let r = s.range();
        if r.start < range.end && r.end > range.start {
            out.push((r, t.selection));
        }
    }
    let gutter = if bookmark {
        Some(BOOKMARK)
    } else {
        note.then_some(NOTE)
    };
    (out, gutter)
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
    let review = n.to_review();
    let head = match (n.rows.len(), n.filter.is_empty()) {
        (k, true) if review > 0 => format!(
            "{} · {review} to review · / filters (#tag)",
            crate::plural::plural(k, "note", "notes")
        ),
        (k, true) => format!(
            "{} · / filters (#tag)",
            crate::plural::plural(k, "note", "notes")
        ),
        (k, false) => format!("{k} of {} match “{}”", n.list.len(), n.filter),
    };
    put(buf, body.x, body.y, &ellipsize(&head, w as usize), w, t.dim);
    let mut y = body.y + 1;
    let a = &d.reader.article;
    let (mut unplaced_said, mut review_said) = (false, false);
    for (row, &i) in n.rows.iter().enumerate().skip(n.cursor.top) {
        if y + 1 >= body.bottom() {
            break;
        }
        let Some(p) = n.list.get(i) else { break };
        let heading = if p.candidate.is_some() && p.range.is_none() && !review_said {
            review_said = true;
            let (yes, no) = app.review_keys();
            Some(format!("To review ({yes} accepts, {no} rejects):"))
        } else if p.range.is_none() && p.candidate.is_none() && !unplaced_said {
            unplaced_said = true;
            Some("Not found in this text:".to_string())
        } else {
            None
        };
        if let Some(h) = heading {
            put(buf, body.x, y, &ellipsize(&h, w as usize), w, t.warning);
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
            _ if p.status == Status::Fuzzy => put(buf, x, y, "~ ", room, t.warning),
            (Some(_), _) if an.motivation == Motivation::Bookmarking => {
                put(buf, x, y, &format!("{BOOKMARK} "), room, t.warning)
            }
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
        match p.status {
            Status::NeedsReview => second.push("? check".into()),
            Status::Fuzzy => second.push("~ moved".into()),
            _ => {}
        }
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
        if let Some(r) = &p.place() {
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

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn gutter_marks_are_one_column_wide() {
        assert_eq!(super::BOOKMARK.width(), 1);
        assert_eq!(super::NOTE.width(), 1);
        assert_ne!(super::BOOKMARK, super::NOTE);
    }
}
