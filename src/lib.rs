//! Tenor: a terminal reader for policy and news articles.
//!
//! The core (`article`, `analysis`, `layout`) is pure and never touches the terminal;
//! `tui` is the thin terminal layer and `cli` the command-line edge.

pub mod analysis;
pub mod annotate;
pub mod article;
pub mod cli;
#[doc(hidden)]
pub mod generate;
pub mod layout;
pub mod library;
pub mod paths;
pub mod plural;
pub mod store;
pub mod tui;
