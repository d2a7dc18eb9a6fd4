//! The Tone tab: the tone curve through the article as horizontal bars around a centre axis,
//! with section starts, turning points and quoted evaluative words, the reader's position and
//! the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{ellipsize, put};
use crate::tui::state::geometry::{tone_detail, tone_head_rows, tone_list};
use crate::tui::state::tone_rows::{ChartKind, row_for_block};
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

/// Eighth blocks for sub-cell bar ends.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A signed score as people read it: `+0.32`, `−0.41`.
pub fn signed(score: f64) -> String {
    if score < 0.0 {
        format!("−{:.2}", -score)
    } else {
        format!("+{score:.2}")
    }
}

pub fn tone_style(t: &Theme, score: f64) -> Style {
    if score > 0.05 {
        t.tone_positive
    } else if score < -0.05 {
        t.tone_negative
    } else {
        t.tone_neutral
    }
}

/// A bar of `half` columns each side of the axis for `score` in −1..1.
fn bar(score: f64, half: usize) -> (String, String) {
    let eighths = (score.abs().min(1.0) * half as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let s = format!("{}{}", "█".repeat(full), EIGHTHS[eighths % 8]);
    if score < 0.0 {
        (s, String::new())
    } else {
        (String::new(), s)
    }
}

/// Width of the chart's bars (both halves and the axis): about half the panel, odd.
fn chart_width(width: u16) -> usize {
    let w = (width as usize / 2).clamp(11, 61).min(width as usize);
    if w.is_multiple_of(2) { w - 1 } else { w }
}

/// The axis legend for a chart of `2 * half + 1` columns: "−1   −.5    0    +.5   +1".
fn axis(half: usize) -> String {
    let w = 2 * half + 1;
    let mut cells = vec![' '; w];
    let at = |x: usize, s: &str, cells: &mut Vec<char>| {
        for (i, c) in s.chars().enumerate() {
            if let Some(cell) = cells.get_mut(x + i) {
                *cell = c;
            }
        }
    };
    at(0, "−1", &mut cells);
    at(half, "0", &mut cells);
    at(w.saturating_sub(2), "+1", &mut cells);
    if half >= 8 {
        at(half / 2 - 1, "−.5", &mut cells);
        at(half + half / 2 - 1, "+.5", &mut cells);
    }
    cells.into_iter().collect()
}

/// Column of `score` (−1..1) on a chart with its axis at `half`.
fn column(score: f64, half: usize) -> usize {
    let c = half as f64 + score.clamp(-1.0, 1.0) * half as f64;
    (c.round().max(0.0) as usize).min(2 * half)
}

pub fn draw(app: &App, body: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let doc = app.doc();
    let Some((tl, d)) = doc.and_then(|d| Some((d.tone.as_ref()?, d))) else {
        let msg = if doc.is_some() {
            "Scoring the tone…"
        } else {
            ""
        };
        put(buf, body.x, body.y, msg, body.width, t.dim);
        return;
    };
    if body.height < 3 || body.width < 12 {
        return;
    }
    let w = body.width as usize;
    // The arc instead of one mean; the range and the mean under it.
    let (arc, range) = match tl.arc() {
        Some(arc) => (
            arc.to_string(),
            format!(
                "range {} … {} · mean {} · {} quoted · • smoothed",
                signed(arc.min),
                signed(arc.max),
                tl.overall().map(signed).unwrap_or_default(),
                tl.markers.len()
            ),
        ),
        None => ("no tone words".to_string(), String::new()),
    };
    let full_head = tone_head_rows(body) == 3;
    // A narrow panel wraps the arc onto the range's row rather than cut it.
    let (arc, range) = match split_at_width(&arc, w) {
        Some((first, rest)) if full_head => (first, format!("{rest} · {range}")),
        _ => (arc, range),
    };
    put(buf, body.x, body.y, &ellipsize(&arc, w), body.width, t.text);
    let chart_w = chart_width(body.width);
    let half = (chart_w - 1) / 2;
    // On a short panel the chart keeps the rows: only the arc heads it.
    if full_head {
        let range = ellipsize(&range, w);
        put(buf, body.x, body.y + 1, &range, body.width, t.dim);
        put(buf, body.x, body.y + 2, &axis(half), body.width, t.dim);
    }
    let r = &d.reader;
    let list = tone_list(body);
    let rows = &d.tone_rows;
    let compact = d.tone_tab.compact;
    let focused = app.focus == Focus::Side;
    let here = row_for_block(rows, r.cursor);
    let sel = d.tone_list.selected.min(rows.len().saturating_sub(1));
    let h = list.height as usize;
    let first = d.tone_list.top;
    let right = list.right();
    for (i, row) in rows.iter().enumerate().skip(first).take(h) {
        let y = list.y + (i - first) as u16;
        let selected = i == sel && focused;
        let x = list.x;
        match &row.kind {
            ChartKind::Section { section, score } => {
                let title = r.article.sections[*section]
                    .title
                    .as_deref()
                    .unwrap_or("Opening");
                let mark = score.map(signed).unwrap_or_default();
                let (lead, room) = if compact {
                    ("─ ", w.saturating_sub(mark.chars().count() + 5))
                } else {
                    ("§ ", w.saturating_sub(mark.chars().count() + 3))
                };
                let mut at = x;
                at += put(
                    buf,
                    at,
                    y,
                    &format!("{lead}{} ", ellipsize(title, room)),
                    list.width,
                    t.heading(3),
                );
                if let Some(s) = score {
                    at += put(buf, at, y, &mark, right - at, tone_style(t, *s));
                }
                if compact && at + 1 < right {
                    let rule = "─".repeat((right - at - 1) as usize);
                    put(buf, at + 1, y, &rule, right - at - 1, t.dim);
                }
            }
            ChartKind::Curve {
                score,
                smoothed,
                turn,
                marker,
                ..
            } => {
                match score {
                    Some(s) => {
                        let (neg, pos) = bar(*s, half);
                        let left_pad = half - neg.chars().count();
                        put(
                            buf,
                            x + left_pad as u16,
                            y,
                            &neg,
                            right - x,
                            t.tone_negative,
                        );
                        put(buf, x + half as u16, y, "│", right - x, t.dim);
                        put(
                            buf,
                            x + half as u16 + 1,
                            y,
                            &pos,
                            right - x,
                            t.tone_positive,
                        );
                    }
                    None => {
                        // No tone words: a neutral mark on the axis, no bar.
                        put(buf, x + half as u16, y, "┊", right - x, t.dim);
                    }
                }
                if let Some(m) = smoothed {
                    let c = x + column(*m, half) as u16;
                    if c < right {
                        put(buf, c, y, "•", right - c, t.text);
                    }
                }
                let mut notes = Vec::new();
                if Some(i) == here {
                    notes.push("◀ you".to_string());
                }
                if let Some(k) = turn {
                    let tp = &tl.turning_points[*k];
                    notes.push(format!("◆ {}", signed(tp.after)));
                }
                if let Some(k) = marker {
                    notes.push(format!("“{}”", tl.markers[*k].word));
                }
                let nx = list.x + chart_w as u16 + 1;
                if !notes.is_empty() && nx < right {
                    let room = (right - nx) as usize;
                    let style = if Some(i) == here {
                        t.cursor_marker
                    } else {
                        t.dim
                    };
                    put(
                        buf,
                        nx,
                        y,
                        &ellipsize(&notes.join(" "), room),
                        right - nx,
                        style,
                    );
                }
            }
            ChartKind::Turn(k) => {
                let tp = &tl.turning_points[*k];
                let label = format!("◆ turn {} → {}", signed(tp.before), signed(tp.after));
                put(
                    buf,
                    x,
                    y,
                    &ellipsize(&label, w),
                    list.width,
                    tone_style(t, tp.after - tp.before),
                );
            }
            ChartKind::TurnWords { turn, line } => {
                let tp = &tl.turning_points[*turn];
                put(
                    buf,
                    x,
                    y,
                    line,
                    list.width,
                    tone_style(t, tp.after - tp.before),
                );
            }
            ChartKind::Marker(k) => {
                let m = &tl.markers[*k];
                let label = format!("  “{}” {}", m.word, signed(m.score()));
                put(
                    buf,
                    x,
                    y,
                    &ellipsize(&label, w),
                    list.width,
                    tone_style(t, m.score()),
                );
            }
        }
        if selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), t.selection);
        }
    }
    let detail = tone_detail(body);
    for (k, line) in d
        .tone_tab
        .detail
        .iter()
        .take(detail.height as usize)
        .enumerate()
    {
        put(
            buf,
            detail.x,
            detail.y + k as u16,
            line,
            detail.width,
            t.text,
        );
    }
}

/// `s` cut at its last space that keeps the first part within `w` columns: `None` when it fits
/// (or has no such space).
fn split_at_width(s: &str, w: usize) -> Option<(String, String)> {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= w {
        return None;
    }
    let cut = s
        .match_indices(' ')
        .map(|(i, _)| i)
        .take_while(|&i| s[..i].width() <= w)
        .last()?;
    Some((s[..cut].to_string(), s[cut + 1..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arc_wraps_at_a_space_within_the_width() {
        let arc = "+0.22 → −0.17 → −0.61 → +0.34, 3 turns";
        assert_eq!(split_at_width(arc, 40), None);
        let (a, b) = split_at_width(arc, 24).unwrap();
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("+0.22 → −0.17 → −0.61 →", "+0.34, 3 turns")
        );
        assert_eq!(split_at_width("unbroken", 3), None);
    }

    #[test]
    fn bars_and_signs() {
        assert_eq!(bar(1.0, 2), (String::new(), "██".into()));
        assert_eq!(bar(-0.5, 2), ("█".into(), String::new()));
        assert_eq!(bar(0.25, 2).1, "▌");
        assert_eq!(signed(-0.414), "−0.41");
        assert_eq!(signed(0.3), "+0.30");
        assert_eq!(axis(2), "−10+1");
        assert_eq!(axis(10), "−1  −.5   0   +.5  +1");
        assert_eq!(column(-1.0, 10), 0);
        assert_eq!(column(0.0, 10), 10);
        assert_eq!(column(2.0, 10), 20);
    }
}
