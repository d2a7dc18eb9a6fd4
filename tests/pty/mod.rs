//! The pseudo-terminal harness shared by the end-to-end tests: the real `tenor` binary in a
//! pty, its screen read back with vt100.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, PtySize, native_pty_system};

/// `tenor ARGS`, not yet started.
pub fn tenor_command(args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tenor"));
    cmd.args(args);
    cmd
}

/// A program running in a pty, with the screen it has drawn so far.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal, for tests of escape sequences.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The data directory when the session owns it: kept alive for the run.
    dir: Option<tempfile::TempDir>,
    /// How long `send` waits for the app to process and redraw.
    settle: Duration,
    /// On drop, Ctrl-C and then kill a child still running, for tests that never quit.
    kill_on_drop: bool,
}

impl Session {
    /// `tenor ARGS` in a fresh data directory.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_in(tempfile::tempdir().unwrap(), args, cols, rows)
    }

    /// Start with `dir` as the data, config and home directory, kept until `into_dir`.
    pub fn start_in(dir: tempfile::TempDir, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut s = Session::start_at(dir.path(), args, cols, rows);
        s.dir = Some(dir);
        s
    }

    /// Start with `home` (owned by the caller) as the data, config and home directory.
    pub fn start_at(home: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::spawn(tenor_command(args), home, cols, rows, &[])
    }

    /// Start with standard input read from `file` (the terminal stays the pty), as
    /// `tenor ARGS < FILE` in a shell.
    pub fn start_with_stdin(file: &str, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "f=$1; shift; exec \"$0\" \"$@\" < \"$f\""]);
        cmd.arg(env!("CARGO_BIN_EXE_tenor"));
        cmd.arg(file);
        cmd.args(args);
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::spawn(cmd, dir.path(), cols, rows, &[]);
        s.dir = Some(dir);
        s
    }

    /// Run `cmd` in a `cols`×`rows` pty with `home` as its data, config and home directory,
    /// plus `extra_env`. The working directory is the crate's unless `cmd` sets one.
    pub fn spawn(
        mut cmd: CommandBuilder,
        home: &Path,
        cols: u16,
        rows: u16,
        extra_env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        if cmd.get_cwd().is_none() {
            cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", home);
        cmd.env("XDG_CONFIG_HOME", home);
        cmd.env("HOME", home);
        for (key, value) in extra_env {
            cmd.env(key, value);
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
        let screen = parser.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_in = raw.clone();
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            dir: None,
            settle: Duration::from_millis(100),
            kill_on_drop: false,
        }
    }

    /// Wait `settle` after each `send` instead of 100 ms.
    pub fn with_settle(mut self, settle: Duration) -> Session {
        self.settle = settle;
        self
    }

    /// Stop the child when the session is dropped, for tests that end without quitting.
    pub fn kill_on_drop(mut self) -> Session {
        self.kill_on_drop = true;
        self
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen satisfies `pred`; panics with the screen after 10 s.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app process and redraw.
        std::thread::sleep(self.settle);
    }

    /// The data directory, for another run.
    pub fn into_dir(mut self) -> tempfile::TempDir {
        self.dir
            .take()
            .expect("a session started with its own data directory")
    }

    /// The exit status within `within`; kills the child and panics with the screen otherwise.
    pub fn wait_status(&mut self, within: Duration) -> ExitStatus {
        let start = Instant::now();
        while start.elapsed() < within {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("tenor did not exit; screen:\n{}", self.screen());
    }

    /// Whether it exited successfully, within 10 s.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_status(Duration::from_secs(10)).success()
    }

    /// The exit code, within 5 s (128 + the signal when a signal ended it).
    pub fn wait_exit_code(&mut self) -> u32 {
        self.wait_status(Duration::from_secs(5)).exit_code()
    }

    #[cfg(unix)]
    pub fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a pid") as libc::pid_t;
        // SAFETY: kill only sends a signal to the child we started.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// Whether the terminal was given back: main screen, cursor shown.
    pub fn restored(&self) -> bool {
        let p = self.parser.lock().unwrap();
        !p.screen().alternate_screen() && !p.screen().hide_cursor()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.kill_on_drop {
            return;
        }
        // Ctrl-C first, so it can quit as it would; kill it after 5 s.
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
