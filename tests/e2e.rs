//! End-to-end: the real `tenor` binary in a pseudo-terminal, its screen read back with vt100.

mod pty;

use std::time::Duration;

use pty::Session;

const FIXTURE: &str = "tests/fixtures/reader/harbor-talks.md";

#[test]
fn fold_all_leaves_only_headings() {
    let mut s = Session::start(&[FIXTURE], 100, 30);
    s.wait_for("the article", |t| t.contains("Negotiators described"));
    s.send("zM");
    let screen = s.wait_for("folds", |t| !t.contains("Negotiators described"));
    for h in [
        "▸ Early Promise",
        "▸ Friction Over Quotas",
        "▸ What Comes Next",
    ] {
        assert!(screen.contains(h), "missing {h}:\n{screen}");
    }
    assert!(!screen.contains("By the third round"), "{screen}");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn next_heading_moves_the_cursor() {
    let mut s = Session::start(&[FIXTURE], 100, 30);
    s.wait_for("the article", |t| t.contains("READ"));
    s.send("]]");
    s.wait_for("status path", |t| {
        t.contains("Harbor Talks Brief › Early Promise")
    });
    s.send("]]");
    s.wait_for("status path", |t| t.contains("› Friction Over Quotas"));
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn search_unfolds_the_match() {
    let mut s = Session::start(&[FIXTURE], 100, 30);
    s.wait_for("the article", |t| t.contains("READ"));
    s.send("zM");
    s.wait_for("folds", |t| !t.contains("Negotiators described"));
    s.send("/ferry\r");
    let screen = s.wait_for("the match", |t| t.contains("ferry operators"));
    assert!(screen.contains("[1/1]"), "{screen}");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn quit_restores_the_terminal() {
    let mut s = Session::start(&[FIXTURE], 80, 24);
    s.wait_for("the article", |t| t.contains("READ"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.send("q");
    assert!(s.wait_exit());
    std::thread::sleep(Duration::from_millis(100));
    let p = s.parser.lock().unwrap();
    assert!(
        !p.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(!p.screen().hide_cursor(), "cursor still hidden");
}

#[test]
fn bad_file_fails_before_the_screen_changes() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tenor"))
        .arg("does/not/exist.md")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does/not/exist.md"), "{err}");
}

#[test]
fn library_opens_bundled_articles() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("the library", |t| t.contains("LIBRARY"));
    s.send("\r");
    s.wait_for("an article", |t| t.contains(" READ "));
    s.send("q");
    s.wait_for("back to the library", |t| t.contains("LIBRARY"));
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn tone_tab_jumps_to_a_turning_point() {
    let mut s = Session::start(&[FIXTURE], 120, 36);
    s.wait_for("the article", |t| t.contains("READ"));
    s.send("t");
    s.wait_for("the tone chart", |t| t.contains("◆ turn"));
    s.send("\t");
    s.wait_for("side focus", |t| t.contains(" TONE "));
    s.send("]]\r");
    s.wait_for("the jump", |t| {
        t.contains("Harbor Talks Brief › Friction Over Quotas")
    });
    s.send("q");
    s.wait_for("reader focus", |t| t.contains(" READ "));
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn points_panel_jumps_to_the_third_point() {
    let mut s = Session::start(&[FIXTURE], 120, 36);
    s.wait_for("the points", |t| t.contains("5 points"));
    s.send("\t");
    s.wait_for("side focus", |t| t.contains(" POINTS "));
    s.send("jj\r");
    let screen = s.wait_for("the jump", |t| {
        t.lines()
            .any(|l| l.trim_start().starts_with("▌") && l.contains("• A joint fund for dredging"))
    });
    assert!(
        screen.contains("Harbor Talks Brief › Early Promise"),
        "{screen}"
    );
    s.send("q");
    s.wait_for("reader focus", |t| t.contains(" READ "));
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_bad_config_is_reported_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[keys.reader]\n\"zz\" = \"fold_everything\"\n").unwrap();
    let mut s = Session::start(&["--config", cfg.to_str().unwrap(), FIXTURE], 120, 30);
    let screen = s.wait_for("the warning and the article", |t| {
        t.contains("unknown action \"fold_everything\"") && t.contains("Negotiators described")
    });
    assert!(
        screen.contains("config.toml:2:"),
        "names the file and line:\n{screen}"
    );
    s.send("zM");
    s.wait_for("default folds still work", |t| {
        !t.contains("Negotiators described")
    });
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_folder_library_reads_titles_and_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brief.txt"),
        "Harbor Dues Review\n\nThe port board met on Monday and agreed to review the dues.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("image.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap().to_string();
    let mut s = Session::start(&[&path], 100, 30);
    s.wait_for("titles read from the files", |t| {
        t.contains("Harbor Dues Review") && t.contains("2 articles")
    });
    s.wait_for("the bad file's problem", |t| {
        t.contains("image.md · looks like a binary file")
    });
    s.send("q");
    assert!(s.wait_exit());
}

/// The place in an article is kept between runs: quit in the third section, start again, and
/// the reader opens there, that section still folded as it was left.
#[test]
fn the_reading_position_is_remembered_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut s = Session::start_in(dir, &[FIXTURE], 100, 30);
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("]]]]]]za");
    s.wait_for("the third section, folded", |t| {
        t.contains("› Side Channel") && t.contains("▸ Side Channel")
    });
    s.send("q");
    assert!(s.wait_exit());
    // Kept in the store, not in the legacy file.
    assert!(data.join("tenor.db").exists());
    assert!(!data.join("reading.json").exists());
    let dir = s.into_dir();
    let mut s = Session::start_in(dir, &[FIXTURE], 100, 30);
    s.wait_for("the same place", |t| {
        t.contains("› Side Channel") && t.contains("▸ Side Channel")
    });
    s.send("q");
    assert!(s.wait_exit());
}

/// A corrupt legacy reading-state file is reported, left where it is, never overwritten.
#[test]
fn a_corrupt_reading_json_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    std::fs::write(data.join("reading.json"), "{ not json").unwrap();
    let mut s = Session::start_in(dir, &[FIXTURE], 120, 30);
    s.wait_for("the report", |t| t.contains("reading.json: not imported"));
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(
        std::fs::read_to_string(data.join("reading.json")).unwrap(),
        "{ not json"
    );
}

/// `-` with the terminal on stdin would wait for Ctrl-D in silence: it says what to do instead.
#[test]
fn stdin_from_the_terminal_is_refused_with_advice() {
    for args in [&["-"][..], &["render", "-"], &["outline", "--json", "-"]] {
        let mut s = Session::start(args, 100, 30);
        assert!(!s.wait_exit(), "{args:?} should fail");
        let screen = s.wait_for("the advice", |t| t.contains("| tenor"));
        assert!(
            screen.contains("tenor: standard input is a terminal"),
            "{args:?}:\n{screen}"
        );
    }
}

/// An article piped in is read once and kept: listed in the library under its title, and
/// opened again from there (standard input cannot be read twice).
#[test]
fn a_piped_article_reopens_from_the_library() {
    let mut s = Session::start_with_stdin(FIXTURE, &["-"], 100, 30);
    s.wait_for("the article", |t| t.contains("Negotiators described"));
    s.send("B");
    let screen = s.wait_for("the library", |t| t.contains("LIBRARY"));
    assert!(
        screen.contains("Harbor Talks Brief") && screen.contains("standard input · Markdown · "),
        "{screen}"
    );
    assert!(!screen.contains("reading…"), "{screen}");
    s.send("\r");
    let screen = s.wait_for("the article again", |t| t.contains(" READ "));
    assert!(!screen.contains("this article is empty"), "{screen}");
    assert!(screen.contains("Negotiators described"), "{screen}");
    s.send("q");
    assert!(s.wait_exit());
}
