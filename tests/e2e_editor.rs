//! End-to-end note editor: the real `tenor` in a pseudo-terminal; a note typed on two lines
//! with a paste in it (bracketed paste, as terminals send it) is saved with Ctrl-s, and
//! `tenor notes --json` gives it back with its newlines.

mod pty;

use std::process::Command;
use std::time::Duration;

use pty::Session;

const ARTICLE: &str = "# Bridge inspection\n\n\
The inspectors closed the footbridge on Friday. Two bolts on the north span were loose.\n\n\
The council will reopen it once the bolts are replaced.\n";

#[test]
fn a_note_typed_on_two_lines_with_a_paste_keeps_its_newlines() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("bridge.md");
    std::fs::write(&file, ARTICLE).unwrap();

    let mut s = Session::start_at(data.path(), &[file.to_str().unwrap()], 100, 30)
        .with_settle(Duration::from_millis(150));
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("/Two bolts\r");
    s.send("v");
    s.wait_for("selection mode", |t| t.contains(" SELECT "));
    s.send("a");
    s.wait_for("the note editor", |t| t.contains("New note"));
    s.send("check the south span\rtoo: ");
    // A paste with a line break and an escape sequence in it.
    s.send("\x1b[200~see photo 4\r\nand \x1b[31mred\x1b[201~");
    s.wait_for("the pasted text", |t| t.contains("and [31mred"));
    s.send("\x1b");
    s.wait_for("the question", |t| t.contains("Save this note? y/n"));
    s.send("y");
    s.wait_for("the note's gutter mark", |t| {
        t.lines()
            .any(|l| l.contains('✎') && l.contains("Two bolts"))
    });
    s.send("q");
    assert!(s.wait_exit());

    let notes = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tenor"))
            .arg("notes")
            .args(args)
            .env("TENOR_DATA_DIR", data.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let path = file.to_str().unwrap();
    // JSON: the note as it is.
    let v: serde_json::Value = serde_json::from_str(&notes(&[path, "--json"])).unwrap();
    assert_eq!(
        v["annotations"][0]["note"],
        "check the south span\ntoo: see photo 4\nand [31mred"
    );
    // Text: each line of the note indented under the quote.
    let text = notes(&[path]);
    assert!(
        text.contains("    check the south span\n    too: see photo 4\n    and [31mred\n"),
        "{text}"
    );
    // Markdown: the note as a block quote after "Note:".
    let md = notes(&["export", path, "--format", "md"]);
    assert!(
        md.contains("Note:\n\n> check the south span\n> too: see photo 4\n> and [31mred\n"),
        "{md}"
    );
}

#[test]
fn a_note_being_written_is_saved_when_a_signal_stops_tenor() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("bridge.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let mut s = Session::start_at(data.path(), &[file.to_str().unwrap()], 100, 30)
        .with_settle(Duration::from_millis(150));
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("/council\r");
    s.send("v");
    s.wait_for("selection mode", |t| t.contains(" SELECT "));
    s.send("a");
    s.wait_for("the note editor", |t| t.contains("New note"));
    s.send("the terminal closed\rbefore I saved");
    s.wait_for("the typed note", |t| t.contains("before I saved"));
    s.signal(libc::SIGHUP);
    assert_eq!(s.wait_exit_code(), 128 + libc::SIGHUP as u32);
    let out = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(["notes", file.to_str().unwrap(), "--json"])
        .env("TENOR_DATA_DIR", data.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["annotations"][0]["note"],
        "the terminal closed\nbefore I saved"
    );
}
