//! Where rule and lexicon files come from: the `rules/` folder embedded at
//! build time, then any user folders layered over it in the order given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::LexiconError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// One data file: where it was read from and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file's path relative to its rules folder, with `/` separators
    /// (`lexicons/measures.toml`).
    pub relative: String,
    /// Where it was read, for error messages (`<built-in>/lexicons/measures.toml`
    /// for the embedded copy).
    pub origin: PathBuf,
    pub text: String,
}

/// Every data file, layer by layer: the built-in layer first.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    layers: Vec<Vec<SourceFile>>,
}

impl Sources {
    /// The rules and lexicons shipped with crosscheck.
    pub fn built_in() -> Self {
        let files = embedded::FILES
            .iter()
            .map(|(relative, text)| SourceFile {
                relative: (*relative).to_string(),
                origin: Path::new("<built-in>").join(relative),
                text: (*text).to_string(),
            })
            .collect();
        Sources { layers: vec![files] }
    }

    /// Adds a user folder laid out like `rules/` (rule files at the top,
    /// `lexicons/`, `gazetteer/`, `events/` below).
    pub fn add_folder(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let mut files = Vec::new();
        walk(dir, dir, &mut files)?;
        self.layers.push(files);
        Ok(())
    }

    /// Adds a layer of files given in memory (a rule or lexicon written by a
    /// program rather than read from a folder).
    pub fn add_layer(&mut self, files: Vec<SourceFile>) {
        self.layers.push(files);
    }

    /// Every version of one file, built-in first: lexicons merge them.
    pub fn all(&self, relative: &str) -> impl Iterator<Item = &SourceFile> {
        self.layers.iter().flat_map(|layer| layer.iter()).filter(move |f| f.relative == relative)
    }

    /// The files directly under a folder (`""` for the top), the last layer's
    /// version winning for each name: rule files override by name.
    pub fn folder(&self, folder: &str) -> Vec<&SourceFile> {
        let mut by_name: BTreeMap<&str, &SourceFile> = BTreeMap::new();
        for file in self.layers.iter().flat_map(|layer| layer.iter()) {
            let parent = file.relative.rsplit_once('/').map_or("", |(p, _)| p);
            if parent == folder {
                by_name.insert(file.relative.as_str(), file);
            }
        }
        by_name.into_values().collect()
    }
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<SourceFile>) -> Result<(), LexiconError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LexiconError::io(dir, &e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, root, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("toml" | "tsv")) {
            let text = std::fs::read_to_string(&path).map_err(|e| LexiconError::io(&path, &e))?;
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(SourceFile { relative, origin: path, text });
        }
    }
    Ok(())
}
