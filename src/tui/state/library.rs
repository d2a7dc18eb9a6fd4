//! The library screen's state: the articles to choose from, the selection, and the progress
//! of reading their files in the background.

use std::fmt;
use std::path::PathBuf;

use super::list::ListCursor;

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Index into `library::BUNDLED`.
    Bundled(usize),
    File(PathBuf),
}

/// The key an article's reading place is kept under: a bundled sample by name, a file by its
/// absolute path. Written as `bundled:NAME` or `file:PATH` in the reading-state file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArticleKey {
    Bundled(String),
    /// An absolute (canonical where possible) path.
    File(PathBuf),
}

impl fmt::Display for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleKey::Bundled(name) => write!(f, "bundled:{name}"),
            ArticleKey::File(p) => write!(f, "file:{}", p.display()),
        }
    }
}

/// Whether a library entry's file can be read as an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryStatus {
    /// Readable, or not read yet.
    Readable,
    /// It cannot be read as an article: the entry's detail says why.
    Unreadable,
}

/// One entry of the library list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    pub title: String,
    /// File name or path, shown dimmed.
    pub name: String,
    pub origin: Origin,
    /// A short line: format, sections, reading time, date; or why the file cannot be read.
    pub detail: String,
    pub status: EntryStatus,
    /// The key of its reading state (none for standard input).
    pub key: Option<ArticleKey>,
    /// The file's size in bytes, when known (shown after the detail).
    pub size: Option<u64>,
}

impl LibraryEntry {
    /// An entry with nothing known yet but its title, name and origin.
    pub fn new(title: impl Into<String>, name: impl Into<String>, origin: Origin) -> Self {
        LibraryEntry {
            title: title.into(),
            name: name.into(),
            origin,
            detail: String::new(),
            status: EntryStatus::Readable,
            key: None,
            size: None,
        }
    }
}

/// Progress of reading the library's files in the background: done, of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scan {
    pub done: usize,
    pub total: usize,
}

/// The library and its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryState {
    pub entries: Vec<LibraryEntry>,
    /// The selected entry and the first one shown.
    pub cursor: ListCursor,
    /// Set while the library's files are read in the background.
    pub scan: Option<Scan>,
    /// The open article was opened from the library (so `q` goes back there).
    pub from_library: bool,
}

impl LibraryState {
    pub fn new(entries: Vec<LibraryEntry>) -> Self {
        LibraryState {
            entries,
            cursor: ListCursor::default(),
            scan: None,
            from_library: true,
        }
    }
}
