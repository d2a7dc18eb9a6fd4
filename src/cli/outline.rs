//! `tenor outline`: the section tree as text or JSON.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::article::{self, Article};
use crate::library;

/// The outline as text (`json == false`) or JSON.
pub fn print(a: &Article, json: bool) -> String {
    if json {
        let mut s = serde_json::to_string_pretty(&to_json(a)).unwrap_or_default();
        s.push('\n');
        s
    } else {
        to_text(a)
    }
}

/// `{"title", "sections": [{"id", "level", "title", "blocks", "children"}]}`; `blocks` counts the
/// blocks a section owns directly, its heading excluded.
pub fn to_json(a: &Article) -> Value {
    fn node(a: &Article, i: usize) -> Value {
        let s = &a.sections[i];
        json!({
            "id": s.id,
            "level": s.level,
            "title": s.title,
            "blocks": s.blocks.len() - usize::from(s.heading.is_some()),
            "children": s.children.iter().map(|&c| node(a, c)).collect::<Vec<_>>(),
        })
    }
    json!({
        "title": a.meta.title,
        "sections": a.roots().map(|i| node(a, i)).collect::<Vec<_>>(),
    })
}

/// An indented tree: one line per section with its block count.
pub fn to_text(a: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", a.meta.title);
    for (i, s) in a.sections.iter().enumerate() {
        let depth = a.section_path(i).len();
        let n = s.blocks.len() - usize::from(s.heading.is_some());
        let title = s.title.as_deref().unwrap_or("(lede)");
        let blocks = crate::plural::plural(n, "block", "blocks");
        let _ = writeln!(out, "{}{title}  [{blocks}]", "  ".repeat(depth));
    }
    out
}

/// With no subcommand (until the reader opens instead): the outlines of the given articles or
/// of the bundled library.
pub fn print_library(paths: &[PathBuf]) -> ExitCode {
    let mut out = String::new();
    let mut failed = false;
    if paths.is_empty() {
        for (name, text) in library::BUNDLED {
            let a = article::parse_bytes(text.as_bytes(), &article::Source::named(name));
            match a {
                Ok(a) => out.push_str(&to_text(&a)),
                Err(e) => out.push_str(&format!("{e}\n")),
            }
            out.push('\n');
        }
    } else {
        for p in article::ingest::expand_paths(paths) {
            match article::load(&p) {
                Ok(a) => out.push_str(&to_text(&a)),
                Err(e) => {
                    eprintln!("tenor: {e}");
                    failed = true;
                }
            }
            out.push('\n');
        }
    }
    let code = super::emit(&out);
    if failed { ExitCode::FAILURE } else { code }
}
