//! Fetching articles from a local HTTP server started inside each test on 127.0.0.1 (never a
//! real site): the kept copy, redirects, limits, content types, charsets, and `tenor URL` end
//! to end, opening offline afterwards.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use tenor::library::fetch::{FetchError, Limits, fetch, kept};

const ARTICLE: &str = "<!doctype html><html lang=en><head><title>Dock strike ends | Wire</title>\
<meta property=og:site_name content=Wire></head><body><nav>Home News</nav><article>\
<h1>Dock strike ends</h1><p>The dock strike ended on Friday after the union accepted a \
three-year pay offer from the port operators, officials said.</p><h2>Terms</h2>\
<p>The deal raises pay by four percent a year.</p></article></body></html>";

/// A server answering each request by `route(path)` → raw HTTP response bytes.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(route: fn(&str) -> Vec<u8>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((s, _)) => {
                        std::thread::spawn(move || serve(s, route));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn shut(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut();
    }
}

fn serve(s: TcpStream, route: fn(&str) -> Vec<u8>) {
    s.set_nonblocking(false).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    if r.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
    }
    let mut s = s;
    let _ = s.write_all(&route(&path));
}

fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn routes(path: &str) -> Vec<u8> {
    let html = [("Content-Type", "text/html; charset=utf-8")];
    match path {
        "/article.html" => response("200 OK", &html, ARTICLE.as_bytes()),
        "/notes.md" => response(
            "200 OK",
            &[("Content-Type", "text/markdown")],
            b"# Notes\n\nPlain *notes*.\n",
        ),
        "/moved" => response("302 Found", &[("Location", "/article.html")], b""),
        "/loop" => response("302 Found", &[("Location", "/loop")], b""),
        "/odd-redirect" => response("302 Found", &[("Location", "\u{1b}[31m://\u{7}")], b""),
        "/image.png" => response("200 OK", &[("Content-Type", "image/png")], b"\x89PNG\r\n"),
        "/missing" => response("404 Not Found", &html, b"<p>no</p>"),
        "/latin1" => response(
            "200 OK",
            &[("Content-Type", "text/html; charset=ISO-8859-1")],
            b"<title>K\xf6ln</title><article><h1>K\xf6ln</h1><p>Caf\xe9 talks went on for a long time in the city, and then they stopped for the winter break as expected.</p></article>",
        ),
        "/big" => response("200 OK", &html, &vec![b'a'; 5000]),
        "/liar" => {
            // Announces a small body, sends a large one: the cap still holds.
            let mut r = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n".to_vec();
            r.extend(std::iter::repeat_n(b'x', 20_000));
            r
        }
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            response("200 OK", &html, b"<p>late</p>")
        }
        "/hostile" => response(
            "200 OK",
            &[("Content-Type", "text/html")],
            "<title>\u{1b}]0;pwned\u{7}Title</title><p>\u{1b}[2Jclear \u{9b}31m</p>".as_bytes(),
        ),
        _ => response("404 Not Found", &html, b""),
    }
}

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_millis(800),
        max_redirects: 3,
        max_bytes: 4096,
    }
}

fn big_limits() -> Limits {
    Limits {
        max_bytes: 1 << 20,
        ..limits()
    }
}

#[test]
fn a_page_is_kept_with_its_url_and_reads_offline() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let k = fetch(
        &srv.url("/article.html"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(k.path.starts_with(dir.path().join("web")));
    assert_eq!(k.path.extension().unwrap(), "html");
    assert_eq!(k.record.url, srv.url("/article.html"));
    assert!(k.record.fetched_at > 0);
    let a = tenor::article::load(&k.path).unwrap();
    assert_eq!(a.meta.title, "Dock strike ends");
    assert!(!a.text.contains("Home News"));
    assert_eq!(
        kept(dir.path(), &srv.url("/article.html")).unwrap().path,
        k.path
    );
    let md = fetch(
        &srv.url("/notes.md"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(md.path.extension().unwrap(), "md");
    assert_eq!(tenor::library::fetch::all_kept(dir.path()).len(), 2);
}

#[test]
fn redirects_are_followed_up_to_the_limit() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let k = fetch(
        &srv.url("/moved"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(k.record.final_url, srv.url("/article.html"));
    let e = fetch(&srv.url("/loop"), dir.path(), &big_limits(), &mut |_, _| {}).unwrap_err();
    assert!(matches!(e, FetchError::TooManyRedirects { .. }), "{e}");
    let e = fetch(
        &srv.url("/odd-redirect"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(
        !e.to_string().contains('\u{1b}') && !e.to_string().contains('\u{7}'),
        "{e}"
    );
}

#[test]
fn what_is_not_an_article_is_refused_clearly() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let e = fetch(
        &srv.url("/image.png"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: image/png is not an article (HTML, Markdown or plain text are)",
            srv.url("/image.png")
        )
    );
    let e = fetch(
        &srv.url("/missing"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(e.to_string().ends_with("the server answered 404"), "{e}");
    for bad in ["ftp://x/y", "file:///etc/passwd", "http://exa\u{1b}mple/"] {
        let e = fetch(bad, dir.path(), &big_limits(), &mut |_, _| {}).unwrap_err();
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
    }
    assert!(
        !dir.path().join("web").exists() || tenor::library::fetch::all_kept(dir.path()).is_empty()
    );
}

#[test]
fn size_cap_and_timeout_hold() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let e = fetch(&srv.url("/big"), dir.path(), &limits(), &mut |_, _| {}).unwrap_err();
    assert!(matches!(e, FetchError::TooLarge { .. }), "{e}");
    let e = fetch(&srv.url("/liar"), dir.path(), &limits(), &mut |_, _| {}).unwrap_err();
    assert!(
        matches!(e, FetchError::TooLarge { .. } | FetchError::Network { .. }),
        "{e}"
    );
    let t = std::time::Instant::now();
    let e = fetch(&srv.url("/slow"), dir.path(), &limits(), &mut |_, _| {}).unwrap_err();
    assert!(matches!(e, FetchError::Timeout { .. }), "{e}");
    assert!(t.elapsed() < Duration::from_millis(1400));
}

#[test]
fn the_servers_charset_is_used_and_the_copy_is_utf8() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let k = fetch(
        &srv.url("/latin1"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(k.record.encoding.as_deref(), Some("windows-1252"));
    assert!(!k.record.encoding_guessed);
    let text = std::fs::read_to_string(&k.path).unwrap();
    assert!(text.contains("Köln") && text.contains("Café"));
}

#[test]
fn hostile_pages_stay_escaped() {
    let srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let k = fetch(
        &srv.url("/hostile"),
        dir.path(),
        &big_limits(),
        &mut |_, _| {},
    )
    .unwrap();
    let a = tenor::article::load(&k.path).unwrap();
    let out = tenor::layout::render::render(&a, 80) + &a.meta.title;
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'),
        "{out:?}"
    );
}

fn tenor(args: &[&str], data: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tenor"))
        .args(args)
        .env("TENOR_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn tenor_url_opens_the_article_and_it_opens_again_without_the_server() {
    let mut srv = Server::start(routes);
    let dir = tempfile::tempdir().unwrap();
    let url = srv.url("/article.html");
    let out = tenor(&[&url], dir.path());
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("fetching") && stderr.contains("kept as"),
        "{stderr}"
    );
    assert!(
        stdout.contains("Dock strike ends") && stdout.contains("Terms"),
        "{stdout}"
    );
    // It is in the data directory, with its URL.
    let kept = tenor::library::fetch::all_kept(dir.path());
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].record.url, url);
    srv.shut();
    let mut probe = TcpStream::connect(("127.0.0.1", srv.port));
    if let Ok(s) = probe.as_mut() {
        // Something else took the port: the offline path cannot be tested reliably.
        let _ = s.read(&mut [0u8; 1]);
        return;
    }
    let out = tenor(&[&url], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("opening the copy kept earlier"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dock strike ends"));
    // Never fetched and no server: a clear error.
    let out = tenor(&[&srv.url("/never")], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/never"));
}
