//! The application state the view draws from, made of owned parts: the screen and focus, the
//! overlays, the status line, the pane geometry (a pure function of the terminal size and the
//! panel flags), the library, the reading places and, while an article is open, a [`DocState`]
//! with everything about it. Changed only by `update`; imports neither `update` nor `view`.

pub mod doc;
pub mod geometry;
pub mod help;
pub mod history;
pub mod library;
pub mod links;
pub mod list;
pub mod messages;
pub mod notes;
pub mod points;
pub mod tone_rows;
// The multi-line note editor.
pub mod editor;

use crate::article::Article;

pub use doc::{DocState, JumpMark, OutlineState};
pub use geometry::{Areas, Panels};
pub use library::{ArticleKey, EntryStatus, LibraryEntry, LibraryState, Origin, Scan};
pub use list::ListCursor;

use super::input::{Context, Key, Keymap, PendingKeys};
use super::reader::Reader;
use super::theme::Theme;

/// Which panel has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Reader,
    Outline,
    Side,
}

/// The side panel's tabs (a Notes tab comes with annotations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideTab {
    Points,
    Tone,
    /// The article's annotations (shown when it has some).
    Notes,
}

impl SideTab {
    pub const ALL: [SideTab; 3] = [SideTab::Points, SideTab::Tone, SideTab::Notes];

    pub fn title(self) -> &'static str {
        match self {
            SideTab::Points => "Points",
            SideTab::Tone => "Tone",
            SideTab::Notes => "Notes",
        }
    }
}

/// A line being typed at the bottom of the screen.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Byte offset of the editing cursor in `input` (on a char boundary).
    pub cursor: usize,
}

impl Prompt {
    /// A prompt holding `input`, the cursor at its end.
    pub fn new(kind: PromptKind, input: String) -> Self {
        let cursor = input.len();
        Prompt {
            kind,
            input,
            cursor,
        }
    }
}

#[derive(Debug, Clone)]
pub enum PromptKind {
    /// `/`: incremental search; remembers where it started (and which sections were folded) so
    /// each keystroke starts afresh and Esc goes back, and the search before it, which comes
    /// back when this one finds nothing or is cancelled.
    Search {
        origin_cursor: usize,
        origin_top: super::reader::Pos,
        origin_folds: Vec<bool>,
        previous: super::reader::search::Saved,
    },
    /// Go to a section: headings filtered by the input; `selected` indexes the filtered list.
    Goto { selected: usize },
    /// Filter the Points tab as you type.
    Filter,
    /// The article's links filtered by the input; `selected` indexes the filtered list.
    Links { selected: usize },
    /// Filter the Notes tab as you type (words, `#tag`).
    NotesFilter,
    /// Tags (space-separated) of a new annotation on the selection, or of the one with this id.
    Tags { id: Option<String> },
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Prompt(Prompt),
    /// The recent messages in full.
    Messages {
        scroll: usize,
    },
    /// The multi-line note editor.
    Editor(Box<editor::NoteEditor>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

/// The status line's own state: the message it shows (set by [`App::notify`] and
/// [`App::warn`], cleared by the next action).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub message: Option<Message>,
    /// The recent messages, oldest first, at most [`messages::KEEP`] (shown by `<`).
    pub history: std::collections::VecDeque<Message>,
    /// Messages said since the bottom line was last cleared (only the last one shows there).
    pub fresh: usize,
}

/// An article being read and parsed in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadJob {
    /// What is loading, as the screen names it.
    pub name: String,
    /// The key its reading place is kept under.
    pub key: Option<ArticleKey>,
    /// Keys typed while it loads, played when it opens.
    pub queued_keys: Vec<Key>,
    /// Its start is on screen already (see [`App::open_preview`]): keys act on it.
    pub previewed: bool,
    /// A web page read whole, without reader mode (`R`).
    pub whole: bool,
}

impl LoadJob {
    pub fn new(name: impl Into<String>, key: Option<ArticleKey>) -> Self {
        LoadJob {
            name: name.into(),
            key,
            queued_keys: Vec::new(),
            previewed: false,
            whole: false,
        }
    }
}

/// Reading positions and folds of every article read, by key: loaded and saved by the
/// runtime, which answers with a message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    pub store: crate::store::reading_json::Store,
    /// Articles whose place is not saved yet (the last save failed): saved, stamped as read
    /// then, at the next save.
    pub unsaved: Vec<String>,
    /// The store is still opening (in the background): places noted meanwhile wait in
    /// `unsaved`, and the places read before come when it is open.
    pub opening: bool,
}

/// Everything the view draws from.
#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub focus: Focus,
    pub show_outline: bool,
    pub show_side: bool,
    pub side_tab: SideTab,
    pub overlay: Option<Overlay>,
    pub status: Status,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Where each part of the screen goes: [`geometry::areas`] of the size and the panel
    /// flags, kept up to date by [`App::relayout`].
    pub areas: Areas,
    pub keymap: Keymap,
    pub pending: PendingKeys,
    pub theme: Theme,
    pub mouse: bool,
    pub library: LibraryState,
    /// The article loading, if one is.
    pub load: Option<LoadJob>,
    pub places: Places,
    /// The open article.
    pub doc: Option<DocState>,
    /// A load was cancelled (`q`, Esc): a result of it that still arrives is ignored.
    pub load_cancelled: bool,
    /// Articles left by following links (`Ctrl-o` goes back).
    pub trail: links::Trail,
    /// The side panel's width as the reader set it (`None`: the default), and whether its
    /// border is being dragged with the mouse.
    pub side_width: Option<u16>,
    pub dragging_side: bool,
    /// `m` or `'` was typed: the next key names the mark.
    pub awaiting_mark: Option<MarkOp>,
    /// Searches typed, for `↑`/`↓` in the search prompt.
    pub search_history: history::SearchHistory,
    /// Web links drawn as OSC 8 hyperlinks (`hyperlinks = false` in the config, or
    /// `TERM=dumb`, turns them off; off by default for tests drawing buffers).
    pub hyperlinks: bool,
}

impl App {
    pub fn new(keymap: Keymap, theme: Theme, entries: Vec<LibraryEntry>) -> App {
        let mut app = App {
            screen: Screen::Library,
            focus: Focus::Reader,
            show_outline: false,
            show_side: true,
            side_tab: SideTab::Points,
            overlay: None,
            status: Status::default(),
            size: (80, 24),
            areas: Areas::default(),
            keymap,
            pending: PendingKeys::default(),
            theme,
            mouse: true,
            side_width: None,
            dragging_side: false,
            library: LibraryState::new(entries),
            load: None,
            places: Places::default(),
            doc: None,
            load_cancelled: false,
            trail: links::Trail::default(),
            awaiting_mark: None,
            search_history: history::SearchHistory::default(),
            hyperlinks: false,
        };
        app.relayout();
        app
    }

    pub fn doc(&self) -> Option<&DocState> {
        self.doc.as_ref()
    }

    pub fn doc_mut(&mut self) -> Option<&mut DocState> {
        self.doc.as_mut()
    }

    pub fn reader(&self) -> Option<&Reader> {
        self.doc.as_ref().map(|d| &d.reader)
    }

    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        self.doc.as_mut().map(|d| &mut d.reader)
    }

    /// Open an article in the reader: a new [`DocState`] (under the loading article's key),
    /// put back where it was last read.
    pub fn open_article(&mut self, article: Article) {
        for w in &article.warnings {
            self.warn(w.clone());
        }
        let (key, whole) = self.load.take().map_or((None, false), |l| (l.key, l.whole));
        let mut doc = DocState::new(article, key);
        doc.whole = whole;
        if let Some(k) = &doc.key
            && let Some(st) = self.places.store.articles.get(&k.to_string())
        {
            doc.restore(st);
        }
        doc.mark_place();
        self.doc = Some(doc);
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.relayout();
    }

    /// Show the start of the article loading while the rest is parsed, unless it is to open
    /// at a place read before (found only in the whole article). Returns whether it shows.
    pub fn open_preview(&mut self, article: Article) -> bool {
        let Some(load) = self.load.as_mut() else {
            return false;
        };
        let read_before = load
            .key
            .as_ref()
            .is_some_and(|k| self.places.store.articles.contains_key(&k.to_string()));
        if read_before || load.previewed {
            return false;
        }
        load.previewed = true;
        let mut doc = DocState::new(article, load.key.clone());
        doc.partial = true;
        doc.mark_place();
        self.doc = Some(doc);
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.relayout();
        true
    }

    /// The whole article after its start was shown: it takes the start's place, the cursor
    /// and folds staying where they are.
    pub fn complete_preview(&mut self, article: Article) {
        self.load = None;
        for w in &article.warnings {
            self.warn(w.clone());
        }
        if let Some(d) = self.doc.as_mut() {
            d.complete(article);
        }
        self.relayout();
    }

    /// Take in the key points of the open article (ignored if another article is open now).
    pub fn set_points(
        &mut self,
        article: &std::sync::Arc<Article>,
        points: crate::analysis::points::Points,
    ) {
        if let Some(d) = self.doc.as_mut()
            && d.is(article)
        {
            d.set_points(points);
        }
        self.settle();
    }

    /// Take in the tone timeline of the open article (ignored if another article is open now).
    pub fn set_tone(
        &mut self,
        article: &std::sync::Arc<Article>,
        tone: crate::analysis::tone::Timeline,
    ) {
        if let Some(d) = self.doc.as_mut()
            && d.is(article)
        {
            d.set_tone(tone);
        }
        self.settle();
    }

    /// Filter the Points tab (a blank query shows every point).
    pub fn set_points_filter(&mut self, query: &str) {
        if let Some(d) = self.doc.as_mut() {
            d.set_points_filter(query);
        }
        self.settle();
    }

    /// Note where the reader is in the open article (cursor, folds, percent read). Returns the
    /// article's key when that changed since it was last noted, so it should be saved.
    ///
    /// Only a place the reader moved to counts: an article opened and left as it was saves
    /// nothing, so it never overwrites a place another Tenor saved meanwhile.
    pub fn record_reading(&mut self) -> Option<String> {
        let d = self.doc.as_mut()?;
        let key = d.key.as_ref()?.to_string();
        let mut st = d.note_place()?;
        st.visited = self
            .places
            .store
            .articles
            .get(&key)
            .map_or(0, |o| o.visited);
        self.places.store.articles.insert(key.clone(), st);
        Some(key)
    }

    /// Does `q` in the reader go back to a library (the article was opened from one that
    /// holds others), rather than quit?
    pub fn back_to_library(&self) -> bool {
        self.library.from_library && self.library.entries.len() > 1
    }

    /// The keymap context for the current screen and focus.
    pub fn context(&self) -> Context {
        match (self.screen, self.focus) {
            (Screen::Library, _) => Context::Library,
            (Screen::Reader, Focus::Reader)
                if self.doc().is_some_and(|d| d.selection.is_some()) =>
            {
                Context::Select
            }
            (Screen::Reader, Focus::Reader) => Context::Reader,
            (Screen::Reader, Focus::Outline) => Context::Outline,
            (Screen::Reader, Focus::Side) => Context::Side,
        }
    }

    /// The panel flags the geometry depends on.
    pub fn panels(&self) -> Panels {
        Panels {
            show_outline: self.show_outline,
            show_side: self.show_side,
            focus: self.focus,
            side_width: self.side_width,
        }
    }

    /// Recompute the pane geometry after a resize or a panel toggle, and reflow the article.
    pub fn relayout(&mut self) {
        self.areas = geometry::areas(self.size, self.panels());
        let text = self.areas.text;
        if let Some(r) = self.reader_mut() {
            r.resize(text.width as usize, text.height as usize);
        }
        self.settle();
    }

    /// Bring every list's scroll position in line with its selection and the geometry, and
    /// lay out (and rank) what the side panel will show: after this the view only reads.
    pub fn settle(&mut self) {
        // Focus can change the geometry (a focused panel covers a narrow article).
        self.areas = geometry::areas(self.size, self.panels());
        if self.screen == Screen::Library {
            let (_, room) = self.areas.library_list();
            let n = self.library.entries.len();
            self.library.cursor.scroll(n, room, 0);
        }
        let (side, tab) = (self.areas.side_body(), self.side_tab);
        let outline = self.areas.outline_list();
        if let Some(d) = self.doc.as_mut() {
            if let Some(o) = outline {
                d.scroll_outline(o.height as usize);
            }
            d.follow_here();
            match (side, tab) {
                (Some(body), SideTab::Points) => d.scroll_points(body),
                (Some(body), SideTab::Tone) => d.scroll_tone(body),
                (Some(body), SideTab::Notes) => d.notes.scroll(body.height as usize),
                (None, _) => {}
            }
        }
        // The note editor scrolls to keep its cursor in view.
        if let Some(Overlay::Editor(e)) = self.overlay.as_mut() {
            let t = editor::layout(self.size).text;
            e.scroll(t.width as usize, t.height as usize);
        }
    }

    /// Say something in the status line.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.status.say(Message {
            text: text.into(),
            level: Level::Info,
        });
    }

    /// Warn in the status line.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.status.say(Message {
            text: text.into(),
            level: Level::Warning,
        });
    }
}

/// Which mark key (`m` sets, `'` goes) waits for its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkOp {
    Set,
    Goto,
}
