//! Which files to read: the paths given, folders walked recursively in
//! sorted order, hidden entries and crosscheck's own files skipped.

use std::path::{Path, PathBuf};

use super::LoadError;

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

/// The files to read, in a stable order; missing paths become problems.
pub fn files(paths: &[PathBuf], problems: &mut Vec<LoadError>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_dir(path, &mut out, problems);
        } else if path.is_file() {
            if is_article(path) {
                out.push(path.clone());
            } else {
                problems.push(LoadError::Unsupported { path: path.clone() });
            }
        } else {
            problems.push(LoadError::Missing { path: path.clone() });
        }
    }
    out.dedup();
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<LoadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(LoadError::Io { path: dir.to_path_buf(), message: e.to_string() });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if is_hidden(&path) {
            continue;
        }
        if path.is_dir() {
            walk_dir(&path, out, problems);
        } else if is_article(&path)
            && !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| OWN_FILES.contains(&n))
        {
            out.push(path);
        }
    }
}
