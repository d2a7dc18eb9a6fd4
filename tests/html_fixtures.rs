//! Web pages read in reader mode, checked against `tests/fixtures/html/NAME.html` and its
//! expected summary `NAME.expected`: title, date, byline, site, canonical URL, language,
//! encoding, outline, first and last paragraph. `absent:` lines in the expected file name
//! boilerplate that must appear neither in `tenor render` nor in `tenor points` output.
//! `UPDATE_FIXTURES=1 cargo test --test html_fixtures` rewrites the summaries (keeping the
//! `absent:` lines); review every rewritten file by eye before committing.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use tenor::article::{Article, BlockKind, Source, parse_bytes};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir())
        .expect("fixtures folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "html").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    v.sort();
    v
}

fn load(name: &str) -> Article {
    let bytes = std::fs::read(dir().join(format!("{name}.html"))).expect("fixture");
    parse_bytes(&bytes, &Source::named(&format!("{name}.html"))).expect("an article")
}

/// The summary the expected files hold.
fn summary(a: &Article) -> String {
    let mut s = String::new();
    let m = &a.meta;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(s, "title: {}", m.title);
    let _ = writeln!(s, "date: {}", opt(&m.date));
    let _ = writeln!(s, "author: {}", opt(&m.author));
    let _ = writeln!(s, "site: {}", opt(&m.site_name));
    let _ = writeln!(s, "canonical: {}", opt(&m.canonical_url));
    let _ = writeln!(s, "language: {}", opt(&m.language));
    let _ = writeln!(
        s,
        "encoding: {}{}",
        opt(&m.encoding),
        if m.encoding_guessed { " (guessed)" } else { "" }
    );
    let _ = writeln!(s, "outline:");
    for sec in &a.sections {
        if let Some(t) = &sec.title {
            let _ = writeln!(s, "{}h{} {t}", "  ".repeat(sec.level as usize), sec.level);
        }
    }
    let paras: Vec<usize> = (0..a.blocks.len())
        .filter(|&i| a.blocks[i].kind == BlockKind::Paragraph)
        .collect();
    let para = |i: Option<&usize>| i.map_or("-".to_string(), |&i| a.block_text(i).to_string());
    let _ = writeln!(s, "first: {}", para(paras.first()));
    let _ = writeln!(s, "last: {}", para(paras.last()));
    s
}

#[test]
fn html_fixtures_match_their_summaries() {
    let names = names();
    assert!(names.len() >= 10, "only {} HTML fixtures", names.len());
    let update = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in &names {
        let a = load(name);
        let actual = summary(&a);
        let path = dir().join(format!("{name}.expected"));
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let absent: Vec<&str> = old
            .lines()
            .filter_map(|l| l.strip_prefix("absent: "))
            .collect();
        if update {
            let mut out = actual.clone();
            for a in &absent {
                let _ = writeln!(out, "absent: {a}");
            }
            std::fs::write(&path, out).expect("write expected");
            continue;
        }
        let expected: String = old
            .lines()
            .filter(|l| !l.starts_with("absent: "))
            .map(|l| format!("{l}\n"))
            .collect();
        if expected != actual {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
        let render = tenor::layout::render::render(&a, 100);
        let points = tenor::cli::points::print(&a, false);
        for s in &absent {
            for (view, out) in [("render", &render), ("points", &points)] {
                if out.contains(s) {
                    failures.push(format!("{name}: `{s}` appears in {view}:\n{out}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture names boilerplate it must not show.
#[test]
fn every_fixture_names_its_boilerplate() {
    for name in names() {
        let e = std::fs::read_to_string(dir().join(format!("{name}.expected"))).unwrap_or_default();
        assert!(
            e.contains("absent: "),
            "{name}.expected has no absent: line"
        );
    }
}
