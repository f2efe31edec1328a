//! dates: an event dated differently by two sources, once relative dates
//! are resolved ("ended Wednesday" in one, "ended Sept. 20" in another).
//! A date is tied to its event by a verb right before it (`verbs`).
//! Sources that name the same day (or month, or year) the same way agree:
//! "Monday" in one and "today" in another, both read as 26 Nov 2018, or
//! "2014" in three; a day written out and a day read from a weekday are
//! not joined, nor are dates of one article alone. A year read from the
//! article's date ("last year") meets one written out only for the same
//! named happening.

use std::collections::BTreeMap;

use super::{Outcome, Outcomes, Params, Vars, docs_of, sources};
use crate::claim::ClaimKind;
use crate::engine::Status;
use crate::graph::ClaimGraph;

/// The word right before a claim in its document's analysed text, lower
/// case, without its punctuation (see `Document::word_before`).
fn word_before(g: &ClaimGraph, i: usize) -> String {
    let doc = &g.analysis.corpus.documents[g.claims[i].doc];
    doc.word_before(g.claim(i).span.0).trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

pub fn run(g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
    if params.within_one_source {
        return restated_days(g, out);
    }
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for i in g.of_kind(ClaimKind::Date) {
        let c = g.claim(i);
        let Some(event) = c.referent.event.get() else { continue };
        if c.referent.event.source != crate::claim::Source::Stated || c.date().and_then(|d| d.value).is_none() {
            continue;
        }
        let text = g.analysis.corpus.documents[g.claims[i].doc].analysed(c.span.0..c.span.1);
        let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
        let verb = if params.verbs.contains(&first) { first } else { word_before(g, i) };
        if params.verbs.contains(&verb) {
            groups.entry((event.key.to_string(), verb)).or_default().push(i);
        }
    }
    let tied: std::collections::BTreeSet<usize> = groups.values().flatten().copied().collect();
    same_day(g, &tied, out);
    for ((event, verb), claims) in groups {
        let mut docs: Vec<usize> = claims.iter().map(|&i| g.claims[i].doc).collect();
        docs.sort();
        docs.dedup();
        if docs.len() < 2 {
            continue;
        }
        let values: Vec<_> = claims.iter().filter_map(|&i| g.claim(i).date().and_then(|d| d.value)).collect();
        let agree = values.iter().all(|a| values.iter().all(|b| a.overlaps(b)));
        let mut vars = Vars::new();
        vars.insert("event", g.claim(claims[0]).referent.event.get().map_or(event, |e| e.name.to_string()));
        vars.insert("verb", verb);
        vars.insert(
            "dates",
            claims
                .iter()
                .map(|&i| {
                    let v = g.claim(i).date().and_then(|d| d.value).map(|v| v.render()).unwrap_or_default();
                    format!("{v} ({})", g.source_name(i))
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
        vars.insert("sources", sources(g, &claims));
        let status = if agree { Status::Agreement } else { Status::Discrepancy };
        out.push(Outcome { status, claims, vars, diff: None });
    }
}

/// One article naming one day alike more than once ("Sunday night", "on
/// Sunday", "As of Sunday evening"), when no other source names that day:
/// an agreement of that article with itself. A month or a year said twice
/// dates too little to be a restatement.
fn restated_days(g: &ClaimGraph, out: &mut Outcomes) {
    let mut by_day: BTreeMap<String, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for i in g.of_kind(ClaimKind::Date) {
        let Some(v) = g.claim(i).date().and_then(|d| d.value) else { continue };
        if v.precision == crate::claim::Precision::Day {
            by_day.entry(v.render()).or_default().entry(g.claims[i].doc).or_default().push(i);
        }
    }
    for (day, docs) in by_day {
        // Another source naming the day makes it an agreement across
        // sources (the check without `within_one_source`).
        if docs.len() != 1 {
            continue;
        }
        let claims: Vec<usize> = docs.into_values().flatten().collect();
        if claims.len() < 2 {
            continue;
        }
        let mut vars = Vars::new();
        vars.insert("event", day);
        vars.insert("verb", "dated".to_string());
        vars.insert("dates", claims.iter().map(|&i| format!("\"{}\"", date_text(g, i))).collect::<Vec<_>>().join(", "));
        vars.insert("sources", sources(g, &claims));
        out.push(Outcome { status: Status::Agreement, claims, vars, diff: None });
    }
}

/// Agreements between sources that name one day, month or year alike.
fn same_day(g: &ClaimGraph, tied: &std::collections::BTreeSet<usize>, out: &mut Outcomes) {
    let mut by_value: BTreeMap<(String, bool), Vec<usize>> = BTreeMap::new();
    for i in g.of_kind(ClaimKind::Date).filter(|i| !tied.contains(i)) {
        let Some(d) = g.claim(i).date() else { continue };
        let Some(v) = d.value else { continue };
        // A span of days ("last week", "the weekend") names no one day:
        // two articles' "last week" are not one date said twice.
        if v.precision == crate::claim::Precision::Range {
            continue;
        }
        by_value.entry((v.render(), d.anchored)).or_default().push(i);
    }
    // A year read from the article's date ("last year, when rain slowed
    // the race") is the year written out for the same happening ("his 2017
    // title" in the Berlin Marathon); a day read from a weekday may be off
    // by a week, so it meets only days read alike.
    let event_of = |i: usize| g.claim(i).referent.event.get().map(|e| &*e.key);
    let years: Vec<String> = by_value
        .keys()
        .filter(|(value, read)| *read && by_value.contains_key(&(value.clone(), false)))
        .map(|(value, _)| value.clone())
        .collect();
    for value in years {
        let written = &by_value[&(value.clone(), false)];
        let (same_event, rest): (Vec<usize>, Vec<usize>) = by_value[&(value.clone(), true)].iter().partition(|&&i| {
            g.claim(i).date().and_then(|d| d.value).is_some_and(|v| v.precision == crate::claim::Precision::Year)
                && event_of(i).is_some_and(|e| written.iter().any(|&w| event_of(w) == Some(e)))
        });
        by_value.entry((value.clone(), false)).or_default().extend(same_event);
        by_value.insert((value, true), rest);
    }
    for ((value, _), claims) in by_value {
        if docs_of(g, &claims).len() < 2 {
            continue;
        }
        let mut vars = Vars::new();
        vars.insert("event", value.clone());
        vars.insert("verb", "dated".to_string());
        vars.insert(
            "dates",
            claims
                .iter()
                .map(|&i| format!("\"{}\" ({})", date_text(g, i), g.source_name(i)))
                .collect::<Vec<_>>()
                .join(", "),
        );
        vars.insert("sources", sources(g, &claims));
        out.push(Outcome { status: Status::Agreement, claims, vars, diff: None });
    }
}

/// A date claim's words as its article writes them.
fn date_text(g: &ClaimGraph, i: usize) -> String {
    let doc = &g.analysis.corpus.documents[g.claims[i].doc];
    doc.raw_text(g.claim(i).span.0, g.claim(i).span.1).split_whitespace().collect::<Vec<_>>().join(" ")
}
