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
    #[cfg(unix)]
    std::thread::spawn(unstick_on_hangup);
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

/// A closed terminal makes every read of it return 0 bytes, and crossterm 0.29 then reads again
/// at once, forever, never returning to the event loop. So when a signal came and the loop has
/// not ended half a second later, standard input is replaced by an empty non-blocking pipe:
/// crossterm's read stops ("would block"), the loop sees the signal, saves and exits.
#[cfg(unix)]
fn unstick_on_hangup() {
    while received().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let mut fds = [0; 2];
    // SAFETY: pipe writes two fds into the array; fcntl and dup2 act on fds this process owns.
    // The pipe's write end is left open so reads say "would block", not end of file.
    unsafe {
        if libc::pipe(fds.as_mut_ptr()) == 0 {
            libc::fcntl(fds[0], libc::F_SETFL, libc::O_NONBLOCK);
            libc::dup2(fds[0], libc::STDIN_FILENO);
        }
    }
}
