//! The bundled sample library in `assets/articles/` must come out with its intended structure.

use std::path::{Path, PathBuf};

use tenor::article::{Format, Source, parse_bytes};

/// Files that by design have no list with a lead-in (none at present).
const NO_LEAD_IN: &[&str] = &[];

fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("assets/articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_articles_have_structure() {
    let files = articles();
    assert!(
        files.len() >= 4,
        "expected at least 4 bundled articles, found {}",
        files.len()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let a = parse_bytes(&bytes, &Source::from_path(&path)).unwrap();
        assert!(a.warnings.is_empty(), "{name}: warnings {:?}", a.warnings);
        let headings = a.blocks.iter().filter(|b| b.is_heading()).count();
        assert!(headings >= 3, "{name}: only {headings} headings");
        let titled = a.sections.iter().filter(|s| s.title.is_some()).count();
        assert!(titled >= 3, "{name}: only {titled} titled sections");
        assert!(!a.meta.title.is_empty(), "{name}: no title");
        let led = a.lists.iter().filter(|l| l.lead_in.is_some()).count();
        if !NO_LEAD_IN.contains(&name.as_str()) {
            assert!(led >= 1, "{name}: no list with a lead-in");
        }
        assert!(
            a.text.chars().count() >= 1500,
            "{name}: too short for a sample article"
        );
        // A lead-in is the sentence ending in a colon right before its list.
        for l in &a.lists {
            if let Some(r) = &l.lead_in {
                assert!(
                    a.text[r.clone()].ends_with([':', '：']),
                    "{name}: lead-in without a colon"
                );
            }
        }
    }
}

#[test]
fn bundled_markdown_article_reads_front_matter_and_nesting() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles/semiconductor-export-controls.md");
    let a = parse_bytes(&std::fs::read(&path).unwrap(), &Source::from_path(&path)).unwrap();
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.meta.author.as_deref(), Some("Helena Varga"));
    assert!(
        a.meta.tags.iter().any(|t| t == "export controls"),
        "{:?}",
        a.meta.tags
    );
    assert!(a.sections.iter().any(|s| s.level == 3), "no H3 section");
    assert!(a.blocks.iter().any(|b| matches!(
        b.kind,
        tenor::article::BlockKind::Table { header: true, .. }
    )));
    assert!(
        a.blocks
            .iter()
            .any(|b| matches!(b.kind, tenor::article::BlockKind::Quote))
    );
    let nested = a
        .blocks
        .iter()
        .any(|b| matches!(b.kind, tenor::article::BlockKind::ListItem { depth, .. } if depth >= 1));
    assert!(nested, "no nested list item");
}
