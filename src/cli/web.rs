//! `tenor https://…`: URLs on the command line are fetched before anything else starts, with
//! progress on stderr, and replaced by the kept copy (see [`crate::library::fetch`]). When the
//! network fails and a copy was kept earlier, that copy opens, with a warning.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::library::fetch::{self, Limits};

/// `paths` with every URL replaced by its kept copy.
pub fn resolve(paths: &[PathBuf], config: Option<PathBuf>) -> Result<Vec<PathBuf>, String> {
    if !paths.iter().any(|p| p.to_str().is_some_and(fetch::is_url)) {
        return Ok(paths.to_vec());
    }
    let data_dir = crate::paths::Paths::resolve(config).data_dir;
    paths
        .iter()
        .map(|p| match p.to_str() {
            Some(url) if fetch::is_url(url) => fetch_one(url, &data_dir),
            _ => Ok(p.clone()),
        })
        .collect()
}

fn fetch_one(url: &str, data_dir: &Path) -> Result<PathBuf, String> {
    let tty = std::io::stderr().is_terminal();
    let shown = crate::article::text::sanitize(url).into_owned();
    eprintln!("tenor: fetching {shown}");
    let mut last_shown = 0u64;
    let mut progress = |got: u64, total: Option<u64>| {
        if tty && got - last_shown >= 256 * 1024 {
            last_shown = got;
            let total = total.map_or(String::new(), |t| {
                format!(" of {}", crate::article::text::human_size(t))
            });
            eprint!("\r  {}{total}   ", crate::article::text::human_size(got));
            let _ = std::io::stderr().flush();
        }
    };
    let result = fetch::fetch(url, data_dir, &Limits::default(), &mut progress);
    if tty && last_shown > 0 {
        eprintln!();
    }
    match result {
        Ok(k) => {
            eprintln!(
                "tenor: kept as {}",
                crate::article::text::show_path(&k.path)
            );
            Ok(k.path)
        }
        Err(e) => match fetch::kept(data_dir, url) {
            Some(k) => {
                eprintln!("tenor: warning: {e}; opening the copy kept earlier");
                Ok(k.path)
            }
            None => Err(e.to_string()),
        },
    }
}
