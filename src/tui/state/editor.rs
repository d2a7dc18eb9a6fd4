//! The multi-line note editor: a pure text model ([`TextEdit`]: lines, a cursor, edits and
//! motions by grapheme), its soft wrapping ([`wrap_row`]), the box it is drawn in
//! ([`layout`], a pure function of the terminal size) and the overlay's state
//! ([`NoteEditor`]: what is edited, where it scrolls, whether closing asks to save).

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

use crate::article::text::is_unsafe_char;

mod wrap;
use wrap::col_at;
pub use wrap::{EditorLayout, QUOTE_ROWS, layout, piece_of, wrap_row};

/// The most a note holds (bytes); typing or pasting past it is refused, so memory and the
/// time of a keystroke stay bounded.
pub const MAX_NOTE: usize = 64 * 1024;

/// Columns a tab takes on screen.
pub const TAB_WIDTH: usize = 4;

/// Text being edited: lines (without their newlines) and a cursor, a byte offset on a
/// grapheme boundary of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    lines: Vec<String>,
    row: usize,
    col: usize,
    /// The screen column Up/Down aim for (kept across lines shorter than it).
    goal: Option<usize>,
}

impl Default for TextEdit {
    fn default() -> Self {
        TextEdit::new("")
    }
}

/// Columns a grapheme takes (a tab [`TAB_WIDTH`]).
pub fn grapheme_width(g: &str) -> usize {
    if g == "\t" { TAB_WIDTH } else { g.width() }
}

/// Columns `s` takes.
pub fn text_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// `s` with what may not be typed into a note taken out: control characters but newlines
/// and tabs (CRLF and lone CR become newlines).
pub fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars().filter(|&c| !is_unsafe_char(c)).collect()
}

impl TextEdit {
    /// `text` (cleaned), the cursor at its end.
    pub fn new(text: &str) -> TextEdit {
        let lines: Vec<String> = clean(text).split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].len();
        TextEdit {
            lines,
            row,
            col,
            goal: None,
        }
    }

    /// The whole text, lines joined by newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// (line, byte offset in it).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    fn len(&self) -> usize {
        self.lines.iter().map(|l| l.len() + 1).sum::<usize>() - 1
    }

    fn line(&self) -> &str {
        &self.lines[self.row]
    }

    /// Byte offset of the grapheme boundary before the cursor on its line.
    fn prev_boundary(&self) -> usize {
        let l = self.line();
        l[..self.col]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        let l = self.line();
        l[self.col..]
            .graphemes(true)
            .next()
            .map_or(self.col, |g| self.col + g.len())
    }

    /// Insert `s` at the cursor (cleaned; newlines split lines). Returns false, inserting
    /// nothing, when the note would grow past [`MAX_NOTE`].
    pub fn insert(&mut self, s: &str) -> bool {
        let s = clean(s);
        if s.is_empty() {
            return true;
        }
        if self.len() + s.len() > MAX_NOTE {
            return false;
        }
        let tail = self.lines[self.row].split_off(self.col);
        let mut parts = s.split('\n');
        if let Some(first) = parts.next() {
            self.lines[self.row].push_str(first);
        }
        for p in parts {
            self.row += 1;
            self.lines.insert(self.row, p.to_string());
        }
        self.col = self.lines[self.row].len();
        self.lines[self.row].push_str(&tail);
        self.settle_col();
        self.goal = None;
        true
    }

    /// Keep the cursor on a grapheme boundary (a combining mark typed after a letter joins
    /// its cluster: the cursor goes after the cluster).
    fn settle_col(&mut self) {
        let l = &self.lines[self.row];
        let mut col = self.col.min(l.len());
        while !l.is_char_boundary(col) {
            col += 1;
        }
        // The whole line is the chunk: the cursor never asks for more context.
        let mut gc = GraphemeCursor::new(col, l.len(), true);
        if !matches!(gc.is_boundary(l, 0), Ok(true)) {
            col = match gc.next_boundary(l, 0) {
                Ok(Some(n)) => n,
                _ => l.len(),
            };
        }
        self.col = col;
    }

    /// Delete the grapheme before the cursor (at a line's start: join it to the line above).
    pub fn backspace(&mut self) {
        self.backspace_here();
        // What is left on either side may join into one grapheme (a mark after a space).
        self.settle_col();
    }

    fn backspace_here(&mut self) {
        self.goal = None;
        if self.col == 0 {
            if self.row > 0 {
                let l = self.lines.remove(self.row);
                self.row -= 1;
                self.col = self.lines[self.row].len();
                self.lines[self.row].push_str(&l);
            }
            return;
        }
        let p = self.prev_boundary();
        let col = self.col;
        self.lines[self.row].replace_range(p..col, "");
        self.col = p;
    }

    /// Delete the grapheme after the cursor (at a line's end: join the next line to it).
    pub fn delete(&mut self) {
        self.delete_here();
        self.settle_col();
    }

    fn delete_here(&mut self) {
        self.goal = None;
        if self.col >= self.line().len() {
            if self.row + 1 < self.lines.len() {
                let l = self.lines.remove(self.row + 1);
                self.lines[self.row].push_str(&l);
            }
            return;
        }
        let n = self.next_boundary();
        let col = self.col;
        self.lines[self.row].replace_range(col..n, "");
    }

    /// Start of the word before the cursor on its line (spaces before it skipped).
    fn word_start(&self) -> usize {
        let l = &self.line()[..self.col];
        let t = l.trim_end();
        t.char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// End of the word after the cursor on its line.
    fn word_end(&self) -> usize {
        let rest = &self.line()[self.col..];
        let skip = rest.len() - rest.trim_start().len();
        let w = &rest[skip..];
        self.col + skip + w.find(char::is_whitespace).unwrap_or(w.len())
    }

    /// Ctrl-w: delete the word before the cursor (at a line's start, the line break).
    pub fn delete_word_before(&mut self) {
        if self.col == 0 {
            return self.backspace();
        }
        let s = self.word_start();
        let col = self.col;
        self.lines[self.row].replace_range(s..col, "");
        self.col = s;
        self.settle_col();
        self.goal = None;
    }

    /// Ctrl-u: delete from the line's start to the cursor (at the start, the line break).
    pub fn delete_to_line_start(&mut self) {
        if self.col == 0 {
            return self.backspace();
        }
        let col = self.col;
        self.lines[self.row].replace_range(..col, "");
        self.col = 0;
        self.settle_col();
        self.goal = None;
    }

    /// Ctrl-k: delete from the cursor to the line's end (at the end, the line break).
    pub fn delete_to_line_end(&mut self) {
        if self.col >= self.line().len() {
            return self.delete();
        }
        let col = self.col;
        self.lines[self.row].truncate(col);
        self.settle_col();
        self.goal = None;
    }

    pub fn left(&mut self) {
        self.goal = None;
        if self.col > 0 {
            self.col = self.prev_boundary();
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line().len();
        }
    }

    pub fn right(&mut self) {
        self.goal = None;
        if self.col < self.line().len() {
            self.col = self.next_boundary();
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    /// Alt-b: to the start of the word before the cursor (from a line's start, the end of the
    /// line above).
    pub fn word_left(&mut self) {
        if self.col == 0 {
            return self.left();
        }
        self.col = self.word_start();
        self.settle_col();
        self.goal = None;
    }

    /// Alt-f: to the end of the word after the cursor (from a line's end, the start of the
    /// line below).
    pub fn word_right(&mut self) {
        if self.col >= self.line().len() {
            return self.right();
        }
        self.col = self.word_end();
        self.settle_col();
        self.goal = None;
    }

    pub fn home(&mut self) {
        self.col = 0;
        self.goal = None;
    }

    pub fn end(&mut self) {
        self.col = self.line().len();
        self.goal = None;
    }

    /// To the very start (`start`) or end of the text.
    pub fn to_edge(&mut self, start: bool) {
        if start {
            self.row = 0;
            self.col = 0;
        } else {
            self.row = self.lines.len() - 1;
            self.col = self.line().len();
        }
        self.goal = None;
    }

    /// Move `by` screen rows (negative: up), the text wrapped at `width` columns, keeping the
    /// column aimed at.
    pub fn move_rows(&mut self, by: isize, width: usize) {
        let (vrow, x) = self.cursor_on_screen(width);
        let goal = *self.goal.get_or_insert(x);
        let total = self.screen_rows(width);
        let target = vrow.saturating_add_signed(by).min(total.saturating_sub(1));
        if target == vrow {
            // At the first (last) row: to the start (end), as text fields do.
            if by < 0 {
                self.col = 0;
                if self.row == 0 {
                    self.goal = None;
                }
            } else if by > 0 {
                self.col = self.line().len();
            }
            return;
        }
        // Find the line and the piece of it on screen row `target`.
        let mut acc = 0;
        for (r, l) in self.lines.iter().enumerate() {
            let pieces = wrap_row(l, width);
            if target < acc + pieces.len() {
                let p = pieces[target - acc].clone();
                let last = target - acc + 1 == pieces.len();
                self.row = r;
                self.col = col_at(l, p, goal, last);
                return;
            }
            acc += pieces.len();
        }
    }

    /// Rows the text takes wrapped at `width` columns.
    pub fn screen_rows(&self, width: usize) -> usize {
        self.lines.iter().map(|l| wrap_row(l, width).len()).sum()
    }

    /// The cursor's screen row (from the text's first) and column, wrapped at `width`.
    pub fn cursor_on_screen(&self, width: usize) -> (usize, usize) {
        let before: usize = self.lines[..self.row]
            .iter()
            .map(|l| wrap_row(l, width).len())
            .sum();
        let l = self.line();
        let pieces = wrap_row(l, width);
        let i = piece_of(&pieces, self.col);
        let x = text_width(&l[pieces[i].start..self.col]);
        (before + i, x)
    }
}

/// The note editor overlay: the note of a new annotation on the selection (`id` none) or of
/// the annotation with `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    pub id: Option<String>,
    /// The passage (bytes of the article's text) a new note goes on.
    pub range: Option<Range<usize>>,
    /// The passage annotated as shown above the note: in quotation marks, whitespace folded,
    /// and cut to what [`QUOTE_ROWS`] rows can ever show (made once, not per frame).
    pub quote: String,
    /// The note as it was when the editor opened: closing unchanged asks nothing.
    pub original: String,
    pub text: TextEdit,
    /// The first screen row of the text shown (kept so the cursor is visible by
    /// [`NoteEditor::scroll`]).
    pub top: usize,
    /// Esc on a changed note: the bottom line asks whether to save it.
    pub asking: bool,
    /// The note laid out by [`NoteEditor::scroll`]: each screen row as (line, byte range in
    /// it), and the cursor's (row, column); the view only reads them.
    pub rows: Vec<(usize, Range<usize>)>,
    pub cursor_at: (usize, usize),
}

/// Bytes of a quote kept for the editor's [`QUOTE_ROWS`] rows: more than two rows of the
/// widest terminal hold (a longer quote is cut with `…` there anyway).
const QUOTE_BYTES: usize = 8 * 1024;

/// `quote` as the editor shows it: folded whitespace in quotation marks, at most
/// [`QUOTE_BYTES`] of it (the closing mark then dropped: that part is never shown).
fn shown_quote(quote: &str) -> String {
    let cut = crate::annotate::floor_char(quote, QUOTE_BYTES.min(quote.len()));
    let folded = quote[..cut]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if cut < quote.len() {
        format!("“{folded}")
    } else {
        format!("“{folded}”")
    }
}

impl NoteEditor {
    pub fn new(
        id: Option<String>,
        range: Option<Range<usize>>,
        quote: String,
        note: &str,
    ) -> NoteEditor {
        let text = TextEdit::new(note);
        NoteEditor {
            id,
            range,
            quote: shown_quote(&quote),
            original: text.text(),
            text,
            top: 0,
            asking: false,
            rows: Vec::new(),
            cursor_at: (0, 0),
        }
    }

    /// Has the note been changed since the editor opened?
    pub fn changed(&self) -> bool {
        self.text.text() != self.original
    }

    /// Lay the note out in a text area of `width` × `height` (one wrapping pass) and scroll
    /// so the cursor's row is within it.
    pub fn scroll(&mut self, width: usize, height: usize) {
        let height = height.max(1);
        let (cl, cc) = self.text.cursor();
        self.rows.clear();
        for (i, l) in self.text.lines().iter().enumerate() {
            let pieces = wrap_row(l, width);
            if i == cl {
                let p = piece_of(&pieces, cc);
                let x = text_width(&l[pieces[p].start..cc]);
                self.cursor_at = (self.rows.len() + p, x);
            }
            self.rows.extend(pieces.into_iter().map(|p| (i, p)));
        }
        let row = self.cursor_at.0;
        if row < self.top {
            self.top = row;
        } else if row >= self.top + height {
            self.top = row + 1 - height;
        }
        let total = self.rows.len();
        self.top = self.top.min(total.saturating_sub(height)).min(row);
    }
}

#[cfg(test)]
mod tests;
