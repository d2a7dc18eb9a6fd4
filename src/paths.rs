//! Where Tenor keeps its files: the platform's directories from `directories::ProjectDirs`,
//! overridable for tests and portable setups by `--config` and `TENOR_DATA_DIR`.

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

/// Environment variable that moves the data directory (and the state directory inside it).
pub const DATA_DIR_ENV: &str = "TENOR_DATA_DIR";

/// The config file's name inside the config directory.
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// Tenor's files. Nothing here is created; callers create directories when they first write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `config.toml`: the `--config` path, else `<config dir>/config.toml`.
    pub config_file: PathBuf,
    /// Annotations and reading state: `$TENOR_DATA_DIR`, else the platform data dir.
    pub data_dir: PathBuf,
    /// Logs: `$TENOR_DATA_DIR/state` when that is set (so tests stay hermetic), else the platform
    /// state dir (Linux) or cache dir (elsewhere).
    pub state_dir: PathBuf,
}

impl Paths {
    /// Paths from the platform, `TENOR_DATA_DIR` and an optional `--config` path. Without a
    /// home directory, falls back to `.tenor/` in the working directory.
    pub fn resolve(config_override: Option<PathBuf>) -> Paths {
        Paths::from_parts(
            config_override,
            std::env::var_os(DATA_DIR_ENV),
            ProjectDirs::from("", "", "tenor").as_ref(),
        )
    }

    /// [`Paths::resolve`] with its inputs passed in (pure).
    pub fn from_parts(
        config_override: Option<PathBuf>,
        data_dir_env: Option<OsString>,
        dirs: Option<&ProjectDirs>,
    ) -> Paths {
        let fallback = PathBuf::from(".tenor");
        let config_file = config_override.unwrap_or_else(|| {
            dirs.map_or_else(|| fallback.clone(), |d| d.config_dir().to_path_buf())
                .join(CONFIG_FILE_NAME)
        });
        let data_env = data_dir_env.filter(|v| !v.is_empty()).map(PathBuf::from);
        let (data_dir, state_dir) = match (data_env, dirs) {
            (Some(data), _) => (data.clone(), data.join("state")),
            (None, Some(d)) => (
                d.data_dir().to_path_buf(),
                d.state_dir().unwrap_or_else(|| d.cache_dir()).to_path_buf(),
            ),
            (None, None) => (fallback.join("data"), fallback.join("state")),
        };
        Paths {
            config_file,
            data_dir,
            state_dir,
        }
    }

    /// The log file, inside the state directory.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("tenor.log")
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "tenor".to_string(), |n| n.to_string_lossy().into_owned());
    // Unique per process and per write, so no two writers share a temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        std::io::Write::write_all(&mut f, bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable (where directories can be opened).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs() -> ProjectDirs {
        ProjectDirs::from_path(PathBuf::from("tenor")).expect("a home directory in tests")
    }

    #[test]
    fn platform_dirs_by_default() {
        let d = dirs();
        let p = Paths::from_parts(None, None, Some(&d));
        assert_eq!(p.config_file, d.config_dir().join("config.toml"));
        assert_eq!(p.data_dir, d.data_dir());
        assert!(p.state_dir.ends_with("tenor"), "{}", p.state_dir.display());
        assert_eq!(p.log_file(), p.state_dir.join("tenor.log"));
    }

    #[test]
    fn overrides_win() {
        let d = dirs();
        let p = Paths::from_parts(
            Some(PathBuf::from("/tmp/x/my.toml")),
            Some(OsString::from("/tmp/data")),
            Some(&d),
        );
        assert_eq!(p.config_file, PathBuf::from("/tmp/x/my.toml"));
        assert_eq!(p.data_dir, PathBuf::from("/tmp/data"));
        assert_eq!(p.state_dir, PathBuf::from("/tmp/data/state"));
    }

    #[test]
    fn empty_env_is_unset_and_no_home_falls_back_locally() {
        let p = Paths::from_parts(None, Some(OsString::new()), None);
        assert_eq!(p.config_file, PathBuf::from(".tenor/config.toml"));
        assert_eq!(p.data_dir, PathBuf::from(".tenor/data"));
        assert_eq!(p.state_dir, PathBuf::from(".tenor/state"));
    }
}
