//! Opening a web link in the browser: `$BROWSER` (its first `:`-separated entry, split on
//! spaces into a program and its arguments) or the system's opener (`xdg-open`, `open`), run
//! directly with the address as one argument, never through a shell. Its output is dropped
//! so it cannot draw over the screen; a thread waits for it so it leaves no zombie.

use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;

use crate::tui::update::Msg;

/// The program and its arguments that open a URL.
pub fn opener(browser: Option<&str>) -> Vec<String> {
    if let Some(b) = browser
        && let Some(first) = b.split(':').map(str::trim).find(|s| !s.is_empty())
    {
        return first.split_whitespace().map(String::from).collect();
    }
    let system = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    vec![system.to_string()]
}

/// Hand `url` (already checked safe) to the browser; the outcome comes back as a message.
pub fn browse(url: String, tx: &Sender<Msg>) {
    let browser = std::env::var("BROWSER").ok();
    let argv = opener(browser.as_deref());
    let tx = tx.clone();
    std::thread::spawn(move || {
        let result = Command::new(&argv[0])
            .args(&argv[1..])
            .arg(&url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let error = match result {
            Ok(mut child) => {
                let _ = tx.send(Msg::Browsed {
                    url: url.clone(),
                    error: None,
                });
                let _ = child.wait();
                return;
            }
            Err(e) => Some(format!("{}: {e}", argv[0])),
        };
        let _ = tx.send(Msg::Browsed { url, error });
    });
}

#[cfg(test)]
mod tests {
    use super::opener;

    #[test]
    fn browser_variable_is_split_without_a_shell() {
        assert_eq!(opener(Some("firefox:chromium")), ["firefox"]);
        assert_eq!(opener(Some("w3m -o x=1")), ["w3m", "-o", "x=1"]);
        assert_eq!(opener(Some("a; rm -rf ~")), ["a;", "rm", "-rf", "~"]);
        assert!(!opener(None).is_empty());
        assert_eq!(opener(Some(" : ")), opener(None));
    }
}
