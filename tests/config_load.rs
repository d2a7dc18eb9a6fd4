//! Good configs: theme and key bindings merge over the defaults, and resolve as expected.

use std::path::Path;

use tenor::tui::config::{Config, Paths};
use tenor::tui::input::Action;
use tenor::tui::input::{Context, Key, Keymap, PendingKeys, Resolution, resolve};
use tenor::tui::theme::ThemeName;

fn seq(s: &str) -> Vec<Key> {
    Key::parse_seq(s).expect("valid keys")
}

fn press(map: &Keymap, ctx: Context, keys: &str) -> Resolution {
    let mut pending = PendingKeys::default();
    let mut last = Resolution::Unbound;
    for key in seq(keys) {
        last = resolve(map, ctx, &mut pending, key);
    }
    last
}

fn action(action: Action) -> Resolution {
    Resolution::Action {
        action,
        count: None,
    }
}

#[test]
fn missing_file_gives_defaults_without_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::load(&dir.path().join("config.toml"));
    assert_eq!(config.warnings, Vec::<String>::new());
    assert_eq!(config.theme, ThemeName::Dark);
    assert_eq!(
        press(&config.keymap, Context::Reader, "zM"),
        action(Action::CloseAllFolds)
    );
}

#[test]
fn good_config_merges_over_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/good.toml");
    let config = Config::load(&path);
    assert_eq!(config.warnings, Vec::<String>::new());
    assert_eq!(config.theme, ThemeName::Light);
    let map = &config.keymap;
    // [keys.global] "gg" replaces "g"; other keys for `top` stay.
    assert_eq!(press(map, Context::Outline, "g"), Resolution::Pending);
    assert_eq!(press(map, Context::Outline, "gg"), action(Action::Top));
    assert_eq!(press(map, Context::Outline, "<Home>"), action(Action::Top));
    // "o" is unbound everywhere.
    assert_eq!(press(map, Context::Reader, "o"), Resolution::Unbound);
    assert!(
        map.keys_for(Context::Reader, Action::ToggleOutline)
            .is_empty()
    );
    // Reader rebinds, and a reader "gb" next to the global "gg".
    assert_eq!(
        press(map, Context::Reader, "<C-f>"),
        action(Action::HalfPageDown)
    );
    assert_eq!(
        press(map, Context::Outline, "<C-f>"),
        action(Action::PageDown)
    );
    assert_eq!(press(map, Context::Reader, "gb"), action(Action::Bottom));
    assert_eq!(press(map, Context::Reader, "gg"), action(Action::Top));
    assert_eq!(press(map, Context::Reader, "<Esc>"), Resolution::Unbound);
    // Untouched defaults.
    assert_eq!(
        press(map, Context::Reader, "]]"),
        action(Action::NextHeading)
    );
}

#[test]
fn inline_config_from_str() {
    let config = Config::from_str(
        "theme = \"16\"\n[keys.side]\n\"<C-n>\" = \"next_side_tab\"\n",
        "inline",
    );
    assert_eq!(config.warnings, Vec::<String>::new());
    assert_eq!(config.theme, ThemeName::Sixteen);
    assert_eq!(
        press(&config.keymap, Context::Side, "<C-n>"),
        action(Action::NextSideTab)
    );
    assert_eq!(
        press(&config.keymap, Context::Side, "l"),
        action(Action::NextSideTab)
    );
}

#[test]
fn config_override_path_is_used_as_is() {
    let paths = Paths::resolve(Some("/somewhere/tenor.toml".into()));
    assert_eq!(paths.config_file, Path::new("/somewhere/tenor.toml"));
    assert!(!paths.data_dir.as_os_str().is_empty());
}
