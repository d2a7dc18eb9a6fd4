//! Quotations in the text: where they are, which are short enough to hold a marker word, and
//! a snippet of a sentence centred on a word.

use std::ops::Range;

/// Up to `max` characters (at least 12) of `text[around]` centred on `word` (a range inside
/// it), whitespace folded, `…` where cut. The word itself is always whole when it fits.
pub fn snippet_around(
    text: &str,
    around: &Range<usize>,
    word: &Range<usize>,
    max: usize,
) -> String {
    let max = max.max(12);
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let clip = |r: Range<usize>| {
        let (a, b) = (r.start.min(text.len()), r.end.min(text.len()));
        text.get(a..b.max(a)).unwrap_or("")
    };
    let before = fold(clip(around.start..word.start.max(around.start)));
    let w = fold(clip(word.clone()));
    let after = fold(clip(word.end.min(around.end)..around.end));
    // Keep the spaces that separate the word from its neighbours.
    let sp_before = clip(around.start..word.start.max(around.start)).ends_with(char::is_whitespace);
    let sp_after = clip(word.end.min(around.end)..around.end).starts_with(char::is_whitespace);
    let before: Vec<char> = format!("{before}{}", if sp_before { " " } else { "" })
        .chars()
        .collect();
    let after: Vec<char> = format!("{}{after}", if sp_after { " " } else { "" })
        .chars()
        .collect();
    let wn = w.chars().count();
    if before.len() + wn + after.len() <= max {
        return before
            .iter()
            .chain(w.chars().collect::<Vec<_>>().iter())
            .chain(after.iter())
            .collect();
    }
    // Room on each side, ellipses included; a short side gives its room to the other.
    let room = max.saturating_sub(wn);
    let mut left = room / 2;
    let mut right = room - left;
    if before.len() <= left {
        right += left - before.len();
        left = before.len();
    } else if after.len() <= right {
        left += right - after.len();
        right = after.len();
    }
    let mut out = String::new();
    if left < before.len() {
        if left > 0 {
            out.push('…');
            out.extend(&before[before.len() - (left - 1)..]);
        }
    } else {
        out.extend(&before);
    }
    if wn > max {
        out.extend(w.chars().take(max - 1));
        out.push('…');
        return out;
    }
    out.push_str(&w);
    if right < after.len() {
        if right > 0 {
            out.extend(&after[..right - 1]);
            out.push('…');
        }
    } else {
        out.extend(&after);
    }
    out
}

/// Most words in a quotation whose tone words are markers.
pub const MARKER_QUOTE_WORDS: usize = 4;

/// Is `inside` (a quotation's text) short enough to be a scare quote or a quoted verdict
/// (at most [`MARKER_QUOTE_WORDS`] words)? Tone words in longer quotations count toward tone
/// but are not markers.
pub fn is_short_quote(inside: &str) -> bool {
    let words = inside
        .split(|c: char| c.is_whitespace() || matches!(c, '—' | '–'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (1..=MARKER_QUOTE_WORDS).contains(&words)
}

/// Byte ranges (shifted by `base`) of the insides of quotations in `s`: “…”, "…", ‘…’.
/// A `’` followed by a letter is an apostrophe, not a closing quote.
pub fn quote_spans(s: &str, base: usize, out: &mut Vec<Range<usize>>) {
    out.clear();
    let (mut double, mut ascii, mut single): (Option<usize>, Option<usize>, Option<usize>) =
        (None, None, None);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let after = i + c.len_utf8();
        match c {
            '“' => double = Some(after),
            '”' => {
                if let Some(o) = double.take() {
                    out.push(base + o..base + i);
                }
            }
            '"' => match ascii.take() {
                Some(o) => out.push(base + o..base + i),
                None => ascii = Some(after),
            },
            '‘' => single = Some(after),
            '’' => {
                let next_is_letter = it.peek().is_some_and(|&(_, d)| d.is_alphanumeric());
                if !next_is_letter && let Some(o) = single.take() {
                    out.push(base + o..base + i);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_apostrophes() {
        let s = "Japan’s “fantastic” plan, a ‘spoiled’ deal and \"rift\" talk.";
        let mut spans = Vec::new();
        quote_spans(s, 0, &mut spans);
        let inner: Vec<&str> = spans.iter().map(|r| &s[r.clone()]).collect();
        assert_eq!(inner, vec!["fantastic", "spoiled", "rift"]);
    }
}
