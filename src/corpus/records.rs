//! JSON and JSONL records: one document per record with a `text` field and
//! optional `id`, `date`, `source`, `url`, `title`. A record's raw text is
//! its JSON source as stored in the file, and its analysed text the decoded
//! `text` field, mapped back escape by escape, so that every span, line and
//! column points into the file as stored; a record that cannot be used is
//! reported with its line.

use std::path::Path;

use serde::Deserialize;

use super::{DateSource, Document, LoadError, OffsetMap, dating};
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

/// Where a record's JSON source stands in its file.
#[derive(Debug, Clone, Copy)]
struct Source {
    /// Byte offset of the record's first byte.
    offset: usize,
    /// 1-based line and column of that byte.
    line: usize,
    column: usize,
}

/// The byte just past the JSON string literal that opens at `open` (its
/// quotation mark).
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The span of the value of the top-level key `text` in one JSON object's
/// source, when it is a string literal (quotation marks included).
fn text_literal(json: &str) -> Option<(usize, usize)> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                let mut j = end;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                let is_key = depth == 1 && bytes.get(j) == Some(&b':');
                if is_key && &json[i..end] == "\"text\"" {
                    let mut v = j + 1;
                    while v < bytes.len() && bytes[v].is_ascii_whitespace() {
                        v += 1;
                    }
                    return (bytes.get(v) == Some(&b'"')).then(|| (v, string_end(bytes, v)));
                }
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The top-level values of a JSON array's source (or the one value of a
/// non-array), as byte spans.
fn items(json: &str) -> Vec<(usize, usize)> {
    let bytes = json.as_bytes();
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    if bytes.get(first) != Some(&b'[') {
        return vec![(first, json.trim_end().len())];
    }
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut i = first + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                start.get_or_insert(i);
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => {
                start.get_or_insert(i);
                depth += 1;
            }
            b'}' | b']' if depth > 0 => depth -= 1,
            b']' => break,
            b',' if depth == 0 => {
                if let Some(s) = start.take() {
                    out.push((s, json[..i].trim_end().len()));
                }
            }
            b if !b.is_ascii_whitespace() => {
                start.get_or_insert(i);
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, json[..i.min(json.len())].trim_end().len()));
    }
    out
}

/// A record's analysed text: its `text` literal decoded, each piece mapped
/// to the bytes of the literal it came from (an escape to its escape).
fn decode(raw: &str, (open, close): (usize, usize)) -> Option<(String, OffsetMap)> {
    let inner = &raw[open + 1..close.saturating_sub(1).max(open + 1)];
    let base = open + 1;
    let mut text = String::with_capacity(inner.len());
    let mut map = OffsetMap::pieces();
    let mut chars = inner.char_indices().peekable();
    let mut run: Option<(usize, usize)> = None;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            run.get_or_insert((text.len(), base + i));
            text.push(c);
            continue;
        }
        if let Some((t, r)) = run.take() {
            map.push(t, text.len() - t, r, text.len() - t);
        }
        let (_, e) = chars.next()?;
        let (decoded, len) = match e {
            'n' => ('\n', 2),
            't' => ('\t', 2),
            'r' => ('\r', 2),
            'b' => ('\u{8}', 2),
            'f' => ('\u{c}', 2),
            'u' => {
                let hex = |k: usize| inner.get(k..k + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                let unit = hex(i + 2)?;
                let mut len = 6;
                let code = if (0xd800..0xdc00).contains(&unit) && inner.get(i + 6..i + 8) == Some("\\u") {
                    let low = hex(i + 8)?;
                    len = 12;
                    0x10000 + ((unit - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff)
                } else {
                    unit
                };
                for _ in 0..len - 2 {
                    chars.next();
                }
                (char::from_u32(code).unwrap_or('\u{fffd}'), len)
            }
            other => (other, 2),
        };
        let t = text.len();
        text.push(decoded);
        map.push(t, decoded.len_utf8(), base + i, len);
    }
    if let Some((t, r)) = run.take() {
        map.push(t, text.len() - t, r, text.len() - t);
    }
    Some((text, map))
}

fn document(path: &Path, raw: &str, source: Source, record: Record, lexicon: &Lexicon) -> Result<Document, LoadError> {
    let line = source.line;
    let text = record.text.ok_or_else(|| invalid(path, line, 1, "record has no \"text\" field".into()))?;
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let id = match record.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => format!("{file}#{line}"),
    };
    let mut doc = Document::plain(id, path.to_path_buf(), text);
    // The decoded text mapped back into the record's source, when the
    // literal can be found (it always can in JSON that parsed).
    if let Some((decoded, map)) = text_literal(raw).and_then(|span| decode(raw, span)).filter(|(d, _)| *d == doc.text) {
        doc.raw = raw.to_string();
        doc.text = decoded;
        doc.map = map;
    }
    doc.record_line = Some(line);
    doc.raw_offset = source.offset;
    doc.raw_column = source.column;
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
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    if lines {
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let start = offset + if i == 0 { bom } else { 0 };
            offset += line.len();
            let line = line[start - (offset - line.len())..].trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            let source = Source { offset: start, line: i + 1, column: 1 };
            let result = serde_json::from_str::<Record>(line)
                .map_err(|e| invalid(path, i + 1, e.column(), format!("not a JSON record: {e}")))
                .and_then(|r| document(path, line, source, r, lexicon));
            match result {
                Ok(doc) => docs.push(doc),
                Err(e) => problems.push(e),
            }
        }
        return docs;
    }
    let text = &text[bom..];
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
    let values = match value {
        serde_json::Value::Array(values) => values,
        other => vec![other],
    };
    let spans = items(text);
    let lines = crate::text::LineIndex::new(text);
    for (i, value) in values.into_iter().enumerate() {
        let (start, end) = spans.get(i).copied().unwrap_or((0, 0));
        let (line, column) = lines.position(text, start);
        let source = Source { offset: bom + start, line, column };
        let result = serde_json::from_value::<Record>(value)
            .map_err(|e| invalid(path, line, column, format!("record {} is not a record: {e}", i + 1)))
            .and_then(|r| document(path, &text[start..end], source, r, lexicon));
        match result {
            Ok(doc) => docs.push(doc),
            Err(e) => problems.push(e),
        }
    }
    docs
}
