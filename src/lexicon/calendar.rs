//! Calendar words: months, weekdays, parts of a month, and relative dates,
//! from `rules/lexicons/calendar.toml` and `rules/lexicons/relative_dates.toml`.

use serde::Deserialize;

use super::{Example, Expect, LexiconError, Phrases, Sources, parse_toml};

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
}

/// The calendar unit a relative date shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeUnit {
    Day,
    Week,
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

#[derive(Default)]
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
            for p in parsed.part {
                for f in &p.forms {
                    out.parts.insert(f, false, (p.first, p.last));
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
        Ok(out)
    }
}
