//! The help screen, generated from the active keymap so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{ellipsize, popup, put};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, display_seq};

/// The help text: one line per bound action, grouped by context.
pub fn lines(app: &App) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (ctx, title) in [
        (Context::Global, "Everywhere"),
        (Context::Reader, "Reading"),
        (Context::Outline, "Outline panel"),
        (Context::Side, "Side panel"),
        (Context::Library, "Library"),
    ] {
        let bindings = app.keymap.bindings(ctx);
        if bindings.is_empty() {
            continue;
        }
        out.push((title.to_string(), true));
        for &action in Action::ALL {
            let keys: Vec<String> = bindings
                .iter()
                .filter(|(_, a)| *a == action)
                .map(|(k, _)| display_seq(k))
                .collect();
            if keys.is_empty() {
                continue;
            }
            out.push((
                format!("  {:<18} {}", keys.join(", "), action.description()),
                false,
            ));
        }
        out.push((String::new(), false));
    }
    out.push((
        "Counts: type a number before a motion (5j). Esc closes prompts.".into(),
        false,
    ));
    out
}

pub fn draw(app: &App, full: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let w = full.width.saturating_sub(4).min(90).max(full.width.min(10));
    let h = full.height.saturating_sub(2).max(1);
    let area = Rect::new(full.x + (full.width - w) / 2, full.y, w, h);
    let inner = popup(
        area,
        " Help — j/k scroll, ? or Esc close ",
        t.border_focused,
        2,
        buf,
    );
    let all = lines(app);
    let max_scroll = all.len().saturating_sub(inner.height as usize);
    for (i, (line, is_title)) in all
        .iter()
        .skip(scroll_clamp(app, max_scroll))
        .take(inner.height as usize)
        .enumerate()
    {
        let style = if *is_title { t.heading(1) } else { t.text };
        put(
            buf,
            inner.x,
            inner.y + i as u16,
            &ellipsize(line, inner.width as usize),
            inner.width,
            style,
        );
    }
}

fn scroll_clamp(app: &App, max: usize) -> usize {
    match app.overlay {
        Some(crate::tui::app::Overlay::Help { scroll }) => scroll.min(max),
        _ => 0,
    }
}
