//! Input: keys, the actions they stand for (and the context they apply in), and the keymap
//! that maps one to the other. A leaf: it imports nothing else from the terminal layer.

pub mod action;
pub mod key;
pub mod keymap;

pub use action::{Action, Context};
pub use key::{Key, KeyCode, display_seq, notation_seq};
pub use keymap::{Keymap, PendingKeys, Resolution, resolve};
