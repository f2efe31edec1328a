//! parts-total: the parts of a total, as the claim graph's `PartOf` edges
//! give them (figures narrower by category, holder or place), held against
//! the total they point at. One article's parts of one total are summed:
//! when their least values add up to more than the total can be, the
//! parts exceed it (a discrepancy); when they fit, the finding is an
//! agreement, and a single part stated with its total ("8,817 structures,
//! which includes 7,600 homes") is one too.

use std::collections::BTreeMap;

use super::{Outcome, Params, docs_of, scope_text};
use crate::claim::format_number;
use crate::engine::Status;
use crate::graph::{ClaimGraph, Edge, PartBy, base_interval};

/// How far above its total a sum of parts may be and still be read as the
/// total's parts that overlap or were miscounted.
const FAR_ABOVE: f64 = 1.5;

fn least(g: &ClaimGraph, i: usize) -> f64 {
    base_interval(g.claim(i), g.lexicon).and_then(|iv| iv.low).unwrap_or(0.0)
}

fn high(g: &ClaimGraph, i: usize) -> Option<f64> {
    base_interval(g.claim(i), g.lexicon).and_then(|iv| iv.high)
}

/// A part as readers see it: its reading and what narrows it.
fn label(g: &ClaimGraph, i: usize, by: PartBy) -> String {
    let c = g.claim(i);
    let reading = c.quantity.as_ref().map(|q| q.reading()).unwrap_or_default();
    let narrower = match by {
        PartBy::Category => c.referent.category.get().cloned(),
        PartBy::Holder => c.referent.holder.get().cloned(),
        PartBy::Place => Some(scope_text(g, i)),
    };
    match narrower {
        Some(n) if !n.is_empty() => format!("{reading} {n}"),
        _ => reading,
    }
}

/// The figures that stand for the same total as `total`: its referent
/// group's claims at a time every part shares (any, for undated parts).
fn totals_like(g: &ClaimGraph, total: usize, parts: &[usize]) -> Vec<usize> {
    let Some(k) = g.group_of[total] else { return vec![total] };
    let fits = |t: usize| {
        parts.iter().all(|&p| match (g.time(p), g.time(t)) {
            (Some(a), Some(b)) => a.overlaps(&b),
            _ => true,
        })
    };
    g.groups[k].claims.iter().copied().filter(|&t| fits(t)).collect()
}

/// The most precise of some totals: an exact one before a hedged one, a
/// narrow reading before a wide one, the parts' own article on a tie.
fn tightest(g: &ClaimGraph, totals: &[usize], doc: usize) -> Option<usize> {
    let width = |t: usize| match base_interval(g.claim(t), g.lexicon) {
        Some(iv) => match (iv.low, iv.high) {
            (Some(l), Some(h)) => h - l,
            _ => f64::INFINITY,
        },
        None => f64::INFINITY,
    };
    totals.iter().copied().min_by(|&a, &b| {
        width(a).total_cmp(&width(b)).then((g.claims[a].doc != doc).cmp(&(g.claims[b].doc != doc)))
    })
}

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    // (total, article of the parts, what narrows them) → parts.
    let mut sets: BTreeMap<(usize, usize, u8), (PartBy, Vec<usize>)> = BTreeMap::new();
    for (part, total, edge) in g.claim_edges() {
        if let Edge::PartOf(by) = edge {
            let doc = g.claims[part].doc;
            sets.entry((total, doc, by as u8)).or_insert((by, Vec::new())).1.push(part);
        }
    }
    let mut out = Vec::new();
    for ((linked_total, doc, _), (by, mut parts)) in sets {
        parts.sort();
        parts.dedup();
        if parts.len() < params.min_parts {
            continue;
        }
        let sum: f64 = parts.iter().map(|&p| least(g, p)).sum();
        let over = |t: usize| high(g, t).is_some_and(|h| sum > h * (1.0 + params.tolerance));
        // The parts' own article's total first: an article contradicting
        // itself is the strongest finding. If they fit it, the most precise
        // figure any source gives for that total at a time the parts share.
        let candidates = totals_like(g, linked_total, &parts);
        let own = candidates.iter().copied().find(|&t| g.claims[t].doc == doc && over(t));
        let total = own.unwrap_or_else(|| tightest(g, &candidates, doc).unwrap_or(linked_total));
        let exceeds = over(total);
        // Parts far above their total count something else than its parts
        // (a year's arrests against one raid's): no arithmetic to check.
        if high(g, total).is_some_and(|h| sum > h * FAR_ABOVE) {
            continue;
        }
        let single = parts.len() == 1;
        // One part alone is checked only when the text says it is a part
        // ("which includes 7,600 homes", "Of those, 7,600 were ..."): a
        // figure merely narrower than another is no claim about the whole.
        if single && !g.claim(parts[0]).referent.part {
            continue;
        }
        let status = if exceeds { Status::Discrepancy } else { Status::Agreement };
        let mut claims = parts.clone();
        claims.push(total);
        if status == Status::Discrepancy && docs_of(g, &claims).len() > 1 && single {
            // One article's part above another's total: two counts of
            // different reach, not an arithmetic error of either.
            continue;
        }
        let c = g.claim(total);
        let mut vars = BTreeMap::new();
        vars.insert("measure", c.referent.measure.get().cloned().unwrap_or_default());
        vars.insert("scope", scope_text(g, total));
        vars.insert("parts", parts.iter().map(|&p| label(g, p, by)).collect::<Vec<_>>().join(" + "));
        let unit_sum = {
            let factor = c
                .quantity
                .as_ref()
                .and_then(|q| q.unit.as_ref())
                .and_then(|u| g.lexicon.units.by_name.get(u))
                .and_then(|u| u.to_base)
                .unwrap_or(1.0);
            sum / factor
        };
        vars.insert("sum", format_number(unit_sum));
        vars.insert("total", c.quantity.as_ref().map(|q| q.reading()).unwrap_or_default());
        vars.insert("total_source", g.source_name(total).to_string());
        vars.insert("source", g.source_name(parts[0]).to_string());
        vars.insert(
            "kind",
            match by {
                PartBy::Category => "categories",
                PartBy::Holder => "shares",
                PartBy::Place => "places",
            }
            .into(),
        );
        out.push(Outcome { status, claims, vars, diff: None });
    }
    out
}
