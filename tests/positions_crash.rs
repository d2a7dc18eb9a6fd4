//! Reading positions after a crash: a Tenor killed (SIGKILL) while it writes to the store
//! never blocks the next one's reading-position saves (reading.json's stale lock file lost
//! the position in 123 of 149 such runs), and no temporary file is left behind.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tenor::annotate::reading::ReadingState;
use tenor::store::Store;

fn st(offset: usize) -> ReadingState {
    ReadingState {
        offset,
        quote: "The winter timetable starts".into(),
        section: "1-ferry".into(),
        folded: Vec::new(),
        percent: 10,
        visited: 0,
        target: None,
        marks: Default::default(),
    }
}

#[test]
fn a_killed_writer_never_blocks_the_next_position_save() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ferry.md"),
        "# Ferry\n\nThe winter timetable starts in November.\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    for round in 0..20u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tenor"))
            .args(["notes", "stress", "ferry.md", "--count", "1000000"])
            .current_dir(dir.path())
            .env("TENOR_DATA_DIR", &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Killed while it writes: after its first acknowledged save, at varying moments.
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        std::thread::sleep(Duration::from_micros(round * 700));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let started = Instant::now();
        let (store, warnings) = Store::open(&data);
        assert!(store.read_only().is_none(), "{warnings:?}");
        let key = "file:/ferry.md".to_string();
        let saved = store
            .save_reading_positions(
                &[(key.clone(), st(round as usize))],
                std::slice::from_ref(&key),
                1,
            )
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(saved[&key].offset, round as usize);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "round {round}: {:?}",
            started.elapsed()
        );
        drop(store);
        // The database and SQLite's own journal files; nothing else.
        for e in std::fs::read_dir(&data).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                ["tenor.db", "tenor.db-wal", "tenor.db-shm", "backups"].contains(&name.as_str()),
                "left behind: {name}"
            );
        }
    }
}
