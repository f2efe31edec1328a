//! config: `crosscheck.toml`, found in the corpus folder or a folder above
//! it: extra rule and lexicon folders, rules selected or ignored, severity
//! overrides, `fail-on`, and source metadata. Command-line flags override
//! it. An unknown key is an error that names it, with its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::corpus::{Sidecar, SidecarEntry};

pub const CONFIG_FILE: &str = "crosscheck.toml";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("{path}: cannot read: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Folders of extra rules and lexicons, relative to the config file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Run only these rules.
    #[serde(default)]
    pub select: Vec<String>,
    /// Skip these rules.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule id: error, warning or info.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// The least severity that fails a check: error, warning, info, never.
    pub fail_on: Option<String>,
    /// What a newsroom knows about each source, by file name or record id
    /// (as in `sources.toml`).
    #[serde(default)]
    pub sources: BTreeMap<String, SidecarEntry>,
}

/// A config file read, with where it was found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
    /// The sources table as a sidecar.
    pub sources: Sidecar,
    text: String,
}

impl Loaded {
    /// The folder holding the config file.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Rule folders, resolved against the config's folder.
    pub fn rule_folders(&self) -> Vec<PathBuf> {
        self.config.rules.iter().map(|p| self.dir().join(p)).collect()
    }

    /// An error about a value of the file, placed at its first occurrence.
    pub fn error_at(&self, needle: &str, message: impl Into<String>) -> ConfigError {
        let offset = self.text.find(needle).unwrap_or(0);
        let (line, column) = crate::text::position(&self.text, offset);
        ConfigError::Invalid { path: self.path.clone(), line, column, message: message.into() }
    }
}

/// The config file in `start` (a folder, or a file's folder) or the nearest
/// folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start =
        if start.is_dir() { start.to_path_buf() } else { start.parent().unwrap_or(Path::new(".")).to_path_buf() };
    let absolute = std::fs::canonicalize(&start).unwrap_or(start);
    absolute.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
}

pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::Io { path: path.to_path_buf(), message: e.to_string() })?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let (line, column) = crate::text::position(&text, e.span().map_or(0, |s| s.start));
        ConfigError::Invalid { path: path.to_path_buf(), line, column, message: e.message().trim().to_string() }
    })?;
    let sources = Sidecar::from_entries(config.sources.clone());
    let mut loaded = Loaded { path: path.to_path_buf(), config, sources: Sidecar::default(), text };
    loaded.sources = sources.map_err(|(date, message)| loaded.error_at(&format!("\"{date}\""), message))?;
    for (rule, severity) in &loaded.config.severity {
        if crate::engine::Severity::parse(severity).is_none() {
            return Err(loaded.error_at(
                &format!("{rule} ="),
                format!("severity \"{severity}\" of \"{rule}\" must be error, warning or info"),
            ));
        }
    }
    if let Some(f) = &loaded.config.fail_on
        && !matches!(f.as_str(), "error" | "warning" | "info" | "never")
    {
        return Err(loaded.error_at("fail-on", format!("fail-on \"{f}\" must be error, warning, info or never")));
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "fail-on = \"warning\"\nfail_on_everything = true\n").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains(":2:1:") && err.contains("fail_on_everything"), "{err}");
    }

    #[test]
    fn a_misspelt_source_field_is_named_once_at_its_own_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "fail-on = \"warning\"\n\n[sources.\"a.txt\"]\noutlet = \"X\"\npublisher = \"Y\"\n")
            .unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert_eq!(err.matches(CONFIG_FILE).count(), 1, "{err}");
        assert!(err.contains(":5:1:") && err.contains("unknown field `publisher`"), "{err}");
        std::fs::write(&path, "[sources]\n\"a.txt\" = { date = \"Sept. 28\" }\n").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains(":2:20:") && err.contains("is not a date"), "{err}");
    }

    #[test]
    fn finds_the_file_in_a_folder_above() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "select = [\"quote-altered\"]\n").unwrap();
        let inner = dir.path().join("a/b");
        std::fs::create_dir_all(&inner).unwrap();
        let found = find(&inner).unwrap();
        let loaded = load(&found).unwrap();
        assert_eq!(loaded.config.select, ["quote-altered"]);
    }

    #[test]
    fn bad_values_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "[severity]\nquote-altered = \"fatal\"\n").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains(":2:1:") && err.contains("fatal"), "{err}");
    }
}
