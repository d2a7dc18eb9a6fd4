//! Keys in the multi-line note editor (`a` on a selection or an annotation): typing, Enter
//! for a new line, readline keys, Ctrl-s saves; Esc closes, asking first when the note
//! changed; Ctrl-c saves a changed note, then quits. Pasted text goes in at the cursor.

use super::Effect;
use super::notes::{create, edit, find, here};
use crate::annotate::Motivation;
use crate::tui::input::{Action, Key, KeyCode};
use crate::tui::state::editor::{NoteEditor, layout};
use crate::tui::state::{App, Focus, Overlay, SideTab};

/// `a` (add_note) opens the editor, in the article (not in the Notes tab); `None` for any
/// other action.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let in_notes_tab = app.focus == Focus::Side && app.side_tab == SideTab::Notes;
    if action != Action::AddNote || in_notes_tab || app.doc().is_none() {
        return None;
    }
    Some(open(app))
}

/// Open the editor for a new note on the selection, or for the note of the annotation the
/// cursor is on (its text in the editor).
fn open(app: &mut App) -> Vec<Effect> {
    let Some(d) = app.doc_mut() else {
        return Vec::new();
    };
    let editor = if let Some(sel) = &d.selection {
        let range = sel.range();
        let quote = d.reader.article.text.get(range.clone()).unwrap_or_default();
        NoteEditor::new(None, Some(range.clone()), quote.to_string(), "")
    } else {
        let Some(id) = here(d).map(|(a, _)| a.id.clone()) else {
            app.notify("Select a passage first (v), or move to an annotation");
            return Vec::new();
        };
        let Some((a, _)) = find(d, &id) else {
            return Vec::new();
        };
        NoteEditor::new(Some(id), None, a.target.quote.clone(), &a.note)
    };
    app.overlay = Some(Overlay::Editor(Box::new(editor)));
    Vec::new()
}

/// A key in the editor. The editor was taken out of `app.overlay`; it is put back unless the
/// key closes it.
pub(super) fn key(app: &mut App, mut e: Box<NoteEditor>, k: Key) -> Vec<Effect> {
    let plain = !k.ctrl && !k.alt;
    if k.ctrl && k.code == KeyCode::Char('c') {
        // Quitting never loses a note being written: it is saved first.
        let mut effects = if e.changed() {
            save(app, &e)
        } else {
            Vec::new()
        };
        effects.push(Effect::Quit);
        return effects;
    }
    if k.ctrl && k.code == KeyCode::Char('z') {
        app.overlay = Some(Overlay::Editor(e));
        return vec![Effect::Suspend];
    }
    if e.asking {
        match k.code {
            KeyCode::Char('y' | 'Y') if plain => return save(app, &e),
            KeyCode::Char('n' | 'N') if plain => {
                app.notify("Note not saved");
                return Vec::new();
            }
            KeyCode::Esc => e.asking = false,
            _ => {}
        }
        app.overlay = Some(Overlay::Editor(e));
        return Vec::new();
    }
    let area = layout(app.size).text;
    let (width, page) = (area.width as usize, area.height.saturating_sub(1).max(1));
    let page = page as isize;
    match k.code {
        KeyCode::Char('s') if k.ctrl => return save(app, &e),
        KeyCode::Esc if e.changed() => {
            e.asking = true;
            app.overlay = Some(Overlay::Editor(e));
            return Vec::new();
        }
        KeyCode::Esc => return Vec::new(),
        _ => {}
    }
    let t = &mut e.text;
    let mut fits = true;
    match k.code {
        KeyCode::Enter if plain => fits = t.insert("\n"),
        KeyCode::Tab if plain => fits = t.insert("\t"),
        KeyCode::Char(c) if plain => fits = t.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace if k.alt => t.delete_word_before(),
        KeyCode::Backspace => t.backspace(),
        KeyCode::Delete => t.delete(),
        KeyCode::Char('h') if k.ctrl => t.backspace(),
        KeyCode::Char('d') if k.ctrl => t.delete(),
        KeyCode::Char('w') if k.ctrl => t.delete_word_before(),
        KeyCode::Char('u') if k.ctrl => t.delete_to_line_start(),
        KeyCode::Char('k') if k.ctrl => t.delete_to_line_end(),
        KeyCode::Char('b') if k.alt => t.word_left(),
        KeyCode::Char('f') if k.alt => t.word_right(),
        KeyCode::Left if k.ctrl || k.alt => t.word_left(),
        KeyCode::Right if k.ctrl || k.alt => t.word_right(),
        KeyCode::Left => t.left(),
        KeyCode::Char('b') if k.ctrl => t.left(),
        KeyCode::Right => t.right(),
        KeyCode::Char('f') if k.ctrl => t.right(),
        KeyCode::Up => t.move_rows(-1, width),
        KeyCode::Char('p') if k.ctrl => t.move_rows(-1, width),
        KeyCode::Down => t.move_rows(1, width),
        KeyCode::Char('n') if k.ctrl => t.move_rows(1, width),
        KeyCode::PageUp => t.move_rows(-page, width),
        KeyCode::PageDown => t.move_rows(page, width),
        KeyCode::Home if k.ctrl => t.to_edge(true),
        KeyCode::End if k.ctrl => t.to_edge(false),
        KeyCode::Home => t.home(),
        KeyCode::Char('a') if k.ctrl => t.home(),
        KeyCode::End => t.end(),
        KeyCode::Char('e') if k.ctrl => t.end(),
        _ => {}
    }
    if !fits {
        app.warn("The note is at its longest: nothing more goes in");
    }
    app.overlay = Some(Overlay::Editor(e));
    Vec::new()
}

/// Pasted text (bracketed paste): into the editor at the cursor; into a bottom-line prompt
/// as if typed, on one line; ignored elsewhere, so a paste is never taken for commands.
pub(super) fn paste(app: &mut App, text: String) -> Vec<Effect> {
    match app.overlay.as_mut() {
        Some(Overlay::Editor(e)) => {
            if !e.text.insert(&text) {
                app.warn("Too long to paste into a note");
            }
            Vec::new()
        }
        Some(Overlay::Prompt(_)) => {
            let mut effects = Vec::new();
            // A prompt holds one line, and a short one.
            for c in text.chars().take(1000) {
                let c = if c.is_whitespace() { ' ' } else { c };
                if crate::article::text::is_unsafe_char(c) {
                    continue;
                }
                if !matches!(app.overlay, Some(Overlay::Prompt(_))) {
                    break;
                }
                effects.extend(super::update(app, super::Msg::Key(Key::char(c))));
            }
            effects
        }
        _ => Vec::new(),
    }
}

/// Tenor is stopping (a signal, a terminal error) with the editor open: a changed note is
/// saved, as Ctrl-c does, never dropped.
pub fn closing(app: &mut App) -> Vec<Effect> {
    match app.overlay.take() {
        Some(Overlay::Editor(e)) if e.changed() => save(app, &e),
        other => {
            app.overlay = other;
            Vec::new()
        }
    }
}

/// Save the note being edited and close the editor: a new annotation on the passage, or the
/// annotation's note changed. A new note left empty makes nothing.
fn save(app: &mut App, e: &NoteEditor) -> Vec<Effect> {
    let note = tidy(&e.text.text());
    match (&e.id, &e.range) {
        (Some(id), _) => {
            let effects = edit(app, id, |a| {
                a.note = note.clone();
                if a.motivation == Motivation::Highlighting && !note.is_empty() {
                    a.motivation = Motivation::Commenting;
                }
            });
            if !effects.is_empty() {
                app.notify("Note saved");
            }
            effects
        }
        (None, Some(range)) => {
            if note.is_empty() {
                app.notify("Empty note: nothing saved");
                return Vec::new();
            }
            if let Some(d) = app.doc_mut() {
                d.selection = None;
            }
            let effects = create(app, range.clone(), Motivation::Commenting, |a| {
                a.note = note
            });
            if !effects.is_empty() {
                app.notify("Note saved");
            }
            effects
        }
        (None, None) => Vec::new(),
    }
}

/// A note as saved: without blank lines before it or white space after it (Markdown
/// indentation inside it is kept).
fn tidy(s: &str) -> String {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .take_while(|(_, c)| c.is_whitespace())
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    s[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_drops_blank_lines_around_but_keeps_indentation() {
        assert_eq!(tidy("\n \n    code\nmore  \n\n"), "    code\nmore");
        assert_eq!(tidy("  a"), "  a");
        assert_eq!(tidy("\n\n"), "");
    }
}
