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
    for ((total, _, _), (by, mut parts)) in sets {
        parts.sort();
        parts.dedup();
        if parts.len() < params.min_parts {
            continue;
        }
        let sum: f64 = parts.iter().map(|&p| least(g, p)).sum();
        let exceeds = high(g, total).is_some_and(|h| sum > h * (1.0 + params.tolerance));
        let single = parts.len() == 1;
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
