//! SIGHUP (the terminal closed) and SIGTERM (shutdown, `kill`): the handlers only raise a flag;
//! the event loop sees it within one wait, saves the reading position as on quit, and the
//! terminal is restored before Tenor exits (with status 128 + the signal's number).

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// One flag per signal handled, with its number.
static FLAGS: OnceLock<Vec<(i32, Arc<AtomicBool>)>> = OnceLock::new();

/// Install the handlers (once; errors leave the default action, which exits at once).
pub(super) fn install() {
    FLAGS.get_or_init(|| {
        #[cfg(unix)]
        {
            [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM]
                .into_iter()
                .filter_map(|sig| {
                    let flag = Arc::new(AtomicBool::new(false));
                    signal_hook::flag::register(sig, flag.clone())
                        .ok()
                        .map(|_| (sig, flag))
                })
                .collect()
        }
        #[cfg(not(unix))]
        {
            Vec::new()
        }
    });
}

/// The signal received, if one was: time to save and exit.
pub(super) fn received() -> Option<i32> {
    FLAGS
        .get()?
        .iter()
        .find(|(_, f)| f.load(Ordering::Relaxed))
        .map(|(sig, _)| *sig)
}
