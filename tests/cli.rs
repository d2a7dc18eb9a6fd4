//! The command line, run as a user would: the real binary, its stdout, stderr and exit code.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tenor(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "TENOR_DATA_DIR",
            std::env::temp_dir().join("tenor-cli-tests"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// An article full of escape sequences and control characters.
const HOSTILE: &[u8] = b"Title\x1b[2J\x1b[31m red \x1b]0;pwned\x07 osc \x1bP+q\x1b\\ dcs \xc2\x9b c1 csi \xc2\x85 nel \x07 bell \x08 bs \x7f del\n\nA paragraph with \xe2\x80\xae bidi override and \x1b[?1049h alt screen and\r carriage return.\n\n- item \x1b[5m blink\n- item \x0c form feed\n";

#[test]
fn render_never_emits_control_bytes() {
    for args in [
        vec!["render", "-", "--width", "40"],
        vec!["outline", "-"],
        vec!["outline", "-", "--json"],
    ] {
        let out = tenor(&args, Some(HOSTILE));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = stdout(&out);
        for c in text.chars() {
            let bad = (c.is_control() && c != '\n')
                || ('\u{80}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c);
            assert!(!bad, "{args:?} emitted {c:?} in:\n{text}");
        }
        if args[0] == "render" {
            assert!(text.contains("␛[31m"), "escapes are shown visibly:\n{text}");
            assert!(text.contains("<U+202E>"), "{text}");
        }
    }
}

#[test]
fn outline_json_shape() {
    let out = tenor(
        &["outline", "--json", "tests/fixtures/reader/harbor-talks.md"],
        None,
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["title"], "Harbor Talks Brief");
    let secs = v["sections"].as_array().unwrap();
    assert_eq!(secs[0]["title"], serde_json::Value::Null);
    assert_eq!(secs[0]["id"], "0-lede");
    assert_eq!(secs[2]["title"], "Friction Over Quotas");
    assert_eq!(secs[2]["children"][0]["title"], "Side Channel");
    assert_eq!(secs[2]["children"][0]["level"], 2);
    for key in ["id", "level", "title", "blocks", "children"] {
        assert!(secs[1].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn render_is_deterministic_and_wraps() {
    let a = tenor(
        &[
            "render",
            "--width",
            "50",
            "tests/fixtures/reader/harbor-talks.md",
        ],
        None,
    );
    let b = tenor(
        &[
            "render",
            "--width",
            "50",
            "tests/fixtures/reader/harbor-talks.md",
        ],
        None,
    );
    assert_eq!(a.stdout, b.stdout);
    let text = stdout(&a);
    assert!(text.lines().all(|l| unicode_width(l) <= 50), "{text}");
    assert!(text.contains("# Early Promise"));
    assert!(text.contains("  • Lower berthing fees for cargo vessels"));
}

fn unicode_width(s: &str) -> usize {
    tenor::layout::wrap::width(s)
}

#[test]
fn binary_and_missing_files_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("program.txt");
    std::fs::write(&bin, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").unwrap();
    let out = tenor(&["outline", bin.to_str().unwrap()], None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("program.txt") && err.contains("binary"),
        "{err}"
    );
    let out = tenor(&["render", "no/such/file.md"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.md"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# Good\n\nFine text.\n").unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"\0\0\0\0binary").unwrap();
    let out = tenor(&[dir.path().to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(stdout(&out).contains("Good"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));
}

#[test]
fn legacy_text_is_decoded_with_a_warning_that_says_the_guess() {
    let out = tenor(
        &["render", "-"],
        Some(b"Tariff talks resumed in Gen\xe9ve after a pause.\n"),
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("(a guess)"),
        "{err}"
    );
    assert!(stdout(&out).contains("Genéve"));
}

#[test]
fn help_and_version() {
    let out = tenor(&["--help"], None);
    assert!(out.status.success());
    let help = stdout(&out);
    for cmd in ["outline", "render", "tone"] {
        assert!(help.contains(cmd), "{help}");
    }
    let out = tenor(&["--version"], None);
    assert!(stdout(&out).starts_with("tenor "));
}

#[test]
fn without_a_terminal_the_library_prints_outlines() {
    let out = tenor(&[], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("(lede)") || text.lines().count() > 10,
        "{text}"
    );
}

#[test]
fn file_names_with_escape_sequences_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("brief\x1b[31m-red.md");
    std::fs::write(&evil, "Some text about tariffs.\n").unwrap();
    let out = tenor(&["outline", evil.to_str().unwrap()], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(!text.contains('\x1b') && text.contains("␛[31m"), "{text}");
    let missing = dir.path().join("gone\x1b]0;x\x07.md");
    let out = tenor(&["render", missing.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains('\x1b') && !err.contains('\x07') && err.contains("␛]0;x␇"),
        "{err}"
    );
}

#[test]
fn short_markdown_on_stdin_keeps_its_heading() {
    let md = b"# Trade talks\n\nThe ministers met:\n\n- one\n- two\n";
    let out = tenor(&["outline", "--json", "-"], Some(md));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["title"], "Trade talks");
    assert_eq!(v["sections"][0]["title"], "Trade talks", "{v}");
}

#[test]
fn an_html_fragment_on_stdin_is_read_as_html() {
    let out = tenor(&["render", "-"], Some(b"<p>hello <b>world</b></p>\n"));
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("hello world"), "{text}");
    assert!(!text.contains("<p>") && !text.contains("<b>"), "{text}");
}

/// Tables as `tenor render` prints them: a grid whose columns line up while it fits, text
/// wrapped at words inside cells as it narrows, `label: value` lines when a grid cannot fit.
#[test]
fn render_lays_out_tables() {
    for (name, file, widths) in [
        (
            "render_markdown_table",
            "tests/fixtures/tables/river-allocations.md",
            &[100, 60, 32, 16][..],
        ),
        (
            "render_aligned_markdown_table",
            "tests/fixtures/tables/aligned-columns.md",
            &[60, 16][..],
        ),
        (
            "render_html_table",
            "tests/fixtures/tables/port-fees.html",
            &[80, 40, 18][..],
        ),
    ] {
        let mut all = String::new();
        for w in widths {
            let out = tenor(&["render", "--width", &w.to_string(), file], None);
            assert!(out.status.success(), "{file} at {w}");
            let text = stdout(&out);
            for l in text.lines() {
                assert!(unicode_width(l) <= *w, "{file} at {w}: {l:?}");
            }
            all.push_str(&format!("──── width {w}\n{text}"));
        }
        insta::assert_snapshot!(name, all);
    }
}
