//! Reading an article: decoding bytes, detecting the format, dispatching to a parser.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::model::{Article, Format};
use super::{html, markdown, plaintext};

mod decode;
mod detect;
mod scan;
pub use decode::{Decoded, decode, decode_full};
pub use detect::detect_format;
pub use scan::expand_paths;

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
