//! Crash safety: a writer (`tenor notes stress`, which prints each annotation's id after its
//! commit) is killed with SIGKILL at random moments; after each kill the database opens, passes
//! the integrity check, holds every acknowledged annotation and takes new saves at once.

#![cfg(unix)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tenor::annotate::reading::ReadingState;
use tenor::store::{Store, StoreWarning};

const ARTICLE: &str = "# Ferry timetable\n\n\
The winter timetable starts in November with fewer sailings on weekdays.\n";

fn writer(dir: &Path, count: usize) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(["notes", "stress", "ferry.md", "--count", &count.to_string()])
        .current_dir(dir)
        .env("TENOR_DATA_DIR", dir.join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small deterministic generator (xorshift), seeded from the clock and printed, so a failing
/// run can be told apart.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn ids(out: &str) -> Vec<String> {
    // A line cut by the kill is not an acknowledgement.
    out.split_inclusive('\n')
        .filter(|l| l.ends_with('\n'))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn killed_writers_never_lose_an_acknowledged_annotation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.md"), ARTICLE).unwrap();
    let data = dir.path().join("data");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("seed {seed}");
    let mut rng = Rng(seed);
    let mut acknowledged: HashSet<String> = HashSet::new();
    let started = Instant::now();
    const KILLS: usize = 200;
    for round in 0..KILLS {
        let mut child = writer(dir.path(), 1_000_000);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        if round % 2 == 0 {
            // Anywhere: starting, opening, migrating, backing up, writing.
            std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
        } else {
            // While it writes: after its first acknowledged save.
            stdout.read_line(&mut out).unwrap();
            std::thread::sleep(Duration::from_micros(rng.next() % 15_000));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stdout.read_to_string(&mut out).unwrap();
        acknowledged.extend(ids(&out));

        let (store, warnings) = Store::open(&data);
        assert!(
            !warnings.iter().any(|w| matches!(
                w,
                StoreWarning::SetAside { .. } | StoreWarning::Unavailable { .. }
            )),
            "round {round} (seed {seed}): {warnings:?}"
        );
        assert!(store.integrity_ok(), "round {round} (seed {seed})");
        assert!(store.read_only().is_none());
        let stored: HashSet<String> = store
            .all_annotations(true)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        let lost: Vec<_> = acknowledged.difference(&stored).collect();
        assert!(
            lost.is_empty(),
            "round {round} (seed {seed}): lost {lost:?}"
        );
        // The next save is not blocked by anything the killed writer left.
        let st = ReadingState {
            offset: round,
            quote: String::new(),
            section: String::new(),
            folded: vec![],
            percent: 0,
            visited: round as u64 + 1,
            target: None,
            marks: Default::default(),
        };
        let t = Instant::now();
        assert!(store.save_reading_position("file:/ferry.md", &st).unwrap());
        assert!(t.elapsed() < Duration::from_secs(2));
        assert_eq!(
            store
                .reading_position("file:/ferry.md")
                .unwrap()
                .unwrap()
                .offset,
            round
        );
    }
    println!(
        "{KILLS} kills, {} acknowledged annotations kept, in {:.1?}",
        acknowledged.len(),
        started.elapsed()
    );
    assert!(!acknowledged.is_empty());
    // Nothing left behind once the last Tenor has closed the database.
    let names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["backups", "tenor.db"], "{names:?}");
    let backups: Vec<String> = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(backups.iter().all(|n| n.ends_with(".db")), "{backups:?}");
}

#[test]
fn two_writers_at_once_keep_all_400() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.md"), ARTICLE).unwrap();
    let a = writer(dir.path(), 200);
    let b = writer(dir.path(), 200);
    let mut all = Vec::new();
    for c in [a, b] {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success());
        all.extend(ids(&String::from_utf8(o.stdout).unwrap()));
    }
    assert_eq!(all.len(), 400);
    let (store, _) = Store::open(&dir.path().join("data"));
    let list = store.all_annotations(false).unwrap();
    assert_eq!(list.len(), 400);
    let articles: HashSet<&str> = list.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(articles.len(), 1, "one article");
}
