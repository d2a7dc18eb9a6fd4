//! Plain-text ingestion that recovers structure.

use super::build::Builder;
use super::model::{Article, BlockKind, Format};

/// Parse a plain-text article.
pub fn parse(src: &str, fallback_title: &str) -> Article {
    let mut b = Builder::new(Format::Plain, src.len());
    for para in src.split("\n\n") {
        b.push(BlockKind::Paragraph, para, &[]);
    }
    b.finish(fallback_title)
}
