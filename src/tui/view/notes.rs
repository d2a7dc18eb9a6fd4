//! Annotations drawn in the article: highlights in their colour, the selection being made,
//! and a gutter mark beside lines with a note.

use std::ops::Range;

use ratatui::style::{Color as Tc, Modifier, Style};

use crate::annotate::Color;
use crate::tui::state::DocState;
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
