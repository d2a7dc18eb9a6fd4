//! Reading an article: decoding bytes, detecting the format, dispatching to a parser.

use std::path::{Path, PathBuf};

use super::model::{Article, Format};
use super::text::atx_heading;
use super::{html, markdown, plaintext};

/// Why an input could not become an article.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: looks like a binary file, not an article ({reason})")]
    Binary { path: String, reason: String },
}

/// Where an article comes from, for messages and the fallback title.
#[derive(Debug, Clone)]
pub struct Source {
    /// Shown in messages: the path, or `<stdin>`.
    pub name: String,
    /// Extension (lowercase) used for format detection.
    pub ext: Option<String>,
}

impl Source {
    pub fn from_path(path: &Path) -> Self {
        Source {
            name: super::text::show_path(path),
            ext: path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase),
        }
    }

    pub fn named(name: &str) -> Self {
        Self::from_path(Path::new(name))
    }

    /// A readable title from the file name: `japan-trade_talks.txt` → `Japan trade talks`.
    pub fn fallback_title(&self) -> String {
        let stem = Path::new(&self.name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Untitled");
        let words: String = stem
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect();
        let mut chars = words.trim().chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => "Untitled".into(),
        }
    }
}

/// Read a file (or `-` for stdin) and parse it.
pub fn load(path: &Path) -> Result<Article, IngestError> {
    let (bytes, source) = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| {
            IngestError::Io {
                path: "<stdin>".into(),
                source: e,
            }
        })?;
        (
            buf,
            Source {
                name: "<stdin>".into(),
                ext: None,
            },
        )
    } else {
        let bytes = std::fs::read(path).map_err(|e| IngestError::Io {
            path: super::text::show_path(path),
            source: e,
        })?;
        (bytes, Source::from_path(path))
    };
    parse_bytes(&bytes, &source)
}

/// Decode and parse bytes from `source`.
pub fn parse_bytes(bytes: &[u8], source: &Source) -> Result<Article, IngestError> {
    let (text, warnings) = decode(bytes, &source.name)?;
    Ok(parse_text(&text, source, warnings))
}

/// Parse decoded text from `source`: detect the format, parse, and put `warnings` (from
/// decoding) before the parser's own.
pub fn parse_text(text: &str, source: &Source, mut warnings: Vec<String>) -> Article {
    let format = detect_format(source.ext.as_deref(), text);
    let mut article = parse_str(text, format, &source.fallback_title());
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article
}

/// Parse already-decoded text in a known format.
pub fn parse_str(text: &str, format: Format, fallback_title: &str) -> Article {
    match format {
        Format::Markdown => markdown::parse(text, fallback_title),
        Format::Html => html::parse(text, fallback_title),
        Format::Plain => plaintext::parse(text, fallback_title),
    }
}

/// Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM; invalid UTF-8 is replaced with
/// U+FFFD and a warning. Binary data (NUL bytes outside UTF-16) is an error.
pub fn decode(bytes: &[u8], name: &str) -> Result<(String, Vec<String>), IngestError> {
    let mut warnings = Vec::new();
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((
            decode_utf16(rest, u16::from_le_bytes, name, &mut warnings),
            warnings,
        ));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((
            decode_utf16(rest, u16::from_be_bytes, name, &mut warnings),
            warnings,
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let probe = &bytes[..bytes.len().min(8192)];
    let nuls = probe.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        return Err(IngestError::Binary {
            path: name.into(),
            reason: format!("{nuls} NUL bytes in the first {} bytes", probe.len()),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), warnings)),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
            let controls = probe
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
                .count();
            if bad * 10 > s.chars().count().max(1) || controls * 20 > probe.len().max(1) {
                return Err(IngestError::Binary {
                    path: name.into(),
                    reason: format!("{bad} bytes are not valid UTF-8"),
                });
            }
            warnings.push(format!(
                "{name}: {bad} invalid UTF-8 sequences replaced with �"
            ));
            Ok((s, warnings))
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    f: fn([u8; 2]) -> u16,
    name: &str,
    warnings: &mut Vec<String>,
) -> String {
    let units = bytes.chunks_exact(2).map(|c| f([c[0], c[1]]));
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let bad = s.chars().filter(|&c| c == '\u{FFFD}').count() + bytes.len() % 2;
    if bad > 0 {
        warnings.push(format!(
            "{name}: {bad} invalid UTF-16 units replaced with �"
        ));
    }
    s
}

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

/// Expand paths into article files: folders are scanned (not recursively into hidden folders)
/// for `.md`, `.markdown`, `.txt`, `.html`, `.htm` files, sorted by name.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            scan_dir(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn scan_dir(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() && depth < 8 {
            scan_dir(&p, out, depth + 1);
        } else if matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("md" | "markdown" | "txt" | "html" | "htm")
        ) {
            out.push(p);
        }
    }
}

/// The start of a long article, parsed on its own so that its first screen can show before
/// the whole of it is parsed: `None` for HTML (always parsed whole) and for text not much
/// longer than `min` bytes. The cut is the first blank line after `min` bytes that lies
/// outside front matter and fenced code, so the blocks before it parse as they do in the whole
/// article. Linear in the prefix only.
pub fn parse_prefix(text: &str, source: &Source, min: usize) -> Option<Article> {
    let format = detect_format(source.ext.as_deref(), text);
    if format == Format::Html || text.len() <= min.saturating_mul(2) {
        return None;
    }
    let cut = prefix_cut(text, min)?;
    Some(parse_str(&text[..cut], format, &source.fallback_title()))
}

/// Where [`parse_prefix`] cuts: the byte offset of a blank line at or after `min`, outside
/// front matter (`---`/`+++` … at the start) and code fences (``` or ~~~).
fn prefix_cut(text: &str, min: usize) -> Option<usize> {
    let mut fence: Option<(char, usize)> = None;
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += line.len();
        let t = line.trim_end();
        let lead = t.trim_start();
        if n == 0 && (t == "---" || t == "+++") {
            fence = t.chars().next().map(|c| (c, 3));
            continue;
        }
        let run = |c: char| lead.chars().take_while(|&x| x == c).count();
        let indent = t.len() - lead.len();
        match fence {
            Some((c, len)) if (c == '-' || c == '+') && t.len() == 3 && run(c) == len => {
                fence = None;
            }
            Some((c, len))
                if (c == '`' || c == '~')
                    && indent < 4
                    && run(c) >= len
                    && lead.trim_start_matches(c).trim().is_empty() =>
            {
                fence = None;
            }
            Some(_) => {}
            None if indent < 4 && (run('`') >= 3 || run('~') >= 3) => {
                let c = if run('`') >= 3 { '`' } else { '~' };
                fence = Some((c, run(c)));
            }
            None if start >= min && t.is_empty() => return Some(start),
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms() {
        let (s, w) = decode(b"\xEF\xBB\xBFhi", "x").unwrap();
        assert_eq!((s.as_str(), w.len()), ("hi", 0));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le, "x").unwrap().0, "hé");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be, "x").unwrap().0, "hé");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_warning() {
        let (s, w) = decode(b"caf\xE9 talks resumed today in the capital", "a.txt").unwrap();
        assert!(s.contains('\u{FFFD}'));
        assert!(w[0].contains("a.txt"));
    }

    #[test]
    fn binary_is_rejected_with_name() {
        let err = decode(b"\x7fELF\x02\x01\x01\0\0\0\0", "prog").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("prog: looks like a binary file")
        );
    }

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format(Some("md"), ""), Format::Markdown);
        assert_eq!(
            detect_format(None, "# Title\n\nSee [x](y) and **z**."),
            Format::Markdown
        );
        assert_eq!(detect_format(None, "<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(
            detect_format(None, "Plain words.\nMore words."),
            Format::Plain
        );
    }

    #[test]
    fn inline_links() {
        assert!(has_inline_link("see [the text](https://example.org)."));
        assert!(!has_inline_link("see [3] (below) and ]() here"));
    }

    #[test]
    fn fallback_titles() {
        assert_eq!(
            Source::named("dir/trade-talks_2024.txt").fallback_title(),
            "Trade talks 2024"
        );
        assert_eq!(
            Source {
                name: "<stdin>".into(),
                ext: None
            }
            .fallback_title(),
            "<stdin>"
        );
    }

    #[test]
    fn a_prefix_is_cut_at_a_blank_line_outside_code_fences() {
        let para = "Some words about the harbour and its dues.\n\n";
        let mut md = String::from("# T\n\n");
        md.push_str(&para.repeat(5));
        md.push_str("```\ncode\n\nmore code\n```\n\n");
        md.push_str(&para.repeat(20));
        let inside = md.find("code\n\n").unwrap() + 5;
        let cut = prefix_cut(&md, inside - 1).unwrap();
        assert!(
            cut > md.find("```\n\n").unwrap(),
            "cut inside the fence at {cut}"
        );
        assert!(md[..cut].ends_with("\n") && md[cut..].starts_with('\n'));
        // Front matter is a fence too.
        let fm = format!("---\ntitle: X\n\nnote: y\n---\n\n{}", para.repeat(20));
        assert!(prefix_cut(&fm, 1).unwrap() > fm.find("---\n\n").unwrap());
        // Short text and HTML are parsed whole.
        let src = Source::named("a.md");
        assert!(parse_prefix(&md, &src, md.len()).is_none());
        let html = format!("<html><body>{}</body></html>", "<p>x</p>\n\n".repeat(100));
        assert!(parse_prefix(&html, &Source::named("a.html"), 10).is_none());
        let p = parse_prefix(&md, &src, 40).unwrap();
        assert_eq!(p.meta.title, "T");
        assert!(p.text.len() < md.len());
    }
}
