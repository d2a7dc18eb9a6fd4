//! `Label: explanation` list items.

use std::ops::Range;

use crate::article::text::sentences;

/// Longest label, in words.
const MAX_LABEL_WORDS: usize = 8;

/// Words a label never ends with: a phrase ending like this introduces something
/// ("Key measures include:", "The minister said:") rather than naming it.
const NOT_LABEL_END: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "as",
    "from",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "that",
    "this",
    "these",
    "those",
    "include",
    "includes",
    "included",
    "including",
    "said",
    "says",
    "noted",
    "added",
    "warned",
    "stated",
    "following",
    "follows",
];

/// Split a list item shaped `Label: explanation` into the label's and the explanation's byte
/// ranges (relative to `item`). Only the first colon counts, and only when it is followed by
/// whitespace and text, and the label is short (≤ 8 words), starts uppercase, holds no
/// sentence end and does not end like a lead-in. So `Meeting at 10:30: delayed`, URLs, and
/// sentences with a late colon stay whole.
pub(super) fn split(item: &str) -> Option<(Range<usize>, Range<usize>)> {
    let colon = item.find(':')?;
    let rest = &item[colon + 1..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let explanation = rest.trim();
    if !explanation.chars().any(char::is_alphanumeric) {
        return None;
    }
    let label = item[..colon].trim_end();
    let label_start = item.len() - item.trim_start().len();
    let label = &label[label_start.min(label.len())..];
    if !label.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut words = label.split_whitespace();
    let last = words.next_back()?;
    if words.count() + 1 > MAX_LABEL_WORDS {
        return None;
    }
    if label.contains(['!', '?', ';', '…', '。', '"', '“', '”'])
        || label.ends_with(['.', ','])
        || sentences(label).len() != 1
    {
        return None;
    }
    // The list is lowercase ASCII: no need to lowercase (and allocate) a non-ASCII word.
    if last.is_ascii() && NOT_LABEL_END.iter().any(|w| w.eq_ignore_ascii_case(last)) {
        return None;
    }
    let expl_start = colon + 1 + (rest.len() - rest.trim_start().len());
    Some((
        label_start..label_start + label.len(),
        expl_start..expl_start + explanation.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::split;

    fn parts(item: &str) -> Option<(&str, &str)> {
        split(item).map(|(l, t)| (&item[l], &item[t]))
    }

    #[test]
    fn splits_short_labels() {
        assert_eq!(
            parts("Tariff relief: Duties on parts fall to zero by 2027."),
            Some(("Tariff relief", "Duties on parts fall to zero by 2027."))
        );
        assert_eq!(
            parts("U.S. market access:  wider quotas"),
            Some(("U.S. market access", "wider quotas"))
        );
    }

    #[test]
    fn keeps_other_colons_whole() {
        for item in [
            "Meeting at 10:30: delayed",
            "https://trade.example.org/report: the full text",
            "See https://trade.example.org/report for details",
            "The delegation that arrived in Geneva late on Tuesday evening finally agreed: no deal.",
            "lowercase label: explanation",
            "Key measures include: quotas and duties",
            "Talks stalled. Then: nothing",
            "Label:",
            "Label: —",
            "Ratio 3:1 for imports",
        ] {
            assert_eq!(parts(item), None, "{item}");
        }
    }
}
