//! Text utilities shared by ingestion, analysis and layout: terminal-safety sanitizing, NFC
//! normalization, sentence splitting, offset conversion, slugs and ATX heading markers.

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
        '\u{061c}' => true, // Arabic letter mark, a bidi control too
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

/// A path as it may be shown: its display form with control characters escaped (file names can
/// hold escape sequences too).
pub fn show_path(path: &std::path::Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
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

/// The closing quotes and brackets that may follow a terminator; [`closer_at`] is the byte-level
/// form used by the splitter.
/// A file size for people: `96 B`, `4.2 KB`, `12 MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1000.0;
    let mut unit = 0;
    while v >= 999.5 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if v < 9.95 {
        format!("{v:.1} {}", UNITS[unit])
    } else {
        format!("{v:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
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
    if word.is_ascii() {
        // No allocation in the common case: no list entry is longer than 6 bytes.
        return word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Bytes that may start a sentence terminator: `.`, `!`, `?`, and the lead bytes of `…`
/// (E2 80 A6), `。` (E3 80 82), `！` (EF BC 81) and `？` (EF BC 9F).
const ASCII_ENDS: [u8; 3] = [b'.', b'!', b'?'];
const WIDE_LEADS: [u8; 3] = [0xE2, 0xE3, 0xEF];

/// The terminator char starting at byte `i` (a char boundary), if any, with its length.
fn terminator_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    match b[i] {
        b'.' => Some(('.', 1)),
        b'!' => Some(('!', 1)),
        b'?' => Some(('?', 1)),
        _ => match b.get(i..i + 3)? {
            [0xE2, 0x80, 0xA6] => Some(('…', 3)),
            [0xE3, 0x80, 0x82] => Some(('。', 3)),
            [0xEF, 0xBC, 0x81] => Some(('！', 3)),
            [0xEF, 0xBC, 0x9F] => Some(('？', 3)),
            _ => None,
        },
    }
}

/// Length of the closing quote or bracket ([`is_closer`]) starting at byte `i`, if any.
fn closer_at(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' | b'\'' | b')' | b']' => Some(1),
        0xC2 if b.get(i + 1) == Some(&0xBB) => Some(2), // »
        0xE2 if matches!(b.get(i + 1..i + 3), Some([0x80, 0x9D | 0x99])) => Some(3), // ” ’
        0xE3 if matches!(b.get(i + 1..i + 3), Some([0x80, 0x8D | 0x8F])) => Some(3), // 」 』
        _ => None,
    }
}

/// Finds the next byte that may start a terminator, with two SIMD searches (ASCII terminators,
/// wide lead bytes) whose last hits are kept until the scan passes them.
struct Candidates<'a> {
    hay: &'a [u8],
    ascii: Option<usize>,
    wide: Option<usize>,
}

impl Candidates<'_> {
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let hay = self.hay;
        let refresh = |hit: &mut Option<usize>, needles: [u8; 3]| {
            if hit.is_some_and(|p| p < from) {
                *hit = hay
                    .get(from..)
                    .and_then(|h| memchr::memchr3(needles[0], needles[1], needles[2], h))
                    .map(|p| p + from);
            }
        };
        refresh(&mut self.ascii, ASCII_ENDS);
        refresh(&mut self.wide, WIDE_LEADS);
        match (self.ascii, self.wide) {
            (Some(a), Some(w)) => Some(a.min(w)),
            (a, w) => a.or(w),
        }
    }
}

/// Split text into sentence byte ranges (trimmed of surrounding whitespace).
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by optional closing quotes/brackets and
/// whitespace and then a sentence start; at CJK full stops (and fullwidth `！`, `？`), with
/// their closing quotes. Runs like `?!` or `...` end a sentence as one. Abbreviations
/// (`U.S.`, `Dr.`, initials) do not end sentences.
///
/// A byte scan that jumps from one possible terminator to the next (memchr); only the
/// neighbourhood of a terminator is decoded.
pub fn sentences(s: &str) -> Vec<Range<usize>> {
    Sentences::new(s).collect()
}

/// The sentences of a text one at a time (see [`sentences`]): stop early to read only the first
/// few.
pub struct Sentences<'a> {
    s: &'a str,
    start: usize,
    cands: Candidates<'a>,
    at: Option<usize>,
    done: bool,
}

impl<'a> Sentences<'a> {
    pub fn new(s: &'a str) -> Self {
        // Both searches start with a (possibly false) hit at 0, so 0 itself is looked at first.
        let mut cands = Candidates {
            hay: s.as_bytes(),
            ascii: Some(0),
            wide: Some(0),
        };
        let at = if s.is_empty() {
            None
        } else {
            cands.next_from(0)
        };
        Sentences {
            s,
            start: 0,
            cands,
            at,
            done: s.is_empty(),
        }
    }

    /// The next sentence end after the current start, or None at the end of the text.
    fn next_end(&mut self) -> Option<usize> {
        let (s, b) = (self.s, self.s.as_bytes());
        while let Some(p) = self.at {
            let Some((c, len)) = terminator_at(b, p) else {
                self.at = self.cands.next_from(p + 1);
                continue;
            };
            let mut end = p + len;
            let end_here = if matches!(c, '。' | '！' | '？') {
                true
            } else {
                // Skip runs like "?!" or "..." and closing quotes.
                let mut j = end;
                loop {
                    if matches!(b.get(j), Some(b'.' | b'!' | b'?')) {
                        j += 1;
                    } else if let Some(n) = closer_at(b, j) {
                        j += n;
                    } else {
                        break;
                    }
                }
                end = j;
                let rest = &s[j..];
                let after_ws = rest.trim_start();
                let had_ws = after_ws.len() < rest.len();
                let boundary = had_ws && after_ws.chars().next().is_some_and(starts_sentence);
                boundary && !(c == '.' && j == p + 1 && is_abbreviation(s, p))
            };
            if end_here {
                while let Some(n) = closer_at(b, end) {
                    end += n;
                }
                self.at = self.cands.next_from(end);
                return Some(end);
            }
            self.at = self.cands.next_from(end);
        }
        None
    }
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while !self.done {
            let end = match self.next_end() {
                Some(e) => e,
                None => {
                    self.done = true;
                    self.s.len()
                }
            };
            let r = self.start..end;
            self.start = end;
            if let Some(t) = trimmed(self.s, r) {
                return Some(t);
            }
        }
        None
    }
}

/// `r` without the whitespace around it; None when nothing else is left.
fn trimmed(s: &str, r: Range<usize>) -> Option<Range<usize>> {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (lead + trail < piece.len()).then(|| r.start + lead..r.end - trail)
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
        // Decomposing first keeps accented Latin letters as their base letter (Ü → u).
        let w: String = word
            .nfd()
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

/// A Markdown ATX heading line, `# Title` … `###### Title ##`: its level and its text, without
/// the opening marker and any closing `#`s.
pub fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let text = match rest.trim_end_matches('#') {
        // A closing sequence needs a space before it: `# C#` keeps its `#`.
        t if t.ends_with([' ', '\t']) => t.trim_end(),
        _ if rest.bytes().all(|b| b == b'#') => "",
        _ => rest,
    };
    (!text.is_empty()).then_some((hashes as u8, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_headings() {
        assert_eq!(atx_heading("# Title"), Some((1, "Title")));
        assert_eq!(
            atx_heading("###\tTalks resume ##  "),
            Some((3, "Talks resume"))
        );
        assert_eq!(atx_heading("## Learning C#"), Some((2, "Learning C#")));
        for not in [
            "#1 priority",
            "####### Seven",
            "# ",
            "# ##",
            "#hashtag",
            "Title",
        ] {
            assert_eq!(atx_heading(not), None, "{not:?}");
        }
    }

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
    fn byte_tests_match_the_char_sets() {
        // Every char sharing a lead byte with a terminator or closer, and then some.
        let chars = ('\0'..='\u{7f}')
            .chain('\u{a0}'..='\u{ff}')
            .chain('\u{2000}'..='\u{203f}')
            .chain('\u{3000}'..='\u{303f}')
            .chain('\u{ff00}'..='\u{ff3f}')
            .chain(['\u{fffd}', '\u{2026}', '日']);
        for c in chars {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let closer = closer_at(b, 0);
            assert_eq!(closer.is_some(), is_closer(c), "{c:?}");
            if let Some(n) = closer {
                assert_eq!(n, b.len(), "{c:?}");
            }
            let expected = matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？');
            assert_eq!(
                terminator_at(b, 0),
                expected.then_some((c, b.len())),
                "{c:?}"
            );
        }
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
        assert_eq!(slug("Überblick der Zölle", 40), "uberblick-der-zolle");
        assert!(slug("one two three four five six", 12).len() <= 12);
    }
}
