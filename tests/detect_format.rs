//! Format detection by content, as for stdin (no extension): every plain-text file the project
//! ships must stay plain, every Markdown file must stay Markdown, and short Markdown must be
//! recognised even with a single heading.

use std::path::{Path, PathBuf};

use tenor::article::Format;
use tenor::article::ingest::detect_format;

/// Files with extension `ext` in the fixture folders and the bundled articles.
fn shipped(ext: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures/plain",
        "tests/fixtures/points",
        "tests/fixtures/reader",
        "tests/fixtures/tone",
        "assets/articles",
    ] {
        for e in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn shipped_plain_text_is_detected_as_plain_without_extension() {
    let files = shipped("txt");
    assert!(files.len() >= 20, "found only {} .txt files", files.len());
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            detect_format(None, &text),
            Format::Plain,
            "{} detected as Markdown",
            p.display()
        );
    }
}

#[test]
fn shipped_markdown_is_detected_as_markdown_without_extension() {
    let files = shipped("md");
    assert!(files.len() >= 5, "found only {} .md files", files.len());
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            detect_format(None, &text),
            Format::Markdown,
            "{} detected as plain text",
            p.display()
        );
    }
}

#[test]
fn short_markdown_is_detected() {
    for md in [
        // One heading on the first line, as piped on stdin.
        "# Trade talks\n\nThe ministers met:\n\n- one\n- two\n",
        "# Trade talks\n\nThe ministers met on Monday.\n",
        "\n\n## Talks resume\n\nThe ministers met on Monday.\n",
        // A heading further down, with a bullet list.
        "The ministers met on Monday.\n\n## Outcome\n\n- one\n- two\n",
        // A link and a list.
        "The ministers met, see [the statement](https://example.org/s).\n\n* one\n* two\n",
        // A fenced code block.
        "Run this:\n\n```\ntenor outline -\n```\n",
    ] {
        assert_eq!(detect_format(None, md), Format::Markdown, "{md:?}");
    }
}

#[test]
fn plain_text_shapes_stay_plain() {
    for txt in [
        "Trade talks\n\nThe ministers met:\n\n- one\n- two\n",
        "Agenda\n\n* tariffs\n* quotas\n\nThe ministers met on Monday.\n",
        "#1 priority for the talks is the tariff schedule.\n\nMore words.\n",
        "Prices rose 5% in # of cases.\n\n- one\n- two\n",
        "Notes\n- see section [3] (below)\n- one\n",
    ] {
        assert_eq!(detect_format(None, txt), Format::Plain, "{txt:?}");
    }
}

#[test]
fn html_fragments_are_detected() {
    for html in [
        "<p>hello <b>world</b></p>\n",
        "\n  <div class=\"story\">\n<h1>Talks resume</h1>\n<p>The ministers met.</p></div>\n",
        "<h2>Outcome</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
        "<article><section><p>Text</p></section></article>",
        "<!-- saved from the web -->\n<body><p>Text</p></body>\n",
        "<table><tr><td>1</td></tr></table>",
        "<b>Breaking:</b> talks resume<br>\nMore later.<br/>\n",
        "<P>Upper-case tags too.</P>",
    ] {
        assert_eq!(detect_format(None, html), Format::Html, "{html:?}");
    }
}

#[test]
fn plain_text_with_angle_brackets_stays_plain() {
    for txt in [
        "<3 this deal\n\nThe ministers met on Monday.\n",
        "x < y and y > z\n",
        "<Note> remember to check the tariff schedule.\n",
        "The tag <p> starts a paragraph in HTML.\n",
        "<< previous | next >>\n\nThe ministers met.\n",
        "<https://example.org/talks>\n\nThe ministers met.\n",
    ] {
        assert_eq!(detect_format(None, txt), Format::Plain, "{txt:?}");
    }
}
