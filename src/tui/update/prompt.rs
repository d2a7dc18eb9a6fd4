//! Keys typed into the bottom-line prompts: incremental search and go-to-section.

use super::Effect;
use crate::tui::input::{Key, KeyCode};
use crate::tui::state::{App, Overlay, Prompt, PromptKind};

/// What a key does to a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptEvent {
    /// The line changed (or the selection in it moved): the prompt stays open.
    Update { changed: bool },
    /// Enter: accept and close.
    Validate,
    /// Esc (or Backspace on an empty line): cancel and close.
    Abort,
}

/// Readline keys on a one-line input with a cursor (a byte offset on a char boundary):
/// typing inserts; Backspace/Delete; Left/Right, Home/End, Ctrl-a/Ctrl-e, Ctrl-b/Ctrl-f and
/// Alt-b/Alt-f (by word); Ctrl-w deletes the word before the cursor, Ctrl-u everything before
/// it, Ctrl-k everything after it. Returns whether the text changed.
pub fn edit_line(s: &mut String, cursor: &mut usize, k: Key) -> bool {
    let at = (*cursor).min(s.len());
    let prev = s[..at].char_indices().next_back().map_or(0, |(i, _)| i);
    let next = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    // Start of the word before the cursor, and end of the word after it.
    let word_start = {
        let t = s[..at].trim_end();
        t.char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let word_end = {
        let rest = &s[at..];
        let skip = rest.len() - rest.trim_start().len();
        let w = &rest[skip..];
        at + skip + w.find(char::is_whitespace).unwrap_or(w.len())
    };
    let (text_changed, to) = match k.code {
        KeyCode::Char(c) if !k.ctrl && !k.alt => {
            s.insert(at, c);
            (true, at + c.len_utf8())
        }
        KeyCode::Backspace if k.alt => {
            s.replace_range(word_start..at, "");
            (true, word_start)
        }
        KeyCode::Backspace => {
            s.replace_range(prev..at, "");
            (true, prev)
        }
        KeyCode::Delete => {
            s.replace_range(at..next, "");
            (true, at)
        }
        KeyCode::Char('w') if k.ctrl => {
            s.replace_range(word_start..at, "");
            (true, word_start)
        }
        KeyCode::Char('u') if k.ctrl => {
            s.replace_range(..at, "");
            (true, 0)
        }
        KeyCode::Char('k') if k.ctrl => {
            s.truncate(at);
            (true, at)
        }
        KeyCode::Left => (false, prev),
        KeyCode::Char('b') if k.ctrl => (false, prev),
        KeyCode::Right => (false, next),
        KeyCode::Char('f') if k.ctrl => (false, next),
        KeyCode::Char('b') if k.alt => (false, word_start),
        KeyCode::Char('f') if k.alt => (false, word_end),
        KeyCode::Home => (false, 0),
        KeyCode::Char('a') if k.ctrl => (false, 0),
        KeyCode::End => (false, s.len()),
        KeyCode::Char('e') if k.ctrl => (false, s.len()),
        _ => (false, at),
    };
    *cursor = to;
    text_changed
}

/// Handle a key while a prompt is open. The prompt was taken out of `app.overlay`; it is put
/// back unless the key closes it.
pub fn key(app: &mut App, mut p: Prompt, k: Key) -> Vec<Effect> {
    if k.ctrl && k.code == KeyCode::Char('c') {
        return vec![Effect::Quit];
    }
    // Ctrl-z suspends from a prompt too; the prompt is still there on return.
    if k.ctrl && k.code == KeyCode::Char('z') {
        app.overlay = Some(Overlay::Prompt(p));
        return vec![Effect::Suspend];
    }
    let is_search = matches!(p.kind, PromptKind::Search { .. });
    let event = match k.code {
        // In the search prompt ↑/↓ recall earlier searches.
        KeyCode::Up | KeyCode::Down if is_search && !k.ctrl && !k.alt => {
            let h = &mut app.search_history;
            match if k.code == KeyCode::Up {
                h.older(&p.input)
            } else {
                h.newer()
            } {
                Some(text) => {
                    p.cursor = text.len();
                    let changed = text != p.input;
                    p.input = text;
                    PromptEvent::Update { changed }
                }
                None => PromptEvent::Update { changed: false },
            }
        }
        KeyCode::Esc => PromptEvent::Abort,
        KeyCode::Enter => PromptEvent::Validate,
        // Backspace on an empty line closes the prompt, as in vim.
        KeyCode::Backspace if p.input.is_empty() => PromptEvent::Abort,
        KeyCode::Down | KeyCode::Tab => step(&mut p, 1),
        KeyCode::Char('n') if k.ctrl => step(&mut p, 1),
        KeyCode::Up | KeyCode::BackTab => step(&mut p, -1),
        KeyCode::Char('p') if k.ctrl => step(&mut p, -1),
        _ => PromptEvent::Update {
            changed: edit_line(&mut p.input, &mut p.cursor, k),
        },
    };
    let changed = event == PromptEvent::Update { changed: true };
    let mut effects = Vec::new();
    match &mut p.kind {
        PromptKind::Search {
            origin_cursor,
            origin_top,
            origin_folds,
            previous,
        } => {
            let (oc, ot) = (*origin_cursor, *origin_top);
            let mut not_found = None;
            let mut remember = false;
            if let Some(r) = app.reader_mut() {
                if changed || event == PromptEvent::Abort {
                    // Each keystroke searches from where the search began, folds included.
                    r.folded.clone_from(origin_folds);
                }
                match event {
                    PromptEvent::Update { changed: true } => {
                        let from = r.article.blocks.get(oc).map_or(0, |b| b.range.start);
                        r.search_from(&p.input, from);
                        if p.input.is_empty() || r.search.matches.is_empty() {
                            r.cursor = oc;
                            r.top = ot;
                            r.follow_cursor();
                        }
                    }
                    PromptEvent::Update { changed: false } => {}
                    PromptEvent::Abort => {
                        r.search.restore(std::mem::take(previous));
                        r.cursor = oc;
                        r.top = ot;
                        r.follow_cursor();
                    }
                    PromptEvent::Validate if r.search.matches.is_empty() => {
                        // Nothing found (or nothing typed): the previous search stays, as in vim.
                        let error = r.search.error.take();
                        r.search.restore(std::mem::take(previous));
                        if let Some(e) = error {
                            not_found = Some(format!("Bad pattern: {e}"));
                        } else if !p.input.is_empty() {
                            not_found = Some(format!("Not found: {}", p.input));
                        }
                    }
                    PromptEvent::Validate => {
                        remember = true;
                        // The jump list remembers where the search started.
                        let here = r.cursor;
                        r.cursor = oc;
                        r.push_jump();
                        r.cursor = here;
                    }
                }
            }
            if let Some(msg) = not_found {
                app.warn(msg);
            }
            if remember {
                app.search_history.push(&p.input);
                effects.push(Effect::SaveSearchHistory);
            }
        }
        PromptKind::Filter => {
            if event == PromptEvent::Abort {
                app.set_points_filter("");
            } else {
                let query = p.input.clone();
                app.set_points_filter(&query);
            }
            // Stay near the point selected before: the first match at or after it.
            if let Some(d) = app.doc_mut() {
                let l = &mut d.points_list;
                if !l.matches.is_empty() && !l.matches.contains(&l.cursor.selected) {
                    l.cursor.selected = l.matches[l.selected_match()];
                }
            }
        }
        PromptKind::Goto { selected } => {
            if changed {
                *selected = 0;
            }
            if event == PromptEvent::Validate
                && let Some(d) = app.doc_mut()
            {
                let matches = d.goto_matches(&p.input);
                let pick = (*selected).min(matches.len().saturating_sub(1));
                if let Some(&s) = matches.get(pick) {
                    d.reader.jump_to_section(s);
                }
            }
        }
        PromptKind::Links { selected } => {
            if changed {
                *selected = 0;
            }
            if event == PromptEvent::Validate
                && let Some(d) = app.doc()
            {
                let matches = d.link_matches(&p.input);
                let pick = (*selected).min(matches.len().saturating_sub(1));
                if let Some(&l) = matches.get(pick) {
                    effects = super::links::follow(app, l);
                }
            }
        }
        // Handled by update::notes.
        PromptKind::Tags { .. } | PromptKind::NotesFilter => {}
    }
    if let PromptEvent::Update { .. } = event {
        app.overlay = Some(Overlay::Prompt(p));
    }
    // A filter with a bad `\v` pattern says why as it is typed.
    if changed
        && let Some(Overlay::Prompt(p)) = &app.overlay
        && matches!(p.kind, PromptKind::Goto { .. } | PromptKind::Filter)
        && let Err(e) = crate::article::pattern::Filter::new(&p.input)
    {
        app.warn(format!("Bad pattern: {e}"));
    }
    // The outline and the side panel follow a search or a `:` jump.
    if event == PromptEvent::Validate {
        super::panels::follow_panels(app);
    }
    effects
}

/// Move the selection in a prompt's list (go to section).
fn step(p: &mut Prompt, d: isize) -> PromptEvent {
    if let PromptKind::Goto { selected } | PromptKind::Links { selected } = &mut p.kind {
        *selected = selected.saturating_add_signed(d);
    }
    PromptEvent::Update { changed: false }
}

#[cfg(test)]
mod tests {
    use super::edit_line;
    use crate::tui::input::{Key, KeyCode};

    /// Apply keys to `s` with the cursor at its end; the text and the cursor after.
    fn run(s: &str, keys: &[Key]) -> (String, usize) {
        let (mut s, mut c) = (s.to_string(), s.len());
        for &k in keys {
            edit_line(&mut s, &mut c, k);
        }
        (s, c)
    }

    #[test]
    fn readline_keys() {
        let k = Key::new;
        assert_eq!(run("Japan", &[Key::ctrl('w')]), ("".into(), 0));
        assert_eq!(
            run("trade Japan  ", &[Key::ctrl('w')]),
            ("trade ".into(), 6)
        );
        assert_eq!(
            run(
                "quota",
                &[k(KeyCode::Left), k(KeyCode::Left), Key::char('X')]
            )
            .0,
            "quoXta"
        );
        assert_eq!(
            run("quota", &[k(KeyCode::Home), Key::char('>')]).0,
            ">quota"
        );
        assert_eq!(
            run("quota", &[Key::ctrl('a'), k(KeyCode::Delete)]).0,
            "uota"
        );
        assert_eq!(
            run(
                "quota",
                &[k(KeyCode::Left), k(KeyCode::Left), Key::ctrl('k')]
            )
            .0,
            "quo"
        );
        assert_eq!(
            run("quota", &[k(KeyCode::Left), Key::ctrl('u')]),
            ("a".into(), 0)
        );
        assert_eq!(
            run("a b c", &[Key::alt('b'), Key::alt('b'), Key::char('_')]).0,
            "a _b c"
        );
        assert_eq!(
            run("a b c", &[Key::ctrl('a'), Key::alt('f'), Key::char('_')]).0,
            "a_ b c"
        );
        // Never splits a char: Left and Backspace step over whole chars.
        assert_eq!(
            run(
                "über",
                &[Key::ctrl('a'), k(KeyCode::Right), k(KeyCode::Backspace)]
            )
            .0,
            "ber"
        );
        assert_eq!(run("日本", &[k(KeyCode::Left), Key::char('x')]).0, "日x本");
        // Spaces of more than one byte (no-break, ideographic) end words too.
        assert_eq!(run("trade\u{a0}Japan", &[Key::ctrl('w')]).0, "trade\u{a0}");
        assert_eq!(
            run(
                "日本\u{3000}語",
                &[Key::alt('b'), k(KeyCode::Left), Key::char('x')]
            )
            .0,
            "日本x\u{3000}語"
        );
        // At the ends nothing breaks.
        assert_eq!(
            run("", &[k(KeyCode::Left), k(KeyCode::Delete), Key::ctrl('w')]),
            ("".into(), 0)
        );
        assert_eq!(
            run("ab", &[k(KeyCode::Right), k(KeyCode::Delete)]),
            ("ab".into(), 2)
        );
    }
}
