//! The library: moving through it, opening an article, and taking in what the background
//! jobs found (a file's details, an article loaded).

use super::{Effect, LoadError, key};
use crate::article::Article;
use crate::tui::input::Action;
use crate::tui::state::{App, EntryStatus, LoadJob};

/// Keys in the library list.
pub(super) fn action(app: &mut App, action: Action, count: usize) -> Vec<Effect> {
    let n = app.library.entries.len();
    if n == 0 {
        return Vec::new();
    }
    if app.library.cursor.step(n, action, count) {
        return Vec::new();
    }
    if let Action::Activate | Action::Expand = action {
        let e = &app.library.entries[app.library.cursor.selected.min(n - 1)];
        app.load = Some(LoadJob::new(e.title.clone(), e.key.clone()));
        app.library.from_library = true;
        return vec![Effect::Open(e.origin.clone())];
    }
    Vec::new()
}

/// A library file was read in the background.
pub(super) fn entry_info(
    app: &mut App,
    index: usize,
    title: String,
    detail: String,
    status: EntryStatus,
) {
    if let Some(e) = app.library.entries.get_mut(index) {
        e.title = title;
        e.detail = detail;
        e.status = status;
    }
    if let Some(s) = &mut app.library.scan {
        s.done += 1;
        if s.done >= s.total {
            app.library.scan = None;
        }
    }
}

/// An article finished loading (or could not be read).
pub(super) fn loaded(app: &mut App, result: Result<Article, LoadError>) -> Vec<Effect> {
    match result {
        Ok(a) if app.load.as_ref().is_some_and(|l| l.previewed) => {
            // The rest of an article whose start is on screen.
            fill_in_entry(app, &a);
            let unmoved = app.doc().is_some_and(|d| !d.moved());
            app.complete_preview(a);
            // The place read before, known only now (the store opened meanwhile), is taken
            // unless the reader moved already.
            if unmoved {
                super::startup::restore_place(app);
            }
            let mut effects: Vec<Effect> = app
                .doc()
                .map(|d| Effect::Analyze(d.article().clone()))
                .into_iter()
                .collect();
            effects.extend(load_notes(app));
            effects
        }
        Ok(a) => {
            // Note where the reader was in the article it leaves.
            let mut effects: Vec<Effect> = app
                .record_reading()
                .map(|k| Effect::SaveReading(vec![k]))
                .into_iter()
                .collect();
            fill_in_entry(app, &a);
            let queued = app
                .load
                .as_mut()
                .map(|l| std::mem::take(&mut l.queued_keys))
                .unwrap_or_default();
            app.open_article(a);
            if let Some(d) = app.doc() {
                effects.push(Effect::Analyze(d.article().clone()));
            }
            effects.extend(load_notes(app));
            for k in queued {
                effects.extend(key(app, k));
            }
            effects
        }
        Err(e) => {
            app.load = None;
            app.warn(e.to_string());
            Vec::new()
        }
    }
}

/// The library entry of an article that has just loaded gets its title and detail line, also
/// when no background scan read it (one file on the command line, or standard input). The
/// entry is the one opened from the library, or the only one.
fn fill_in_entry(app: &mut App, a: &Article) {
    let lib = &mut app.library;
    let opened = if lib.from_library {
        lib.cursor.selected
    } else if lib.entries.len() == 1 {
        0
    } else {
        return;
    };
    // An article reached by following a link is not the entry selected in the library.
    let loading = app.load.as_ref().and_then(|l| l.key.as_ref());
    if let Some(e) = lib.entries.get_mut(opened)
        && (loading.is_none() || e.key.as_ref() == loading)
    {
        e.title = a.meta.title.clone();
        e.detail = crate::library::entry_detail(a, e.size);
        e.status = EntryStatus::Readable;
    }
}

/// `q` or Esc while an article loads (issue 14): stop at once. The load is dropped (its parse's
/// result is ignored); an article opened straight from the command line quits on `q`, and
/// otherwise the library (or the article open before) is back.
pub(super) fn cancel_load(app: &mut App, q: bool) -> Vec<Effect> {
    let Some(load) = app.load.take() else {
        return Vec::new();
    };
    app.load_cancelled = true;
    if q && !app.library.from_library && app.doc().is_none() {
        return vec![Effect::CancelLoad, Effect::Quit];
    }
    app.notify(format!("Stopped loading {}", load.name));
    vec![Effect::CancelLoad]
}

/// Read the open article's annotations (an article from a file or bundled; standard input
/// has none).
fn load_notes(app: &App) -> Option<Effect> {
    let d = app.doc()?;
    Some(Effect::LoadNotes {
        key: d.key.as_ref()?.to_string(),
        article: d.article().clone(),
    })
}
