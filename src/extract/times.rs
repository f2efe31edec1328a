//! Date expressions: "Jan. 10", "September 28, 2017", "between Oct. 3 and
//! 9", "in late September", "the end of August", "last week", "the previous
//! year", "ended Wednesday", "In 2017"; each resolved against the document
//! date, or left unresolved with a note when the document has none.

use crate::tokens::starts_upper;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::claim::DateRange;
use crate::lexicon::{Lexicon, RelativeUnit, TokenText};

/// A date expression of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub first: usize,
    pub last: usize,
    pub value: Option<DateRange>,
    /// Why the value is missing.
    pub note: Option<String>,
    /// Not when the sentence's facts hold: a point of comparison ("since
    /// 2006") or when something was said ("authorities said Thursday").
    pub reference: bool,
    /// In a relative clause about some other noun ("the fiscal year that
    /// begins July 1", "an operation that ended Wednesday").
    pub relative: bool,
    /// Right after a possessive: the time of someone's thing ("Kimetto's
    /// 2014 world mark", "last year's count"), not of what is said of it.
    pub possessed: bool,
    /// The recent day of a happening, written with its name ("the
    /// earthquake on Tuesday", "yesterday's quake"): when it happened, not
    /// when the counts of it stood, which are its article's (set by
    /// `referents::mark_event_days`).
    pub of_event: bool,
    /// The span also states a duration that is a quantity of its own ("Nine
    /// days later"): its tokens stay free for the number reader.
    pub duration: bool,
    /// Read against the document's date or another day ("Monday", "last
    /// year", "in September"), not written out ("Sept. 28, 2017", "2014").
    pub anchored: bool,
}

const UNDATED: &str = "the document has no date, so this relative date cannot be resolved";
const NO_YEAR: &str = "the document has no date, so the year of this date cannot be resolved";
const NO_ANCHOR: &str = "no day is named before it, so this date cannot be counted from one";

/// Inlined, as `year_at`'s test for a number is: asked of nearly every
/// token, and nearly every token is no number.
#[inline]
fn number(view: &TokenText, range: &std::ops::Range<usize>, i: usize) -> Option<u32> {
    (i < range.end && view.tokens[i].is_number() && !view.raw(i).contains([',', '.']))
        .then(|| view.raw(i).parse().ok())
        .flatten()
}

#[inline]
fn year_at(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> Option<i32> {
    let y = number(view, range, i)?;
    year_of(view, range, i, y, lexicon)
}

/// Whether the number `y` at token `i` reads as a year.
fn year_of(view: &TokenText, range: &std::ops::Range<usize>, i: usize, y: u32, lexicon: &Lexicon) -> Option<i32> {
    let nq = &lexicon.not_quantities;
    let (first, last) = nq.years;
    if view.raw(i).len() != 4 || y > last {
        return None;
    }
    // "between A.D. 1000 and 1260": the second end of a span of years is a year too.
    let second_end = || {
        i >= range.start + 2
            && matches!(view.low(i - 1), "and" | "to")
            && view.tokens[i - 2].is_number()
            && view.raw(i - 2).len() == 4
    };
    let cued = || (i > range.start && nq.early_cues.match_ending_at(view, i - 1).is_some()) || second_end();
    (y >= first || (y >= nq.early_years && cued())).then_some(y as i32)
}

/// How far past its date a document may report something as already done.
const PAST_GRACE_DAYS: i64 = 7;

/// The year for a month and day stated without one: the latest on or before
/// the document date (news reports what happened), or the next one after it
/// when the sentence speaks of the future.
fn nearest_year(doc: NaiveDate, month: u32, day: u32, future: bool) -> i32 {
    let y = doc.year();
    let date = |cy: i32| NaiveDate::from_ymd_opt(cy, month, day.min(28));
    if future {
        (y..=y + 1).find(|&cy| date(cy).is_some_and(|d| d >= doc - Duration::days(1))).unwrap_or(y)
    } else {
        (y - 1..=y).rev().find(|&cy| date(cy).is_some_and(|d| d <= doc + Duration::days(PAST_GRACE_DAYS))).unwrap_or(y)
    }
}

fn month_range(year: i32, month: u32, part: Option<(u32, u32)>) -> Option<DateRange> {
    let whole = DateRange::month(year, month)?;
    match part {
        None => Some(whole),
        Some((first, last)) => {
            let last_day = if last == 0 { whole.last.day() } else { last.min(whole.last.day()) };
            Some(DateRange::range(
                NaiveDate::from_ymd_opt(year, month, first.max(1))?,
                NaiveDate::from_ymd_opt(year, month, last_day)?,
            ))
        }
    }
}

fn shift_months(d: NaiveDate, months: i32) -> Option<(i32, u32)> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    Some((total.div_euclid(12), (total.rem_euclid(12) + 1) as u32))
}

/// Finds and resolves the date expressions of tokens `range`, marking
/// their tokens in `taken`.
pub fn find(
    view: &TokenText,
    range: std::ops::Range<usize>,
    (doc_date, last_day): (Option<NaiveDate>, Option<NaiveDate>),
    lexicon: &Lexicon,
    taken: &mut [bool],
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let future = (range.start..range.end).any(|k| lexicon.calendar.future.match_at(view, k).is_some());
    let mut i = range.start;
    while i < range.end {
        let anchors = Anchors { doc_date, future, last_day };
        let found = read_at(view, &range, i, anchors, lexicon, &out);
        match found {
            Some(mut m) => {
                m.reference = (m.first..m.first + 1).chain(m.first.checked_sub(1)).any(|t| {
                    t >= range.start
                        && lexicon.calendar.reference.match_at(view, t).is_some_and(|(n, _)| t + n <= m.first + 1)
                }) || said_at(view, &range, m.first, lexicon)
                    || in_aside(view, &range, m.first, lexicon);
                m.relative = (m.first.saturating_sub(3).max(range.start)..m.first)
                    .rev()
                    .take_while(|&t| !matches!(view.raw(t), "," | ";" | ":"))
                    .any(|t| lexicon.measures.clause_openers.match_at(view, t).is_some());
                m.possessed = m.first > range.start && crate::tokens::is_possessive(view.low(m.first - 1));
                if !m.duration {
                    for t in taken.iter_mut().take(m.last + 1).skip(m.first) {
                        *t = true;
                    }
                }
                i = m.last + 1;
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the clause holding token `i` speaks of the future: a future cue
/// ("will", "plans to", "scheduled") between the clause's start (the last
/// comma, semicolon, colon or dash before it) and `i`. A cue in another
/// clause ("it will stop production, confirming reports from late Sunday")
/// leaves the date in the past.
fn future_clause(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> bool {
    let start = (range.start..i)
        .rev()
        .find(|&k| matches!(view.raw(k), "," | ";" | ":" | "—" | "–" | "("))
        .map_or(range.start, |k| k + 1);
    (start..i).any(|k| lexicon.calendar.future.match_at(view, k).is_some())
}

/// The days an article's text narrates, for dating an article that gives
/// no date: how often it names each weekday in a clause about the past or
/// present, and whether it says "yesterday" or "today".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrated {
    /// Mentions per weekday, Monday first.
    pub weekdays: [usize; 7],
    pub yesterday: bool,
    pub today: bool,
}

/// Counts the weekdays and day words of tokens `range`.
pub fn narrate(view: &TokenText, range: std::ops::Range<usize>, lexicon: &Lexicon, out: &mut Narrated) {
    let cal = &lexicon.calendar;
    for i in range.clone() {
        if starts_upper(view.raw(i))
            && let Some((_, &weekday)) = cal.weekdays.match_at(view, i)
            && !future_clause(view, &range, i, lexicon)
            && !(i > range.start && view.low(i - 1) == "next")
            && let Some(slot) = out.weekdays.get_mut((weekday as usize).wrapping_sub(1))
        {
            *slot += 1;
        }
        if let Some((_, rel)) = cal.relative.match_at(view, i)
            && rel.unit == RelativeUnit::Day
            && !rel.sentence_anchor
        {
            match rel.shift {
                -1 => out.yesterday = true,
                0 => out.today = true,
                _ => {}
            }
        }
    }
}

/// Whether the date starting at `first` tells when something was said:
/// right after a speech verb ("said Thursday", "told reporters on Monday").
fn said_at(view: &TokenText, range: &std::ops::Range<usize>, first: usize, lexicon: &Lexicon) -> bool {
    let Some(mut t) = first.checked_sub(1).filter(|&t| t >= range.start) else { return false };
    if view.low(t) == "on" && t > range.start {
        t -= 1;
    }
    lexicon.speech.verbs.match_ending_at(view, t).is_some()
}

/// What a date is read against.
#[derive(Debug, Clone, Copy)]
struct Anchors {
    doc_date: Option<NaiveDate>,
    /// The sentence speaks of the future.
    future: bool,
    /// The last day named before this sentence in the document, for "two
    /// weeks earlier".
    last_day: Option<NaiveDate>,
}

/// The first day of the week holding `d`, for a week that starts on `start`.
fn week_of(d: NaiveDate, start: Weekday) -> NaiveDate {
    let back = (d.weekday().num_days_from_monday() + 7 - start.num_days_from_monday()) % 7;
    d - Duration::days(back as i64)
}

/// The Saturday-Sunday weekend on or before `d`.
fn weekend_of(d: NaiveDate) -> DateRange {
    let back = (d.weekday().num_days_from_monday() + 7 - Weekday::Sat.num_days_from_monday()) % 7;
    let saturday = d - Duration::days(back as i64);
    DateRange::range(saturday, saturday + Duration::days(1))
}

/// `anchor` shifted by `shift` units, at the unit's precision.
fn shifted(anchor: NaiveDate, unit: RelativeUnit, shift: i32, week_start: Weekday) -> Option<DateRange> {
    match unit {
        RelativeUnit::Day => Some(DateRange::day(anchor + Duration::days(shift as i64))),
        RelativeUnit::Week => {
            let first = week_of(anchor, week_start) + Duration::weeks(shift as i64);
            Some(DateRange::range(first, first + Duration::days(6)))
        }
        RelativeUnit::Weekend => {
            let w = weekend_of(anchor);
            let first = w.first + Duration::weeks(shift as i64);
            Some(DateRange::range(first, first + Duration::days(1)))
        }
        RelativeUnit::Month => shift_months(anchor, shift).and_then(|(y, m)| DateRange::month(y, m)),
        RelativeUnit::Year => DateRange::year(anchor.year() + shift),
    }
}

/// A count of time at token `i` ("13", "two", "a few" is not one) and the
/// unit after it: (count, unit, last token).
fn span_at(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    i: usize,
    lexicon: &Lexicon,
) -> Option<(i32, RelativeUnit, usize)> {
    let count = if view.tokens[i].is_number() {
        number(view, range, i).filter(|n| *n <= 1000)? as i32
    } else {
        if !lexicon.numbers.may_start(view, i) {
            return None;
        }
        let v = *lexicon.numbers.words.get(view.low(i))?;
        (v.fract() == 0.0 && (1.0..=1000.0).contains(&v)).then_some(v as i32)?
    };
    let (n, &unit) = lexicon.calendar.span_units.match_at(view, i + 1).filter(|_| i + 1 < range.end)?;
    let decades = view.low(i + n).starts_with("decade");
    Some((if decades { count * 10 } else { count }, unit, i + n))
}

/// The date expression starting at token `i`, if any.
fn read_at(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    i: usize,
    anchors: Anchors,
    lexicon: &Lexicon,
    earlier: &[DateMention],
) -> Option<DateMention> {
    let Anchors { doc_date, future, last_day } = anchors;
    let cal = &lexicon.calendar;
    // Every reading below starts at a number, a number word or a word of
    // one of the calendar's tables: most tokens are none, told by their hash.
    if !view.tokens[i].is_number() && !cal.may_start(view, i) && !lexicon.numbers.may_start(view, i) {
        return None;
    }
    let mention = |first: usize, last: usize, value: Option<DateRange>, note: Option<&str>| {
        Some(DateMention {
            first,
            last,
            value,
            note: if value.is_none() { note.map(str::to_string) } else { None },
            reference: false,
            relative: false,
            possessed: false,
            of_event: false,
            duration: false,
            anchored: note.is_some(),
        })
    };
    // Relative dates: "last week", "the previous year".
    if let Some((n, rel)) = cal.relative.match_at(view, i) {
        let anchor = if rel.sentence_anchor {
            earlier.iter().rev().find_map(|m| m.value.map(|v| v.first)).or(doc_date)
        } else {
            doc_date
        };
        let value = anchor.and_then(|a| shifted(a, rel.unit, rel.shift, cal.week_start));
        return mention(i, i + n - 1, value, Some(UNDATED));
    }
    // "13 years ago", "nearly two weeks earlier".
    if let Some((count, unit, unit_last)) = span_at(view, range, i, lexicon)
        && unit_last + 1 < range.end
    {
        let after = unit_last + 1;
        let (anchor, sign, note) = if cal.ago.match_at(view, after).is_some() {
            (doc_date, -1, UNDATED)
        } else if cal.earlier.match_at(view, after).is_some() {
            (last_day, -1, NO_ANCHOR)
        } else if cal.later.match_at(view, after).is_some() {
            (last_day, 1, NO_ANCHOR)
        } else {
            (None, 0, "")
        };
        if sign != 0 {
            let value = anchor.and_then(|a| {
                let d = match unit {
                    RelativeUnit::Day => a.checked_add_signed(Duration::days((sign * count) as i64)),
                    RelativeUnit::Week | RelativeUnit::Weekend => {
                        a.checked_add_signed(Duration::weeks((sign * count) as i64))
                    }
                    RelativeUnit::Month => {
                        shift_months(a, sign * count).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, a.day().min(28)))
                    }
                    RelativeUnit::Year => NaiveDate::from_ymd_opt(a.year() + sign * count, a.month(), a.day().min(28)),
                }?;
                match unit {
                    RelativeUnit::Month => DateRange::month(d.year(), d.month()),
                    RelativeUnit::Year => DateRange::year(d.year()),
                    _ => Some(DateRange::day(d)),
                }
            });
            let mut m = mention(i, after, value, Some(note))?;
            m.duration = sign != 0 && note == NO_ANCHOR;
            return Some(m);
        }
    }
    // Holidays: "on Halloween", "around Thanksgiving": the one nearest the document date.
    if let Some((n, &holiday)) = cal.holidays.match_at(view, i)
        && starts_upper(view.raw(i))
    {
        let value = doc_date.and_then(|d| {
            (d.year() - 1..=d.year() + 1)
                .filter_map(|y| cal.holiday_in(holiday, y))
                .min_by_key(|h| (*h - d).num_days().abs())
                .map(DateRange::day)
        });
        return mention(i, i + n - 1, value, Some(NO_YEAR));
    }
    // Parts of a year: "the end of 2019", "year-end 2020", "by the end of the year".
    if let Some((n, &((m1, d1), (m2, d2)))) = cal.year_parts.match_at(view, i) {
        let at = i + n;
        let stated = year_at(view, range, at, lexicon).map(|y| (y, at));
        let relative = || {
            let shift = match (view.low(at), at + 1 < range.end && view.low(at + 1) == "year") {
                ("the" | "this", true) => 0,
                ("next", true) => 1,
                ("last", true) => -1,
                _ => return None,
            };
            Some((doc_date?.year() + shift, at + 1))
        };
        let relative_form = at + 1 < range.end
            && view.low(at + 1) == "year"
            && matches!(view.low(at), "the" | "this" | "next" | "last");
        if let Some((y, last)) = stated.or_else(relative) {
            let value = NaiveDate::from_ymd_opt(y, m1, d1)
                .zip(NaiveDate::from_ymd_opt(y, m2, d2))
                .map(|(a, b)| DateRange::range(a, b));
            return mention(i, last, value, None);
        }
        if relative_form {
            return mention(i, at + 1, None, Some(UNDATED));
        }
    }
    // Decades: "the 1980s".
    if view.tokens[i].is_number()
        && let Some(y) = year_at(view, range, i, lexicon).filter(|y| y % 10 == 0)
        && i + 1 < range.end
        && view.tokens[i + 1].glued
        && view.low(i + 1) == "s"
    {
        let first = if i > range.start && view.low(i - 1) == "the" { i - 1 } else { i };
        let value = NaiveDate::from_ymd_opt(y, 1, 1)
            .zip(NaiveDate::from_ymd_opt(y + 9, 12, 31))
            .map(|(a, b)| DateRange::range(a, b));
        return mention(first, i + 1, value, None);
    }
    // ISO dates: 2017-09-28.
    if let Some(y) = year_at(view, range, i, lexicon)
        && i + 4 < range.end
        && view.raw(i + 1) == "-"
        && view.raw(i + 3) == "-"
        && view.tokens[i + 1].glued
        && view.tokens[i + 4].glued
        && let (Some(m), Some(d)) = (number(view, range, i + 2), number(view, range, i + 4))
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return mention(i, i + 4, Some(DateRange::day(date)), None);
    }
    // A part of a month: "late September", "the end of August".
    let (part, month_at) = match cal.parts.match_at(view, i) {
        Some((n, &p)) if cal.months.match_at(view, i + n).is_some() && starts_upper(view.raw(i + n)) => {
            (Some(p), i + n)
        }
        _ => (None, i),
    };
    if month_at < range.end
        && starts_upper(view.raw(month_at))
        && let Some((n, &month)) = cal.months.match_at(view, month_at)
    {
        let after = month_at + n;
        // Month Day [, Year] [- Day]
        if let Some(day) = number(view, range, after).filter(|d| (1..=31).contains(d) && view.raw(after).len() <= 2) {
            let mut last = after;
            let mut year = None;
            let mut k = after + 1;
            if k < range.end && view.raw(k) == "," && year_at(view, range, k + 1, lexicon).is_some() {
                k += 1;
            }
            if let Some(y) = year_at(view, range, k, lexicon) {
                year = Some(y);
                last = k;
            }
            let mut end_day = None;
            let j = last + 1;
            if j + 1 < range.end && matches!(view.low(j), "-" | "–" | "to" | "and" | "through" | "until") {
                if let Some(d2) =
                    number(view, range, j + 1).filter(|d| *d > day && *d <= 31 && view.raw(j + 1).len() <= 2)
                {
                    end_day = Some((month, d2));
                    last = j + 1;
                } else if let Some((n2, &m2)) = cal.months.match_at(view, j + 1)
                    && let Some(d2) = number(view, range, j + 1 + n2).filter(|d| (1..=31).contains(d))
                {
                    end_day = Some((m2, d2));
                    last = j + 1 + n2;
                }
                let comma = usize::from(last + 1 < range.end && view.raw(last + 1) == ",");
                if end_day.is_some()
                    && let Some(y) = year_at(view, range, last + 1 + comma, lexicon)
                {
                    year = Some(y);
                    last += 1 + comma;
                }
            }
            let first = if i > range.start && view.low(i - 1) == "between" && end_day.is_some() { i - 1 } else { i };
            let year = year.or_else(|| doc_date.map(|d| nearest_year(d, month, day, future)));
            let value = year.and_then(|y| {
                let start = NaiveDate::from_ymd_opt(y, month, day)?;
                match end_day {
                    Some((m2, d2)) => {
                        let y2 = if m2 < month { y + 1 } else { y };
                        Some(DateRange::range(start, NaiveDate::from_ymd_opt(y2, m2, d2)?))
                    }
                    None => Some(DateRange::day(start)),
                }
            });
            return mention(first, last, value, Some(NO_YEAR));
        }
        // Month [of] Year
        let of = usize::from(after < range.end && view.low(after) == "of");
        if let Some(y) = year_at(view, range, after + of, lexicon) {
            return mention(i, after + of, month_range(y, month, part), None);
        }
        // A month alone, after a word that makes it a date ("in September").
        let cue = part.is_some()
            || (i > range.start
                && matches!(
                    view.low(i - 1),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "during"
                        | "through"
                        | "of"
                        | "last"
                        | "next"
                        | "this"
                        | "early"
                        | "late"
                        | "mid"
                        | "before"
                        | "after"
                        | "from"
                        | "to"
                ));
        if cue {
            let year = doc_date.map(|d| nearest_year(d, month, 15, future));
            let value = year.and_then(|y| month_range(y, month, part));
            return mention(i, after - 1, value, Some(NO_YEAR));
        }
        return None;
    }
    // Day Month [Year] (British order), the day perhaps an ordinal ("16th September 2018").
    let ordinal = usize::from(
        i + 1 < range.end
            && view.tokens[i + 1].glued
            && view.tokens[i + 1].is_word()
            && lexicon.not_quantities.ordinals.contains_token(view, i + 1),
    );
    if let Some(day) = number(view, range, i).filter(|d| (1..=31).contains(d) && view.raw(i).len() <= 2)
        && let Some((n, &month)) = cal.months.match_at(view, i + 1 + ordinal)
        && starts_upper(view.raw(i + 1 + ordinal))
    {
        let n = n + ordinal;
        let mut last = i + n;
        let year = year_at(view, range, i + n + 1, lexicon).inspect(|_| last += 1);
        let year = year.or_else(|| doc_date.map(|d| nearest_year(d, month, day, future)));
        let value = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)).map(DateRange::day);
        return mention(i, last, value, Some(NO_YEAR));
    }
    // Weekdays: "Friday", "on Friday", "ended Wednesday".
    if starts_upper(view.raw(i))
        && let Some((n, &weekday)) = cal.weekdays.match_at(view, i)
    {
        let prev = (i > range.start).then(|| view.low(i - 1));
        let first = if matches!(prev, Some("on" | "last" | "next" | "this")) { i - 1 } else { i };
        let future = matches!(prev, Some("next")) || future_clause(view, range, i, lexicon);
        let value = doc_date.map(|d| {
            let target = Weekday::try_from((weekday - 1) as u8).unwrap_or(Weekday::Mon);
            let doc_wd = d.weekday().num_days_from_monday() as i64;
            let t = target.num_days_from_monday() as i64;
            let back = (doc_wd - t).rem_euclid(7);
            let mut day =
                if future { d + Duration::days((t - doc_wd).rem_euclid(7)) } else { d - Duration::days(back) };
            if matches!(prev, Some("last")) && back == 0 {
                day -= Duration::days(7);
            }
            DateRange::day(day)
        });
        return mention(first, i + n - 1, value, Some(UNDATED));
    }
    // Years: "In 2017", "the 2020 campaign".
    if let Some(y) = year_at(view, range, i, lexicon)
        && !(i + 1 < range.end && view.tokens[i + 1].glued && view.tokens[i + 1].is_word())
        && !year_counts(view, range, i, lexicon)
    {
        let first = if i > range.start && matches!(view.low(i - 1), "in" | "since" | "during" | "by" | "until") {
            i - 1
        } else {
            i
        };
        return mention(first, i, DateRange::year(y), None);
    }
    None
}

/// Whether a year-like number counts something ("2000 people", "$1900").
fn year_counts(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> bool {
    // A hedge counts ("nearly 2000"), a preposition does not ("over 2017").
    let hedged = i > range.start
        && lexicon
            .qualifiers
            .before
            .match_ending_at(view, i - 1)
            .is_some_and(|(n, _)| n > 1 || !lexicon.function_words.contains(view.low(i - 1)));
    if i > range.start
        && (lexicon.units.prefix.match_ending_at(view, i - 1).is_some()
            || hedged
            || lexicon.not_quantities.designators.match_ending_at(view, i - 1).is_some()
            || (view.raw(i - 1) == "-" && view.tokens[i].glued))
    {
        return true;
    }
    // "2000 - 2500 calories", "between 2000 and 2500 calories": the near
    // end of a range counts what its far end, a larger number, counts ("in
    // 2018 to 3.9 million" is a year and a level, so "to" joins nothing).
    let between = i > range.start && view.low(i - 1) == "between";
    let near = number(view, range, i);
    let opens_a_range = |j: usize| {
        j + 1 < range.end
            && (matches!(view.raw(j), "-" | "–" | "—") || (between && view.low(j) == "and"))
            && number(view, range, j + 1).zip(near).is_some_and(|(far, near)| far > near)
    };
    let n = if opens_a_range(i + 1) { i + 3 } else { i + 1 };
    let lower_or_symbol = n < range.end && !starts_upper(view.raw(n));
    n < range.end
        && ((lower_or_symbol
            && (lexicon.units.suffix.match_at(view, n).is_some()
                || lexicon.measures.nouns.match_at(view, n).is_some()
                || lexicon.measures.population.match_at(view, n).is_some()))
            || lexicon.numbers.scales.contains_key(view.low(n)))
}

/// How far back from a date the opening of its aside may be.
const ASIDE_REACH: usize = 8;

/// Whether the date at `first` is in an aside about other occasions: a
/// bracket or clause that opens with one of `asides` ("(also in 2015 and
/// 2017)").
fn in_aside(view: &TokenText, range: &std::ops::Range<usize>, first: usize, lexicon: &Lexicon) -> bool {
    let open = (range.start.max(first.saturating_sub(ASIDE_REACH))..first)
        .rev()
        .take_while(|&t| !matches!(view.raw(t), ")" | ";" | "."))
        .find(|&t| matches!(view.raw(t), "(" | ","));
    open.is_some_and(|o| o + 1 < first && lexicon.calendar.asides.match_at(view, o + 1).is_some())
}
