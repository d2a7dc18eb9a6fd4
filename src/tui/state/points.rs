//! The Points tab's list: which points it lists (all, or those matching the filter), the
//! selection and the first point shown. Scrolling ranks the sentences of the points that will
//! show, so drawing them ([`PointsList::rows`]) ranks nothing.

use ratatui::layout::Rect;

use super::list::ListCursor;
use crate::analysis::points::{PointKind, Points, collapse, group_title};
use crate::article::Article;
use crate::layout::wrap::{width, wrap};

/// What a row of the list is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointRowKind {
    /// The blank row between groups.
    Gap,
    /// A group's title (its lead-in).
    Title,
    /// One of the author's bullets.
    Bullet,
    /// A sentence extracted from a section without lists.
    Extracted,
}

/// One row of the list: text, kind, and the point it belongs to (None for group titles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointRow {
    pub indent: u16,
    pub text: String,
    pub kind: PointRowKind,
    pub point: Option<usize>,
}

/// The Points tab's state. `cursor.selected` and `cursor.top` are point indices (into
/// [`Points`]); the list shows `matches`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointsList {
    pub filter: String,
    /// The points listed (all, or those matching `filter`), found when the points or the
    /// filter change, not at every frame.
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
    /// The point at the reader's cursor (follow mode).
    pub here: Option<usize>,
}

impl PointsList {
    /// Filter the list (a blank query lists every point).
    pub fn set_filter(&mut self, points: Option<&Points>, a: &Article, query: &str) {
        self.filter = query.to_string();
        self.matches = match points {
            Some(p) if !query.trim().is_empty() => p.filter(a, query),
            Some(p) => (0..p.len()).collect(),
            None => Vec::new(),
        };
    }

    /// The selection's place in `matches` (the first match at or after the selected point).
    pub fn selected_match(&self) -> usize {
        self.matches
            .partition_point(|&i| i < self.cursor.selected)
            .min(self.matches.len().saturating_sub(1))
    }

    /// Scroll so the selection shows in the side panel's `body`, and rank the sentences of
    /// the points that will show.
    pub fn scroll(&mut self, points: &Points, a: &Article, body: Rect) {
        if body.height < 2 || body.width < 8 || self.matches.is_empty() {
            return;
        }
        let list = super::geometry::points_list(body);
        let visible = &self.matches;
        let sel = self.selected_match();
        let h = list.height as usize;
        let old_top = visible.partition_point(|&i| i < self.cursor.top);
        let top = list_top(points, a, visible, sel, old_top, h, list.width);
        self.cursor.top = visible[top];
        for &i in visible.iter().skip(top).take(h) {
            points.get(a, i);
        }
    }

    /// The rows that show in the side panel's `body`, from the first point shown, and how
    /// many of them give way so the selection shows in a very short panel. Ranks nothing that
    /// [`PointsList::scroll`] did not.
    pub fn rows(&self, points: &Points, a: &Article, body: Rect) -> (Vec<PointRow>, usize) {
        if self.matches.is_empty() {
            return (Vec::new(), 0);
        }
        let list = super::geometry::points_list(body);
        let visible = &self.matches;
        let h = list.height as usize;
        let top = visible
            .partition_point(|&i| i < self.cursor.top)
            .min(visible.len() - 1);
        let rows = layout(points, a, visible, top, top + h, list.width);
        // In a very short panel a long lead-in can fill it: then its first rows give way so the
        // selected point still shows.
        let selected = visible[self.selected_match()];
        let sel_end = rows
            .iter()
            .rposition(|row| row.point == Some(selected))
            .unwrap_or(0);
        (rows, (sel_end + 1).saturating_sub(h))
    }
}

/// The first point of the list on screen (an index into `visible`). The list stays where it
/// was (`old_top`) unless the selection `sel` leaves it, as vim scrolls: then just enough to
/// show the selection and one point after it, or, for a selection more than a screen away,
/// with the selection a third down. When the list's end is on screen with room below, earlier
/// points fill it. Points take rows of their own heights, so this is [`super::list`]'s rule
/// measured in rows; it lays out only about a screenful of points, however long the list.
fn list_top(
    points: &Points,
    a: &Article,
    visible: &[usize],
    sel: usize,
    old_top: usize,
    h: usize,
    w: u16,
) -> usize {
    let last = visible.len() - 1;
    let next = (sel + 1).min(last);
    // Each point takes at least a row: a selection a screen or more away is far.
    let far = sel + h <= old_top || sel >= old_top + h;
    let mut top = if far {
        sel.saturating_sub(h)
    } else {
        old_top.min(sel)
    };
    let lay = |from: usize, to: usize| layout(points, a, visible, from, to, w);
    let rows = lay(top, sel + 2);
    let first_row =
        |rows: &[PointRow], k: usize| rows.iter().position(|row| row.point == Some(visible[k]));
    let end_row = |rows: &[PointRow], k: usize| {
        rows.iter()
            .rposition(|row| row.point == Some(visible[k]))
            .unwrap_or(0)
    };
    let sel_end = end_row(&rows, next);
    if far || sel_end >= h {
        let keep = if far { h - h / 3 } else { h };
        top = (top..=sel)
            .find(|&k| first_row(&rows, k).is_some_and(|r| sel_end < r + keep))
            .unwrap_or(sel);
        // Starting the layout at `top` adds its group's title: step on while that pushes
        // the selection off the bottom.
        while top < sel && end_row(&lay(top, sel + 2), next) >= h {
            top += 1;
        }
    }
    // Fill: the list's end on screen with room below shows earlier points instead: the
    // earliest start from which the rest of the list still fits (found on real layouts, as a
    // start adds its group's title, which may wrap).
    if last - top < h && top > 0 {
        let fits = |k: usize| lay(k, visible.len()).len() <= h;
        let (mut lo, mut hi) = (visible.len().saturating_sub(h), top);
        // Usually one earlier point does not fit either: then nothing to search.
        if fits(hi - 1) {
            hi -= 1;
            while lo < hi {
                let mid = (lo + hi) / 2;
                if fits(mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            top = hi;
        }
    }
    top
}

/// The rows of `visible[from..to]`: each group's title (the first point's always, so the list
/// never starts without its lead-in), a blank row between groups, and each point's wrapped
/// text with its marker.
fn layout(
    points: &Points,
    a: &Article,
    visible: &[usize],
    from: usize,
    to: usize,
    width_: u16,
) -> Vec<PointRow> {
    let mut rows: Vec<PointRow> = Vec::new();
    let mut last_group = None;
    for &pi in visible.iter().take(to).skip(from) {
        let Some(pt) = points.get(a, pi) else {
            continue;
        };
        if last_group != Some(pt.group) {
            if last_group.is_some() {
                rows.push(PointRow {
                    indent: 0,
                    text: String::new(),
                    kind: PointRowKind::Gap,
                    point: None,
                });
            }
            let title = group_title(a, &points.groups[pt.group]);
            for l in wrap(&title, width_ as usize) {
                rows.push(PointRow {
                    indent: 0,
                    text: title[l].to_string(),
                    kind: PointRowKind::Title,
                    point: None,
                });
            }
            last_group = Some(pt.group);
        }
        let marker = match (pt.kind, pt.ordinal) {
            (PointKind::Extracted, _) => "› ".to_string(),
            (PointKind::Bullet, Some(n)) => format!("{n}. "),
            (PointKind::Bullet, None) => "• ".to_string(),
        };
        let indent = 1 + 2 * u16::from(pt.depth).min(4);
        let body_text = match pt.label(a) {
            Some(l) => format!("{} — {}", collapse(l), collapse(pt.text(a))),
            None => collapse(pt.text(a)),
        };
        let text = format!("{marker}{body_text}");
        let hang = width(&marker) as u16;
        let avail = (width_.saturating_sub(indent + hang)).max(1) as usize;
        let kind = if pt.kind == PointKind::Extracted {
            PointRowKind::Extracted
        } else {
            PointRowKind::Bullet
        };
        for (k, l) in wrap(&text, avail).into_iter().enumerate() {
            let ind = if k == 0 { indent } else { indent + hang };
            rows.push(PointRow {
                indent: ind,
                text: text[l].to_string(),
                kind,
                point: Some(pi),
            });
        }
    }
    rows
}
