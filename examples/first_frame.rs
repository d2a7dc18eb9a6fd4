//! Time from start to first frame (and to the article on screen) for a generated article, with
//! the real binary in a pseudo-terminal: `cargo run --release --example first_frame -- [BYTES]`.
//! Build the binary first (`cargo build --release`).

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let bytes: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    std::fs::write(
        &path,
        tenor::generate::article(tenor::generate::GenFormat::Markdown, bytes, 3),
    )
    .unwrap();
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/tenor");
    let mut firsts = Vec::new();
    let mut fulls = Vec::new();
    for _ in 0..5 {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 50,
                cols: 160,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(&bin);
        cmd.arg(&path);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TENOR_DATA_DIR", dir.path());
        let start = Instant::now();
        let mut child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            50.try_into().unwrap(),
            160.try_into().unwrap(),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let mut first = None;
        loop {
            let s = parser.lock().unwrap().screen().contents();
            if first.is_none() && (s.contains("Loading") || s.contains(" READ ")) {
                first = Some(start.elapsed());
            }
            if s.contains("Generated Trade Brief ›")
                || s.contains(" READ ") && s.contains("Section 1")
            {
                fulls.push(start.elapsed());
                break;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("no article on screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        firsts.push(first.unwrap_or_default());
        let mut w = pair.master.take_writer().unwrap();
        let _ = w.write_all(b"q");
        let _ = child.wait();
    }
    firsts.sort();
    fulls.sort();
    println!("article: {} bytes", bytes);
    println!(
        "first frame: median {:?} (min {:?}, max {:?})",
        firsts[2], firsts[0], firsts[4]
    );
    println!(
        "article on screen: median {:?} (min {:?}, max {:?})",
        fulls[2], fulls[0], fulls[4]
    );
}
use std::io::Write;
