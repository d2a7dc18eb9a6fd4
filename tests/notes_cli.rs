//! `tenor notes …` and `tenor text`, run as a user would, each test in its own data directory.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const ARTICLE: &str = "# Canal works\n\n\
The canal authority closed the eastern lock for repairs on Monday.\n\n\
## Costs\n\n\
The repairs will cost about two million and take six weeks, the authority said.\n\n\
## Traffic\n\n\
Barges will use the western lock, which adds a day to most journeys.\n";

fn tenor(data: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .current_dir(cwd)
        .env("TENOR_DATA_DIR", data)
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

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("canal.md"), ARTICLE).unwrap();
        Env { dir }
    }
    fn run(&self, args: &[&str]) -> Output {
        tenor(&self.dir.path().join("data"), self.dir.path(), args)
    }
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&ok(&self.run(args))).unwrap()
    }
}

#[test]
fn text_prints_the_canonical_text_the_offsets_count_in() {
    let e = Env::new();
    let text = ok(&e.run(&["text", "canal.md"]));
    assert!(text.starts_with("Canal works\n\nThe canal authority"));
    let id = ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "two million",
        "--note",
        "Up from **one**.",
        "--tag",
        "cost",
        "--color",
        "green",
    ]));
    assert_eq!(id.trim().len(), 36);
    let v = e.json(&["notes", "canal.md", "--json"]);
    let a = &v["annotations"][0];
    let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "article",
            "quote",
            "prefix",
            "suffix",
            "start",
            "end",
            "status",
            "note",
            "tags",
            "color",
            "motivation",
            "created",
            "modified"
        ]
    );
    let (s, en) = (
        a["start"].as_u64().unwrap() as usize,
        a["end"].as_u64().unwrap() as usize,
    );
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[s..en].iter().collect::<String>(), "two million");
    assert_eq!(a["id"], id.trim());
    assert_eq!(a["status"], "anchored");
    assert_eq!(a["tags"], serde_json::json!(["cost"]));
    assert_eq!(a["color"], "green");
    assert_eq!(a["motivation"], "commenting");
    assert!(a["article"].as_str().unwrap().ends_with("canal.md"));
}

#[test]
fn notes_follow_an_edit_and_a_rename() {
    let e = Env::new();
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "adds a day to most journeys",
    ]));
    // Renamed: still attached.
    std::fs::rename(e.dir.path().join("canal.md"), e.dir.path().join("moved.md")).unwrap();
    let v = e.json(&["notes", "moved.md", "--json"]);
    assert_eq!(v["annotations"].as_array().unwrap().len(), 1);
    // Edited above the passage: found on the same words.
    let edited = ARTICLE.replace("## Traffic\n", "## Traffic\n\nA new paragraph.\n");
    std::fs::write(e.dir.path().join("moved.md"), edited).unwrap();
    let v = e.json(&["notes", "moved.md", "--json"]);
    let a = &v["annotations"][0];
    assert_eq!(a["status"], "anchored");
    assert_eq!(a["quote"], "adds a day to most journeys");
    let text = ok(&e.run(&["text", "moved.md"]));
    let chars: Vec<char> = text.chars().collect();
    let (s, en) = (
        a["start"].as_u64().unwrap() as usize,
        a["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..en].iter().collect::<String>(),
        "adds a day to most journeys"
    );
}

#[test]
fn json_ld_export_then_import_round_trips_identically() {
    let e = Env::new();
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "eastern lock",
        "--note",
        "n1",
        "--tag",
        "a",
    ]));
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "six weeks",
        "--color",
        "purple",
    ]));
    let before = e.json(&["notes", "--json"]);
    let out = ok(&e.run(&["notes", "export", "canal.md", "--format", "jsonld"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    let item = &v["first"]["items"][0];
    let sel = item["target"]["selector"].as_array().unwrap();
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(sel[1]["type"], "TextPositionSelector");
    assert!(
        item["target"]["source"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    let file = e.dir.path().join("export.jsonld");
    std::fs::write(&file, &out).unwrap();
    // Into a fresh store: identical annotations.
    let fresh = e.dir.path().join("data2");
    let o = tenor(&fresh, e.dir.path(), &["notes", "import", "export.jsonld"]);
    assert!(ok(&o).contains("2 added"), "{}", ok(&o));
    let got: Value =
        serde_json::from_str(&ok(&tenor(&fresh, e.dir.path(), &["notes", "--json"]))).unwrap();
    assert_eq!(got, before);
    let again = ok(&tenor(
        &fresh,
        e.dir.path(),
        &["notes", "export", "--all", "--format", "jsonld"],
    ));
    assert_eq!(again, out);
    // Idempotent: a second import changes nothing.
    let o = ok(&tenor(
        &fresh,
        e.dir.path(),
        &["notes", "import", "export.jsonld"],
    ));
    assert!(o.contains("0 added, 0 updated, 2 unchanged"), "{o}");
    // Into the same store: unchanged too.
    let o = ok(&e.run(&["notes", "import", "export.jsonld"]));
    assert!(o.contains("2 unchanged"), "{o}");
}

#[test]
fn a_quote_only_annotation_from_another_tool_imports_and_anchors() {
    let e = Env::new();
    let url = format!("file://{}", e.dir.path().join("canal.md").display());
    let doc = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://example.org/anno/1",
        "body": {"type": "TextualBody", "value": "From elsewhere"},
        "target": {"source": url, "selector": {"type": "TextQuoteSelector",
            "exact": "western lock", "prefix": "Barges will use the ", "suffix": ", which"}},
    });
    std::fs::write(e.dir.path().join("one.jsonld"), doc.to_string()).unwrap();
    let o = ok(&e.run(&["notes", "import", "one.jsonld"]));
    assert!(o.contains("1 added") && o.contains("1 anchored"), "{o}");
    let v = e.json(&["notes", "canal.md", "--json"]);
    let a = &v["annotations"][0];
    assert_eq!(a["quote"], "western lock");
    assert_eq!(a["note"], "From elsewhere");
    assert_eq!(a["status"], "anchored");
}

#[test]
fn a_bad_import_changes_nothing() {
    let e = Env::new();
    let url = format!("file://{}", e.dir.path().join("canal.md").display());
    let doc = serde_json::json!([
        {"type": "Annotation", "id": "a1", "target": {"source": url,
            "selector": {"type": "TextQuoteSelector", "exact": "eastern lock"}}},
        {"type": "Annotation", "id": "a2", "target": {"source": url}},
    ]);
    std::fs::write(e.dir.path().join("bad.jsonld"), doc.to_string()).unwrap();
    let o = e.run(&["notes", "import", "bad.jsonld"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("a2"));
    let v = e.json(&["notes", "--json"]);
    assert_eq!(v["annotations"].as_array().unwrap().len(), 0);
}

#[test]
fn markdown_export_groups_by_section_with_links_back() {
    let e = Env::new();
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "western lock",
        "--note",
        "Slower.",
    ]));
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "two million",
        "--tag",
        "cost",
    ]));
    let md = ok(&e.run(&["notes", "export", "--format", "md"]));
    let costs = md.find("### Costs").unwrap();
    let traffic = md.find("### Traffic").unwrap();
    assert!(costs < traffic, "{md}");
    assert!(md.contains("> two million"));
    assert!(md.contains("#cost"));
    assert!(md.contains("Slower."));
    assert!(md.contains("canal.md#char="), "{md}");
}

#[test]
fn add_refuses_a_quote_not_in_the_text_and_hostile_notes_are_escaped() {
    let e = Env::new();
    let o = e.run(&["notes", "add", "canal.md", "--quote", "not there"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("tenor text"));
    ok(&e.run(&[
        "notes",
        "add",
        "canal.md",
        "--quote",
        "canal",
        "--note",
        "bad \x1b[31m red",
    ]));
    let out = ok(&e.run(&["notes"]));
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("␛[31m"));
}
