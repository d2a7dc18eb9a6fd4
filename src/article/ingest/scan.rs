//! Folders to article files: each real folder visited once, each real file listed once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Expand paths into article files: folders are scanned (not into hidden folders, at most 8
/// deep) for `.md`, `.markdown`, `.txt`, `.html`, `.htm` files, sorted by name. Each real folder
/// is visited once and each real file listed once, however many symbolic links lead to them
/// (a link to a parent folder would otherwise loop).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut scan = Scan::default();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            scan.dir(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// What a folder scan has seen, by canonical path.
#[derive(Default)]
struct Scan {
    dirs: HashSet<PathBuf>,
    files: HashSet<PathBuf>,
}

impl Scan {
    fn dir(&mut self, dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        let Ok(real) = std::fs::canonicalize(dir) else {
            return;
        };
        if !self.dirs.insert(real) {
            return;
        }
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        // Sorted, so which of two names for one file is listed does not depend on the
        // directory's order.
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                if depth < 8 {
                    self.dir(&p, out, depth + 1);
                }
            } else if is_article_name(&p)
                && std::fs::canonicalize(&p).is_ok_and(|real| self.files.insert(real))
            {
                out.push(p);
            }
        }
    }
}

fn is_article_name(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "txt" | "html" | "htm")
    )
}

#[cfg(all(test, unix))]
mod scan_tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn names(found: &[PathBuf], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_to_a_parent_folder_do_not_loop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "# A").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/b.txt"), "B").unwrap();
        for i in 0..5 {
            symlink(root, root.join(format!("self{i}"))).unwrap();
            symlink(root, root.join(format!("sub/up{i}"))).unwrap();
        }
        let found = expand_paths(&[root.to_path_buf()]);
        assert_eq!(names(&found, root), ["a.md", "sub/b.txt"]);
    }

    #[test]
    fn a_file_under_two_names_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("real")).unwrap();
        std::fs::write(root.join("real/a.md"), "# A").unwrap();
        symlink(root.join("real"), root.join("link")).unwrap();
        symlink(root.join("real/a.md"), root.join("z.md")).unwrap();
        let found = expand_paths(&[root.to_path_buf()]);
        assert_eq!(names(&found, root), ["link/a.md"]);
    }

    #[test]
    fn a_dangling_link_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink(root.join("gone.md"), root.join("x.md")).unwrap();
        std::fs::write(root.join("y.md"), "Y").unwrap();
        assert_eq!(names(&expand_paths(&[root.to_path_buf()]), root), ["y.md"]);
    }
}
