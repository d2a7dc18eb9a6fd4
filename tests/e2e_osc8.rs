//! End-to-end: web links reach the terminal as OSC 8 hyperlinks (read from the raw bytes the
//! real `tenor` writes into a pseudo-terminal), a hostile address never does, and the screen
//! still shows the link text where it belongs.

mod pty;

use pty::{Session, tenor_command};

const OPEN_SAFE: &str = "\x1b]8;;https://ministry.example/plan?q=1\x1b\\";
const CLOSE: &str = "\x1b]8;;\x1b\\";

fn start(dir: &std::path::Path, config: Option<&str>, env: &[(&str, &str)]) -> Session {
    let page = "<html><head><title>Ferry</title></head><body><article>\
        <h1>Ferry Plan</h1>\
        <p>The plan is at <a href=\"https://ministry.example/plan?q=1\">the ministry</a> \
        and not at <a href=\"https://evil.example/\u{1b}]8;;https://bad.example\u{7}x\">the trap</a> \
        nor <a href=\"https://evil.example/\u{9b}2J\">the other trap</a>.</p>\
        </article></body></html>";
    std::fs::write(dir.join("plan.html"), page).unwrap();
    let file = dir.join("plan.html");
    let mut args = vec![file.to_str().unwrap()];
    if let Some(c) = config {
        args.extend(["--config", c]);
    }
    let mut cmd = tenor_command(&args);
    cmd.cwd(dir);
    Session::spawn(cmd, dir, 100, 30, env).kill_on_drop()
}

fn raw(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned()
}

#[test]
fn a_safe_link_is_an_osc8_hyperlink_and_a_hostile_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(dir.path(), None, &[]);
    let screen = s.wait_for("the plan", |t| t.contains("trap."));
    let out = raw(&s);
    let at = out
        .find(OPEN_SAFE)
        .expect("the OSC 8 sequence of the safe link");
    assert!(
        out[at + OPEN_SAFE.len()..].starts_with(&format!("the ministry{CLOSE}")),
        "{:?}",
        &out[at..(at + 80).min(out.len())]
    );
    // One opening per link drawn, no other.
    assert_eq!(
        out.matches("\x1b]8;;").count(),
        2 * out.matches(OPEN_SAFE).count()
    );
    assert!(
        !out.contains("bad.example"),
        "the hostile target reached the terminal"
    );
    assert!(!out.contains("evil.example/\u{1b}"));
    assert!(!out.contains('\u{9b}'));
    // The screen shows the text in its columns: the line as it reads, nothing shifted.
    let line = screen
        .lines()
        .find(|l| l.contains("The plan is at"))
        .expect(&screen);
    let col = line.find("The plan is at").unwrap();
    assert!(
        line[col..].starts_with("The plan is at the ministry and not at the trap nor"),
        "{line:?}"
    );
    let parser = s.parser.lock().unwrap();
    let scr = parser.screen();
    let row = (0..30)
        .find(|&r| {
            scr.contents_between(r, 0, r, 100)
                .contains("The plan is at")
        })
        .unwrap();
    let text_col = scr
        .contents_between(row, 0, row, 100)
        .find("The plan")
        .unwrap() as u16;
    let link_col = text_col + "The plan is at ".len() as u16;
    let cell = scr.cell(row, link_col).unwrap();
    assert_eq!(cell.contents(), "t");
    assert!(cell.underline(), "the link is still drawn underlined");
    assert_eq!(scr.cell(row, link_col + 11).unwrap().contents(), "y");
    assert!(
        scr.cell(row, link_col + 12)
            .unwrap()
            .contents()
            .trim()
            .is_empty()
    );
    assert_eq!(scr.cell(row, link_col + 13).unwrap().contents(), "a");
}

#[test]
fn hyperlinks_false_in_the_config_and_term_dumb_turn_them_off() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "hyperlinks = false\n").unwrap();
    let s = start(dir.path(), cfg.to_str(), &[]);
    s.wait_for("the plan", |t| t.contains("trap."));
    assert!(!raw(&s).contains("\x1b]8;"));

    let dir = tempfile::tempdir().unwrap();
    let s = start(dir.path(), None, &[("TERM", "dumb")]);
    s.wait_for("the plan", |t| t.contains("trap."));
    assert!(!raw(&s).contains("\x1b]8;"));
}
