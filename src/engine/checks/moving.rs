//! moving: a running figure reported at different times (a death toll, a
//! count of the missing, acres burned) whose reports differ. The claim
//! graph links each report to the next by a `LaterReport` edge; where the
//! figures of an earlier and a later report cannot meet, the finding shows them in
//! time order with their dates: a discrepancy explained by time, whose rule
//! carries a lower severity than a same-day contradiction. An article's own
//! figure marked as an earlier report ("Earlier, the directorate said
//! 753") is held the same way against the figure it gives now.

use std::collections::BTreeMap;

use super::compare_values::{conflicting, conflicts, widened};
use super::{Outcome, Params, group_vars, precise};
use crate::engine::Status;
use crate::graph::{ClaimGraph, ReferentGroup, Slice, later_report, overlap};

/// "29 (Sacramento Bee, 2018-11-11) → 42 (CBS, 2018-11-12)": readings in time order.
fn progression(g: &ClaimGraph, earlier: &[usize], later: &[usize]) -> String {
    let side = |claims: &[usize]| {
        let mut parts: Vec<String> = Vec::new();
        for &i in claims {
            let reading = g.claim(i).quantity.as_ref().map(|q| q.reading()).unwrap_or_default();
            let when = match g.time(i) {
                _ if g.claim(i).referent.superseded => "an earlier report".to_string(),
                Some(t) => t.render(),
                None => "undated".into(),
            };
            let part = format!("{reading} ({}, {when})", g.source_name(i));
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts.join(", ")
    };
    format!("{} → {}", side(earlier), side(later))
}

/// An article that gives a figure as an earlier report ("Earlier, the
/// directorate said that 753 people were killed") beside its current one
/// (769): the earlier against the later, when they cannot meet.
fn earlier_in_article(g: &ClaimGraph, group: &ReferentGroup, slice: &Slice, params: &Params, out: &mut Vec<Outcome>) {
    let mut by_doc: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &i in slice.claims.iter().filter(|&&i| precise(g, i)) {
        let (earlier, current) = by_doc.entry(g.claims[i].doc).or_default();
        if g.claim(i).referent.superseded { earlier.push(i) } else { current.push(i) }
    }
    for (earlier, current) in by_doc.into_values() {
        if earlier.is_empty() || current.is_empty() {
            continue;
        }
        if let Some((earlier, later)) = conflicting(g, &earlier, &current, params.tolerance) {
            let mut claims: Vec<usize> = earlier.iter().chain(&later).copied().collect();
            claims.sort();
            let mut vars = group_vars(g, group, &claims);
            vars.insert("values", progression(g, &earlier, &later));
            out.push(Outcome { status: Status::Discrepancy, claims, vars, diff: None });
        }
    }
}

/// One report and the next of a running figure, from two sources, whose
/// figures all meet: the figure held ("42" on Monday, "42" on Tuesday) or
/// a bound was borne out ("at least nine" on Friday, 42 on Monday).
fn held(g: &ClaimGraph, group: &ReferentGroup, (a, b): (&Slice, &Slice), params: &Params, out: &mut Vec<Outcome>) {
    let reports = |s: &Slice| {
        let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in s.claims.iter().filter(|&&i| precise(g, i) && !g.claim(i).referent.superseded) {
            by_doc.entry(g.claims[i].doc).or_default().push(i);
        }
        by_doc
    };
    let (earlier, later) = (reports(a), reports(b));
    let meet = |x: usize, y: usize| overlap(&widened(g, x, params.tolerance), &widened(g, y, params.tolerance));
    for (e_doc, e) in &earlier {
        for (_, l) in later.iter().filter(|(d, _)| *d != e_doc) {
            // The earlier figures the whole later report bears out ("more
            // than 8,800" by 12,263, not the 8,817 beside it). "Up to
            // 14,000" is not borne out by a later 2,800: only a figure with
            // a least value can hold.
            let held: Vec<usize> = e
                .iter()
                .copied()
                .filter(|&x| widened(g, x, params.tolerance).low.is_some() && l.iter().all(|&y| meet(x, y)))
                .collect();
            if held.is_empty() {
                continue;
            }
            let mut claims: Vec<usize> = held.iter().chain(l).copied().collect();
            claims.sort();
            let mut vars = group_vars(g, group, &claims);
            vars.insert("values", progression(g, &held, l));
            out.push(Outcome { status: Status::Agreement, claims, vars, diff: None });
        }
    }
}

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    let mut out = Vec::new();
    for group in &g.groups {
        for slice in &group.slices {
            earlier_in_article(g, group, slice, params, &mut out);
        }
        for pair in group.slices.windows(2).filter(|p| later_report(group, &p[0], &p[1])) {
            held(g, group, (&pair[0], &pair[1]), params, &mut out);
        }
        // Every earlier report against every later one in the horizon: a
        // "more than 700" between 717 and 769 does not hide that they differ.
        let slices = &group.slices;
        let pairs = (0..slices.len()).flat_map(|x| (x + 1..slices.len()).map(move |y| (x, y)));
        for (a, b) in pairs.map(|(x, y)| (&slices[x], &slices[y])) {
            if !later_report(group, a, b) {
                continue;
            }
            // A vague figure ("thousands of jobs") describes; it does not report.
            let both: Vec<usize> = a.claims.iter().chain(&b.claims).copied().filter(|&i| precise(g, i)).collect();
            for (left, right) in conflicts(g, &both, params.tolerance) {
                // Each side keeps its own report's figures, earlier first.
                let earlier: Vec<usize> = left.iter().chain(&right).copied().filter(|i| a.claims.contains(i)).collect();
                let later: Vec<usize> = left.iter().chain(&right).copied().filter(|i| b.claims.contains(i)).collect();
                if earlier.is_empty() || later.is_empty() {
                    continue;
                }
                // One finding per pair of sources, earlier and later: what
                // one outlet reported since against what another had, when
                // those two sets of figures cannot meet.
                let by_doc = |claims: &[usize]| {
                    let mut out: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
                    for &i in claims {
                        out.entry(g.claims[i].doc).or_default().push(i);
                    }
                    out.into_values().collect::<Vec<_>>()
                };
                let pairs: Vec<(Vec<usize>, Vec<usize>)> = by_doc(&earlier)
                    .into_iter()
                    .flat_map(|e| by_doc(&later).into_iter().map(move |l| (e.clone(), l)))
                    .filter_map(|(e, l)| conflicting(g, &e, &l, params.tolerance))
                    .collect();
                for (earlier, later) in pairs {
                    let mut claims: Vec<usize> = earlier.iter().chain(&later).copied().collect();
                    claims.sort();
                    let mut vars = group_vars(g, group, &claims);
                    vars.insert("values", progression(g, &earlier, &later));
                    out.push(Outcome { status: Status::Discrepancy, claims, vars, diff: None });
                }
            }
        }
    }
    out
}
