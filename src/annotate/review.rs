//! A person's verdict on where re-anchoring put an annotation: a `needs_review` candidate (or a
//! `fuzzy` match) is accepted, and the annotation is `anchored` there, or rejected, and it is
//! `orphaned` (listed with the ones not found, still attachable to a new selection). Either
//! way the original target stays as it was made.

use std::ops::Range;

use super::{Annotation, Status, Target};

/// Whether an annotation with this status asks a person to look: `needs_review`, `fuzzy`.
pub fn wants_review(s: Status) -> bool {
    matches!(s, Status::NeedsReview | Status::Fuzzy)
}

/// `a` accepted at bytes `range` of `text` (its candidate, or where a fuzzy match put it): the
/// current target becomes that passage, `anchored`; `modified` is `now`. `None` when the
/// annotation does not wait for review or the range is empty or outside the text.
pub fn accept(a: &Annotation, text: &str, range: Range<usize>, now: &str) -> Option<Annotation> {
    if !wants_review(a.target.status)
        || range.is_empty()
        || text.get(range.clone()).is_none_or(str::is_empty)
    {
        return None;
    }
    let mut out = a.clone();
    out.target = Target::of(text, range);
    out.modified = now.to_string();
    Some(out)
}

/// `a` rejected while reading `text`: `orphaned`. Its target keeps its quote and context but
/// records `text`'s fingerprint, so re-anchoring in this same text leaves it orphaned rather
/// than proposing the same candidate again (a changed text is searched afresh). `None` when
/// the annotation does not wait for review.
pub fn reject(a: &Annotation, text_fingerprint: &str, now: &str) -> Option<Annotation> {
    if !wants_review(a.target.status) {
        return None;
    }
    let mut out = a.clone();
    out.target.status = Status::Orphaned;
    out.target.fingerprint = text_fingerprint.to_string();
    out.modified = now.to_string();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{Motivation, Reanchorer, fingerprint};

    const OLD: &str = "The committee met in spring. It agreed that the river dredging \
        would start before the rains, funded by the port levy. Members asked for a report.";
    const NEW: &str = "The committee met in spring. It agreed that the harbour dredging \
        could start after the floods, funded by a port charge. Members asked for a report.";

    fn made_on_old() -> Annotation {
        let s = OLD.find("It agreed").unwrap();
        let e = OLD.find("levy.").unwrap() + 5;
        Annotation::new("art", Target::of(OLD, s..e), Motivation::Commenting)
    }

    /// The annotation as the store leaves it after anchoring in NEW, and where it was put.
    fn reanchored(a: &Annotation) -> (Annotation, crate::annotate::Anchored) {
        let r = Reanchorer::new(NEW, Some(OLD));
        let at = r.anchor(&a.target);
        let mut b = a.clone();
        b.target = r.retarget(&a.target, &at);
        (b, at)
    }

    #[test]
    fn a_rewritten_passage_needs_review_and_accepting_anchors_it_there() {
        let a = made_on_old();
        let (b, at) = reanchored(&a);
        assert_eq!(at.status, Status::NeedsReview, "{at:?}");
        let cand = at.candidate.clone().unwrap();
        let c = accept(&b, NEW, cand.clone(), "2026-12-01T00:00:00.000Z").unwrap();
        assert_eq!(c.target.status, Status::Anchored);
        assert_eq!(c.target.quote, &NEW[cand]);
        assert_eq!(c.target.fingerprint, fingerprint(NEW));
        assert_eq!(c.original, a.original, "the original target never changes");
        assert_eq!(c.modified, "2026-12-01T00:00:00.000Z");
        // Placed again in the same text: anchored at the accepted passage.
        let again = Reanchorer::new(NEW, None).anchor(&c.target);
        assert_eq!(again.status, Status::Anchored);
    }

    #[test]
    fn rejecting_orphans_it_and_the_same_text_does_not_propose_it_again() {
        let a = made_on_old();
        let (b, _) = reanchored(&a);
        let r = reject(&b, &fingerprint(NEW), "now").unwrap();
        assert_eq!(r.target.status, Status::Orphaned);
        assert_eq!(
            r.target.quote, a.target.quote,
            "the quote is kept to attach it"
        );
        assert_eq!(r.original, a.original);
        // Reopened on the same text (with or without the old text known): still orphaned.
        for old in [None, Some(OLD)] {
            let at = Reanchorer::new(NEW, old).anchor(&r.target);
            assert_eq!(at.status, Status::Orphaned, "{old:?}");
            assert_eq!(at.candidate, None);
        }
        // The text changes again to hold the quote exactly: found afresh.
        let newer = format!("Preface. {OLD}");
        let at = Reanchorer::new(&newer, Some(NEW)).anchor(&r.target);
        assert_eq!(at.status, Status::Anchored);
    }

    #[test]
    fn an_orphan_whose_text_comes_back_is_anchored_again() {
        // Not rejected, just not found in NEW: its target still names OLD; back in OLD it is found.
        let a = made_on_old();
        let mut lost = a.clone();
        lost.target.status = Status::Orphaned;
        let at = Reanchorer::new(OLD, None).anchor(&lost.target);
        assert_eq!(at.status, Status::Anchored);
    }

    #[test]
    fn a_fuzzy_match_stays_fuzzy_until_accepted() {
        let text = "Alpha beta. The harbour levy pays for the dredging work. Gamma delta.";
        let fixed = "Alpha beta. The harbour levy pays for the dreging work. Gamma delta.";
        let s = fixed.find("The").unwrap();
        let e = fixed.find("work.").unwrap() + 5;
        let a = Annotation::new("art", Target::of(fixed, s..e), Motivation::Highlighting);
        let r = Reanchorer::new(text, Some(fixed));
        let at = r.anchor(&a.target);
        assert_eq!(at.status, Status::Fuzzy, "{at:?}");
        let mut b = a.clone();
        b.target = r.retarget(&a.target, &at);
        // Reopened on the same text: still fuzzy (a person has not looked).
        let again = Reanchorer::new(text, None).anchor(&b.target);
        assert_eq!(again.status, Status::Fuzzy);
        let range = at.range.clone().unwrap();
        let c = accept(&b, text, range, "now").unwrap();
        assert_eq!(c.target.status, Status::Anchored);
        let again = Reanchorer::new(text, None).anchor(&c.target);
        assert_eq!(again.status, Status::Anchored);
        // Or rejected: orphaned.
        assert_eq!(
            reject(&b, &fingerprint(text), "now").unwrap().target.status,
            Status::Orphaned
        );
    }

    #[test]
    fn only_annotations_waiting_for_review_are_accepted_or_rejected() {
        let a = made_on_old();
        assert_eq!(accept(&a, OLD, 0..5, "now"), None, "anchored already");
        assert_eq!(reject(&a, "fp", "now"), None);
        let (b, _) = reanchored(&a);
        assert_eq!(accept(&b, NEW, 5..5, "now"), None, "empty");
        assert_eq!(accept(&b, NEW, 0..100_000, "now"), None, "outside the text");
        assert_eq!(accept(&b, "é", 0..1, "now"), None, "not on a char boundary");
        let mut o = b.clone();
        o.target.status = Status::Orphaned;
        assert_eq!(accept(&o, NEW, 0..5, "now"), None);
    }
}
