//! The terminal layer: keys → actions → state → frames. The only part of Tenor that imports
//! ratatui or crossterm. Imports run one way: `runtime` → `update` → `state` → (`input`,
//! `reader`, the core); `view` → `state`.

pub mod config;
pub mod input;
pub mod reader;
pub mod runtime;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
