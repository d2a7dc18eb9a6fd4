//! The links list above the prompt line: each link's text and target, filtered by the input.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{ellipsize, popup, put};
use crate::plural::plural;
use crate::tui::state::links::label;
use crate::tui::state::{App, Areas, Prompt};

/// Draw the links list for prompt `p` with `selected` highlighted.
pub fn draw_list(app: &App, p: &Prompt, selected: usize, a: &Areas, full: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(d) = app.doc() else { return };
    let article = &d.reader.article;
    let matches = d.link_matches(&p.input);
    let h = ((matches.len().min(usize::from(u16::MAX) - 2) as u16) + 2)
        .min(full.height.saturating_sub(3))
        .max(3);
    let w = full.width.min(100);
    let area = Rect::new(full.x, a.bottom.y.saturating_sub(h + 1), w, h);
    let title = format!(" {} ", plural(matches.len(), "link", "links"));
    let inner = popup(area, &title, t.border_focused, 1, buf);
    if matches.is_empty() {
        put(buf, inner.x, inner.y, "no link matches", inner.width, t.dim);
        return;
    }
    let sel = selected.min(matches.len() - 1);
    let first = sel.saturating_sub(inner.height.saturating_sub(1) as usize);
    let width = inner.width as usize;
    for (row, (k, &l)) in matches
        .iter()
        .enumerate()
        .skip(first)
        .take(inner.height as usize)
        .enumerate()
    {
        let link = &article.links[l];
        let (text, target) = label(&article.text[link.range.clone()], link);
        let text_w = (width / 2).min(40);
        let left = format!("{:<text_w$}", ellipsize(&text, text_w.saturating_sub(1)));
        let line = format!("{left}{}", ellipsize(&target, width.saturating_sub(text_w)));
        let line = format!("{:<width$}", ellipsize(&line, width));
        let style = if k == sel { t.selection } else { t.text };
        put(
            buf,
            inner.x,
            inner.y + row as u16,
            &line,
            inner.width,
            style,
        );
    }
}
