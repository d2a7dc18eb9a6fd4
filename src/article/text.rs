//! Text utilities shared by ingestion, analysis and layout: terminal-safety sanitizing, NFC
//! normalization, sentence splitting, offset conversion and slugs.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Is `c` something that must never reach a terminal as-is?
///
/// C0 controls (but newline and tab), DEL, C1 controls, and the bidi embedding/override/isolate
/// characters, which can reorder what the reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\x1f' | '\x7f' => true,
        '\u{80}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => true,
        _ => false,
    }
}

/// Append the visible escape for an unsafe char: `␛` for ESC, control pictures for other C0
/// controls, `␡` for DEL, and `<U+XXXX>` for C1 and bidi controls.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\x1b' => out.push('␛'),
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\x7f' => out.push('␡'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

/// Replace every char that could act on a terminal by a visible escape; tabs become spaces.
/// Returns the input unchanged (borrowed) in the common case.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || is_unsafe_char(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_unsafe_char(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// NFC-normalize, borrowing when the text is already NFC (always true for ASCII).
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Chars at or above U+0300 that are known NFC starters with no canonical decomposition and
/// that do not compose with what precedes them: common punctuation, CJK ideographs and kana.
fn is_plain_starter(c: char) -> bool {
    matches!(c as u32,
        0x2002..=0x206F // general punctuation (not U+2000/2001, which decompose)
        | 0x20A0..=0x20BF // currency
        | 0x2190..=0x21FF // arrows
        | 0x2500..=0x25FF // box drawing, blocks, shapes
        | 0x3000..=0x303F // CJK punctuation
        | 0x3041..=0x3096 | 0x30A1..=0x30FA // kana (voiced forms compose only with U+3099/309A)
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xFF01..=0xFF5E) // fullwidth forms
}

/// Is `s` already canonical (no unsafe char, no tab, NFC)? A byte scan that decodes only chars
/// at or above U+0300; false means "maybe not", and the slow path decides.
fn is_canonical_fast(s: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight printable ASCII bytes at a time: no high bit, none below 0x20, no DEL.
        if let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            let below_space = w.wrapping_sub(LO * 0x20) & !w & HI;
            let del = (w ^ (LO * 0x7f)).wrapping_sub(LO) & !(w ^ (LO * 0x7f)) & HI;
            if (w & HI) == 0 && below_space == 0 && del == 0 {
                i += 8;
                continue;
            }
        }
        let x = b[i];
        if x < 0x80 {
            if (x < 0x20 && x != b'\n') || x == 0x7f {
                return false;
            }
            i += 1;
        } else if x < 0xCC {
            // U+0080..U+02FF: only C1 controls (C2 80..C2 9F) are unsafe; all are NFC starters
            // unless followed by a combining mark, which the scan meets on its own.
            if x == 0xC2 && b.get(i + 1).is_some_and(|&y| y < 0xA0) {
                return false;
            }
            i += 2;
        } else {
            let len = if x >= 0xF0 {
                4
            } else if x >= 0xE0 {
                3
            } else {
                2
            };
            let c = s[i..].chars().next().unwrap_or('\0');
            if is_unsafe_char(c) || !is_plain_starter(c) {
                return false;
            }
            i += len;
        }
    }
    true
}

/// Sanitize then normalize: the canonical form of any text that enters an article.
pub fn canonical(s: &str) -> Cow<'_, str> {
    if is_canonical_fast(s) {
        return Cow::Borrowed(s);
    }
    match sanitize(s) {
        Cow::Borrowed(b) => nfc(b),
        Cow::Owned(o) => Cow::Owned(nfc(&o).into_owned()),
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "no", "inc",
    "ltd", "co", "corp", "gov", "sen", "rep", "gen", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "approx", "fig", "al", "cf", "esp",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '」' | '』')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '「' | '¿' | '¡'
        )
        || !c.is_alphabetic() && !c.is_whitespace() && !c.is_ascii_punctuation()
        || is_cjk(c)
}

/// Is `c` a CJK ideograph, kana or hangul (scripts that end sentences without a space)?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Is the word that ends at `end` (exclusive, just before a `.`) an abbreviation?
fn is_abbreviation(s: &str, end: usize) -> bool {
    let word_start = s[..end]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &s[word_start..end];
    if word.is_empty() {
        return false;
    }
    // "U.S", "e.g": inner periods; single letters: initials.
    if word.contains('.') || word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Split text into sentence byte ranges (trimmed of surrounding whitespace).
///
/// A sentence ends at `.`, `!`, `?`, `…` or `:` followed by optional closing quotes/brackets and
/// whitespace and then a sentence start; at CJK full stops; and at line breaks that follow
/// terminal punctuation. Abbreviations (`U.S.`, `Dr.`, initials) do not end sentences.
pub fn sentences(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut end = i + c.len_utf8();
        let end_here = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' | '…' => {
                // Skip runs like "?!" or "..." and closing quotes.
                let mut j = i + c.len_utf8();
                while let Some(&(k, d)) = iter.peek() {
                    if matches!(d, '.' | '!' | '?') || is_closer(d) {
                        iter.next();
                        j = k + d.len_utf8();
                    } else {
                        break;
                    }
                }
                end = j;
                let rest = &s[j..];
                let after_ws = rest.trim_start();
                let had_ws = after_ws.len() < rest.len();
                let next = after_ws.chars().next();
                let boundary = had_ws && next.is_some_and(starts_sentence);
                if boundary && c == '.' && j == i + 1 && is_abbreviation(s, i) {
                    false
                } else {
                    boundary
                }
            }
            _ => false,
        };
        if end_here {
            while let Some(&(k, d)) = iter.peek() {
                if is_closer(d) {
                    iter.next();
                    end = k + d.len_utf8();
                } else {
                    break;
                }
            }
            push_trimmed(&mut out, s, start..end);
            start = end;
        }
    }
    push_trimmed(&mut out, s, start..s.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, r: Range<usize>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Converts byte offsets of one string into code-point offsets, in O(1) amortized per call.
pub struct CharIndex {
    ascii: bool,
    /// Byte offset of every `STEP`-th char.
    checkpoints: Vec<usize>,
}

const STEP: usize = 256;

impl CharIndex {
    pub fn new(s: &str) -> Self {
        if s.is_ascii() {
            return CharIndex {
                ascii: true,
                checkpoints: Vec::new(),
            };
        }
        let checkpoints = s.char_indices().step_by(STEP).map(|(i, _)| i).collect();
        CharIndex {
            ascii: false,
            checkpoints,
        }
    }

    /// Code-point offset of byte offset `byte` (which must be a char boundary of `s`).
    pub fn char_of(&self, s: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        k * STEP + s[base..byte].chars().count()
    }

    /// Byte offset of code-point offset `ch` (clamped to the end of `s`).
    pub fn byte_of(&self, s: &str, ch: usize) -> usize {
        if self.ascii {
            return ch.min(s.len());
        }
        let k = ch / STEP;
        let Some(&base) = self.checkpoints.get(k) else {
            return s.len();
        };
        s[base..]
            .char_indices()
            .nth(ch - k * STEP)
            .map_or(s.len(), |(i, _)| base + i)
    }
}

/// A short ASCII slug of a title: lowercase words joined by `-`, at most `max` bytes.
pub fn slug(title: &str, max: usize) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w: String = word
            .chars()
            .flat_map(char::to_lowercase)
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if w.is_empty() {
            continue;
        }
        if out.len() + w.len() + 1 > max && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out.truncate(max);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn sanitize_escapes_controls() {
        let s = "a\x1b[31mred\x07\u{9b}x\u{202e}y\tz";
        let out = sanitize(s);
        assert_eq!(out, "a␛[31mred␇<U+009B>x<U+202E>y    z");
        assert!(!out.chars().any(is_unsafe_char));
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn canonical_fast_path_agrees_with_slow_path() {
        for s in [
            "plain ascii",
            "curly “quotes” — dashes… and 日本語のテキスト、かな",
            "e\u{301} decomposed",
            "tab\there",
            "esc\x1b[0m",
            "c1 \u{85} next line",
            "bidi \u{202e} override",
            "voiced か\u{3099}",
            "em space \u{2001}",
            "nbsp\u{a0}and é",
        ] {
            let slow = nfc(&sanitize(s)).into_owned();
            assert_eq!(canonical(s), slow, "{s:?}");
        }
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("e\u{301}"), "é");
        assert!(matches!(nfc("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn sentences_split_and_keep_abbreviations() {
        assert_eq!(
            split("The U.S. team left. Dr. Sato stayed! Why? Because “talks” failed."),
            vec![
                "The U.S. team left.",
                "Dr. Sato stayed!",
                "Why?",
                "Because “talks” failed."
            ]
        );
        assert_eq!(split("Key points include:"), vec!["Key points include:"]);
        assert_eq!(
            split("交渉は続いた。合意はない。"),
            vec!["交渉は続いた。", "合意はない。"]
        );
        assert_eq!(
            split("He said “no.” Then left."),
            vec!["He said “no.”", "Then left."]
        );
        assert!(split("   ").is_empty());
    }

    #[test]
    fn char_index_round_trips() {
        let s = "ab日本語".repeat(300);
        let idx = CharIndex::new(&s);
        for (ch, (byte, _)) in s.char_indices().enumerate() {
            assert_eq!(idx.char_of(&s, byte), ch);
            assert_eq!(idx.byte_of(&s, ch), byte);
        }
        assert_eq!(idx.char_of(&s, s.len()), s.chars().count());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Japan’s Trade: A Review!", 40),
            "japan-s-trade-a-review"
        );
        assert_eq!(slug("日本", 40), "");
        assert!(slug("one two three four five six", 12).len() <= 12);
    }
}
