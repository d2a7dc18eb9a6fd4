//! Which format a text is in: its extension first, else what it looks like (HTML tags,
//! Markdown headings, lists and links).

use super::super::model::Format;
use super::super::text::atx_heading;

/// Format by extension, then by content.
///
/// Without an extension (stdin), Markdown needs either a strong sign (front matter, or an ATX
/// heading `# Title` as the first line, which plain text hardly ever starts with) or two
/// weaker ones. Bullet lines count once at most and only next to another sign: plain text uses
/// `-` and `*` lists too.
pub fn detect_format(ext: Option<&str>, text: &str) -> Format {
    match ext {
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        Some("txt" | "text") => return Format::Plain,
        Some("html" | "htm" | "xhtml") => return Format::Html,
        _ => {}
    }
    let head: String = text.chars().take(4096).collect();
    let lower = head.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || is_html_fragment(&lower)
    {
        return Format::Html;
    }
    if head.starts_with("---\n") || head.starts_with("+++\n") {
        return Format::Markdown;
    }
    let first_line = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if atx_heading(first_line).is_some() {
        return Format::Markdown;
    }
    let mut signals = 0;
    let mut bullets = false;
    for l in head.lines() {
        let t = l.trim_start();
        if atx_heading(t).is_some()
            || t.starts_with("```")
            || t.starts_with("~~~")
            || t.starts_with("> ")
            || has_inline_link(t)
            || t.contains("**")
        {
            signals += 1;
        } else if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
            bullets = true;
        }
    }
    if signals >= 2 || signals == 1 && bullets {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// Tags that mark a piece of HTML (a fragment without `<!DOCTYPE>` or `<html>`, as copied
/// from a page): block tags and the line break, which text hardly ever spells out.
const HTML_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "body",
    "section",
    "main",
    "header",
    "footer",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "blockquote",
    "br",
];

/// `lower` (lowercased, leading blanks trimmed) opens with a tag or comment, and has one of
/// the [`HTML_TAGS`] somewhere. Text that merely starts with `<` (`<3 this deal`, `<< prev`,
/// an autolink `<https://…>`) has no such tag, so it stays plain.
fn is_html_fragment(lower: &str) -> bool {
    let mut chars = lower.chars();
    if chars.next() != Some('<')
        || !chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '!')
    {
        return false;
    }
    lower.match_indices('<').any(|(i, _)| {
        let rest = lower[i + 1..].strip_prefix('/').unwrap_or(&lower[i + 1..]);
        HTML_TAGS.iter().any(|tag| {
            rest.strip_prefix(tag)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
    })
}

/// `[text](target)` somewhere in the line.
fn has_inline_link(line: &str) -> bool {
    line.match_indices("](")
        .any(|(i, _)| line[..i].contains('[') && line[i + 2..].find(')').is_some_and(|j| j > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_links() {
        assert!(has_inline_link("see [the text](https://example.org)."));
        assert!(!has_inline_link("see [3] (below) and ]() here"));
    }
}
