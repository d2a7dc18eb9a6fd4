//! The terminal layer: keys → actions → state → frames. The only part of Tenor that imports
//! ratatui or crossterm.

pub mod action;
pub mod app;
pub mod keymap;
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
