//! A document's publication date, read from its text when no sidecar, front
//! matter or record gives one: a leading `date YYYY-MM-DD` marker, a first
//! line that is only a date, or a "Published ..." line near the top. The
//! lines read as metadata are blanked out of the analysed text.

use chrono::NaiveDate;

use super::{DateSource, Document, blank, header};
use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::tokenize;

/// How many lines from the top a dateline or "Published" line may sit.
const HEADER_LINES: usize = 6;

/// Words that introduce a publication date on a line of its own.
const PUBLISHED_CUES: &[&str] = &["published", "updated", "posted", "last updated"];

/// Parses an ISO date (`2017-09-28`, or the date part of a timestamp).
pub fn parse_iso(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let head = v.get(..10)?;
    let rest = &v[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Parses a whole string as one date: ISO, "September 28, 2017",
/// "Sept. 28, 2017" or "28 September 2017".
pub fn parse_date_line(line: &str, lexicon: &Lexicon) -> Option<NaiveDate> {
    parse_date(line, lexicon, false)
}

/// The first date written anywhere in a "Published"/"Updated" line, with a
/// time or a weekday around it: "3:45 PM EST, Wed December 13, 2023",
/// "Dec. 13, 2023 at 3:45 p.m.".
fn date_in_line(line: &str, lexicon: &Lexicon) -> Option<NaiveDate> {
    line.char_indices()
        .filter(|&(i, c)| c.is_alphanumeric() && (i == 0 || !line[..i].ends_with(char::is_alphanumeric)))
        .find_map(|(i, _)| parse_date(&line[i..], lexicon, true))
}

fn parse_date(line: &str, lexicon: &Lexicon, trailing_words: bool) -> Option<NaiveDate> {
    if let Some(d) = parse_iso(line) {
        return Some(d);
    }
    let lower = line.to_ascii_lowercase();
    let tokens = tokenize(line);
    let view = TokenText { text: line, lower: &lower, tokens: &tokens };
    let number = |i: usize| -> Option<u32> {
        (i < tokens.len() && tokens[i].is_number()).then(|| view.raw(i).parse().ok()).flatten()
    };
    let months = &lexicon.calendar.months;
    let (month, day, year, used) = if let Some((n, &month)) = months.match_at(&view, 0) {
        let day = number(n)?;
        let mut i = n + 1;
        if i < tokens.len() && view.raw(i) == "," {
            i += 1;
        }
        (month, day, number(i)?, i + 1)
    } else {
        let day = number(0)?;
        let (n, &month) = months.match_at(&view, 1)?;
        let i = 1 + n + usize::from(1 + n < tokens.len() && view.raw(1 + n) == ",");
        (month, day, number(i)?, i + 1)
    };
    let trailing_ok = trailing_words || tokens[used.min(tokens.len())..].iter().all(|t| t.is_symbol());
    if !trailing_ok || !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Finds the date in the text of `doc` when its metadata has none, and
/// blanks the metadata lines it read from the analysed text.
pub fn date_from_text(doc: &mut Document, lexicon: &Lexicon) {
    let text = doc.text.clone();
    if let Some(value) = header::impossible_date(&text) {
        doc.warnings.push(super::LoadWarning::BadDate { path: doc.path.clone(), line: 1, value });
    }
    if let Some(h) = header::read(&text) {
        blank(&mut doc.text, 0, h.end);
        if doc.meta.outlet.is_none() {
            doc.meta.outlet = h.outlet;
        }
        if doc.meta.url.is_none() {
            doc.meta.url = h.url;
        }
        match h.date {
            Some(date) => set(doc, date, DateSource::Marker),
            None => date_from_url(doc),
        }
        return;
    }
    let mut offset = 0;
    for (seen, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if seen >= HEADER_LINES {
            break;
        }
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        let lower = content.to_ascii_lowercase();
        let cue = PUBLISHED_CUES.iter().filter(|c| lower.starts_with(*c)).max_by_key(|c| c.len());
        let candidate = match cue {
            Some(c) => content[c.len()..].trim_start_matches([':', ' ', '\t']).trim_start_matches("on "),
            None => content,
        };
        let date = match cue {
            Some(_) => date_in_line(candidate.trim(), lexicon),
            None => parse_date_line(candidate.trim(), lexicon),
        };
        if let Some(date) = date {
            blank(&mut doc.text, start, start + line.trim_end_matches('\n').len());
            set(doc, date, if cue.is_some() { DateSource::Published } else { DateSource::Dateline });
            return;
        }
    }
}

/// A document without a stated date takes a whole day from its URL's path.
fn date_from_url(doc: &mut Document) {
    if let Some(header::UrlDate::Day(d)) = doc.meta.url.as_deref().and_then(header::url_date) {
        set(doc, d, DateSource::Url);
    }
}

fn set(doc: &mut Document, date: NaiveDate, source: DateSource) {
    if doc.meta.date.is_none() {
        doc.meta.date = Some(date);
        doc.meta.date_source = Some(source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, Sources};

    fn dated(text: &str) -> (Option<NaiveDate>, Option<DateSource>, String) {
        let lexicon = Lexicon::load(&Sources::built_in()).unwrap();
        let mut doc = Document::plain("a.txt".into(), "a.txt".into(), text.to_string());
        date_from_text(&mut doc, &lexicon);
        (doc.meta.date, doc.meta.date_source, doc.text)
    }

    #[test]
    fn the_publication_date_comes_from_the_header_lines() {
        let day = NaiveDate::from_ymd_opt(2023, 12, 13);
        for header in [
            "Updated 3:45 PM EST, Wed December 13, 2023",
            "Published Dec. 13, 2023 at 3:45 p.m.",
            "Published: 2023-12-13T15:45:00Z",
            "December 13, 2023",
        ] {
            let (date, _, text) = dated(&format!("Headline\n{header}\nTesla recalls 2 million cars.\n"));
            assert_eq!(date, day, "{header}");
            assert!(!text.contains("2023"), "the header is blanked from the analysed text: {header}");
        }
        let (date, source, _) = dated("Headline\nBy Staff\nUpdated 3:45 PM EST, Wed December 13, 2023\n");
        assert_eq!((date, source), (day, Some(DateSource::Published)));
    }

    #[test]
    fn a_date_in_the_story_is_not_its_publication_date() {
        assert_eq!(dated("Police said the raid began on December 13, 2023, at dawn.\n").0, None);
        assert_eq!(dated("Published 13 stories in December 2023.\n").0, None);
    }
}
