//! parts-total: counts for places inside a total's scope, or for categories
//! of a total, must not add up to more than the total. An article's parts
//! are first held against its own total (an internal contradiction is the
//! strongest finding); if they fit, against the most precise total any
//! source gives.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Outcome, Params, scope_text};
use crate::claim::{ClaimKind, Source, format_number};
use crate::engine::Status;
use crate::graph::{ClaimGraph, same_category};
use crate::lexicon::PlaceId;

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
        // A total whose place is only the document's country may cover less
        // ("44 people in four Northeastern states"): its places are unknown.
        tc.context.scope_source != Source::Document
            && parts.iter().all(|&p| {
                let place = g.claim(p).context.scope[0];
                !tc.context.scope.contains(&place) && tc.context.scope.iter().any(|&s| gaz.within(place, s))
            })
    };
    scope_fits && parts.iter().all(|&p| together(g, t, p))
}

/// Possible totals of place parts, indexed by measure, unit and each place
/// of their stated scope, tightest first.
type TotalIndex<'a> = HashMap<(&'a str, Option<&'a str>, PlaceId), Vec<usize>>;

fn index_totals<'a>(g: &'a ClaimGraph, quantities: &[usize]) -> TotalIndex<'a> {
    let mut index: TotalIndex = HashMap::new();
    for &t in quantities {
        let c = g.claim(t);
        if c.context.category.is_some() {
            continue;
        }
        // Only a stated place can hold other places' parts (see `is_total`).
        if c.context.scope_source == Source::Document {
            continue;
        }
        let measure = c.context.measure.as_deref().expect("counted claims have a measure");
        let unit = c.quantity.as_ref().and_then(|q| q.unit.as_deref());
        for &place in &c.context.scope {
            index.entry((measure, unit, place)).or_default().push(t);
        }
    }
    // The tightest totals first: a lookup tries at most `MAX_TOTALS_TRIED`.
    for totals in index.values_mut() {
        totals.sort_by(|&a, &b| tighter(g, a, b));
    }
    index
}

/// How many of a cluster's tightest totals are tried against one group of
/// parts: enough for any real story, and it keeps the check linear.
const MAX_TOTALS_TRIED: usize = 64;

/// How precise a total is: its upper bound, then exact before hedged, then
/// corpus order. The tightest total is the least by this key.
fn tightness(g: &ClaimGraph, t: usize) -> (f64, bool, usize) {
    let exact = g.claim(t).quantity.as_ref().is_some_and(|q| q.approx == "exact" && !q.rounded);
    (high(g, t).unwrap_or(f64::INFINITY), !exact, t)
}

fn tighter(g: &ClaimGraph, a: usize, b: usize) -> std::cmp::Ordering {
    tightness(g, a).partial_cmp(&tightness(g, b)).unwrap_or(std::cmp::Ordering::Equal)
}

/// The totals these parts could belong to: the document's own totals and,
/// from each one's cluster of comparable claims, the tightest that fits;
/// else totals indexed under a place that contains the parts.
fn candidate_totals(
    g: &ClaimGraph,
    index: &TotalIndex,
    sorted_clusters: &mut HashMap<usize, Vec<usize>>,
    (parts, category): (&[usize], bool),
    doc_claims: &[usize],
) -> Vec<usize> {
    let own: Vec<usize> = doc_claims.iter().copied().filter(|&t| is_total(g, t, parts, category)).collect();
    if !own.is_empty() {
        let mut out: BTreeSet<usize> = own.iter().copied().collect();
        for &t in &own {
            if let Some(k) = g.cluster_of[t] {
                let sorted = sorted_clusters.entry(k).or_insert_with(|| {
                    let mut members = g.clusters[k].clone();
                    members.sort_by(|&a, &b| tighter(g, a, b));
                    members
                });
                out.extend(sorted.iter().take(MAX_TOTALS_TRIED).copied().find(|&c| is_total(g, c, parts, category)));
            }
        }
        return out.into_iter().collect();
    }
    let first = g.claim(parts[0]);
    let measure = first.context.measure.as_deref().expect("counted claims have a measure");
    let unit = first.quantity.as_ref().and_then(|q| q.unit.as_deref());
    let mut places = Vec::new();
    let mut at = Some(first.context.scope[0]);
    while let Some(p) = at {
        places.push(p);
        at = g.lexicon.gazetteer.place(p).parent;
    }
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for p in places {
        if let Some(ts) = index.get(&(measure, unit, p)) {
            out.extend(ts.iter().take(MAX_TOTALS_TRIED).copied().filter(|&t| is_total(g, t, parts, category)));
        }
    }
    out.into_iter().collect()
}

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    let quantities: Vec<usize> = g.of_kind(ClaimKind::Quantity).filter(|&i| counted(g, i)).collect();
    let index = index_totals(g, &quantities);
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &quantities {
        by_doc.entry(g.claims[i].doc).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut sorted_clusters = HashMap::new();
    for (doc, claims) in &by_doc {
        for (parts, category) in part_groups(g, claims) {
            if parts.len() < params.min_parts {
                continue;
            }
            let totals = candidate_totals(g, &index, &mut sorted_clusters, (&parts, category), claims);
            if totals.is_empty() {
                continue;
            }
            let sum: f64 = parts.iter().map(|&p| least(g, p)).sum();
            let exceeds = |t: usize| high(g, t).is_some_and(|h| sum > h * (1.0 + params.tolerance));
            let own = totals.iter().copied().find(|&t| g.claims[t].doc == *doc && exceeds(t));
            let total = own.unwrap_or_else(|| {
                totals.iter().copied().min_by(|&a, &b| tighter(g, a, b)).expect("totals is not empty")
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
