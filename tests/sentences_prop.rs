//! The byte-level sentence splitter agrees with the original char-by-char one (kept here as
//! the reference) on arbitrary, Unicode-heavy and article-like text.

use std::ops::Range;

use proptest::prelude::*;
use tenor::article::text::sentences;
use tenor::generate::{GenFormat, article};

/// The original splitter, verbatim: `char_indices().peekable()`, one char at a time.
mod reference {
    use std::ops::Range;

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

    fn is_cjk(c: char) -> bool {
        matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
    }

    fn is_abbreviation(s: &str, end: usize) -> bool {
        let word_start = s[..end]
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
            .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let word = &s[word_start..end];
        if word.is_empty() {
            return false;
        }
        if word.contains('.') || word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        {
            return true;
        }
        let lower = word.to_lowercase();
        ABBREVIATIONS.contains(&lower.as_str())
    }

    pub fn sentences(s: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let mut end = i + c.len_utf8();
            let end_here = match c {
                '。' | '！' | '？' => true,
                '.' | '!' | '?' | '…' => {
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
}

fn same(s: &str) -> Result<(), TestCaseError> {
    let new: Vec<Range<usize>> = sentences(s);
    let old = reference::sentences(s);
    prop_assert_eq!(new, old, "input {:?}", s);
    Ok(())
}

/// Pieces that exercise every rule: terminators and their runs, closers, abbreviations and
/// initials, sentence starts of every kind, Unicode whitespace, CJK, and chars whose UTF-8
/// shares lead bytes with a terminator or a closer (`—`, `“`, `‘`, `、`, `「`, fullwidth forms).
const PIECES: &[&str] = &[
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u{a0}",
    "\u{2003}",
    "\u{3000}",
    "a",
    "b",
    "x",
    "A",
    "The",
    "talks",
    "stalled",
    "1",
    "42",
    "é",
    "É",
    "İ",
    "\u{212a}",
    "ß",
    "Ω",
    ".",
    ".",
    ".",
    "!",
    "?",
    "?!",
    "!?",
    "...",
    "..",
    "…",
    "。",
    "！",
    "？",
    "、",
    "：",
    ":",
    ";",
    ",",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "「",
    "」",
    "『",
    "』",
    "¿",
    "¡",
    "—",
    "–",
    "U.S.",
    "U.S",
    "e.g.",
    "i.e.",
    "Dr.",
    "dr.",
    "DR.",
    "Mr.",
    "Mrs.",
    "Prof.",
    "approx.",
    "Sept.",
    "etc.",
    "No.",
    "J.",
    "R.",
    "x.",
    "日本",
    "交渉は続いた",
    "かな",
    "한국",
    "\u{301}",
    "🙂",
    "\u{fffd}",
    "\u{ff0e}",
    "(Dr.",
    "“Dr.",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

/// Sentences of words, with the punctuation and quoting of real articles.
fn article_like() -> impl Strategy<Value = String> {
    let word = prop::sample::select(
        &[
            "tariff",
            "Tokyo",
            "the",
            "U.S.",
            "Dr.",
            "Sato",
            "talks",
            "e.g.",
            "J.",
            "K.",
            "officials",
            "“fruitful”",
            "‘fair’",
            "(see",
            "above)",
            "No.",
            "5",
            "2027",
            "Sept.",
            "交渉",
            "日本",
            "approx.",
            "vs.",
            "St.",
            "Inc.",
            "co.",
        ][..],
    );
    let end = prop::sample::select(
        &[
            ".", ".", ".", "!", "?", "?!", "…", "...", ".”", "?”", "!)", ".’", ":", ";", "。",
            "」", "。」", "！", "？", "",
        ][..],
    );
    let gap = prop::sample::select(&[" ", " ", " ", "\n", "  ", "\n\n", "", "\u{a0}"][..]);
    let sentence = (prop::collection::vec(word, 1..8), end, gap).prop_map(|(w, e, g)| {
        let mut s = w.join(" ");
        s.push_str(e);
        s.push_str(g);
        s
    });
    prop::collection::vec(sentence, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn agrees_on_pieces(s in pieces(40)) {
        same(&s)?;
    }

    #[test]
    fn agrees_on_article_like_text(s in article_like()) {
        same(&s)?;
    }

    #[test]
    fn agrees_on_arbitrary_strings(s in any::<String>()) {
        same(&s)?;
    }

    #[test]
    fn agrees_on_ascii_punctuation_soup(s in "[a-zA-Z0-9 .!?\"'()\\[\\]\n]{0,80}") {
        same(&s)?;
    }
}

#[test]
fn agrees_on_generated_articles() {
    for (format, seed) in [(GenFormat::Markdown, 1), (GenFormat::Plain, 2)] {
        let text = article(format, 300_000, seed);
        let new = sentences(&text);
        assert!(new.len() > 1000, "{}", new.len());
        assert_eq!(new, reference::sentences(&text));
    }
}

#[test]
fn reference_splits_like_the_documented_examples() {
    // The reference is the original splitter: it must still say what `text.rs` tests say.
    let s = "The U.S. team left. Dr. Sato stayed! Why? Because “talks” failed.";
    let got: Vec<&str> = reference::sentences(s).into_iter().map(|r| &s[r]).collect();
    assert_eq!(
        got,
        [
            "The U.S. team left.",
            "Dr. Sato stayed!",
            "Why?",
            "Because “talks” failed."
        ]
    );
}
