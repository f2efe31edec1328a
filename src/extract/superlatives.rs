//! Superlatives and rankings: "more X than any other city", "More
//! individuals were arrested in Philadelphia than in any of the other nine
//! municipalities", "the highest single-city total", "the largest number of
//! people", "a record", "more arrests than ever"; and named records,
//! credited to whoever set them ("set a marathon world record", "former
//! world-record holder").

use super::quantities::QuantityMatch;
use crate::claim::Interval;
use crate::lexicon::{Lexicon, TokenText};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuperlativeMention {
    pub first: usize,
    pub last: usize,
    /// The words after the ranking that name the rest of the field.
    pub rivals: String,
    /// The first token of the rivals phrase ("than any other ..."), or one
    /// past the end when there is none.
    pub rivals_at: usize,
    /// A record against the past ("than ever"), not a ranking among peers.
    pub record: bool,
    /// A named record's key ("world record"), when it is one.
    pub named: Option<String>,
    /// The named record is an earlier one ("former world-record holder").
    pub past: bool,
    /// Its holder is named after it ("world-record holder Wilson Kipsang").
    pub holder_after: bool,
    /// What it ranks: the noun the ranking word heads ("disaster" in "the
    /// worst Hajj disaster in 25 years").
    pub ranked: Option<String>,
}

fn is_break(view: &TokenText, t: usize) -> bool {
    matches!(view.raw(t), "," | ";" | ":" | "." | "!" | "?" | "“" | "”" | "\"" | "(" | ")")
}

/// The end of the noun phrase after `t`: up to a break or a few words.
fn phrase_end(view: &TokenText, range: &std::ops::Range<usize>, t: usize, max: usize) -> usize {
    let mut e = t;
    while e + 1 < range.end && e + 1 < t + max && !is_break(view, e + 1) {
        e += 1;
    }
    e
}

pub fn find(view: &TokenText, range: std::ops::Range<usize>, lexicon: &Lexicon) -> Vec<SuperlativeMention> {
    let sup = &lexicon.superlatives;
    let mut out: Vec<SuperlativeMention> = Vec::new();
    let mut t = range.start;
    while t < range.end {
        // "... than any other X", "... than ever": back to the comparative.
        if let Some((n, _)) = sup.rivals.match_at(view, t) {
            let start = (range.start.max(t.saturating_sub(12))..t)
                .rev()
                .take_while(|&k| !matches!(view.raw(k), ";" | "." | "“" | "”"))
                .find(|&k| sup.comparatives.match_at(view, k).is_some());
            if let Some(start) = start {
                let record =
                    view.low(t + n - 1) == "ever" || view.low(t + n - 1) == "before" || view.low(t + n - 1) == "time";
                let last = if record { t + n - 1 } else { phrase_end(view, &range, t + n - 1, 8) };
                let rivals = (t + n..=last).map(|k| view.raw(k)).collect::<Vec<_>>().join(" ");
                out.push(SuperlativeMention { first: start, last, rivals, rivals_at: t, record, ..Default::default() });
                t = last + 1;
                continue;
            }
        }
        // "the highest single-city total", "the largest number of people".
        if view.low(t) == "the"
            && let Some((n, _)) = sup.adjectives.match_at(view, t + 1)
        {
            let adj_end = t + n;
            let most = matches!(view.low(t + 1), "most" | "least");
            let blocked = adj_end + 1 < range.end && sup.not_after_most.match_at(view, adj_end + 1).is_some();
            let continues = adj_end + 1 < range.end && !is_break(view, adj_end + 1) && view.low(adj_end + 1) != "of";
            let noun_use = adj_end + 1 < range.end
                && view.low(adj_end + 1) == "of"
                && sup.nouns_before_of.match_at(view, t + 1).is_some();
            if !blocked && !noun_use && (continues || !most) {
                let mut last = phrase_end(view, &range, adj_end, 5);
                if last + 2 < range.end && view.low(last + 1) == "of" {
                    last = phrase_end(view, &range, last + 2, 3);
                }
                let ranked = (adj_end + 1..=last)
                    .take_while(|&k| view.tokens[k].is_word() && !lexicon.function_words.contains(view.low(k)))
                    .last()
                    .map(|k| super::measures::singular(view.low(k)));
                out.push(SuperlativeMention { first: t, last, rivals_at: last + 1, ranked, ..Default::default() });
                t = last + 1;
                continue;
            }
        }
        if let Some(m) = named_record(view, &range, t, lexicon) {
            t = m.last + 1;
            out.push(m);
            continue;
        }
        // "a record 300 arrests", "record-high".
        if let Some((n, _)) = sup.records.match_at(view, t) {
            let last = phrase_end(view, &range, t + n - 1, 4);
            out.push(SuperlativeMention { first: t, last, rivals_at: last + 1, record: true, ..Default::default() });
            t = last + 1;
            continue;
        }
        t += 1;
    }
    out
}

/// How far before a named record its verb may stand ("set a new marathon
/// world record").
const RECORD_VERB_REACH: usize = 5;

/// A named record at token `t`, from the verb that sets it: "set a marathon
/// world record", "broke the previous world record" (breaking the old one
/// sets a new one), "a new 2:18:10 course record", "what was then a world record" and "former world-record
/// holder" (an earlier record, not the story's).
fn named_record(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    t: usize,
    lexicon: &Lexicon,
) -> Option<SuperlativeMention> {
    let sup = &lexicon.superlatives;
    let (n, key) = sup.named_records.match_at(view, t)?;
    let mut last = t + n - 1;
    let holder_after = last + 1 < range.end && sup.record_holders.match_at(view, last + 1).is_some();
    if holder_after {
        last += 1;
    }
    let before: Vec<usize> = (range.start.max(t.saturating_sub(RECORD_VERB_REACH))..t)
        .rev()
        .take_while(|&k| !is_break(view, k) && !view.tokens[k].is_number())
        .collect();
    let setting = before.iter().copied().find(|&k| sup.record_verbs.match_at(view, k).is_some());
    let breaking = before.iter().copied().find(|&k| sup.breaking_verbs.match_at(view, k).is_some());
    let past_word = before.iter().copied().take(3).find(|&k| sup.past_records.match_at(view, k).is_some());
    let verb = breaking.or(setting);
    // A record claimed for someone: set or broken by them, or its holder
    // named; a bare mention ("world record pace") or a hope ("hoped to
    // break the world record") credits no one.
    let hoped = verb.is_some_and(|v| v > range.start && sup.not_achieved.match_at(view, v - 1).is_some());
    // "stopped the clock in a sparkling new 2:18:10 course record": a
    // record called new, past its time, was set.
    let mut k = t;
    while k > range.start && (view.tokens[k - 1].is_number() || matches!(view.raw(k - 1), ":" | ".")) {
        k -= 1;
    }
    let newly = (k > range.start && sup.setting_words.match_ending_at(view, k - 1).is_some()).then(|| k - 1);
    let credited = holder_after || if verb.is_some() { !hoped } else { newly.is_some() };
    // "the women's course record" is a record of its own.
    let kind = before.iter().rev().find_map(|&k| sup.record_kinds.match_at(view, k).map(|_| view.low(k)));
    let key = match kind {
        Some(kind) => format!("{} {key}", kind.trim_end_matches("'s").trim_end_matches('s')),
        None => key.clone(),
    };
    Some(SuperlativeMention {
        first: verb.or(past_word).or(newly).unwrap_or(t),
        last,
        rivals_at: last + 1,
        record: true,
        named: credited.then_some(key),
        past: past_word.is_some() && breaking.is_none(),
        holder_after,
        ..Default::default()
    })
}

/// How far after a ranking the span of years it covers may stand ("the
/// deadliest tragedy to strike the annual Haj pilgrimage in more than two
/// decades").
const SPAN_REACH: usize = 12;

/// Seconds in a year, the unit a ranking's span is given in.
const YEAR_SECONDS: f64 = 31_557_600.0;

/// The span of years a ranking covers, from a duration after it in its
/// clause: "the worst disaster at the holy site in 25 years" covers 25
/// years, "in more than two decades" more than 20. A figure written
/// exactly is its own value, not the rounding interval around it: how
/// loosely spans are counted is the check's to say.
pub fn span_years<'q>(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    m: &SuperlativeMention,
    quantities: &'q [QuantityMatch],
    lexicon: &Lexicon,
) -> Option<(Interval, &'q QuantityMatch)> {
    let q = quantities.iter().find(|q| q.first > m.last && q.first <= m.last + SPAN_REACH)?;
    let seconds = q.unit.as_ref().filter(|u| u.dimension == "time").and_then(|u| u.to_base)?;
    let clause_unbroken = (m.last + 1..q.first).all(|k| !is_break(view, k));
    let cued = q.first > range.start && lexicon.superlatives.span_cues.match_ending_at(view, q.first - 1).is_some();
    (seconds >= YEAR_SECONDS && clause_unbroken && cued).then(|| {
        let years = |v: f64| (v * seconds / YEAR_SECONDS * 100.0).round() / 100.0;
        let span = match q.value.filter(|_| q.approx == "exact") {
            Some(v) => Interval::point(years(v)),
            None => Interval { low: q.interval.low.map(years), high: q.interval.high.map(years) },
        };
        (span, q)
    })
}
