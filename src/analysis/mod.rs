//! Analysis of an article: key points and tone. Pure: no terminal, no I/O.

pub mod points;
pub mod tone;
