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

/// Width of the widest token `wrap` keeps whole (a word, or one CJK character): narrower than
/// this, `wrap` breaks a word.
pub fn longest_word(text: &str) -> usize {
    tokens(text)
        .filter(|(_, t)| !t.starts_with(' '))
        .map(|(_, t)| t.width())
        .max()
        .unwrap_or(0)
}

/// Width of the first token `wrap` keeps whole, spaces skipped.
pub fn first_word(text: &str) -> usize {
    tokens(text)
        .find(|(_, t)| !t.starts_with(' '))
        .map_or(0, |(_, t)| t.width())
}

/// Width of the widest grapheme: no wrapping width below this keeps every line within it.
pub fn widest_grapheme(text: &str) -> usize {
    text.graphemes(true).map(|g| g.width()).max().unwrap_or(0)
}

/// Like [`wrap`] (for one line of text), with the first line `first` columns wide and the rest
/// `rest` columns wide.
pub fn wrap_hanging(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let mut out = wrap(text, first);
    if out.len() <= 1 || first == rest {
        return out;
    }
    out.truncate(1);
    let from =
        out[0].end + (text[out[0].end..].len() - text[out[0].end..].trim_start_matches(' ').len());
    out.extend(
        wrap(&text[from..], rest)
            .into_iter()
            .map(|r| from + r.start..from + r.end),
    );
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
    fn word_measures_and_hanging_wrap() {
        assert_eq!(longest_word("a front-end tool"), 9);
        assert_eq!(longest_word("日本語"), 2);
        assert_eq!(first_word("  Licence required"), 7);
        assert_eq!(widest_grapheme("ab👍"), 2);
        let t = "one two three four";
        let l: Vec<&str> = wrap_hanging(t, 3, 10).into_iter().map(|r| &t[r]).collect();
        assert_eq!(l, vec!["one", "two three", "four"]);
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
