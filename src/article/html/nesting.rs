//! A bound on nesting before the page reaches html5ever. The HTML tree-building algorithm
//! checks the stack of open elements at many start tags ("a `p` in button scope?"), which is
//! quadratic on a page of 20,000 nested `<div>`s (3 s; 12 s at 40,000). This linear pre-pass
//! drops start tags (never text) nested deeper than [`MAX_NESTING`], with their end tags.

use std::borrow::Cow;

/// Deepest nesting passed on to the parser; real pages stay far below it.
pub(super) const MAX_NESTING: usize = 512;

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Elements whose start tag closes an open one of the same name (`<p>a<p>b`, `<li>`).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt", "rp",
];

/// Elements whose content is raw text up to their end tag (html5ever parses with scripting
/// off, so `<noscript>` is not one).
pub(super) const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// How far from the top an end tag looks for its element.
const CLOSE_REACH: usize = 16;

/// `src` with start tags deeper than [`MAX_NESTING`] (and their end tags) left out.
pub(super) fn cap(src: &str) -> Cow<'_, str> {
    let b = src.as_bytes();
    if memchr::memchr_iter(b'<', b).nth(MAX_NESTING).is_none() {
        return Cow::Borrowed(src);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut stack: Vec<&str> = Vec::new();
    let mut excess = 0usize;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        if b[at..].starts_with(b"<!--") {
            i = memchr::memmem::find(&b[at + 4..], b"-->").map_or(b.len(), |e| at + 4 + e + 3);
            continue;
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &b[name_start..]) else {
            break;
        };
        let end = name_start + gt + 1;
        let name = &src[name_start..name_start + name_len];
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        let mut drop = false;
        if closing {
            match stack
                .iter()
                .rev()
                .take(CLOSE_REACH)
                .position(|n| n.eq_ignore_ascii_case(name))
            {
                Some(p) => stack.truncate(stack.len() - p - 1),
                None if excess > 0 => {
                    excess -= 1;
                    drop = true;
                }
                None => {}
            }
        } else if !is(VOID) && b[end - 2] != b'/' {
            if is(SELF_CLOSING_SIBLINGS)
                && stack.last().is_some_and(|l| l.eq_ignore_ascii_case(name))
            {
                stack.pop();
            }
            if stack.len() >= MAX_NESTING {
                excess += 1;
                drop = true;
            } else {
                stack.push(name);
            }
        }
        i = end;
        if !closing && is(RAW) {
            // Skip the raw text to its end tag.
            let needle = format!("</{name}");
            let mut from = end;
            i = loop {
                match memchr::memmem::find(&b[from..], b"</") {
                    Some(e) => {
                        let p = from + e;
                        if b.len() - p >= needle.len()
                            && b[p..p + needle.len()].eq_ignore_ascii_case(needle.as_bytes())
                        {
                            break p;
                        }
                        from = p + 2;
                    }
                    None => break b.len(),
                }
            };
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(src.len()));
            o.push_str(&src[copied..at]);
            copied = end;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&src[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(src),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let n = 2000;
        let src = "<div>".repeat(n) + "deep" + &"</div>".repeat(n);
        let c = cap(&src);
        assert_eq!(c.matches("<div>").count(), MAX_NESTING);
        assert_eq!(c.matches("</div>").count(), MAX_NESTING);
        assert!(c.contains("deep"));
    }

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page = "<p>a<p>b".repeat(2000)
            + &"<ul><li>x<li>y</ul>".repeat(500)
            + "<script>if (a<b) { x = '<div>'.repeat(9999) }</script>";
        assert!(matches!(cap(&page), Cow::Borrowed(_)));
    }
}
