//! Configuration: paths (config, data, state dirs), `config.toml` (keymap overrides, theme).
