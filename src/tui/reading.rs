//! Saving the reading state (`App::reading`) to disk: stamping the visit, reporting and
//! retrying failures. No terminal here; the runtime calls these.

use super::app::App;
use crate::article::text;
use crate::library;

/// Write the reading state to disk (the article `key` stamped as read now), merged with what
/// another Tenor may have saved meanwhile. A failure is reported, and the state stays in
/// memory for the next try.
pub fn save_reading(app: &mut App, path: Option<&std::path::Path>, key: Option<&str>) {
    let Some(path) = path else {
        return;
    };
    if let Some(k) = key
        && !app.reading_unsaved.iter().any(|u| u == k)
    {
        app.reading_unsaved.push(k.to_string());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    match library::store::save(path, &app.reading, &app.reading_unsaved, now) {
        Ok(saved) => {
            app.reading = saved.store;
            app.reading_unsaved.clear();
            if let Some(note) = saved.note {
                log::warn!("{note}");
                app.warn(note);
            }
        }
        Err(e) => {
            // Kept in memory (with the articles to stamp) and tried again at the next save.
            let msg = format!(
                "{}: cannot save reading positions: {e}",
                text::show_path(path)
            );
            log::warn!("{msg}");
            app.warn(msg);
        }
    }
}

/// Take in what another Tenor saved meanwhile (before opening an article, and now and then in
/// the library), except for places not saved here yet.
pub fn refresh(app: &mut App, path: Option<&std::path::Path>) {
    let Some(path) = path else {
        return;
    };
    let loaded = library::store::load(path);
    if let Some(w) = loaded.warning {
        log::warn!("{w}");
        app.warn(w);
    }
    let mut disk = loaded.store;
    disk.articles
        .retain(|k, _| !app.reading_unsaved.iter().any(|u| u == k));
    app.reading.merge(disk);
}

/// Note where the reader is, and save when that changed or an earlier save failed.
pub fn note_and_save(app: &mut App, path: Option<&std::path::Path>) {
    match app.record_reading() {
        Some(key) => save_reading(app, path, Some(&key)),
        None if !app.reading_unsaved.is_empty() => save_reading(app, path, None),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};
    use crate::tui::input::Keymap;
    use crate::tui::theme::{Theme, ThemeName};

    #[test]
    fn a_failed_save_is_reported_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        // The data directory's place is taken by a file: saving fails.
        let blocked = dir.path().join("data");
        std::fs::write(&blocked, "not a directory").unwrap();
        let path = blocked.join(library::store::FILE_NAME);
        let mut app = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        app.opening_key = Some("bundled:x".into());
        app.open_article(parse_str(
            "# A\n\nOne.\n\n# B\n\nTwo.\n",
            Format::Markdown,
            "x",
        ));
        app.reader.as_mut().unwrap().jump_to(3);
        note_and_save(&mut app, Some(&path));
        assert!(!app.reading_unsaved.is_empty());
        assert!(app.message.as_ref().is_some_and(|m| m.warning));
        // Nothing moved since, but the failed save is tried again.
        std::fs::remove_file(&blocked).unwrap();
        note_and_save(&mut app, Some(&path));
        assert!(app.reading_unsaved.is_empty());
        let saved = library::store::load(&path).store;
        assert_eq!(saved.articles["bundled:x"].quote, "Two.");
    }
}
