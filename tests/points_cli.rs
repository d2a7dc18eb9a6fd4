//! `tenor points` run as a binary on a fixture.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/points", name]
        .iter()
        .collect()
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .output()
        .expect("tenor runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn json_shape_and_values() {
    let path = fixture("pacific-pact.md");
    let v: Value = serde_json::from_str(&run(&["points", path.to_str().unwrap(), "--json"]))
        .expect("valid JSON");
    let obj = v.as_object().expect("object");
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["points"]);
    let points = v["points"].as_array().expect("array");

    // Code-point offsets: the fixture has non-ASCII text before every point.
    let article = tenor::article::load(&path).unwrap();
    let chars: Vec<char> = article.text.chars().collect();
    let slice = |p: &Value| -> String {
        let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
        chars[s as usize..e as usize].iter().collect()
    };

    for p in points {
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "section_id",
                "lead_in",
                "label",
                "text",
                "kind",
                "depth",
                "start",
                "end",
                "marker"
            ]
        );
        assert!(matches!(p["kind"].as_str(), Some("bullet" | "extracted")));
        assert!(p["label"].is_null() || p["label"].is_string());
        assert!(p["lead_in"].is_null() || p["lead_in"].is_string());
        let src = slice(p);
        assert!(src.ends_with(p["text"].as_str().unwrap()), "{p}");
        if let Some(l) = p["label"].as_str() {
            assert!(src.starts_with(l));
        }
        let id = p["section_id"].as_str().unwrap();
        assert!(article.section_by_id(id).is_some(), "{id}");
    }

    let tariff = points
        .iter()
        .find(|p| p["label"] == "Tariff relief")
        .expect("labelled point");
    assert_eq!(
        tariff["text"],
        "Duties on machine parts would fall to zero within five years."
    );
    assert_eq!(tariff["kind"], "bullet");
    assert_eq!(tariff["depth"], 0);
    assert_eq!(
        tariff["lead_in"],
        "Negotiators set out three goals for the pact:"
    );
    assert_eq!(tariff["section_id"], "1.1-negotiating-goals");
    assert_eq!(
        slice(tariff),
        "Tariff relief: Duties on machine parts would fall to zero within five years."
    );

    let nested = points
        .iter()
        .find(|p| p["text"] == "Phased in over two years")
        .unwrap();
    assert_eq!(
        (nested["depth"].as_u64(), nested["label"].is_null()),
        (Some(1), true)
    );

    let timeline = points
        .iter()
        .find(|p| p["text"] == "A legal review closes in June.")
        .unwrap();
    assert_eq!(timeline["lead_in"], "Timeline");

    // The wrapped lead-in comes out on one line.
    let open = points
        .iter()
        .find(|p| p["text"] == "Market access for rice")
        .unwrap();
    let lead = open["lead_in"].as_str().unwrap();
    assert!(!lead.contains('\n') && lead.ends_with("planned for the autumn:"));

    let extracted: Vec<&Value> = points.iter().filter(|p| p["kind"] == "extracted").collect();
    assert!(!extracted.is_empty());
    for p in &extracted {
        assert_eq!(slice(p), p["text"].as_str().unwrap());
        assert_eq!(p["depth"], 0);
        assert!(p["label"].is_null());
    }
    assert!(
        extracted
            .iter()
            .any(|p| p["lead_in"] == "Background"
                && p["text"].as_str().unwrap().contains("therefore"))
    );
}

#[test]
fn plain_text_output() {
    let path = fixture("pacific-pact.md");
    let out = run(&["points", path.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    for want in [
        "Negotiators set out three goals for the pact:",
        "  • Tariff relief — Duties on machine parts would fall to zero within five years.",
        "    • Audited every year by a joint panel",
        "Timeline",
        "  2. A legal review closes in June.",
        "  • Meeting at 10:30: delayed",
        "Background (extracted)",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{out}");
    }
    assert!(lines.iter().any(|l| l.starts_with("  › ")));
}

#[test]
fn missing_file_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(["points", "/nonexistent/article.md", "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
}
