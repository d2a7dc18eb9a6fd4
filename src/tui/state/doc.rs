//! Everything about the open article: the reader, the outline panel, the key points and the
//! tone (as they arrive from the background), the jump mark and where its place was noted.
//! Opening an article makes a new one; nothing is reset field by field.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::library::ArticleKey;
use super::list::{ListCursor, scroll_top};
use super::points::PointsList;
use super::tone_rows::{self, ChartRow};
use crate::analysis::points::Points;
use crate::analysis::tone::Timeline;
use crate::annotate::reading::ReadingState;
use crate::article::Article;
use crate::tui::reader::{Pos, Reader};

/// A passage marked briefly after a jump to it (a key point's source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpMark {
    pub block: usize,
    /// Byte range in the article text: the lines of `block` that overlap it are marked.
    pub range: std::ops::Range<usize>,
    /// Ticks of the runtime's poll left before the mark goes.
    pub ticks: u8,
}

/// The outline panel's own state: which entries are collapsed, which section is selected, and
/// the first row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutlineState {
    pub collapsed: Vec<bool>,
    /// Selected section index.
    pub selected: usize,
    /// First row shown.
    pub top: usize,
}

/// The open article and everything shown about it.
#[derive(Debug)]
pub struct DocState {
    /// The key its reading place is kept under (none for standard input).
    pub key: Option<ArticleKey>,
    pub reader: Reader,
    pub outline: OutlineState,
    /// The key points (None until they arrive).
    pub points: Option<Arc<Points>>,
    /// The Points tab: filter, selection, scroll and the rows on screen.
    pub points_list: PointsList,
    /// The tone timeline (None until it arrives).
    pub tone: Option<Arc<Timeline>>,
    /// The Tone tab's chart rows, and its selection and scroll.
    pub tone_rows: Vec<ChartRow>,
    pub tone_list: ListCursor,
    /// A block marked briefly after a jump from a panel.
    pub jump_mark: Option<JumpMark>,
    /// Cursor, folds and marks when the place was last noted (or at open).
    noted: Option<Noted>,
    /// Only the start of the article, shown while the rest is parsed.
    pub partial: bool,
    /// A web page shown whole, without reader mode (`R`).
    pub whole: bool,
    /// The Tone tab's layout for its panel and the selected row's explanation.
    pub tone_tab: tone_rows::ToneTab,
    /// The selection being made (selection mode), if one is.
    pub selection: Option<super::notes::Selection>,
    /// The article's annotations.
    pub notes: super::notes::NotesDoc,
    /// Annotation changes to undo and redo.
    pub note_history: super::notes::History,
}

impl DocState {
    pub fn new(article: Article, key: Option<ArticleKey>) -> DocState {
        let n = article.sections.len();
        DocState {
            key,
            reader: Reader::new(Arc::new(article)),
            outline: OutlineState {
                collapsed: vec![false; n],
                ..OutlineState::default()
            },
            points: None,
            points_list: PointsList::default(),
            tone: None,
            tone_rows: Vec::new(),
            tone_list: ListCursor::default(),
            jump_mark: None,
            noted: None,
            tone_tab: tone_rows::ToneTab::default(),
            partial: false,
            whole: false,
            selection: None,
            notes: Default::default(),
            note_history: Default::default(),
        }
    }

    /// Replace the start of the article shown with the whole of it: the cursor stays on the
    /// text it was on, the view's top too, and the folds and collapsed outline entries of the
    /// sections it had stay as they were.
    pub fn complete(&mut self, article: Article) {
        let old = &self.reader;
        let at = |b: usize| old.article.blocks.get(b).map(|b| b.range.start);
        let (cursor, top, top_row) = (at(old.cursor), at(old.top.block), old.top.row);
        let mut reader = Reader::new(Arc::new(article));
        reader.resize(old.width, old.height);
        let block_at = |r: &Reader, off: usize| {
            r.article
                .blocks
                .partition_point(|b| b.range.end <= off)
                .min(r.article.blocks.len().saturating_sub(1))
        };
        for (i, &f) in old.folded.iter().enumerate() {
            if f && i < reader.folded.len() {
                reader.set_fold(i, true);
            }
        }
        let query = old.search.query.clone();
        if let Some(off) = cursor {
            reader.cursor = block_at(&reader, off);
        }
        if let Some(off) = top {
            reader.top = Pos {
                block: block_at(&reader, off),
                row: top_row,
            };
        }
        if !query.is_empty() {
            let (c, t) = (reader.cursor, reader.top);
            let from = reader.article.blocks.get(c).map_or(0, |b| b.range.start);
            reader.search_from(&query, from);
            reader.cursor = c;
            reader.top = t;
        }
        reader.follow_cursor();
        let n = reader.article.sections.len();
        self.outline.collapsed.resize(n, false);
        self.outline.selected = self.outline.selected.min(n.saturating_sub(1));
        self.reader = reader;
        self.partial = false;
        self.mark_place();
    }

    pub fn article(&self) -> &Arc<Article> {
        &self.reader.article
    }

    /// Is this the state of `article` (and not of one opened since)?
    pub fn is(&self, article: &Arc<Article>) -> bool {
        Arc::ptr_eq(&self.reader.article, article)
    }

    /// Put the reader back where it was in this article (folds included): the cursor's block
    /// at the top of the view.
    pub fn restore(&mut self, st: &ReadingState) {
        let r = &mut self.reader;
        r.folded = crate::annotate::reading::folds(&r.article, st);
        r.set_marks(st.marks.clone());
        // A jump, so Ctrl-o goes to the top of the article.
        if let Some(b) = crate::annotate::reading::locate(&r.article, st)
            && b > 0
        {
            r.jump_to(b);
            r.top = Pos {
                block: r.cursor,
                row: 0,
            };
            r.follow_cursor();
        }
    }

    /// Where the article is now counts as noted: leaving from here saves nothing.
    pub fn mark_place(&mut self) {
        let r = &self.reader;
        self.noted = Some((r.cursor, r.folded.clone(), r.marks().clone()));
    }

    /// Did the reader move (cursor, folds, marks) since the place was last noted (or since
    /// the article opened)?
    pub fn moved(&self) -> bool {
        let r = &self.reader;
        self.noted.as_ref().is_none_or(|(cursor, folded, marks)| {
            *cursor != r.cursor || *folded != r.folded || marks != r.marks()
        })
    }

    /// The reading place (cursor, folds, percent read), when it changed since it was last
    /// noted; it counts as noted then.
    pub fn note_place(&mut self) -> Option<ReadingState> {
        let r = &self.reader;
        let here = (r.cursor, r.folded.clone(), r.marks().clone());
        if self.noted.as_ref() == Some(&here) {
            return None;
        }
        // How far through: the status bar's number (one function for both).
        let a = &r.article;
        let percent = r.percent().min(100) as u8;
        let mut st = crate::annotate::reading::capture(a, r.cursor, &r.folded, percent, 0);
        st.marks = r.marks().clone();
        self.noted = Some(here);
        Some(st)
    }

    pub fn set_points(&mut self, points: Points) {
        self.points = Some(Arc::new(points));
        let query = std::mem::take(&mut self.points_list.filter);
        self.set_points_filter(&query);
        self.sync_side_to_cursor();
    }

    /// Filter the Points tab (a blank query shows every point).
    pub fn set_points_filter(&mut self, query: &str) {
        let a = &self.reader.article;
        self.points_list
            .set_filter(self.points.as_deref(), a, query);
    }

    pub fn set_tone(&mut self, tone: Timeline) {
        self.tone_tab = tone_rows::ToneTab::new(tone_rows::rows(&self.reader.article, &tone));
        // Laid out for the panel by `scroll_tone`; until then, the full chart.
        self.tone_rows = tone_rows::layout_full(&self.tone_tab.base, &tone, 40);
        self.tone = Some(Arc::new(tone));
        self.sync_side_to_cursor();
    }

    /// The key point at the reader's cursor (follow mode): the selected point when it comes
    /// from the cursor's block (a paragraph can give several extracted sentences); on a
    /// heading, the first point of that section; else the nearest one at or before the
    /// cursor; before the first point, the first point.
    pub fn point_here(&self) -> Option<usize> {
        let (r, p) = (&self.reader, self.points.as_ref()?);
        if p.is_empty() {
            return None;
        }
        let a = &r.article;
        let sel = self.points_list.cursor.selected;
        if p.get(a, sel).is_some_and(|x| x.block == r.cursor) {
            return Some(sel);
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
            self.points_list.cursor.selected = i;
        }
        if let Some(row) = tone_rows::row_for_block(&self.tone_rows, self.reader.cursor) {
            self.tone_list.selected = row;
        }
    }

    /// Select the outline entry of the cursor's section, opening the entries around it.
    pub fn sync_outline_to_cursor(&mut self) {
        let r = &self.reader;
        if r.article.blocks.is_empty() {
            return;
        }
        let s = r.cursor_section();
        for p in r.article.section_path(s) {
            if p != s {
                self.outline.collapsed[p] = false;
            }
        }
        self.outline.selected = s;
    }

    /// The outline entries shown, in order: section indices, skipping collapsed subtrees.
    pub fn outline_rows(&self) -> Vec<usize> {
        let secs = &self.reader.article.sections;
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

    /// Scroll the outline so its selection shows in `height` rows.
    pub fn scroll_outline(&mut self, height: usize) {
        let rows = self.outline_rows();
        let sel = rows
            .iter()
            .position(|&s| s == self.outline.selected)
            .unwrap_or(0);
        self.outline.top = scroll_top(self.outline.top, sel, rows.len(), height, 0);
    }

    /// Scroll the Tone chart so its selection shows in the side panel's `body`.
    pub fn scroll_tone(&mut self, body: Rect) {
        // The chart keeps the selection in the middle: what comes before and after it both
        // show.
        let list = super::geometry::tone_list(body);
        if let Some(tl) = self.tone.clone() {
            self.tone_tab.settle(
                &self.reader.article,
                &tl,
                (list.width, list.height),
                &mut self.tone_rows,
                &mut self.tone_list.selected,
            );
        }
        let h = list.height as usize;
        self.tone_list.scroll(self.tone_rows.len(), h, h / 2);
    }

    /// The point at the cursor, for the Points tab's follow mark (found now, so drawing
    /// never ranks sentences).
    pub fn follow_here(&mut self) {
        self.points_list.here = self.point_here();
    }

    /// Scroll the Points list for the side panel's `body` (ranking the sentences that will
    /// show, here rather than while drawing).
    pub fn scroll_points(&mut self, body: Rect) {
        if let Some(points) = &self.points {
            self.points_list.scroll(points, &self.reader.article, body);
        }
    }

    /// Sections whose title contains every word of `input` (case-insensitive), in document
    /// order. With an empty input, every titled section.
    pub fn goto_matches(&self, input: &str) -> Vec<usize> {
        // The search's matcher; a bad `\v` pattern lists nothing.
        let Ok(filter) = crate::article::pattern::Filter::new(input) else {
            return Vec::new();
        };
        self.reader
            .article
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| filter.matches(&[s.title.as_deref().unwrap_or("Opening")]))
            .map(|(i, _)| i)
            .collect()
    }
}

/// What a noted place is compared by: the cursor, the folds, the marks.
type Noted = (usize, Vec<bool>, std::collections::BTreeMap<char, usize>);
