//! The store opening in the background (the first frame does not wait for SQLite): reading
//! places noted before it is open are kept (as unsaved) and written once it is; the places it
//! holds and its warnings are taken in when it comes.
//!
//! The article may be on screen already when the store comes: its place read before is taken
//! only if the reader has not moved yet (else where they went wins); for an article whose start
//! only is shown, when the rest has loaded.

use super::Effect;
use crate::store::StoreWarning;
use crate::store::reading_json::Store as Positions;
use crate::tui::state::App;

/// While the store opens, saves of reading places wait: their articles are kept in
/// `places.unsaved`, saved (and stamped as read) once it is open.
pub(super) fn hold_saves(app: &mut App, effects: &mut Vec<Effect>) {
    if !app.places.opening {
        return;
    }
    let unsaved = &mut app.places.unsaved;
    effects.retain(|e| match e {
        Effect::SaveReading(keys) => {
            for k in keys {
                if !unsaved.contains(k) {
                    unsaved.push(k.clone());
                }
            }
            false
        }
        _ => true,
    });
}

/// The store is open: say what it warns about, take in its places (those noted here since
/// win), put the open article at its place if the reader has not moved, and save what waited.
pub(super) fn store_opened(
    app: &mut App,
    places: Result<Positions, String>,
    warnings: Vec<StoreWarning>,
) -> Vec<Effect> {
    app.places.opening = false;
    match places {
        Ok(mut disk) => {
            let unsaved = &app.places.unsaved;
            disk.articles.retain(|k, _| !unsaved.iter().any(|u| u == k));
            app.places.store.merge(disk);
        }
        Err(w) => {
            log::warn!("{w}");
            app.warn(w);
        }
    }
    // Data safety comes first: these win the bottom line.
    for w in &warnings {
        log::warn!("{w}");
        match w {
            StoreWarning::Imported { .. } => app.notify(w.to_string()),
            _ => app.warn(w.to_string()),
        }
    }
    if app.doc().is_some_and(|d| !d.partial && !d.moved()) {
        restore_place(app);
    }
    if app.places.unsaved.is_empty() {
        Vec::new()
    } else {
        vec![Effect::SaveReading(Vec::new())]
    }
}

/// Put the open (whole) article where it was last read, if that is known; it counts as noted
/// there, so leaving it unmoved saves nothing.
pub(super) fn restore_place(app: &mut App) {
    let Some(d) = app.doc.as_mut().filter(|d| !d.partial) else {
        return;
    };
    let Some(st) = d
        .key
        .as_ref()
        .and_then(|k| app.places.store.articles.get(&k.to_string()))
    else {
        return;
    };
    d.restore(st);
    d.mark_place();
}
