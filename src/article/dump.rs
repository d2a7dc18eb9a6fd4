//! A readable dump of an article's structure: every section and block with its kind and text.
//! Used by the fixture tests (`tests/fixtures/plain/*.expected`) and handy when debugging.

use std::fmt::Write;

use super::model::{Article, BlockKind};

/// One line per section header and per block, indented by nesting.
pub fn dump(a: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {}", a.meta.title);
    for (si, s) in a.sections.iter().enumerate() {
        let depth = a.section_path(si).len() - 1;
        let pad = "  ".repeat(depth);
        match &s.title {
            Some(t) => {
                let _ = writeln!(out, "{pad}§ h{} {t}", s.level);
            }
            None => {
                let _ = writeln!(out, "{pad}§ (lede)");
            }
        }
        for bi in s.blocks.clone() {
            let b = &a.blocks[bi];
            let text = a.block_text(bi).replace('\n', "⏎");
            let line = match &b.kind {
                BlockKind::Heading { .. } => continue,
                BlockKind::Paragraph => format!("¶ {text}"),
                BlockKind::ListItem {
                    depth,
                    ordinal,
                    list,
                    marker,
                    ..
                } => {
                    let l = &a.lists[*list];
                    if l.blocks.start == bi {
                        let lead = l
                            .lead_in
                            .clone()
                            .map_or("(none)".to_string(), |r| a.text[r].to_string());
                        let _ = writeln!(out, "{pad}  list lead-in: {lead}");
                    }
                    let marker = marker
                        .clone()
                        .unwrap_or_else(|| ordinal.map_or("-".to_string(), |n| format!("{n}.")));
                    format!("{}{marker} {text}", "  ".repeat(*depth as usize))
                }
                BlockKind::Quote => format!("> {text}"),
                BlockKind::Code { .. } => format!("``` {text}"),
                BlockKind::Rule => "---".to_string(),
                BlockKind::Table { .. } => format!("table {text}"),
            };
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
    out
}
