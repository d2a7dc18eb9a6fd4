//! OSC 8 hyperlinks: a web link's visible text is wrapped in `ESC ] 8 ; ; URL ESC \` … `ESC ] 8
//! ; ; ESC \`, so a click in a terminal that supports it opens the address.
//!
//! The sequence travels in the buffer: the first cell of a run of link text holds the opening
//! sequence, the run's text and the closing sequence, and tells ratatui's diff how many columns
//! it covers (`CellDiffOption::ForcedWidth`); the other cells of the run are skipped by the diff.
//! A run is always written whole, so a partial redraw cannot leave an unclosed link. Runs are
//! made at the end of the frame, from the cells that still hold the link's text (an overlay
//! drawn over part of a link splits it), one run per style.
//!
//! Escape safety: an address goes into a sequence only when it holds no control character
//! (C0, DEL, C1: ESC and BEL among them); spaces and non-ASCII are percent-encoded; anything
//! else is not written (the link is still drawn underlined, its target shown escaped in the
//! links list).

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::article::links::{Destination, destination, is_safe_target};

/// Closes a hyperlink.
pub const CLOSE: &str = "\x1b]8;;\x1b\\";

/// The address as written into an OSC 8 sequence: `None` for a control character anywhere,
/// for a target that is not a web address (anchors and files are followed by Tenor, not the
/// terminal), or for one too long; spaces and non-ASCII percent-encoded.
pub fn osc8_target(url: &str) -> Option<String> {
    if url.chars().any(char::is_control) || !matches!(destination(url), Destination::Web(_)) {
        return None;
    }
    let out = crate::article::links::percent_encode(url, |b| b.is_ascii_graphic());
    is_safe_target(&out).then_some(out)
}

/// The sequence that opens a hyperlink to `url`, when it may be written.
pub fn open(url: &str) -> Option<String> {
    osc8_target(url).map(|t| format!("\x1b]8;;{t}\x1b\\"))
}

/// Link text drawn at (x, y): the symbols of its cells as drawn, and the sequence opening it.
#[derive(Debug, Clone)]
pub struct Span {
    x: u16,
    y: u16,
    symbols: Vec<String>,
    open: String,
}

/// Note link text just drawn into `width` cells at (x, y) (a web link whose address may be
/// written; otherwise nothing is noted).
/// `open` is the link's opening sequence ([`open`]), made once per link, not per cell run.
pub fn note(spans: &mut Vec<Span>, buf: &Buffer, x: u16, y: u16, width: u16, open: &str) {
    let symbols = (x..x.saturating_add(width))
        .map_while(|cx| buf.cell((cx, y)).map(|c| c.symbol().to_string()))
        .collect::<Vec<_>>();
    if !symbols.is_empty() {
        spans.push(Span {
            x,
            y,
            symbols,
            open: open.to_string(),
        });
    }
}

/// Turn the noted spans into hyperlinks: each run of cells that still holds the link's text
/// (nothing drawn over it since) in one style becomes one unit.
pub fn apply(spans: &[Span], buf: &mut Buffer) {
    for s in spans {
        let n = s.symbols.len();
        let mut i = 0;
        while i < n {
            // A run from cell i: intact cells of one style.
            let Some(style) = intact(buf, s, i) else {
                i += 1;
                continue;
            };
            let start = i;
            let mut text = String::new();
            while i < n && intact(buf, s, i) == Some(style) {
                // A wide character takes its trailing cells with it.
                let sym = &s.symbols[i];
                text.push_str(sym);
                i += sym.width().max(1);
            }
            let end = i.min(n);
            let Ok(width) = u16::try_from(end - start) else {
                break;
            };
            let Some(width) = NonZeroU16::new(width) else {
                continue;
            };
            let x = s.x + start as u16;
            if let Some(c) = buf.cell_mut((x, s.y)) {
                c.set_symbol(&format!("{}{text}{CLOSE}", s.open));
                c.set_diff_option(CellDiffOption::ForcedWidth(width));
            }
            for cx in x + 1..x + width.get() {
                if let Some(c) = buf.cell_mut((cx, s.y)) {
                    c.set_diff_option(CellDiffOption::Skip);
                }
            }
        }
    }
}

/// The style of cell `i` of span `s` when it still holds what the link drew there.
fn intact(buf: &Buffer, s: &Span, i: usize) -> Option<Style> {
    let c = buf.cell((s.x + i as u16, s.y))?;
    (c.symbol() == s.symbols[i] && c.diff_option == CellDiffOption::None).then(|| c.style())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn safe_web_addresses_are_written_as_they_are() {
        assert_eq!(
            open("https://ministry.example/p?q=1;x=2").as_deref(),
            Some("\x1b]8;;https://ministry.example/p?q=1;x=2\x1b\\")
        );
        assert_eq!(
            osc8_target("mailto:a@b.org").as_deref(),
            Some("mailto:a@b.org")
        );
    }

    #[test]
    fn hostile_addresses_are_never_written() {
        for url in [
            "https://x.org/\x1b]8;;https://evil.example\x1b\\",
            "https://x.org/\x07",
            "https://x.org/\x1b\\",
            "https://x.org/a\nb",
            "https://x.org/\x7f",
            "https://x.org/\u{9b}31m",
            "https://x.org/\u{9c}",
            "\x1bhttps://x.org",
        ] {
            assert_eq!(open(url), None, "{url:?}");
        }
        // Not for the terminal to follow: anchors, files, nothing.
        for url in [
            "#costs",
            "annex.md",
            "../b/memo.md#x",
            "",
            "file:///etc/passwd",
        ] {
            assert_eq!(open(url), None, "{url:?}");
        }
        // Far too long for a terminal's link buffer.
        assert_eq!(open(&format!("https://x.org/{}", "a".repeat(3000))), None);
    }

    #[test]
    fn spaces_and_non_ascii_are_percent_encoded() {
        assert_eq!(
            osc8_target("https://x.org/a b/é?q=日").as_deref(),
            Some("https://x.org/a%20b/%C3%A9?q=%E6%97%A5")
        );
        // Bidi controls are not control characters, but they are not ASCII: encoded.
        assert_eq!(
            osc8_target("https://x.org/\u{202e}txt").as_deref(),
            Some("https://x.org/%E2%80%AEtxt")
        );
        for url in ["https://x.org/a b/é", "https://x.org/\u{202e}"] {
            let seq = open(url).unwrap();
            let inner = &seq[2..seq.len() - 2];
            assert!(inner.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{seq:?}");
        }
    }

    #[test]
    fn a_run_is_written_whole_and_split_where_something_covers_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(2, 0, "ab日cd", Style::new());
        let mut spans = Vec::new();
        note(&mut spans, &buf, 2, 0, 6, &open("https://x.org").unwrap());
        // Something drawn over the "c" afterwards.
        buf.set_string(6, 0, "|", Style::new());
        apply(&spans, &mut buf);
        let first = buf[(2, 0)].symbol();
        assert_eq!(first, "\x1b]8;;https://x.org\x1b\\ab日\x1b]8;;\x1b\\");
        assert_eq!(
            buf[(2, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(4).unwrap())
        );
        for x in 3..6 {
            assert_eq!(buf[(x, 0)].diff_option, CellDiffOption::Skip, "{x}");
        }
        assert_eq!(buf[(6, 0)].symbol(), "|");
        assert_eq!(buf[(6, 0)].diff_option, CellDiffOption::None);
        assert_eq!(
            buf[(7, 0)].symbol(),
            "\x1b]8;;https://x.org\x1b\\d\x1b]8;;\x1b\\"
        );
    }
}
