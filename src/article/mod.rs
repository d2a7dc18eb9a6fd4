//! The article model and ingestion. Pure: no terminal crates; I/O only to read the input bytes.

pub mod build;
pub mod dump;
pub mod frontmatter;
pub mod html;
pub mod ingest;
pub mod links;
pub mod markdown;
pub mod model;
pub mod pattern;
pub mod plaintext;
pub mod text;

pub use ingest::{
    IngestError, Source, load, parse_bytes, parse_bytes_declared, parse_str, parse_text,
};
pub use model::{
    Align, Article, Block, BlockKind, CELL_SEPARATOR, Format, Inline, InlineStyle, List, Meta,
    Section, SectionId, table_cells,
};
