//! Saving and reloading the reading places (`App::places`) on disk. These read the state and
//! answer with a [`Msg`]: `update` takes the result in (and reports a failure).

use std::path::Path;

use crate::article::text;
use crate::tui::state::Places;
use crate::tui::update::{Msg, SaveError};

/// Write the reading places to `path` (`read_now` and the articles whose last save failed
/// stamped as read now), merged with what another Tenor may have saved meanwhile. `None`
/// when there is nowhere to save (a newer Tenor's file is not saved over).
pub fn save(places: &Places, path: Option<&Path>, read_now: &[String]) -> Option<Msg> {
    let path = path?;
    let mut keys = places.unsaved.clone();
    for k in read_now {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let result =
        crate::store::reading_json::save(path, &places.store, &keys, now).map_err(|e| SaveError {
            keys,
            path: text::show_path(path),
            source: e,
        });
    Some(Msg::Saved(result))
}

/// What another Tenor saved meanwhile (before opening an article, and now and then in the
/// library).
pub fn refresh(path: Option<&Path>) -> Option<Msg> {
    Some(Msg::Refreshed(crate::store::reading_json::load(path?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};
    use crate::tui::input::Keymap;
    use crate::tui::state::{App, ArticleKey, Level, LoadJob};
    use crate::tui::theme::{Theme, ThemeName};
    use crate::tui::update::{Effect, update};

    /// Note the place as the runtime does, and perform the saves it asks for.
    fn checkpoint(app: &mut App, path: &Path) {
        for e in update(app, Msg::Checkpoint) {
            if let Effect::SaveReading(keys) = e
                && let Some(m) = save(&app.places, Some(path), &keys)
            {
                update(app, m);
            }
        }
    }

    #[test]
    fn a_failed_save_is_reported_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        // The data directory's place is taken by a file: saving fails.
        let blocked = dir.path().join("data");
        std::fs::write(&blocked, "not a directory").unwrap();
        let path = blocked.join(crate::store::reading_json::FILE_NAME);
        let mut app = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        app.load = Some(LoadJob::new("x", Some(ArticleKey::Bundled("x".into()))));
        app.open_article(parse_str(
            "# A\n\nOne.\n\n# B\n\nTwo.\n",
            Format::Markdown,
            "x",
        ));
        app.reader_mut().unwrap().jump_to(3);
        checkpoint(&mut app, &path);
        assert!(!app.places.unsaved.is_empty());
        assert!(
            app.status
                .message
                .as_ref()
                .is_some_and(|m| m.level == Level::Warning)
        );
        // Nothing moved since, but the failed save is tried again.
        std::fs::remove_file(&blocked).unwrap();
        checkpoint(&mut app, &path);
        assert!(app.places.unsaved.is_empty());
        let saved = crate::store::reading_json::load(&path).store;
        assert_eq!(saved.articles["bundled:x"].quote, "Two.");
    }
}
