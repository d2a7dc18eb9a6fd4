//! The terminal layer: keys → actions → state → frames. The only part of Tenor that imports
//! ratatui or crossterm.

pub mod action;
pub mod keymap;
pub mod theme;
