//! Ingestion invariants over arbitrary and article-like inputs, for plain text and Markdown.

use proptest::prelude::*;
use tenor::article::text::is_unsafe_char;
use tenor::article::{Article, BlockKind, Format, parse_str};

/// Checks every structural invariant of the model; returns a description of the first breach.
fn check(a: &Article) -> Result<(), String> {
    let text = &a.text;
    let mut prev_end = 0;
    for (i, b) in a.blocks.iter().enumerate() {
        let r = &b.range;
        if r.start > r.end || r.end > text.len() {
            return Err(format!(
                "block {i} range {r:?} out of bounds ({})",
                text.len()
            ));
        }
        if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return Err(format!("block {i} range {r:?} not on char boundaries"));
        }
        if r.start < prev_end {
            return Err(format!(
                "block {i} range {r:?} overlaps or precedes the block before"
            ));
        }
        prev_end = r.end;
    }
    // Every non-whitespace char lies in a block (exactly one, since blocks do not overlap).
    let mut bi = 0;
    for (pos, c) in text.char_indices() {
        while bi < a.blocks.len() && a.blocks[bi].range.end <= pos {
            bi += 1;
        }
        let inside = a.blocks.get(bi).is_some_and(|b| b.range.contains(&pos));
        if !c.is_whitespace() && !inside {
            return Err(format!("char {c:?} at {pos} is in no block"));
        }
        if is_unsafe_char(c) {
            return Err(format!("unsafe char {c:?} at {pos} in text"));
        }
    }
    // Sections' direct block ranges partition the blocks, in order.
    let mut next = 0;
    for (k, s) in a.sections.iter().enumerate() {
        if s.blocks.start != next || s.blocks.end < s.blocks.start {
            return Err(format!(
                "section {k} blocks {:?}, expected start {next}",
                s.blocks
            ));
        }
        next = s.blocks.end;
        for bi in s.blocks.clone() {
            if a.blocks[bi].section != k {
                return Err(format!(
                    "block {bi} claims section {}, owned by {k}",
                    a.blocks[bi].section
                ));
            }
        }
    }
    if next != a.blocks.len() {
        return Err(format!(
            "sections cover {next} of {} blocks",
            a.blocks.len()
        ));
    }
    for (li, l) in a.lists.iter().enumerate() {
        if let Some(r) = &l.lead_in {
            let Some(pb) = l.lead_in_block else {
                return Err(format!("list {li} has a lead-in but no lead-in block"));
            };
            let para = &a.blocks[pb];
            if para.kind != BlockKind::Paragraph
                || r.start < para.range.start
                || r.end > para.range.end
                || r.start >= r.end
            {
                return Err(format!(
                    "list {li} lead-in {r:?} outside paragraph {:?}",
                    para.range
                ));
            }
        }
        if l.blocks.is_empty() || l.blocks.end > a.blocks.len() {
            return Err(format!("list {li} blocks {:?} invalid", l.blocks));
        }
    }
    Ok(())
}

fn check_both(s: &str) -> Result<(), TestCaseError> {
    for format in [Format::Plain, Format::Markdown, Format::Html] {
        let a = parse_str(s, format, "prop");
        check(&a).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\ninput: {s:?}")))?;
    }
    Ok(())
}

/// One line of an article-like text: structure, prose in several scripts, and hostile bytes.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::new()),
        Just("   \t ".to_string()),
        "[A-Z][a-z]{2,9}( [A-Z]?[a-z]{1,8}){0,4}",
        "[A-Z ]{3,20}",
        "[A-Z][a-z ,]{10,90}[.:?!]",
        "(- |\\* |• |[0-9]{1,2}\\. |[a-c]\\) |  - |    1\\. |・)[A-Za-z ]{0,40}",
        "(=|-){3,12}",
        "(# |## |### |> |```|\\| a \\| b \\|)[a-z ]{0,20}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{1,3}",
        Just("\x1b[31mred\x1b[0m \u{202e}rtl\u{202c}".to_string()),
        Just("日本と米国の通商協議は続いている。関税".to_string()),
        Just("🚢 cargo 🌾 e\u{301} a\u{308}\u{20dd} \u{200b}".to_string()),
        Just("---".to_string()),
        Just("title: x".to_string()),
        "\\PC{0,30}",
    ];
    proptest::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

fn article_like() -> impl Strategy<Value = String> {
    (proptest::collection::vec(line(), 0..40), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_ingest_cleanly(s in any::<String>()) {
        check_both(&s)?;
    }

    #[test]
    fn article_like_strings_ingest_cleanly(s in article_like()) {
        check_both(&s)?;
    }

    /// Analysis never panics either, and its offsets point into the text.
    #[test]
    fn analysis_of_article_like_strings(s in article_like()) {
        for format in [Format::Plain, Format::Markdown] {
            let a = parse_str(&s, format, "t");
            let points = tenor::analysis::points::extract(&a);
            for (gi, g) in points.groups.iter().enumerate() {
                // Extracted sentences are counted at extraction and ranked on demand: the
                // count must be what ranking gives.
                prop_assert_eq!(points.group_points(&a, gi).len(), g.points.len());
            }
            for p in points.iter(&a) {
                prop_assert!(p.start <= p.end && p.end <= a.text.len());
                prop_assert!(a.text.is_char_boundary(p.start) && a.text.is_char_boundary(p.end));
            }
            let tl = tenor::analysis::tone::timeline(&a);
            for m in &tl.markers {
                prop_assert!(m.range.end <= a.text.len());
            }
            for st in &tl.sentences {
                prop_assert!((-1.0..=1.0).contains(&st.score));
            }
            let _ = tenor::analysis::tone::timeline_json(&a, &tl);
        }
    }

    #[test]
    fn front_matter_like_strings_ingest_cleanly(body in article_like(), head in "[a-z]{1,6}: [^\\n]{0,20}") {
        check_both(&format!("---\n{head}\n---\n{body}"))?;
    }
}

#[test]
fn hostile_sample_passes_the_checker() {
    // The checker itself must accept a plain article with every kind of block.
    let s = "Title\n=====\n\nIntro \x1b[1mbold\x1b[0m.\n\nIt lists:\n\n- one\n  - two\n\n---\n";
    for format in [Format::Plain, Format::Markdown] {
        let a = parse_str(s, format, "t");
        assert!(a.blocks.len() >= 3, "{format:?}: {} blocks", a.blocks.len());
        check(&a).unwrap();
        assert!(a.text.contains('␛'));
    }
}
