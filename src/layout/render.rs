//! `tenor render`: a deterministic plain-text rendering of the article as the reader shows it.

use super::doc::layout_block;
use super::wrap::{width, wrap};
use crate::article::links::Target;
use crate::article::text::sanitize;
use crate::article::{Article, BlockKind};

/// Render the whole article at `cols` columns: every block, headings marked with `#`s, lists
/// indented with their markers, quotes barred, blocks separated by blank lines. The title comes
/// first, underlined, unless the article opens with it as a heading (as the reader shows it):
/// then that heading is the title. Each block's links follow it as numbered references
/// (`[1] https://…`), numbered through the article.
pub fn render(a: &Article, cols: usize) -> String {
    let cols = cols.max(8);
    let mut out = String::with_capacity(a.text.len() + a.text.len() / 8);
    if !opens_with_title(a) {
        for r in wrap(&a.meta.title, cols) {
            out.push_str(&a.meta.title[r]);
            out.push('\n');
        }
        out.push_str(&"═".repeat(width(&a.meta.title).clamp(1, cols)));
        out.push('\n');
    }
    let mut prev_item = false;
    let mut links = a.links.iter().peekable();
    let mut number = 0;
    for i in 0..a.blocks.len() {
        let b = &a.blocks[i];
        let is_item = b.is_list_item();
        // Items of one list sit on consecutive lines; everything else is separated by a blank.
        let separate = !(is_item && prev_item);
        if separate && !out.is_empty() {
            out.push('\n');
        }
        prev_item = is_item;
        let prefix = match b.kind {
            BlockKind::Heading { level } => format!("{} ", "#".repeat(level.max(1) as usize)),
            _ => String::new(),
        };
        for line in layout_block(a, i, cols, &prefix) {
            out.push_str(&line.prefix);
            for (pad, range) in line.pieces() {
                out.push_str(pad);
                out.push_str(&a.text[range]);
            }
            // No trailing spaces: stable output for diffs.
            let trimmed = out.trim_end_matches(' ').len();
            out.truncate(trimmed);
            out.push('\n');
        }
        while let Some(l) = links.next_if(|l| l.block <= i) {
            // A bare address shows itself already.
            let text = &a.text[l.range.clone()];
            if let Target::Url { url } = &l.target
                && url != text
                && url.strip_prefix("https://") != Some(text)
            {
                number += 1;
                out.push_str(&format!("[{number}] {url}\n"));
            }
        }
    }
    // Article text is sanitized at ingestion; this is the last guard before the terminal.
    sanitize(&out).into_owned()
}

/// The first block is a heading that reads the same as the title.
fn opens_with_title(a: &Article) -> bool {
    a.blocks
        .first()
        .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }))
        && a.block_text(0).trim() == a.meta.title.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};

    #[test]
    fn renders_structure() {
        let a = parse_str(
            "# Talks\n\nIntro text here:\n\n- one\n- two\n\n## Next\n\n> quoted\n",
            Format::Markdown,
            "t",
        );
        assert_eq!(
            render(&a, 40),
            "# Talks\n\nIntro text here:\n\n  • one\n  • two\n\n## Next\n\n│ quoted\n"
        );
    }

    #[test]
    fn links_are_numbered_under_their_paragraph() {
        let a = parse_str(
            "# Talks\n\nSee [the memo](https://example.org/memo) and https://example.net/x.\n\n\
             - an [item](../b.md)\n- next\n\nNo links here.[^1]\n\n[^1]: A note.\n",
            Format::Markdown,
            "t",
        );
        insta::assert_snapshot!(render(&a, 40));
    }

    #[test]
    fn link_targets_are_escaped_in_render() {
        let a = parse_str(
            "<html><body><p>Go <a href=\"https://x.org/\x1b]8;;evil\x07\">there</a>.</p></body></html>",
            Format::Html,
            "t",
        );
        let out = render(&a, 40);
        assert!(!out.contains(['\x1b', '\x07']), "{out:?}");
        assert!(out.contains("[1] https://x.org/␛]8;;evil␇"), "{out:?}");
    }

    #[test]
    fn the_title_is_shown_once() {
        // HTML: the <title> repeated by the first heading.
        let html = "<html><head><title>Port Deal</title></head><body><h1>Port Deal</h1>\
                    <p>Signed today.</p></body></html>";
        let a = parse_str(html, Format::Html, "t");
        assert_eq!(render(&a, 40), "# Port Deal\n\nSigned today.\n");
        // A title whose heading comes later keeps its banner.
        let a = parse_str(
            "Signed today.\n\n# Details\n\nMore.",
            Format::Markdown,
            "port deal",
        );
        assert_eq!(
            render(&a, 40),
            "Details\n═══════\n\nSigned today.\n\n# Details\n\nMore.\n"
        );
        // An empty article still says what it is.
        let a = parse_str("", Format::Plain, "empty");
        assert_eq!(render(&a, 40), "empty\n═════\n");
    }
}
