//! The store: one SQLite database (`tenor.db` in the data directory) holding annotations, the
//! articles they belong to, the text last seen of each article (compressed, to re-anchor after
//! an edit) and reading positions.
//!
//! Nothing in it is lost:
//! - WAL mode, a busy timeout and `BEGIN IMMEDIATE` transactions: two Tenors can write at once;
//!   every change is one transaction, and a call returns only after its commit;
//! - the schema is versioned (`PRAGMA user_version`) and migrated forward; a database of a newer
//!   Tenor is opened read-only, never changed or moved;
//! - a database that cannot be opened or fails `PRAGMA integrity_check` is moved aside
//!   (`tenor.db.corrupt-<time>`, reported) and the newest backup restored; backups are taken with
//!   SQLite's online backup API at most daily into `backups/`, the newest 5 kept;
//! - a database reached through a symlink is opened through it: the link stays a link;
//! - a read-only data directory opens the database read-only: notes can be read, not saved;
//! - deletions are soft (a tombstone), so undo and sync can see them.
//!
//! Pure of any terminal code.

mod annotations;
mod files;
mod positions;
pub mod reading_json;
mod schema;

use annotations::{SELECT, row_to_annotation, upsert};
use files::{dir_writable, open_ro, open_rw, set_aside_and_restore};

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::annotate::reading::ReadingState;
use crate::annotate::{
    Anchored, Annotation, Color, Motivation, Reanchorer, Status, Target, fingerprint, new_id,
    now_utc,
};
use crate::article::text::show_path;

/// The database's file name in the data directory.
pub const DB_FILE: &str = "tenor.db";
/// The folder of backups in the data directory.
pub const BACKUP_DIR: &str = "backups";
/// Backups kept.
pub const KEEP_BACKUPS: usize = 5;
/// The reading-positions file imported once, then renamed with `.imported` added.
pub const READING_JSON: &str = crate::store::reading_json::FILE_NAME;
/// How long a write waits for another Tenor's.
const BUSY: Duration = Duration::from_secs(10);
/// Texts kept per article (the newest), to re-anchor targets made on them.
const KEEP_TEXTS: usize = 3;

/// Something the user should be told about the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// The database was damaged: moved aside to `aside`; `restored` names the backup put back.
    SetAside {
        path: PathBuf,
        aside: Option<PathBuf>,
        why: String,
        restored: Option<PathBuf>,
    },
    /// Written by a newer Tenor: opened read-only, left as it is.
    Newer { path: PathBuf, version: i64 },
    /// Notes can be read but not saved.
    ReadOnly { path: PathBuf, why: String },
    /// No database at all could be opened: nothing is kept this session.
    Unavailable { path: PathBuf, why: String },
    /// `reading.json` was imported and renamed.
    Imported {
        from: PathBuf,
        to: PathBuf,
        count: usize,
    },
    /// `reading.json` could not be imported (it stays where it is).
    ImportFailed { from: PathBuf, why: String },
    /// The daily backup failed (the store works; reported once).
    BackupFailed { why: String },
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreWarning::SetAside {
                path,
                aside,
                why,
                restored,
            } => {
                write!(f, "{}: damaged ({why}); ", show_path(path))?;
                match aside {
                    Some(a) => write!(f, "kept as {}", show_path(a))?,
                    None => write!(f, "could not be moved aside")?,
                }
                match restored {
                    Some(b) => write!(f, "; restored the backup {}", show_path(b)),
                    None => write!(f, "; no backup to restore, started afresh"),
                }
            }
            StoreWarning::Newer { path, version } => write!(
                f,
                "{}: written by a newer Tenor (schema {version}); opened read-only, notes \
                 and reading positions cannot be saved",
                show_path(path)
            ),
            StoreWarning::ReadOnly { path, why } => write!(
                f,
                "{}: read-only ({why}); notes and reading positions can be read but cannot be \
                 saved",
                show_path(path)
            ),
            StoreWarning::Unavailable { path, why } => write!(
                f,
                "{}: cannot be opened ({why}); notes and reading positions cannot be saved \
                 this session",
                show_path(path)
            ),
            StoreWarning::Imported { from, to, count } => write!(
                f,
                "imported {count} reading positions from {}; the file is kept as {}",
                show_path(from),
                show_path(to)
            ),
            StoreWarning::ImportFailed { from, why } => {
                write!(f, "{}: not imported ({why})", show_path(from))
            }
            StoreWarning::BackupFailed { why } => write!(f, "the daily backup failed: {why}"),
        }
    }
}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("notes cannot be saved: {0}")]
    ReadOnly(String),
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    data_dir: PathBuf,
    /// Why saving is impossible, when it is.
    read_only: Option<String>,
}

/// Where one annotation is drawn ([`Store::placements`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub id: String,
    /// Byte range in the text; `None` when not placed (needs review, orphaned).
    pub range: Option<std::ops::Range<usize>>,
    pub status: Status,
    pub color: Color,
    /// A gutter mark is drawn where there is a note.
    pub has_note: bool,
}

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Known already with a later modification: kept as stored.
    pub kept_newer: usize,
}

/// The reading-state key of a file, as the library uses it: `file:<absolute path>`.
pub fn path_key(p: &Path) -> String {
    let abs = fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    format!("file:{}", abs.display())
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

enum OpenFail {
    /// Damaged or not a database: set aside.
    Bad(String),
    /// Cannot write here: open read-only.
    CannotWrite(String),
    /// Written by a newer Tenor.
    Newer(i64),
}

impl Store {
    /// Open (creating when needed) the store in `data_dir`; never fails: at worst an in-memory
    /// store that says notes cannot be saved. The warnings are for the user.
    pub fn open(data_dir: &Path) -> (Store, Vec<StoreWarning>) {
        let mut warnings = Vec::new();
        let path = data_dir.join(DB_FILE);
        let made_dir = fs::create_dir_all(data_dir);
        let writable = made_dir.is_ok() && dir_writable(data_dir);
        let store = if !writable {
            let why = match made_dir {
                Err(e) => e.to_string(),
                Ok(()) => "the data directory is not writable".to_string(),
            };
            Store::read_only_or_memory(data_dir, &path, why, &mut warnings)
        } else {
            match open_rw(&path) {
                Ok(conn) => Store::new(conn, data_dir, &path, None),
                Err(OpenFail::Newer(v)) => {
                    warnings.push(StoreWarning::Newer {
                        path: path.clone(),
                        version: v,
                    });
                    Store::read_only_or_memory_quiet(data_dir, &path, format!("schema {v}"))
                }
                Err(OpenFail::CannotWrite(why)) => {
                    Store::read_only_or_memory(data_dir, &path, why, &mut warnings)
                }
                Err(OpenFail::Bad(why)) => {
                    let (aside, restored) = set_aside_and_restore(data_dir, &path);
                    warnings.push(StoreWarning::SetAside {
                        path: path.clone(),
                        aside,
                        why,
                        restored,
                    });
                    match open_rw(&path) {
                        Ok(conn) => Store::new(conn, data_dir, &path, None),
                        Err(e) => {
                            let why = match e {
                                OpenFail::Bad(w) | OpenFail::CannotWrite(w) => w,
                                OpenFail::Newer(v) => format!("schema {v}"),
                            };
                            warnings.push(StoreWarning::Unavailable {
                                path: path.clone(),
                                why: why.clone(),
                            });
                            Store::memory(data_dir, &path, why)
                        }
                    }
                }
            }
        };
        if store.read_only.is_none() {
            store.cleanup_partials();
            if let Err(e) = store.backup_if_due() {
                warnings.push(StoreWarning::BackupFailed { why: e.to_string() });
            }
            if let Some(w) = store.import_reading_json() {
                warnings.push(w);
            }
        }
        (store, warnings)
    }

    /// The store in the data directory of [`crate::paths::Paths::resolve`].
    pub fn open_default() -> (Store, Vec<StoreWarning>) {
        let paths = crate::paths::Paths::resolve(None);
        Store::open(&paths.data_dir)
    }

    /// Open the store in `data_dir` read-only (no file is created or changed).
    pub fn open_read_only(data_dir: &Path, why: &str) -> (Store, Vec<StoreWarning>) {
        let mut warnings = Vec::new();
        let path = data_dir.join(DB_FILE);
        let s = Store::read_only_or_memory(data_dir, &path, why.to_string(), &mut warnings);
        (s, warnings)
    }

    fn new(conn: Connection, data_dir: &Path, path: &Path, read_only: Option<String>) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            data_dir: data_dir.to_path_buf(),
            read_only,
        }
    }

    fn memory(data_dir: &Path, path: &Path, why: String) -> Store {
        // An in-memory database always opens.
        let conn = Connection::open_in_memory().expect("an in-memory SQLite database");
        let _ = schema::migrate(&conn);
        Store::new(conn, data_dir, path, Some(why))
    }

    fn read_only_or_memory(
        data_dir: &Path,
        path: &Path,
        why: String,
        warnings: &mut Vec<StoreWarning>,
    ) -> Store {
        warnings.push(StoreWarning::ReadOnly {
            path: path.to_path_buf(),
            why: why.clone(),
        });
        Store::read_only_or_memory_quiet(data_dir, path, why)
    }

    fn read_only_or_memory_quiet(data_dir: &Path, path: &Path, why: String) -> Store {
        match open_ro(path) {
            Some(conn) => Store::new(conn, data_dir, path, Some(why)),
            None => Store::memory(data_dir, path, why),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why notes cannot be saved, when they cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn writable(&self) -> Result<()> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// Run `f` in one `BEGIN IMMEDIATE` transaction, committed before returning.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    // ---- articles ----

    /// The stable id of the article at `key` ([`path_key`], `bundled:<name>`) whose canonical
    /// text has `fingerprint`: known by its key, else by its text (a renamed or moved file),
    /// else new. The key and the fingerprint are recorded for it.
    pub fn article_id(&self, key: &str, fingerprint: Option<&str>) -> Result<String> {
        if self.read_only.is_some() {
            return self
                .find_article(key, fingerprint)?
                .ok_or_else(|| StoreError::ReadOnly(self.read_only.clone().unwrap_or_default()));
        }
        self.write(|tx| article_id_in(tx, key, fingerprint))
    }

    /// Import annotations in one transaction (all or nothing), merged by id: a new one is
    /// added, a known one replaced unless the stored copy was modified later. Each item names
    /// its article by key and fingerprint; the annotation's `article` id is used for an article
    /// not known yet (so an export imports back identically). Importing twice changes nothing.
    pub fn import(&self, items: &[(String, Option<String>, Annotation)]) -> Result<Merged> {
        self.write(|tx| {
            let mut m = Merged::default();
            for (key, fp, a) in items {
                let preferred = (!a.article.is_empty()).then_some(a.article.as_str());
                let article = article_id_with(tx, key, fp.as_deref(), preferred)?;
                let a = Annotation {
                    article,
                    ..a.clone()
                };
                let old: Option<Annotation> = tx
                    .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
                    .query_row([&a.id], row_to_annotation)
                    .optional()?;
                match old {
                    None => {
                        upsert(tx, &a)?;
                        m.added += 1;
                    }
                    Some(o) if o == a => m.unchanged += 1,
                    Some(o) if o.modified > a.modified => m.kept_newer += 1,
                    Some(_) => {
                        upsert(tx, &a)?;
                        m.updated += 1;
                    }
                }
            }
            Ok(m)
        })
    }

    /// The article known by `key` or `fingerprint`, without recording anything.
    pub fn find_article(&self, key: &str, fingerprint: Option<&str>) -> Result<Option<String>> {
        find_article_in(&self.conn, key, fingerprint)
    }

    /// Every article with annotations or a reading position: (id, its keys).
    pub fn articles(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut st = self
            .conn
            .prepare("SELECT article_id, path FROM article_paths ORDER BY article_id, seen DESC")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for row in rows {
            let (id, key) = row?;
            match out.last_mut() {
                Some((last, keys)) if *last == id => keys.push(key),
                _ => out.push((id, vec![key])),
            }
        }
        Ok(out)
    }

    /// The article's keys, the most recently seen first.
    pub fn article_keys(&self, article: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT path FROM article_paths WHERE article_id = ?1 ORDER BY seen DESC")?;
        let rows = st.query_map([article], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn find_article_in(c: &Connection, key: &str, fp: Option<&str>) -> Result<Option<String>> {
    let by_key: Option<String> = c
        .query_row(
            "SELECT article_id FROM article_paths WHERE path = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    if by_key.is_some() {
        return Ok(by_key);
    }
    match fp {
        Some(fp) => Ok(c
            .query_row(
                "SELECT article_id FROM article_fingerprints WHERE fingerprint = ?1",
                [fp],
                |r| r.get(0),
            )
            .optional()?),
        None => Ok(None),
    }
}

fn article_id_in(tx: &Connection, key: &str, fp: Option<&str>) -> Result<String> {
    article_id_with(tx, key, fp, None)
}

/// [`article_id_in`], a new article taking the id `preferred` when it is free.
fn article_id_with(
    tx: &Connection,
    key: &str,
    fp: Option<&str>,
    preferred: Option<&str>,
) -> Result<String> {
    let now = now_utc();
    let id = match find_article_in(tx, key, fp)? {
        Some(id) => id,
        None => {
            let taken = |id: &str| -> Result<bool> {
                Ok(tx
                    .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
                    .optional()?
                    .is_some())
            };
            let id = match preferred {
                Some(p) if !p.is_empty() && !taken(p)? => p.to_string(),
                _ => new_id(),
            };
            tx.execute(
                "INSERT INTO articles (id, created) VALUES (?1, ?2)",
                params![id, now],
            )?;
            id
        }
    };
    tx.execute(
        "INSERT INTO article_paths (path, article_id, seen) VALUES (?1, ?2, ?3) \
         ON CONFLICT(path) DO UPDATE SET seen = ?3",
        params![key, id, now],
    )?;
    if let Some(fp) = fp {
        tx.execute(
            "INSERT OR IGNORE INTO article_fingerprints (fingerprint, article_id, seen) \
             VALUES (?1, ?2, ?3)",
            params![fp, id, now],
        )?;
    }
    Ok(id)
}

// ---- opening ----
