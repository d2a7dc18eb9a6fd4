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

pub mod reading_json;
mod schema;

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

    // ---- annotations ----

    /// The article's annotations, deleted ones excluded, in creation order.
    pub fn annotations(&self, article: &str) -> Result<Vec<Annotation>> {
        self.query_annotations(
            &format!("{SELECT} WHERE article_id = ?1 AND deleted IS NULL ORDER BY id"),
            [article],
        )
    }

    /// Every annotation of every article; tombstones too when `deleted`.
    pub fn all_annotations(&self, deleted: bool) -> Result<Vec<Annotation>> {
        let sql = if deleted {
            format!("{SELECT} ORDER BY article_id, id")
        } else {
            format!("{SELECT} WHERE deleted IS NULL ORDER BY article_id, id")
        };
        self.query_annotations(&sql, [])
    }

    /// One annotation by id (a tombstone too).
    pub fn annotation(&self, id: &str) -> Result<Option<Annotation>> {
        Ok(self
            .query_annotations(&format!("{SELECT} WHERE id = ?1"), [id])?
            .pop())
    }

    fn query_annotations<P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<Annotation>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(p, row_to_annotation)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Save (insert or replace) one annotation; returns after the commit.
    pub fn save(&self, a: &Annotation) -> Result<()> {
        self.write(|tx| upsert(tx, a))
    }

    /// Save many annotations in one transaction: all or nothing.
    pub fn save_all(&self, list: &[Annotation]) -> Result<()> {
        self.write(|tx| {
            for a in list {
                upsert(tx, a)?;
            }
            Ok(())
        })
    }

    /// Delete softly: the annotation stays as a tombstone. Returns whether it was live.
    pub fn delete(&self, id: &str) -> Result<bool> {
        self.write(|tx| {
            let now = now_utc();
            let n = tx.execute(
                "UPDATE annotations SET deleted = ?2, modified = ?2 WHERE id = ?1 AND deleted IS NULL",
                params![id, now],
            )?;
            Ok(n > 0)
        })
    }

    /// Bring a tombstone back (undo of a delete). Returns whether it was deleted.
    pub fn undelete(&self, id: &str) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE annotations SET deleted = NULL, modified = ?2 WHERE id = ?1 AND deleted IS NOT NULL",
                params![id, now_utc()],
            )?;
            Ok(n > 0)
        })
    }

    // ---- texts and anchoring ----

    /// Keep `text` (compressed) as the article's text last seen, unless it is kept already.
    pub fn remember_text(&self, article: &str, text: &str, fp: &str) -> Result<()> {
        if self.read_only.is_some() {
            return Ok(());
        }
        let known: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM article_texts WHERE article_id = ?1 AND fingerprint = ?2",
                params![article, fp],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_some() {
            return Ok(());
        }
        let now = now_utc();
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 1);
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO article_texts (article_id, fingerprint, text, seen) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![article, fp, packed, now],
            )?;
            tx.execute(
                "DELETE FROM article_texts WHERE article_id = ?1 AND fingerprint NOT IN \
                 (SELECT fingerprint FROM article_texts WHERE article_id = ?1 \
                  ORDER BY seen DESC LIMIT ?2)",
                params![article, KEEP_TEXTS as i64],
            )?;
            Ok(())
        })
    }

    /// The article's text with fingerprint `fp`, if kept.
    pub fn text(&self, article: &str, fp: &str) -> Result<Option<String>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT text FROM article_texts WHERE article_id = ?1 AND fingerprint = ?2",
                params![article, fp],
                |r| r.get(0),
            )
            .optional()?;
        Ok(blob.and_then(|b| {
            let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&b, 1 << 30).ok()?;
            String::from_utf8(raw).ok()
        }))
    }

    /// Where the article's annotations are in `text` (its canonical text), for drawing them:
    /// the lean path for opening an article. When every target was made on this very text (same
    /// fingerprint) only ids, offsets, colours and statuses are read; otherwise the article is
    /// re-anchored by [`Store::anchor_article`] (which saves what moved).
    pub fn placements(&self, article: &str, text: &str) -> Result<Vec<Placement>> {
        let fp = fingerprint(text);
        let mut st = self.conn.prepare_cached(
            "SELECT id, start, end_, status, color, note <> '', fingerprint = ?2 FROM annotations \
             WHERE article_id = ?1 AND deleted IS NULL ORDER BY id",
        )?;
        let offsets = crate::annotate::anchor::Offsets::new(text);
        let mut out = Vec::new();
        let mut rows = st.query(params![article, fp])?;
        while let Some(r) = rows.next()? {
            if !r.get::<_, bool>(6)? {
                drop(rows);
                return Ok(self
                    .anchor_article(article, text)?
                    .into_iter()
                    .map(|(a, at)| Placement {
                        id: a.id,
                        range: at.range,
                        status: at.status,
                        color: a.color,
                        has_note: !a.note.is_empty(),
                    })
                    .collect());
            }
            let status =
                Status::parse(r.get_ref(3)?.as_str().unwrap_or("")).unwrap_or(Status::NeedsReview);
            let (s, e) = (
                r.get::<_, i64>(1)?.max(0) as usize,
                r.get::<_, i64>(2)?.max(0) as usize,
            );
            let range = matches!(status, Status::Anchored | Status::Fuzzy).then(|| {
                let bs = offsets.byte_of(text, s);
                bs..offsets.byte_of(text, e.max(s)).max(bs)
            });
            out.push(Placement {
                id: r.get(0)?,
                range,
                status,
                color: Color::parse(r.get_ref(4)?.as_str().unwrap_or("")).unwrap_or_default(),
                has_note: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// The article's annotations anchored in `text` (its canonical text): each with where it
    /// is now. Targets that moved or changed status are saved (when the store is writable),
    /// and `text` is kept as the text last seen. The fast path (text unchanged) reads only.
    pub fn anchor_article(&self, article: &str, text: &str) -> Result<Vec<(Annotation, Anchored)>> {
        self.anchor_article_with(article, text, &fingerprint(text))
    }

    /// [`Store::anchor_article`] with the text's fingerprint `fp` computed already.
    pub fn anchor_article_with(
        &self,
        article: &str,
        text: &str,
        fp: &str,
    ) -> Result<Vec<(Annotation, Anchored)>> {
        let fp = fp.to_string();
        let list = self.annotations(article)?;
        if list.iter().all(|a| a.target.fingerprint == fp) {
            let r = Reanchorer::with_fingerprint(text, fp.clone(), None);
            let out: Vec<_> = list
                .into_iter()
                .map(|a| {
                    let at = r.anchor(&a.target);
                    (a, at)
                })
                .collect();
            if out.iter().all(|(_, at)| at.status == Status::Anchored) {
                if !out.is_empty() {
                    self.remember_text(article, text, &fp)?;
                }
                return Ok(out);
            }
            return self.update_targets(article, text, &fp, out, &r);
        }
        // Targets made on other texts: map each through its own old text when kept.
        let mut olds: BTreeMap<String, Option<String>> = BTreeMap::new();
        for a in &list {
            if a.target.fingerprint != fp && !olds.contains_key(&a.target.fingerprint) {
                let t = self.text(article, &a.target.fingerprint)?;
                olds.insert(a.target.fingerprint.clone(), t);
            }
        }
        let plain = Reanchorer::with_fingerprint(text, fp.clone(), None);
        let mappers: BTreeMap<&str, Reanchorer<'_>> = olds
            .iter()
            .filter_map(|(k, v)| {
                v.as_deref().map(|o| {
                    (
                        k.as_str(),
                        Reanchorer::with_fingerprint(text, fp.clone(), Some(o)),
                    )
                })
            })
            .collect();
        let out: Vec<_> = list
            .into_iter()
            .map(|a| {
                let r = mappers.get(a.target.fingerprint.as_str()).unwrap_or(&plain);
                let at = r.anchor(&a.target);
                (a, at)
            })
            .collect();
        self.update_targets(article, text, &fp, out, &plain)
    }

    fn update_targets(
        &self,
        article: &str,
        text: &str,
        fp: &str,
        mut out: Vec<(Annotation, Anchored)>,
        r: &Reanchorer<'_>,
    ) -> Result<Vec<(Annotation, Anchored)>> {
        let mut changed = Vec::new();
        for (a, at) in &mut out {
            let t = r.retarget(&a.target, at);
            if t != a.target {
                a.target = t;
                changed.push(a.clone());
            }
        }
        if self.read_only.is_none() {
            // Changed targets are saved as they are found; their modified time stays (the
            // note was not edited).
            self.write(|tx| {
                for a in &changed {
                    update_target(tx, a)?;
                }
                Ok(())
            })?;
            self.remember_text(article, text, fp)?;
        }
        Ok(out)
    }

    // ---- reading positions ----

    /// The reading position saved for the article at `key`.
    pub fn reading_position(&self, key: &str) -> Result<Option<ReadingState>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT r.state FROM reading_positions r JOIN article_paths p \
                 ON p.article_id = r.article_id WHERE p.path = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Every reading position by key.
    pub fn reading_positions(&self) -> Result<BTreeMap<String, ReadingState>> {
        let mut st = self.conn.prepare(
            "SELECT p.path, r.state FROM reading_positions r JOIN article_paths p \
             ON p.article_id = r.article_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (k, j) = row?;
            if let Ok(s) = serde_json::from_str(&j) {
                out.insert(k, s);
            }
        }
        Ok(out)
    }

    /// Save the reading position of the article at `key`; the newer visit wins over what
    /// another Tenor saved meanwhile. Returns whether it was written.
    pub fn save_reading_position(&self, key: &str, st: &ReadingState) -> Result<bool> {
        self.write(|tx| save_position_in(tx, key, st))
    }

    /// Save several reading positions in one transaction, then read every position back (what
    /// other Tenors saved included). The articles in `read_now` are stamped as read at `now`,
    /// later than the stored copy even when a clock went back or another machine's clock runs
    /// ahead; the others are saved only when newer than the stored copy.
    pub fn save_reading_positions(
        &self,
        items: &[(String, ReadingState)],
        read_now: &[String],
        now: u64,
    ) -> Result<BTreeMap<String, ReadingState>> {
        self.write(|tx| {
            for (key, st) in items {
                let mut st = st.clone();
                if read_now.contains(key) {
                    let article = article_id_in(tx, key, None)?;
                    let on_disk = visited_in(tx, &article)?;
                    let on_disk = on_disk.map_or(0, |v| u64::try_from(v).unwrap_or(0));
                    st.visited = now.max(on_disk.saturating_add(1));
                }
                save_position_in(tx, key, &st)?;
            }
            Ok(())
        })?;
        self.reading_positions()
    }

    // ---- reading.json ----

    /// Import `reading.json` once: its positions are merged (the newer visit wins) and the file
    /// renamed `reading.json.imported`, kept as it was.
    fn import_reading_json(&self) -> Option<StoreWarning> {
        let from = self.data_dir.join(READING_JSON);
        if fs::symlink_metadata(&from).is_err() {
            return None;
        }
        let to = self.data_dir.join(format!("{READING_JSON}.imported"));
        let bytes = match fs::read(&from) {
            Ok(b) => b,
            Err(e) => {
                return Some(StoreWarning::ImportFailed {
                    from,
                    why: e.to_string(),
                });
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            articles: BTreeMap<String, serde_json::Value>,
        }
        let file: File = match serde_json::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                return Some(StoreWarning::ImportFailed {
                    from,
                    why: e.to_string(),
                });
            }
        };
        let states: Vec<(String, ReadingState)> = file
            .articles
            .into_iter()
            .filter_map(|(k, v)| serde_json::from_value(v).ok().map(|s| (k, s)))
            .collect();
        let count = states.len();
        let done = self.write(|tx| {
            for (k, s) in &states {
                save_position_in(tx, k, s)?;
            }
            Ok(())
        });
        if let Err(e) = done {
            return Some(StoreWarning::ImportFailed {
                from,
                why: e.to_string(),
            });
        }
        // Imported and committed: now the rename (a crash before it imports again, which
        // merges to the same positions).
        match fs::rename(&from, &to) {
            Ok(()) => Some(StoreWarning::Imported { from, to, count }),
            Err(e) => Some(StoreWarning::ImportFailed {
                from,
                why: format!("imported, but not renamed: {e}"),
            }),
        }
    }

    // ---- backups ----

    fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUP_DIR)
    }

    /// Partial backups left by a crash.
    fn cleanup_partials(&self) {
        if let Ok(rd) = fs::read_dir(self.backup_dir()) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.contains(".partial") {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }

    /// Take a backup unless one was taken in the last day; keep the newest [`KEEP_BACKUPS`].
    /// Returns the backup made.
    pub fn backup_if_due(&self) -> Result<Option<PathBuf>> {
        let dir = self.backup_dir();
        let list = backups(&dir);
        let day = Duration::from_secs(86_400);
        let recent = list.iter().any(|p| {
            fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age < day)
        });
        if recent {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    /// Take a backup now (online backup API), then rotate.
    pub fn backup_now(&self) -> Result<PathBuf> {
        self.writable()?;
        let dir = self.backup_dir();
        fs::create_dir_all(&dir).map_err(|e| StoreError::Other(e.to_string()))?;
        let stamp = now_utc().replace([':', '.'], "-");
        let dest = dir.join(format!("tenor-{stamp}.db"));
        let partial = dir.join(format!("tenor-{stamp}.db.partial"));
        let done = self
            .conn
            .backup(rusqlite::MAIN_DB, &partial, None)
            .map_err(StoreError::from)
            .and_then(|()| {
                fs::rename(&partial, &dest).map_err(|e| StoreError::Other(e.to_string()))
            });
        if let Err(e) = done {
            let _ = fs::remove_file(&partial);
            let _ = fs::remove_file(dir.join(format!("tenor-{stamp}.db.partial-journal")));
            return Err(e);
        }
        let mut list = backups(&dir);
        while list.len() > KEEP_BACKUPS {
            let old = list.remove(0);
            let _ = fs::remove_file(old);
        }
        Ok(dest)
    }

    /// `PRAGMA integrity_check` is `ok`.
    pub fn integrity_ok(&self) -> bool {
        integrity(&self.conn).is_ok()
    }
}

/// Backups in `dir`, oldest first (their names sort by time).
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("tenor-") && n.ends_with(".db"))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

const SELECT: &str = "SELECT id, article_id, created, modified, motivation, note, color, tags, \
    quote, prefix, suffix, start, end_, fingerprint, status, \
    o_quote, o_prefix, o_suffix, o_start, o_end, o_fingerprint, o_status, deleted FROM annotations";

fn row_to_annotation(r: &rusqlite::Row<'_>) -> rusqlite::Result<Annotation> {
    let target = |i: usize| -> rusqlite::Result<Target> {
        Ok(Target {
            quote: r.get(i)?,
            prefix: r.get(i + 1)?,
            suffix: r.get(i + 2)?,
            start: r.get::<_, i64>(i + 3)?.max(0) as usize,
            end: r.get::<_, i64>(i + 4)?.max(0) as usize,
            fingerprint: r.get(i + 5)?,
            status: Status::parse(r.get_ref(i + 6)?.as_str()?).unwrap_or(Status::NeedsReview),
        })
    };
    let tags = r.get_ref(7)?.as_str()?;
    let current = target(8)?;
    // NULL: the original target is the current one.
    let original = match r.get_ref(15)? {
        rusqlite::types::ValueRef::Null => current.clone(),
        _ => target(15)?,
    };
    Ok(Annotation {
        id: r.get(0)?,
        article: r.get(1)?,
        created: r.get(2)?,
        modified: r.get(3)?,
        motivation: Motivation::parse(r.get_ref(4)?.as_str()?).unwrap_or_default(),
        note: r.get(5)?,
        color: Color::parse(r.get_ref(6)?.as_str()?).unwrap_or_default(),
        tags: split_tags(tags),
        target: current,
        original,
        deleted: r.get(22)?,
    })
}

/// Tags are kept one a line.
fn split_tags(s: &str) -> Vec<String> {
    s.split('\n')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn upsert(tx: &Connection, a: &Annotation) -> Result<()> {
    // The article must exist (a foreign key): an annotation of an unknown article is refused.
    let t = &a.target;
    // The original is stored only once it differs from the current target.
    let o = (a.original != a.target).then_some(&a.original);
    let tags: Vec<&str> = a
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty() && !t.contains('\n'))
        .collect();
    tx.prepare_cached(
        "INSERT INTO annotations (id, article_id, created, modified, motivation, note, color, \
         tags, quote, prefix, suffix, start, end_, fingerprint, status, o_quote, o_prefix, \
         o_suffix, o_start, o_end, o_fingerprint, o_status, deleted) VALUES (?1, ?2, ?3, ?4, \
         ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) \
         ON CONFLICT(id) DO UPDATE SET article_id = ?2, created = ?3, modified = ?4, \
         motivation = ?5, note = ?6, color = ?7, tags = ?8, quote = ?9, prefix = ?10, \
         suffix = ?11, start = ?12, end_ = ?13, fingerprint = ?14, status = ?15, o_quote = ?16, \
         o_prefix = ?17, o_suffix = ?18, o_start = ?19, o_end = ?20, o_fingerprint = ?21, \
         o_status = ?22, deleted = ?23",
    )?
    .execute(params![
        a.id,
        a.article,
        a.created,
        a.modified,
        a.motivation.as_str(),
        a.note,
        a.color.as_str(),
        tags.join("\n"),
        t.quote,
        t.prefix,
        t.suffix,
        t.start as i64,
        t.end as i64,
        t.fingerprint,
        t.status.as_str(),
        o.map(|o| &o.quote),
        o.map(|o| &o.prefix),
        o.map(|o| &o.suffix),
        o.map(|o| o.start as i64),
        o.map(|o| o.end as i64),
        o.map(|o| &o.fingerprint),
        o.map(|o| o.status.as_str()),
        a.deleted,
    ])?;
    Ok(())
}

/// Save `a`'s current target only (its original is kept as stored: set once the two differ).
fn update_target(tx: &Connection, a: &Annotation) -> Result<()> {
    let t = &a.target;
    let o = &a.original;
    tx.prepare_cached(
        "UPDATE annotations SET quote = ?2, prefix = ?3, suffix = ?4, start = ?5, end_ = ?6, \
         fingerprint = ?7, status = ?8, o_quote = coalesce(o_quote, ?9), \
         o_prefix = coalesce(o_prefix, ?10), o_suffix = coalesce(o_suffix, ?11), \
         o_start = coalesce(o_start, ?12), o_end = coalesce(o_end, ?13), \
         o_fingerprint = coalesce(o_fingerprint, ?14), o_status = coalesce(o_status, ?15) \
         WHERE id = ?1",
    )?
    .execute(params![
        a.id,
        t.quote,
        t.prefix,
        t.suffix,
        t.start as i64,
        t.end as i64,
        t.fingerprint,
        t.status.as_str(),
        o.quote,
        o.prefix,
        o.suffix,
        o.start as i64,
        o.end as i64,
        o.fingerprint,
        o.status.as_str(),
    ])?;
    Ok(())
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

/// When the article's stored reading position was last visited (`None`: it has none).
fn visited_in(tx: &Connection, article: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT visited FROM reading_positions WHERE article_id = ?1",
            [article],
            |r| r.get(0),
        )
        .optional()?)
}

fn save_position_in(tx: &Connection, key: &str, st: &ReadingState) -> Result<bool> {
    let article = article_id_in(tx, key, None)?;
    let on_disk = visited_in(tx, &article)?;
    if on_disk.is_some_and(|v| v > st.visited as i64) {
        return Ok(false);
    }
    let json = serde_json::to_string(st).map_err(|e| StoreError::Other(e.to_string()))?;
    tx.execute(
        "INSERT INTO reading_positions (article_id, state, visited) VALUES (?1, ?2, ?3) \
         ON CONFLICT(article_id) DO UPDATE SET state = ?2, visited = ?3",
        params![article, json, st.visited as i64],
    )?;
    Ok(true)
}

// ---- opening ----

fn dir_writable(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
    }
}

fn is_cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

fn integrity(c: &Connection) -> std::result::Result<(), String> {
    let mut st = c
        .prepare("PRAGMA integrity_check")
        .map_err(|e| e.to_string())?;
    let rows: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|r| r.collect())
        .map_err(|e| e.to_string())?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(format!(
            "integrity check: {}",
            rows.first().map_or("no answer", |s| s.as_str())
        ))
    }
}

/// Open read-write, check, migrate.
fn open_rw(path: &Path) -> std::result::Result<Connection, OpenFail> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(OpenFail::Bad("a directory is in its place".into())),
        // SQLite never leaves a written database empty: an empty file is one whose creation
        // was cut short (nothing lost: opened as new), or one emptied since a backup was made.
        Ok(m) if m.len() == 0 && !has_wal(path) && !backups(&backup_dir_of(path)).is_empty() => {
            return Err(OpenFail::Bad("an empty file".into()));
        }
        _ => {}
    }
    let bad = |e: rusqlite::Error| {
        if is_cannot_write(&e) {
            OpenFail::CannotWrite(e.to_string())
        } else {
            OpenFail::Bad(e.to_string())
        }
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(bad)?;
    conn.busy_timeout(BUSY).map_err(bad)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(bad)?;
    if version > schema::VERSION {
        return Err(OpenFail::Newer(version));
    }
    integrity(&conn).map_err(OpenFail::Bad)?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        return Err(OpenFail::CannotWrite(
            "the database file is read-only".into(),
        ));
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(bad)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenFail::CannotWrite(format!("journal mode {mode}")));
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
         PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;",
    )
    .map_err(bad)?;
    schema::migrate(&conn).map_err(bad)?;
    Ok(conn)
}

/// The backups folder beside the database `path`.
fn backup_dir_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

fn has_wal(path: &Path) -> bool {
    let mut w = path.as_os_str().to_owned();
    w.push("-wal");
    fs::metadata(PathBuf::from(w)).is_ok_and(|m| m.len() > 0)
}

/// Open read-only (nothing created); `None` when there is no readable database.
fn open_ro(path: &Path) -> Option<Connection> {
    if !fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0) {
        return None;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let c = Connection::open_with_flags(path, flags).ok()?;
    let _ = c.busy_timeout(BUSY);
    let _ = c.execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;");
    // Readable at all? (A WAL database in a read-only folder may not be.)
    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .ok()?;
    Some(c)
}

/// Move the damaged database (and its `-wal`/`-shm`) aside, then restore the newest backup
/// that passes the integrity check. A symlink is followed: the file it points to is moved and
/// restored, so the link stays a link.
fn set_aside_and_restore(data_dir: &Path, path: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let stamp = now_utc().replace([':', '.'], "-");
    let name = real
        .file_name()
        .map_or_else(|| DB_FILE.to_string(), |n| n.to_string_lossy().into_owned());
    let mut aside = real.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while fs::symlink_metadata(&aside).is_ok() {
        aside = real.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    let moved = fs::rename(&real, &aside).is_ok();
    for ext in ["-wal", "-shm"] {
        let mut from = real.as_os_str().to_owned();
        from.push(ext);
        let mut to = aside.as_os_str().to_owned();
        to.push(ext);
        if moved {
            let _ = fs::rename(PathBuf::from(from), PathBuf::from(to));
        } else {
            let _ = fs::remove_file(PathBuf::from(from));
        }
    }
    let mut restored = None;
    for b in backups(&data_dir.join(BACKUP_DIR)).into_iter().rev() {
        let ok = Connection::open_with_flags(&b, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()
            .is_some_and(|c| integrity(&c).is_ok());
        if !ok {
            continue;
        }
        let done = Connection::open(&real).and_then(|mut c| {
            c.restore(
                rusqlite::MAIN_DB,
                &b,
                None::<fn(rusqlite::backup::Progress)>,
            )
        });
        if done.is_ok() {
            restored = Some(b);
            break;
        }
        let _ = fs::remove_file(&real);
    }
    (moved.then_some(aside), restored)
}
