//! HTML pages: the visible article text, read with a WHATWG tokenizer
//! (html5gum) that reports byte spans, so every claim maps back to the
//! file. Scripts, styles, navigation and forms are skipped; when the page
//! marks an `<article>`, only its text is read. Metadata comes from
//! `<meta>`, `<time>`, `<title>` and the canonical link.

use std::path::Path;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{DateSource, Document, Metadata, OffsetMap, dating};
use crate::lexicon::Lexicon;

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "object",
    "canvas",
    "figcaption",
];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "article",
    "section",
    "blockquote",
    "header",
    "figure",
    "pre",
    "hr",
    "dd",
    "dt",
    "main",
    "body",
];
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "og:published_time",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
];

fn name_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

struct Builder {
    text: String,
    map: OffsetMap,
}

impl Builder {
    fn paragraph_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push_str(if self.text.ends_with('\n') { "\n" } else { "\n\n" });
        }
    }

    /// Appends decoded text that came from `raw[start..end]`, mapping each
    /// verbatim run exactly and each decoded entity to the whole entity.
    fn push(&mut self, decoded: &str, raw: &str, start: usize, end: usize) {
        let source = &raw[start..end];
        let decoded = decoded.replace(['\n', '\r', '\t'], " ");
        if decoded == source.replace(['\n', '\r', '\t'], " ") {
            self.map.push(self.text.len(), decoded.len(), start, source.len());
            self.text.push_str(&decoded);
            return;
        }
        let mut d = decoded.char_indices().peekable();
        let mut r = 0;
        while r < source.len() {
            let rest = &source[r..];
            let Some(&(_, dc)) = d.peek() else { break };
            if rest.starts_with('&')
                && let Some(semi) = rest.bytes().take(12).position(|b| b == b';')
            {
                let mut piece = String::new();
                piece.push(dc);
                d.next();
                self.map.push(self.text.len(), piece.len(), start + r, semi + 1);
                self.text.push_str(&piece);
                r += semi + 1;
                continue;
            }
            let rc = rest.chars().next().expect("non-empty");
            let rc_norm = if matches!(rc, '\n' | '\r' | '\t') { ' ' } else { rc };
            if rc_norm != dc {
                let remaining: String = d.map(|(_, c)| c).collect();
                self.map.push(self.text.len(), remaining.len(), start + r, source.len() - r);
                self.text.push_str(&remaining);
                return;
            }
            self.map.push(self.text.len(), rc.len_utf8(), start + r, rc.len_utf8());
            self.text.push(dc);
            d.next();
            r += rc.len_utf8();
        }
    }
}

pub fn parse(path: &Path, raw: String, lexicon: &Lexicon) -> Document {
    let has_article = raw.to_ascii_lowercase().contains("<article");
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut builder = Builder { text: String::new(), map: OffsetMap::pieces() };
    let mut meta = Metadata::default();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut article_depth = 0usize;
    let mut in_title = false;
    let mut title = String::new();
    let mut time_attr: Option<String> = None;
    for token in Tokenizer::new_with_emitter(raw.as_str(), emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = name_of(&tag.name);
                let attr = |key: &str| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| name_of(k) == key)
                        .map(|(_, v)| String::from_utf8_lossy(&v.value).into_owned())
                };
                match name.as_str() {
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop"))
                            .map(|k| k.to_ascii_lowercase());
                        if let (Some(key), Some(content)) = (key, attr("content")) {
                            if DATE_META.contains(&key.as_str()) && meta.date.is_none() {
                                meta.date = dating::parse_iso(&content);
                                meta.date_source = meta.date.map(|_| DateSource::HtmlMeta);
                            } else if key == "og:site_name" {
                                meta.outlet = Some(content);
                            } else if key == "og:url" && meta.url.is_none() {
                                meta.url = Some(content);
                            } else if key == "og:title" {
                                meta.title = Some(content);
                            }
                        }
                    }
                    "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                        meta.url = attr("href");
                    }
                    "time" if time_attr.is_none() => time_attr = attr("datetime"),
                    "title" => in_title = true,
                    "article" => article_depth += 1,
                    _ => {}
                }
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skip_depth.push(name.clone());
                }
                if BLOCKS.contains(&name.as_str()) {
                    builder.paragraph_break();
                }
            }
            Token::EndTag(tag) => {
                let name = name_of(&tag.name);
                if name == "title" {
                    in_title = false;
                }
                if name == "article" {
                    article_depth = article_depth.saturating_sub(1);
                }
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                }
                if BLOCKS.contains(&name.as_str()) {
                    builder.paragraph_break();
                }
            }
            Token::String(s) => {
                let decoded = String::from_utf8_lossy(&s.value);
                if in_title {
                    title.push_str(&decoded);
                }
                let visible = skip_depth.is_empty() && (!has_article || article_depth > 0);
                if visible
                    && s.span.end <= raw.len()
                    && raw.is_char_boundary(s.span.start)
                    && raw.is_char_boundary(s.span.end)
                {
                    builder.push(&decoded, &raw, s.span.start, s.span.end);
                }
            }
            _ => {}
        }
    }
    if meta.title.is_none() && !title.trim().is_empty() {
        meta.title = Some(title.trim().to_string());
    }
    if meta.date.is_none()
        && let Some(d) = time_attr.as_deref().and_then(dating::parse_iso)
    {
        meta.date = Some(d);
        meta.date_source = Some(DateSource::HtmlMeta);
    }
    let id = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut doc = Document {
        id,
        path: path.to_path_buf(),
        record_line: None,
        raw_offset: 0,
        raw_column: 1,
        warnings: Vec::new(),
        raw,
        text: builder.text,
        map: builder.map,
        meta,
        blanked: None,
        excerpts: None,
    };
    dating::date_from_text(&mut doc, lexicon);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_stay_on_character_boundaries_where_the_tokenizer_rewrites_text() {
        // Found by fuzzing (`load`): NUL bytes and bare carriage returns,
        // which the tokenizer rewrites, before a replacement character.
        let raw = "\0\0\0\r\r\r\r\r\n\r\r\r\u{fffd}g\0& Police made 107 arrests.\r\r\u{fffd}x";
        let doc = parse(Path::new("a.html"), raw.to_string(), &Lexicon::built_in().unwrap());
        for (at, c) in doc.text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            let (start, end) = doc.raw_span(at, at + c.len_utf8());
            assert!(start <= end && end <= raw.len());
            assert!(raw.is_char_boundary(start) && raw.is_char_boundary(end), "{at}: {start}..{end}");
        }
    }
}
