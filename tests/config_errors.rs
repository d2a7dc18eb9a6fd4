//! Bad configs: every problem is a warning naming the file, line and key, and Tenor keeps the
//! defaults for the bad entries (the good ones still apply).

use std::path::{Path, PathBuf};

use tenor::tui::config::Config;
use tenor::tui::input::Action;
use tenor::tui::input::{Context, Key, Keymap};
use tenor::tui::theme::ThemeName;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn parse(name: &str) -> Config {
    let src = std::fs::read_to_string(fixture(name)).expect("fixture");
    Config::from_str(&src, "config.toml")
}

fn seq(s: &str) -> Vec<Key> {
    Key::parse_seq(s).expect("valid keys")
}

fn same_as_defaults(map: &Keymap) -> bool {
    let defaults = Keymap::defaults();
    Context::ALL
        .iter()
        .all(|&c| map.bindings(c) == defaults.bindings(c))
}

#[test]
fn unknown_action_names_file_line_key_and_table() {
    let config = parse("unknown_action.toml");
    assert_eq!(
        config.warnings,
        vec![r#"config.toml:7: unknown action "fold_everything" for key "zz" in [keys.reader]"#]
    );
    assert_eq!(config.keymap.lookup(Context::Reader, &seq("zz")), None);
}

#[test]
fn invalid_key_sequences() {
    let config = parse("bad_key_sequence.toml");
    assert_eq!(
        config.warnings,
        vec![
            r#"config.toml:3: invalid key sequence "<C-" in [keys.reader]: unclosed '<' (write <lt> for the < key)"#,
            r#"config.toml:4: invalid key sequence "<Ctrl-x>" in [keys.reader]: unknown key name <Ctrl-x> (modifiers are C-, A- and S-, as in <C-x>)"#,
            r#"config.toml:5: invalid key sequence "<Hyper>" in [keys.reader]: unknown key name <Hyper>"#,
        ]
    );
    // The default for <C-d> is untouched.
    assert_eq!(
        config.keymap.lookup(Context::Global, &seq("<C-d>")),
        Some(Action::HalfPageDown)
    );
}

#[test]
fn toml_syntax_error_ignores_the_file() {
    let config = parse("syntax_error.toml");
    assert_eq!(
        config.warnings,
        vec![
            "config.toml:3: TOML syntax error: unclosed table, expected `]`; the whole file is ignored"
        ]
    );
    assert_eq!(config.theme, ThemeName::Dark);
    assert!(same_as_defaults(&config.keymap));
}

#[test]
fn unknown_top_level_fields_and_contexts() {
    let config = parse("unknown_fields.toml");
    assert_eq!(
        config.warnings,
        vec![
            r#"config.toml:2: unknown field "colour"; expected "theme", "hyperlinks" or [keys.<context>]"#,
            r#"config.toml:4: unknown field "keybindings"; expected "theme", "hyperlinks" or [keys.<context>]"#,
            "config.toml:7: unknown table [keys.reeder]; expected one of [keys.global], \
             [keys.reader], [keys.outline], [keys.side], [keys.library], [keys.select]",
        ]
    );
    assert!(same_as_defaults(&config.keymap));
}

#[test]
fn bad_values_are_skipped_and_good_neighbours_apply() {
    let config = parse("bad_values.toml");
    assert_eq!(
        config.warnings,
        vec![
            r#"config.toml:1: unknown theme "blue"; expected "dark", "light" or "16""#,
            r#"config.toml:4: [keys.outline] must be a table of "keys" = "action" entries"#,
            r#"config.toml:7: expected an action name (a string) for key "k" in [keys.reader]"#,
            r#"config.toml:8: key "5j" in [keys.reader] starts with a digit, which types a count"#,
            r#"config.toml:10: key "g" in [keys.reader] is ignored: it clashes with "gg" (one is the start of the other)"#,
            r#"config.toml:12: key "<BackTab>" in [keys.reader] is ignored: "<S-Tab>" is the same key"#,
        ]
    );
    assert_eq!(config.theme, ThemeName::Dark);
    let map = &config.keymap;
    assert_eq!(map.lookup(Context::Reader, &seq("gg")), Some(Action::Top));
    assert_eq!(map.lookup(Context::Reader, &seq("g")), None);
    assert_eq!(
        map.lookup(Context::Reader, &seq("<S-Tab>")),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        map.lookup(Context::Outline, &seq("h")),
        Some(Action::Collapse)
    );
}

#[test]
fn theme_must_be_a_string() {
    let config = parse("theme_not_a_string.toml");
    assert_eq!(
        config.warnings,
        vec![r#"config.toml:1: "theme" must be a string: "dark", "light" or "16""#]
    );
    assert_eq!(config.theme, ThemeName::Dark);
}

#[test]
fn load_names_the_file_by_its_path() {
    let path = fixture("unknown_action.toml");
    let config = Config::load(&path);
    assert_eq!(
        config.warnings,
        vec![format!(
            r#"{}:7: unknown action "fold_everything" for key "zz" in [keys.reader]"#,
            path.display()
        )]
    );
}

#[test]
fn unreadable_file_warns_and_uses_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::load(dir.path());
    assert_eq!(config.warnings.len(), 1);
    let prefix = format!("{}: cannot read the config file (", dir.path().display());
    assert!(
        config.warnings[0].starts_with(&prefix),
        "{}",
        config.warnings[0]
    );
    assert!(config.warnings[0].ends_with("); using the default settings"));
    assert!(same_as_defaults(&config.keymap));
}
