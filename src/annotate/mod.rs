//! Annotations: highlights, notes, tags and bookmarks on passages of an article's canonical
//! text ([`crate::article::Article::text`]). Pure: no terminal, no storage (that is
//! [`crate::store`]).
//!
//! The model follows the W3C Web Annotation data model: a target is a quote with its prefix
//! and suffix (a TextQuoteSelector) and start/end code-point offsets (a TextPositionSelector)
//! into the text whose [`fingerprint`] it records. When the text changes, [`anchor`] finds the
//! passage again or says it could not: an annotation is never silently moved to another passage.

pub mod anchor;
pub mod export;
pub mod reading;
pub mod review;

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchored, Reanchorer, anchor};

/// How many characters of context are kept on each side of a quote (at most; fewer at the
/// edges of the text). The minimum asked for is 32; 48 leaves room for an edit nearby.
pub const CONTEXT_CHARS: usize = 48;

/// Why the annotation was made (the Web Annotation motivations Tenor uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Motivation {
    #[default]
    Highlighting,
    Commenting,
    Bookmarking,
    Tagging,
}

/// The five highlight colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

/// Where a target stands after the text was last anchored.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The exact quote, at the stored or a mapped place.
    #[default]
    Anchored,
    /// A close match of the quote (a small edit inside it), at a place that is clearly the same.
    Fuzzy,
    /// A candidate exists but is not clearly the passage: a person should look.
    NeedsReview,
    /// Not found.
    Orphaned,
}

macro_rules! names {
    ($t:ty { $($v:ident = $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in order.
            pub const ALL: &[$t] = &[$(<$t>::$v),*];
            /// The name used in JSON, the database and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),* }
            }
            /// The value with this name (case-insensitive).
            pub fn parse(s: &str) -> Option<$t> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s))
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names!(Motivation { Highlighting = "highlighting", Commenting = "commenting",
    Bookmarking = "bookmarking", Tagging = "tagging" });
names!(Color { Yellow = "yellow", Green = "green", Blue = "blue", Pink = "pink",
    Purple = "purple" });
names!(Status { Anchored = "anchored", Fuzzy = "fuzzy", NeedsReview = "needs_review",
    Orphaned = "orphaned" });

/// What an annotation points at: a quote with its context, and its code-point offsets in the
/// text with fingerprint `fingerprint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Target {
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    /// Code-point offsets into the canonical text.
    pub start: usize,
    pub end: usize,
    /// [`fingerprint`] of the text the offsets refer to; empty when unknown (imported quote).
    pub fingerprint: String,
    pub status: Status,
}

impl Target {
    /// The target of bytes `range` of `text` (clamped to char boundaries).
    pub fn of(text: &str, range: Range<usize>) -> Target {
        Reanchorer::with_fingerprint(text, fingerprint(text), None).target(range)
    }

    /// The byte range of this target's offsets in `text` (clamped).
    pub fn byte_range(&self, text: &str, offsets: &anchor::Offsets) -> Range<usize> {
        let s = offsets.byte_of(text, self.start);
        let e = offsets.byte_of(text, self.end.max(self.start));
        s..e.max(s)
    }
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// A UUID v7 (time-ordered), as text.
    pub id: String,
    /// The stable id of the article ([`crate::store::Store::article_id`]).
    pub article: String,
    /// UTC, `2026-12-01T14:05:09.123Z`.
    pub created: String,
    pub modified: String,
    pub motivation: Motivation,
    /// Markdown.
    pub note: String,
    pub color: Color,
    pub tags: Vec<String>,
    /// Where it is now.
    pub target: Target,
    /// Where it was made, never changed.
    pub original: Target,
    /// Set when deleted (a tombstone: kept so undo and sync can see it).
    pub deleted: Option<String>,
}

impl Annotation {
    /// A new annotation on `target` in `article`, made now.
    pub fn new(article: &str, target: Target, motivation: Motivation) -> Annotation {
        let now = now_utc();
        Annotation {
            id: new_id(),
            article: article.to_string(),
            created: now.clone(),
            modified: now,
            motivation,
            note: String::new(),
            color: Color::default(),
            tags: Vec::new(),
            original: target.clone(),
            target,
            deleted: None,
        }
    }
}

/// A new UUID v7 as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A fingerprint of a text: its length and a 64-bit hash, `<len>-<hex>`. Stable across versions
/// and platforms; fast (8 bytes a step) so a 10 MB text costs a few milliseconds.
pub fn fingerprint(text: &str) -> String {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = text.as_bytes();
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 29;
    }
    for &x in chunks.remainder() {
        h = (h ^ u64::from(x)).wrapping_mul(K);
        h ^= h >> 29;
    }
    h = (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^= h >> 32;
    format!("{}-{h:016x}", b.len())
}

/// Now as UTC text with milliseconds: `2026-12-01T14:05:09.123Z`.
pub fn now_utc() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    utc_millis(d.as_millis() as u64)
}

/// Unix milliseconds as UTC text: `2026-12-01T14:05:09.123Z`.
pub fn utc_millis(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        ms % 1000
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The largest char boundary of `s` at or before `i`.
pub fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last `n` chars of `s`.
pub(crate) fn tail_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` chars of `s`.
pub(crate) fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_take_context_and_char_offsets() {
        let text = "é".repeat(60) + "QUOTE" + &"ü".repeat(60);
        let s = 120;
        let t = Target::of(&text, s..s + 5);
        assert_eq!(t.quote, "QUOTE");
        assert_eq!((t.start, t.end), (60, 65));
        assert_eq!(t.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(t.suffix.chars().count(), CONTEXT_CHARS);
        assert_eq!(t.byte_range(&text, &anchor::Offsets::new(&text)), s..s + 5);
        // Out of range and mid-char ranges are clamped, never a panic.
        let u = Target::of(&text, 1..10_000);
        assert_eq!(u.start, 0);
        assert_eq!(tail_chars("abc", 0), "");
        assert_eq!(tail_chars("abc", 5), "abc");
        assert_eq!(head_chars("abc", 2), "ab");
    }

    #[test]
    fn fingerprints_differ_by_content_and_length() {
        assert_eq!(fingerprint("abc"), fingerprint("abc"));
        assert_ne!(fingerprint("abc"), fingerprint("abd"));
        assert_ne!(fingerprint(""), fingerprint("\0"));
        assert!(fingerprint("abcdefghij").starts_with("10-"));
    }

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Color::parse(" Pink"), Some(Color::Pink));
        assert_eq!(Motivation::parse("x"), None);
        assert_eq!(utc_millis(86_400_123), "1970-01-02T00:00:00.123Z");
    }
}
