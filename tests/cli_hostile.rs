//! The command line against unusual use: options around subcommands, a missing config file,
//! oversized and endless input; completions and the man page.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn tenor(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "TENOR_DATA_DIR",
            std::env::temp_dir().join("tenor-cli-hostile-tests"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Tenor may refuse the input before reading all of it: a broken pipe here is expected.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const ARTICLE: &str = "assets/articles/semiconductor-export-controls.md";

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "theme = \"light\"\n").unwrap();
    let config = config.to_str().unwrap();
    let plain = tenor(&["outline", ARTICLE], b"");
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    for args in [
        vec!["--config", config, "outline", ARTICLE],
        vec!["outline", "--config", config, ARTICLE],
        vec!["outline", ARTICLE, "--config", config],
        vec!["--max-size", "10M", "outline", ARTICLE],
        vec!["outline", ARTICLE, "--max-size", "10M"],
    ] {
        let o = tenor(&args, b"");
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert_eq!(o.stdout, plain.stdout, "{args:?}");
    }
}

#[test]
fn a_missing_config_file_is_an_error() {
    let o = tenor(
        &["--config", "no-such-config.toml", "outline", ARTICLE],
        b"",
    );
    assert!(!o.status.success());
    assert_eq!(
        text(&o.stderr),
        "tenor: --config no-such-config.toml: the config file does not exist\n"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn input_over_the_size_limit_is_refused_with_its_name() {
    let big = "word ".repeat(400_000);
    let o = tenor(&["render", "-", "--max-size", "1M"], big.as_bytes());
    assert!(!o.status.success());
    assert_eq!(
        text(&o.stderr),
        "tenor: <stdin>: larger than the limit of 1.0 MB (use --max-size to raise it)\n"
    );
    let o = tenor(&["--max-size", "1K", "outline", ARTICLE], b"");
    assert!(!o.status.success());
    assert!(
        text(&o.stderr)
            .contains("semiconductor-export-controls.md: larger than the limit of 1.0 KB")
    );
    let o = tenor(&["outline", ARTICLE, "--max-size", "lots"], b"");
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("is not a size"),
        "{}",
        text(&o.stderr)
    );
}

#[cfg(unix)]
#[test]
fn endless_zeros_are_refused_at_once() {
    let start = Instant::now();
    let o = tenor(&["render", "/dev/zero"], b"");
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).starts_with("tenor: /dev/zero: looks like a binary file"),
        "{}",
        text(&o.stderr)
    );
    // A gigabyte of zeros on standard input: refused after the first chunk.
    let zeros = vec![0u8; 8 << 20];
    let o = tenor(&["render", "-"], &zeros);
    assert!(text(&o.stderr).starts_with("tenor: <stdin>: looks like a binary file"));
}

#[test]
fn completions_for_each_shell() {
    for (shell, sign) in [
        ("bash", "complete -F _tenor"),
        ("zsh", "#compdef tenor"),
        ("fish", "complete -c tenor"),
    ] {
        let o = tenor(&["completions", shell], b"");
        assert!(o.status.success(), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        assert!(script.contains(sign), "{shell}");
        for word in ["outline", "render", "max-size", "completions"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(!tenor(&["completions", "cmd.exe"], b"").status.success());
}

#[test]
fn the_man_page_is_roff_from_the_same_definitions() {
    let o = tenor(&["man"], b"");
    assert!(o.status.success());
    let page = text(&o.stdout);
    assert!(page.contains(".TH tenor 1"), "{page}");
    for word in ["outline", "render", "completions", "max\\-size", "config"] {
        assert!(page.contains(word), "the man page lacks {word}");
    }
}
