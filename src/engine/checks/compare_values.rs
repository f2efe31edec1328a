//! compare-values: figures for one fact (one referent group of the claim
//! graph) compared as intervals, in their dimension's base unit so that
//! "203 square miles" meets "130,000 acres". Figures of two or more
//! sources whose readings all overlap agree ("498", "nearly 500" and a
//! rounded "500"; "at least 717" and a later 769); figures given for the
//! same time whose readings cannot meet conflict, and the finding names
//! only the figures that cannot meet. Across sources an article never
//! agrees with itself: an agreement spans two sources at least. With
//! `within_one_source`, the check reports instead an article that restates
//! one fact alike (headline and body, "more than 1,000" and "1,011"),
//! unless it also gives that fact another figure. A vague figure ("hundreds
//! more", "dozens") agrees with the figures its range holds, but never
//! conflicts: it describes more than it counts, and one that misses its own
//! article's precise figure described something else. A moving figure
//! reported on different days is the `moving` check's.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Outcome, Outcomes, Params, Vars, docs_of, group_vars, precise, values_with_sources};
use crate::claim::Interval;
use crate::engine::Status;
use crate::graph::{ClaimGraph, ReferentGroup, base_interval, overlap};

/// A claim's interval in base units, widened by `tolerance` (a fraction).
pub fn widened(g: &ClaimGraph, i: usize, tolerance: f64) -> Interval {
    let iv = base_interval(g.claim(i), g.lexicon).unwrap_or(Interval { low: None, high: None });
    Interval { low: iv.low.map(|v| v - v.abs() * tolerance), high: iv.high.map(|v| v + v.abs() * tolerance) }
}

/// How far from its bound a one-sided reading ("more than 700", "up to
/// 14,000") reaches when it is read as agreeing with a figure: "more than
/// 700" bears out 769, but "up to 14,000" says nothing of 2,800.
const ONE_SIDED_REACH: f64 = 1.5;

/// A claim's interval for agreeing: `widened`, with an open side closed at
/// `ONE_SIDED_REACH` of the bound it has.
fn agreeing(g: &ClaimGraph, i: usize, tolerance: f64) -> Interval {
    let iv = widened(g, i, tolerance);
    match (iv.low, iv.high) {
        (Some(l), None) if l > 0.0 => Interval { low: Some(l), high: Some(l * ONE_SIDED_REACH) },
        (None, Some(h)) if h > 0.0 => Interval { low: Some(h / ONE_SIDED_REACH), high: Some(h) },
        _ => iv,
    }
}

/// The maximal sets of claims whose intervals all overlap (on a line,
/// pairwise overlap is common overlap): a sweep over the ends, n log n.
/// One-sided readings reach only so far (see `agreeing`).
pub fn cliques(g: &ClaimGraph, claims: &[usize], tolerance: f64) -> Vec<Vec<usize>> {
    let mut ends: Vec<(f64, bool, usize)> = Vec::with_capacity(claims.len() * 2);
    for &i in claims {
        let iv = agreeing(g, i, tolerance);
        // Starts sort before ends at one point: closed intervals meet there.
        ends.push((iv.low.unwrap_or(f64::NEG_INFINITY), false, i));
        ends.push((iv.high.unwrap_or(f64::INFINITY), true, i));
    }
    ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut active: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut grown = false;
    let mut out = Vec::new();
    for (_, is_end, i) in ends {
        if is_end {
            if grown {
                out.push(active.iter().copied().collect());
                grown = false;
            }
            active.remove(&i);
        } else {
            active.insert(i);
            grown = true;
        }
    }
    out
}

/// Greedy value groups of one slice: claims sorted by their low end join
/// the last group while they overlap what all its members share.
fn value_groups(g: &ClaimGraph, claims: &[usize], tolerance: f64) -> Vec<Vec<Reading>> {
    let mut sorted: Vec<Reading> = readings(g, claims, tolerance);
    sorted.sort_by(|a, b| a.1.low.unwrap_or(f64::NEG_INFINITY).total_cmp(&b.1.low.unwrap_or(f64::NEG_INFINITY)));
    let mut groups: Vec<(Interval, Vec<Reading>)> = Vec::new();
    for (i, iv) in sorted {
        match groups.last_mut() {
            Some((common, members)) if overlap(common, &iv) => {
                common.low = match (common.low, iv.low) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                common.high = match (common.high, iv.high) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                members.push((i, iv));
            }
            _ => groups.push((iv, vec![(i, iv)])),
        }
    }
    groups.into_iter().map(|(_, m)| m).collect()
}

/// A figure and its widened reading (see `widened`), read once: a slice's
/// figures are held against one another many times over.
type Reading = (usize, Interval);

fn readings(g: &ClaimGraph, claims: &[usize], tolerance: f64) -> Vec<Reading> {
    claims.iter().map(|&i| (i, widened(g, i, tolerance))).collect()
}

/// The figures of two value groups that cannot meet some figure of the
/// other: what a discrepancy between them rests on. An open reading that
/// meets both ("more than 700" beside 717 and 769) is left out.
pub fn conflicting(g: &ClaimGraph, a: &[usize], b: &[usize], tolerance: f64) -> Option<(Vec<usize>, Vec<usize>)> {
    conflicting_readings(&readings(g, a, tolerance), &readings(g, b, tolerance))
}

/// `conflicting`, of figures read already.
fn conflicting_readings(a: &[Reading], b: &[Reading]) -> Option<(Vec<usize>, Vec<usize>)> {
    let apart = |x: &Interval, y: &Interval| !overlap(x, y) && !touching(x, y);
    let left: Vec<usize> = a.iter().filter(|(_, x)| b.iter().any(|(_, y)| apart(x, y))).map(|&(i, _)| i).collect();
    let right: Vec<usize> = b.iter().filter(|(_, y)| a.iter().any(|(_, x)| apart(x, y))).map(|&(i, _)| i).collect();
    (!left.is_empty() && !right.is_empty()).then_some((left, right))
}

/// How close, as a share of the values, two readings may come without
/// meeting and still merely touch: the hair a rounded reading stops short
/// of its neighbour ("over 850" and a rounded 800), not a second between
/// 2:01:39 and 2:01:40.
const TOUCH: f64 = 1e-4;

/// Readings that merely touch ("over 850" and a rounded "800", read up to
/// 849.95) neither agree nor conflict.
fn touching(a: &Interval, b: &Interval) -> bool {
    let gap = match (a.high, b.low, b.high, a.low) {
        (Some(ah), Some(bl), _, _) if ah < bl => bl - ah,
        (_, _, Some(bh), Some(al)) if bh < al => al - bh,
        _ => return false,
    };
    let scale = [a.low, a.high, b.low, b.high].into_iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    gap <= scale * TOUCH
}

/// Pairs of value groups of `claims` whose figures cannot meet: (left, right).
pub fn conflicts(g: &ClaimGraph, claims: &[usize], tolerance: f64) -> Vec<(Vec<usize>, Vec<usize>)> {
    let groups = value_groups(g, claims, tolerance);
    let mut out = Vec::new();
    for x in 0..groups.len() {
        for y in x + 1..groups.len() {
            if let Some(pair) = conflicting_readings(&groups[x], &groups[y]) {
                out.push(pair);
            }
        }
    }
    out
}

fn agreements(g: &ClaimGraph, group: &ReferentGroup, params: &Params, out: &mut Outcomes) {
    // A vague figure ("hundreds more") agrees with the figures its range
    // holds, unless its own article's precise figure for the fact falls
    // outside it: then it described something else (it is `unsure`).
    let members: Vec<usize> = group
        .claims
        .iter()
        .copied()
        .filter(|&i| g.claim(i).quantity().is_some())
        .chain(group.unsure.iter().copied().filter(|&i| precise(g, i)))
        .collect();
    // How many figures each article gives the fact: an article restates it
    // when one clique holds them all. The earlier value of a change ("jumped
    // from 631 to 1,011") is no other figure for it, nor is a report the
    // article marks as superseded ("Previously, officials had said all
    // four"), nor some of it ("three of those four"). Only restatements
    // need it.
    let mut per_doc: HashMap<usize, usize> = HashMap::default();
    let mut unsure: HashSet<usize> = HashSet::default();
    if params.within_one_source {
        let earlier = |i: usize| {
            let c = g.claim(i);
            c.referent.superseded
                || c.referent.partitive
                || c.quantity().is_some_and(|q| q.change.is_some() || q.whole.is_some())
        };
        for &i in members.iter().filter(|&&i| !earlier(i)) {
            *per_doc.entry(g.claims[i].doc).or_default() += 1;
        }
        unsure.extend(group.unsure.iter().copied());
    }
    for clique in cliques(g, &members, params.tolerance) {
        let one_source = docs_of(g, &clique).len() < 2;
        // Vague figures alone ("hundreds" and "thousands" touch at 1,000) say nothing alike.
        if clique.len() < 2
            || !clique.iter().any(|&i| precise(g, i))
            || one_source != params.within_one_source
            || (one_source && !restated(g, &unsure, &per_doc, &clique))
        {
            continue;
        }
        let mut vars: Vars = group_vars(g, group, &clique);
        if one_source {
            vars.insert("count", clique.len().to_string());
        }
        vars.insert("values", values_with_sources(g, &clique));
        vars.insert("rounding", rounding(g, &clique));
        out.push(Outcome { status: Status::Agreement, claims: clique, vars, diff: None });
    }
}

/// Whether one article's clique is all its figures for the fact, which
/// then restate it: its headline and body, or "more than 1,000" and
/// "1,011". An article that gives this fact another figure too (or holds
/// one apart from it, `unsure`) agrees with nothing of its own: two figures
/// of one article that meet may count two things.
fn restated(g: &ClaimGraph, unsure: &HashSet<usize>, per_doc: &HashMap<usize, usize>, clique: &[usize]) -> bool {
    let doc = g.claims[clique[0]].doc;
    !clique.iter().any(|i| unsure.contains(i)) && per_doc.get(&doc) == Some(&clique.len())
}

/// "; 500 is read as a rounding", when a rounding is what lets different
/// numbers agree.
fn rounding(g: &ClaimGraph, claims: &[usize]) -> String {
    let readings: Vec<(String, bool)> =
        claims.iter().filter_map(|&i| g.claim(i).quantity().map(|q| (q.reading(), q.rounded))).collect();
    let mut distinct: Vec<&str> = readings.iter().map(|(r, _)| r.as_str()).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        return String::new();
    }
    let mut rounded: Vec<&str> = Vec::new();
    for (r, _) in readings.iter().filter(|(_, is_rounded)| *is_rounded) {
        if !rounded.contains(&r.as_str()) {
            rounded.push(r);
        }
    }
    rounded.iter().map(|r| format!("; {r} is read as a rounding")).collect()
}

pub fn run(g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
    for group in &g.groups {
        agreements(g, group, params, out);
        if params.within_one_source {
            continue;
        }
        // Figures conflict only when given for one time: an undated slice
        // never does; nor does a vague figure ("dozens of ambulances"), which
        // describes more than it counts.
        for slice in group.slices.iter().filter(|s| s.time.is_some()) {
            let precise_figures: Vec<usize> = slice.claims.iter().copied().filter(|&i| precise(g, i)).collect();
            for (left, right) in conflicts(g, &precise_figures, params.tolerance) {
                let mut claims: Vec<usize> = left.iter().chain(&right).copied().collect();
                claims.sort();
                if docs_of(g, &claims).len() < 2 {
                    continue;
                }
                let mut vars = group_vars(g, group, &claims);
                vars.insert("values", values_with_sources(g, &claims));
                vars.insert("rounding", String::new());
                out.push(Outcome { status: Status::Discrepancy, claims, vars, diff: None });
            }
        }
    }
}
