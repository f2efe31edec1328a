//! moving: a running figure reported at different times (a death toll, a
//! count of the missing, acres burned) whose reports differ. The claim
//! graph links each report to the next by a `LaterReport` edge; where the
//! figures of an earlier and a later report cannot meet, the finding shows them in
//! time order with their dates: a discrepancy explained by time, whose rule
//! carries a lower severity than a same-day contradiction. An article's own
//! figure marked as an earlier report ("Earlier, the directorate said
//! 753") is held the same way against the figure it gives now. Where the
//! next report meets an earlier figure (the toll held, a lower bound was
//! borne out), the two agree.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::compare_values::{conflicting, conflicts, widened};
use super::{Outcome, Outcomes, Params, group_vars, precise};
use crate::claim::Interval;
use crate::engine::Status;
use crate::graph::{ClaimGraph, ReferentGroup, Slice, UPDATE_HORIZON_DAYS, later_report, overlap, reports};

/// "29 (Sacramento Bee, 2018-11-11) → 42 (CBS, 2018-11-12)": readings in time order.
fn progression(g: &ClaimGraph, earlier: &[usize], later: &[usize]) -> String {
    let side = |claims: &[usize]| {
        let mut parts: Vec<String> = Vec::new();
        // A report of many outlets names each reading once, found by hash:
        // a slice of an archive holds hundreds of them.
        let mut shown: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        for &i in claims {
            let reading = g.claim(i).quantity().map(|q| q.reading()).unwrap_or_default();
            let when = match g.time(i) {
                _ if g.claim(i).referent.superseded => "an earlier report".to_string(),
                Some(t) => t.render(),
                None => "undated".into(),
            };
            let part = format!("{reading} ({}, {when})", g.source_name(i));
            if shown.insert(part.clone()) {
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
fn earlier_in_article(g: &ClaimGraph, group: &ReferentGroup, slice: &Slice, params: &Params, out: &mut Outcomes) {
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

/// One report of a running figure and the next, whose figures meet: the
/// figure held ("42" on Monday, "42" on Tuesday) or a bound was borne out
/// ("at least nine" on Friday, 42 on Monday). One finding per pair of
/// reports, its earlier figures those every later figure meets ("more than
/// 8,800" by 12,263, not the 8,817 beside it); a figure with no least value
/// ("up to 14,000") is borne out by nothing. Linear in the slices: a figure
/// meets every later one when it meets their tightest bounds.
fn held(g: &ClaimGraph, group: &ReferentGroup, (a, b): (&Slice, &Slice), params: &Params, out: &mut Outcomes) {
    let reported = |s: &Slice| -> Vec<usize> {
        s.claims.iter().copied().filter(|&i| precise(g, i) && !g.claim(i).referent.superseded).collect()
    };
    let later = reported(b);
    let bounds: Vec<Interval> = later.iter().map(|&y| widened(g, y, params.tolerance)).collect();
    // A figure meets every later one when it reaches above their highest
    // least value and below their lowest greatest one; a later report
    // whose figures do not meet each other bears nothing out.
    let Some(span) = common(&bounds) else { return };
    let held: Vec<usize> = reported(a)
        .into_iter()
        .filter(|&x| {
            let iv = widened(g, x, params.tolerance);
            iv.low.is_some() && overlap(&iv, &span)
        })
        .collect();
    let docs: std::collections::BTreeSet<usize> = held.iter().chain(&later).map(|&i| g.claims[i].doc).collect();
    let held_bounds: Vec<Interval> = held.iter().map(|&x| widened(g, x, params.tolerance)).collect();
    if held.is_empty() || later.is_empty() || docs.len() < 2 || common(&held_bounds).is_none() {
        return;
    }
    let mut claims: Vec<usize> = held.iter().chain(&later).copied().collect();
    claims.sort();
    let mut vars = group_vars(g, group, &claims);
    vars.insert("values", progression(g, &held, &later));
    out.push(Outcome { status: Status::Agreement, claims, vars, diff: None });
}

/// The values every one of some intervals holds, if any: from the
/// highest least value to the lowest greatest one.
fn common(bounds: &[Interval]) -> Option<Interval> {
    let low = bounds.iter().filter_map(|iv| iv.low).reduce(f64::max);
    let high = bounds.iter().filter_map(|iv| iv.high).reduce(f64::min);
    match (low, high) {
        (Some(l), Some(h)) if l > h => None,
        _ => Some(Interval { low, high }),
    }
}

pub fn run(g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
    for group in &g.groups {
        for slice in &group.slices {
            earlier_in_article(g, group, slice, params, out);
        }
        for pair in group.slices.windows(2).filter(|p| later_report(group, &p[0], &p[1])) {
            held(g, group, (&pair[0], &pair[1]), params, out);
        }
        // Every earlier report against every later one in the horizon: a
        // "more than 700" between 717 and 769 does not hide that they differ.
        // A later report stops looking back once each of its sources has
        // been held against `EARLIER_SOURCES` others: the rest would add none.
        // Slices come in time order: the look-back stops where no slice so
        // far (the latest end up to it, not resting on how slices are cut)
        // ends within the horizon. Only the slices that can be reports take
        // part: a group of many slices that are none is not walked through
        // for each.
        let slices = reports(group);
        let docs: Vec<ByDoc> = slices.iter().map(|s| by_doc(g, s)).collect();
        let ended_by: Vec<Option<NaiveDate>> = slices
            .iter()
            .scan(None, |latest: &mut Option<NaiveDate>, s| {
                *latest = (*latest).max(s.time.map(|t| t.last));
                Some(*latest)
            })
            .collect();
        for (y, b) in slices.iter().enumerate() {
            let Some(horizon) = b.time.map(|t| t.first - Duration::days(UPDATE_HORIZON_DAYS)) else { continue };
            let later = &docs[y];
            let mut heard: BTreeMap<usize, usize> = BTreeMap::new();
            for x in (0..y).rev() {
                if ended_by[x].is_none_or(|last| last < horizon)
                    || later.keys().all(|doc| heard.get(doc).is_some_and(|&n| n >= EARLIER_SOURCES))
                {
                    break;
                }
                if later_report(group, slices[x], b) {
                    since(g, group, (&docs[x], later), &mut heard, params, out);
                }
            }
        }
    }
}

/// Figures by the document that states them.
type ByDoc = BTreeMap<usize, Vec<usize>>;

/// A slice's precise figures by document. A vague figure ("thousands of
/// jobs") describes; it does not report.
fn by_doc(g: &ClaimGraph, s: &Slice) -> ByDoc {
    let mut docs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in s.claims.iter().filter(|&&i| precise(g, i)) {
        docs.entry(g.claims[i].doc).or_default().push(i);
    }
    docs
}

/// How many earlier sources one source's later report is held against, the
/// nearest in time first: what an editor can follow, and no more pairs than
/// that however many outlets carried the figure.
const EARLIER_SOURCES: usize = 8;

/// The figures of each source's later report `b` that cannot meet those of
/// another source's earlier report (both by document): one finding per pair
/// of sources, earlier and later, while the later source has been held
/// against fewer than `EARLIER_SOURCES` (`heard` counts them per source).
fn since(
    g: &ClaimGraph,
    group: &ReferentGroup,
    (earlier_docs, b): (&ByDoc, &ByDoc),
    heard: &mut BTreeMap<usize, usize>,
    params: &Params,
    out: &mut Outcomes,
) {
    for (&doc, later) in b {
        // A figure is an earlier report only if it was reported before the
        // later one's time starts: by its own time, or by its article's day
        // when that comes first ("40 deaths in 2019" in an article of March
        // 3 is the count as of March 3). A slice may hold a figure dated only
        // by an article of the next day (`same_day_report`): that figure is
        // no earlier than the day's other figures.
        let Some(later_start) = later.iter().filter_map(|&i| g.time(i)).map(|t| t.first).min() else { continue };
        let reported_by = |i: usize| {
            let last = g.time(i).map(|t| t.last);
            match g.claims[i].published {
                Some(day) => last.map(|l| l.min(day)),
                None => last,
            }
        };
        for earlier in earlier_docs.values() {
            let earlier: Vec<usize> =
                earlier.iter().copied().filter(|&i| reported_by(i).is_some_and(|day| day < later_start)).collect();
            if earlier.is_empty() {
                continue;
            }
            let count = heard.entry(doc).or_default();
            if *count >= EARLIER_SOURCES {
                break;
            }
            *count += 1;
            let both: Vec<usize> = earlier.iter().chain(later).copied().collect();
            for (left, right) in conflicts(g, &both, params.tolerance) {
                // Each side keeps its own report's figures, earlier first.
                let from_earlier = |i: &usize| earlier.contains(i);
                let e: Vec<usize> = left.iter().chain(&right).copied().filter(from_earlier).collect();
                let l: Vec<usize> = left.iter().chain(&right).copied().filter(|i| !from_earlier(i)).collect();
                let Some((e, l)) = conflicting(g, &e, &l, params.tolerance) else { continue };
                let mut claims: Vec<usize> = e.iter().chain(&l).copied().collect();
                claims.sort();
                let mut vars = group_vars(g, group, &claims);
                vars.insert("values", progression(g, &e, &l));
                out.push(Outcome { status: Status::Discrepancy, claims, vars, diff: None });
            }
        }
    }
}
