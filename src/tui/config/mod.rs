//! Configuration: paths (config, data, state dirs), `config.toml` (keymap overrides, theme).
//!
//! Loading never fails: a missing file means the defaults, and every problem in a present one
//! (TOML syntax, unknown fields, bad keys or actions) becomes a warning naming the file, line and
//! key, while the entries that are fine still apply. Tenor shows the warnings after starting.
//!
//! ```toml
//! theme = "light"          # "dark" (default), "light" or "16"
//!
//! [keys.reader]            # also [keys.global], [keys.outline], [keys.side], [keys.library]
//! "gg" = "top"
//! "<C-f>" = "page_down"
//! "b" = "none"             # unbind
//! ```

mod paths;

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

pub use paths::{CONFIG_FILE_NAME, DATA_DIR_ENV, Paths};

use crate::tui::input::keymap::{Context, Keymap, unknown_context};
use crate::tui::theme::ThemeName;

/// The settings from `config.toml`, merged over the defaults.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: ThemeName,
    /// Problems found while loading, one line each: `config.toml:7: unknown action ...`.
    pub warnings: Vec<String>,
}

impl Config {
    /// Reads `path`. A missing file gives the defaults without a warning; an unreadable one the
    /// defaults with a warning. Messages name the file by `path` as given.
    pub fn load(path: &Path) -> Config {
        match std::fs::read_to_string(path) {
            Ok(src) => Config::from_str(&src, &crate::article::text::show_path(path)),
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
        let warn = |span: Range<usize>, message: &str| {
            format!("{file_name}:{}: {message}", line_of(src, span.start))
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
                    &format!("unknown field {other:?}; expected \"theme\" or [keys.<context>]"),
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

/// The 1-based line of byte offset `at`.
fn line_of(src: &str, at: usize) -> usize {
    let at = at.min(src.len());
    src.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
