//! Where the reader was in an article, kept between runs: the cursor's place, anchored so it
//! is found again after the article changes, and the folded sections. Pure: the file that
//! holds it is [`super::store`].

use serde::{Deserialize, Serialize};

use crate::annotate::Target;
use crate::article::Article;

/// How much of the cursor block's text is kept to find the place again.
const QUOTE_CHARS: usize = 80;

/// The reading position and folds in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    /// Byte offset in the article text of the start of the block under the cursor.
    pub offset: usize,
    /// The start of that block's text: if the article changed, the place is found by it.
    pub quote: String,
    /// The id of the cursor's section, the fallback when the quote is gone.
    pub section: String,
    /// Ids of the folded sections.
    #[serde(default)]
    pub folded: Vec<String>,
    /// How far through the article the reader was, 0..=100 (shown in the library).
    #[serde(default)]
    pub percent: u8,
    /// When the article was last read (Unix seconds); the newer state wins when two Tenors
    /// save the same article.
    #[serde(default)]
    pub visited: u64,
    /// The same place as an annotation target (quote, context, code-point offsets, the text's
    /// fingerprint): found again by the annotations' anchoring ([`crate::annotate::anchor`]).
    /// Absent in states saved by earlier versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Marks (`m{a-z}` in the reader): the text offset of each marked block's start.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub marks: std::collections::BTreeMap<char, usize>,
}

/// The state of reading `a` with the cursor on block `cursor`, sections `folded[i]` folded.
pub fn capture(
    a: &Article,
    cursor: usize,
    folded: &[bool],
    percent: u8,
    visited: u64,
) -> ReadingState {
    let block = a.blocks.get(cursor);
    let offset = block.map_or(0, |b| b.range.start);
    let quote = block.map_or(String::new(), |b| {
        a.text[b.range.clone()].chars().take(QUOTE_CHARS).collect()
    });
    let section = block.map_or(String::new(), |b| a.sections[b.section].id.0.clone());
    let target = block.map(|b| Target::of(&a.text, b.range.start..b.range.start + quote.len()));
    let folded = folded
        .iter()
        .enumerate()
        .filter(|&(_, &f)| f)
        .filter_map(|(i, _)| a.sections.get(i).map(|s| s.id.0.clone()))
        .collect();
    ReadingState {
        offset,
        quote,
        section,
        folded,
        percent: percent.min(100),
        visited,
        target,
        marks: Default::default(),
    }
}

/// The block to put the cursor on: the block at `offset` if it still starts with the quote;
/// else (the article was edited) the block where the annotations' anchoring finds the saved
/// target (a clear winner by quote, context and position, starting a block); else a block that
/// starts with the quote, preferring those in the saved section, the nearest the old offset;
/// else the saved section's first block; else the block at the old offset.
pub fn locate(a: &Article, st: &ReadingState) -> Option<usize> {
    if a.blocks.is_empty() {
        return None;
    }
    let starts_with_quote = |b: usize| a.text[a.blocks[b].range.clone()].starts_with(&st.quote);
    if let Some(b) = a.block_at(st.offset.min(a.text.len()))
        && a.blocks[b].range.start == st.offset
        && starts_with_quote(b)
    {
        return Some(b);
    }
    if let Some(t) = &st.target
        && let Some(r) = crate::annotate::anchor(&a.text, t).range
        && let Some(b) = a.block_at(r.start)
        && a.blocks[b].range.start == r.start
    {
        return Some(b);
    }
    let section = find_section(a, &st.section);
    if !st.quote.is_empty() {
        let nearest = a
            .text
            .match_indices(st.quote.as_str())
            .filter_map(|(i, _)| a.block_at(i).filter(|&b| a.blocks[b].range.start == i))
            // In the saved section first; then the nearest; on a tie, the later copy (text
            // added above pushes the place down).
            .min_by_key(|&b| {
                let i = a.blocks[b].range.start;
                (
                    Some(a.blocks[b].section) != section,
                    i.abs_diff(st.offset),
                    i < st.offset,
                )
            });
        if nearest.is_some() {
            return nearest;
        }
    }
    if let Some(s) = section {
        let sec = &a.sections[s];
        return Some(
            sec.heading
                .unwrap_or(sec.blocks.start)
                .min(a.blocks.len() - 1),
        );
    }
    a.block_at(st.offset.min(a.text.len()))
}

/// Which sections to fold: those whose ids were saved (found again by title when sections
/// were added or removed above them; ids that match nothing are skipped).
pub fn folds(a: &Article, st: &ReadingState) -> Vec<bool> {
    let mut out = vec![false; a.sections.len()];
    for id in &st.folded {
        if let Some(s) = find_section(a, id) {
            out[s] = true;
        }
    }
    out
}

/// The section with id `id` (`2.1-scope`); when the numbering changed (a section added or
/// removed above), the one with the same title part (`scope`) whose number is nearest.
fn find_section(a: &Article, id: &str) -> Option<usize> {
    if let Some(s) = a.section_by_id(id) {
        return Some(s);
    }
    let (num, slug) = id.split_once('-')?;
    let key = |n: &str| -> Vec<usize> { n.split('.').filter_map(|x| x.parse().ok()).collect() };
    let want = key(num);
    a.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.id.0.split_once('-').is_some_and(|(_, sl)| sl == slug))
        .min_by_key(|(_, s)| {
            let got = key(s.id.0.split_once('-').map_or("", |(n, _)| n));
            let first = |v: &[usize]| v.first().copied().unwrap_or(0);
            (got.len() != want.len(), first(&got).abs_diff(first(&want)))
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};

    const DOC: &str = "# Port\n\nOpening words.\n\n## Dues\n\nHarbour dues rise in May.\n\n\
                       Ships pay by the tonne.\n\n## Dredging\n\nThe channel is silting up.\n";

    fn block(a: &Article, text: &str) -> usize {
        (0..a.blocks.len())
            .find(|&i| a.block_text(i) == text)
            .unwrap()
    }

    #[test]
    fn the_place_survives_an_unchanged_article() {
        let a = parse_str(DOC, Format::Markdown, "t");
        let b = block(&a, "Ships pay by the tonne.");
        let mut folded = vec![false; a.sections.len()];
        folded[2] = true;
        let st = capture(&a, b, &folded, 40, 7);
        assert_eq!(st.quote, "Ships pay by the tonne.");
        assert_eq!(locate(&a, &st), Some(b));
        assert_eq!(folds(&a, &st), folded);
    }

    #[test]
    fn the_place_is_found_again_after_an_edit() {
        let a = parse_str(DOC, Format::Markdown, "t");
        let st = capture(&a, block(&a, "Ships pay by the tonne."), &[], 40, 7);
        // A paragraph inserted above moves every offset.
        let edited = DOC.replace(
            "Opening words.",
            "Opening words.\n\nA new paragraph written since.",
        );
        let b = parse_str(&edited, Format::Markdown, "t");
        assert_eq!(
            b.block_text(locate(&b, &st).unwrap()),
            "Ships pay by the tonne."
        );
        // The paragraph itself rewritten: back to its section.
        let rewritten = DOC.replace("Ships pay by the tonne.", "Ships now pay by volume.");
        let c = parse_str(&rewritten, Format::Markdown, "t");
        assert_eq!(c.block_text(locate(&c, &st).unwrap()), "Dues");
        // The section gone too: the old offset, within the text.
        let gone = parse_str("# Port\n\nOnly this.\n", Format::Markdown, "t");
        assert!(locate(&gone, &st).is_some());
        assert_eq!(locate(&parse_str("", Format::Markdown, "t"), &st), None);
    }

    #[test]
    fn a_place_whose_first_words_were_edited_is_found_by_anchoring() {
        let a = parse_str(DOC, Format::Markdown, "t");
        let st = capture(&a, block(&a, "Ships pay by the tonne."), &[], 40, 7);
        assert!(st.target.is_some());
        let edited = DOC
            .replace("Opening words.", "Opening words, and more of them.")
            .replace(
                "Ships pay by the tonne.",
                "Ships pay by the tonne, from June.",
            );
        let b = parse_str(&edited, Format::Markdown, "t");
        assert_eq!(
            b.block_text(locate(&b, &st).unwrap()),
            "Ships pay by the tonne, from June."
        );
        // Saved by an earlier version (no target): back to the section, as before.
        let old = ReadingState {
            target: None,
            ..st.clone()
        };
        assert_eq!(b.block_text(locate(&b, &old).unwrap()), "Dues");
    }

    #[test]
    fn a_quote_inside_another_paragraph_is_not_the_place() {
        let doc = "# A\n\nIntro.\n\n## Costs\n\nCosts rose.\n";
        let a = parse_str(doc, Format::Markdown, "t");
        let st = capture(&a, block(&a, "Costs"), &[], 10, 1);
        let edited = doc.replace(
            "Intro.",
            "Intro.\n\nThe committee noted that Costs will be reviewed.",
        );
        let b = parse_str(&edited, Format::Markdown, "t");
        let at = locate(&b, &st).unwrap();
        assert_eq!(b.block_text(at), "Costs");
        assert!(b.blocks[at].is_heading());
    }

    #[test]
    fn a_repeated_paragraph_is_found_in_its_own_section() {
        let doc = "# S1\n\nKey points:\n\n- a\n\n# S2\n\nKey points:\n\n- b\n";
        let a = parse_str(doc, Format::Markdown, "t");
        let second = (0..a.blocks.len())
            .filter(|&i| a.block_text(i) == "Key points:")
            .nth(1)
            .unwrap();
        let st = capture(&a, second, &[], 50, 1);
        // So much text added at the top that the first copy is nearer the old offset.
        let pad = "Padding sentence here. ".repeat(10);
        let edited = format!("{pad}\n\n{doc}");
        let b = parse_str(&edited, Format::Markdown, "t");
        let at = locate(&b, &st).unwrap();
        assert_eq!(b.block_text(at), "Key points:");
        assert_eq!(
            b.sections[b.blocks[at].section].title.as_deref(),
            Some("S2")
        );
    }

    #[test]
    fn folds_survive_a_section_added_above() {
        let doc = "# Port\n\n## Dues\n\nA.\n\n## Dredging\n\nB.\n";
        let a = parse_str(doc, Format::Markdown, "t");
        let mut folded = vec![false; a.sections.len()];
        let dredging = a
            .sections
            .iter()
            .position(|s| s.title.as_deref() == Some("Dredging"))
            .unwrap();
        folded[dredging] = true;
        let st = capture(&a, 0, &folded, 0, 1);
        let edited = doc.replace("## Dues", "## Preface\n\nP.\n\n## Dues");
        let b = parse_str(&edited, Format::Markdown, "t");
        let f = folds(&b, &st);
        let d = b
            .sections
            .iter()
            .position(|s| s.title.as_deref() == Some("Dredging"))
            .unwrap();
        assert!(f[d] && f.iter().filter(|&&x| x).count() == 1, "{f:?}");
    }

    #[test]
    fn the_nearest_copy_of_a_repeated_quote_wins() {
        let doc = "# A\n\nSame words.\n\n# B\n\nSame words.\n\n# C\n\nSame words.\n";
        let a = parse_str(doc, Format::Markdown, "t");
        let third = (0..a.blocks.len())
            .filter(|&i| a.block_text(i) == "Same words.")
            .nth(2)
            .unwrap();
        let st = capture(&a, third, &[], 90, 1);
        let shifted = parse_str(&format!("Intro.\n\n{doc}"), Format::Markdown, "t");
        let b = locate(&shifted, &st).unwrap();
        assert_eq!(shifted.block_text(b), "Same words.");
        assert_eq!(
            shifted.sections[shifted.blocks[b].section].title.as_deref(),
            Some("C")
        );
    }
}
