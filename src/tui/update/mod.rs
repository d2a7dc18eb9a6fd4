//! `update`: (App, Msg) → App + Effects. No terminal, no files: the runtime performs the
//! effects and answers with messages.

mod clicks;
mod jumps;
mod library;
mod links;
mod messages;
mod mouse;
pub mod msg;
mod notes;
mod page;
mod panels;
pub mod prompt;
mod reader;
// The multi-line note editor.
mod editor;
mod startup;

pub use msg::{Effect, LoadError, Mouse, Msg, SaveError};
// A note being written is saved when Tenor stops.
pub use editor::closing as closing_editor;

use crate::tui::input::{Action, Key, KeyCode, Resolution, resolve};
use crate::tui::state::{App, Focus, JumpMark, Overlay, PromptKind, Screen};

/// Keys typed while an article loads that are kept for it.
const MAX_QUEUED_KEYS: usize = 64;

/// Counts beyond this are taken as this (`99999999999j` means "as far as it goes").
pub const MAX_COUNT: usize = 10_000;

/// Apply a message. Afterwards every list's scroll follows its selection (see
/// [`App::settle`]), so the view only reads.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = apply(app, msg);
    startup::hold_saves(app, &mut effects);
    app.settle();
    effects
}

fn apply(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.relayout();
            Vec::new()
        }
        Msg::EntryInfo {
            index,
            title,
            detail,
            status,
        } => {
            library::entry_info(app, index, title, detail, status);
            Vec::new()
        }
        Msg::Preview(article) => {
            app.open_preview(*article);
            Vec::new()
        }
        // A load cancelled meanwhile: its result is not wanted.
        Msg::Loaded(_) if app.load.is_none() && app.load_cancelled => Vec::new(),
        Msg::Loaded(result) => {
            let effects = library::loaded(app, *result);
            links::arrived(app);
            effects
        }
        Msg::ToneReady(article, tl) => {
            app.set_tone(&article, *tl);
            Vec::new()
        }
        Msg::PointsReady(article, points) => {
            app.set_points(&article, *points);
            Vec::new()
        }
        Msg::Tick => {
            if let Some(d) = app.doc_mut() {
                d.jump_mark = d.jump_mark.take().and_then(|m| {
                    (m.ticks > 1).then(|| JumpMark {
                        ticks: m.ticks - 1,
                        ..m
                    })
                });
            }
            Vec::new()
        }
        Msg::Checkpoint => match app.record_reading() {
            Some(key) => vec![Effect::SaveReading(vec![key])],
            None if !app.places.unsaved.is_empty() => vec![Effect::SaveReading(Vec::new())],
            None => Vec::new(),
        },
        Msg::Saved(result) => {
            saved(app, result);
            Vec::new()
        }
        Msg::Refreshed(Ok(mut disk)) => {
            let unsaved = &app.places.unsaved;
            disk.articles.retain(|k, _| !unsaved.iter().any(|u| u == k));
            app.places.store.merge(disk);
            Vec::new()
        }
        Msg::Refreshed(Err(w)) => {
            log::warn!("{w}");
            app.warn(w);
            Vec::new()
        }
        Msg::NotesLoaded {
            article,
            id,
            list,
            warning,
        } => {
            if let Some(d) = app.doc_mut()
                && d.is(&article)
            {
                d.notes.set(id, list);
                notes::loaded(app);
            }
            if let Some(w) = warning {
                log::warn!("{w}");
                app.warn(w);
            }
            Vec::new()
        }
        Msg::AnnotationSaved(result) => {
            notes::saved(app, result);
            Vec::new()
        }
        Msg::StoreOpened { places, warnings } => startup::store_opened(app, places, warnings),
        Msg::Mouse(m) => mouse::handle(app, m),
        Msg::Refetched(result) => page::refetched(app, result),
        Msg::Browsed { url, error } => {
            let url = crate::article::links::shown_target(&url).into_owned();
            match error {
                None => app.notify(format!("Opened in the browser: {url}")),
                Some(e) => app.warn(format!("Could not open {url}: {e}")),
            }
            Vec::new()
        }
        // Keys typed while an article loads are kept and played once it is open (Ctrl-c
        // still quits at once).
        Msg::Key(k)
            if app.load.as_ref().is_some_and(|l| !l.previewed)
                && !(k.ctrl && k.code == KeyCode::Char('c')) =>
        {
            if k.code == KeyCode::Esc || k.code == KeyCode::Char('q') && !k.ctrl && !k.alt {
                return library::cancel_load(app, k.code == KeyCode::Char('q'));
            }
            if let Some(l) = app.load.as_mut()
                && l.queued_keys.len() < MAX_QUEUED_KEYS
            {
                l.queued_keys.push(k);
            }
            Vec::new()
        }
        Msg::Key(k) => key(app, k),
        Msg::Paste(text) => editor::paste(app, text),
    }
}

/// The answer to [`Effect::SaveReading`]: the places as saved, or why they were not (kept to
/// be saved, with the articles to stamp, at the next try).
fn saved(app: &mut App, result: Result<crate::store::reading_json::Store, SaveError>) {
    match result {
        Ok(stored) => {
            // The store's copy: this Tenor's places as saved, and what others saved meanwhile.
            app.places.store.merge(stored);
            app.places.unsaved.clear();
        }
        Err(e) => {
            for k in &e.keys {
                if !app.places.unsaved.contains(k) {
                    app.places.unsaved.push(k.clone());
                }
            }
            let msg = e.to_string();
            log::warn!("{msg}");
            app.warn(msg);
        }
    }
}

fn key(app: &mut App, k: Key) -> Vec<Effect> {
    match app.overlay.take() {
        Some(Overlay::Prompt(p))
            if matches!(p.kind, PromptKind::Tags { .. } | PromptKind::NotesFilter) =>
        {
            return notes::prompt_key(app, p, k);
        }
        Some(Overlay::Prompt(p)) => return prompt::key(app, p, k),
        Some(Overlay::Help { scroll }) => {
            let close = matches!(
                k.code,
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::F(1)
            );
            let ctrl_c = k.ctrl && k.code == KeyCode::Char('c');
            if ctrl_c {
                return vec![Effect::Quit];
            }
            if !close {
                let scroll = match k.code {
                    KeyCode::Char('j') | KeyCode::Down => scroll + 1,
                    KeyCode::Char('k') | KeyCode::Up => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll + 10,
                    KeyCode::PageUp | KeyCode::Char('b') => scroll.saturating_sub(10),
                    KeyCode::Char('g') | KeyCode::Home => 0,
                    KeyCode::Char('G') | KeyCode::End => usize::MAX,
                    _ => scroll,
                }
                .min(crate::tui::state::help::max_scroll(&app.keymap, app.size));
                app.overlay = Some(Overlay::Help { scroll });
            }
            return Vec::new();
        }
        Some(Overlay::Messages { scroll }) => return messages::key(app, scroll, k),
        Some(Overlay::Editor(e)) => return editor::key(app, e, k),
        None => {}
    }
    if let Some(effects) = jumps::mark_letter(app, k) {
        return effects;
    }
    let ctx = app.context();
    let typed = app.pending.keys.clone();
    match resolve(&app.keymap, ctx, &mut app.pending, k) {
        Resolution::Action { action, count } if jumps::counted(app, action, count) => Vec::new(),
        Resolution::Action { action, count } => act(app, action, count.unwrap_or(1).min(MAX_COUNT)),
        Resolution::Pending => Vec::new(),
        // Unbound keys say so on the status line (Esc cancelling a pending sequence does not).
        Resolution::Unbound => {
            jumps::unbound(app, &typed, k);
            Vec::new()
        }
    }
}

/// Perform an action `count` times (where counting makes sense), as a key bound to it
/// would; lists then follow their selections, as after [`update`].
pub fn perform(app: &mut App, action: Action, count: usize) -> Vec<Effect> {
    let effects = act(app, action, count);
    app.settle();
    effects
}

/// Perform an action (the lists settle at the end of the message).
fn act(app: &mut App, action: Action, count: usize) -> Vec<Effect> {
    use Action::*;
    app.status.message = None;
    match action {
        Quit => return vec![Effect::Quit],
        Suspend => return vec![Effect::Suspend],
        Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        ToggleMouse => {
            app.mouse = !app.mouse;
            app.notify(if app.mouse {
                "Mouse on: wheel scrolls, click folds and jumps"
            } else {
                "Mouse off: the terminal selects text"
            });
            return vec![Effect::SetMouse(app.mouse)];
        }
        Library => {
            app.screen = Screen::Library;
            return leave_reader(app);
        }
        Back => return back(app),
        Messages => return messages::open(app),
        WidenSidePanel | NarrowSidePanel => {
            return panels::resize_side(app, action == WidenSidePanel, count);
        }
        _ => {}
    }
    match app.screen {
        // While an article loads, only quitting and help make sense.
        Screen::Library if app.load.is_some() => Vec::new(),
        Screen::Library => library::action(app, action, count),
        Screen::Reader => {
            if let Some(effects) = links::action(app, action)
                .or_else(|| page::action(app, action))
                .or_else(|| editor::action(app, action))
                .or_else(|| notes::action(app, action, count))
            {
                return effects;
            }
            // A panel drawn over the article gives way to it after a jump.
            let covered = action == Activate && app.areas.covered;
            if !panels::action(app, action, count) {
                reader::action(app, action, count);
            }
            if covered {
                app.focus = Focus::Reader;
            }
            Vec::new()
        }
    }
}

fn back(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Reader if app.focus != Focus::Reader => app.focus = Focus::Reader,
        Screen::Reader if app.back_to_library() => {
            app.screen = Screen::Library;
            return leave_reader(app);
        }
        _ => return vec![Effect::Quit],
    }
    Vec::new()
}

/// Leaving the article for the library: save where the reader was.
fn leave_reader(app: &mut App) -> Vec<Effect> {
    app.record_reading()
        .map(|k| Effect::SaveReading(vec![k]))
        .into_iter()
        .collect()
}
