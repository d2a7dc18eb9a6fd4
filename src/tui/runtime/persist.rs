//! Reading places (`App::places`) kept in the SQLite store ([`crate::store::Store`]): opened
//! once at start, in the background ([`Shared::open_in_background`]: the first frame never
//! waits for SQLite), saved on leave, quit, every little while and before Ctrl-z, one
//! transaction per save. These read the state and answer with a [`Msg`]: `update` takes the
//! result in (and reports a failure).

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use crate::article::text;
use crate::store::Store;
use crate::tui::state::Places;
use crate::tui::update::{Msg, SaveError};

/// The store, shared by the event loop and the jobs that read annotations: empty until the
/// background job that opens it has put it there (and said so with [`Msg::StoreOpened`]).
#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<Option<Store>>>);

impl Shared {
    /// Open (create, migrate, import `reading.json` into, or restore from a backup) the store
    /// in `data_dir` on another thread. Once it is open, [`Msg::StoreOpened`] brings the
    /// reading places it holds and its warnings (a damaged database set aside, say).
    pub fn open_in_background(data_dir: PathBuf, tx: Sender<Msg>) -> Shared {
        let shared = Shared::default();
        let slot = shared.clone();
        std::thread::spawn(move || {
            let opened = std::panic::catch_unwind(|| {
                let (store, warnings) = Store::open(&data_dir);
                (read_places(&store), store, warnings)
            });
            let msg = match opened {
                Ok((places, store, warnings)) => {
                    *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(store);
                    Msg::StoreOpened { places, warnings }
                }
                // A bug: nothing will be saved, and the user is told.
                Err(_) => Msg::StoreOpened {
                    places: Err(format!(
                        "{}: the store could not be opened (an internal error; see the log); \
                         nothing will be saved",
                        text::show_path(&data_dir.join(crate::store::DB_FILE))
                    )),
                    warnings: Vec::new(),
                },
            };
            let _ = tx.send(msg);
        });
        shared
    }

    /// Run `f` with the store (`None` while it opens, or when it could not be opened at all);
    /// waits while another thread uses it.
    pub fn with<T>(&self, f: impl FnOnce(Option<&Store>) -> T) -> T {
        let guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(guard.as_ref())
    }
}

/// Open the store in `data_dir` (the first run imports `reading.json`). A store that cannot be
/// written (a newer Tenor's, a read-only data directory) still reads; the warnings say why
/// nothing will be saved. `None` only when no store could be opened at all.
#[cfg(test)]
pub fn open_store(data_dir: &std::path::Path) -> (Option<Store>, Vec<crate::store::StoreWarning>) {
    let (store, warnings) = Store::open(data_dir);
    (Some(store), warnings)
}

/// Save the places of the articles in `read_now` (stamped as read now) and of those whose
/// last save failed, in one transaction, and answer with every position as stored (what
/// another Tenor saved meanwhile included). `None` when there is nowhere to save: no store,
/// or one that cannot be written (said once, when it was opened).
pub fn save(places: &Places, store: Option<&Store>, read_now: &[String]) -> Option<Msg> {
    let store = store.filter(|s| s.read_only().is_none())?;
    let mut keys = places.unsaved.clone();
    for k in read_now {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let items: Vec<_> = keys
        .iter()
        .filter_map(|k| {
            places
                .store
                .articles
                .get(k)
                .map(|st| (k.clone(), st.clone()))
        })
        .collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let result = store
        .save_reading_positions(&items, &keys, now)
        .map(|articles| crate::store::reading_json::Store { articles })
        .map_err(|e| SaveError {
            keys,
            path: text::show_path(store.path()),
            source: e.to_string(),
        });
    Some(Msg::Saved(result))
}

/// What another Tenor saved meanwhile (at start, before opening an article, and now and then
/// in the library).
pub fn refresh(store: Option<&Store>) -> Option<Msg> {
    Some(Msg::Refreshed(read_places(store?)))
}

/// Every reading place in the store, or why they could not be read.
fn read_places(store: &Store) -> Result<crate::store::reading_json::Store, String> {
    store
        .reading_positions()
        .map(|articles| crate::store::reading_json::Store { articles })
        .map_err(|e| {
            format!(
                "{}: cannot read reading positions: {e}",
                text::show_path(store.path())
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};
    use crate::tui::input::Keymap;
    use crate::tui::state::{App, ArticleKey, Level, LoadJob};
    use crate::tui::theme::{Theme, ThemeName};
    use crate::tui::update::{Effect, update};

    const TEXT: &str = "# A\n\nOne.\n\n# B\n\nTwo.\n";

    /// An app reading `TEXT` (bundled as `x`), its cursor in the second section.
    fn reading() -> App {
        let mut app = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        app.load = Some(LoadJob::new("x", Some(ArticleKey::Bundled("x".into()))));
        app.open_article(parse_str(TEXT, Format::Markdown, "x"));
        app.reader_mut().unwrap().jump_to(3);
        app
    }

    /// Note the place as the runtime does, and perform the saves it asks for.
    fn checkpoint(app: &mut App, store: Option<&Store>) {
        for e in update(app, Msg::Checkpoint) {
            if let Effect::SaveReading(keys) = e
                && let Some(m) = save(&app.places, store, &keys)
            {
                update(app, m);
            }
        }
    }

    fn warned(app: &App) -> bool {
        app.status
            .message
            .as_ref()
            .is_some_and(|m| m.level == Level::Warning)
    }

    #[test]
    fn a_place_is_saved_in_the_store_and_read_back_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let (store, warnings) = open_store(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut app = reading();
        checkpoint(&mut app, store.as_ref());
        assert!(app.places.unsaved.is_empty() && !warned(&app));
        drop(store);
        let (store, _) = open_store(dir.path());
        let mut next = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        update(&mut next, refresh(store.as_ref()).unwrap());
        assert_eq!(next.places.store.articles["bundled:x"].quote, "Two.");
        // No temporary file is left behind: the database alone (and its first backup).
        drop(store);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["backups", "tenor.db"]);
    }

    #[test]
    fn a_failed_save_is_reported_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = open_store(dir.path());
        let db = dir.path().join(crate::store::DB_FILE);
        // Another program breaks the table: saving fails.
        let other = rusqlite::Connection::open(&db).unwrap();
        other
            .execute_batch("ALTER TABLE reading_positions RENAME TO gone")
            .unwrap();
        let mut app = reading();
        checkpoint(&mut app, store.as_ref());
        assert!(!app.places.unsaved.is_empty());
        assert!(warned(&app));
        // Nothing moved since, but the failed save is tried again.
        other
            .execute_batch("ALTER TABLE gone RENAME TO reading_positions")
            .unwrap();
        checkpoint(&mut app, store.as_ref());
        assert!(app.places.unsaved.is_empty());
        let st = store.unwrap().reading_position("bundled:x").unwrap();
        assert_eq!(st.unwrap().quote, "Two.");
    }

    #[test]
    fn a_newer_tenors_store_is_read_not_written_nor_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(crate::store::DB_FILE);
        {
            let (store, _) = open_store(dir.path());
            let mut app = reading();
            checkpoint(&mut app, store.as_ref());
        }
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("PRAGMA user_version = 9999")
            .unwrap();
        let before = std::fs::read(&db).unwrap();
        let (store, warnings) = open_store(dir.path());
        assert!(
            warnings
                .iter()
                .any(|w| w.to_string().contains("cannot be saved")),
            "{warnings:?}"
        );
        let mut app = reading();
        update(&mut app, refresh(store.as_ref()).unwrap());
        assert_eq!(app.places.store.articles["bundled:x"].quote, "Two.");
        app.reader_mut().unwrap().jump_to(1);
        assert!(save(&app.places, store.as_ref(), &["bundled:x".into()]).is_none());
        drop(store);
        assert_eq!(std::fs::read(&db).unwrap(), before);
        let aside = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().contains("corrupt"))
            })
            .count();
        assert_eq!(aside, 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_store_reached_through_a_symlink_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let synced = dir.path().join("synced");
        let data = dir.path().join("data");
        std::fs::create_dir_all(&synced).unwrap();
        std::fs::create_dir_all(&data).unwrap();
        {
            let (store, _) = open_store(&synced);
            checkpoint(&mut reading(), store.as_ref());
        }
        let link = data.join(crate::store::DB_FILE);
        std::os::unix::fs::symlink(synced.join(crate::store::DB_FILE), &link).unwrap();
        let (store, warnings) = open_store(&data);
        assert!(
            warnings.iter().all(|w| !w.to_string().contains("damaged")),
            "{warnings:?}"
        );
        let mut app = reading();
        app.reader_mut().unwrap().jump_to(1);
        checkpoint(&mut app, store.as_ref());
        assert!(app.places.unsaved.is_empty() && !warned(&app));
        drop(store);
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let (real, _) = open_store(&synced);
        let st = real
            .unwrap()
            .reading_position("bundled:x")
            .unwrap()
            .unwrap();
        assert_eq!(st.quote, "One.");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_data_directory_reads_and_says_places_cannot_be_saved() {
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            return; // root writes anywhere
        }
        let dir = tempfile::tempdir().unwrap();
        {
            let (store, _) = open_store(dir.path());
            checkpoint(&mut reading(), store.as_ref());
        }
        let mode = |m| std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(m));
        mode(0o555).unwrap();
        let (store, warnings) = open_store(dir.path());
        let said: Vec<_> = warnings.iter().map(|w| w.to_string()).collect();
        mode(0o755).unwrap();
        assert!(
            said.iter()
                .any(|w| w.contains("reading positions") && w.contains("cannot be saved")),
            "{said:?}"
        );
        let mut app = reading();
        update(&mut app, refresh(store.as_ref()).unwrap());
        assert_eq!(app.places.store.articles["bundled:x"].quote, "Two.");
    }
}
