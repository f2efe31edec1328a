//! corpus: the files named on the command line, read into documents.
//! Takes: paths (files or folders, walked recursively in a stable order).
//! Gives: `Corpus`: one `Document` per article (per record for JSON/JSONL),
//! each with the text to analyse, a map back to byte offsets of the file as
//! read, and metadata (date, outlet, URL) from a sidecar, front matter, the
//! record, or the text itself; plus the problems met on the way.
//! Never: guesses a date the input does not state, or stops at one bad file.

mod dating;
mod header;
mod html;
mod markdown;
mod offsets;
mod records;
mod sidecar;
mod walk;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use header::{UrlDate, url_date};
pub use offsets::OffsetMap;
pub use sidecar::{Sidecar, SidecarEntry};

use crate::lexicon::Lexicon;

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Sidecar,
    FrontMatter,
    Record,
    HtmlMeta,
    /// A leading `date YYYY-MM-DD` marker.
    Marker,
    /// A first line that is only a date ("September 28, 2017").
    Dateline,
    /// "Published ..." / "Updated ..." near the top.
    Published,
    /// The date in the article's URL.
    Url,
    /// Read from the content: the day the text narrates, anchored on the
    /// dates of the corpus's other articles (see `dating::infer`).
    Inferred,
}

/// What a newsroom knows about a document.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// One article, ready for analysis.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name, or the record's id.
    pub id: String,
    /// The file read.
    pub path: PathBuf,
    /// For a JSON/JSONL record: the 1-based line where the record starts.
    pub record_line: Option<usize>,
    /// The text spans point into: the file as read, or the record's text.
    pub raw: String,
    /// The text analysed: `raw` with metadata and markup blanked out, or the
    /// visible text of an HTML page.
    pub text: String,
    /// Maps offsets of `text` back to offsets of `raw`.
    pub map: OffsetMap,
    pub meta: Metadata,
}

impl Document {
    /// A document whose analysed text is its raw text (plain text, records).
    pub fn plain(id: String, path: PathBuf, raw: String) -> Document {
        Document {
            id,
            path,
            record_line: None,
            text: raw.clone(),
            raw,
            map: OffsetMap::identity(),
            meta: Metadata::default(),
        }
    }

    /// A span of `text` as a span of `raw`.
    pub fn raw_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.map.to_raw(start, end)
    }

    /// The outlet if known, else the id: how reports name the source.
    pub fn source_name(&self) -> &str {
        self.meta.outlet.as_deref().unwrap_or(&self.id)
    }
}

/// A file that could not be read, or a part of one that could not be used.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    #[error("{path}: cannot read: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like a binary file, not an article; skipped")]
    Binary { path: PathBuf },
    #[error("{path}: unsupported file type; crosscheck reads .txt, .md, .html, .json and .jsonl")]
    Unsupported { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Binary { path }
            | LoadError::Unsupported { path }
            | LoadError::Invalid { path, .. }
            | LoadError::Missing { path } => path,
        }
    }
}

/// The documents read, and the problems met.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<LoadError>,
}

/// Reads every article under `paths`; `extra` is source metadata from the
/// configuration, which a `sources.toml` beside the files overrides.
pub fn load(paths: &[PathBuf], lexicon: &Lexicon, extra: Option<&Sidecar>) -> Corpus {
    let mut corpus = Corpus::default();
    let files = walk::files(paths, &mut corpus.problems);
    let mut sidecars = sidecar::Sidecars::default();
    for file in files {
        let sidecar = match sidecars.for_file(&file) {
            Ok(s) => s,
            Err(e) => {
                corpus.problems.push(e);
                None
            }
        };
        match read_file(&file) {
            Ok(text) => {
                let docs = parse_file(&file, text, lexicon, &mut corpus.problems);
                for mut doc in docs {
                    for layer in [extra, sidecar.as_ref()].into_iter().flatten() {
                        if let Some(entry) = layer.entry(&doc.id) {
                            entry.apply(&mut doc.meta);
                        }
                    }
                    corpus.documents.push(doc);
                }
            }
            Err(e) => corpus.problems.push(e),
        }
    }
    corpus
}

/// Reads a file as UTF-8 text, rejecting binary and non-UTF-8 content.
fn read_file(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io { path: path.into(), message: e.to_string() })?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(LoadError::Binary { path: path.into() });
    }
    String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { path: path.into(), offset: e.utf8_error().valid_up_to() })
}

/// Blanks `text[start..end]` with spaces, keeping line breaks and every
/// byte offset: metadata and markup leave the analysed text this way.
pub(crate) fn blank(text: &mut String, start: usize, end: usize) {
    let fill: String = text[start..end].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
    text.replace_range(start..end, &fill);
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// One file's documents, by its extension.
pub fn parse_file(path: &Path, text: String, lexicon: &Lexicon, problems: &mut Vec<LoadError>) -> Vec<Document> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "html" | "htm" | "md" | "markdown") && is_own_report(&text) {
        return Vec::new();
    }
    match ext.as_str() {
        "json" | "jsonl" | "ndjson" => records::parse(path, &text, ext != "json", lexicon, problems),
        "html" | "htm" => vec![html::parse(path, text, lexicon)],
        "md" | "markdown" => vec![markdown::parse(path, text, lexicon)],
        _ => {
            let mut doc = Document::plain(file_name(path), path.to_path_buf(), text);
            dating::date_from_text(&mut doc, lexicon);
            blank_urls(&mut doc.text);
            blank_boilerplate(&mut doc.text, lexicon);
            vec![doc]
        }
    }
}

/// crosscheck's own HTML and Markdown reports are not articles.
fn is_own_report(text: &str) -> bool {
    let head = text.get(..text.len().min(1024)).unwrap_or(text);
    head.contains(crate::report::GENERATOR_MARK)
}

static URL: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?:https?://|www\.)[^\s<>()\[\]]+").expect("valid regex"));

/// Blanks site furniture: short lines the boilerplate lexicon marks ("Sign
/// up for our newsletter", "© 2023 … All Rights Reserved").
pub(crate) fn blank_boilerplate(text: &mut String, lexicon: &Lexicon) {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if lexicon.boilerplate.is_furniture(line) {
            spans.push((offset, offset + line.trim_end_matches(['\n', '\r']).len()));
        }
        offset += line.len();
    }
    for (s, e) in spans {
        blank(text, s, e);
    }
}

/// Blanks web addresses, whose digits are never claims.
pub(crate) fn blank_urls(text: &mut String) {
    let spans: Vec<(usize, usize)> = URL.find_iter(text).map(|m| (m.start(), m.end())).collect();
    for (s, e) in spans {
        blank(text, s, e);
    }
}
