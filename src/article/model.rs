//! The article model: the contract every part of Tenor shares.
//!
//! All ranges are **byte** ranges into [`Article::text`]; use [`crate::article::text::CharIndex`]
//! to convert them to code-point offsets for JSON output and annotation anchors.

use std::ops::Range;

use serde::Serialize;

/// The source format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Plain,
    Html,
}

/// Metadata, from front matter where present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    /// The site's name (HTML: `og:site_name`, JSON-LD publisher).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The page's `<link rel=canonical>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The language the page declares (`<html lang>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The encoding the bytes were decoded from, when it was not plain UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// `encoding` was guessed from the bytes (no BOM, header or `<meta charset>` said it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub encoding_guessed: bool,
}

/// Inline styling inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Strike,
    Code,
    Link {
        url: String,
    },
    /// A Markdown footnote reference (`[^label]`, shown as `[label]`).
    Footnote {
        label: String,
    },
}

/// A styled span; `range` is a byte range into the article text, inside its block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub range: Range<usize>,
    pub style: InlineStyle,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; `level` 1 is the outermost.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item. `depth` 0 is the outermost; `ordinal` is set for numbered lists;
    /// `list` indexes [`Article::lists`]; `task` is `Some(checked)` for task-list items;
    /// `marker` is the marker as written (`(a)`, `iv)`, `A.`) where the source's own numbering
    /// is kept (plain-text memos), shown instead of `ordinal`.
    ListItem {
        depth: u8,
        ordinal: Option<u32>,
        list: usize,
        task: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        marker: Option<String>,
    },
    Quote,
    Code {
        lang: Option<String>,
    },
    Rule,
    /// A table; its text holds one line per row, cells separated by ` │ ` (a cell never holds a
    /// line break or a `│`: parsers store those as a space and `|`, so the text splits back into
    /// cells unambiguously, see [`table_cells`]). `header`: the first row is the header row.
    /// `align`: how each column's cells sit in the grid, from the left; columns past its end
    /// (all of them when it is empty) are left-aligned.
    Table {
        header: bool,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        align: Vec<Align>,
    },
}

/// How a table column's cells sit in their column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// The separator between the cells of a table row in [`Article::text`].
pub const CELL_SEPARATOR: &str = " │ ";

/// The text of one table cell as parsers store it: no line break, no `│` (see [`BlockKind::Table`]).
pub fn table_cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r', '│']) {
        std::borrow::Cow::Owned(s.replace(['\n', '\r'], " ").replace('│', "|"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The cells of a table block's text: one `Vec` per row, each cell a byte range relative to
/// `text`, surrounding spaces trimmed.
pub fn table_cells(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut rows = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let mut cells = Vec::new();
        let mut start = 0;
        loop {
            let end = line[start..]
                .find(CELL_SEPARATOR)
                .map_or(line.len(), |k| start + k);
            let cell = &line[start..end];
            let lead = cell.len() - cell.trim_start_matches(' ').len();
            let trimmed = cell.trim_matches(' ').len();
            let s = base + start + lead.min(cell.len());
            cells.push(s..s + trimmed);
            if end == line.len() {
                break;
            }
            start = end + CELL_SEPARATOR.len();
        }
        rows.push(cells);
        base += line.len() + 1;
    }
    rows
}

/// One block of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// Byte range of this block's text in [`Article::text`].
    pub range: Range<usize>,
    pub inlines: Vec<Inline>,
    /// Index into [`Article::sections`] of the innermost section that owns this block.
    pub section: usize,
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
    pub fn is_list_item(&self) -> bool {
        matches!(self.kind, BlockKind::ListItem { .. })
    }
}

/// A run of list items at one nesting level group (a whole list, nested items included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct List {
    /// Block indices of all items of this list, nested ones included.
    pub blocks: Range<usize>,
    /// Byte range of the sentence ending in `:` right before the list, when there is one.
    pub lead_in: Option<Range<usize>>,
    /// Block index of the paragraph that holds the lead-in.
    pub lead_in_block: Option<usize>,
}

/// A stable section id: derived from its position in the tree and its title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SectionId(pub String);

impl std::fmt::Display for SectionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A section of the outline tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: SectionId,
    /// 0 for the untitled lede, else the heading level.
    pub level: u8,
    /// `None` for the untitled lede.
    pub title: Option<String>,
    /// Block index of the heading, `None` for the lede.
    pub heading: Option<usize>,
    /// Blocks this section owns directly (its heading included), not those of its subsections.
    pub blocks: Range<usize>,
    /// All blocks of this section and its subsections.
    pub subtree: Range<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// A link: its text in [`Article::text`] (a byte range) and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub range: Range<usize>,
    /// Index of the block that holds it.
    pub block: usize,
    #[serde(flatten)]
    pub target: Target,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// A URL or path as written (HTML: resolved against the page's address when known).
    Url { url: String },
    /// A footnote reference; `definition` is the block of its definition, when there is one.
    Footnote {
        label: String,
        definition: Option<usize>,
    },
}

/// A parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub meta: Meta,
    pub format: Format,
    /// Canonical NFC text of everything a reader sees, blocks separated by a blank line.
    pub text: String,
    pub blocks: Vec<Block>,
    pub lists: Vec<List>,
    /// All sections in document order; the roots are those with `parent == None`.
    pub sections: Vec<Section>,
    /// Problems met while reading (invalid bytes replaced, …): shown, never fatal.
    pub warnings: Vec<String>,
    /// Every link in text order (see [`crate::article::links`]); not in JSON output.
    #[serde(skip)]
    pub links: Vec<Link>,
}

impl Article {
    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        &self.text[self.blocks[i].range.clone()]
    }

    /// Root sections in order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(|&i| self.sections[i].parent.is_none())
    }

    /// Index of the section with this id.
    pub fn section_by_id(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id.0 == id)
    }

    /// Chain of section indices from the root down to `section`.
    pub fn section_path(&self, section: usize) -> Vec<usize> {
        let mut path = vec![section];
        let mut cur = section;
        while let Some(p) = self.sections[cur].parent {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// Index of the block containing byte offset `pos` (or the nearest following block).
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.range.end < pos);
        Some(i.min(self.blocks.len() - 1))
    }
}
