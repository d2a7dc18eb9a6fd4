//! Word wrapping by display width: word boundaries, CJK and emoji widths, graphemes never split,
//! over-long tokens (URLs) broken, hard line breaks kept.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::article::text::is_cjk;

/// Display width of a string as a terminal shows it.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Wrap `text` to `width` columns; returns the byte range of each line. Spaces at a break are
/// dropped; every non-space char of `text` lands in exactly one line. `width` 0 is treated as 1.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut base = 0;
    for hard in text.split('\n') {
        wrap_line(hard, base, width, &mut out);
        base += hard.len() + 1;
    }
    out
}

fn wrap_line(line: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    if line.is_empty() {
        out.push(base..base);
        return;
    }
    // Fast path: fits.
    if line.len() <= width && line.is_ascii() || line.width() <= width {
        out.push(base..base + line.len());
        return;
    }
    let mut start: Option<usize> = None; // start of the current line
    let mut end = 0; // end of the last token placed on it
    let mut used = 0; // columns used on it
    for (tok_start, tok) in tokens(line) {
        let is_space = tok.starts_with(' ');
        let tok_w = tok.width();
        if is_space {
            if start.is_some() {
                used += tok_w;
            }
            continue;
        }
        match start {
            Some(_) if used + tok_w <= width => {
                end = tok_start + tok.len();
                used += tok_w;
            }
            _ => {
                if let Some(s) = start.take() {
                    out.push(base + s..base + end);
                }
                if tok_w <= width {
                    start = Some(tok_start);
                    end = tok_start + tok.len();
                    used = tok_w;
                } else {
                    // Break an over-long token at grapheme boundaries.
                    let mut seg_start = tok_start;
                    let mut seg_w = 0;
                    for (gi, g) in tok.grapheme_indices(true) {
                        let gw = g.width();
                        if seg_w + gw > width && seg_w > 0 {
                            out.push(base + seg_start..base + tok_start + gi);
                            seg_start = tok_start + gi;
                            seg_w = 0;
                        }
                        seg_w += gw;
                    }
                    start = Some(seg_start);
                    end = tok_start + tok.len();
                    used = seg_w;
                }
            }
        }
    }
    match start {
        Some(s) => out.push(base + s..base + end),
        None => out.push(base..base),
    }
}

/// Wrap preformatted text (code, tables): spaces are kept, lines break at `width` columns on
/// grapheme boundaries.
pub fn wrap_hard(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut base = 0;
    for hard in text.split('\n') {
        let mut seg_start = 0;
        let mut seg_w = 0;
        for (gi, g) in hard.grapheme_indices(true) {
            let gw = g.width();
            if seg_w + gw > width && seg_w > 0 {
                out.push(base + seg_start..base + gi);
                seg_start = gi;
                seg_w = 0;
            }
            seg_w += gw;
        }
        out.push(base + seg_start..base + hard.len());
        base += hard.len() + 1;
    }
    out
}

/// Split a line into tokens: runs of spaces, words, and single CJK graphemes (CJK text may break
/// between any two characters).
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= line.len() {
            return None;
        }
        let rest = &line[pos..];
        let first = rest.chars().next()?;
        let len = if first == ' ' {
            rest.find(|c| c != ' ').unwrap_or(rest.len())
        } else if is_cjk(first) || matches!(first, '。' | '、' | '，' | '」' | '「') {
            // One grapheme, plus trailing CJK punctuation so it never starts a line.
            let g = rest
                .graphemes(true)
                .next()
                .map_or(first.len_utf8(), str::len);
            let tail = rest[g..]
                .char_indices()
                .take_while(|(_, c)| matches!(c, '。' | '、' | '，' | '」' | '）' | '！' | '？'))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            g + tail
        } else {
            rest.find(|c: char| c == ' ' || is_cjk(c))
                .unwrap_or(rest.len())
        };
        let tok = (pos, &rest[..len]);
        pos += len;
        Some(tok)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_words() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("short", 10), vec!["short"]);
        assert_eq!(lines("", 10), vec![""]);
    }

    #[test]
    fn hard_wrap_keeps_spaces() {
        let t = "    let x = 1;\nabcdef";
        let l: Vec<&str> = wrap_hard(t, 4).into_iter().map(|r| &t[r]).collect();
        assert_eq!(l, vec!["    ", "let ", "x = ", "1;", "abcd", "ef"]);
    }

    #[test]
    fn keeps_hard_breaks() {
        assert_eq!(lines("a b\nc d", 10), vec!["a b", "c d"]);
    }

    #[test]
    fn breaks_long_tokens() {
        assert_eq!(
            lines("see https://example.org/very/long/path ok", 12),
            vec!["see", "https://exam", "ple.org/very", "/long/path", "ok"]
        );
    }

    #[test]
    fn cjk_and_emoji_width() {
        let t = "日本語の文章です。とても長い";
        for l in lines(t, 8) {
            assert!(width(l) <= 8, "{l}");
        }
        assert_eq!(lines(t, 8).concat(), t);
        // Emoji are two columns and never split.
        let e = "👍👍👍👍";
        assert_eq!(lines(e, 4), vec!["👍👍", "👍👍"]);
        // A family emoji (one grapheme, several code points) stays whole.
        let fam = "👨‍👩‍👧 x";
        assert_eq!(lines(fam, 2)[0], "👨‍👩‍👧");
    }

    #[test]
    fn never_exceeds_width_except_single_wide_grapheme() {
        let t = "Tariff talks resumed in Geneva after a long pause, with 日本 and 한국 delegations present.";
        for w in 1..30 {
            for l in lines(t, w) {
                assert!(width(l) <= w.max(2), "w={w} line={l:?}");
            }
        }
    }
}
