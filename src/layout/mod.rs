//! Layout: wrapping an article to a width, shared by `tenor render` and the reader. Pure: no
//! terminal crates. Blocks are laid out one at a time, so callers lay out only what they show.

pub mod doc;
pub mod line;
pub mod render;
pub mod table;
pub mod wrap;

pub use doc::{Cell, LineKind, VisualLine, layout_block};
