//! Keys typed into the bottom-line prompts: incremental search and go-to-section.

use super::app::{App, Overlay, Prompt, PromptKind};
use super::keymap::{Key, KeyCode};
use super::update::Effect;

/// Sections whose title contains every word of `input` (case-insensitive), in document order.
/// With an empty input, every titled section.
pub fn goto_matches(app: &App, input: &str) -> Vec<usize> {
    let Some(r) = &app.reader else {
        return Vec::new();
    };
    let words: Vec<String> = input.split_whitespace().map(str::to_lowercase).collect();
    r.article
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let t = s.title.as_deref().unwrap_or("Opening").to_lowercase();
            words.iter().all(|w| t.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Handle a key while a prompt is open. The prompt was taken out of `app.overlay`; it is put
/// back unless the key closes it.
pub fn key(app: &mut App, mut p: Prompt, k: Key) -> Vec<Effect> {
    if k.ctrl && k.code == KeyCode::Char('c') {
        return vec![Effect::Quit];
    }
    let mut close = false;
    let mut confirm = false;
    let mut changed = false;
    match k.code {
        KeyCode::Esc => close = true,
        KeyCode::Enter => {
            close = true;
            confirm = true;
        }
        KeyCode::Backspace => {
            if p.input.pop().is_none() {
                close = true;
            }
            changed = true;
        }
        KeyCode::Char('u') if k.ctrl => {
            p.input.clear();
            changed = true;
        }
        KeyCode::Down | KeyCode::Tab => step(&mut p, 1),
        KeyCode::Char('n') if k.ctrl => step(&mut p, 1),
        KeyCode::Up | KeyCode::BackTab => step(&mut p, -1),
        KeyCode::Char('p') if k.ctrl => step(&mut p, -1),
        KeyCode::Char(c) if !k.ctrl && !k.alt => {
            p.input.push(c);
            changed = true;
        }
        _ => {}
    }
    match &mut p.kind {
        PromptKind::Search {
            origin_cursor,
            origin_top,
            origin_folds,
        } => {
            let (oc, ot) = (*origin_cursor, *origin_top);
            if let Some(r) = app.reader.as_mut() {
                if changed || (close && !confirm) {
                    // Each keystroke searches from where the search began, folds included.
                    r.folded.clone_from(origin_folds);
                }
                if changed {
                    let from = r.article.blocks.get(oc).map_or(0, |b| b.range.start);
                    r.search_from(&p.input, from);
                    if p.input.is_empty() || r.search.matches.is_empty() {
                        r.cursor = oc;
                        r.top = ot;
                        r.follow_cursor();
                    }
                }
                if close && !confirm {
                    r.clear_search();
                    r.cursor = oc;
                    r.top = ot;
                    r.follow_cursor();
                }
                if confirm {
                    if r.search.matches.is_empty() && !p.input.is_empty() {
                        r.clear_search();
                        let msg = format!("Not found: {}", p.input);
                        app.warn(msg);
                    } else {
                        // The jump list remembers where the search started.
                        let here = r.cursor;
                        r.cursor = oc;
                        r.push_jump();
                        r.cursor = here;
                    }
                }
            }
        }
        PromptKind::Filter => {
            if close && !confirm {
                app.set_points_filter("");
            } else {
                let query = p.input.clone();
                app.set_points_filter(&query);
            }
            // Stay near the point selected before: the first match at or after it.
            let visible = app.visible_points();
            if !visible.is_empty() && !visible.contains(&app.points_sel) {
                let k = visible.partition_point(|&i| i < app.points_sel);
                app.points_sel = visible[k.min(visible.len() - 1)];
            }
        }
        PromptKind::Goto { selected } => {
            if changed {
                *selected = 0;
            }
            if confirm {
                let matches = goto_matches(app, &p.input);
                let pick = (*selected).min(matches.len().saturating_sub(1));
                if let (Some(&s), Some(r)) = (matches.get(pick), app.reader.as_mut()) {
                    r.jump_to_section(s);
                }
            }
        }
    }
    if !close {
        app.overlay = Some(Overlay::Prompt(p));
    }
    Vec::new()
}

fn step(p: &mut Prompt, d: isize) {
    if let PromptKind::Goto { selected } = &mut p.kind {
        *selected = selected.saturating_add_signed(d);
    }
}
