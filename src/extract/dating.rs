//! Dates for undated articles: an article that states no date takes the
//! day its text narrates, anchored on the dates of the corpus's other
//! articles, so that its relative dates ("on Sunday", "yesterday") resolve
//! and its figures have a time. An undated article never matches every
//! time; when nothing anchors it, it stays undated and says so.
//!
//! The rule: the corpus's dated articles must cover one news cycle (at most
//! `CYCLE_DAYS` between the first and the last); the undated article's day
//! is the weekday it names most (in clauses about the past or present),
//! taken at its occurrence nearest the cycle, plus one when it calls that
//! day "yesterday"; an article that names no weekday takes the cycle's
//! first day. A month in its URL must agree.

use chrono::{Datelike, Duration, NaiveDate};

use super::times;
use crate::corpus::{Corpus, DateSource, Document, UrlDate, url_date};
use crate::lexicon::Lexicon;
use crate::segment::segment;

/// The longest span of publication dates read as one news cycle.
pub const CYCLE_DAYS: i64 = 14;

/// Dates every undated document of `corpus` that its content and the
/// corpus's dated documents allow.
pub fn infer(corpus: &mut Corpus, lexicon: &Lexicon) {
    let Some(cycle) = cycle(corpus.documents.iter().filter_map(|d| d.meta.date)) else { return };
    for doc in corpus.documents.iter_mut().filter(|d| d.meta.date.is_none()) {
        infer_one(doc, cycle, lexicon);
    }
}

/// The first and last of a corpus's publication dates, when they lie
/// within one news cycle: the days an undated document can be dated to.
pub fn cycle(dates: impl Iterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let (first, last) = dates.fold(None, |span: Option<(NaiveDate, NaiveDate)>, d| match span {
        Some((first, last)) => Some((first.min(d), last.max(d))),
        None => Some((d, d)),
    })?;
    ((last - first).num_days() <= CYCLE_DAYS).then_some((first, last))
}

/// Dates an undated document within its corpus's `cycle`: by the day its
/// address gives, else by the weekdays its text narrates.
pub fn infer_one(doc: &mut Document, (first, last): (NaiveDate, NaiveDate), lexicon: &Lexicon) {
    let url = doc.meta.url.as_deref().and_then(url_date);
    if let Some(UrlDate::Day(d)) = url {
        doc.meta.date = Some(d);
        doc.meta.date_source = Some(DateSource::Url);
        return;
    }
    let seg = segment(&doc.text, lexicon);
    let view = seg.view(&doc.text);
    let mut narrated = times::Narrated::default();
    for s in &seg.sentences {
        times::narrate(&view, s.tokens.clone(), lexicon, &mut narrated);
    }
    let Some(day) = narrated_day(&narrated, first, last) else { return };
    let fits_url = match url {
        Some(UrlDate::Month(y, m)) => day.year() == y && day.month() == m,
        _ => true,
    };
    if fits_url {
        doc.meta.date = Some(day);
        doc.meta.date_source = Some(DateSource::Inferred);
    }
}

/// The day a text narrates, given the cycle `first..=last` of the corpus.
fn narrated_day(n: &times::Narrated, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
    let most = n.weekdays.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return Some(first);
    }
    // Each weekday named most, at its occurrence nearest the cycle; the
    // latest of them if several are named as often.
    let day =
        (0..7u32).filter(|&w| n.weekdays[w as usize] == most).filter_map(|w| nearest_weekday(w, first, last)).max()?;
    Some(if n.yesterday && !n.today { day + Duration::days(1) } else { day })
}

/// The day of weekday `w` (Monday = 0) nearest to the span `first..=last`,
/// within a week of it.
fn nearest_weekday(w: u32, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
    let start = first - Duration::days(6);
    let end = last + Duration::days(6);
    let distance = |d: NaiveDate| {
        if d < first {
            (first - d).num_days()
        } else if d > last {
            (d - last).num_days()
        } else {
            0
        }
    };
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| d.weekday().num_days_from_monday() == w)
        .min_by_key(|&d| (distance(d), std::cmp::Reverse(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn narrated(weekdays: [usize; 7], yesterday: bool) -> times::Narrated {
        times::Narrated { weekdays, yesterday, today: false }
    }

    #[test]
    fn the_weekday_named_most_dates_the_article() {
        // Named Sunday four times and Thursday once; the corpus runs Monday 12 to Friday 16.
        let n = narrated([0, 0, 0, 1, 0, 0, 4], false);
        assert_eq!(narrated_day(&n, day(2018, 11, 12), day(2018, 11, 16)), Some(day(2018, 11, 11)));
    }

    #[test]
    fn yesterday_moves_the_article_to_the_next_day() {
        let n = narrated([0, 0, 0, 1, 0, 0, 0], true);
        assert_eq!(narrated_day(&n, day(2015, 9, 24), day(2015, 9, 25)), Some(day(2015, 9, 25)));
    }

    #[test]
    fn no_weekday_takes_the_first_day_of_the_cycle() {
        let n = narrated([0; 7], false);
        assert_eq!(narrated_day(&n, day(2018, 9, 16), day(2018, 9, 16)), Some(day(2018, 9, 16)));
    }

    #[test]
    fn ties_take_the_later_day() {
        let n = narrated([0, 0, 0, 1, 0, 1, 0], false);
        assert_eq!(narrated_day(&n, day(2015, 9, 24), day(2015, 9, 25)), Some(day(2015, 9, 26)));
    }
}
