//! The sidecar: `sources.toml` beside the articles, with what a newsroom
//! knows about each (outlet, URL, date, title), keyed by file name or
//! record id. Its values override what the text itself says.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{DateSource, LoadError, Metadata, dating};

pub const SIDECAR_NAME: &str = "sources.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarEntry {
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
}

impl SidecarEntry {
    pub fn apply(&self, meta: &mut Metadata) {
        if let Some(d) = self.date.as_deref().and_then(dating::parse_iso) {
            meta.date = Some(d);
            meta.date_source = Some(DateSource::Sidecar);
        }
        if self.outlet.is_some() {
            meta.outlet.clone_from(&self.outlet);
        }
        if self.url.is_some() {
            meta.url.clone_from(&self.url);
        }
        if self.title.is_some() {
            meta.title.clone_from(&self.title);
        }
    }
}

/// One folder's `sources.toml`.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    entries: BTreeMap<String, SidecarEntry>,
}

impl Sidecar {
    pub fn entry(&self, id: &str) -> Option<&SidecarEntry> {
        self.entries.get(id)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Sidecar, LoadError> {
        let entries: BTreeMap<String, SidecarEntry> = toml::from_str(text).map_err(|e| {
            let (line, column) = crate::text::position(text, e.span().map_or(0, |s| s.start));
            LoadError::Invalid { path: path.to_path_buf(), line, column, message: e.message().trim().to_string() }
        })?;
        Sidecar::from_entries(entries).map_err(|(date, message)| {
            let (line, column) = crate::text::position(text, text.find(date.as_str()).unwrap_or(0));
            LoadError::Invalid { path: path.to_path_buf(), line, column, message }
        })
    }

    /// Entries already read (from `sources.toml` or the `[sources]` table of
    /// `crosscheck.toml`); a date that is not a date is refused, with the
    /// date written and the message.
    pub fn from_entries(entries: BTreeMap<String, SidecarEntry>) -> Result<Sidecar, (String, String)> {
        for (name, entry) in &entries {
            if let Some(date) = &entry.date
                && dating::parse_iso(date).is_none()
            {
                return Err((date.clone(), format!("date \"{date}\" of \"{name}\" is not a date (use YYYY-MM-DD)")));
            }
        }
        Ok(Sidecar { entries })
    }
}

/// Sidecars read so far, one per folder.
#[derive(Default)]
pub struct Sidecars {
    by_dir: HashMap<PathBuf, Option<Sidecar>>,
}

impl Sidecars {
    /// The sidecar beside `file`, read once per folder.
    pub fn for_file(&mut self, file: &Path) -> Result<Option<Sidecar>, LoadError> {
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        if let Some(cached) = self.by_dir.get(&dir) {
            return Ok(cached.clone());
        }
        let path = dir.join(SIDECAR_NAME);
        let sidecar = if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| LoadError::Io { path: path.clone(), message: e.to_string() });
            match text.and_then(|t| Sidecar::parse(&path, &t)) {
                Ok(s) => Some(s),
                Err(e) => {
                    self.by_dir.insert(dir, None);
                    return Err(e);
                }
            }
        } else {
            None
        };
        self.by_dir.insert(dir, sidecar.clone());
        Ok(sidecar)
    }
}
