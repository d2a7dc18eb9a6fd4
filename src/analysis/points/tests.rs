use super::*;
use crate::article::{Format, parse_str};

const DOC: &str = "\
# Trade

Opening paragraph about trade.

Measures agreed include:

- Lower duties: cut by half
- Quotas
  - Reviewed yearly

## Steel

Steel output fell this year. Tokyo must protect its mills. Buyers complained loudly.

## Chips

1. Subsidies
2. Export controls
";

fn doc() -> (crate::article::Article, Points) {
    let a = parse_str(DOC, Format::Markdown, "t");
    let p = extract(&a);
    (a, p)
}

#[test]
fn groups_follow_document_order() {
    let (a, p) = doc();
    let kinds: Vec<_> = p.groups.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        [PointKind::Bullet, PointKind::Extracted, PointKind::Bullet]
    );
    let all: Vec<&Point> = p.iter(&a).collect();
    assert!(all.windows(2).all(|w| w[0].block <= w[1].block));
    for (gi, g) in p.groups.iter().enumerate() {
        assert!(all[g.points.clone()].iter().all(|x| x.group == gi));
    }
    let g0 = &p.groups[0];
    assert_eq!(
        g0.lead_in.as_ref().unwrap().text(&a),
        "Measures agreed include:"
    );
    assert!(!g0.lead_in.as_ref().unwrap().from_title);
    let g2 = &p.groups[2];
    let l2 = g2.lead_in.as_ref().unwrap();
    assert_eq!((l2.text(&a), l2.from_title), ("Chips", true));
    assert_eq!(&a.text[l2.range.clone()], "Chips");
}

#[test]
fn nearest_finds_the_point_at_or_before() {
    let (a, p) = doc();
    assert_eq!(p.nearest(&a, 0), None);
    let first = p.get(&a, 0).unwrap().block;
    assert_eq!(p.nearest(&a, first), Some(0));
    // The nested item's block maps to itself; the heading after it to the last point before.
    assert_eq!(p.nearest(&a, p.get(&a, 2).unwrap().block), Some(2));
    let steel = a
        .sections
        .iter()
        .position(|s| s.title.as_deref() == Some("Steel"))
        .unwrap();
    let heading = a.sections[steel].heading.unwrap();
    assert_eq!(p.nearest(&a, heading), Some(2));
    assert_eq!(p.nearest(&a, usize::MAX), Some(p.len() - 1));
}

#[test]
fn counts_cover_whole_subtrees() {
    let (a, p) = doc();
    let trade = a.section_by_id(&a.sections[0].id.0).unwrap();
    assert_eq!(p.count_in_section(trade), p.len());
    let steel = a
        .sections
        .iter()
        .position(|s| s.title.as_deref() == Some("Steel"))
        .unwrap();
    assert_eq!(p.count_in_section(steel), 1);
    assert_eq!(p.count_in_section(99), 0);
}

#[test]
fn filter_needs_every_word() {
    let (a, p) = doc();
    assert_eq!(p.filter(&a, "LOWER half"), vec![0]);
    assert_eq!(p.filter(&a, "measures"), vec![0, 1, 2]);
    assert_eq!(p.filter(&a, "chips export"), vec![5]);
    assert!(p.filter(&a, "quotas tariffs").is_empty());
    assert_eq!(p.filter(&a, "  ").len(), p.len());
}

/// Which groups have been ranked.
fn ranked(p: &Points) -> Vec<bool> {
    p.groups
        .iter()
        .map(|g| match &g.store {
            Store::Bullets(_) => true,
            Store::Extracted(cell) => cell.get().is_some(),
        })
        .collect()
}

#[test]
fn extracted_sentences_are_counted_at_extraction_and_ranked_on_demand() {
    let md = "# A\n\nTariffs rose. Exporters must adapt. Buyers complained. Ports waited.\n\n\
              # B\n\n- one\n- two\n\n\
              # C\n\nSteel fell. Tokyo must act. Mills closed.\n";
    let a = parse_str(md, Format::Markdown, "t");
    let p = extract(&a);
    assert_eq!(ranked(&p), [false, true, false]);
    assert_eq!(p.len(), 2 + 2 + 1);
    assert_eq!(p.count_in_section(0), 2);
    // The cursor in section C ranks C only.
    let c = a.sections[2].blocks.end - 1;
    assert_eq!(p.nearest(&a, c), Some(4));
    assert_eq!(ranked(&p), [false, true, true]);
    // A point of A ranks A.
    assert_eq!(p.get(&a, 1).map(|x| x.kind), Some(PointKind::Extracted));
    assert_eq!(ranked(&p), [true, true, true]);
    assert!(p.get(&a, 5).is_none());
    // Ranking on demand gives what ranking everything at once gives.
    assert_eq!(p, extract_all(&a));
}

#[test]
fn repeated_sentences_are_extracted_once() {
    let md = "# Port\n\n\
              Sign up for our newsletter. Dredging the outer channel must start this year. \
              Sign up for our newsletter. The port authority should publish the budget. \
              Sign up for our newsletter. Ferries wait for the tide. \
              Sign up for our newsletter. Sign up for our newsletter.\n";
    let a = parse_str(md, Format::Markdown, "t");
    let p = extract(&a);
    let texts: Vec<&str> = p.iter(&a).map(|x| x.text(&a)).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    let mut distinct = texts.clone();
    distinct.dedup();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{texts:?}");
    // Only the boilerplate, several times: one point.
    let a = parse_str(
        "# Port\n\nSign up now. Sign up now. Sign up now. Sign up now.\n",
        Format::Markdown,
        "t",
    );
    let p = extract(&a);
    assert_eq!(p.len(), 1);
    assert_eq!(p.iter(&a).count(), 1);
}

mod counting {
    use super::*;
    use proptest::prelude::*;

    const POOL: &[&str] = &[
        "Tariffs rose.",
        "Exporters must adapt to the quota.",
        "The measures include:",
        "Buyers complained.",
        "In short, the deal held.",
        "Ports waited for the tide.",
        "Key steps follow:",
        "Officials met.",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The number of extracted sentences counted at extraction is what ranking gives,
        /// with repeats, lead-ins, and sections past the ranking cap.
        #[test]
        fn counted_is_ranked(
            sections in prop::collection::vec(
                (
                    1..=POOL.len(),
                    prop::collection::vec((0..POOL.len(), any::<bool>()), 0..90),
                ),
                1..4,
            )
        ) {
            let mut md = String::new();
            for (k, (kinds, sents)) in sections.iter().enumerate() {
                // Few kinds of sentence in a section: many repeats.
                md.push_str(&format!("# S{k}\n\n"));
                for &(i, brk) in sents {
                    md.push_str(POOL[i % kinds]);
                    md.push_str(if brk { "\n\n" } else { " " });
                }
                md.push_str("\n\n");
            }
            let a = parse_str(&md, Format::Markdown, "t");
            let p = extract(&a);
            for (gi, g) in p.groups.iter().enumerate() {
                prop_assert_eq!(p.group_points(&a, gi).len(), g.points.len(), "{}", md);
            }
        }
    }
}
