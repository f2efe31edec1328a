//! The metadata header some archives put on an article's first line:
//! `date 2018-11-12 source CBS San Francisco url https://...`, where the
//! date may be `unknown` and `source` and `url` are optional; and the date a
//! URL carries in its path (`/2018/11/12/`, `-20181116-`, `/2015-09-25/`,
//! or only a month, `/2018/11/`).

use chrono::NaiveDate;

/// What a header line says, and where it ends in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `None` when the header says the date is unknown.
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Byte offset where the header ends (the article body may follow on the
    /// same line, as in `date 2018-01-18 Arrests are high ...`).
    pub end: usize,
}

/// Words that say the header's date is not known.
const UNKNOWN: &[&str] = &["unknown", "none", "n/a", "undated", "-"];

/// Reads a header at the start of `text` (after leading whitespace):
/// A header's date written as `YYYY-MM-DD` that is no day of the calendar
/// (`2017-02-30`), to be reported rather than passed over.
pub fn impossible_date(text: &str) -> Option<String> {
    let rest = text.trim_start();
    let after = rest.strip_prefix("date ").or_else(|| rest.strip_prefix("Date: "))?;
    let word: &str = after.split_whitespace().next()?;
    let shaped = word.len() == 10
        && word.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    (shaped && super::dating::parse_iso(word).is_none()).then(|| word.to_string())
}

/// `date ` or `Date: ` followed by an ISO date or a word for unknown.
pub fn read(text: &str) -> Option<Header> {
    let body_start = text.len() - text.trim_start().len();
    let rest = &text[body_start..];
    let after = rest.strip_prefix("date ").or_else(|| rest.strip_prefix("Date: "))?;
    let line_end = after.find('\n').unwrap_or(after.len());
    let line = &after[..line_end];
    let word_end = line.find(char::is_whitespace).unwrap_or(line.len());
    let word = &line[..word_end];
    let date = match word.get(..10).and_then(super::dating::parse_iso) {
        Some(d) if word.len() == 10 => Some(d),
        _ if UNKNOWN.contains(&word.to_ascii_lowercase().as_str()) => None,
        _ => return None,
    };
    let offset = body_start + (rest.len() - after.len());
    let tail = &line[word_end..];
    let (outlet, url, used) = fields(tail);
    // Without `source` or `url`, the rest of the line is the article's
    // first sentence; a date word that is not a date never starts a header.
    if date.is_none() && outlet.is_none() && url.is_none() {
        return None;
    }
    let end = if used == 0 { offset + word_end } else { offset + line.len() };
    Some(Header { date, outlet, url, end })
}

/// `source <outlet> url <url>` in any order; returns how much was read.
fn fields(tail: &str) -> (Option<String>, Option<String>, usize) {
    let trimmed = tail.trim_start();
    if !(trimmed.starts_with("source ") || trimmed.starts_with("url ")) {
        return (None, None, 0);
    }
    let mut outlet = None;
    let mut url = None;
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let mut key: Option<&str> = None;
    let mut value: Vec<&str> = Vec::new();
    let mut flush = |key: Option<&str>, value: &mut Vec<&str>| {
        let joined = value.join(" ");
        value.clear();
        match key {
            Some("source") if !joined.is_empty() => outlet = Some(joined),
            Some("url") if !joined.is_empty() => url = Some(joined),
            _ => {}
        }
    };
    for w in words {
        if matches!(w, "source" | "url") && (key.is_none() || !value.is_empty()) {
            flush(key, &mut value);
            key = Some(w);
        } else {
            value.push(w);
        }
    }
    flush(key, &mut value);
    (outlet, url, tail.len())
}

/// The date a URL's path carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlDate {
    Day(NaiveDate),
    /// Only a year and a month (`/2018/11/`).
    Month(i32, u32),
}

fn plausible_year(y: i32) -> bool {
    (1990..=2100).contains(&y)
}

/// Reads a date from a URL's path: `/2018/11/12/`, `/2015-09-25/`,
/// `-20181116-`, or a month alone (`/2018/11/`). Host names and query
/// strings are not read.
pub fn url_date(url: &str) -> Option<UrlDate> {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = without_scheme.split_once('/').map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    for k in 0..segments.len().saturating_sub(1) {
        if let (Some(y), Some(m)) = (num(segments[k], 4), num(segments[k + 1], 2))
            && plausible_year(y as i32)
            && (1..=12).contains(&m)
        {
            let day = segments.get(k + 2).and_then(|s| num(s, 2));
            if let Some(d) = day.and_then(|d| NaiveDate::from_ymd_opt(y as i32, m, d)) {
                return Some(UrlDate::Day(d));
            }
            return Some(UrlDate::Month(y as i32, m));
        }
    }
    // A date inside one segment: "2015-09-25", "...-20181116-story".
    for seg in &segments {
        for part in seg.split(|c: char| !(c.is_ascii_digit() || c == '-')) {
            if let Some(d) = part.get(..10).filter(|_| part.len() >= 10).and_then(super::dating::parse_iso) {
                return Some(UrlDate::Day(d));
            }
        }
        for run in seg.split(|c: char| !c.is_ascii_digit()) {
            if run.len() == 8 {
                let y: i32 = run[..4].parse().ok()?;
                let (m, d): (u32, u32) = (run[4..6].parse().ok()?, run[6..].parse().ok()?);
                if plausible_year(y)
                    && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
                {
                    return Some(UrlDate::Day(date));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_header_line_gives_date_outlet_and_url() {
        let text = "date 2018-11-12 source CBS San Francisco (KPIX) url https://example.com/2018/11/12/fire/\n\nBody.";
        let h = read(text).unwrap();
        assert_eq!(h.date, day(2018, 11, 12));
        assert_eq!(h.outlet.as_deref(), Some("CBS San Francisco (KPIX)"));
        assert_eq!(h.url.as_deref(), Some("https://example.com/2018/11/12/fire/"));
        assert_eq!(&text[h.end..h.end + 2], "\n\n");
    }

    #[test]
    fn an_unknown_date_still_gives_outlet_and_url() {
        let h = read("date unknown source The Paper url https://example.com/a\nBody").unwrap();
        assert_eq!((h.date, h.outlet.as_deref()), (None, Some("The Paper")));
    }

    #[test]
    fn a_date_glued_to_the_first_sentence_ends_at_the_date() {
        let text = " date 2018-01-18 Arrests are high.";
        let h = read(text).unwrap();
        assert_eq!(h.date, day(2018, 1, 18));
        assert_eq!(&text[h.end..], " Arrests are high.");
        assert_eq!(h.outlet, None);
    }

    #[test]
    fn prose_that_starts_with_date_is_no_header() {
        assert_eq!(read("date night is on Friday."), None);
        assert_eq!(read("date unknown to us."), None);
    }

    #[test]
    fn urls_carry_days_or_months() {
        assert_eq!(url_date("https://a.com/2018/11/12/camp-fire/"), Some(UrlDate::Day(day(2018, 11, 12).unwrap())));
        assert_eq!(
            url_date("https://a.com/local/la-me-fire-20181116-story.html"),
            Some(UrlDate::Day(day(2018, 11, 16).unwrap()))
        );
        assert_eq!(
            url_date("https://a.com/news/2015-09-25/crush/6804626"),
            Some(UrlDate::Day(day(2015, 9, 25).unwrap()))
        );
        assert_eq!(url_date("https://a.com/blog/2018/11/gm-layoffs/"), Some(UrlDate::Month(2018, 11)));
        assert_eq!(url_date("https://a.com/node/810806/amp"), None);
        assert_eq!(url_date("https://a.com/article221490695.html"), None);
        assert_eq!(url_date("https://20181116.example.com/x"), None);
    }
}
