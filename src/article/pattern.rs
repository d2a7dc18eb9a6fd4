//! The one matcher behind search, the `:` section filter and the Points filter.
//!
//! A plain pattern matches literally, with smart case (an uppercase letter makes it
//! case-sensitive) and typographic folding: `'` also finds `‘’`, `"` finds `“”`, `-` finds
//! `–—` (and the other way round). A pattern that starts with `\v` is a regular expression
//! (the `regex` crate: linear time, size-limited), smart case too; a bad one says why.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

/// The prefix that makes a pattern a regular expression (vim's "very magic").
pub const REGEX_PREFIX: &str = "\\v";

/// Compiled patterns are bounded (a pattern typed in the prompt, not a program).
const SIZE_LIMIT: usize = 1 << 20;

/// Characters that find each other.
const FOLDS: &[&str] = &["'‘’", "\"“”", "-–—"];

/// A compiled search pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    re: Regex,
}

/// Smart case: an uppercase letter in the pattern (not an escape like `\S`) makes it
/// case-sensitive.
pub fn is_case_sensitive(pattern: &str, regex: bool) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if regex && c == '\\' {
            chars.next();
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// A literal pattern as a regular expression, with the typographic folds as classes.
fn literal_regex(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    for c in pattern.chars() {
        match FOLDS.iter().find(|f| f.contains(c)) {
            Some(f) => {
                out.push('[');
                for k in f.chars() {
                    out.push_str(&regex::escape(k.encode_utf8(&mut [0; 4])));
                }
                out.push(']');
            }
            None => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

impl Pattern {
    /// Compile `pattern` (see the module doc). An empty pattern matches nowhere.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        Pattern::build(pattern, true)
    }

    /// The same, ignoring case whatever the pattern's letters (the list filters).
    pub fn ignoring_case(pattern: &str) -> Result<Pattern, String> {
        Pattern::build(pattern, false)
    }

    fn build(pattern: &str, smart_case: bool) -> Result<Pattern, String> {
        let (source, is_regex) = match pattern.strip_prefix(REGEX_PREFIX) {
            Some(rest) => (rest.to_string(), true),
            None => (literal_regex(pattern), false),
        };
        let body = if is_regex { &source } else { pattern };
        let re = RegexBuilder::new(&source)
            .case_insensitive(!(smart_case && is_case_sensitive(body, is_regex)))
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| describe(&e))?;
        Ok(Pattern { re })
    }

    /// Whether `pattern` is a regular expression (starts with `\v`).
    pub fn is_regex(pattern: &str) -> bool {
        pattern.starts_with(REGEX_PREFIX)
    }

    /// Non-empty matches in `hay`, in order, not overlapping.
    pub fn find_iter<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.re
            .find_iter(hay)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
    }

    /// Does `hay` contain a (non-empty) match?
    pub fn is_match(&self, hay: &str) -> bool {
        self.find_iter(hay).next().is_some()
    }
}

/// A regex error in one line (the crate's message spans several, with a caret diagram).
fn describe(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(_) => "pattern too big".to_string(),
        _ => {
            let text = e.to_string();
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("bad pattern");
            last.trim().trim_start_matches("error:").trim().to_string()
        }
    }
}

/// A list filter (the `:` headings, the Points tab): every word of a plain query must match
/// (each as a [`Pattern`] with typographic folding, ignoring case: a filter narrows as you type,
/// capitals or not); a `\v` query is one regular expression.
#[derive(Debug, Clone)]
pub struct Filter {
    words: Vec<Pattern>,
}

impl Filter {
    pub fn new(query: &str) -> Result<Filter, String> {
        let words = if Pattern::is_regex(query) {
            if query == REGEX_PREFIX {
                Vec::new()
            } else {
                vec![Pattern::ignoring_case(query)?]
            }
        } else {
            query
                .split_whitespace()
                .map(Pattern::ignoring_case)
                .collect::<Result<_, _>>()?
        };
        Ok(Filter { words })
    }

    /// Whether the filter is empty (lets everything through).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Does every word match somewhere in `texts` (each word may match a different text)?
    pub fn matches(&self, texts: &[&str]) -> bool {
        self.words
            .iter()
            .all(|w| texts.iter().any(|t| w.is_match(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(p: &str, hay: &str) -> Vec<String> {
        Pattern::new(p)
            .unwrap()
            .find_iter(hay)
            .map(|r| hay[r].to_string())
            .collect()
    }

    #[test]
    fn typographic_folding_both_ways() {
        assert_eq!(found("don't", "we don’t, they don't"), ["don’t", "don't"]);
        assert_eq!(found("\"yes\"", "“yes” or \"yes\""), ["“yes”", "\"yes\""]);
        assert_eq!(
            found("1990-1995", "1990–1995 and 1990—1995"),
            ["1990–1995", "1990—1995"]
        );
        assert_eq!(found("don’t", "we don't"), ["don't"]);
    }

    #[test]
    fn smart_case() {
        assert_eq!(found("port", "Port port PORT"), ["Port", "port", "PORT"]);
        assert_eq!(found("Port", "Port port PORT"), ["Port"]);
        assert_eq!(
            found("\\vp\\w+", "Port pier"),
            ["Port", "pier"],
            "\\w is no capital"
        );
        assert_eq!(found("\\vP\\w+", "Port pier"), ["Port"]);
        assert_eq!(found("über", "ÜBER über"), ["ÜBER", "über"]);
    }

    #[test]
    fn regex_after_v_and_literal_otherwise() {
        assert_eq!(found("\\vquota[s]?", "quota quotas"), ["quota", "quotas"]);
        assert_eq!(
            found("a.c", "abc a.c"),
            ["a.c"],
            "plain patterns are literal"
        );
        assert_eq!(found("\\v(a|b)+", "xaabx"), ["aab"]);
        // Empty matches are skipped: they would be invisible.
        assert_eq!(found("\\vx*", "abc"), Vec::<String>::new());
    }

    #[test]
    fn a_bad_pattern_says_why_in_one_line() {
        let e = Pattern::new("\\v(unclosed").unwrap_err();
        assert!(e.contains("unclosed"), "{e}");
        assert!(!e.contains('\n'));
        let e = Pattern::new("\\v\\p{Nope}").unwrap_err();
        assert!(!e.is_empty() && !e.contains('\n'), "{e}");
        let e = Pattern::new("\\vx{1000}{1000}").unwrap_err();
        assert!(!e.is_empty(), "{e}");
    }

    #[test]
    fn filters_need_every_word() {
        let f = Filter::new("harbour dues").unwrap();
        assert!(f.matches(&["Harbour fees", "and dues"]));
        assert!(!f.matches(&["harbour fees"]));
        assert!(Filter::new("\\v").unwrap().is_empty());
        assert!(Filter::new("\\vdue[s]").unwrap().matches(&["dues"]));
        assert!(Filter::new("\\v[").is_err());
        assert!(Filter::new("o’neill").unwrap().matches(&["O'Neill"]));
        assert!(
            Filter::new("HARBOUR").unwrap().matches(&["harbour"]),
            "filters ignore case"
        );
    }
}
