//! Large and odd configs: refused over 1 MB, thousands of bindings or unknown fields load in
//! linear time, and merging a table at once gives what binding one key at a time gives.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use tenor::tui::config::{Config, MAX_CONFIG_SIZE};
use tenor::tui::input::action::Action;
use tenor::tui::input::keymap::{Context, Key, Keymap};

#[test]
fn a_config_over_a_megabyte_is_refused_with_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let mut src = String::from("theme = \"light\"\n");
    while (src.len() as u64) <= MAX_CONFIG_SIZE {
        src.push_str("# a comment line to make the file large\n");
    }
    std::fs::write(&path, &src).unwrap();
    let c = Config::load(&path);
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(
        c.warnings[0].ends_with(
            "config.toml: the config file is larger than 1.0 MB, so it is ignored; using the default settings"
        ),
        "{}",
        c.warnings[0]
    );
    assert_eq!(c.theme, Config::default().theme);
    // Just under the limit it is read.
    src.truncate(MAX_CONFIG_SIZE as usize - 100);
    std::fs::write(&path, &src).unwrap();
    assert!(Config::load(&path).warnings.is_empty());
}

/// Distinct two- and three-key sequences that start with a letter no default uses alone.
fn many_keys(n: usize) -> Vec<String> {
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    let mut out = Vec::new();
    'outer: for &a in &letters {
        for &b in &letters {
            for &c in &letters {
                if out.len() == n {
                    break 'outer;
                }
                out.push(format!("<A-{a}>{b}{c}"));
            }
        }
    }
    out
}

#[test]
fn twenty_thousand_bindings_load_quickly() {
    // Quadratic indexing took 34 s for 10,000 bindings; linear takes milliseconds.
    let keys = many_keys(20_000);
    let mut src = String::from("[keys.reader]\n");
    for k in &keys {
        src.push_str(&format!("\"{k}\" = \"top\"\n"));
    }
    let start = Instant::now();
    let c = Config::from_str(&src, "config.toml");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(c.warnings.is_empty(), "{:?}", &c.warnings[..1]);
    let k = Key::parse_seq(&keys[19_999]).unwrap();
    assert_eq!(c.keymap.lookup(Context::Reader, &k), Some(Action::Top));
}

#[test]
fn forty_thousand_unknown_fields_warn_quickly() {
    let mut src = String::new();
    for i in 0..40_000 {
        src.push_str(&format!("field{i} = 1\n"));
    }
    let start = Instant::now();
    let c = Config::from_str(&src, "config.toml");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(c.warnings.len(), 40_000);
    assert!(c.warnings[39_999].starts_with("config.toml:40000: unknown field \"field39999\""));
}

#[test]
fn an_overlong_key_sequence_is_reported() {
    let c = Config::from_str(
        &format!("[keys.reader]\n\"{}\" = \"top\"\n", "j".repeat(5000)),
        "config.toml",
    );
    assert_eq!(c.warnings.len(), 1);
    assert!(
        c.warnings[0].contains("longer than 16 keys"),
        "{}",
        c.warnings[0]
    );
}

const NAMES: &[&str] = &["top", "bottom", "quit", "none", "page_down"];

proptest! {
    /// A `[keys.reader]` table merged at once ends as binding its entries one at a time
    /// (the entries the table keeps: the first of two clashing ones).
    #[test]
    fn merging_a_table_equals_binding_one_key_at_a_time(
        entries in prop::collection::vec(("[gzjkM]{1,3}", 0..NAMES.len()), 0..24),
        global in any::<bool>(),
    ) {
        let ctx = if global { Context::Global } else { Context::Reader };
        let mut kept: Vec<(Vec<Key>, usize)> = Vec::new();
        let mut src = format!("[keys.{}]\n", ctx.name());
        for (keys, name) in &entries {
            let k = Key::parse_seq(keys).unwrap();
            if src.contains(&format!("\"{keys}\"")) {
                continue; // TOML refuses a key twice
            }
            src.push_str(&format!("\"{keys}\" = \"{}\"\n", NAMES[*name]));
            if kept.iter().all(|(o, _)| !(o.starts_with(&k) || k.starts_with(o))) {
                kept.push((k, *name));
            }
        }
        let merged = Config::from_str(&src, "c.toml").keymap;
        let mut one = Keymap::defaults();
        for (k, name) in kept {
            match Action::from_name(NAMES[name]) {
                Some(a) => one.bind(ctx, k, a),
                None => one.unbind(ctx, &k),
            }
        }
        for c in Context::ALL {
            prop_assert_eq!(merged.bindings(c), one.bindings(c));
            prop_assert_eq!(merged.active_bindings(c), one.active_bindings(c));
        }
    }
}
