//! The SQLite store: annotations and reading positions kept, damaged databases set aside and
//! restored from backup, newer databases left alone, links kept, nothing left behind.

use std::fs;
use std::path::Path;

use tenor::annotate::reading::ReadingState;
use tenor::annotate::{Annotation, Motivation, Status, Target, fingerprint};
use tenor::store::{DB_FILE, Store, StoreError, StoreWarning};

const TEXT: &str = "The council approved the budget on Monday.\n\n\
The new tax on sugary drinks starts in April and will fund school meals.\n\n\
Critics said the consultation had been too short.";

fn note_on(store: &Store, key: &str, text: &str, quote: &str) -> Annotation {
    let fp = fingerprint(text);
    let article = store.article_id(key, Some(&fp)).unwrap();
    let p = text.find(quote).unwrap();
    let mut a = Annotation::new(
        &article,
        Target::of(text, p..p + quote.len()),
        Motivation::Commenting,
    );
    a.note = "A *Markdown* note.".into();
    a.tags = vec!["tax".into(), "schools".into()];
    store.save(&a).unwrap();
    a
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn annotations_are_saved_read_and_deleted_softly() {
    let dir = tempfile::tempdir().unwrap();
    let (store, w) = Store::open(dir.path());
    assert!(w.is_empty(), "{w:?}");
    let a = note_on(&store, "file:/a.md", TEXT, "The new tax on sugary drinks");
    let got = store.annotations(&a.article).unwrap();
    assert_eq!(got, vec![a.clone()]);
    assert!(store.delete(&a.id).unwrap());
    assert!(store.annotations(&a.article).unwrap().is_empty());
    // A tombstone: still there for undo and sync.
    let tomb = store.annotation(&a.id).unwrap().unwrap();
    assert!(tomb.deleted.is_some());
    assert!(store.undelete(&a.id).unwrap());
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    drop(store);
    // Reopened: still there, and nothing but the database and its backup is left.
    let (store, _) = Store::open(dir.path());
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    drop(store);
    assert_eq!(names(dir.path()), vec!["backups", DB_FILE]);
    assert!(
        names(&dir.path().join("backups"))
            .iter()
            .all(|n| n.ends_with(".db"))
    );
}

#[test]
fn a_renamed_file_keeps_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/old/name.md", TEXT, "Critics said");
    let fp = fingerprint(TEXT);
    let id = store.article_id("file:/new/place.md", Some(&fp)).unwrap();
    assert_eq!(id, a.article);
    assert_eq!(store.annotations(&id).unwrap().len(), 1);
    // Both names now lead to it.
    assert_eq!(store.article_id("file:/old/name.md", None).unwrap(), id);
}

#[test]
fn notes_are_found_again_after_the_article_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "will fund school meals");
    let first = store.anchor_article(&a.article, TEXT).unwrap();
    assert_eq!(first[0].1.status, Status::Anchored);
    // Text inserted above, and the same words added elsewhere: the diff keeps the place.
    let edited = format!("A paragraph added above.\n\n{TEXT}\n\nThis too will fund school meals.");
    let got = store.anchor_article(&a.article, &edited).unwrap();
    let r = got[0].1.range.clone().unwrap();
    assert_eq!(got[0].1.status, Status::Anchored);
    assert_eq!(r.start, edited.find("will fund school meals").unwrap());
    // The new place is saved, the original kept.
    let saved = store.annotation(&a.id).unwrap().unwrap();
    assert_eq!(saved.target.fingerprint, fingerprint(&edited));
    assert_eq!(saved.original, a.original);
    assert_eq!(
        saved.target.start,
        a.target.start + "A paragraph added above.\n\n".len()
    );
}

fn corrupt_case(damage: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "Critics said");
    store.backup_now().unwrap();
    drop(store);
    let db = dir.path().join(DB_FILE);
    damage(&db);
    let (store, w) = Store::open(dir.path());
    let set_aside = w.iter().find_map(|w| match w {
        StoreWarning::SetAside {
            aside, restored, ..
        } => Some((aside.clone(), restored.clone())),
        _ => None,
    });
    let (aside, restored) = set_aside.unwrap_or_else(|| panic!("not set aside: {w:?}"));
    let aside = aside.expect("moved aside");
    assert!(fs::symlink_metadata(&aside).is_ok(), "{}", aside.display());
    assert!(aside.to_string_lossy().contains(".corrupt-"));
    assert!(restored.is_some(), "{w:?}");
    assert!(w[0].to_string().contains("tenor.db"), "{}", w[0]);
    assert!(store.read_only().is_none());
    assert!(store.integrity_ok());
    assert_eq!(store.annotation(&a.id).unwrap().unwrap().id, a.id);
}

#[test]
fn a_truncated_database_is_set_aside_and_the_backup_restored() {
    corrupt_case(|db| {
        let f = fs::OpenOptions::new().write(true).open(db).unwrap();
        let len = f.metadata().unwrap().len();
        f.set_len(len / 2 + 100).unwrap();
    });
}

#[test]
fn a_zero_byte_database_is_set_aside_and_the_backup_restored() {
    corrupt_case(|db| fs::write(db, b"").unwrap());
}

#[test]
fn a_random_bytes_database_is_set_aside_and_the_backup_restored() {
    corrupt_case(|db| {
        let bytes: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        fs::write(db, bytes).unwrap();
    });
}

#[test]
fn a_directory_in_the_database_place_is_set_aside_and_the_backup_restored() {
    corrupt_case(|db| {
        fs::remove_file(db).unwrap();
        fs::create_dir(db).unwrap();
        fs::write(db.join("x"), b"x").unwrap();
    });
}

#[test]
fn a_damaged_page_fails_the_integrity_check_and_is_set_aside() {
    corrupt_case(|db| {
        let mut b = fs::read(db).unwrap();
        // Scribble over the second page (the first table's b-tree), keep the header.
        for x in b.iter_mut().skip(4096).take(600) {
            *x = 0x5a;
        }
        fs::write(db, b).unwrap();
    });
}

#[test]
fn a_newer_tenors_database_is_opened_read_only_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "Critics said");
    drop(store);
    let db = dir.path().join(DB_FILE);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = fs::read(&db).unwrap();
    let (store, w) = Store::open(dir.path());
    assert!(
        matches!(w.as_slice(), [StoreWarning::Newer { version: 99, .. }]),
        "{w:?}"
    );
    assert!(w[0].to_string().contains("cannot be saved"));
    assert!(store.read_only().is_some());
    // Readable, not writable.
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    assert!(matches!(store.save(&a), Err(StoreError::ReadOnly(_))));
    drop(store);
    assert_eq!(fs::read(&db).unwrap(), before);
    assert!(names(dir.path()).iter().all(|n| !n.contains("corrupt")));
}

#[cfg(unix)]
#[test]
fn a_database_reached_through_a_symlink_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    let data = dir.path().join("data");
    fs::create_dir_all(&synced).unwrap();
    fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(synced.join("notes.db"), data.join(DB_FILE)).unwrap();
    // A dangling link: the database is created where it points.
    let (store, w) = Store::open(&data);
    assert!(w.is_empty(), "{w:?}");
    let a = note_on(&store, "file:/a.md", TEXT, "Critics said");
    store.backup_now().unwrap();
    drop(store);
    let link = data.join(DB_FILE);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(synced.join("notes.db").is_file());
    // Damaged where it points: set aside and restored there, the link kept.
    fs::write(synced.join("notes.db"), b"garbage garbage garbage").unwrap();
    let (store, w) = Store::open(&data);
    assert!(
        matches!(w.first(), Some(StoreWarning::SetAside { .. })),
        "{w:?}"
    );
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    drop(store);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        names(&synced)
            .iter()
            .any(|n| n.starts_with("notes.db.corrupt-"))
    );
}

#[test]
fn a_read_only_store_reads_and_says_notes_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "Critics said");
    drop(store);
    let (store, w) = Store::open_read_only(dir.path(), "testing");
    assert!(w[0].to_string().contains("cannot be saved"), "{w:?}");
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    let err = store.save(&a).unwrap_err();
    assert!(err.to_string().contains("cannot be saved"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_directory_still_reads() {
    use std::os::unix::fs::PermissionsExt;
    // Root ignores permissions: nothing to test there.
    if unsafe { libc_geteuid() } == 0 {
        eprintln!("skipped: running as root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "Critics said");
    drop(store);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let (store, w) = Store::open(dir.path());
    let names_now = names(dir.path());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        matches!(w.first(), Some(StoreWarning::ReadOnly { .. })),
        "{w:?}"
    );
    assert_eq!(store.annotations(&a.article).unwrap().len(), 1);
    assert!(store.save(&a).is_err());
    assert!(names_now.iter().all(|n| !n.contains("corrupt")));
}

#[cfg(unix)]
unsafe fn libc_geteuid() -> u32 {
    unsafe extern "C" {
        fn geteuid() -> u32;
    }
    unsafe { geteuid() }
}

#[test]
fn reading_json_is_imported_once_and_kept_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"version":1,"articles":{
        "file:/a.md":{"offset":10,"quote":"Two.","section":"1-a","folded":["2-b"],"percent":40,"visited":7},
        "bundled:x.txt":{"offset":0,"quote":"","section":"","visited":3}}}"#;
    fs::write(dir.path().join("reading.json"), json).unwrap();
    let (store, w) = Store::open(dir.path());
    assert!(
        matches!(w.as_slice(), [StoreWarning::Imported { count: 2, .. }]),
        "{w:?}"
    );
    let st = store.reading_position("file:/a.md").unwrap().unwrap();
    assert_eq!(
        (st.offset, st.percent, st.folded.clone()),
        (10, 40, vec!["2-b".to_string()])
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("reading.json.imported")).unwrap(),
        json
    );
    assert!(!dir.path().join("reading.json").exists());
    drop(store);
    let (store, w) = Store::open(dir.path());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(store.reading_positions().unwrap().len(), 2);
}

#[test]
fn the_newer_visit_wins_between_two_tenors() {
    let dir = tempfile::tempdir().unwrap();
    let (one, _) = Store::open(dir.path());
    let (two, _) = Store::open(dir.path());
    let st = |offset, visited| ReadingState {
        offset,
        quote: String::new(),
        section: String::new(),
        folded: vec![],
        percent: 0,
        visited,
        target: None,
        marks: Default::default(),
    };
    assert!(one.save_reading_position("file:/a.md", &st(5, 10)).unwrap());
    assert!(!two.save_reading_position("file:/a.md", &st(1, 9)).unwrap());
    assert!(two.save_reading_position("file:/a.md", &st(7, 11)).unwrap());
    assert_eq!(
        one.reading_position("file:/a.md").unwrap().unwrap().offset,
        7
    );
}

#[test]
fn backups_are_daily_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let bdir = dir.path().join("backups");
    assert_eq!(names(&bdir).len(), 1, "the first open backs up");
    assert!(store.backup_if_due().unwrap().is_none(), "at most daily");
    for _ in 0..7 {
        store.backup_now().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let list = names(&bdir);
    assert_eq!(list.len(), 5, "{list:?}");
    assert!(list.iter().all(|n| n.ends_with(".db")), "{list:?}");
}

#[test]
fn many_connections_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let article = store
        .article_id("file:/a.md", Some(&fingerprint(TEXT)))
        .unwrap();
    drop(store);
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let d = dir.path().to_path_buf();
            let art = article.clone();
            std::thread::spawn(move || {
                let (s, _) = Store::open(&d);
                for _ in 0..100 {
                    let a = Annotation::new(&art, Target::of(TEXT, 0..3), Motivation::Highlighting);
                    s.save(&a).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (store, _) = Store::open(dir.path());
    assert_eq!(store.annotations(&article).unwrap().len(), 200);
}

#[test]
fn placements_are_the_lean_view_of_anchoring() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on(&store, "file:/a.md", TEXT, "The new tax on sugary drinks");
    let p = store.placements(&a.article, TEXT).unwrap();
    let start = TEXT.find("The new tax").unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].range,
        Some(start..start + "The new tax on sugary drinks".len())
    );
    assert!(p[0].has_note);
    // The text changed: re-anchored (and saved) first.
    let edited = format!("Above.\n\n{TEXT}");
    let p = store.placements(&a.article, &edited).unwrap();
    assert_eq!(
        p[0].range.as_ref().unwrap().start,
        start + "Above.\n\n".len()
    );
    assert_eq!(p[0].status, Status::Anchored);
    let again = store.placements(&a.article, &edited).unwrap();
    assert_eq!(again, p);
}

#[test]
fn a_reading_json_with_a_bom_or_unknown_fields_imports() {
    let dir = tempfile::tempdir().unwrap();
    let json = "\u{feff}{\"version\":1,\"future\":[1,2],\"articles\":{\"file:/b.md\":\
        {\"offset\":3,\"quote\":\"Q\",\"section\":\"\",\"visited\":5,\"later_field\":true}}}";
    fs::write(dir.path().join("reading.json"), json).unwrap();
    let (store, w) = Store::open(dir.path());
    assert!(
        matches!(w.as_slice(), [StoreWarning::Imported { count: 1, .. }]),
        "{w:?}"
    );
    assert_eq!(
        store
            .reading_position("file:/b.md")
            .unwrap()
            .unwrap()
            .offset,
        3
    );
}

#[test]
fn an_unreadable_reading_json_is_left_where_it_is_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("reading.json"), "{not json").unwrap();
    let (_store, w) = Store::open(dir.path());
    assert!(
        matches!(w.as_slice(), [StoreWarning::ImportFailed { .. }]),
        "{w:?}"
    );
    assert!(dir.path().join("reading.json").exists());
}
