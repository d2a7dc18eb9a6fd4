//! Background jobs and the reading they need: reading and decoding files, parsing an article
//! off the UI thread, reading the library's files one by one. Each answers with a [`Msg`];
//! errors stay typed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use crate::article::html::Extraction;
use crate::article::ingest::IngestError;
use crate::article::{self, Source, ingest, text};
use crate::library;
use crate::tui::state::{ArticleKey, EntryStatus, LibraryEntry, Origin};
use crate::tui::update::{LoadError, Msg};

/// Read and decode a file, or `-` standard input (fallible, done before parsing).
pub(super) fn read_source(path: &Path) -> Result<Loadable, IngestError> {
    let (bytes, source) = ingest::read_bytes(path)?;
    let d = ingest::decode_full(&bytes, &source.name, None)?;
    // A kept web page is stored as UTF-8: how it came is in its record.
    let encoding = d.encoding.map(|e| (e, d.guessed)).or_else(|| {
        let r = library::fetch::record_of(path)?;
        let e = encoding_rs::Encoding::for_label(r.encoding?.as_bytes())?;
        Some((e.name(), r.encoding_guessed))
    });
    Ok(Loadable {
        text: d.text,
        source,
        warnings: d.warnings,
        size: bytes.len() as u64,
        encoding,
    })
}

/// The article to open at `path`: standard input as it was read at start, or the file read now.
pub(super) fn read_input(path: &Path, stdin: &Stdin) -> Result<Loadable, IngestError> {
    match stdin {
        Some(l) if is_stdin(path) => Ok(Loadable::clone(l)),
        _ => read_source(path),
    }
}

pub(super) fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Decoded text waiting to be parsed.
#[derive(Clone)]
pub(super) struct Loadable {
    text: String,
    pub(super) source: Source,
    warnings: Vec<String>,
    /// Bytes read.
    pub(super) size: u64,
    /// The encoding when not UTF-8, and whether it was guessed.
    encoding: Option<(&'static str, bool)>,
}

impl Loadable {
    /// Note in `a` how its bytes were decoded.
    fn stamp(&self, a: &mut article::Article) {
        Self::stamp_with(self.encoding, a);
    }

    fn stamp_with(encoding: Option<(&'static str, bool)>, a: &mut article::Article) {
        if let Some((e, guessed)) = encoding {
            a.meta.encoding = Some(e.to_string());
            a.meta.encoding_guessed = guessed;
        }
    }
}

/// Standard input as read at start, when an article comes from it.
pub(super) type Stdin = Option<Arc<Loadable>>;

/// How much of a long article is parsed first, to show its first screen at once.
const PREVIEW_BYTES: usize = 64 * 1024;

/// Parse off the UI thread: the first frame never waits for a big article. A long one's start
/// is parsed and sent first ([`Msg::Preview`]), so its first screen shows before the rest is
/// parsed.
pub(super) fn spawn_parse(l: Loadable, tx: Sender<Msg>) {
    let cancelled = new_load();
    let tx = move |m: Msg| {
        // A cancelled load's results are dropped here: they never reach `update`.
        if !cancelled.load(Ordering::Acquire) {
            let _ = tx.send(m);
        }
    };
    std::thread::spawn(move || {
        let name = l.source.name.clone();
        let preview =
            std::panic::catch_unwind(|| ingest::parse_prefix(&l.text, &l.source, PREVIEW_BYTES));
        if let Ok(Some(mut a)) = preview {
            l.stamp(&mut a);
            tx(Msg::Preview(Box::new(a)));
        }
        // A bug in a parser must not leave the screen waiting forever.
        let encoding = l.encoding;
        let parsed =
            std::panic::catch_unwind(move || ingest::parse_text(&l.text, &l.source, l.warnings))
                .map_err(|_| LoadError::Internal { name })
                .map(|mut a| {
                    Loadable::stamp_with(encoding, &mut a);
                    a
                });
        tx(Msg::Loaded(Box::new(parsed)));
    });
}

/// The cancel flag of the article loading now (one load at a time).
static CURRENT_LOAD: Mutex<Option<Arc<AtomicBool>>> = Mutex::new(None);

/// A new load's cancel flag, made the current one.
fn new_load() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    *CURRENT_LOAD.lock().unwrap_or_else(|e| e.into_inner()) = Some(flag.clone());
    flag
}

/// Cancel the article loading: its parse runs out in the background, and what it sends is
/// dropped.
pub(super) fn cancel_load() {
    if let Some(flag) = CURRENT_LOAD
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
    {
        flag.store(true, Ordering::Release);
    }
}

/// Read a file again and parse it at once (no preview), a web page as `how` says.
pub(super) fn reread(origin: Origin, how: Extraction, stdin: &Stdin, tx: &Sender<Msg>) {
    let Origin::File(p) = origin else {
        return open(origin, stdin, tx);
    };
    let msg = match read_input(&p, stdin) {
        Ok(l) => {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let name = l.source.name.clone();
                let encoding = l.encoding;
                let parsed = std::panic::catch_unwind(move || {
                    ingest::parse_text_with(&l.text, &l.source, l.warnings, how)
                })
                .map_err(|_| LoadError::Internal { name })
                .map(|mut a| {
                    Loadable::stamp_with(encoding, &mut a);
                    a
                });
                let _ = tx.send(Msg::Loaded(Box::new(parsed)));
            });
            return;
        }
        Err(e) => Msg::Loaded(Box::new(Err(LoadError::Ingest(e)))),
    };
    let _ = tx.send(msg);
}

pub(super) fn open(origin: Origin, stdin: &Stdin, tx: &Sender<Msg>) {
    match origin {
        Origin::Bundled(i) => {
            if let Some((name, text)) = library::BUNDLED.get(i) {
                let l = Loadable {
                    text: text.to_string(),
                    source: Source::named(name),
                    warnings: Vec::new(),
                    size: text.len() as u64,
                    encoding: None,
                };
                spawn_parse(l, tx.clone());
            }
        }
        Origin::File(p) => match read_input(&p, stdin) {
            Ok(l) => spawn_parse(l, tx.clone()),
            Err(e) => {
                let _ = tx.send(Msg::Loaded(Box::new(Err(LoadError::Ingest(e)))));
            }
        },
    }
}

pub(super) fn bundled_entries() -> Vec<LibraryEntry> {
    library::BUNDLED
        .iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let source = Source::named(name);
            let (title, detail) = match article::parse_bytes(text.as_bytes(), &source) {
                Ok(a) => {
                    let detail = library::detail(&a);
                    (a.meta.title, detail)
                }
                Err(e) => (source.fallback_title(), e.to_string()),
            };
            LibraryEntry {
                detail,
                key: Some(ArticleKey::Bundled(name.to_string())),
                ..LibraryEntry::new(title, *name, Origin::Bundled(i))
            }
        })
        .collect()
}

/// The pages fetched earlier (kept in the data directory), newest first, as library entries:
/// they open offline.
pub(super) fn kept_entries(data_dir: &Path) -> Vec<LibraryEntry> {
    library::fetch::all_kept(data_dir)
        .into_iter()
        .map(|k| {
            let mut detail = "web page · kept copy".to_string();
            if let Some(e) = &k.record.encoding
                && k.record.encoding_guessed
            {
                detail.push_str(&format!(" · {} (guessed)", text::sanitize(e)));
            }
            let title = text::sanitize(&k.record.url).into_owned();
            LibraryEntry {
                detail,
                key: path_key(&k.path),
                size: std::fs::metadata(&k.path).map(|m| m.len()).ok(),
                ..LibraryEntry::new(title, text::show_path(&k.path), Origin::File(k.path))
            }
        })
        .collect()
}

/// Fetch the kept page at `path` again from its URL; the outcome comes back as
/// [`Msg::Refetched`].
pub(super) fn refetch(path: PathBuf, tx: &Sender<Msg>) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let result = match (
            library::fetch::record_of(&path),
            library::fetch::data_dir_of(&path),
        ) {
            (Some(r), Some(dir)) => {
                library::fetch::fetch(&r.url, dir, &Default::default(), &mut |_, _| {})
                    .map(|k| k.path)
                    .map_err(|e| e.to_string())
            }
            _ => Err("not a fetched web page: nothing to fetch again".to_string()),
        };
        let _ = tx.send(Msg::Refetched(result));
    });
}

/// A library entry before its file is read: the file name as title, and the size.
pub(super) fn file_entry(p: &Path, stdin: &Stdin) -> LibraryEntry {
    let (title, name, size) = match stdin {
        Some(l) if is_stdin(p) => ("Standard input".into(), STDIN_NAME.into(), Some(l.size)),
        _ => (
            Source::from_path(p).fallback_title(),
            text::show_path(p),
            std::fs::metadata(p).map(|m| m.len()).ok(),
        ),
    };
    LibraryEntry {
        detail: format!(
            "{} · reading…",
            crate::article::text::human_size(size.unwrap_or(0))
        ),
        key: path_key(p),
        size,
        ..LibraryEntry::new(title, name, Origin::File(p.to_path_buf()))
    }
}

/// How the library names the article piped in.
const STDIN_NAME: &str = "standard input";

/// The reading-state key of a file: its absolute path (none for standard input).
pub(super) fn path_key(p: &Path) -> Option<ArticleKey> {
    if is_stdin(p) {
        return None;
    }
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    Some(ArticleKey::File(abs))
}

/// Read every library file in the background, one after another, and send each one's title
/// and detail line (or the problem) as it is done. Standard input was read at start.
pub(super) fn spawn_scan(files: Vec<PathBuf>, stdin: Stdin, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        for (index, p) in files.iter().enumerate() {
            let msg = match read_input(p, &stdin) {
                Ok(l) => {
                    let encoding = l.encoding;
                    let mut a = ingest::parse_text(&l.text, &l.source, l.warnings);
                    Loadable::stamp_with(encoding, &mut a);
                    Msg::EntryInfo {
                        index,
                        title: a.meta.title.clone(),
                        detail: library::entry_detail(&a, Some(l.size)),
                        status: EntryStatus::Readable,
                    }
                }
                Err(e) => Msg::EntryInfo {
                    index,
                    title: Source::from_path(p).fallback_title(),
                    // The entry shows the path already.
                    detail: LoadError::Ingest(e).reason(),
                    status: EntryStatus::Unreadable,
                },
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}
