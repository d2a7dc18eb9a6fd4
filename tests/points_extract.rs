//! Key-point extraction on the fixtures in `tests/fixtures/points/`.

use std::path::PathBuf;

use tenor::analysis::points::{Point, PointKind, Points, extract};
use tenor::article::text::sentences;
use tenor::article::{Article, BlockKind, Format, load, parse_str};

fn fixture(name: &str) -> (Article, Points) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/points", name]
        .iter()
        .collect();
    let a = load(&path).expect("fixture loads");
    let p = extract(&a);
    (a, p)
}

fn section(a: &Article, title: &str) -> usize {
    a.sections
        .iter()
        .position(|s| s.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no section {title}"))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Points whose source block is owned by section `si`.
fn in_section<'p>(a: &'p Article, p: &'p Points, si: usize) -> Vec<&'p Point> {
    p.iter(a).filter(|x| x.section == si).collect()
}

/// Every bullet is exactly one list item: no paragraph text leaks into a point.
fn assert_bullets_are_items(a: &Article, p: &Points) {
    for pt in p.iter(a).filter(|x| x.kind == PointKind::Bullet) {
        let b = &a.blocks[pt.block];
        assert!(b.is_list_item(), "{pt:?}");
        assert_eq!(b.range, pt.range());
        assert!(a.text[pt.range()].ends_with(pt.text(a)));
        if let Some(l) = pt.label(a) {
            assert!(a.text[pt.range()].starts_with(l));
        }
        assert_eq!(pt.section, b.section);
        assert_eq!(pt.section_id(a), &a.sections[b.section].id);
    }
}

/// Every extracted point is exactly a sentence of its paragraph; at most 3 per section.
fn assert_extracted_are_sentences(a: &Article, p: &Points) {
    for pt in p.iter(a).filter(|x| x.kind == PointKind::Extracted) {
        let b = &a.blocks[pt.block];
        assert_eq!(b.kind, BlockKind::Paragraph);
        let para = &a.text[b.range.clone()];
        let rel = pt.start - b.range.start..pt.end - b.range.start;
        assert!(sentences(para).contains(&rel), "not a sentence: {pt:?}");
        assert_eq!(&a.text[pt.range()], pt.text(a));
        assert_eq!((pt.depth, pt.label(a)), (0, None));
    }
    for (gi, g) in p.groups.iter().enumerate() {
        if g.kind == PointKind::Extracted {
            assert!((1..=3).contains(&g.points.len()));
            assert_eq!(p.group_points(a, gi).len(), g.points.len());
            assert_eq!(g.list, None);
            // In document order.
            assert!(
                p.group_points(a, gi)
                    .windows(2)
                    .all(|w| w[0].end <= w[1].start)
            );
        }
    }
}

fn assert_invariants(a: &Article, p: &Points) {
    assert_bullets_are_items(a, p);
    assert_extracted_are_sentences(a, p);
    // Groups tile the points in order.
    let mut next = 0;
    for (gi, g) in p.groups.iter().enumerate() {
        assert_eq!(g.points.start, next);
        next = g.points.end;
        for pt in p.group_points(a, gi) {
            assert_eq!((pt.group, pt.kind, pt.section), (gi, g.kind, g.section));
        }
    }
    assert_eq!(next, p.len());
    let all: Vec<&Point> = p.iter(a).collect();
    assert!(all.windows(2).all(|w| w[0].block <= w[1].block));
}

#[test]
fn markdown_lists_labels_depths_ordinals_and_lead_ins() {
    let (a, p) = fixture("pacific-pact.md");
    assert_invariants(&a, &p);

    let goals = in_section(&a, &p, section(&a, "Negotiating goals"));
    let shape: Vec<(u8, Option<&str>, &str)> = goals
        .iter()
        .map(|x| (x.depth, x.label(&a), x.text(&a)))
        .collect();
    assert_eq!(
        shape,
        [
            (
                0,
                Some("Tariff relief"),
                "Duties on machine parts would fall to zero within five years."
            ),
            (
                0,
                Some("Rules of origin"),
                "A single certificate would cover goods made anywhere in the bloc."
            ),
            (1, None, "Audited every year by a joint panel"),
            (1, None, "Phased in over two years"),
            (
                0,
                Some("Digital trade"),
                "Data could move freely between members, with privacy safeguards."
            ),
        ]
    );
    let lead = p.lead_in(p.iter(&a).position(|x| x.block == goals[0].block).unwrap());
    let lead = lead.expect("lead-in");
    assert_eq!(
        lead.text(&a),
        "Negotiators set out three goals for the pact:"
    );
    assert!(!lead.from_title);
    assert_eq!(&a.text[lead.range.clone()], lead.text(&a));

    // A numbered list after a paragraph that does not end in `:` is led in by the title.
    let timeline = section(&a, "Timeline");
    let tl = in_section(&a, &p, timeline);
    assert_eq!(
        tl.iter().map(|x| x.ordinal).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    let g = &p.groups[tl[0].group];
    let lead = g.lead_in.as_ref().expect("title lead-in");
    assert_eq!((lead.text(&a), lead.from_title), ("Timeline", true));
    assert_eq!(g.kind, PointKind::Bullet);
    let BlockKind::ListItem { list, .. } = a.blocks[tl[0].block].kind else {
        panic!("not a list item");
    };
    assert_eq!(g.list, Some(list));
}

#[test]
fn colons_that_are_not_labels_stay_whole() {
    let (a, p) = fixture("pacific-pact.md");
    let open = in_section(&a, &p, section(&a, "Open questions"));
    assert_eq!(open.len(), 4);
    for pt in &open {
        assert_eq!(pt.label(&a), None, "{}", pt.text(&a));
        assert_eq!(&a.text[pt.range()], pt.text(&a));
    }
    assert_eq!(open[0].text(&a), "Meeting at 10:30: delayed");
    assert!(open[1].text(&a).starts_with("https://"));
    assert!(
        open[2]
            .text(&a)
            .ends_with("above everything else: fisheries.")
    );
    // The lead-in was soft-wrapped over two source lines.
    let lead = p.lead_in(p.iter(&a).position(|x| x.block == open[0].block).unwrap());
    let lead = lead.expect("lead-in");
    assert!(lead.text(&a).starts_with("Several items remain unsettled"));
    assert!(lead.text(&a).ends_with("planned for the autumn:"));
}

#[test]
fn sections_without_lists_get_extracted_sentences() {
    let (a, p) = fixture("pacific-pact.md");
    let bg = section(&a, "Background");
    let picked: Vec<&str> = in_section(&a, &p, bg).iter().map(|x| x.text(&a)).collect();
    assert_eq!(picked.len(), 3);
    assert!(picked.iter().any(|s| s.contains("therefore")));
    assert!(picked.iter().any(|s| s.contains("should be judged")));
    assert!(!picked.iter().any(|s| s.contains("lunar new year")));
    let g = &p.groups[in_section(&a, &p, bg)[0].group];
    assert_eq!(g.kind, PointKind::Extracted);
    let lead = g.lead_in.as_ref().expect("title");
    assert_eq!((lead.text(&a), lead.from_title), ("Background", true));
    // Sections with lists get no extracted points.
    for t in ["Negotiating goals", "Timeline", "Open questions"] {
        assert!(
            in_section(&a, &p, section(&a, t))
                .iter()
                .all(|x| x.kind == PointKind::Bullet)
        );
    }
}

#[test]
fn article_without_lists_prefers_cue_sentences() {
    let (a, p) = fixture("quiet-budget.md");
    assert_invariants(&a, &p);
    assert!(p.iter(&a).all(|x| x.kind == PointKind::Extracted));

    let customs = in_section(&a, &p, section(&a, "Customs revenue"));
    assert_eq!(customs.len(), 3);
    assert!(
        customs
            .iter()
            .any(|x| x.text(&a).starts_with("Importers must now plan"))
    );
    let outlook = in_section(&a, &p, section(&a, "Outlook"));
    assert_eq!(outlook.len(), 2, "4 sentences: fewer than 3 points");
    assert!(outlook.iter().any(|x| x.text(&a).contains("should avoid")));
    assert!(!outlook.iter().any(|x| x.text(&a).contains("weather")));
    // Two sentences: one point; one sentence: none.
    assert_eq!(
        in_section(&a, &p, section(&a, "Aid for exporters")).len(),
        1
    );
    assert!(in_section(&a, &p, section(&a, "Note")).is_empty());
}

#[test]
fn reference_shaped_plain_text() {
    let (a, p) = fixture("reference-shaped.txt");
    assert_invariants(&a, &p);
    assert_eq!(p.len(), 6);
    assert_eq!(p.groups.len(), 2, "one-sentence lede: nothing extracted");
    let leads: Vec<&str> = p
        .groups
        .iter()
        .map(|g| g.lead_in.as_ref().unwrap().text(&a))
        .collect();
    assert_eq!(
        leads,
        ["Reasons most often cited included:", "Key risks include:"]
    );
    let labels: Vec<Option<&str>> = p.iter(&a).skip(3).map(|x| x.label(&a)).collect();
    assert_eq!(
        labels,
        [Some("Cabotage rules"), Some("Ageing cranes"), None]
    );
    assert_eq!(
        p.get(&a, 3).unwrap().text(&a),
        "Foreign carriers remain barred from most domestic legs."
    );
}

#[test]
fn hard_wrapped_plain_lead_in() {
    let (a, p) = fixture("wrapped-lead-in.txt");
    assert_invariants(&a, &p);
    let bullets: Vec<&Point> = p.iter(&a).filter(|x| x.kind == PointKind::Bullet).collect();
    assert_eq!(bullets.len(), 3);
    let lead = p.groups[bullets[0].group].lead_in.as_ref().unwrap();
    assert_eq!(
        collapse(lead.text(&a)),
        "Under the new scheme, exporters applying for a licence this season will have to show \
         the following documents:"
    );
    assert!(!lead.from_title);
}

#[test]
fn nearest_and_counts_match_brute_force() {
    for name in ["pacific-pact.md", "quiet-budget.md", "reference-shaped.txt"] {
        let (a, p) = fixture(name);
        for b in 0..a.blocks.len() + 2 {
            let all: Vec<&Point> = p.iter(&a).collect();
            let at = all.iter().position(|x| x.block == b);
            let before = all.iter().rposition(|x| x.block <= b);
            assert_eq!(p.nearest(&a, b), at.or(before), "{name} block {b}");
        }
        for (si, s) in a.sections.iter().enumerate() {
            let brute = p.iter(&a).filter(|x| s.subtree.contains(&x.block)).count();
            assert_eq!(p.count_in_section(si), brute, "{name} section {si}");
        }
        let roots: usize = a.roots().map(|r| p.count_in_section(r)).sum();
        assert_eq!(roots, p.len());
    }
}

#[test]
fn filter_matches_label_text_and_lead_in() {
    let (a, p) = fixture("pacific-pact.md");
    let texts = |q: &str| -> Vec<String> {
        p.filter(&a, q)
            .into_iter()
            .map(|i| p.get(&a, i).unwrap().text(&a).to_string())
            .collect()
    };
    assert_eq!(
        texts("tariff RELIEF"),
        ["Duties on machine parts would fall to zero within five years."]
    );
    // "goals" only occurs in the lead-in: all five items of that list match.
    assert_eq!(texts("goals").len(), 5);
    assert_eq!(texts("timeline june"), ["A legal review closes in June."]);
    assert!(texts("rice fisheries").is_empty());
}

#[test]
fn long_section_is_capped_but_still_finds_late_cue_sentences() {
    let mut md = String::from("# Ports\n\n");
    for i in 0..300 {
        if i == 250 {
            md.push_str("In short, the key reform must be customs automation. ");
        } else {
            md.push_str(&format!("Berth {i} handled cargo on schedule. "));
        }
        if i % 10 == 9 {
            md.push_str("\n\n");
        }
    }
    let a = parse_str(&md, Format::Markdown, "t");
    let p = extract(&a);
    assert_invariants(&a, &p);
    assert_eq!(p.len(), 3);
    assert!(p.iter(&a).any(|x| x.text(&a).starts_with("In short")));
}

#[test]
fn empty_article_has_no_points() {
    let a = parse_str("", Format::Markdown, "t");
    let p = extract(&a);
    assert!(p.is_empty());
    assert_eq!(p.nearest(&a, 0), None);
    assert_eq!(p.count_in_section(0), 0);
    assert!(p.filter(&a, "x").is_empty());
}
