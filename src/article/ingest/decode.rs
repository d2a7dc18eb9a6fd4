//! Bytes to text: byte-order marks, binary refusal, UTF-8, declared and `<meta>` charsets,
//! and a guessed legacy encoding, with warnings.

use super::IngestError;

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
