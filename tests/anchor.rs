//! The re-anchoring suite: an annotation made on one version of an article is found again in an
//! edited version, or reported as not placed; it is never attached to another passage.
//! Run with `--nocapture` to see the table of outcomes.

use tenor::annotate::{Reanchorer, Status, Target, anchor};
use tenor::article::{Article, Format, parse_str};

const BASE: &str = "# Harbour review\n\n\
The harbour board met on Tuesday to review the dues charged to visiting vessels and the \
state of the northern breakwater.\n\n\
## Dues\n\n\
Dues for container ships will rise by four percent from the first of May, the board said, \
after two years without an increase.\n\n\
Fishing boats under twelve metres keep their present rate.\n\n\
## Breakwater\n\n\
Engineers found that storms last winter moved several armour stones at the northern end, \
and repairs are expected to take most of the summer.\n\n\
## Outlook\n\n\
The board expects traffic to grow slowly while the repairs go on.\n";

fn md(s: &str) -> Article {
    parse_str(s, Format::Markdown, "t")
}

/// The target on the `nth` copy of `quote` in `a`'s text.
fn target(a: &Article, quote: &str, nth: usize) -> Target {
    let p = a
        .text
        .match_indices(quote)
        .nth(nth)
        .unwrap_or_else(|| panic!("{quote:?} #{nth} not in {:?}", a.text))
        .0;
    Target::of(&a.text, p..p + quote.len())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// The exact quote at the `n`th copy of this text in the new version.
    Exact(&'static str, usize),
    /// A close match: exactly this text of the new version (first copy).
    Fuzzy(&'static str),
    /// Not placed (orphaned or needs review).
    NotPlaced,
}

#[derive(Default)]
struct Tally {
    right: usize,
    not_placed: usize,
    wrong: usize,
    rows: Vec<String>,
}

struct Case {
    name: &'static str,
    old: String,
    new: String,
    quote: &'static str,
    nth: usize,
    /// Whether the text the annotation was made on is known (the store keeps it).
    with_old: bool,
    want: Want,
}

fn check(c: &Case, tally: &mut Tally) {
    let (a, b) = (md(&c.old), md(&c.new));
    let t = target(&a, c.quote, c.nth);
    let got = if c.with_old {
        Reanchorer::new(&b.text, Some(&a.text)).anchor(&t)
    } else {
        anchor(&b.text, &t)
    };
    let place = |s: &str, n: usize| b.text.match_indices(s).nth(n).map(|(p, _)| p..p + s.len());
    let verdict = match (c.want, &got.range) {
        (Want::Exact(s, n), Some(r))
            if got.status == Status::Anchored && Some(r.clone()) == place(s, n) =>
        {
            "right"
        }
        (Want::Fuzzy(s), Some(r))
            if got.status == Status::Fuzzy && Some(r.clone()) == place(s, 0) =>
        {
            "right"
        }
        (Want::NotPlaced, None) => "right",
        (_, None) => "not placed",
        _ => "WRONG",
    };
    match verdict {
        "right" => tally.right += 1,
        "not placed" => tally.not_placed += 1,
        _ => tally.wrong += 1,
    }
    tally.rows.push(format!(
        "{:<58} {:<12} {}",
        format!(
            "{}{}",
            c.name,
            if c.with_old { "" } else { " (quote only)" }
        ),
        got.status.as_str(),
        verdict
    ));
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    let case = |name, old: &str, new: String, quote, nth, want| Case {
        name,
        old: old.to_string(),
        new,
        quote,
        nth,
        with_old: true,
        want,
    };
    let dues = "Dues for container ships will rise by four percent from the first of May";
    // Text inserted before and edited after: exact, offsets shifted.
    let ins = BASE
        .replace(
            "The harbour board met",
            "A short note added at the top.\n\nThe harbour board met",
        )
        .replace("grow slowly", "grow very slowly");
    v.push(case(
        "inserted before, edited after",
        BASE,
        ins,
        dues,
        0,
        Want::Exact(dues, 0),
    ));
    // A typo fixed inside the quote: fuzzy.
    let typo_old = BASE.replace("container ships", "contianer ships");
    let typo_q = "Dues for contianer ships will rise by four percent from the first of May";
    v.push(case(
        "typo fixed inside the quote",
        &typo_old,
        BASE.to_string(),
        typo_q,
        0,
        Want::Fuzzy(dues),
    ));
    // Rewritten by more than a quarter: not placed.
    let rewritten = BASE.replace(
        "Engineers found that storms last winter moved several armour stones at the northern end",
        "An inspection after the gales showed that the far end of the wall lost a row of blocks",
    );
    let brk =
        "Engineers found that storms last winter moved several armour stones at the northern end";
    v.push(case(
        "rewritten by more than a quarter",
        BASE,
        rewritten,
        brk,
        0,
        Want::NotPlaced,
    ));
    // Deleted while a look-alike exists elsewhere: not placed.
    let alike_old = BASE.replace(
        "## Outlook",
        "Fishing boats under twelve metres keep their present rates.\n\n## Outlook",
    );
    let alike_new = alike_old.replace(
        "Fishing boats under twelve metres keep their present rate.\n\n",
        "",
    );
    v.push(case(
        "deleted while a look-alike exists",
        &alike_old,
        alike_new,
        "Fishing boats under twelve metres keep their present rate.",
        0,
        Want::NotPlaced,
    ));
    // The second of two identical passages, with an edit before it: stays on the second.
    let twice = BASE.replace(
        "## Outlook",
        "Fishing boats under twelve metres keep their present rate.\n\n## Outlook",
    );
    let twice_new = twice.replace("Engineers found", "Engineers from the port found");
    v.push(case(
        "second of two identical passages, edit before",
        &twice,
        twice_new,
        "Fishing boats under twelve metres keep their present rate.",
        1,
        Want::Exact(
            "Fishing boats under twelve metres keep their present rate.",
            1,
        ),
    ));
    // A short quote whose one word was replaced: orphaned.
    v.push(case(
        "short quote, its one word replaced",
        BASE,
        BASE.replace("Tuesday", "Thursday"),
        "Tuesday",
        0,
        Want::NotPlaced,
    ));
    v.push(case(
        "short quote, one of its words replaced",
        BASE,
        BASE.replace("traffic to grow", "cargo to grow"),
        "traffic to grow",
        0,
        Want::NotPlaced,
    ));
    // A long passage moved to another section: anchored at its new place.
    let para = "Engineers found that storms last winter moved several armour stones at the northern end, \
and repairs are expected to take most of the summer.";
    let moved = BASE
        .replace(
            &format!("{para}\n\n"),
            "The breakwater section is now short.\n\n",
        )
        .replace(
            "The board expects traffic",
            &format!("{para}\n\nThe board expects traffic"),
        );
    v.push(case(
        "long passage moved to another section",
        BASE,
        moved,
        para,
        0,
        Want::Exact(para, 0),
    ));
    // Re-wrapped lines: the canonical text is the same.
    let wrapped = BASE.replace(
        "will rise by four percent from the first of May, the board said,",
        "will rise by four percent\nfrom the first of May, the board said,\n",
    );
    v.push(case(
        "re-wrapped lines",
        BASE,
        wrapped,
        dues,
        0,
        Want::Exact(dues, 0),
    ));
    // CRLF line ends.
    v.push(case(
        "CRLF line ends",
        BASE,
        BASE.replace('\n', "\r\n"),
        dues,
        0,
        Want::Exact(dues, 0),
    ));
    // NFD text read where NFC was annotated.
    let nfc = BASE.replace("Tuesday", "Tuesday at the Café Müller");
    let nfd = nfc.replace("é", "e\u{301}").replace("ü", "u\u{308}");
    v.push(case(
        "NFC vs NFD",
        &nfc,
        nfd,
        "Tuesday at the Café Müller",
        0,
        Want::Exact("Tuesday at the Café Müller", 0),
    ));
    // Emoji before and inside the quote, an edit before it.
    let emo = BASE.replace("Fishing boats", "🚢🎣 Fishing boats");
    let emo_new = emo.replace("The harbour board", "👋🏽 The harbour board");
    v.push(case(
        "emoji, an edit before",
        &emo,
        emo_new,
        "🚢🎣 Fishing boats under twelve",
        0,
        Want::Exact("🚢🎣 Fishing boats under twelve", 0),
    ));
    // The file renamed (or read again unchanged): the same text.
    v.push(case(
        "file renamed, text unchanged",
        BASE,
        BASE.to_string(),
        dues,
        0,
        Want::Exact(dues, 0),
    ));
    // A passage deleted with nothing like it left: orphaned.
    v.push(case(
        "passage deleted",
        BASE,
        BASE.replace(
            "Fishing boats under twelve metres keep their present rate.\n\n",
            "",
        ),
        "Fishing boats under twelve metres keep their present rate.",
        0,
        Want::NotPlaced,
    ));
    // A typo fixed in the quote's first word: the diff cannot map its start, the search can.
    let first_old = BASE.replace("Engineers found", "Engineeers found");
    v.push(case(
        "typo fixed in the quote's first word",
        &first_old,
        BASE.to_string(),
        "Engineeers found that storms last winter moved several armour stones",
        0,
        Want::Fuzzy("Engineers found that storms last winter moved several armour stones"),
    ));
    // The same edits with only the quote and its context known (no earlier text).
    let quote_only: Vec<Case> = v
        .iter()
        .filter(|c| {
            [
                "inserted before, edited after",
                "typo fixed inside the quote",
                "rewritten by more than a quarter",
                "short quote, its one word replaced",
                "long passage moved to another section",
                "passage deleted",
            ]
            .contains(&c.name)
        })
        .map(|c| Case {
            name: c.name,
            old: c.old.clone(),
            new: c.new.clone(),
            quote: c.quote,
            nth: c.nth,
            with_old: false,
            want: c.want,
        })
        .collect();
    v.extend(quote_only);
    // Two identical passages, quote only, different context: the context decides.
    let ctx_new = twice.replace("The harbour board met", "Preface.\n\nThe harbour board met");
    v.push(Case {
        name: "second of two identical passages, edit before",
        old: twice.clone(),
        new: ctx_new,
        quote: "Fishing boats under twelve metres keep their present rate.",
        nth: 1,
        with_old: false,
        want: Want::Exact(
            "Fishing boats under twelve metres keep their present rate.",
            1,
        ),
    });
    v
}

#[test]
fn reanchoring_suite_places_right_or_not_at_all() {
    let mut tally = Tally::default();
    for c in cases() {
        check(&c, &mut tally);
    }
    println!("{:<58} {:<12} verdict", "case", "status");
    for r in &tally.rows {
        println!("{r}");
    }
    println!(
        "anchored right / correctly not placed: {}, not placed (missed): {}, anchored wrong: {}",
        tally.right, tally.not_placed, tally.wrong
    );
    assert_eq!(tally.wrong, 0, "{:#?}", tally.rows);
    assert_eq!(tally.not_placed, 0, "{:#?}", tally.rows);
}

#[test]
fn a_quote_only_annotation_with_many_copies_and_no_context_needs_review() {
    let text = "Same words here. Other text. Same words here. More. Same words here.";
    let t = Target {
        quote: "Same words here.".into(),
        ..Target::default()
    };
    let got = anchor(text, &t);
    assert_eq!(got.status, Status::NeedsReview, "{got:?}");
    assert!(got.range.is_none() && got.candidate.is_some());
}

#[test]
fn a_quote_only_annotation_from_another_tool_is_placed() {
    let a = md(BASE);
    let t = Target {
        quote: "armour stones at the northern end".into(),
        ..Target::default()
    };
    let got = anchor(&a.text, &t);
    assert_eq!(got.status, Status::Anchored);
    let r = got.range.unwrap();
    assert_eq!(&a.text[r], "armour stones at the northern end");
}

#[test]
fn same_fingerprint_uses_the_stored_offsets_even_with_copies() {
    let a = md("Alpha beta.\n\nAlpha beta.\n\nAlpha beta.\n");
    let t = target(&a, "Alpha beta.", 2);
    let got = anchor(&a.text, &t);
    assert_eq!(got.status, Status::Anchored);
    assert_eq!(got.range.unwrap().start, a.text.rfind("Alpha").unwrap());
}

#[test]
fn hostile_targets_never_panic() {
    let text = "é😀 text";
    for (s, e) in [(0, 0), (5, 2), (usize::MAX, usize::MAX), (1, 100)] {
        let t = Target {
            quote: "x".repeat(5000),
            prefix: "é".into(),
            start: s,
            end: e,
            fingerprint: tenor::annotate::fingerprint(text),
            ..Target::default()
        };
        let _ = anchor(text, &t);
        let _ = Reanchorer::new(text, Some("other 😀")).anchor(&t);
    }
}

#[test]
fn searching_a_replaced_text_is_bounded() {
    // 3,000 targets, none of them in a new 2 MB text: the search stops within its budget.
    let old: String = (0..3000)
        .map(|i| format!("Sentence number {i} of the old text, with words enough. "))
        .collect();
    let new = "Completely different words fill this text now. ".repeat(45_000);
    let on_old = Reanchorer::new(&old, None);
    let mut at = 0;
    let targets: Vec<Target> = (0..3000)
        .map(|i| {
            let q = format!("Sentence number {i} of the old text");
            let p = at + old[at..].find(&q).unwrap();
            at = p;
            on_old.target(p..p + q.len())
        })
        .collect();
    // A smaller budget than the default, so the test is quick in a debug build.
    let r = Reanchorer::new(&new, None).with_work_budget(200_000_000);
    let started = std::time::Instant::now();
    let mut orphaned = 0;
    for t in &targets {
        if r.anchor(t).status == Status::Orphaned {
            orphaned += 1;
        }
    }
    assert_eq!(orphaned, 3000);
    // Generous (debug build, a loaded machine); unbounded, this takes many minutes.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}
