//! One row of laid-out text: what the block layout (`doc`) and the table layout (`table`)
//! both produce.

use std::ops::Range;

/// What a visual line shows, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    Code,
    Rule,
    Table,
}

/// One row on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Drawn before the text: marker, indentation, quote bar, a table's rule. Never contains
    /// article text.
    pub prefix: String,
    /// Byte range of the article text this row stands for; scrolling, search and jumps go by it.
    /// On every line but a table's it is exactly the text drawn after `prefix`. A table row
    /// draws its [`cells`](Self::cells) instead, and this range spans them (see
    /// [`super::table`] for why a table row cannot be one range).
    pub range: Range<usize>,
    pub kind: LineKind,
    /// Table rows only: what is drawn after `prefix`, piece by piece. Empty on other lines.
    pub cells: Vec<Cell>,
}

/// A piece of a table row: `pad` (spaces, a column separator; never article text), then the
/// article text `range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub pad: String,
    pub range: Range<usize>,
}

impl VisualLine {
    /// What is drawn after the prefix, as (padding, article text range) pieces: the cells of a
    /// table row, else `range` alone.
    pub fn pieces(&self) -> Vec<(&str, Range<usize>)> {
        if self.cells.is_empty() {
            vec![("", self.range.clone())]
        } else {
            self.cells
                .iter()
                .map(|c| (c.pad.as_str(), c.range.clone()))
                .collect()
        }
    }
}
