//! `tenor points`: the article's key points as text or JSON.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::analysis::points::{self, PointKind, Points, collapse, group_title};
use crate::article::text::CharIndex;
use crate::article::{Article, BlockKind};

/// The key points as text (`json == false`) or JSON.
pub fn print(a: &Article, json: bool) -> String {
    let p = points::extract(a);
    if json {
        let mut s = serde_json::to_string_pretty(&to_json(a, &p)).unwrap_or_default();
        s.push('\n');
        s
    } else {
        to_text(a, &p)
    }
}

/// `{"points": [{"section_id", "lead_in", "label", "text", "kind", "depth", "start", "end"}]}`;
/// `start`/`end` are code-point offsets into the article text, covering the whole item (label
/// included) or the extracted sentence.
pub fn to_json(a: &Article, p: &Points) -> Value {
    let idx = CharIndex::new(&a.text);
    let lead_ins: Vec<Option<String>> = p
        .groups
        .iter()
        .map(|g| g.lead_in.as_ref().map(|l| collapse(l.text(a))))
        .collect();
    let items: Vec<Value> = p
        .iter(a)
        .map(|pt| {
            json!({
                "section_id": pt.section_id(a),
                "lead_in": lead_ins[pt.group],
                "label": pt.label(a).map(collapse),
                "text": collapse(pt.text(a)),
                "kind": pt.kind.as_str(),
                "depth": pt.depth,
                "start": idx.char_of(&a.text, pt.start),
                "end": idx.char_of(&a.text, pt.end),
                "marker": written_marker(a, pt.block),
            })
        })
        .collect();
    json!({ "points": items })
}

/// The list marker as the source wrote it (`(a)`, `iv)`), where its own numbering is kept.
fn written_marker(a: &Article, block: usize) -> Option<&str> {
    match &a.blocks[block].kind {
        BlockKind::ListItem { marker, .. } => marker.as_deref(),
        _ => None,
    }
}

/// Write [`to_json`]'s document, pretty-printed, and a newline, as it is serialized: the
/// same text without holding the value (or the string) for a large article.
pub fn write_json(a: &Article, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use serde::Serialize;
    let p = points::extract(a);
    let idx = CharIndex::new(&a.text);
    let lead_ins: Vec<Option<String>> = p
        .groups
        .iter()
        .map(|g| g.lead_in.as_ref().map(|l| collapse(l.text(a))))
        .collect();
    #[derive(Serialize)]
    struct Item<'a> {
        section_id: &'a crate::article::SectionId,
        lead_in: &'a Option<String>,
        label: Option<String>,
        text: String,
        kind: &'static str,
        depth: u8,
        start: usize,
        end: usize,
        marker: Option<&'a str>,
    }
    struct Items<'a>(&'a Article, &'a Points, &'a [Option<String>], &'a CharIndex);
    impl Serialize for Items<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Items(a, p, lead_ins, idx) = *self;
            s.collect_seq(p.iter(a).map(|pt| Item {
                section_id: pt.section_id(a),
                lead_in: &lead_ins[pt.group],
                label: pt.label(a).map(collapse),
                text: collapse(pt.text(a)),
                kind: pt.kind.as_str(),
                depth: pt.depth,
                start: idx.char_of(&a.text, pt.start),
                end: idx.char_of(&a.text, pt.end),
                marker: written_marker(a, pt.block),
            }))
        }
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        points: Items<'a>,
    }
    let doc = Doc {
        points: Items(a, &p, &lead_ins, &idx),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// Groups titled by their lead-in; bullets as `•` (or `1.`) indented by depth, labels as
/// `Label — text`; extracted sentences as `›` under a group marked “(extracted)”.
pub fn to_text(a: &Article, p: &Points) -> String {
    let mut out = String::new();
    if p.is_empty() {
        out.push_str("(no key points)\n");
        return out;
    }
    for (gi, g) in p.groups.iter().enumerate() {
        if gi > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", group_title(a, g));
        for pt in p.group_points(a, gi) {
            let indent = "  ".repeat(usize::from(pt.depth) + 1);
            let written = match &a.blocks[pt.block].kind {
                BlockKind::ListItem { marker, .. } => marker.clone(),
                _ => None,
            };
            let marker = match (pt.kind, pt.ordinal) {
                (PointKind::Extracted, _) => "›".to_string(),
                (PointKind::Bullet, _) if written.is_some() => written.unwrap_or_default(),
                (PointKind::Bullet, Some(n)) => format!("{n}."),
                (PointKind::Bullet, None) => "•".to_string(),
            };
            let task = match pt.task {
                Some(true) => "[x] ",
                Some(false) => "[ ] ",
                None => "",
            };
            let text = collapse(pt.text(a));
            match pt.label(a) {
                Some(l) => {
                    let _ = writeln!(out, "{indent}{marker} {task}{} — {text}", collapse(l));
                }
                None => {
                    let _ = writeln!(out, "{indent}{marker} {task}{text}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod stream_tests {
    use crate::article::{Format, parse_str};

    /// Byte for byte what pretty-printing the `to_json` value gives.
    #[test]
    fn streamed_json_equals_the_value_printed() {
        let mut cases: Vec<(String, Format)> = crate::library::BUNDLED
            .iter()
            .map(|(name, src)| {
                let f = crate::article::ingest::detect_format(name.rsplit('.').next(), src);
                (src.to_string(), f)
            })
            .collect();
        cases.push((String::new(), Format::Plain));
        cases.push((
            "Lead:\n\n- **Tariffs:** cut\n  - nested\n1. one\n\n## S\n\nA sentence. Another one here.".into(),
            Format::Markdown,
        ));
        for (src, format) in cases {
            let a = parse_str(&src, format, "t");
            let want = super::print(&a, true);
            let mut got = Vec::new();
            super::write_json(&a, &mut got).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }

    #[test]
    fn json_carries_the_written_marker() {
        let memo = "The ministry proposes three steps:\n\n(a) cut the tariffs on steel;\n\
                    (b) review the quotas each year;\n(c) publish the results.\n";
        let a = parse_str(memo, Format::Plain, "t");
        let v = super::to_json(&a, &crate::analysis::points::extract(&a));
        let markers: Vec<&str> = v["points"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["marker"].as_str())
            .collect();
        assert_eq!(markers, ["(a)", "(b)", "(c)"]);
        let md = parse_str("Steps:\n\n- one\n- two\n", Format::Markdown, "t");
        let v = super::to_json(&md, &crate::analysis::points::extract(&md));
        assert!(v["points"][0]["marker"].is_null());
        let mut streamed = Vec::new();
        super::write_json(&a, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), super::print(&a, true));
    }
}
