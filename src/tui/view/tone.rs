//! The Tone tab: the tone curve through the article as horizontal bars around a centre axis,
//! with section starts, turning points and quoted evaluative words, the reader's position and
//! the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{ellipsize, put};
use crate::tui::state::geometry::tone_list;
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
    let overall = tl.overall().map_or("no tone words".to_string(), |o| {
        format!("{} overall", signed(o))
    });
    let head = format!(
        "{overall} · {} · {} quoted",
        crate::plural::plural(tl.turning_points.len(), "turn", "turns"),
        tl.markers.len()
    );
    put(
        buf,
        body.x,
        body.y,
        &ellipsize(&head, body.width as usize),
        body.width,
        t.dim,
    );
    // Axis legend.
    let chart_w = (body.width as usize).min(24);
    let half = (chart_w - 1) / 2;
    let legend = format!("{:<w$}0{:>w$}", "−", "+", w = half);
    put(buf, body.x, body.y + 1, &legend, body.width, t.dim);
    let r = &d.reader;
    let list = tone_list(body);
    let rows = &d.tone_rows;
    let focused = app.focus == Focus::Side;
    let here = row_for_block(rows, r.cursor);
    let sel = d.tone_list.selected.min(rows.len().saturating_sub(1));
    let h = list.height as usize;
    let first = d.tone_list.top;
    for (i, row) in rows.iter().enumerate().skip(first).take(h) {
        let y = list.y + (i - first) as u16;
        let selected = i == sel && focused;
        let mut x = list.x;
        let right = list.right();
        match &row.kind {
            ChartKind::Section { section, score } => {
                let title = r.article.sections[*section]
                    .title
                    .as_deref()
                    .unwrap_or("Opening");
                let mark = score.map(signed).unwrap_or_default();
                let room = (list.width as usize).saturating_sub(mark.chars().count() + 3);
                x += put(
                    buf,
                    x,
                    y,
                    &format!("§ {} ", ellipsize(title, room)),
                    list.width,
                    t.heading(3),
                );
                if let Some(s) = score {
                    put(buf, x, y, &mark, right - x, tone_style(t, *s));
                }
            }
            ChartKind::Curve { score, .. } => {
                match score {
                    Some(s) => {
                        let (neg, pos) = bar(*s, half);
                        let left_pad = half - neg.chars().count();
                        x += put(
                            buf,
                            x + left_pad as u16,
                            y,
                            &neg,
                            right - x,
                            t.tone_negative,
                        ) + left_pad as u16;
                        x += put(buf, x, y, "│", right - x, t.dim);
                        put(buf, x, y, &pos, right - x, t.tone_positive);
                    }
                    None => {
                        put(buf, x + half as u16, y, "┊", right - x, t.dim);
                    }
                }
                if Some(i) == here {
                    put(
                        buf,
                        list.x + chart_w as u16 + 1,
                        y,
                        "◀ you",
                        right.saturating_sub(list.x + chart_w as u16 + 1),
                        t.cursor_marker,
                    );
                }
            }
            ChartKind::Turn(k) => {
                let tp = &tl.turning_points[*k];
                let label = format!(
                    "◆ turn {} → {}  {} | {}",
                    signed(tp.before),
                    signed(tp.after),
                    tp.words_before
                        .iter()
                        .take(2)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                    tp.words_after
                        .iter()
                        .take(2)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                put(
                    buf,
                    x,
                    y,
                    &ellipsize(&label, list.width as usize),
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
                    &ellipsize(&label, list.width as usize),
                    list.width,
                    tone_style(t, m.score()),
                );
            }
        }
        if selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), t.selection);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_signs() {
        assert_eq!(bar(1.0, 2), (String::new(), "██".into()));
        assert_eq!(bar(-0.5, 2), ("█".into(), String::new()));
        assert_eq!(bar(0.25, 2).1, "▌");
        assert_eq!(signed(-0.414), "−0.41");
        assert_eq!(signed(0.3), "+0.30");
    }
}
