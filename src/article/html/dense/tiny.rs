//! Runs of tiny blocks (`<p>a</p>` repeated): their block tags taken out before html5ever
//! builds a node for each, so the run is read as one block of plain text, with a warning.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::{Kind, MAX_WARNINGS, Name, key, kind, tags};

/// Block elements a run of tiny blocks may lose: those that only cut text into paragraphs,
/// items or headings. Sectioning that chooses the article (`<article>`, `<main>`) or marks
/// chrome (`<nav>`, `<aside>`, `<footer>`), tables, code and raw text end a run instead.
const TINY: &[&str] = &[
    "blockquote",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ol",
    "p",
    "section",
    "ul",
];

/// Blocks a run must hold before it can be taken for a run of tiny blocks.
pub(in crate::article::html) const BLOCKS_BASE: usize = 64;
/// Bytes per block (two block tags) under which a run of blocks is tiny; the page as a whole
/// must also hold more than one block per this many bytes.
pub(in crate::article::html) const BYTES_PER_BLOCK: usize = 24;

/// A run of block tags being read by [`tiny_runs`].
struct Run {
    /// The first tag's start, the last one's end.
    start: usize,
    end: usize,
    /// Where the first start tag starts, where the last end tag ends.
    first_start: Option<usize>,
    last_end: Option<usize>,
    /// Block tags, start tags among them (up to the last end tag), bytes between them.
    tags: usize,
    starts: usize,
    starts_closed: usize,
    gaps: usize,
}

fn is_tiny(name: &str) -> bool {
    TINY.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The runs of `src` (from the first block tag to the end of the last) made of more than
/// [`BLOCKS_BASE`] blocks with under [`BYTES_PER_BLOCK`] bytes each on average, with their
/// block start tags; none when the page as a whole is not that dense in blocks.
fn tiny_runs(src: &str) -> Vec<(Range<usize>, usize)> {
    let page_limit = 2 * (BLOCKS_BASE + src.len() / BYTES_PER_BLOCK);
    // Cheap first: a page with fewer tags of any kind is passed on without reading them.
    if memchr::memchr_iter(b'<', src.as_bytes())
        .nth(page_limit)
        .is_none()
    {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut total = 0;
    let mut run: Option<Run> = None;
    let close = |run: Option<Run>, runs: &mut Vec<_>| {
        if let Some(r) = run
            && r.tags > 2 * BLOCKS_BASE
            && 2 * r.gaps < r.tags * BYTES_PER_BLOCK
        {
            // From its first start tag to the end of its last end tag, so that the blocks
            // around it keep theirs; the stray end tags before are kept.
            let (start, end) = (
                r.first_start.unwrap_or(r.start),
                r.last_end.unwrap_or(r.end),
            );
            let range = if start < end {
                start..end
            } else {
                r.start..r.end
            };
            let starts = if r.last_end.is_some() {
                r.starts_closed
            } else {
                r.starts
            };
            runs.push((range, starts));
        }
    };
    for t in tags(src) {
        if kind(t.name) != Kind::Boundary {
            continue;
        }
        if !is_tiny(t.name) {
            close(run.take(), &mut runs);
            continue;
        }
        total += 1;
        // Text of ordinary length between two block tags ends a run.
        if run
            .as_ref()
            .is_some_and(|r| t.at - r.end > 2 * BYTES_PER_BLOCK)
        {
            close(run.take(), &mut runs);
        }
        let r = run.get_or_insert(Run {
            start: t.at,
            end: t.at,
            first_start: None,
            last_end: None,
            tags: 0,
            starts: 0,
            starts_closed: 0,
            gaps: 0,
        });
        r.gaps += t.at - r.end;
        r.end = t.end;
        r.tags += 1;
        if t.closing {
            r.last_end = Some(t.end);
            r.starts_closed = r.starts;
        } else {
            r.starts += 1;
            r.first_start.get_or_insert(t.at);
        }
    }
    close(run, &mut runs);
    if total > page_limit { runs } else { Vec::new() }
}

/// `src` with the block tags of its runs of tiny blocks taken out (see [`tiny_runs`]): each
/// run's text is one block, read as [`flatten`] then reads it; a warning for each run.
/// `src` itself (borrowed) when the page has no such run. Linear in the page's size.
pub(in crate::article::html) fn collapse_tiny_blocks(src: &str) -> (Cow<'_, str>, Vec<String>) {
    let runs = tiny_runs(src);
    if runs.is_empty() {
        return (Cow::Borrowed(src), Vec::new());
    }
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut copied = 0;
    let mut warnings = Vec::new();
    let (mut line, mut counted) = (1, 0);
    for (r, n) in runs.iter().take(MAX_WARNINGS) {
        line += memchr::memchr_iter(b'\n', &b[counted..r.start]).count();
        counted = r.start;
        warnings.push(format!(
            "HTML at line {line}: {n} blocks of under {BYTES_PER_BLOCK} bytes in a row; \
             shown as plain text"
        ));
    }
    if runs.len() > MAX_WARNINGS {
        warnings.push(format!(
            "{} more runs of tiny HTML blocks shown as plain text",
            runs.len() - MAX_WARNINGS
        ));
    }
    let mut next = 0;
    // Per block element name, its open start tags, innermost last: taken out or kept (as in
    // `flatten_blocks`), so that an end tag closing an element opened before a run is kept.
    let mut open: HashMap<Name, Vec<bool>> = HashMap::new();
    for t in tags(src) {
        if !is_tiny(t.name) || kind(t.name) != Kind::Boundary {
            continue;
        }
        while runs.get(next).is_some_and(|(r, _)| r.end <= t.at) {
            next += 1;
        }
        let inside = runs.get(next).is_some_and(|(r, _)| r.start <= t.at);
        let name = key(t.name).map_or_else(|| Name::Long(t.name.to_ascii_lowercase()), Name::Short);
        let stack = open.entry(name).or_default();
        let take = match (t.closing, inside) {
            (false, _) => {
                stack.push(inside);
                inside
            }
            // A stray end tag (html5ever makes an empty `<p>` of `</p>`) goes too.
            (true, _) => stack.pop().unwrap_or(inside),
        };
        if take {
            out.push_str(&src[copied..t.at]);
            // A `<` just before a tag taken out must not open a tag with what follows it.
            if out.ends_with('<') {
                out.pop();
                out.push_str("&lt;");
            }
            out.push(' ');
            copied = t.end;
        }
    }
    out.push_str(&src[copied..]);
    (Cow::Owned(out), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_tiny_blocks_lose_their_block_tags_and_keep_the_rest() {
        let run = "<p>a</p> <div>b<b>c</b></div>".repeat(200);
        let src = format!("<nav><p>lead</p></nav>\n<ul>{run}</ul><hr><p>end</p>");
        let (out, warnings) = collapse_tiny_blocks(&src);
        let plain = " a   b<b>c</b> ".repeat(200);
        assert_eq!(
            out,
            format!("<nav><p>lead</p></nav>\n {plain} <hr><p>end</p>")
        );
        assert_eq!(
            warnings,
            ["HTML at line 2: 401 blocks of under 24 bytes in a row; shown as plain text"]
        );
        // Blocks of ordinary length, or too few, are left as they are.
        let long = "<p>A sentence of ordinary length.</p>".repeat(200);
        assert!(matches!(collapse_tiny_blocks(&long).0, Cow::Borrowed(_)));
        let few = "<p>a</p>".repeat(60);
        assert!(matches!(collapse_tiny_blocks(&few).0, Cow::Borrowed(_)));
    }

    #[test]
    fn an_end_tag_of_a_block_opened_before_the_run_is_kept() {
        let src = format!("<div>x<hr>{}</div>y", "a</p> <p>b</p>".repeat(100));
        let out = collapse_tiny_blocks(&src).0;
        // The stray `</p>` before the run's first start tag is kept too.
        assert_eq!(
            out,
            format!("<div>x<hr>a</p>  b {}</div>y", "a   b ".repeat(99))
        );
    }
}
