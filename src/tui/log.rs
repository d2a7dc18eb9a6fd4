//! Logging to a file in the state dir, never to the screen.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

struct FileLogger {
    file: Mutex<File>,
}

impl log::Log for FileLogger {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Info
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        if let Ok(mut f) = self.file.lock() {
            // Messages can quote file names and config text: escape control characters so
            // `cat tenor.log` cannot replay an escape sequence.
            let msg = record.args().to_string();
            let msg = crate::article::text::sanitize(&msg);
            let _ = writeln!(f, "{secs} {} {}: {msg}", record.level(), record.target());
        }
    }

    fn flush(&self) {
        if let Ok(mut f) = self.file.lock() {
            let _ = f.flush();
        }
    }
}

/// Log to `path` (created with its folder). Logging is best effort: if the file cannot be
/// opened, Tenor runs without a log.
pub fn init(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = OpenOptions::new().create(true).append(true).open(path) else {
        return;
    };
    if log::set_boxed_logger(Box::new(FileLogger {
        file: Mutex::new(file),
    }))
    .is_ok()
    {
        log::set_max_level(log::LevelFilter::Info);
        log::info!("tenor {} started", env!("CARGO_PKG_VERSION"));
    }
}
