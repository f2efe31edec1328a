//! Markdown articles: optional front matter (`---` lines of `key: value`)
//! gives metadata; the body is read as plain text with front matter, link
//! targets and images blanked, so every offset stays an offset of the file.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::{DateSource, Document, blank, dating};
use crate::lexicon::Lexicon;

static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\([^)\s]*(?:\s+\x22[^\x22]*\x22)?\)").expect("valid regex"));

pub fn parse(path: &Path, raw: String, lexicon: &Lexicon) -> Document {
    let id = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut doc = Document::plain(id, path.to_path_buf(), raw);
    let fence = doc.raw.trim_start_matches('\u{feff}');
    if (fence.starts_with("---\n") || fence.starts_with("---\r\n")) && front_matter_end(&doc.raw).is_none() {
        doc.warnings.push(super::LoadWarning::UnclosedFrontMatter { path: path.to_path_buf() });
    }
    if let Some(end) = front_matter_end(&doc.raw) {
        let block = doc.raw[..end].to_string();
        for line in block.lines().skip(1) {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_matches(['"', '\'']).to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "date" | "published" | "pubdate" | "date_published" => {
                    let date = dating::parse_iso(&value).or_else(|| dating::parse_date_line(&value, lexicon));
                    if date.is_some() {
                        doc.meta.date = date;
                        doc.meta.date_source = Some(DateSource::FrontMatter);
                    }
                }
                "title" => doc.meta.title = Some(value),
                "source" | "outlet" | "publication" | "site" => doc.meta.outlet = Some(value),
                "url" | "link" | "canonical" => doc.meta.url = Some(value),
                _ => {}
            }
        }
        blank(&mut doc.text, 0, end);
    }
    let targets: Vec<(usize, usize)> = LINK_TARGET.find_iter(&doc.text).map(|m| (m.start() + 1, m.end())).collect();
    super::blank_spans(&mut doc.text, &targets);
    dating::date_from_text(&mut doc, lexicon);
    super::blank_urls(&mut doc.text);
    super::blank_boilerplate(&mut doc.text, lexicon);
    doc
}

/// The byte offset just past a leading `---` front matter block.
fn front_matter_end(text: &str) -> Option<usize> {
    // A byte-order mark may stand before the fence.
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = text[bom..].strip_prefix("---")?;
    if !rest.starts_with('\n') && !rest.starts_with("\r\n") {
        return None;
    }
    let mut offset = bom + 3;
    for line in rest.split_inclusive('\n').skip(1) {
        offset += line.len();
        if line.trim_end() == "---" {
            return Some(offset + rest.split_inclusive('\n').next().map_or(0, str::len));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_end_covers_both_fences() {
        let text = "---\ndate: 2017-09-28\n---\nBody";
        let end = front_matter_end(text).unwrap();
        assert_eq!(&text[end..], "Body");
    }

    #[test]
    fn text_without_front_matter_has_none() {
        assert_eq!(front_matter_end("--- not a fence"), None);
        assert_eq!(front_matter_end("Body"), None);
    }
}
