//! Which files to read: the paths given, folders walked recursively in
//! sorted order, hidden entries and crosscheck's own files skipped.
//!
//! Symbolic links: every file and folder is visited once, by its device
//! and inode (by its canonical path where there are none), so a link loop
//! or a second link to one article reads nothing twice. A link inside a
//! folder that leads out of that folder is not followed unless the caller
//! asks (`--follow-links`); each one skipped is said as a warning, since a
//! link to `/` or to another person's files is rarely meant as an article.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{LoadError, LoadWarning};

/// Extensions read when walking a folder.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "json", "jsonl", "ndjson"];
/// crosscheck's own files, never read as articles.
const OWN_FILES: &[&str] = &["sources.toml", "crosscheck.toml", "crosscheck-reviews.toml", "crosscheck-baseline.json"];

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

/// What identifies a file or folder however it is reached.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| Identity::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(Identity::Path)
    }
}

/// The walk's state: what was seen, what was found, what went wrong.
struct Walk<'a> {
    seen: HashSet<Identity>,
    out: Vec<PathBuf>,
    problems: &'a mut Vec<LoadError>,
    warnings: &'a mut Vec<LoadWarning>,
    follow_links: bool,
}

impl Walk<'_> {
    /// Whether `path` is new; marks it seen.
    fn first_visit(&mut self, path: &Path) -> bool {
        self.first_seen(identity(path))
    }

    /// Whether what `id` identifies is new; marks it seen.
    fn first_seen(&mut self, id: Option<Identity>) -> bool {
        match id {
            Some(id) => self.seen.insert(id),
            None => true,
        }
    }

    fn walk_dir(&mut self, dir: &Path, root: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems.push(LoadError::Io { path: dir.to_path_buf(), message: e.to_string() });
                return;
            }
        };
        let folder = identity(dir);
        let mut listed: Vec<Listed> = entries.filter_map(|e| e.ok().map(|e| Listed::of(&e, folder.as_ref()))).collect();
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        for Listed { path, kind, id } in listed {
            if is_hidden(&path) {
                continue;
            }
            // A file or folder the listing names as such needs no more
            // questions of the file system; a link, or an entry the
            // listing gave no type for, does.
            if kind.is_none() {
                let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                if link && !self.follow_links {
                    let inside = std::fs::canonicalize(&path).is_ok_and(|target| target.starts_with(root));
                    if !inside {
                        self.warnings.push(LoadWarning::LinkOutside { path: path.clone() });
                        continue;
                    }
                }
            }
            if kind.map_or_else(|| path.is_dir(), |k| k.is_dir()) {
                if self.first_visit(&path) {
                    self.walk_dir(&path, root);
                }
            } else if is_article(&path)
                && !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| OWN_FILES.contains(&n))
                && self.first_seen(if kind.is_some() { id } else { identity(&path) })
            {
                self.out.push(path);
            }
        }
    }
}

/// An entry of a folder's listing: its path, its type when the listing
/// gives it and it is no link, and its identity as the listing gives it.
/// A folder of 100,000 articles is walked twice a run (see
/// `analyse_stream`), and asking the file system about each entry three
/// times took a tenth of the thread that reads the corpus.
struct Listed {
    path: PathBuf,
    kind: Option<std::fs::FileType>,
    /// The folder's device and the entry's inode: a plain file is on its
    /// folder's device.
    id: Option<Identity>,
}

impl Listed {
    fn of(entry: &std::fs::DirEntry, folder: Option<&Identity>) -> Listed {
        let kind = entry.file_type().ok().filter(|k| !k.is_symlink());
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::DirEntryExt;
            folder.map(|Identity::Inode(dev, _)| Identity::Inode(*dev, entry.ino()))
        };
        #[cfg(not(unix))]
        let id = {
            let _ = folder;
            identity(&entry.path())
        };
        Listed { path: entry.path(), kind, id }
    }
}

/// The files to read, in a stable order, each once; missing paths become
/// problems, links out of a folder skipped (unless `follow_links`) warnings.
pub fn files(
    paths: &[PathBuf],
    follow_links: bool,
    problems: &mut Vec<LoadError>,
    warnings: &mut Vec<LoadWarning>,
) -> Vec<PathBuf> {
    let mut walk = Walk { seen: HashSet::new(), out: Vec::new(), problems, warnings, follow_links };
    for path in paths {
        if path.as_os_str() == "-" {
            // Standard input, read by the caller.
            walk.out.push(path.clone());
        } else if path.is_dir() {
            let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let before = walk.out.len();
            if walk.first_visit(path) {
                walk.walk_dir(path, &root);
            }
            if walk.out.len() == before {
                walk.warnings.push(LoadWarning::NoArticle { path: path.clone() });
            }
        } else if path.is_file() {
            if !is_article(path) {
                walk.problems.push(LoadError::Unsupported { path: path.clone() });
            } else if walk.first_visit(path) {
                walk.out.push(path.clone());
            }
        } else {
            walk.problems.push(LoadError::Missing { path: path.clone() });
        }
    }
    walk.out
}
