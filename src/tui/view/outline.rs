//! The outline panel: the section tree, the cursor's section marked, the selection when focused.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::{ellipsize, put};
use crate::tui::state::geometry::outline_list_area;
use crate::tui::state::{App, Focus};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let focused = app.focus == Focus::Outline;
    let border = if focused { t.border_focused } else { t.border };
    Block::new()
        .borders(Borders::RIGHT)
        .border_style(border)
        .render(area, buf);
    put(
        buf,
        area.x,
        area.y,
        " Outline",
        area.width.saturating_sub(1),
        if focused { t.border_focused } else { t.title },
    );
    let Some(d) = app.doc() else { return };
    let r = &d.reader;
    let list = outline_list_area(area);
    let rows = d.outline_rows();
    let cur = if r.article.blocks.is_empty() {
        usize::MAX
    } else {
        r.cursor_section()
    };
    let first = d.outline.top;
    for (y, &s) in rows
        .iter()
        .skip(first)
        .take(list.height as usize)
        .enumerate()
    {
        let sec = &r.article.sections[s];
        let depth = r.section_depth(s);
        let marker = if sec.children.is_empty() {
            "  "
        } else if d.outline.collapsed[s] {
            "▸ "
        } else {
            "▾ "
        };
        let fold = if r.folded[s] { " ⋯" } else { "" };
        let title = sec.title.as_deref().unwrap_or("Opening");
        let indent = "  ".repeat(depth.min(6));
        let label = format!("{indent}{marker}{title}{fold}");
        let mut style = if s == cur { t.cursor_marker } else { t.text };
        if focused && s == d.outline.selected {
            style = style.patch(t.selection);
        }
        let tone = d
            .tone
            .as_ref()
            .and_then(|tl| tl.section(s))
            .and_then(|st| st.score);
        let mark = tone.map(super::tone::signed).unwrap_or_default();
        let w = (list.width as usize).saturating_sub(if mark.is_empty() { 0 } else { 6 });
        let y = list.y + y as u16;
        let text = format!("{:<w$}", ellipsize(&label, w));
        let used = put(buf, list.x, y, &text, list.width, style);
        if let Some(score) = tone {
            let x = list.x + used;
            put(
                buf,
                x + 1,
                y,
                &mark,
                list.right().saturating_sub(x + 1),
                super::tone::tone_style(t, score),
            );
        }
    }
}
