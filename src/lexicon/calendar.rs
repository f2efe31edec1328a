//! Calendar words: months, weekdays, parts of a month, and relative dates,
//! from `rules/lexicons/calendar.toml` and `rules/lexicons/relative_dates.toml`.

use serde::Deserialize;

use super::phrases::HashBits;
use super::{Example, Expect, LexiconError, Phrases, Sources, TokenText, parse_toml};

const CALENDAR: &str = "lexicons/calendar.toml";
const RELATIVE: &str = "lexicons/relative_dates.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedNumber {
    number: u32,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartEntry {
    forms: Vec<String>,
    first: u32,
    last: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    forms: Vec<String>,
    month: Option<u32>,
    /// A fixed day of the month ("halloween": 31).
    day: Option<u32>,
    /// Or the `nth` weekday of the month (Monday = 1; `nth = -1` is the last).
    weekday: Option<u32>,
    nth: Option<i32>,
    /// Or, for a holiday of another calendar ("Eid al-Adha"), its dates
    /// year by year, as "YYYY-MM-DD".
    #[serde(default)]
    dates: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearPartEntry {
    forms: Vec<String>,
    /// First and last day as `MM-DD`.
    first: String,
    last: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanUnitEntry {
    unit: RelativeUnit,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateExample {
    text: String,
    doc_date: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    examples: Vec<DateExample>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    month: Vec<NamedNumber>,
    #[serde(default)]
    weekday: Vec<NamedNumber>,
    #[serde(default)]
    part: Vec<PartEntry>,
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    reference: Vec<String>,
    #[serde(default)]
    asides: Vec<String>,
    week_starts_on: Option<String>,
    #[serde(default)]
    holiday: Vec<HolidayEntry>,
    #[serde(default)]
    year_part: Vec<YearPartEntry>,
    #[serde(default)]
    span_unit: Vec<SpanUnitEntry>,
    #[serde(default)]
    ago: Vec<String>,
    #[serde(default)]
    earlier: Vec<String>,
    #[serde(default)]
    later: Vec<String>,
    #[serde(default)]
    horizons: Vec<String>,
    #[serde(default)]
    periods: Vec<String>,
}

/// The calendar unit a relative date shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeUnit {
    Day,
    Week,
    /// Saturday and Sunday: "all weekend" is the weekend on or before the anchor.
    Weekend,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum Anchor {
    #[default]
    Document,
    Sentence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeEntry {
    forms: Vec<String>,
    unit: RelativeUnit,
    shift: i32,
    #[serde(default)]
    anchor: Anchor,
    #[serde(default)]
    examples: Vec<DateExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeFile {
    relative: Vec<RelativeEntry>,
}

/// A phrase whose date is a shift from an anchor ("last year").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeDate {
    pub unit: RelativeUnit,
    pub shift: i32,
    /// Anchored on the nearest year stated earlier in the sentence, not the
    /// document date ("the previous year").
    pub sentence_anchor: bool,
}

pub struct Calendar {
    pub months: Phrases<u32>,
    pub weekdays: Phrases<u32>,
    /// Parts of a month as day ranges; `last == 0` is the month's last day.
    pub parts: Phrases<(u32, u32)>,
    pub relative: Phrases<RelativeDate>,
    /// Words that put a sentence's dates in the future ("will", "scheduled").
    pub future: super::PhraseSet,
    /// Words that make a date a point of comparison ("since 2006").
    pub reference: super::PhraseSet,
    /// Words opening an aside whose dates are other occasions ("(also in
    /// 2015 and 2017)").
    pub asides: super::PhraseSet,
    /// Monday = 0 (ISO weeks) or Sunday = 6: the day "last week" starts on.
    pub week_start: chrono::Weekday,
    /// Holidays by name: a fixed day, the nth weekday of a month, or dates
    /// listed year by year.
    pub holidays: Phrases<Holiday>,
    /// The dates of each `Holiday::Listed`, sorted.
    pub listed: Vec<Vec<chrono::NaiveDate>>,
    /// Parts of a year as day spans ("the end of 2019", "year-end 2020").
    pub year_parts: Phrases<((u32, u32), (u32, u32))>,
    /// Units a count of time can shift a date by ("two weeks earlier", "13 years ago").
    pub span_units: Phrases<RelativeUnit>,
    /// Words after a span that count back from the document date ("ago").
    pub ago: super::PhraseSet,
    /// Words after a span that count back or forward from the date before it ("earlier", "later").
    pub earlier: super::PhraseSet,
    pub later: super::PhraseSet,
    /// Words before a span of time that make it a horizon, not an amount:
    /// "within the next two years" says when, not how much.
    pub horizons: super::PhraseSet,
    /// Nouns for a period of a calendar ("the third quarter", "the fiscal
    /// year"): what money is "for" when it is one of them is a time, not a holder.
    pub periods: super::PhraseSet,
    /// The first words' hash bits of the tables a date can start with.
    starts: HashBits,
}

/// A holiday's date rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    Fixed {
        month: u32,
        day: u32,
    },
    /// The `nth` `weekday` (Monday = 1) of `month`; `nth == -1` is the last.
    Nth {
        month: u32,
        weekday: u32,
        nth: i32,
    },
    /// Dates listed year by year (`Calendar::listed`, by index).
    Listed(usize),
}

impl Calendar {
    /// A holiday's date in `year`.
    pub fn holiday_in(&self, holiday: Holiday, year: i32) -> Option<chrono::NaiveDate> {
        use chrono::{Datelike, NaiveDate};
        match holiday {
            Holiday::Listed(k) => self.listed.get(k)?.iter().copied().find(|d| d.year() == year),
            Holiday::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Holiday::Nth { month, weekday, nth } => {
                let days: Vec<NaiveDate> = (1..=31)
                    .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                    .filter(|d| d.weekday().number_from_monday() == weekday)
                    .collect();
                if nth < 0 { days.last().copied() } else { days.get((nth as usize).checked_sub(1)?).copied() }
            }
        }
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            months: Phrases::new(),
            weekdays: Phrases::new(),
            parts: Phrases::new(),
            relative: Phrases::new(),
            future: Default::default(),
            reference: Default::default(),
            asides: Default::default(),
            week_start: chrono::Weekday::Mon,
            holidays: Phrases::new(),
            listed: Vec::new(),
            year_parts: Phrases::new(),
            span_units: Phrases::new(),
            ago: Default::default(),
            earlier: Default::default(),
            later: Default::default(),
            horizons: Default::default(),
            periods: Default::default(),
            starts: HashBits::default(),
        }
    }
}

/// "MM-DD" as (month, day).
fn month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

/// Adds a form, and, when it ends in a period, the form without it.
fn insert_both<T: Clone>(table: &mut Phrases<T>, form: &str, value: T) {
    table.insert(form, false, value.clone());
    if let Some(bare) = form.strip_suffix('.') {
        table.insert(bare, false, value);
    }
}

impl Calendar {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Calendar::default();
        for file in sources.all(CALENDAR) {
            let parsed: CalendarFile = parse_toml(file)?;
            for m in parsed.month {
                if !(1..=12).contains(&m.number) {
                    return Err(LexiconError::about(file, &m.number.to_string(), "a month number is 1 to 12"));
                }
                for f in &m.forms {
                    insert_both(&mut out.months, f, m.number);
                }
            }
            for w in parsed.weekday {
                if !(1..=7).contains(&w.number) {
                    return Err(LexiconError::about(
                        file,
                        &w.number.to_string(),
                        "a weekday number is 1 (Monday) to 7",
                    ));
                }
                // Weekday abbreviations need their period: "Sun" and "Sat" are words.
                for f in &w.forms {
                    out.weekdays.insert(f, false, w.number);
                }
            }
            for f in &parsed.future {
                out.future.insert(f, false, ());
            }
            for r in &parsed.reference {
                out.reference.insert(r, false, ());
            }
            for a in &parsed.asides {
                out.asides.insert(a, false, ());
            }
            for p in parsed.part {
                for f in &p.forms {
                    out.parts.insert(f, false, (p.first, p.last));
                }
            }
            if let Some(day) = &parsed.week_starts_on {
                out.week_start = match day.as_str() {
                    "monday" => chrono::Weekday::Mon,
                    "sunday" => chrono::Weekday::Sun,
                    _ => return Err(LexiconError::about(file, day, "week_starts_on is \"monday\" or \"sunday\"")),
                };
            }
            for h in parsed.holiday {
                let name = h.forms.first().cloned().unwrap_or_default();
                let rule = match (h.month, h.day, h.weekday, h.nth, h.dates.is_empty()) {
                    (Some(month), Some(day), None, None, true) => Holiday::Fixed { month, day },
                    (Some(month), None, Some(weekday), Some(nth), true) if (1..=7).contains(&weekday) && nth != 0 => {
                        Holiday::Nth { month, weekday, nth }
                    }
                    (None, None, None, None, false) => {
                        let mut dates = Vec::new();
                        for d in &h.dates {
                            let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                                LexiconError::about(file, d, "a holiday's dates are written \"YYYY-MM-DD\"")
                            })?;
                            dates.push(date);
                        }
                        dates.sort();
                        out.listed.push(dates);
                        Holiday::Listed(out.listed.len() - 1)
                    }
                    _ => {
                        return Err(LexiconError::about(
                            file,
                            &name,
                            "a holiday has `month` with either `day`, or `weekday` (1-7) with `nth` (1-5, or -1 for \
                             the last); or only `dates`",
                        ));
                    }
                };
                if !matches!(rule, Holiday::Listed(_)) && out.holiday_in(rule, 2001).is_none() {
                    return Err(LexiconError::about(file, &name, "this holiday's month and day are not a date"));
                }
                for f in &h.forms {
                    out.holidays.insert(f, false, rule);
                }
            }
            for y in parsed.year_part {
                let (Some(first), Some(last)) = (month_day(&y.first), month_day(&y.last)) else {
                    return Err(LexiconError::about(file, &y.first, "year parts give `first` and `last` as \"MM-DD\""));
                };
                for f in &y.forms {
                    out.year_parts.insert(f, false, (first, last));
                }
            }
            for u in parsed.span_unit {
                for f in &u.forms {
                    out.span_units.insert(f, false, u.unit);
                }
            }
            for (words, set) in [
                (&parsed.ago, &mut out.ago),
                (&parsed.earlier, &mut out.earlier),
                (&parsed.later, &mut out.later),
                (&parsed.horizons, &mut out.horizons),
                (&parsed.periods, &mut out.periods),
            ] {
                for w in words {
                    set.insert(w, false, ());
                }
            }
            for e in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text: e.text,
                    doc_date: Some(e.doc_date),
                    expect: Expect::Date { value: e.value },
                });
            }
            for text in parsed.not {
                examples.push(Example {
                    file: file.origin.clone(),
                    text,
                    doc_date: Some("2020-01-01".into()),
                    expect: Expect::NoDate,
                });
            }
        }
        for file in sources.all(RELATIVE) {
            let parsed: RelativeFile = parse_toml(file)?;
            for r in parsed.relative {
                let value =
                    RelativeDate { unit: r.unit, shift: r.shift, sentence_anchor: r.anchor == Anchor::Sentence };
                for f in &r.forms {
                    out.relative.insert(f, false, value);
                }
                for e in r.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text: e.text,
                        doc_date: Some(e.doc_date),
                        expect: Expect::Date { value: e.value },
                    });
                }
            }
        }
        let mut starts = HashBits::default();
        starts.add_all(out.months.first_word_bits());
        starts.add_all(out.weekdays.first_word_bits());
        starts.add_all(out.parts.first_word_bits());
        starts.add_all(out.relative.first_word_bits());
        starts.add_all(out.holidays.first_word_bits());
        starts.add_all(out.year_parts.first_word_bits());
        out.starts = starts;
        Ok(out)
    }

    /// Whether token `t` may start a month, a weekday, a part of a month or
    /// of a year, a relative date or a holiday (`false` is sure), by the
    /// hash the token carries.
    #[inline]
    pub fn may_start(&self, view: &TokenText, t: usize) -> bool {
        self.starts.may_hold_token(view, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// The first word of every phrase a date can start with may start one.
    #[test]
    fn the_first_word_of_every_date_phrase_may_start_a_date() {
        let lexicon = crate::lexicon::Lexicon::load(&Sources::built_in()).unwrap();
        let cal = &lexicon.calendar;
        let phrases: Vec<String> = (cal.months.iter().map(|(p, _)| p))
            .chain(cal.weekdays.iter().map(|(p, _)| p))
            .chain(cal.parts.iter().map(|(p, _)| p))
            .chain(cal.relative.iter().map(|(p, _)| p))
            .chain(cal.holidays.iter().map(|(p, _)| p))
            .chain(cal.year_parts.iter().map(|(p, _)| p))
            .collect();
        assert!(phrases.len() > 50);
        for phrase in &phrases {
            let tokens = tokenize(phrase);
            let lower = phrase.to_ascii_lowercase();
            let view = TokenText { text: phrase, lower: &lower, tokens: &tokens };
            assert!(cal.may_start(&view, 0), "{phrase}");
        }
    }
}
