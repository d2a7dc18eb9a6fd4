//! End-to-end, in a pseudo-terminal: SIGTERM and SIGHUP save the reading position and restore
//! the terminal before Tenor exits; and the first run imports a legacy `reading.json`.

#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const FIXTURE: &str = "tests/fixtures/reader/harbor-talks.md";

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    /// `tenor ARGS` with `dir` as its data, config and home directory.
    fn start(dir: &Path, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tenor"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", dir);
        cmd.env("XDG_CONFIG_HOME", dir);
        cmd.env("HOME", dir);
        let child = pair.slave.spawn_command(cmd).expect("spawn tenor");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            30.try_into().unwrap(),
            100.try_into().unwrap(),
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

    fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a pid") as libc::pid_t;
        // SAFETY: kill only sends a signal to the child we started.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// The exit code, within 5 s (panics otherwise).
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("tenor did not exit; screen:\n{}", self.screen());
    }

    /// Whether the terminal was given back: main screen, cursor shown.
    fn restored(&self) -> bool {
        let p = self.parser.lock().unwrap();
        !p.screen().alternate_screen() && !p.screen().hide_cursor()
    }
}

fn at_side_channel(t: &str) -> bool {
    t.contains("› Side Channel") && t.contains("▸ Side Channel")
}

/// Read to the third section and fold it, then `sig`: the next run opens there, folded.
fn the_position_survives(sig: i32) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[FIXTURE]);
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("]]]]]]za");
    s.wait_for("the third section, folded", at_side_channel);
    // Well within the 15 s between periodic saves: only the signal saves it.
    s.signal(sig);
    assert_eq!(s.wait_exit(), 128 + sig as u32);
    assert!(s.restored(), "terminal not restored");
    let mut s = Session::start(dir.path(), &[FIXTURE]);
    s.wait_for("the same place", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
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
    let mut s = Session::start(data, &[FIXTURE]);
    s.wait_for("the article", |t| t.contains(" READ "));
    s.send("]]]]]]za");
    s.wait_for("the third section, folded", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
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
    let mut s = Session::start(data, &[FIXTURE]);
    s.wait_for("the imported place", at_side_channel);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!data.join("reading.json").exists());
    assert_eq!(
        std::fs::read_to_string(data.join("reading.json.imported")).unwrap(),
        json
    );
}
