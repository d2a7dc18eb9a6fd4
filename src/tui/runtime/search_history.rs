//! The search history file (`search_history` in the data directory): read at start, written
//! atomically after each search.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::tui::state::history::{MAX_ENTRIES, MAX_ENTRY_BYTES, SearchHistory};

pub const FILE_NAME: &str = "search_history";

static PATH: OnceLock<PathBuf> = OnceLock::new();

/// Load the history from `data_dir` (none when the file is missing or unreadable) and
/// remember where to save it.
pub fn load(data_dir: &Path) -> SearchHistory {
    let path = data_dir.join(FILE_NAME);
    let _ = PATH.set(path.clone());
    // Bounded read: a huge or foreign file costs no more than the history can hold.
    let limit = (MAX_ENTRIES * (MAX_ENTRY_BYTES + 1)) as u64;
    let text = std::fs::File::open(&path).ok().and_then(|f| {
        use std::io::Read;
        let mut s = String::new();
        f.take(limit).read_to_string(&mut s).ok().map(|_| s)
    });
    text.map(|t| SearchHistory::parse(&t)).unwrap_or_default()
}

/// Write the history (where [`load`] read it); a failure is logged, not fatal.
pub fn save(h: &SearchHistory) {
    let Some(path) = PATH.get() else { return };
    if let Err(e) = crate::paths::write_atomically(path, h.to_text().as_bytes()) {
        ::log::warn!("cannot save the search history to {}: {e}", path.display());
    }
}
