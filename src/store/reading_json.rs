//! The reading-state file: `reading.json` in the data directory, one [`ReadingState`] per
//! article key. Nothing in it is ever lost:
//! - it is written atomically (a temporary file in the same directory, flushed to disk, then
//!   renamed over the old one), so a crash leaves the old file or the new one, never half;
//! - before writing, the file is read again and merged, entry by entry, the newer visit
//!   winning, so two Tenors open at once do not erase each other's places; a lock file held
//!   from that read to the rename keeps two saves from interleaving;
//! - a file that cannot be read as reading state is never overwritten: it is renamed aside
//!   (`reading.json.corrupt-<time>`) and the rename is reported;
//! - a file written by a newer Tenor is left alone, and this one does not save (reported).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotate::reading::ReadingState;

/// The file's name in the data directory.
pub const FILE_NAME: &str = "reading.json";
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    articles: BTreeMap<String, ReadingState>,
}

/// Reading states by article key (`file:/abs/path`, `bundled:name`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Store {
    pub articles: BTreeMap<String, ReadingState>,
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub store: Store,
    /// Said to the user: the file was corrupt and kept aside, or could not be read.
    pub warning: Option<String>,
    /// Saving would lose data this Tenor cannot read (a newer Tenor's file): do not save.
    pub read_only: bool,
}

/// Read the store at `path`. A missing file is an empty store. A file that is not valid
/// reading state is renamed aside and reported; an unreadable one is left alone and
/// reported (and [`save`] will not overwrite it).
pub fn load(path: &Path) -> Loaded {
    match read(path) {
        Ok(store) => Loaded {
            store,
            warning: None,
            read_only: false,
        },
        Err(ReadError::Io(e)) => Loaded {
            store: Store::default(),
            warning: Some(format!(
                "{}: cannot read reading positions: {e}",
                crate::article::text::show_path(path)
            )),
            read_only: false,
        },
        Err(ReadError::Newer(v)) => Loaded {
            store: Store::default(),
            warning: Some(format!(
                "{}: reading positions written by a newer Tenor (format {v}); left as they \
                 are, and this Tenor will not save positions",
                crate::article::text::show_path(path)
            )),
            read_only: true,
        },
        Err(ReadError::Corrupt(why)) => {
            let aside = aside_path(path);
            let warning = match fs::rename(path, &aside) {
                Ok(()) => format!(
                    "{}: not valid reading positions ({why}); kept as {} and started afresh",
                    crate::article::text::show_path(path),
                    file_name(&aside)
                ),
                Err(e) => format!(
                    "{}: not valid reading positions ({why}), and it could not be moved aside: {e}",
                    crate::article::text::show_path(path)
                ),
            };
            Loaded {
                store: Store::default(),
                warning: Some(warning),
                read_only: false,
            }
        }
    }
}

enum ReadError {
    Io(io::Error),
    Corrupt(String),
    /// A format version this Tenor does not know.
    Newer(u32),
}

fn read(path: &Path) -> Result<Store, ReadError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Store::default()),
        Err(e) => return Err(ReadError::Io(e)),
    };
    let file: File =
        serde_json::from_slice(&bytes).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    if file.version > VERSION {
        return Err(ReadError::Newer(file.version));
    }
    Ok(Store {
        articles: file.articles,
    })
}

/// `reading.json.corrupt-<unix seconds>` next to `path` (a counter is added if taken).
fn aside_path(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let mut aside = path.with_file_name(format!("{name}.corrupt-{secs}"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{name}.corrupt-{secs}-{n}"));
        n += 1;
    }
    aside
}

impl Store {
    /// Merge `other` in: for each article, the state with the later visit (`other`'s on a
    /// tie: visits are in seconds, and two saves in one second keep the later one).
    pub fn merge(&mut self, other: Store) {
        for (k, v) in other.articles {
            match self.articles.get(&k) {
                Some(mine) if mine.visited > v.visited => {}
                _ => {
                    self.articles.insert(k, v);
                }
            }
        }
    }
}

/// What a save did.
#[derive(Debug)]
pub struct Saved {
    /// The store as written: this one merged with the file's.
    pub store: Store,
    /// Said to the user: the file on disk was not valid and was kept aside.
    pub note: Option<String>,
}

/// Write `store` to `path`, merged with what the file holds now (the newer visit wins per
/// article, `store` on a tie), atomically. The articles `read_now` are stamped as read at
/// `now`: later than the file's copy even when a clock went back or the file came from a
/// machine whose clock runs ahead. A file there that is not valid reading state is moved aside
/// first (never overwritten, and said in [`Saved::note`]); an unreadable one, or a newer
/// Tenor's, stops the save with an error.
pub fn save(path: &Path, store: &Store, read_now: &[String], now: u64) -> io::Result<Saved> {
    let _lock = Lock::acquire(path)?;
    let mut note = None;
    let mut merged = match read(path) {
        Ok(on_disk) => on_disk,
        Err(ReadError::Io(e)) => return Err(e),
        Err(ReadError::Newer(v)) => {
            return Err(io::Error::other(format!(
                "written by a newer Tenor (format {v}); not overwritten"
            )));
        }
        Err(ReadError::Corrupt(why)) => {
            let aside = aside_path(path);
            fs::rename(path, &aside)?;
            note = Some(format!(
                "{} was not valid ({why}); kept as {}",
                file_name(path),
                file_name(&aside)
            ));
            Store::default()
        }
    };
    let mut mine = store.clone();
    for key in read_now {
        if let Some(st) = mine.articles.get_mut(key) {
            let on_disk = merged.articles.get(key).map_or(0, |d| d.visited);
            st.visited = now.max(on_disk.saturating_add(1));
        }
    }
    merged.merge(mine);
    let file = File {
        version: VERSION,
        articles: merged.articles.clone(),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
    crate::paths::write_atomically(path, &json)?;
    Ok(Saved {
        store: merged,
        note,
    })
}

/// A path's file name, for messages about files next to each other.
fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `reading.json.lock`, held from reading the file to renaming the new one over it, so two
/// Tenors saving at once do not drop each other's entries. Created exclusively; one older
/// than [`STALE_LOCK`] was left by a crash and is broken; after [`LOCK_WAIT`] the save gives
/// up (and is retried later).
struct Lock(PathBuf);

const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(10);
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl Lock {
    fn acquire(path: &Path) -> io::Result<Lock> {
        let name = path.file_name().map_or_else(
            || FILE_NAME.to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let lock = path.with_file_name(format!("{name}.lock"));
        if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let start = std::time::Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(_) => return Ok(Lock(lock)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let stale = fs::metadata(&lock)
                        .and_then(|m| m.modified())
                        .map_or(true, |t| t.elapsed().unwrap_or_default() > STALE_LOCK);
                    if stale {
                        let _ = fs::remove_file(&lock);
                    } else if start.elapsed() > LOCK_WAIT {
                        return Err(io::Error::other(format!(
                            "another Tenor is saving ({} is held)",
                            crate::article::text::show_path(&lock)
                        )));
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(offset: usize, visited: u64) -> ReadingState {
        ReadingState {
            offset,
            quote: "Harbour dues rise".into(),
            section: "1.1-dues".into(),
            folded: vec!["2-dredging".into()],
            percent: 40,
            visited,
            target: None,
            marks: Default::default(),
        }
    }

    fn store(entries: &[(&str, ReadingState)]) -> Store {
        Store {
            articles: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    #[test]
    fn saves_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(FILE_NAME);
        let s = store(&[("file:/a.md", st(10, 5))]);
        save(&path, &s, &[], 0).unwrap();
        let l = load(&path);
        assert!(l.warning.is_none());
        assert_eq!(l.store, s);
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }

    #[test]
    fn missing_file_is_an_empty_store() {
        let dir = tempfile::tempdir().unwrap();
        let l = load(&dir.path().join(FILE_NAME));
        assert!(l.warning.is_none() && l.store.articles.is_empty());
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_reported_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, b"{\"version\": 1, \"articles\": {\"x\": tru").unwrap();
        let l = load(&path);
        let w = l.warning.expect("reported");
        assert!(
            w.contains("not valid reading positions") && w.contains("corrupt-"),
            "{w}"
        );
        assert!(l.store.articles.is_empty());
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read(&aside[0]).unwrap(),
            b"{\"version\": 1, \"articles\": {\"x\": tru"
        );
        // A file corrupted after loading is moved aside by save too, not overwritten.
        fs::write(&path, b"garbage").unwrap();
        save(&path, &store(&[("k", st(1, 1))]), &[], 0).unwrap();
        let kept = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| fs::read(e.path()).is_ok_and(|b| b == b"garbage"))
            })
            .count();
        assert_eq!(kept, 1);
        assert_eq!(load(&path).store.articles.len(), 1);
    }

    #[test]
    fn a_newer_format_is_left_alone_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let newer = b"{\"version\": 99, \"articles\": {}}";
        fs::write(&path, newer).unwrap();
        let l = load(&path);
        assert!(l.warning.unwrap().contains("newer Tenor") && l.read_only);
        assert!(save(&path, &store(&[("a", st(1, 1))]), &[], 0).is_err());
        assert_eq!(fs::read(&path).unwrap(), newer);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn concurrent_saves_keep_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::thread::scope(|s| {
            for t in 0..6 {
                let path = &path;
                s.spawn(move || {
                    for i in 0..15 {
                        let key = format!("t{t}");
                        save(path, &store(&[(key.as_str(), st(i, i as u64))]), &[], 0).unwrap();
                    }
                });
            }
        });
        let on_disk = load(&path).store;
        assert_eq!(on_disk.articles.len(), 6, "{:?}", on_disk.articles.keys());
        assert!(on_disk.articles.values().all(|s| s.offset == 14));
        // Neither lock nor temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_stale_lock_is_broken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let lock = dir.path().join(format!("{FILE_NAME}.lock"));
        fs::write(&lock, "").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&lock)
            .unwrap()
            .set_modified(old)
            .unwrap();
        save(&path, &store(&[("a", st(1, 1))]), &[], 0).unwrap();
        assert!(!lock.exists());
    }

    #[test]
    fn a_visit_stamped_now_beats_a_copy_from_the_future() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // Saved by a machine whose clock runs a day ahead.
        save(&path, &store(&[("a", st(10, 200_000))]), &[], 0).unwrap();
        let saved = save(&path, &store(&[("a", st(20, 0))]), &["a".into()], 100_000).unwrap();
        assert_eq!(saved.store.articles["a"].offset, 20);
        assert_eq!(load(&path).store.articles["a"].offset, 20);
        assert!(saved.note.is_none());
        // A file corrupted meanwhile is kept aside, and the save says so.
        fs::write(&path, "oops").unwrap();
        let saved = save(&path, &store(&[("b", st(1, 1))]), &[], 0).unwrap();
        assert!(saved.note.unwrap().contains("not valid"));
    }

    #[test]
    fn two_saves_in_one_second_keep_the_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        save(&path, &store(&[("a", st(10, 100))]), &[], 0).unwrap();
        let merged = save(&path, &store(&[("a", st(20, 100))]), &[], 0).unwrap();
        assert_eq!(merged.store.articles["a"].offset, 20);
        assert_eq!(load(&path).store.articles["a"].offset, 20);
    }

    #[test]
    fn saving_merges_with_another_tenor_newer_visit_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // Another Tenor saved b, and a newer visit of a.
        save(&path, &store(&[("a", st(99, 20)), ("b", st(5, 1))]), &[], 0).unwrap();
        // This one read a long ago, and c now.
        let merged = save(&path, &store(&[("a", st(1, 10)), ("c", st(7, 30))]), &[], 0).unwrap();
        let on_disk = load(&path).store;
        assert_eq!(on_disk, merged.store);
        assert_eq!(on_disk.articles["a"].offset, 99);
        assert!(on_disk.articles.contains_key("b") && on_disk.articles.contains_key("c"));
    }
}
