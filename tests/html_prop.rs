//! The HTML parser and the fetcher's input handling on generated hostile input: no panic,
//! nothing unescaped reaches the text, the metadata or the rendered view; deep nesting and
//! large pages stay linear.

use proptest::prelude::*;
use tenor::article::html::{Extraction, parse_with};
use tenor::article::text::is_unsafe_char;
use tenor::library::fetch::{article_kind, charset_of, is_url, stem_for};

const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"cookie-banner\">",
    "<div>",
    "</div>",
    "<article>",
    "</article>",
    "<main>",
    "</main>",
    "<nav>",
    "</nav>",
    "<table>",
    "</table>",
    "<tr>",
    "<td colspan=3>",
    "<td rowspan=99999>",
    "<th>",
    "</td>",
    "<ul>",
    "<ol start=-5>",
    "<li>",
    "</li>",
    "<b>",
    "</b>",
    "<i>",
    "<a href=\"\u{1b}[31m\">",
    "</a>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<style>",
    "<title>",
    "</title>",
    "<time datetime=\"\u{7}\">",
    "<meta property=og:site_name content=\"\u{1b}]0;x\u{7}\">",
    "<template>",
    "<svg>",
    "&eacute;",
    "&#x1b;",
    "&#155;",
    "&#0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "\u{1b}[2J",
    "\u{9b}",
    "\u{202e}",
    "\r\n",
    "\n",
    " ",
    "text",
    "Word.",
    "<br>",
    "<hr>",
    "<img alt=\"\u{7}\">",
    "<!--",
    "-->",
    "<![CDATA[",
    "<select>",
    "<option>",
    "<frameset>",
    "<noscript>",
    "<script type=application/ld+json>{\"datePublished\":\"\u{1b}[1m\"}</script>",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn clean(s: &str) -> Result<(), TestCaseError> {
    if let Some(c) = s.chars().find(|&c| is_unsafe_char(c)) {
        return Err(TestCaseError::fail(format!("unsafe {c:?} in {s:?}")));
    }
    Ok(())
}

fn check(src: &str) -> Result<(), TestCaseError> {
    for how in [Extraction::Main, Extraction::Full] {
        let a = parse_with(src, "x", how);
        clean(&a.text)?;
        clean(&a.meta.title)?;
        for f in [
            &a.meta.date,
            &a.meta.author,
            &a.meta.site_name,
            &a.meta.language,
        ] {
            // Metadata is shown through the sanitizer; it must at least never hold NULs.
            prop_assert!(!f.as_deref().unwrap_or("").contains('\0'));
        }
        let out = tenor::layout::render::render(&a, 60);
        clean(&out.replace('\n', ""))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn tag_soup_parses_cleanly(s in soup()) {
        check(&s)?;
    }

    #[test]
    fn arbitrary_strings_parse_cleanly(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn fetcher_inputs_never_panic(s in any::<String>()) {
        let _ = article_kind(&s);
        if let Some(c) = charset_of(&s) {
            prop_assert!(c.len() < 64);
        }
        let _ = is_url(&s);
        let stem = stem_for(&s);
        prop_assert!(stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(stem.len() <= 100);
    }
}

#[test]
fn deep_nesting_neither_overflows_nor_crawls() {
    for tag in ["div", "b", "table", "li", "article", "blockquote", "span"] {
        let n = 50_000;
        let src = format!("<{tag}>").repeat(n) + "deep text" + &format!("</{tag}>").repeat(n);
        let t = std::time::Instant::now();
        let a = parse_with(&src, "x", Extraction::Main);
        let _ = tenor::layout::render::render(&a, 80);
        assert!(t.elapsed().as_secs() < 20, "{tag}: {:?}", t.elapsed());
    }
}

#[test]
fn many_articles_and_boxes_stay_linear() {
    let unit = "<article><p>short teaser with some words in it</p></article>\
                <section><h2>Most read</h2><p>x</p></section>";
    let small = unit.repeat(2_000);
    let big = unit.repeat(8_000);
    let time = |s: &str| {
        let t = std::time::Instant::now();
        let _ = parse_with(s, "x", Extraction::Main);
        t.elapsed()
    };
    let (a, b) = (time(&small), time(&big));
    // Four times the input: well under sixteen times the time (quadratic would be 16×).
    assert!(
        b < a * 10 + std::time::Duration::from_millis(200),
        "{a:?} → {b:?}"
    );
}
