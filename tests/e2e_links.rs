//! End-to-end: following links in the real `tenor` binary in a pseudo-terminal: to another
//! article on disk and back with Ctrl-o, and a web link handed to `$BROWSER` without a shell.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(dir: &std::path::Path, file: &str, env: &[(&str, &str)]) -> Session {
        let (cols, rows) = (100u16, 30u16);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tenor"));
        cmd.arg(dir.join(file));
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", dir);
        cmd.env("XDG_CONFIG_HOME", dir);
        cmd.env("HOME", dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn tenor");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"\x03");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
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
    let mut s = Session::start(dir.path(), "plan.md", &[]);
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
    let mut s = Session::start(
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
