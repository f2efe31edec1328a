//! Markdown articles: optional front matter (`---` lines of `key: value`)
//! gives metadata; the body is read as the text a reader of the rendered
//! page sees: front matter, link targets and brackets, emphasis and code
//! markers, heading and quote markers and inline HTML tags are blanked, and
//! HTML entities (`&nbsp;`, `&amp;`) are read, every offset of the text
//! mapping back to the file.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::{DateSource, Document, blank, dating};
use crate::lexicon::Lexicon;

/// A link's or image's text and target: `[text](url "title")`, `![alt](src)`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\[\]\n]*)\]\([^)\s]*(?:\s+\x22[^\x22]*\x22)?\)").expect("valid regex"));
/// Markers at the start of a line: headings, block quotes.
static LINE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]{0,3}(?:#{1,6}|>+)[ \t]").expect("valid regex"));
/// Emphasis, strike-through and code markers: runs of `*`, `_`, `~`, `` ` ``.
static MARKER_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*{1,3}|_{1,3}|~~|`+").expect("valid regex"));
/// An inline HTML tag or comment.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>").expect("valid regex"));

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
    blank_markup(&mut doc.text);
    super::read_entities(&mut doc);
    dating::date_from_text(&mut doc, lexicon);
    super::blank_urls(&mut doc.text);
    super::blank_boilerplate(&mut doc.text, lexicon);
    doc
}

/// Blanks inline markup, keeping the words a reader sees and every offset.
fn blank_markup(text: &mut String) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for m in LINK.captures_iter(text) {
        let (whole, words) = (m.get(0).expect("match"), m.get(1).expect("group"));
        spans.push((whole.start(), words.start()));
        spans.push((words.end(), whole.end()));
    }
    spans.extend(LINE_MARKER.find_iter(text).map(|m| (m.start(), m.end())));
    spans.extend(TAG.find_iter(text).map(|m| (m.start(), m.end())));
    let bytes = text.as_bytes();
    for m in MARKER_RUN.find_iter(text) {
        let before = m.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(m.end()).copied();
        let space = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace());
        let word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
        // "5 * 3" is arithmetic and "snake_case" a name: only a marker that
        // touches a word on one side only, or a code fence, is markup.
        let intraword = word(before) && word(after) && !m.as_str().starts_with('`');
        let spaced = space(before) && space(after);
        if !spaced && !intraword {
            spans.push((m.start(), m.end()));
        }
    }
    super::blank_spans(text, &spans);
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

    fn seen(markdown: &str) -> String {
        let mut text = markdown.to_string();
        blank_markup(&mut text);
        assert_eq!(text.len(), markdown.len(), "offsets are kept");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn markup_is_blanked_and_the_words_stay() {
        assert_eq!(
            seen("Police made **107 arrests** in [Philly](https://x.y/1 \"t\")."),
            "Police made 107 arrests in Philly ."
        );
        assert_eq!(seen("## A *rare* `code` ~~gone~~ ![photo](a.png)"), "A rare code gone photo");
        assert_eq!(seen("> Quoted <b>bold</b> text<!-- hidden -->"), "Quoted bold text");
        assert_eq!(seen("5 * 3 = 15, snake_case stays"), "5 * 3 = 15, snake_case stays");
    }

    #[test]
    fn entities_are_read_and_map_back_to_the_file() {
        let raw = "on&nbsp;Monday, AT&amp;T made 1&shy;07 &bogus; cuts.";
        let doc = parse(Path::new("a.md"), raw.to_string(), &Lexicon::built_in().unwrap());
        assert_eq!(doc.text, "on Monday, AT&T made 1\u{ad}07 &bogus; cuts.");
        let at = doc.text.find("1\u{ad}07").unwrap();
        let (start, end) = doc.raw_span(at, at + "1\u{ad}07".len());
        assert_eq!(&raw[start..end], "1&shy;07");
        let amp = doc.text.find('&').unwrap();
        assert_eq!(doc.raw_span(amp, amp + 1), (18, 23));
    }

    #[test]
    fn every_offset_of_the_read_text_maps_into_the_file() {
        // Found by fuzzing (`load`): an entity inside a link's brackets,
        // beside replacement characters, tildes and control bytes.
        let raw = "\u{fffd}~\0\u{fffd}\u{7f}[&lt;\u{fffd}\u{b2}.3\u{7f}\u{fffd}\u{b2}.3\u{fffd}<\u{fffd}~~~~~\u{fffd}~~~~ \
                   ~~Gh~\u{fffd}~\0\u{1}~\t\t\u{1}~~\u{fffd}~/ **5 &amp; [6](x) &shy;7** \
                   <oeta name=\"dat\u{fffd}\u{fffd}nntent=\"2017-09><-28\">\0\u{1}h\u{fffd}ad><p>Police made 107 arrests.<\u{10}p>";
        let doc = parse(Path::new("a.md"), raw.to_string(), &Lexicon::built_in().unwrap());
        // Blanked markup is white space; every other character maps back.
        for (at, c) in doc.text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            let (start, end) = doc.raw_span(at, at + c.len_utf8());
            assert!(start <= end && end <= raw.len());
            assert!(raw.is_char_boundary(start) && raw.is_char_boundary(end), "{at}: {start}..{end}");
        }
    }

    #[test]
    fn text_without_front_matter_has_none() {
        assert_eq!(front_matter_end("--- not a fence"), None);
        assert_eq!(front_matter_end("Body"), None);
    }
}
