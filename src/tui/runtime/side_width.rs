//! The side panel's width, remembered between runs: one number in a small file in the data
//! directory, written atomically.

use std::path::Path;

/// The file's name in the data directory.
pub const FILE_NAME: &str = "side-panel-width";

/// Widest width read back (a wider terminal still clamps it to what fits).
const MAX: u16 = 1000;

/// The width saved last, if there is a readable one.
pub fn load(dir: &Path) -> Option<u16> {
    parse(&std::fs::read_to_string(dir.join(FILE_NAME)).ok()?)
}

/// The width in the file's text: a number on its own; anything else is ignored.
fn parse(s: &str) -> Option<u16> {
    s.trim()
        .parse::<u16>()
        .ok()
        .filter(|w| (1..=MAX).contains(w))
}

/// Save `width` (a failure is logged: the width is a convenience, not data).
pub fn save(dir: &Path, width: u16) {
    let r = std::fs::create_dir_all(dir).and_then(|_| {
        crate::paths::write_atomically(&dir.join(FILE_NAME), format!("{width}\n").as_bytes())
    });
    if let Err(e) = r {
        ::log::warn!("could not save the side panel's width: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_round_trips_and_junk_is_ignored() {
        let dir = std::env::temp_dir().join(format!("tenor-side-width-{}", std::process::id()));
        assert_eq!(load(&dir), None);
        save(&dir, 57);
        assert_eq!(load(&dir), Some(57));
        let _ = std::fs::remove_dir_all(&dir);
        for junk in ["", "wide", "-3", "0", "99999", "12 13"] {
            assert_eq!(parse(junk), None, "{junk:?}");
        }
        assert_eq!(parse(" 40\n"), Some(40));
    }
}
