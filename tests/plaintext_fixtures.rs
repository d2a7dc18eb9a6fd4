//! Plain-text structure recovery, checked against `tests/fixtures/plain/NAME.txt` and its
//! expected structure dump `NAME.expected`. Adding a fixture needs no code: drop both files in
//! the folder. `UPDATE_FIXTURES=1 cargo test --test plaintext_fixtures` rewrites the expected
//! files from the parser's output; review every rewritten file by eye before committing.

use std::path::{Path, PathBuf};

use tenor::article::{Format, dump::dump, parse_str};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain")
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    names
}

/// A compact line diff: the first differing line and a few lines of context on both sides.
fn describe_mismatch(name: &str, expected: &str, actual: &str) -> String {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    let first = exp
        .iter()
        .zip(&act)
        .position(|(a, b)| a != b)
        .unwrap_or(exp.len().min(act.len()));
    let mut out = format!(
        "fixture `{name}`: structure differs from {name}.expected at line {}\n",
        first + 1
    );
    let from = first.saturating_sub(2);
    for i in from..(first + 4).max(from) {
        if let Some(l) = exp.get(i) {
            if act.get(i) == Some(l) {
                out.push_str(&format!("    {l}\n"));
                continue;
            }
            out.push_str(&format!("  - {l}\n"));
        }
        if let Some(l) = act.get(i)
            && exp.get(i) != Some(l)
        {
            out.push_str(&format!("  + {l}\n"));
        }
    }
    out.push_str(&format!(
        "  (expected {} lines, got {})\n",
        exp.len(),
        act.len()
    ));
    out
}

#[test]
fn plain_fixtures_match_expected_structure() {
    let names = fixture_names();
    assert!(
        names.len() >= 18,
        "expected at least 18 fixtures, found {}",
        names.len()
    );
    let update = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in &names {
        let dir = fixtures_dir();
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("fixture text");
        let article = parse_str(&text, Format::Plain, name);
        let actual = dump(&article);
        let expected_path = dir.join(format!("{name}.expected"));
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected");
            eprintln!("rewrote {}", expected_path.display());
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("fixture `{name}` has no {name}.expected"));
        if expected.replace("\r\n", "\n") != actual {
            failures.push(describe_mismatch(name, &expected, &actual));
        }
        assert!(
            article.warnings.is_empty(),
            "fixture `{name}`: warnings {:?}",
            article.warnings
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn fixture_parsing_is_stable_under_crlf_and_trailing_blanks() {
    // The structure must not depend on line-ending style or on trailing blank lines.
    for name in fixture_names() {
        let text = std::fs::read_to_string(fixtures_dir().join(format!("{name}.txt"))).unwrap();
        let lf = text.replace("\r\n", "\n");
        let base = dump(&parse_str(&lf, Format::Plain, &name));
        let crlf = lf.replace('\n', "\r\n") + "\r\n\r\n";
        assert_eq!(
            base,
            dump(&parse_str(&crlf, Format::Plain, &name)),
            "fixture `{name}` under CRLF"
        );
    }
}
