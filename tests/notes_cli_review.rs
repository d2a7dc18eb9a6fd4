//! `tenor notes` on an article whose passage was rewritten: the status is shown (text and
//! JSON), with the passage that may be it now, and `--status` picks one status.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BEFORE: &str = "# Dredging\n\n\
The committee met in spring.\n\n\
It agreed that the river dredging would start before the rains, funded by the port levy.\n\n\
Members asked for a report.\n";
const AFTER: &str = "# Dredging\n\n\
The committee met in spring.\n\n\
It agreed that the harbour dredging could start after the floods, funded by a port charge.\n\n\
Members asked for a report.\n";

fn tenor(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .current_dir(dir)
        .env("TENOR_DATA_DIR", dir.join("data"))
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn a_rewritten_passage_is_listed_as_needing_review_with_its_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("dredging.md"), BEFORE).unwrap();
    let quote =
        "It agreed that the river dredging would start before the rains, funded by the port levy.";
    ok(&tenor(
        d,
        &[
            "notes",
            "add",
            "dredging.md",
            "--quote",
            quote,
            "--note",
            "costs?",
        ],
    ));
    ok(&tenor(
        d,
        &[
            "notes",
            "add",
            "dredging.md",
            "--quote",
            "Members asked for a report.",
        ],
    ));
    std::fs::write(d.join("dredging.md"), AFTER).unwrap();

    let text = ok(&tenor(d, &["notes", "dredging.md"]));
    assert!(text.contains("[needs_review]"), "{text}");
    assert!(text.contains("[anchored]"), "{text}");
    assert!(
        text.contains("maybe now: “It agreed that the harbour dredging could start after the floods, funded by a port charge.”"),
        "{text}"
    );

    let v: Value =
        serde_json::from_str(&ok(&tenor(d, &["notes", "dredging.md", "--json"]))).unwrap();
    let statuses: Vec<&str> = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"needs_review"), "{v}");

    let v: Value = serde_json::from_str(&ok(&tenor(
        d,
        &["notes", "--json", "--status", "needs_review"],
    )))
    .unwrap();
    let list = v["annotations"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    assert_eq!(list[0]["note"], "costs?");
    let text = ok(&tenor(d, &["notes", "dredging.md", "--status", "orphaned"]));
    assert_eq!(text, "no annotations\n");

    let o = tenor(d, &["notes", "--status", "lost"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown status"));
}
