//! The terminal layer: keys → actions → state → frames. The only part of Tenor that imports
//! ratatui or crossterm.

pub mod app;
pub mod config;
pub mod input;
pub mod log;
pub mod mouse;
pub mod prompt;
pub mod reader;
pub mod reading;
pub mod runtime;
pub mod theme;
pub mod tone_panel;
pub mod update;
pub mod view;
