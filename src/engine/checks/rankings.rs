//! rankings: one happening ranked first over a span of years across
//! sources ("the worst disaster at the holy site in 25 years", "the
//! deadliest tragedy to strike the pilgrimage in more than two decades").
//! Rankings of one measure at one happening, dated within one news cycle,
//! agree when their spans can meet and, when they rank the same thing,
//! conflict when they cannot: the two sources date the last worse one
//! differently.

use super::{Outcome, Outcomes, Vars, claim_text, docs_of, one_cycle, sources};
use crate::claim::{ClaimKind, Interval, Ustr, format_number};
use crate::engine::Status;
use crate::graph::ClaimGraph;

/// How loosely a span of years is counted: from the year of the last worse
/// one or from its day, by one outlet or another ("in 25 years", "in 24").
const SPAN_TOLERANCE: f64 = 0.1;

fn span<'a>(g: &'a ClaimGraph, i: usize) -> Option<&'a Interval> {
    g.claim(i).superlative()?.span_years.as_ref()
}

fn measure<'a>(g: &'a ClaimGraph, i: usize) -> Option<&'a str> {
    g.claim(i).referent.measure.get().map(Ustr::as_str)
}

/// A span as a reader says it: "25 years", "more than 20 years".
fn span_text(span: &Interval) -> String {
    match (span.low, span.high) {
        (Some(l), Some(h)) if l == h => format!("{} years", format_number(l)),
        (Some(l), Some(h)) => format!("{} to {} years", format_number(l), format_number(h)),
        (Some(l), None) => format!("more than {} years", format_number(l)),
        (None, Some(h)) => format!("under {} years", format_number(h)),
        (None, None) => "an open span".to_string(),
    }
}

fn spans_with_sources(g: &ClaimGraph, claims: &[usize]) -> String {
    claims
        .iter()
        .filter_map(|&i| Some(format!("{} ({})", span_text(span(g, i)?), g.source_name(i))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcome(g: &ClaimGraph, status: Status, mut claims: Vec<usize>) -> Outcome {
    claims.sort();
    let mut vars = Vars::new();
    vars.insert("ranking", claim_text(g, claims[0]));
    vars.insert("measure", measure(g, claims[0]).or(ranked(g, claims[0])).unwrap_or_default().to_string());
    vars.insert("spans", spans_with_sources(g, &claims));
    vars.insert("sources", sources(g, &claims));
    Outcome { status, claims, vars, diff: None }
}

/// What a ranking ranks: the noun its ranking word heads ("disaster").
fn ranked<'a>(g: &'a ClaimGraph, i: usize) -> Option<&'a str> {
    g.claim(i).superlative()?.ranked.as_deref()
}

/// Whether two rankings rank the same thing: the same noun.
fn same_thing(g: &ClaimGraph, a: usize, b: usize) -> bool {
    ranked(g, a).is_some() && ranked(g, a) == ranked(g, b)
}

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    let rankings: Vec<usize> = g
        .of_kind(ClaimKind::Superlative)
        .filter(|&i| span(g, i).is_some() && (measure(g, i).is_some() || ranked(g, i).is_some()))
        .collect();
    let meets = |a: usize, b: usize| match (span(g, a), span(g, b)) {
        (Some(x), Some(y)) => x.compatible(y, SPAN_TOLERANCE),
        _ => false,
    };
    // One measure ("the worst disaster ... in 25 years" and "the deadliest
    // tragedy ... in more than two decades", both of deaths), or, where a
    // ranking names none, one ranked thing.
    let comparable = |a: usize, b: usize| {
        let alike = match (measure(g, a), measure(g, b)) {
            (Some(x), Some(y)) => x == y,
            _ => same_thing(g, a, b),
        };
        alike && one_cycle(g, a, b)
    };
    // Clusters of rankings whose spans all meet.
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for &i in &rankings {
        match clusters.iter_mut().find(|c| c.iter().all(|&o| comparable(o, i) && meets(o, i))) {
            Some(c) => c.push(i),
            None => clusters.push(vec![i]),
        }
    }
    for c in clusters.iter().filter(|c| docs_of(g, c).len() >= 2) {
        out.push(outcome(g, Status::Agreement, c.clone()));
    }
    // Two sources whose spans for one ranking cannot meet: rankings of one
    // thing ("the deadliest flood in 40 years" is no ranking of "the
    // deadliest day for police in 10 years").
    for (x, a) in clusters.iter().enumerate() {
        for b in &clusters[x + 1..] {
            let apart = a.iter().all(|&i| b.iter().all(|&j| g.claims[i].doc != g.claims[j].doc));
            let conflicting =
                a.iter().all(|&i| b.iter().all(|&j| comparable(i, j) && same_thing(g, i, j) && !meets(i, j)));
            if apart && conflicting {
                out.push(outcome(g, Status::Discrepancy, a.iter().chain(b).copied().collect()));
            }
        }
    }
}
