//! HTML inline tags at scale: many unmatched end tags over many open ones took quadratic time
//! in the hand-written tokenizer (1 MB: 38 s). Through html5ever (and the nesting cap) it is
//! linear; a block dense in inline tags is read as plain text, with a warning, so that
//! html5ever builds a bounded number of nodes (counted in `article::html::tests`); so is a long
//! run of tiny blocks (`<p>a</p> ` repeated), as one block. Time is not
//! asserted here, only that such pages finish and read right, and that ordinary pages are
//! left as they are.

use tenor::article::{Format, parse_str};

#[test]
fn unmatched_end_tags_over_open_ones_are_read() {
    let src = format!(
        "<p>{}{}</p>",
        "<i>a ".repeat(60_000),
        "</b>a ".repeat(60_000)
    );
    let a = parse_str(&src, Format::Html, "t");
    assert!(a.text.starts_with("a a"));
}

/// One paragraph of `unit` repeated to about `bytes`.
fn page(unit: &str, bytes: usize) -> String {
    format!(
        "<html><body><p>{}</p></body></html>",
        unit.repeat(bytes / unit.len())
    )
}

fn plain_warnings(a: &tenor::article::Article) -> Vec<&String> {
    a.warnings
        .iter()
        .filter(|w| w.contains("shown as plain text") || w.contains("too complex"))
        .collect()
}

#[test]
fn a_paragraph_dense_in_inline_tags_shows_its_text_and_the_rest_keeps_its_styles() {
    let dense = "<b>a</b> <a href=\"#x\">b</a> &amp; ".repeat(5_000);
    let src = format!(
        "<html><body><article><h1>Title</h1>\n<p>Before, <em>stressed</em> and \
         <a href=\"https://example.org/\">linked</a>.</p>\n<p>{dense}</p>\n\
         <p>After, <strong>strong</strong>.</p></article></body></html>"
    );
    let a = parse_str(&src, Format::Html, "t");
    let texts: Vec<&str> = (0..a.blocks.len()).map(|i| a.block_text(i)).collect();
    assert_eq!(texts[0], "Title");
    assert_eq!(texts[1], "Before, stressed and linked.");
    assert_eq!(a.blocks[1].inlines.len(), 2);
    assert_eq!(texts[2], "a b & ".repeat(5_000).trim_end());
    assert!(a.blocks[2].inlines.is_empty());
    assert_eq!(texts[3], "After, strong.");
    assert_eq!(a.blocks[3].inlines.len(), 1);
    let w = plain_warnings(&a);
    assert_eq!(w.len(), 1, "{:?}", a.warnings);
    assert_eq!(
        w[0],
        "HTML block at line 3: 20000 inline tags in 170000 bytes; shown as plain text"
    );
}

#[test]
fn every_inline_tag_shape_shows_its_text() {
    for (unit, text) in [
        ("<b>a</b> ", "a a a"),
        ("<i>a</i> ", "a a a"),
        ("<a href=#>x</a> ", "x x x"),
        ("<span>a</span> ", "a a a"),
        ("<b><i>a</i></b> ", "a a a"),
        ("<b>a ", "a a a"),
        ("<x-y>a</x-y> ", "a a a"),
        ("a<br>", "a a a"),
        ("<img alt=a> ", "[image: a] [image: a]"),
        ("<i>a</i> <a href=u>b</a> <code>c</code> ", "a b c a b c"),
    ] {
        let a = parse_str(&page(unit, 100_000), Format::Html, "t");
        assert!(a.text.starts_with(text), "{unit:?}: {:?}", &a.text[..40]);
        assert!(a.text.len() > 10_000, "{unit:?}: {}", a.text.len());
        assert_eq!(plain_warnings(&a).len(), 1, "{unit:?}: {:?}", a.warnings);
    }
}

#[test]
fn ordinary_pages_are_built_whole_with_every_tag() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let bytes = std::fs::read(&path).expect("fixture");
            let name = path.display().to_string();
            let a = tenor::article::parse_bytes(&bytes, &tenor::article::Source::named(&name))
                .expect("an article");
            assert!(plain_warnings(&a).is_empty(), "{name}: {:?}", a.warnings);
            seen += 1;
        }
    }
    assert!(seen >= 10);
    // A long page with a link or two per paragraph, as articles have.
    let para = "<p>A sentence of ordinary length with <a href=\"https://example.org/a\">a \
                link</a>, some <em>stress</em> and a <b>bold</b> word in it, as articles \
                have.</p>\n";
    let a = parse_str(&para.repeat(5_000), Format::Html, "t");
    assert!(plain_warnings(&a).is_empty(), "{:?}", a.warnings);
    assert_eq!(a.blocks.len(), 5_000);
    assert_eq!(a.blocks[0].inlines.len(), 3);
}

#[test]
fn a_page_of_tiny_blocks_shows_its_text_as_one_block() {
    for (unit, text) in [
        ("<p>a</p> ", "a a a"),
        ("<div>a</div> ", "a a a"),
        ("<div class=x>a</div>", "a a a"),
        ("<li>a</li>", "a a a"),
        ("a</p> ", "a a a"),
    ] {
        let a = parse_str(&page(unit, 100_000), Format::Html, "t");
        assert!(a.text.starts_with(text), "{unit:?}: {:?}", &a.text[..40]);
        assert!(a.text.len() > 9_000, "{unit:?}: {}", a.text.len());
        assert!(a.blocks.len() <= 2, "{unit:?}: {} blocks", a.blocks.len());
        let w = plain_warnings(&a);
        assert!(!w.is_empty(), "{unit:?}: {:?}", a.warnings);
        assert!(
            w[0].starts_with("HTML at line 1: ") && w[0].contains(" blocks of under 24 bytes"),
            "{unit:?}: {:?}",
            a.warnings
        );
    }
}
