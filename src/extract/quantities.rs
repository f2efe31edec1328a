//! Quantities: a number with what hedges and measures it: the qualifier
//! before it ("nearly", "more than", "an estimated"), the unit before or
//! after it ("$", "percent", "four-day"), a range it opens ("between 20
//! and 30", "15 to 22 mph"), and the change it takes part in ("up from
//! 3,600"); read as an interval.

use crate::claim::Interval;
use crate::lexicon::{Direction, Lexicon, Reading, TokenText, Unit};
use crate::tokens::starts_upper;

use super::numbers::{Implied, NumberMatch};

/// A quantity of one sentence, before its context is attached.
#[derive(Debug, Clone)]
pub struct QuantityMatch {
    /// Tokens of the whole expression, qualifier to unit (inclusive).
    pub first: usize,
    pub last: usize,
    pub value: Option<f64>,
    pub interval: Interval,
    pub approx: String,
    pub rounded: bool,
    pub unit: Option<Unit>,
    /// Written as a compound before a noun ("four-day raid"): the unit
    /// is what the noun lasts or measures, not what is counted.
    pub compound: bool,
    /// "one" or "a" counting a single item: an individual, not a total.
    pub individual: bool,
    /// This quantity is the earlier value of a change whose later value is
    /// the quantity at this index of the sentence's list.
    pub change: Option<(Direction, usize, (usize, usize))>,
    /// What it counts, when the way it is written says so ("came second" is
    /// a place, "a hat-trick" three wins).
    pub measure: Option<String>,
}

struct Parts {
    /// The scale it was written with ("2.7 million": a million), else 1.
    scale: f64,
    /// Written as the word "one" (or "a"), not in digits.
    one_word: bool,
    /// The unit was written before the number ("$5"), so a range's second
    /// end may share it ("$5 to 10").
    unit_before: bool,
    first: usize,
    last: usize,
    value: f64,
    precision: f64,
    significant: u32,
    unit: Option<Unit>,
    compound: bool,
    qualifier: Option<crate::lexicon::Qualifier>,
    /// A unit implied by how the number is written.
    implied: Option<Implied>,
}

/// Reads the unit and qualifiers around one number.
fn parts(view: &TokenText, range: &std::ops::Range<usize>, n: &NumberMatch, lexicon: &Lexicon) -> Option<Parts> {
    let value = n.value?;
    let mut first = n.first;
    let mut unit = None;
    let mut unit_before = false;
    // A unit written as a word may be joined to its number: "magnitude-6.2".
    let hyphen = usize::from(
        first > range.start + 1
            && view.raw(first - 1) == "-"
            && view.tokens[first - 1].glued
            && view.tokens[first].glued
            && view.raw(first - 2).ends_with(|c: char| c.is_alphabetic()),
    );
    if first > range.start + hyphen
        && let Some((len, u)) = lexicon.units.prefix.match_ending_at(view, first - 1 - hyphen)
        && first >= range.start + len + hyphen
    {
        unit = Some(u.clone());
        unit_before = true;
        first -= len + hyphen;
    }
    let mut qualifier = None;
    if first > range.start
        && let Some((len, q)) = lexicon.qualifiers.before.match_ending_at(view, first - 1)
        && first >= range.start + len
        && !risen_to(view, range, first - len, lexicon)
    {
        qualifier = Some(q.clone());
        first -= len;
    }
    let mut last = n.last;
    let mut compound = false;
    let k = last + 1;
    if let Some(implied) = n.implied {
        let name = if implied == Implied::Age { AGE } else { SECOND };
        unit = lexicon.units.by_name.get(name).cloned();
    } else if k + 1 < range.end && view.raw(k) == "-" && view.tokens[k].glued && view.tokens[k + 1].glued {
        if let Some((len, u)) = lexicon.units.suffix.match_at(view, k + 1)
            && k + len < range.end + 1
        {
            if unit.is_none() {
                unit = Some(u.clone());
            }
            last = k + len;
            compound = true;
        }
    } else if k < range.end
        && let Some((len, u)) = lexicon.units.suffix.match_at(view, k)
    {
        let currency_twice = unit.as_ref().is_some_and(|p: &Unit| p.dimension == u.dimension);
        let describes_noun = u.material && plural_noun_at(view, range, k + len, lexicon);
        if (!currency_twice || unit.as_ref() == Some(u)) && !describes_noun {
            unit = Some(u.clone());
            last = k + len - 1;
        }
    }
    // A hedge after the number bounds it more than one before it: "some 500-plus".
    if last + 1 < range.end
        && let Some((len, q)) = lexicon.qualifiers.after.match_at(view, last + 1)
    {
        qualifier = Some(q.clone());
        last += len;
    }
    Some(Parts {
        scale: n.scale,
        one_word: n.words && value == 1.0,
        unit_before,
        first,
        last,
        value,
        precision: n.precision,
        significant: n.significant,
        unit,
        compound,
        qualifier,
        implied: n.implied,
    })
}

/// A lower-case plural word that is no function word: "columns" in "three
/// stone columns".
fn plural_noun_at(view: &TokenText, range: &std::ops::Range<usize>, t: usize, lexicon: &Lexicon) -> bool {
    t < range.end
        && view.tokens[t].is_word()
        && !starts_upper(view.raw(t))
        && view.low(t).len() > 3
        && view.low(t).ends_with('s')
        && !lexicon.function_words.contains(view.low(t))
}

/// The unit durations are counted in.
const SECOND: &str = "second";
/// The unit of an age after a name.
const AGE: &str = "year of age";

/// "The number of leveled structures up to 8,817": "up" right after the
/// noun that is counted means "risen", not "at most" ("cutting up to
/// 14,000 jobs").
fn risen_to(view: &TokenText, range: &std::ops::Range<usize>, qualifier: usize, lexicon: &Lexicon) -> bool {
    let m = &lexicon.measures;
    view.low(qualifier) == "up"
        && qualifier > range.start
        && (m.nouns.match_ending_at(view, qualifier - 1).is_some()
            || m.population.match_ending_at(view, qualifier - 1).is_some()
            || m.count_nouns.match_ending_at(view, qualifier - 1).is_some())
}

/// A little less than half a unit: values that round to two neighbouring
/// numbers ("150" and "151") must not meet at the half.
const HALF_UNIT: f64 = 0.4995;

fn hedge(a: &Parts, lexicon: &Lexicon) -> (Interval, String, bool) {
    let (value, precision, significant) = (a.value, a.precision, a.significant);
    match &a.qualifier {
        // "ran 2:01": any time in that minute.
        None if a.implied == Some(Implied::Clock { to_the_minute: true }) => {
            (Interval { low: Some(value), high: Some(value + 59.0) }, "exact".into(), false)
        }
        None if a.implied.is_some() => (Interval::point(value), "exact".into(), false),
        None => {
            let r = lexicon.numbers.rounding;
            if significant <= r.max_significant_digits && value.abs() >= r.min_value && precision >= 1.0 {
                // "60" and "70" are different round numbers: they must not meet at 65.
                let half = precision * HALF_UNIT;
                (Interval { low: Some(value - half), high: Some(value + half) }, "exact".into(), true)
            } else if a.unit.is_some() || a.scale > 1.0 {
                // A measurement, or a number written with a scale, is given to
                // its last written digit: "51 percent" is 50.5 to 51.5, so 50.5%
                // agrees with it; "2.7 million" is 2.65 to 2.75 million; "150 mph"
                // is 149.5 to 150.5, so 155 mph does not.
                let written = (precision / a.scale).min(1.0) * a.scale;
                let half = written * HALF_UNIT;
                (Interval { low: Some(value - half), high: Some(value + half) }, "exact".into(), false)
            } else {
                (Interval::point(value), "exact".into(), false)
            }
        }
        Some(q) => {
            let interval = match q.reading {
                Reading::AtMost | Reading::Below => Interval { low: None, high: Some(value) },
                Reading::AtLeast | Reading::Above => Interval { low: Some(value), high: None },
                Reading::Around => {
                    let half = (precision * HALF_UNIT).max(q.spread * value.abs());
                    Interval { low: Some(value - half), high: Some(value + half) }
                }
            };
            (interval, q.approx.clone(), false)
        }
    }
}

/// Words that join the two ends of a range.
const RANGE_JOINERS: &[&str] = &["to", "-", "–", "—", "and", "or", "through"];

/// Reads the quantities of one sentence from its numbers.
pub fn read(
    view: &TokenText,
    range: std::ops::Range<usize>,
    numbers: &[NumberMatch],
    lexicon: &Lexicon,
) -> Vec<QuantityMatch> {
    let mut out: Vec<QuantityMatch> = Vec::new();
    let mut k = 0;
    while k < numbers.len() {
        let n = &numbers[k];
        k += 1;
        if let Some((low, high, approx)) = &n.vague {
            out.push(QuantityMatch {
                first: n.first,
                last: n.last,
                value: None,
                interval: Interval { low: Some(*low), high: Some(*high) },
                approx: approx.clone(),
                rounded: false,
                unit: None,
                compound: false,
                individual: false,
                change: None,
                measure: None,
            });
            continue;
        }
        let Some(mut a) = parts(view, &range, n, lexicon) else {
            continue;
        };
        // A range or a change: "between 20 and 30", "15 to 22 mph", "from 3,600 to 5,000".
        if let Some(m) = numbers.get(k)
            && m.vague.is_none()
            && let Some(b) = parts(view, &range, m, lexicon)
        {
            let joiner_at = a.last + 1;
            let joined = joiner_at + 1 == b.first
                && joiner_at < range.end
                && RANGE_JOINERS.contains(&view.low(joiner_at))
                && a.qualifier.as_ref().is_none_or(|q| q.reading == Reading::Around)
                && b.qualifier.is_none();
            let joiner = if joined { view.low(joiner_at) } else { "" };
            let between = a.first > range.start && view.low(a.first - 1) == "between";
            let from = a.first > range.start && view.low(a.first - 1) == "from";
            let change_word = if from { change_before(view, &range, a.first - 1, lexicon) } else { None };
            // "rose 6.5% to 164p", "increased by $43.6 billion to $419.2 billion": a change and a level, not a range.
            let before_a = a.first.checked_sub(1).filter(|&t| t >= range.start);
            // "increased by 534,000 to 3.4 million": after "by" and a change
            // word, a level far above the change, whatever the unit ("dropped
            // by 1 to 1.5 degrees" is a range of the change).
            let by_change = |t: usize| {
                view.low(t) == "by" && t > range.start && lexicon.change.words.match_ending_at(view, t - 1).is_some()
            };
            let far_above = b.value >= LEVEL_OVER_CHANGE * a.value;
            let change_then_level = joiner == "to"
                && before_a.is_some_and(|t| {
                    by_change(t) && (a.unit.is_some() || far_above)
                        || a.unit.is_some() && lexicon.change.words.match_ending_at(view, t).is_some()
                });
            let units_fit = match (&a.unit, &b.unit) {
                (Some(x), Some(y)) => x == y,
                (Some(_), None) => a.unit_before,
                _ => true,
            };
            let acceptable = units_fit
                && !change_then_level
                && match joiner {
                    "and" => between,
                    "or" => n.words == m.words,
                    "" => false,
                    _ => true,
                };
            if acceptable {
                // Scales and units written once for both ends ("four to five thousand", "15 to 22 mph").
                if n.scale == 1.0 && m.scale > 1.0 && m.value.is_some_and(|v| v / m.scale >= a.value) {
                    a.value *= m.scale;
                    a.precision *= m.scale;
                }
                if a.unit.is_none() {
                    a.unit.clone_from(&b.unit);
                }
                if let Some(d) = change_word {
                    let first_index = out.len();
                    push_single(&mut out, &a, lexicon);
                    push_single(&mut out, &b, lexicon);
                    let cue = (a.first - 1, a.first - 1);
                    out[first_index].change = Some((d, first_index + 1, cue));
                    k += 1;
                    continue;
                }
                if a.value < b.value {
                    let first = if between || from { a.first - 1 } else { a.first };
                    out.push(QuantityMatch {
                        first,
                        last: b.last,
                        value: None,
                        interval: Interval { low: Some(a.value), high: Some(b.value) },
                        approx: "range".into(),
                        rounded: false,
                        unit: b.unit.clone().or_else(|| a.unit.clone()),
                        compound: b.compound,
                        individual: false,
                        change: None,
                        measure: None,
                    });
                    k += 1;
                    continue;
                }
            }
        }
        push_single(&mut out, &a, lexicon);
        // "up from 3,600": this is the earlier value of a change from the previous quantity.
        if a.first > range.start
            && let Some((len, &d)) = lexicon.change.from.match_ending_at(view, a.first - 1)
            && out.len() >= 2
        {
            let this = out.len() - 1;
            let cue = (a.first - len, a.first - 1);
            let later = (0..this).rev().find(|&j| out[j].unit == out[this].unit).unwrap_or(this - 1);
            out[this].change = Some((d, later, cue));
        }
    }
    // "men aged 18 to 34": an age range after a noun describes who is
    // counted, not a figure of its own.
    let describes_group = |q: &QuantityMatch| {
        q.approx == "range"
            && q.unit.as_ref().is_some_and(|u| u.dimension == "age")
            && lexicon.units.prefix.match_at(view, q.first).is_some()
            && q.first > range.start
            && view.tokens[q.first - 1].is_word()
    };
    out.retain(|q| !describes_group(q));
    join_durations(view, out, lexicon)
}

/// "2 hours, 1 minute, 39 seconds", "1 minute and 18 seconds": time units
/// of falling size joined by commas or "and" are one duration, in seconds.
fn join_durations(view: &TokenText, out: Vec<QuantityMatch>, lexicon: &Lexicon) -> Vec<QuantityMatch> {
    let base = |q: &QuantityMatch| {
        q.unit.as_ref().filter(|u| u.dimension == "time" && q.change.is_none()).and_then(|u| u.to_base)
    };
    let joined =
        |a: &QuantityMatch, b: &QuantityMatch| (a.last + 1..b.first).all(|t| matches!(view.low(t), "," | "and"));
    // Each duration kept, with the size of the smallest unit it was written in.
    let mut merged: Vec<(QuantityMatch, Option<f64>)> = Vec::with_capacity(out.len());
    for q in out {
        let smallest = base(&q);
        let cued = |prev: &QuantityMatch| {
            prev.first.checked_sub(1).is_some_and(|b| lexicon.units.duration_cues.match_ending_at(view, b).is_some())
        };
        let extend = merged.last().is_some_and(|(prev, prev_unit)| {
            matches!((prev_unit, smallest), (Some(x), Some(y)) if y < *x)
                && cued(prev)
                && prev.value.is_some()
                && q.value.is_some()
                && q.approx == "exact"
                && joined(prev, &q)
        });
        let (prev, _) = match merged.pop() {
            Some(prev) if extend => prev,
            other => {
                merged.extend(other);
                merged.push((q, smallest));
                continue;
            }
        };
        let seconds = |x: &QuantityMatch| x.value.unwrap_or(0.0) * base(x).unwrap_or(1.0);
        let total = seconds(&prev) + seconds(&q);
        let interval = match (prev.interval.low, prev.interval.high) {
            (None, _) => Interval { low: None, high: Some(total) },
            (_, None) => Interval { low: Some(total), high: None },
            _ => Interval::point(total),
        };
        let duration = QuantityMatch {
            last: q.last,
            value: Some(total),
            interval,
            rounded: false,
            unit: lexicon.units.by_name.get(SECOND).cloned(),
            ..prev
        };
        merged.push((duration, smallest));
    }
    merged.into_iter().map(|(q, _)| q).collect()
}

fn push_single(out: &mut Vec<QuantityMatch>, a: &Parts, lexicon: &Lexicon) {
    let (interval, approx, rounded) = hedge(a, lexicon);
    out.push(QuantityMatch {
        first: a.first,
        last: a.last,
        value: Some(a.value),
        interval,
        approx,
        rounded,
        unit: a.unit.clone(),
        compound: a.compound,
        individual: a.one_word && a.unit.is_none(),
        change: None,
        measure: None,
    });
}

/// How many times a change a figure after "to" must be to be the level it
/// led to ("increased by 534,000 to 3.4 million"), not the far end of a
/// range of changes ("dropped by 1 to 1.5 degrees").
const LEVEL_OVER_CHANGE: f64 = 2.0;

/// How many tokens before a "from" its change word may stand: past the
/// object of a transitive one ("raised the official death toll from
/// Hurricane Maria from 64 to 2,975").
const CHANGE_REACH: usize = 16;

/// A change word in the tokens of its clause before `at` ("rose from",
/// "fell sharply from").
fn change_before(view: &TokenText, range: &std::ops::Range<usize>, at: usize, lexicon: &Lexicon) -> Option<Direction> {
    // The verb's clause only: "raised the official death toll from
    // Hurricane Maria from 64 to 2,975", not a verb past a comma or a figure.
    super::measures::back_in_clause(view, range, at, CHANGE_REACH)
        .find_map(|t| lexicon.change.words.match_at(view, t).map(|(_, &d)| d))
}
