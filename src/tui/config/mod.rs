//! Configuration: paths (config, data, state dirs), `config.toml` (keymap overrides, theme).
//!
//! Loading never fails: a missing file means the defaults, and every problem in a present one
//! (TOML syntax, unknown fields, bad keys or actions) becomes a warning naming the file, line and
//! key, while the entries that are fine still apply. Tenor shows the warnings after starting.
//!
//! ```toml
//! theme = "light"          # "dark" (default), "light" or "16"
//! hyperlinks = false       # web links as OSC 8 hyperlinks (default true; off with TERM=dumb)
//!
//! [keys.reader]            # also [keys.global], [keys.outline], [keys.side], [keys.library]
//! "gg" = "top"
//! "<C-f>" = "page_down"
//! "b" = "none"             # unbind
//! ```

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

pub use crate::paths::{CONFIG_FILE_NAME, DATA_DIR_ENV, Paths};

use crate::tui::input::keymap::{Context, Keymap, unknown_context};
use crate::tui::theme::ThemeName;

/// The settings from `config.toml`, merged over the defaults.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: ThemeName,
    /// Web links as OSC 8 hyperlinks (`hyperlinks = false` turns them off).
    pub hyperlinks: bool,
    /// Problems found while loading, one line each: `config.toml:7: unknown action ...`.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: Keymap::default(),
            theme: ThemeName::default(),
            hyperlinks: true,
            warnings: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `path`. A missing file gives the defaults without a warning; an unreadable one the
    /// defaults with a warning. Messages name the file by `path` as given.
    pub fn load(path: &Path) -> Config {
        match read_limited(path) {
            Ok(Some(src)) => Config::from_str(&src, &crate::article::text::show_path(path)),
            Ok(None) => Config {
                warnings: vec![format!(
                    "{}: the config file is larger than {}, so it is ignored; using the default settings",
                    crate::article::text::show_path(path),
                    crate::article::text::human_size(MAX_CONFIG_SIZE)
                )],
                ..Config::default()
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => Config {
                warnings: vec![format!(
                    "{}: cannot read the config file ({e}); using the default settings",
                    crate::article::text::show_path(path)
                )],
                ..Config::default()
            },
        }
    }

    /// Parses a config file's text; `file_name` prefixes every warning.
    pub fn from_str(src: &str, file_name: &str) -> Config {
        let mut config = Config::default();
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', src.as_bytes()).collect();
        let warn = |span: Range<usize>, message: &str| {
            format!("{file_name}:{}: {message}", line_of(&newlines, span.start))
        };
        let doc = match DeTable::parse(src) {
            Ok(doc) => doc,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                config.warnings.push(warn(
                    span,
                    &format!(
                        "TOML syntax error: {}; the whole file is ignored",
                        e.message().trim_end()
                    ),
                ));
                return config;
            }
        };
        let mut entries: Vec<_> = doc.get_ref().iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (field, value) in entries {
            let span = field.span();
            match (field.get_ref().as_ref(), value.get_ref()) {
                ("theme", DeValue::String(name)) => match name.parse::<ThemeName>() {
                    Ok(theme) => config.theme = theme,
                    Err(e) => config.warnings.push(warn(value.span(), &e)),
                },
                ("theme", _) => config.warnings.push(warn(
                    value.span(),
                    "\"theme\" must be a string: \"dark\", \"light\" or \"16\"",
                )),
                ("hyperlinks", DeValue::Boolean(on)) => config.hyperlinks = *on,
                ("hyperlinks", _) => config.warnings.push(warn(
                    value.span(),
                    "\"hyperlinks\" must be true or false",
                )),
                ("keys", DeValue::Table(tables)) => {
                    config.warnings.extend(
                        merge_keys(&mut config.keymap, tables)
                            .into_iter()
                            .map(|(span, m)| warn(span, &m)),
                    );
                }
                ("keys", _) => config.warnings.push(warn(
                    span,
                    "\"keys\" must hold tables such as [keys.reader]",
                )),
                (other, _) => config.warnings.push(warn(
                    span,
                    &format!("unknown field {other:?}; expected \"theme\", \"hyperlinks\" or [keys.<context>]"),
                )),
            }
        }
        config
    }
}

/// Merges `[keys.<context>]` tables, in source order, over the keymap.
fn merge_keys(keymap: &mut Keymap, tables: &DeTable) -> Vec<(Range<usize>, String)> {
    let mut warnings = Vec::new();
    let mut entries: Vec<_> = tables.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (name, value) in entries {
        let name_str = name.get_ref().as_ref();
        match (Context::from_name(name_str), value.get_ref()) {
            (None, _) => warnings.push((name.span(), unknown_context("keys.", name_str))),
            (Some(ctx), DeValue::Table(table)) => warnings.extend(
                keymap
                    .merge_table(ctx, table, &format!("[keys.{name_str}]"))
                    .into_iter()
                    .map(|e| (e.span, e.message)),
            ),
            (Some(_), _) => warnings.push((
                name.span(),
                format!("[keys.{name_str}] must be a table of \"keys\" = \"action\" entries"),
            )),
        }
    }
    warnings
}

/// Config files larger than this are refused: a config is a few hundred lines.
pub const MAX_CONFIG_SIZE: u64 = 1_000_000;

/// The file's text, or `None` when it is larger than [`MAX_CONFIG_SIZE`] (read no further).
fn read_limited(path: &Path) -> std::io::Result<Option<String>> {
    use std::io::Read;
    let mut src = String::new();
    std::fs::File::open(path)?
        .take(MAX_CONFIG_SIZE + 1)
        .read_to_string(&mut src)?;
    Ok((src.len() as u64 <= MAX_CONFIG_SIZE).then_some(src))
}

/// The 1-based line of byte offset `at`, given the offsets of the text's newlines.
fn line_of(newlines: &[usize], at: usize) -> usize {
    newlines.partition_point(|&n| n < at) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let newlines = [1, 3]; // "a\nb\nc"
        assert_eq!(line_of(&newlines, 0), 1);
        assert_eq!(line_of(&newlines, 1), 1);
        assert_eq!(line_of(&newlines, 2), 2);
        assert_eq!(line_of(&newlines, 99), 3);
    }
}
