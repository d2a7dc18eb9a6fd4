//! End-to-end reading habits (issue 11): the real `tenor` binary in a pty at 120×40, on an
//! article of the reference shape (plain text: long paragraphs under short heading lines).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _dir: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_in(tempfile::tempdir().unwrap(), args, cols, rows)
    }

    /// Start with `dir` as the data, config and home directory.
    fn start_in(dir: tempfile::TempDir, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tenor"));
        cmd.args(args);
        Session::spawn(cmd, dir, cols, rows)
    }

    /// Start with standard input read from `file` (the terminal stays the pty), as
    /// `tenor ARGS < FILE` in a shell.
    fn start_with_stdin(file: &str, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "f=$1; shift; exec \"$0\" \"$@\" < \"$f\""]);
        cmd.arg(env!("CARGO_BIN_EXE_tenor"));
        cmd.arg(file);
        cmd.args(args);
        Session::spawn(cmd, tempfile::tempdir().unwrap(), cols, rows)
    }

    fn spawn(mut cmd: CommandBuilder, dir: tempfile::TempDir, cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", dir.path());
        cmd.env("XDG_CONFIG_HOME", dir.path());
        cmd.env("HOME", dir.path());
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
            let _master = pair.master; // keep the pty open while reading
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
            _dir: dir,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen satisfies `pred`; panics with the screen after 10 s.
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
        // Let the app process and redraw.
        std::thread::sleep(Duration::from_millis(100));
    }

    fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("tenor did not exit; screen:\n{}", self.screen());
    }
}

/// A plain-text article of our own in the reference shape: a lead paragraph, then sections of
/// a heading line and a few long paragraphs. Each paragraph names its section and place.
fn reference_shape() -> String {
    let mut s = String::from("Canal Tolls Return to the Agenda\n\n");
    let filler = "The delegations traded figures on lock maintenance, pilot fees and the \
                  share of revenue owed to the towns along the banks, and each side said the \
                  other had moved less than it claimed; observers expect the numbers to be \
                  revised again before any text is initialled, and the shipping lines have \
                  asked to be heard before then.";
    s.push_str(&format!("Lead paragraph. {filler}\n\n"));
    for sec in 1..=6 {
        s.push_str(&format!("Chapter {sec} of the toll dispute\n\n"));
        for p in 1..=3 {
            s.push_str(&format!("Body {sec}.{p} opens here. {filler}\n\n"));
        }
    }
    s
}

fn start_on_reference_shape() -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canal-tolls.txt");
    std::fs::write(&path, reference_shape()).unwrap();
    let s = Session::start_in(dir, &[path.to_str().unwrap()], 120, 40);
    s.wait_for("the article", |t| t.contains("READ"));
    s
}

fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

#[test]
fn next_heading_lands_at_the_top_with_its_first_paragraph() {
    let mut s = start_on_reference_shape();
    s.send("]]]]]]");
    let screen = s.wait_for("chapter 3", |t| {
        t.contains("› Chapter 3 of the toll dispute")
    });
    let heading = row_of(&screen, "Chapter 3 of the toll dispute").unwrap();
    assert!(heading <= 3, "heading on row {heading}:\n{screen}");
    assert!(
        screen.contains("Body 3.1 opens here"),
        "first paragraph visible:\n{screen}"
    );
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn n_after_g_goes_on_from_the_end() {
    let mut s = start_on_reference_shape();
    s.send("/opens here\r");
    s.wait_for("the first match", |t| t.contains("[1/18]"));
    s.send("G");
    s.send("n");
    let screen = s.wait_for("the last match", |t| t.contains("[18/18]"));
    assert!(screen.contains("Body 6.3 opens here"), "{screen}");
    s.send("n");
    let screen = s.wait_for("the wrap", |t| t.contains("continuing at the top"));
    assert!(screen.contains("[1/18]"), "{screen}");
    let row = row_of(&screen, "Body 1.1 opens here").unwrap();
    assert!(row <= 4, "match near the top, row {row}:\n{screen}");
    s.send("q");
    assert!(s.wait_exit());
}
