//! Articles from the web: `tenor https://…` fetches the page (ureq with rustls: no system
//! OpenSSL), with a timeout, a redirect limit, a size cap and a content-type check, and keeps
//! it in the data directory (`web/`) beside a small JSON record of its URL, final URL, content
//! type and fetch time. A kept page is a file like any other: it opens offline and keeps its
//! reading position; fetching the same URL again replaces it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Limits of one fetch.
#[derive(Debug, Clone)]
pub struct Limits {
    /// For the whole exchange: connecting, redirects, headers and body.
    pub timeout: Duration,
    pub max_redirects: u32,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_bytes: 50 * 1000 * 1000,
        }
    }
}

/// Why a page could not be fetched. Messages are for people, and name the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}: not an http:// or https:// URL")]
    BadUrl(String),
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: {kind} is not an article (HTML, Markdown or plain text are)")]
    NotAnArticle { url: String, kind: String },
    #[error("{url}: larger than {limit} bytes; not fetched")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: no answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error("{url}: {message}")]
    Network { url: String, message: String },
    #[error("{path}: cannot keep the page: {source}")]
    Store {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What is recorded beside a kept page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The URL asked for.
    pub url: String,
    /// The URL answered, after redirects.
    pub final_url: String,
    pub content_type: String,
    /// The `charset` the server named, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// Seconds since the Unix epoch.
    pub fetched_at: u64,
    /// The encoding the page came in when it was not UTF-8: the kept copy is UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// That encoding was guessed (no header, BOM or `<meta charset>` named it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub encoding_guessed: bool,
}

/// A page kept in the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: PathBuf,
    pub record: Record,
}

/// Is `s` a web address Tenor fetches (rather than a file name)?
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The folder of kept pages.
pub fn web_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("web")
}

/// Where the page of `url` is kept, without its extension: a readable name from the host and
/// path, and a hash of the whole URL so that different URLs never share a file.
pub fn stem_for(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let readable: String = rest
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let readable: String = readable.chars().take(80).collect();
    format!("{readable}-{:016x}", fnv1a(url.as_bytes()))
}

/// FNV-1a, 64 bits: a stable hash (std's `DefaultHasher` may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The kept copy of `url`, if there is one.
pub fn kept(data_dir: &Path, url: &str) -> Option<Kept> {
    let dir = web_dir(data_dir);
    let stem = stem_for(url);
    let record: Record =
        serde_json::from_slice(&std::fs::read(dir.join(format!("{stem}.json"))).ok()?).ok()?;
    ["html", "md", "txt"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
        .map(|path| Kept { path, record })
}

/// The record kept beside `path` when it is a kept page (a file in a data directory's `web`
/// folder with its `.json` record beside it).
pub fn record_of(path: &Path) -> Option<Record> {
    if path.parent()?.file_name()? != "web" || path.extension()? == "json" {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path.with_extension("json")).ok()?).ok()
}

/// The data directory a kept page at `path` belongs to.
pub fn data_dir_of(path: &Path) -> Option<&Path> {
    path.parent()?.parent()
}

/// Every kept page, newest first.
pub fn all_kept(data_dir: &Path) -> Vec<Kept> {
    let Ok(rd) = std::fs::read_dir(web_dir(data_dir)) else {
        return Vec::new();
    };
    let mut out: Vec<Kept> = rd
        .filter_map(|e| {
            let p = e.ok()?.path();
            if p.extension()? != "json" {
                return None;
            }
            let record: Record = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
            kept(data_dir, &record.url)
        })
        .collect();
    out.sort_by_key(|k| std::cmp::Reverse(k.record.fetched_at));
    out
}

/// The kind of article a `Content-Type` names, as a file extension: `html`, `md` or `txt`.
/// `None` for anything else (images, PDFs, JSON …).
pub fn article_kind(content_type: &str) -> Option<&'static str> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some("html"),
        "text/markdown" | "text/x-markdown" => Some("md"),
        "text/plain" | "" => Some("txt"),
        _ => None,
    }
}

/// The `charset` parameter of a `Content-Type`.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty() && v.len() < 64)
    })
}

/// Fetch `url` and keep it in `data_dir`. `progress` is told the bytes received so far and the
/// announced length, when there is one.
pub fn fetch(
    url: &str,
    data_dir: &Path,
    limits: &Limits,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Kept, FetchError> {
    let url = url.trim();
    if !is_url(url) || url.chars().any(char::is_control) {
        return Err(FetchError::BadUrl(shown(url)));
    }
    let url_shown = shown(url);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("tenor/", env!("CARGO_PKG_VERSION")))
        .accept("text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9, */*;q=0.1")
        .build()
        .into();
    let mut resp = agent
        .get(url)
        .call()
        .map_err(|e| net_error(&url_shown, e, limits))?;
    let status = resp.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(FetchError::Status {
            url: url_shown,
            status,
        });
    }
    let final_url = ureq::ResponseExt::get_uri(&resp).to_string();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let Some(ext) = article_kind(&content_type) else {
        return Err(FetchError::NotAnArticle {
            url: url_shown,
            kind: shown(&content_type),
        });
    };
    let announced = resp.body().content_length();
    if announced.is_some_and(|n| n > limits.max_bytes) {
        return Err(FetchError::TooLarge {
            url: url_shown,
            limit: limits.max_bytes,
        });
    }
    let mut body = Vec::new();
    let mut reader = resp
        .body_mut()
        .with_config()
        .limit(limits.max_bytes.saturating_add(1))
        .reader();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                // The body limit is reported as an I/O error.
                if body.len() as u64 >= limits.max_bytes {
                    return Err(FetchError::TooLarge {
                        url: url_shown,
                        limit: limits.max_bytes,
                    });
                }
                return Err(FetchError::Network {
                    url: url_shown,
                    message: shown(&e.to_string()),
                });
            }
        };
        body.extend_from_slice(&buf[..n]);
        if body.len() as u64 > limits.max_bytes {
            return Err(FetchError::TooLarge {
                url: url_shown,
                limit: limits.max_bytes,
            });
        }
        progress(body.len() as u64, announced);
    }
    let charset = charset_of(&content_type);
    // Kept as UTF-8, so that the copy reads the same without the server's header.
    let decoded = crate::article::ingest::decode_full(&body, &url_shown, charset.as_deref());
    let (body, encoding, encoding_guessed) = match decoded {
        Ok(d) if d.encoding.is_some() => (
            d.text.into_bytes(),
            d.encoding.map(str::to_string),
            d.guessed,
        ),
        _ => (body, None, false),
    };
    let record = Record {
        url: url.to_string(),
        final_url,
        charset,
        content_type,
        fetched_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        encoding,
        encoding_guessed,
    };
    store(data_dir, ext, &body, record)
}

/// Keep `body` and its record, replacing an earlier copy of the same URL.
fn store(data_dir: &Path, ext: &str, body: &[u8], record: Record) -> Result<Kept, FetchError> {
    let dir = web_dir(data_dir);
    let err = |path: &Path, source| FetchError::Store {
        path: crate::article::text::show_path(path),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| err(&dir, e))?;
    let stem = stem_for(&record.url);
    for old in ["html", "md", "txt"] {
        if old != ext {
            let _ = std::fs::remove_file(dir.join(format!("{stem}.{old}")));
        }
    }
    let path = dir.join(format!("{stem}.{ext}"));
    crate::paths::write_atomically(&path, body).map_err(|e| err(&path, e))?;
    let json = serde_json::to_vec_pretty(&record).unwrap_or_default();
    let rec_path = dir.join(format!("{stem}.json"));
    crate::paths::write_atomically(&rec_path, &json).map_err(|e| err(&rec_path, e))?;
    Ok(Kept { path, record })
}

/// Text from outside (a URL, a header, an error) as it may be shown: escaped, one line, and
/// not too long.
fn shown(s: &str) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    let mut out = crate::article::text::sanitize(&one_line).into_owned();
    if out.chars().count() > 200 {
        out = out.chars().take(200).collect::<String>() + "…";
    }
    out
}

fn net_error(url: &str, e: ureq::Error, limits: &Limits) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url: url.to_string(),
            secs: limits.timeout.as_secs(),
        },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url: url.to_string(),
            max: limits.max_redirects,
        },
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => FetchError::BadUrl(url.to_string()),
        other => FetchError::Network {
            url: url.to_string(),
            message: shown(&other.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_knows_its_record_and_data_dir() {
        let data = tempfile::tempdir().unwrap();
        let web = web_dir(data.path());
        std::fs::create_dir_all(&web).unwrap();
        let record = Record {
            url: "https://example.org/a".into(),
            final_url: "https://example.org/a".into(),
            content_type: "text/html".into(),
            charset: None,
            fetched_at: 1,
            encoding: Some("windows-1252".into()),
            encoding_guessed: true,
        };
        let page = web.join("example.org-a.html");
        std::fs::write(&page, "<p>x</p>").unwrap();
        std::fs::write(
            page.with_extension("json"),
            serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
        assert_eq!(record_of(&page), Some(record));
        assert_eq!(data_dir_of(&page), Some(data.path()));
        // Not a kept page: elsewhere, or the record itself.
        let other = data.path().join("a.html");
        std::fs::write(&other, "<p>x</p>").unwrap();
        assert_eq!(record_of(&other), None);
        assert_eq!(record_of(&page.with_extension("json")), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(article_kind("text/html; charset=utf-8"), Some("html"));
        assert_eq!(article_kind("TEXT/MARKDOWN"), Some("md"));
        assert_eq!(article_kind("text/plain"), Some("txt"));
        assert_eq!(article_kind("image/png"), None);
        assert_eq!(article_kind("application/pdf"), None);
        assert_eq!(
            charset_of("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1".into())
        );
        assert_eq!(charset_of("text/html"), None);
    }

    #[test]
    fn urls_and_names() {
        assert!(is_url("https://x.org/a") && is_url("HTTP://x") && !is_url("notes.md"));
        assert!(!is_url("ftp://x") && !is_url("é"));
        let a = stem_for("https://ledger.example/news/a?b=1");
        assert!(a.starts_with("ledger-example-news-a-b-1-"), "{a}");
        assert_ne!(a, stem_for("https://ledger.example/news/a?b=2"));
        assert!(!stem_for(&"é/".repeat(500)).contains('/'));
    }
}
