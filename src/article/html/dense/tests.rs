//! The HTML pre-pass: tags read, dense blocks flattened, warnings.

use super::*;

#[test]
fn tags_are_known_by_name_in_any_case() {
    assert_eq!(kind("DIV"), Kind::Boundary);
    assert_eq!(kind("blockquote"), Kind::Boundary);
    assert_eq!(kind("Time"), Kind::Neutral);
    assert_eq!(kind("BR"), Kind::Break);
    for n in [
        "span",
        "b",
        "a",
        "my-widget",
        "o:p",
        "div-but-longer-than-sixteen",
    ] {
        assert_eq!(kind(n), Kind::Inline, "{n}");
    }
}

#[test]
fn tags_skip_comments_raw_text_and_quoted_brackets() {
    let src = "<!doctype html><!-- <b> --><p class='a>b' x=\"<i>\">t<script>if (a<b) '<b>'\
               </script ><B>x</B></ p><br/>";
    let names: Vec<(&str, bool)> = tags(src).map(|t| (t.name, t.closing)).collect();
    assert_eq!(
        names,
        [
            ("p", false),
            ("script", false),
            ("script", true),
            ("B", false),
            ("B", true),
            ("br", false)
        ]
    );
    let p = tags(src).next().unwrap();
    assert_eq!(&src[p.at..p.end], "<p class='a>b' x=\"<i>\">");
}

/// html5ever parses with scripting off: `<noscript>`'s content is markup, so an unclosed
/// one does not hide the tags after it.
#[test]
fn noscript_is_not_raw_text() {
    let names: Vec<&str> = tags("<noscript><b>a</b>").map(|t| t.name).collect();
    assert_eq!(names, ["noscript", "b", "b"]);
}

#[test]
fn an_unfinished_tag_ends_the_tags() {
    assert_eq!(tags("<b>a</b><a href='x").count(), 2);
}

#[test]
fn ordinary_pages_are_passed_on_as_they_are() {
    let page = "<p>Some <b>bold</b> text and <a href=\"https://example.org/x\">a link</a> \
                in a sentence of ordinary length, as articles have.</p>\n"
        .repeat(2000);
    assert!(matches!(flatten(&page), (Cow::Borrowed(_), w) if w.is_empty()));
    // A short page of only tags is under the base.
    assert!(matches!(
        flatten(&"<b>a</b>".repeat(30)).0,
        Cow::Borrowed(_)
    ));
}

#[test]
fn a_dense_block_loses_its_inline_tags_and_keeps_its_text() {
    let dense = "<b>a</b> <i>b</i> <a href=#>c</a> &amp; ".repeat(200);
    let src = format!(
        "<h1>T</h1>\n<p>Lead with <a href=\"u\">a link</a>.</p>\n<p>{dense}x<br>y \
         <img alt=\"<i>\"> <img src=p></p>\n<li>list <b>item</b></li>"
    );
    let (out, warnings) = flatten(&src);
    let plain = "a b c &amp; ".repeat(200);
    assert_eq!(
        out,
        format!(
            "<h1>T</h1>\n<p>Lead with <a href=\"u\">a link</a>.</p>\n<p>{plain}x\ny \
             [image: &lt;i>] </p>\n<li>list <b>item</b></li>"
        )
    );
    assert_eq!(
        warnings,
        ["HTML block at line 3: 1203 inline tags in 8034 bytes; shown as plain text"]
    );
}

#[test]
fn elements_opened_outside_a_dense_block_are_closed_as_before() {
    // The `<span>` opened before the dense block is closed by the end tag after it; the
    // dense block's own spans and stray end tags go; a link opened outside one taken out
    // is closed where the new link opened.
    let dense = "<span>a</span> </em>".repeat(100);
    let src = format!("<div><span class=ad><a href=u>x<p>{dense}<a>y</a></span></p></div>");
    let out = flatten(&src).0;
    let plain = "a ".repeat(100);
    assert_eq!(
        out,
        format!("<div><span class=ad><a href=u>x<p>{plain}</a>y</span></p></div>")
    );
}

#[test]
fn a_bracket_before_a_tag_taken_out_stays_text() {
    let src = "<p>".to_string() + &"a<<b>b</b> 1 <</i>!-- x ".repeat(40);
    let out = flatten(&src).0;
    assert!(out.starts_with("<p>a&lt;b 1 &lt;!-- x a&lt;b"), "{out}");
    let doc = dom_query::Document::from(&*out);
    assert_eq!(doc.select("p").text().matches("a<b 1 <!-- x").count(), 40);
}

/// `s` without the tags [`tags`] finds in it, `&lt;` read as `<`.
fn outside_tags(s: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for t in tags(s) {
        out.push_str(&s[at..t.at]);
        at = t.end;
    }
    out.push_str(&s[at..]);
    out.replace("&lt;", "<")
}

const PIECES: &[&str] = &[
    "<b>",
    "</b>",
    "<i>",
    "</I>",
    "<a href='x>y'>",
    "</a>",
    "<span class=ad>",
    "</span>",
    "<x-y>",
    "</x-y>",
    "<p>",
    "</p>",
    "<div>",
    "<time>",
    "<",
    "<<",
    "</",
    "<!",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "a",
    " ",
    "\n",
    "&amp;",
    ">",
    "/",
    "=",
    "\"",
    "'",
];

proptest::proptest! {
    #[test]
    fn taking_tags_out_keeps_the_rest_of_the_source_as_it_was(
        soup in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)
    ) {
        // Dense enough that the soup's block is flattened unless it ends it.
        let src = "<b>a</b>".repeat(100) + &soup.concat();
        let out = flatten(&src).0;
        proptest::prop_assert_eq!(outside_tags(&out), outside_tags(&src));
    }
}

#[test]
fn warnings_name_the_first_blocks_and_count_the_rest() {
    let src = "<p>".to_string() + &"<b>a</b>".repeat(20) + "\n";
    let src = src.repeat(30);
    let (out, warnings) = flatten(&src);
    assert_eq!(out, "<p>aaaaaaaaaaaaaaaaaaaa\n".repeat(30));
    assert_eq!(warnings.len(), MAX_WARNINGS + 1);
    assert_eq!(
        warnings[1],
        "HTML block at line 2: 40 inline tags in 161 bytes; shown as plain text"
    );
    assert_eq!(
        warnings[MAX_WARNINGS],
        "10 more HTML blocks shown as plain text"
    );
}
