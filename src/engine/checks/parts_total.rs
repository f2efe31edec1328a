//! parts-total: counts for places inside a total's scope, or for categories
//! of a total, must not add up to more than the total. An article's parts
//! are first held against its own total (an internal contradiction is the
//! strongest finding); if they fit, against the most precise total any
//! source gives.

use std::collections::BTreeMap;

use super::{Outcome, Params, scope_text};
use crate::claim::{ClaimKind, format_number};
use crate::engine::Status;
use crate::graph::{ClaimGraph, same_category};

/// Whether two claims can be parts of one whole: same event, overlapping times.
fn together(g: &ClaimGraph, a: usize, b: usize) -> bool {
    g.events_agree(a, b) && g.times_overlap(a, b)
}

fn least(g: &ClaimGraph, i: usize) -> f64 {
    g.claim(i).quantity.as_ref().map_or(0.0, |q| q.interval.least())
}

fn high(g: &ClaimGraph, i: usize) -> Option<f64> {
    g.claim(i).quantity.as_ref().and_then(|q| q.interval.high)
}

/// Candidate quantities: counted, with a measure and a scope, not an individual.
fn counted(g: &ClaimGraph, i: usize) -> bool {
    let c = g.claim(i);
    c.quantity.as_ref().is_some_and(|q| !q.individual && q.value.is_some())
        && c.context.measure.is_some()
        && !c.context.scope.is_empty()
}

fn same_measure(g: &ClaimGraph, a: usize, b: usize) -> bool {
    let (x, y) = (g.claim(a), g.claim(b));
    x.context.measure == y.context.measure
        && x.quantity.as_ref().map(|q| &q.unit) == y.quantity.as_ref().map(|q| &q.unit)
}

/// Groups of parts within one document: mutually compatible claims, each
/// with its own category (category parts) or its own place (place parts).
fn part_groups(g: &ClaimGraph, doc_claims: &[usize]) -> Vec<(Vec<usize>, bool)> {
    let gaz = &g.lexicon.gazetteer;
    let mut groups: Vec<(Vec<usize>, bool)> = Vec::new();
    for &i in doc_claims {
        let c = g.claim(i);
        let is_category = c.context.category.is_some();
        if !is_category {
            if c.context.scope.len() != 1 {
                continue;
            }
            let place = c.context.scope[0];
            // A claim whose place contains another's is a total, not a part.
            let contains_other = doc_claims.iter().any(|&j| {
                j != i
                    && same_measure(g, i, j)
                    && g.claim(j).context.category.is_none()
                    && g.claim(j).context.scope.len() == 1
                    && g.claim(j).context.scope[0] != place
                    && gaz.within(g.claim(j).context.scope[0], place)
            });
            if contains_other {
                continue;
            }
        }
        let slot = groups.iter_mut().find(|(members, cat)| {
            *cat == is_category
                && same_measure(g, members[0], i)
                && (!is_category || g.claim(members[0]).context.scope == c.context.scope)
                && members.iter().all(|&m| together(g, m, i))
                && members.iter().all(|&m| {
                    if is_category {
                        !same_category(g.claim(m).context.category.as_deref(), c.context.category.as_deref())
                    } else {
                        g.claim(m).context.scope != c.context.scope
                    }
                })
        });
        match slot {
            Some((members, _)) => members.push(i),
            None => groups.push((vec![i], is_category)),
        }
    }
    groups
}

/// Whether a claim can be the total of these parts.
fn is_total(g: &ClaimGraph, t: usize, parts: &[usize], category: bool) -> bool {
    let gaz = &g.lexicon.gazetteer;
    let tc = g.claim(t);
    if tc.context.category.is_some() || parts.contains(&t) || !same_measure(g, t, parts[0]) {
        return false;
    }
    let scope_fits = if category {
        tc.context.scope == g.claim(parts[0]).context.scope
    } else {
        parts.iter().all(|&p| {
            let place = g.claim(p).context.scope[0];
            !tc.context.scope.contains(&place) && tc.context.scope.iter().any(|&s| gaz.within(place, s))
        })
    };
    scope_fits && parts.iter().all(|&p| together(g, t, p))
}

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    let quantities: Vec<usize> = g.of_kind(ClaimKind::Quantity).filter(|&i| counted(g, i)).collect();
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &quantities {
        by_doc.entry(g.claims[i].doc).or_default().push(i);
    }
    let mut out = Vec::new();
    for (doc, claims) in &by_doc {
        for (parts, category) in part_groups(g, claims) {
            if parts.len() < params.min_parts {
                continue;
            }
            let totals: Vec<usize> = quantities.iter().copied().filter(|&t| is_total(g, t, &parts, category)).collect();
            if totals.is_empty() {
                continue;
            }
            let sum: f64 = parts.iter().map(|&p| least(g, p)).sum();
            let exceeds = |t: usize| high(g, t).is_some_and(|h| sum > h * (1.0 + params.tolerance));
            let own = totals.iter().copied().find(|&t| g.claims[t].doc == *doc && exceeds(t));
            let total = own.unwrap_or_else(|| {
                *totals
                    .iter()
                    .min_by(|&&a, &&b| {
                        let key = |t: usize| {
                            let exact = g.claim(t).quantity.as_ref().is_some_and(|q| q.approx == "exact" && !q.rounded);
                            (high(g, t).unwrap_or(f64::INFINITY), !exact, g.claims[t].doc)
                        };
                        key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
                    })
                    .expect("totals is not empty")
            });
            let status = if exceeds(total) { Status::Discrepancy } else { Status::Agreement };
            let mut vars = BTreeMap::new();
            vars.insert("measure", g.claim(parts[0]).context.measure.clone().unwrap_or_default());
            vars.insert("scope", scope_text(g, total));
            vars.insert(
                "parts",
                parts
                    .iter()
                    .map(|&p| {
                        let c = g.claim(p);
                        let label = c.context.category.clone().unwrap_or_else(|| scope_text(g, p));
                        format!("{} {label}", c.quantity.as_ref().map(|q| q.reading()).unwrap_or_default())
                    })
                    .collect::<Vec<_>>()
                    .join(" + "),
            );
            vars.insert("sum", format_number(sum));
            vars.insert("total", g.claim(total).quantity.as_ref().map(|q| q.reading()).unwrap_or_default());
            vars.insert("total_source", g.source_name(total).to_string());
            vars.insert("source", g.source_name(parts[0]).to_string());
            vars.insert("kind", if category { "categories".into() } else { "places".into() });
            let mut claims = parts.clone();
            claims.push(total);
            out.push(Outcome { status, claims, vars, diff: None });
        }
    }
    out
}
