//! End-to-end review: a note's passage is rewritten; the real `tenor` in a pseudo-terminal says
//! a note needs review, the Notes tab lists it under "To review", `zg` accepts the proposed
//! passage, and `tenor notes` then shows it anchored on the new wording.

mod pty;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pty::Session;

const BEFORE: &str = "# Dredging\n\n\
The committee met in spring.\n\n\
It agreed that the river dredging would start before the rains, funded by the port levy.\n\n\
Members asked for a report.\n";
const AFTER: &str = "# Dredging\n\n\
The committee met in spring.\n\n\
It agreed that the harbour dredging could start after the floods, funded by a port charge.\n\n\
Members asked for a report.\n";

fn cli(data: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .env("TENOR_DATA_DIR", data)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn a_rewritten_passage_is_reviewed_and_accepted_with_zg() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("dredging.md");
    let f = file.to_str().unwrap();
    std::fs::write(&file, BEFORE).unwrap();
    let quote =
        "It agreed that the river dredging would start before the rains, funded by the port levy.";
    cli(
        data.path(),
        &["notes", "add", f, "--quote", quote, "--note", "costs?"],
    );
    std::fs::write(&file, AFTER).unwrap();

    let mut s =
        Session::start_at(data.path(), &[f], 100, 30).with_settle(Duration::from_millis(150));
    s.wait_for("the count of notes to review", |t| {
        t.contains("1 note needs review: see Notes")
    });
    s.send("tt\t");
    s.wait_for("the Notes tab's review list", |t| {
        t.contains("To review") && t.contains("? check")
    });
    s.send("zg");
    s.wait_for("the note placed", |t| t.contains("Note placed here"));
    s.send("qq");
    assert!(s.wait_exit());

    let out = cli(data.path(), &["notes", f]);
    assert!(out.contains("[anchored]"), "{out}");
    assert!(out.contains("harbour dredging could start"), "{out}");
    assert!(!out.contains("needs_review"), "{out}");
}
