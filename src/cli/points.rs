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
            })
        })
        .collect();
    json!({ "points": items })
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
