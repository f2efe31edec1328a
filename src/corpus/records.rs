//! JSON and JSONL records: one document per record with a `text` field and
//! optional `id`, `date`, `source`, `url`, `title`. Spans point into the
//! record's text; a record that cannot be used is reported with its line.

use std::path::Path;

use serde::Deserialize;

use super::{DateSource, Document, LoadError, dating};
use crate::lexicon::Lexicon;

#[derive(Deserialize)]
struct Record {
    text: Option<String>,
    id: Option<serde_json::Value>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

fn invalid(path: &Path, line: usize, column: usize, message: String) -> LoadError {
    LoadError::Invalid { path: path.to_path_buf(), line, column, message }
}

fn document(path: &Path, record: Record, line: usize, lexicon: &Lexicon) -> Result<Document, LoadError> {
    let text = record.text.ok_or_else(|| invalid(path, line, 1, "record has no \"text\" field".into()))?;
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let id = match record.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => format!("{file}#{line}"),
    };
    let mut doc = Document::plain(id, path.to_path_buf(), text);
    doc.record_line = Some(line);
    if let Some(date) = record.date {
        let parsed = dating::parse_iso(&date).or_else(|| dating::parse_date_line(&date, lexicon));
        match parsed {
            Some(d) => {
                doc.meta.date = Some(d);
                doc.meta.date_source = Some(DateSource::Record);
            }
            None => {
                return Err(invalid(path, line, 1, format!("record date \"{date}\" is not a date (use YYYY-MM-DD)")));
            }
        }
    }
    doc.meta.outlet = record.source;
    doc.meta.url = record.url;
    doc.meta.title = record.title;
    dating::date_from_text(&mut doc, lexicon);
    super::blank_boilerplate(&mut doc.text, lexicon);
    Ok(doc)
}

/// The documents of a `.json` file (one record or an array of them) or a
/// `.jsonl` file (one record per non-empty line).
pub fn parse(path: &Path, text: &str, lines: bool, lexicon: &Lexicon, problems: &mut Vec<LoadError>) -> Vec<Document> {
    let mut docs = Vec::new();
    // A byte-order mark is no part of the first record.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if lines {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let result = serde_json::from_str::<Record>(line)
                .map_err(|e| invalid(path, i + 1, e.column(), format!("not a JSON record: {e}")))
                .and_then(|r| document(path, r, i + 1, lexicon));
            match result {
                Ok(doc) => docs.push(doc),
                Err(e) => problems.push(e),
            }
        }
        return docs;
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(invalid(path, e.line(), e.column(), format!("not valid JSON: {e}")));
            return docs;
        }
    };
    // crosscheck's own reports and baselines are not articles.
    if value.get("tool").and_then(|t| t.as_str()) == Some("crosscheck") {
        return docs;
    }
    let items = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    for (i, item) in items.into_iter().enumerate() {
        let result = serde_json::from_value::<Record>(item)
            .map_err(|e| invalid(path, 1, 1, format!("record {} is not a record: {e}", i + 1)))
            .and_then(|r| document(path, r, i + 1, lexicon));
        match result {
            Ok(doc) => docs.push(doc),
            Err(e) => problems.push(e),
        }
    }
    docs
}
