//! The application state the view draws from. Changed only by `update`.

use std::path::PathBuf;
use std::sync::Arc;

use super::input::{Context, Keymap, PendingKeys};
use super::reader::Reader;
use super::theme::Theme;
use super::tone_panel::{self, ChartRow};
use crate::analysis::points::Points;
use crate::analysis::tone::Timeline;
use crate::article::Article;

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
}

impl SideTab {
    pub const ALL: [SideTab; 2] = [SideTab::Points, SideTab::Tone];

    pub fn title(self) -> &'static str {
        match self {
            SideTab::Points => "Points",
            SideTab::Tone => "Tone",
        }
    }
}

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Index into `library::BUNDLED`.
    Bundled(usize),
    File(PathBuf),
}

/// One entry of the library list.
/// A passage marked briefly after a jump to it (a key point's source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub block: usize,
    /// Byte range in the article text: the lines of `block` that overlap it are marked.
    pub range: std::ops::Range<usize>,
    /// Ticks of the runtime's poll left before the mark goes.
    pub ticks: u8,
}

#[derive(Debug, Clone)]
pub struct LibraryEntry {
    pub title: String,
    /// File name or path, shown dimmed.
    pub name: String,
    pub origin: Origin,
    /// A short line: format, sections, reading time, date; or why the file cannot be read.
    pub detail: String,
    /// The file cannot be read as an article (`detail` says why).
    pub problem: bool,
    /// The key of its reading state (none for standard input).
    pub key: Option<String>,
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
            problem: false,
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
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help { scroll: usize },
    Prompt(Prompt),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
}

/// The outline panel's own state: which entries are collapsed and which is selected.
#[derive(Debug, Clone, Default)]
pub struct OutlineState {
    pub collapsed: Vec<bool>,
    /// Selected section index.
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warning: bool,
}

/// Everything the view draws from.
pub struct App {
    pub screen: Screen,
    pub entries: Vec<LibraryEntry>,
    pub lib_selected: usize,
    /// The entry at the top of the library list: where the view left it, so the list scrolls
    /// only when the selection leaves it.
    pub lib_top: std::cell::Cell<usize>,
    pub reader: Option<Reader>,
    /// The reader was opened from the library (so `q` goes back there).
    pub from_library: bool,
    pub focus: Focus,
    pub show_outline: bool,
    pub show_side: bool,
    pub side_tab: SideTab,
    pub outline: OutlineState,
    pub overlay: Option<Overlay>,
    pub keymap: Keymap,
    pub pending: PendingKeys,
    pub theme: Theme,
    pub mouse: bool,
    pub message: Option<Message>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Set while an article loads: what is loading.
    pub loading: Option<String>,
    /// Set while the library's files are read in the background.
    pub scan: Option<Scan>,
    /// Keys typed while an article loads, played when it opens.
    pub queued_keys: Vec<super::input::Key>,
    /// Reading positions and folds of every article read, by key (loaded and saved by the
    /// runtime).
    pub reading: crate::library::store::Store,
    /// The key of the open article's reading state, and of the one loading.
    pub doc_key: Option<String>,
    pub opening_key: Option<String>,
    /// Articles whose place is not saved yet (the last save failed): saved, stamped as read
    /// then, at the next save.
    pub reading_unsaved: Vec<String>,
    /// Cursor and folds when the open article's place was last noted (or at open).
    reading_mark: Option<(usize, Vec<bool>)>,
    pub quit: bool,
    /// The open article's analysis, computed off the UI thread (None until it arrives).
    pub tone: Option<Arc<Timeline>>,
    /// The Tone tab's chart rows and selected row.
    pub tone_rows: Vec<ChartRow>,
    pub tone_sel: usize,
    /// The open article's key points (None until they arrive).
    pub points: Option<Arc<Points>>,
    /// Selected point (index into `Points::points`) and the filter typed in the Points tab.
    pub points_sel: usize,
    pub points_filter: String,
    /// The points the Points tab lists (all of them, or those matching `points_filter`),
    /// found when the points or the filter change, not at every frame.
    points_matches: Vec<usize>,
    /// The point at the top of the Points list: where the view left it, so the list scrolls
    /// only when the selection leaves it.
    pub points_top: std::cell::Cell<usize>,
    /// A block marked briefly after a jump from a panel, and the ticks left.
    pub flash: Option<Flash>,
}

impl App {
    pub fn new(keymap: Keymap, theme: Theme, entries: Vec<LibraryEntry>) -> App {
        App {
            screen: Screen::Library,
            entries,
            lib_selected: 0,
            lib_top: std::cell::Cell::new(0),
            reader: None,
            from_library: true,
            focus: Focus::Reader,
            show_outline: false,
            show_side: true,
            side_tab: SideTab::Points,
            outline: OutlineState::default(),
            overlay: None,
            keymap,
            pending: PendingKeys::default(),
            theme,
            mouse: true,
            message: None,
            size: (80, 24),
            loading: None,
            scan: None,
            queued_keys: Vec::new(),
            reading: Default::default(),
            doc_key: None,
            opening_key: None,
            reading_unsaved: Vec::new(),
            reading_mark: None,
            quit: false,
            tone: None,
            tone_rows: Vec::new(),
            tone_sel: 0,
            points: None,
            points_sel: 0,
            points_filter: String::new(),
            points_matches: Vec::new(),
            points_top: std::cell::Cell::new(0),
            flash: None,
        }
    }

    /// Take in the key points of the open article (ignored if another article is open now).
    pub fn set_points(&mut self, article: &Arc<Article>, points: Points) {
        let Some(r) = &self.reader else { return };
        if !Arc::ptr_eq(&r.article, article) {
            return;
        }
        self.points = Some(Arc::new(points));
        self.set_points_filter(&self.points_filter.clone());
        self.sync_side_to_cursor();
    }

    /// Filter the Points tab (a blank query shows every point).
    pub fn set_points_filter(&mut self, query: &str) {
        self.points_filter = query.to_string();
        self.points_matches = match (&self.points, &self.reader) {
            (Some(p), Some(r)) if !query.trim().is_empty() => p.filter(&r.article, query),
            (Some(p), _) => (0..p.len()).collect(),
            _ => Vec::new(),
        };
    }

    /// The points the Points tab lists: all, or those matching the filter.
    pub fn visible_points(&self) -> &[usize] {
        &self.points_matches
    }

    /// Take in the analysis of the open article (ignored if another article is open now).
    pub fn set_tone(&mut self, article: &Arc<Article>, tone: Timeline) {
        let Some(r) = &self.reader else { return };
        if !Arc::ptr_eq(&r.article, article) {
            return;
        }
        self.tone_rows = tone_panel::rows(article, &tone);
        self.tone = Some(Arc::new(tone));
        self.sync_side_to_cursor();
    }

    /// The key point at the reader's cursor (follow mode): the selected point when it comes
    /// from the cursor's block (a paragraph can give several extracted sentences); on a
    /// heading, the first point of that section; else the nearest one at or before the
    /// cursor; before the first point, the first point.
    pub fn point_here(&self) -> Option<usize> {
        let (r, p) = (self.reader.as_ref()?, self.points.as_ref()?);
        if p.is_empty() {
            return None;
        }
        let a = &r.article;
        if p.get(a, self.points_sel)
            .is_some_and(|x| x.block == r.cursor)
        {
            return Some(self.points_sel);
        }
        if let Some(b) = a.blocks.get(r.cursor)
            && b.is_heading()
        {
            let g = p.groups.partition_point(|g| g.blocks.start < r.cursor);
            if let Some(g) = p.groups.get(g).filter(|g| g.section == b.section) {
                return Some(g.points.start);
            }
        }
        p.nearest(a, r.cursor).or(Some(0))
    }

    /// Follow mode: the side panel's selections track the reader's cursor.
    pub fn sync_side_to_cursor(&mut self) {
        if let Some(i) = self.point_here() {
            self.points_sel = i;
        }
        if let Some(r) = &self.reader
            && let Some(row) = tone_panel::row_for_block(&self.tone_rows, r.cursor)
        {
            self.tone_sel = row;
        }
    }

    /// Open an article in the reader.
    pub fn open_article(&mut self, article: Article) {
        let n = article.sections.len();
        for w in &article.warnings {
            self.message = Some(Message {
                text: w.clone(),
                warning: true,
            });
        }
        self.reader = Some(Reader::new(Arc::new(article)));
        self.tone = None;
        self.tone_rows.clear();
        self.tone_sel = 0;
        self.points = None;
        self.points_sel = 0;
        self.set_points_filter("");
        self.points_top.set(0);
        self.flash = None;
        self.outline = OutlineState {
            collapsed: vec![false; n],
            selected: 0,
            scroll: 0,
        };
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.loading = None;
        self.doc_key = self.opening_key.take();
        self.relayout();
        self.restore_reading();
    }

    /// Note where the reader is in the open article (cursor, folds, percent read). Returns the
    /// article's key when that changed since it was last noted, so it should be saved.
    ///
    /// Only a place the reader moved to counts: an article opened and left as it was saves
    /// nothing, so it never overwrites a place another Tenor saved meanwhile.
    pub fn record_reading(&mut self) -> Option<String> {
        let (Some(key), Some(r)) = (&self.doc_key, &self.reader) else {
            return None;
        };
        let here = (r.cursor, r.folded.clone());
        if self.reading_mark.as_ref() == Some(&here) {
            return None;
        }
        // How far through: by the cursor, or all of it when the end is on screen.
        let a = &r.article;
        let percent = if r.cursor + 1 >= a.blocks.len() || r.at_bottom() {
            100
        } else {
            (a.blocks[r.cursor].range.start * 100 / a.text.len().max(1)).min(99) as u8
        };
        let mut st = crate::library::state::capture(&r.article, r.cursor, &r.folded, percent, 0);
        st.visited = self.reading.articles.get(key).map_or(0, |o| o.visited);
        self.reading.articles.insert(key.clone(), st);
        self.reading_mark = Some(here);
        Some(key.clone())
    }

    /// Put the reader back where it was in this article (folds included), if it was read
    /// before: the cursor's block at the top of the view.
    fn restore_reading(&mut self) {
        let (Some(key), Some(r)) = (&self.doc_key, self.reader.as_mut()) else {
            return;
        };
        let Some(st) = self.reading.articles.get(key) else {
            self.reading_mark = Some((r.cursor, r.folded.clone()));
            return;
        };
        r.folded = crate::library::state::folds(&r.article, st);
        // A jump, so Ctrl-o goes to the top of the article.
        if let Some(b) = crate::library::state::locate(&r.article, st)
            && b > 0
        {
            r.jump_to(b);
            r.top = super::reader::Pos {
                block: r.cursor,
                row: 0,
            };
            r.follow_cursor();
        }
        // Where the article opened: leaving from here saves nothing.
        self.reading_mark = Some((r.cursor, r.folded.clone()));
    }

    /// Does `q` in the reader go back to a library (the article was opened from one that
    /// holds others), rather than quit?
    pub fn back_to_library(&self) -> bool {
        self.from_library && self.entries.len() > 1
    }

    /// The keymap context for the current screen and focus.
    pub fn context(&self) -> Context {
        match (self.screen, self.focus) {
            (Screen::Library, _) => Context::Library,
            (Screen::Reader, Focus::Reader) => Context::Reader,
            (Screen::Reader, Focus::Outline) => Context::Outline,
            (Screen::Reader, Focus::Side) => Context::Side,
        }
    }

    /// Recompute pane sizes after a resize or a panel toggle.
    pub fn relayout(&mut self) {
        let areas = super::view::areas(self);
        if let Some(r) = self.reader.as_mut() {
            r.resize(areas.text.width as usize, areas.text.height as usize);
        }
    }

    pub fn flash(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            warning: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            warning: true,
        });
    }
}

impl App {
    /// The outline entries shown, in order: section indices, skipping collapsed subtrees.
    pub fn outline_rows(&self) -> Vec<usize> {
        let Some(r) = &self.reader else {
            return Vec::new();
        };
        let secs = &r.article.sections;
        let mut out = Vec::with_capacity(secs.len().min(4096));
        let mut i = 0;
        while i < secs.len() {
            out.push(i);
            if self.outline.collapsed.get(i).copied().unwrap_or(false) {
                // Skip descendants: they follow in document order.
                let end = secs[i].subtree.end;
                i += 1;
                while i < secs.len() && secs[i].blocks.start < end && secs[i].parent.is_some() {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        out
    }
}
