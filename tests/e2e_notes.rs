//! End-to-end annotations: the real `tenor` in a pseudo-terminal selects a sentence, adds a
//! note, quits; the article is edited above that sentence; reopened, the note is on the same
//! passage.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    /// `tenor FILE` with `data` as the data, config and home directory.
    fn start(data: &Path, file: &Path) -> Session {
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
        cmd.arg(file);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", data);
        cmd.env("XDG_CONFIG_HOME", data);
        cmd.env("HOME", data);
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
        std::thread::sleep(Duration::from_millis(150));
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

const ARTICLE: &str = "# Canal survey\n\n\
The survey team walked the towpath in March. Their report lists eleven locks.\n\n\
Lock seven leaks at the lower gate. Repairs were postponed twice.\n";

#[test]
fn a_note_stays_on_its_sentence_after_the_article_is_edited_above_it() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("canal.md");
    std::fs::write(&file, ARTICLE).unwrap();

    let mut s = Session::start(data.path(), &file);
    s.wait_for("the article", |t| t.contains(" READ "));
    // Find the sentence, select it from the match to its end, write a note.
    s.send("/Lock seven\r");
    s.send("v");
    s.wait_for("selection mode", |t| t.contains(" SELECT "));
    s.send(")");
    s.send("a");
    s.wait_for("the note prompt", |t| t.contains("Note:"));
    s.send("gate needs a survey\r");
    s.wait_for("the note's gutter mark", |t| {
        t.lines()
            .any(|l| l.contains('✎') && l.contains("Lock seven"))
    });
    s.send("q");
    assert!(s.wait_exit());

    // Edited above the sentence: a new paragraph, and a word changed in the first one.
    let edited = ARTICLE.replace("in March", "in early March").replace(
        "# Canal survey\n\n",
        "# Canal survey\n\nA short summary comes first now.\n\n",
    );
    std::fs::write(&file, edited).unwrap();

    let mut s = Session::start(data.path(), &file);
    s.wait_for("the note on the same sentence", |t| {
        t.lines()
            .any(|l| l.contains('✎') && l.contains("Lock seven"))
    });
    // ]n goes to it; a opens its note to edit.
    s.send("]na");
    s.wait_for("its note", |t| t.contains("Note: gate needs a survey"));
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit());
}
