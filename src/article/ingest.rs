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
    parse_bytes_declared(bytes, source, None)
}

/// Decode and parse bytes from `source`, `charset` being what the server said (an HTTP
/// `Content-Type` parameter). The article's metadata records a non-UTF-8 encoding and whether
/// it was guessed.
pub fn parse_bytes_declared(
    bytes: &[u8],
    source: &Source,
    charset: Option<&str>,
) -> Result<Article, IngestError> {
    let d = decode_full(bytes, &source.name, charset)?;
    let mut article = parse_text(&d.text, source, d.warnings);
    article.meta.encoding = d.encoding.map(str::to_string);
    article.meta.encoding_guessed = d.guessed;
    Ok(article)
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

/// Decode bytes (see [`decode_full`]): the text and the warnings met.
pub fn decode(bytes: &[u8], name: &str) -> Result<(String, Vec<String>), IngestError> {
    decode_full(bytes, name, None).map(|d| (d.text, d.warnings))
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
    /// The encoding, when it was not UTF-8 (`windows-1252`, `UTF-16LE`, `Shift_JIS` …).
    pub encoding: Option<&'static str>,
    /// `encoding` was guessed from the bytes: no BOM, header or `<meta charset>` named it.
    pub guessed: bool,
}

/// Bytes fed to the encoding detector: enough for any real page, bounded for huge input.
const DETECT_PREFIX: usize = 1 << 20;

/// Where `<meta charset>` is looked for (the HTML standard says 1024 bytes; pages often put
/// it later).
const META_PREFIX: usize = 4096;

/// Decode bytes. In order: a byte-order mark (UTF-8, UTF-16); binary data is refused (NUL
/// bytes or many control characters: not invalid UTF-8, which legacy text is); valid UTF-8 as
/// it is; the encoding `declared` (an HTTP `charset`) or named by `<meta charset>`; else the
/// encoding `chardetng` guesses. Invalid sequences become U+FFFD with a warning; a guessed
/// encoding is said in a warning too.
pub fn decode_full(
    bytes: &[u8],
    name: &str,
    declared: Option<&str>,
) -> Result<Decoded, IngestError> {
    let done = |text, warnings, encoding, guessed| {
        Ok(Decoded {
            text,
            warnings,
            encoding,
            guessed,
        })
    };
    let mut warnings = Vec::new();
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let text = decode_utf16(rest, u16::from_le_bytes, name, &mut warnings);
        return done(text, warnings, Some("UTF-16LE"), false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let text = decode_utf16(rest, u16::from_be_bytes, name, &mut warnings);
        return done(text, warnings, Some("UTF-16BE"), false);
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let probe = &bytes[..bytes.len().min(8192)];
    let nuls = memchr::memchr_iter(0, probe).count();
    if nuls > 0 {
        return Err(IngestError::Binary {
            path: name.into(),
            reason: format!("{nuls} NUL bytes in the first {} bytes", probe.len()),
        });
    }
    let controls = probe
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    if controls * 20 > probe.len() {
        return Err(IngestError::Binary {
            path: name.into(),
            reason: format!(
                "{controls} control characters in the first {} bytes",
                probe.len()
            ),
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return done(s.to_string(), warnings, None, false);
    }
    let named = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_PREFIX)]));
    let bom_or_named = if bom { Some(encoding_rs::UTF_8) } else { named };
    let (encoding, guessed) = match bom_or_named {
        // A page that says UTF-8 (or UTF-16, which bytes without a BOM cannot be) and is not.
        Some(e) if e == encoding_rs::UTF_8 || e.output_encoding() == encoding_rs::UTF_8 => {
            (encoding_rs::UTF_8, false)
        }
        Some(e) => (e, false),
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&bytes[..bytes.len().min(DETECT_PREFIX)], true);
            (det.guess(None, chardetng::Utf8Detection::Deny), true)
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let bad = memchr::memmem::find_iter(text.as_bytes(), "\u{FFFD}".as_bytes()).count();
    if encoding == encoding_rs::UTF_8 {
        warnings.push(format!(
            "{name}: {bad} invalid UTF-8 sequences replaced with �"
        ));
        return done(text.into_owned(), warnings, None, false);
    }
    if guessed {
        warnings.push(format!(
            "{name}: not UTF-8 and no charset declared; read as {} (a guess)",
            encoding.name()
        ));
    }
    if bad > 0 {
        warnings.push(format!(
            "{name}: {bad} bytes invalid in {} replaced with �",
            encoding.name()
        ));
    }
    done(text.into_owned(), warnings, Some(encoding.name()), guessed)
}

/// The encoding a `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` names in the start of a page.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + k + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(e) = encoding_rs::Encoding::for_label(&rest[..end]) {
            return Some(e);
        }
    }
    None
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
    fn legacy_text_is_decoded_and_the_guess_said() {
        let d = decode_full(b"caf\xE9 talks resumed today in the capital", "a.txt", None).unwrap();
        assert_eq!(d.text, "café talks resumed today in the capital");
        assert_eq!((d.encoding, d.guessed), (Some("windows-1252"), true));
        assert!(d.warnings[0].contains("a.txt") && d.warnings[0].contains("windows-1252"));
    }

    #[test]
    fn short_latin1_is_text_not_binary() {
        // Issue 14, item 7: five bytes of Latin-1 were refused as binary.
        for b in [&b"caf\xE9"[..], b"na\xEFve", b"\xE9t\xE9", b"K\xF6ln"] {
            let d = decode_full(b, "short.txt", None).unwrap();
            assert!(!d.text.contains('\u{FFFD}'), "{:?}", d.text);
            assert!(d.guessed);
        }
        assert_eq!(
            decode_full(b"caf\xE9 na\xEFve", "s", None).unwrap().text,
            "café naïve"
        );
    }

    #[test]
    fn declared_charsets_win_over_guesses() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"><title>K\xF6ln</title>";
        let d = decode_full(page, "p.html", None).unwrap();
        assert_eq!((d.encoding, d.guessed), (Some("windows-1252"), false));
        assert!(d.text.contains("Köln") && d.warnings.is_empty());
        let http_equiv = b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>\xF0";
        assert_eq!(
            decode_full(http_equiv, "p", None).unwrap().encoding,
            Some("KOI8-R")
        );
        // The server's charset first.
        let d = decode_full(b"\xC1\xC2", "p", Some("koi8-r")).unwrap();
        assert_eq!((d.encoding, d.guessed), (Some("KOI8-R"), false));
        // Said to be UTF-8 and is not: replaced, with a warning.
        let d = decode_full(b"<meta charset=utf-8>caf\xE9", "u.html", None).unwrap();
        assert!(d.text.contains('\u{FFFD}') && d.warnings[0].contains("u.html"));
        assert_eq!(d.encoding, None);
        // A UTF-8 BOM is believed over a guess.
        let d = decode_full(b"\xEF\xBB\xBFcaf\xE9", "b", None).unwrap();
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn control_characters_make_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 4 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(decode(&bytes, "ctl").is_err());
        assert!(decode(b"tab\tand\x1b[1m escape", "ok").is_ok());
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
}
