//! Policy-text rules for the diplomatic scorer.

use super::rules::Scratch;

/// Adjust token valences for policy text.
pub(crate) fn apply(_sc: &mut Scratch) {}
