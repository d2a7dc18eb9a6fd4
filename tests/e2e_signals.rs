//! End-to-end, in a pseudo-terminal: SIGTERM and SIGHUP save the reading position and restore
//! the terminal before Tenor exits; and the first run imports a legacy `reading.json`.

#![cfg(unix)]

mod pty;

use std::path::Path;

use pty::Session;

const FIXTURE: &str = "tests/fixtures/reader/harbor-talks.md";

/// `tenor ARGS` at 100×30 with `dir` as its data, config and home directory.
fn start(dir: &Path, args: &[&str]) -> Session {
    Session::start_at(dir, args, 100, 30)
}

fn at_side_channel(t: &str) -> bool {
    t.contains("› Side Channel") && t.contains("▸ Side Channel")
}

/// Read to the third section and fold it, then `sig`: the next run opens there, folded.
fn the_position_survives(sig: i32) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), &[FIXTURE]);
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("]]]]]]za");
    s.wait_for("the third section, folded", at_side_channel);
    // Well within the 15 s between periodic saves: only the signal saves it.
    s.signal(sig);
    assert_eq!(s.wait_exit_code(), 128 + sig as u32);
    assert!(s.restored(), "terminal not restored");
    let mut s = start(dir.path(), &[FIXTURE]);
    s.wait_for("the same place", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit_code(), 0);
}

#[test]
fn sigterm_saves_the_position_and_restores_the_terminal() {
    the_position_survives(libc::SIGTERM);
}

#[test]
fn sighup_saves_the_position_and_restores_the_terminal() {
    the_position_survives(libc::SIGHUP);
}

/// The first run with the store imports `reading.json` (written by an earlier Tenor), opens
/// the article where it says, and keeps the file renamed `reading.json.imported`.
#[test]
fn the_first_run_imports_reading_json_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut s = start(data, &[FIXTURE]);
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("]]]]]]za");
    s.wait_for("the third section, folded", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit_code(), 0);
    // What an earlier Tenor would have written: the same positions, as reading.json.
    let positions = {
        let (store, _) = tenor::store::Store::open(data);
        store.reading_positions().unwrap()
    };
    assert_eq!(positions.len(), 1);
    let json = serde_json::json!({ "version": 1, "articles": positions }).to_string();
    for e in std::fs::read_dir(data).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }
    std::fs::write(data.join("reading.json"), &json).unwrap();
    let mut s = start(data, &[FIXTURE]);
    s.wait_for("the imported place", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit_code(), 0);
    assert!(!data.join("reading.json").exists());
    assert_eq!(
        std::fs::read_to_string(data.join("reading.json.imported")).unwrap(),
        json
    );
}
