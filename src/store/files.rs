//! The database file: opening it, checking it, setting a damaged one aside and restoring the
//! newest backup, and the rotated backups.

use super::*;

impl Store {
    // ---- backups ----

    pub(super) fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUP_DIR)
    }

    /// Partial backups left by a crash.
    pub(super) fn cleanup_partials(&self) {
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
pub(super) fn backups(dir: &Path) -> Vec<PathBuf> {
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

pub(super) fn dir_writable(dir: &Path) -> bool {
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

pub(super) fn is_cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

pub(super) fn integrity(c: &Connection) -> std::result::Result<(), String> {
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
pub(super) fn open_rw(path: &Path) -> std::result::Result<Connection, OpenFail> {
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
pub(super) fn backup_dir_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

pub(super) fn has_wal(path: &Path) -> bool {
    let mut w = path.as_os_str().to_owned();
    w.push("-wal");
    fs::metadata(PathBuf::from(w)).is_ok_and(|m| m.len() > 0)
}

/// Open read-only (nothing created); `None` when there is no readable database.
pub(super) fn open_ro(path: &Path) -> Option<Connection> {
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
pub(super) fn set_aside_and_restore(
    data_dir: &Path,
    path: &Path,
) -> (Option<PathBuf>, Option<PathBuf>) {
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
