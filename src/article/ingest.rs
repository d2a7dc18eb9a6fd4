//! Reading an article: decoding bytes, detecting the format, dispatching to a parser.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    #[error(
        "{path}: larger than the limit of {} (use --max-size to raise it)",
        crate::article::text::human_size(*limit)
    )]
    TooLarge { path: String, limit: u64 },
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

/// The default limit on an article's size in bytes (see [`set_max_size`]).
pub const DEFAULT_MAX_SIZE: u64 = 256_000_000;

static MAX_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_SIZE);

/// Sets the size limit [`read_bytes`] and [`load`] apply (the command line's `--max-size`).
pub fn set_max_size(bytes: u64) {
    MAX_SIZE.store(bytes, Ordering::Relaxed);
}

/// The size limit in force.
pub fn max_size() -> u64 {
    MAX_SIZE.load(Ordering::Relaxed)
}

/// Bytes are read in chunks of this size; the first one decides whether the input is binary.
const CHUNK: usize = 64 * 1024;

/// Read a file (or `-` for stdin) and parse it.
pub fn load(path: &Path) -> Result<Article, IngestError> {
    let (bytes, source) = read_bytes(path)?;
    parse_bytes(&bytes, &source)
}

/// Read a file's bytes, or standard input's for `-`, within [`max_size`]: see [`read_limited`].
pub fn read_bytes(path: &Path) -> Result<(Vec<u8>, Source), IngestError> {
    let limit = max_size();
    if path == Path::new("-") {
        let source = Source {
            name: "<stdin>".into(),
            ext: None,
        };
        let bytes = read_limited(std::io::stdin().lock(), &source.name, limit, None)?;
        return Ok((bytes, source));
    }
    let name = super::text::show_path(path);
    let io = |source| IngestError::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    // A regular file's length is known: refuse a large one before reading any of it.
    let len = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let bytes = read_limited(file, &name, limit, len)?;
    Ok((bytes, Source::from_path(path)))
}

/// Read everything from `r` in chunks, refusing binary input (decided from the first chunk)
/// and input over `limit` bytes as soon as either shows, so memory never grows past the limit
/// (`/dev/zero`, a huge pipe). `len` is the size when known beforehand. Decoding is separate
/// ([`decode`]).
pub fn read_limited(
    mut r: impl Read,
    name: &str,
    limit: u64,
    len: Option<u64>,
) -> Result<Vec<u8>, IngestError> {
    let too_large = || IngestError::TooLarge {
        path: name.into(),
        limit,
    };
    if len.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let io = |source| IngestError::Io {
        path: name.into(),
        source,
    };
    let cap = len.unwrap_or(CHUNK as u64).min(limit) as usize;
    let mut buf = Vec::with_capacity(cap.saturating_add(1));
    let mut checked = false;
    loop {
        let room = (limit + 1)
            .saturating_sub(buf.len() as u64)
            .min(CHUNK as u64) as usize;
        if room == 0 {
            return Err(too_large());
        }
        let n = match (&mut r).take(room as u64).read_to_end(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if !checked && (buf.len() >= CHUNK || n == 0) {
            checked = true;
            if let Some(reason) = binary_reason(&buf[..buf.len().min(CHUNK)]) {
                return Err(IngestError::Binary {
                    path: name.into(),
                    reason,
                });
            }
        }
        if buf.len() as u64 > limit {
            return Err(too_large());
        }
        if n == 0 {
            return Ok(buf);
        }
    }
}

/// Why the start of an input is binary, if it is: NUL bytes, outside UTF-16 (which has a BOM).
fn binary_reason(head: &[u8]) -> Option<String> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let nuls = memchr::memchr_iter(0, head).count();
    (nuls > 0).then(|| format!("{nuls} NUL bytes in the first {} bytes", head.len()))
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
pub fn parse_text(text: &str, source: &Source, warnings: Vec<String>) -> Article {
    parse_text_with(text, source, warnings, html::Extraction::Main)
}

/// [`parse_text`], a web page read as `how` says: in reader mode ([`html::Extraction::Main`])
/// or whole ([`html::Extraction::Full`], for when reader mode guessed wrong). Other formats
/// read the same either way.
pub fn parse_text_with(
    text: &str,
    source: &Source,
    mut warnings: Vec<String>,
    how: html::Extraction,
) -> Article {
    let text = normalize_newlines(text);
    let format = detect_format(source.ext.as_deref(), &text);
    let mut article = match format {
        Format::Html => html::parse_with(&text, &source.fallback_title(), how),
        _ => parse_str(&text, format, &source.fallback_title()),
    };
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    article
}

/// Line endings as `\n` alone: `\r\n` (Windows) and a lone `\r` (old Mac) become `\n`, in
/// every format, before any parser or sanitizing sees them (which would show `\r` as `␍`).
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'\r', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut from = first;
    for at in memchr::memchr_iter(b'\r', &bytes[first..]).map(|i| i + first) {
        out.push_str(&text[from..at]);
        out.push('\n');
        from = if bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
    }
    if from < text.len() {
        out.push_str(&text[from..]);
    }
    Cow::Owned(out)
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

/// Expand paths into article files: folders are scanned (not into hidden folders, at most 8
/// deep) for `.md`, `.markdown`, `.txt`, `.html`, `.htm` files, sorted by name. Each real folder
/// is visited once and each real file listed once, however many symbolic links lead to them
/// (a link to a parent folder would otherwise loop).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut scan = Scan::default();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            scan.dir(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// What a folder scan has seen, by canonical path.
#[derive(Default)]
struct Scan {
    dirs: HashSet<PathBuf>,
    files: HashSet<PathBuf>,
}

impl Scan {
    fn dir(&mut self, dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        let Ok(real) = std::fs::canonicalize(dir) else {
            return;
        };
        if !self.dirs.insert(real) {
            return;
        }
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        // Sorted, so which of two names for one file is listed does not depend on the
        // directory's order.
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                if depth < 8 {
                    self.dir(&p, out, depth + 1);
                }
            } else if is_article_name(&p)
                && std::fs::canonicalize(&p).is_ok_and(|real| self.files.insert(real))
            {
                out.push(p);
            }
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
    use super::markdown::segments::{Line, lines};
    lines(text, true)
        .find(|(r, kind)| *kind == Line::Blank && r.start >= min)
        .map(|(r, _)| r.start)
}

fn is_article_name(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "txt" | "html" | "htm")
    )
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

#[cfg(test)]
mod hostile_tests {
    use std::io::Read;

    use super::*;

    /// A reader that counts what was taken from it.
    struct Counting<R> {
        inner: R,
        taken: u64,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.taken += n as u64;
            Ok(n)
        }
    }

    #[test]
    fn endless_zeros_are_refused_after_the_first_chunk() {
        let mut r = Counting {
            inner: std::io::repeat(0),
            taken: 0,
        };
        let err = read_limited(&mut r, "/dev/zero", DEFAULT_MAX_SIZE, None).unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }), "{err}");
        assert!(err.to_string().starts_with("/dev/zero: "), "{err}");
        assert!(r.taken <= CHUNK as u64, "read {} bytes", r.taken);
    }

    #[test]
    fn endless_text_is_refused_at_the_limit() {
        let mut r = Counting {
            inner: std::io::repeat(b'a'),
            taken: 0,
        };
        let err = read_limited(&mut r, "<stdin>", 1_000_000, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<stdin>: larger than the limit of 1.0 MB (use --max-size to raise it)"
        );
        assert!(
            r.taken <= 1_000_000 + CHUNK as u64,
            "read {} bytes",
            r.taken
        );
    }

    #[test]
    fn a_known_length_over_the_limit_is_refused_before_reading() {
        let mut r = Counting {
            inner: std::io::repeat(b'a'),
            taken: 0,
        };
        let err = read_limited(&mut r, "big.md", 10, Some(11)).unwrap_err();
        assert!(matches!(err, IngestError::TooLarge { .. }));
        assert_eq!(r.taken, 0);
    }

    #[test]
    fn input_at_the_limit_is_read_whole() {
        let text = "word ".repeat(30_000);
        let got = read_limited(text.as_bytes(), "a.txt", text.len() as u64, None).unwrap();
        assert_eq!(got, text.as_bytes());
        let small = read_limited(&b"short"[..], "a.txt", 5, Some(5)).unwrap();
        assert_eq!(small, b"short");
        assert!(read_limited(&b"short!"[..], "a.txt", 5, None).is_err());
    }

    #[test]
    fn utf16_with_nuls_is_not_binary() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hello".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read_limited(&le[..], "a.txt", 100, None).unwrap(), le);
    }

    #[test]
    fn line_endings_are_normalized_in_every_format() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
        let cases = [
            (
                "p.html",
                "<html><body><pre>x\r\ny\r\n</pre><p>a\r\nb</p></body></html>",
                "x\ny",
            ),
            (
                "p.md",
                "# T\r\n\r\n```\r\nx\r\ny\r\n```\r\n\r\nSome text.\r\n",
                "x\ny",
            ),
            ("p.txt", "Title\r\n\r\nx\r\ny\r\n", "x y"),
            ("p.html", "<pre>x\ry\r</pre>", "x\ny"),
        ];
        for (name, src, want) in cases {
            let a = parse_text(src, &Source::named(name), Vec::new());
            assert!(!a.text.contains('\r'), "{name}: {:?}", a.text);
            assert!(!a.text.contains('␍'), "{name}: {:?}", a.text);
            assert!(a.text.contains(want), "{name}: {:?}", a.text);
        }
    }
}

#[cfg(all(test, unix))]
mod scan_tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn names(found: &[PathBuf], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_to_a_parent_folder_do_not_loop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "# A").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/b.txt"), "B").unwrap();
        for i in 0..5 {
            symlink(root, root.join(format!("self{i}"))).unwrap();
            symlink(root, root.join(format!("sub/up{i}"))).unwrap();
        }
        let found = expand_paths(&[root.to_path_buf()]);
        assert_eq!(names(&found, root), ["a.md", "sub/b.txt"]);
    }

    #[test]
    fn a_file_under_two_names_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("real")).unwrap();
        std::fs::write(root.join("real/a.md"), "# A").unwrap();
        symlink(root.join("real"), root.join("link")).unwrap();
        symlink(root.join("real/a.md"), root.join("z.md")).unwrap();
        let found = expand_paths(&[root.to_path_buf()]);
        assert_eq!(names(&found, root), ["link/a.md"]);
    }

    #[test]
    fn a_dangling_link_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(root.join("gone.md"), root.join("x.md")).unwrap();
        std::fs::write(root.join("y.md"), "Y").unwrap();
        assert_eq!(names(&expand_paths(&[root.to_path_buf()]), root), ["y.md"]);
    }
}
