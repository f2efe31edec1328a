//! compare-values: the claims of one cluster (same measure, unit, category,
//! scope, time and event) count the same thing. Their readings are grouped
//! into value groups whose intervals all overlap ("498", "nearly 500" and a
//! rounded "500" are one group). One group is an agreement; two or more
//! conflict, and the message lists who says what. A group stated only by
//! articles that also state another group's value is left out: an article
//! rarely contradicts itself, and such pairs are usually two different
//! counts its wording did not tell apart.

use std::collections::{BTreeMap, BTreeSet};

use super::{Outcome, Params, scope_text, sources, values_with_sources};
use crate::claim::Interval;
use crate::engine::Status;
use crate::graph::ClaimGraph;

/// A set of claims whose intervals all overlap, with their common part.
struct Group {
    claims: Vec<usize>,
    low: f64,
    high: f64,
}

/// Groups claims by value, widening each reading by `tolerance`: each claim
/// joins the first group whose common interval it overlaps.
fn value_groups(g: &ClaimGraph, cluster: &[usize], tolerance: f64) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for &i in cluster {
        let Interval { low, high } =
            g.claim(i).quantity.as_ref().map_or(Interval { low: None, high: None }, |q| q.interval);
        let low = low.map_or(f64::NEG_INFINITY, |v| v - v.abs() * tolerance);
        let high = high.map_or(f64::INFINITY, |v| v + v.abs() * tolerance);
        match groups.iter_mut().find(|grp| low <= grp.high && grp.low <= high) {
            Some(grp) => {
                grp.claims.push(i);
                grp.low = grp.low.max(low);
                grp.high = grp.high.min(high);
            }
            None => groups.push(Group { claims: vec![i], low, high }),
        }
    }
    groups
}

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    let mut out = Vec::new();
    let docs_of = |claims: &[usize]| {
        let mut docs: Vec<usize> = claims.iter().map(|&i| g.claims[i].doc).collect();
        docs.sort();
        docs.dedup();
        docs
    };
    for cluster in &g.clusters {
        let groups = value_groups(g, cluster, params.tolerance);
        // A group whose articles all also state another group's value is an
        // article disagreeing with itself: left out of the comparison.
        let group_docs: Vec<Vec<usize>> = groups.iter().map(|grp| docs_of(&grp.claims)).collect();
        let n = groups.len();
        let internal: Vec<bool> = (0..n)
            .map(|k| {
                let inside = |o: usize| {
                    o != k
                        && group_docs[o].len() > group_docs[k].len()
                        && group_docs[k].iter().all(|d| group_docs[o].contains(d))
                };
                (0..n).any(inside)
                    || (n > 1 && group_docs.iter().all(|d| d == &group_docs[k]) && group_docs[k].len() == 1)
            })
            .collect();
        let groups: Vec<Group> = groups.into_iter().zip(internal).filter(|(_, out)| !out).map(|(grp, _)| grp).collect();
        let conflict = groups.len() > 1;
        let outcomes: Vec<(Status, &[usize])> = if conflict {
            vec![(Status::Discrepancy, cluster.as_slice())]
        } else {
            groups
                .iter()
                .filter(|grp| grp.claims.len() > 1)
                .map(|grp| (Status::Agreement, grp.claims.as_slice()))
                .collect()
        };
        for (status, claims) in outcomes {
            let first = claims[0];
            let mut vars = BTreeMap::new();
            let ctx = &g.claim(first).context;
            let measure = ctx.measure.clone().unwrap_or_default();
            let scope = scope_text(g, first);
            let mut subject = measure.clone();
            if let Some(agent) = &ctx.agent {
                subject.push_str(&format!(" for {agent}"));
            }
            if !scope.is_empty() {
                subject.push_str(&format!(" in {scope}"));
            }
            vars.insert("subject", subject);
            vars.insert("measure", measure);
            vars.insert("scope", scope);
            vars.insert("sources", sources(g, claims));
            vars.insert("count", docs_of(claims).len().to_string());
            vars.insert("values", values_with_sources(g, claims));
            // A rounding is worth a word only when it is what lets different
            // numbers agree ("500" and "498"), and once per reading.
            let readings: Vec<(String, bool)> =
                claims.iter().filter_map(|&i| g.claim(i).quantity.as_ref().map(|q| (q.reading(), q.rounded))).collect();
            let values: BTreeSet<&str> = readings.iter().map(|(r, _)| r.as_str()).collect();
            let mut rounded: Vec<&str> = Vec::new();
            for (r, _) in readings.iter().filter(|(_, is_rounded)| *is_rounded) {
                if !rounded.contains(&r.as_str()) {
                    rounded.push(r);
                }
            }
            let rounding = if values.len() > 1 {
                rounded.iter().map(|r| format!("; {r} is read as a rounding")).collect::<String>()
            } else {
                String::new()
            };
            vars.insert("rounding", rounding);
            out.push(Outcome { status, claims: claims.to_vec(), vars, diff: None });
        }
    }
    out
}
