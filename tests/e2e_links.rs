//! End-to-end: following links in the real `tenor` binary in a pseudo-terminal: to another
//! article on disk and back with Ctrl-o, and a web link handed to `$BROWSER` without a shell.

mod pty;

use std::time::{Duration, Instant};

use pty::{Session, tenor_command};

/// `tenor DIR/FILE` at 100×30, run in `dir` (also its data, config and home directory) with
/// `env` added; stopped when dropped, as the tests end without quitting.
fn start(dir: &std::path::Path, file: &str, env: &[(&str, &str)]) -> Session {
    let path = dir.join(file);
    let mut cmd = tenor_command(&[path.to_str().unwrap()]);
    cmd.cwd(dir);
    Session::spawn(cmd, dir, 100, 30, env).kill_on_drop()
}

fn write_articles(dir: &std::path::Path) {
    let mut plan = String::from("# Ferry Plan\n\n");
    for i in 1..=12 {
        plan.push_str(&format!("Paragraph {i} of the plan, before the link.\n\n"));
    }
    plan.push_str(
        "Details are in [the annex](annex%20one.md) and at [the ministry](https://ministry.example/p?q=1).\n",
    );
    std::fs::write(dir.join("plan.md"), plan).unwrap();
    std::fs::write(
        dir.join("annex one.md"),
        "# Annex Tables\n\nThe tables of the annex.\n",
    )
    .unwrap();
}

#[test]
fn follow_a_link_to_another_article_and_back() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut s = start(dir.path(), "plan.md", &[]);
    s.wait_for("the plan", |t| t.contains("Paragraph 1 of the plan"));
    s.send("G");
    s.wait_for("the end", |t| t.contains("Details are in the annex"));
    s.send("fannex");
    s.wait_for("the links list", |t| {
        t.contains("1 link") && t.contains("annex%20one.md")
    });
    s.send("\r");
    let t = s.wait_for("the annex", |t| t.contains("The tables of the annex"));
    assert!(!t.contains("Paragraph 1 of the plan"), "{t}");
    s.send("\x0f"); // Ctrl-o
    // Back in the plan, at the place it was left (the end), not at its top.
    let t = s.wait_for("the plan again", |t| t.contains("Details are in the annex"));
    assert!(!t.contains("The tables of the annex"), "{t}");
}

#[cfg(unix)]
#[test]
fn a_web_link_goes_to_the_browser_without_a_shell() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let out = dir.path().join("opened.txt");
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", out.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut s = start(
        dir.path(),
        "plan.md",
        &[("BROWSER", script.to_str().unwrap())],
    );
    s.wait_for("the plan", |t| t.contains("Paragraph 1 of the plan"));
    s.send("fministry\r");
    s.wait_for("the notice", |t| t.contains("Opened in the browser"));
    let start = Instant::now();
    while !out.exists() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "https://ministry.example/p?q=1"
    );
}

#[test]
fn a_link_to_a_heading_in_another_article_lands_there_and_alt_i_returns_after_ctrl_o() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.md"),
        "# Ferry Plan\n\nThe plan is short. See [the far costs](annex.md#far-costs).\n",
    )
    .unwrap();
    let mut annex = String::from("# Annex Tables\n\nThe tables of the annex.\n\n");
    for i in 1..=30 {
        annex.push_str(&format!("Filler row {i} of the annex.\n\n"));
    }
    annex.push_str("## Far Costs\n\nFuel and crew cost most.\n");
    std::fs::write(dir.path().join("annex.md"), annex).unwrap();
    let mut s = start(dir.path(), "plan.md", &[]);
    s.wait_for("the plan", |t| t.contains("The plan is short"));
    s.send("ffar\r");
    let t = s.wait_for("the far section", |t| t.contains("Fuel and crew cost most"));
    assert!(!t.contains("The tables of the annex"), "{t}");
    s.send("\x0f"); // Ctrl-o: straight back to the plan
    s.wait_for("the plan again", |t| t.contains("The plan is short"));
    s.send("\x1bi"); // Alt-i: forward to the annex, where it was left
    let t = s.wait_for("the annex again", |t| t.contains("Fuel and crew cost most"));
    assert!(!t.contains("The plan is short"), "{t}");
}
