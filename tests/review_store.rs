//! A person's verdict on a `needs_review` or `fuzzy` placement, saved in the store and still
//! true when the article is opened again: accepted stays anchored at the accepted passage,
//! rejected stays orphaned (no candidate proposed again for the same text), fuzzy stays fuzzy
//! until looked at. The original target never changes.

use tenor::annotate::review::{accept, reject};
use tenor::annotate::{Annotation, Motivation, Status, Target, fingerprint, now_utc};
use tenor::store::Store;

const OLD: &str = "The committee met in spring. It agreed that the river dredging \
    would start before the rains, funded by the port levy. Members asked for a report.";
const NEW: &str = "The committee met in spring. It agreed that the harbour dredging \
    could start after the floods, funded by a port charge. Members asked for a report.";
const QUOTE: &str =
    "It agreed that the river dredging would start before the rains, funded by the port levy.";

/// A note made on OLD and saved; the store has seen OLD.
fn note_on_old(store: &Store) -> Annotation {
    let article = store
        .article_id("file:/c.md", Some(&fingerprint(OLD)))
        .unwrap();
    let p = OLD.find(QUOTE).unwrap();
    let mut a = Annotation::new(
        &article,
        Target::of(OLD, p..p + QUOTE.len()),
        Motivation::Commenting,
    );
    a.note = "ask about costs".into();
    store.save(&a).unwrap();
    let got = store.anchor_article(&article, OLD).unwrap();
    assert_eq!(got[0].1.status, Status::Anchored);
    a
}

#[test]
fn an_accepted_candidate_stays_anchored_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on_old(&store);
    let got = store.anchor_article(&a.article, NEW).unwrap();
    let (b, at) = &got[0];
    assert_eq!(at.status, Status::NeedsReview, "{at:?}");
    assert_eq!(b.target.status, Status::NeedsReview);
    let cand = at.candidate.clone().unwrap();
    let c = accept(b, NEW, cand.clone(), &now_utc()).unwrap();
    store.save(&c).unwrap();
    drop(store);
    let (store, _) = Store::open(dir.path());
    let got = store.anchor_article(&a.article, NEW).unwrap();
    assert_eq!(got[0].1.status, Status::Anchored);
    assert_eq!(got[0].1.range, Some(cand));
    assert_eq!(got[0].0.original, a.original, "the original target stays");
    assert_eq!(got[0].0.note, "ask about costs");
}

#[test]
fn a_rejected_candidate_is_not_proposed_again_for_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on_old(&store);
    let got = store.anchor_article(&a.article, NEW).unwrap();
    assert_eq!(got[0].1.status, Status::NeedsReview);
    let r = reject(&got[0].0, &fingerprint(NEW), &now_utc()).unwrap();
    store.save(&r).unwrap();
    drop(store);
    let (store, _) = Store::open(dir.path());
    for _ in 0..2 {
        let got = store.anchor_article(&a.article, NEW).unwrap();
        assert_eq!(got[0].1.status, Status::Orphaned, "{:?}", got[0].1);
        assert_eq!(got[0].1.candidate, None);
        assert_eq!(got[0].0.target.quote, QUOTE, "kept to be attached");
        assert_eq!(got[0].0.original, a.original);
    }
    // The article changes again and holds the passage as first written: found afresh.
    let newer = format!("A preface. {OLD}");
    let got = store.anchor_article(&a.article, &newer).unwrap();
    assert_eq!(got[0].1.status, Status::Anchored, "{:?}", got[0].1);
}

#[test]
fn a_fuzzy_match_stays_fuzzy_until_accepted() {
    let fixed = OLD.replace("dredging", "dreging");
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let a = note_on_old(&store);
    for _ in 0..2 {
        let got = store.anchor_article(&a.article, &fixed).unwrap();
        assert_eq!(got[0].1.status, Status::Fuzzy, "{:?}", got[0].1);
    }
    let got = store.anchor_article(&a.article, &fixed).unwrap();
    let range = got[0].1.range.clone().unwrap();
    let c = accept(&got[0].0, &fixed, range, &now_utc()).unwrap();
    store.save(&c).unwrap();
    let got = store.anchor_article(&a.article, &fixed).unwrap();
    assert_eq!(got[0].1.status, Status::Anchored);
}
