//! What comes into `update` ([`Msg`]) and what goes out of it ([`Effect`]).

use std::fmt;
use std::sync::Arc;

use crate::analysis::points::Points;
use crate::analysis::tone::Timeline;
use crate::annotate::Annotation;
use crate::annotate::anchor::Anchored;
use crate::article::Article;
use crate::article::ingest::IngestError;
use crate::store::reading_json::Store as Positions;
use crate::tui::input::Key;
use crate::tui::state::{EntryStatus, Origin};

/// Something that happened.
#[derive(Debug)]
pub enum Msg {
    Key(Key),
    Resize(u16, u16),
    Mouse(Mouse),
    /// An article finished loading in the background.
    Loaded(Box<Result<Article, LoadError>>),
    /// The start of a long article loading, parsed first so it shows at once; the whole
    /// article follows as [`Msg::Loaded`].
    Preview(Box<Article>),
    /// The tone timeline of an article finished in the background.
    ToneReady(Arc<Article>, Box<Timeline>),
    /// The key points of an article finished in the background.
    PointsReady(Arc<Article>, Box<Points>),
    /// Time passes (sent while something on screen is timed, like a jump mark).
    Tick,
    /// A library file was read in the background: its title and detail line, or (when
    /// `status` says it cannot be read) why not.
    EntryInfo {
        index: usize,
        title: String,
        detail: String,
        status: EntryStatus,
    },
    /// Time to note the reading place (every little while, before quitting or suspending):
    /// answered with a save when it changed or an earlier save failed.
    Checkpoint,
    /// The reading places were saved (every position as the store holds it now), or why not.
    Saved(Result<Positions, SaveError>),
    /// The reading places as another Tenor may have saved them meanwhile, or why they could
    /// not be read.
    Refreshed(Result<Positions, String>),
    /// A kept web page was fetched again (where it is kept now), or why not.
    Refetched(Result<std::path::PathBuf, String>),
    /// A web link was handed to the browser, or why not.
    Browsed {
        url: String,
        error: Option<String>,
    },
    /// The annotations of an article, anchored in its text by the store (`id` is the
    /// article's id there, when it has one), and what to warn about.
    NotesLoaded {
        article: Arc<Article>,
        id: Option<String>,
        list: Vec<(Annotation, Anchored)>,
        warning: Option<String>,
    },
    /// An annotation was saved (as stored: its article id filled in), or why not.
    AnnotationSaved(Result<Box<Annotation>, String>),
    /// Text pasted into the terminal (bracketed paste), as it came.
    Paste(String),
    /// The store opened in the background (the first frame does not wait for it): the reading
    /// places it holds, or why they could not be read, and what to tell the user about it (a
    /// damaged database set aside, `reading.json` imported, nothing can be saved).
    StoreOpened {
        places: Result<Positions, String>,
        warnings: Vec<crate::store::StoreWarning>,
    },
}

/// A mouse event, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp {
        col: u16,
        row: u16,
    },
    ScrollDown {
        col: u16,
        row: u16,
    },
    Click {
        col: u16,
        row: u16,
    },
    /// The pointer moved with the left button held (dragging the side panel's border).
    Drag {
        col: u16,
        row: u16,
    },
    /// The left button was let go.
    Release {
        col: u16,
        row: u16,
    },
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Open(Origin),
    SetMouse(bool),
    /// Analyse this article off the UI thread.
    Analyze(Arc<Article>),
    /// Write the reading places (`App::places`) to the store, stamping these articles as read now.
    SaveReading(Vec<String>),
    /// Give the terminal back to the shell until the user resumes (Ctrl-z, `fg`).
    Suspend,
    /// Drop the article loading: whatever its background parse sends is ignored.
    CancelLoad,
    /// Read this article again, a web page read as `how` says (whole or in reader mode).
    Reread {
        origin: Origin,
        how: crate::article::html::Extraction,
    },
    /// Fetch this kept web page again from its URL.
    Refetch(std::path::PathBuf),
    /// Open this web address (checked safe) in the browser: `$BROWSER` or the system's
    /// opener, run directly, never through a shell.
    Browse(String),
    /// Remember the side panel's width for the next run.
    SaveSideWidth(u16),
    /// Write the search history (`App::search_history`) to disk.
    SaveSearchHistory,
    /// Read the annotations of the article known by `key` from the store, anchored in its
    /// text: answered with [`Msg::NotesLoaded`].
    LoadNotes {
        key: String,
        article: Arc<Article>,
    },
    /// Save an annotation of the article known by `key` with text `fingerprint` (its
    /// `article` id is filled in when empty): answered with [`Msg::AnnotationSaved`].
    SaveAnnotation {
        key: String,
        fingerprint: String,
        annotation: Box<Annotation>,
    },
    /// Delete an annotation (softly: undo saves it back).
    DeleteAnnotation(String),
    /// Copy text to the terminal's clipboard (OSC 52).
    Copy(String),
}

/// Why an article could not be opened.
#[derive(Debug)]
pub enum LoadError {
    /// It could not be read or decoded.
    Ingest(IngestError),
    /// The parser failed (a bug): `name` is what was being read.
    Internal { name: String },
}

impl LoadError {
    /// Why, without the path (for a library entry, which shows the path already).
    pub fn reason(&self) -> String {
        match self {
            LoadError::Ingest(IngestError::Io { source, .. }) => format!("cannot read: {source}"),
            LoadError::Ingest(IngestError::Binary { reason, .. }) => {
                format!("looks like a binary file, not an article ({reason})")
            }
            LoadError::Ingest(IngestError::TooLarge { limit, .. }) => format!(
                "larger than the limit of {} (use --max-size to raise it)",
                crate::article::text::human_size(*limit)
            ),
            LoadError::Internal { .. } => {
                "could not be read (an internal error; see the log)".into()
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Ingest(e) => write!(f, "{e}"),
            LoadError::Internal { name } => write!(f, "{name}: {}", self.reason()),
        }
    }
}

/// Why the reading places could not be saved.
#[derive(Debug)]
pub struct SaveError {
    /// The articles that were to be stamped as read: stamped at the next save.
    pub keys: Vec<String>,
    /// The database, as shown to the user.
    pub path: String,
    /// Why.
    pub source: String,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot save reading positions: {}",
            self.path, self.source
        )
    }
}
