//! parts-total: the parts of a total, as the claim graph's `PartOf` edges
//! give them (figures narrower by category, holder or place), held against
//! the total they point at. One article's parts of one total are summed:
//! when their least values add up to more than the total can be, the
//! parts exceed it (a discrepancy); when they fit, the finding is an
//! agreement, and a single part stated with its total ("8,817 structures,
//! which includes 7,600 homes") is one too. A part that names its whole
//! ("three of those four") is held against that figure alone.

use std::collections::BTreeMap;

use super::{Outcome, Outcomes, Params, Vars, scope_text};
use crate::claim::format_number;
use crate::engine::Status;
use crate::graph::{ClaimGraph, Edge, PartBy, base_interval, overlap};

/// How many other sources' totals one article's parts are held against,
/// the nearest in time first: one finding per source lets each be
/// checked, but an archive in which hundreds of sources give the total
/// would give a finding for each of them, for every article's parts.
const TOTAL_SOURCES: usize = 8;

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
    let reading = c.quantity().map(|q| q.reading()).unwrap_or_default();
    let narrower = match by {
        PartBy::Category => c.referent.category.get().map(|x| x.to_string()),
        PartBy::Holder => c.referent.holder().get().map(|x| x.to_string()),
        PartBy::Place => Some(scope_text(g, i)),
        PartBy::Kind => c.referent.measure.get().map(|x| x.to_string()),
        PartBy::Stated => None,
    };
    match narrower {
        Some(n) if !n.is_empty() => format!("{reading} {n}"),
        _ => reading,
    }
}

/// The figures that stand for the same total as `total`: its referent
/// group's claims at a time every part shares (any, for undated parts),
/// and its plans announced then.
fn totals_like(g: &ClaimGraph, total: usize, parts: &[usize]) -> Vec<usize> {
    let Some(k) = g.group_of(total) else { return vec![total] };
    let fits = |t: usize| {
        parts.iter().all(|&p| match (g.time(p), g.time(t)) {
            (Some(a), Some(b)) => a.comparable(&b),
            _ => true,
        })
    };
    // Any part's time bounds where the others' totals can be.
    let first_time = parts.iter().find_map(|&p| g.time(p));
    let group = &g.groups[k];
    let mut out: Vec<usize> = g.near(k, first_time, g.claims[parts[0]].doc).into_iter().filter(|&t| fits(t)).collect();
    for t in g.announced(group, first_time) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
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
    // Of two open totals, the one that says more ("at least 717" before
    // "more than 700").
    let least = |t: usize| base_interval(g.claim(t), g.lexicon).and_then(|iv| iv.low).unwrap_or(f64::NEG_INFINITY);
    totals.iter().copied().min_by(|&a, &b| {
        width(a)
            .total_cmp(&width(b))
            .then(least(b).total_cmp(&least(a)))
            .then((g.claims[a].doc != doc).cmp(&(g.claims[b].doc != doc)))
    })
}

/// The finding of some parts held against a total.
fn outcome(g: &ClaimGraph, parts: &[usize], total: usize, (by, sum): (PartBy, f64), status: Status) -> Outcome {
    let mut claims = parts.to_vec();
    claims.push(total);
    let c = g.claim(total);
    let mut vars = Vars::new();
    // "Of those 12, eight ...": a whole that names nothing it counts.
    vars.insert("measure", c.referent.measure.get().cloned().unwrap_or_else(|| "the whole".into()));
    vars.insert("scope", scope_text(g, total));
    vars.insert("parts", parts.iter().map(|&p| label(g, p, by)).collect::<Vec<_>>().join(" + "));
    let unit_sum = {
        let factor = c
            .quantity()
            .and_then(|q| q.unit.as_ref())
            .and_then(|u| g.lexicon.units.by_name.get(u.as_str()))
            .and_then(|u| u.to_base)
            .unwrap_or(1.0);
        sum / factor
    };
    // The least values of rounded parts carry half a unit ("6,000" is
    // 5,500.1 at least): a large sum reads as a whole number.
    let shown = if unit_sum.abs() >= 100.0 { unit_sum.round() } else { unit_sum };
    vars.insert("sum", format_number(shown));
    vars.insert("total", c.quantity().map(|q| q.reading()).unwrap_or_default());
    vars.insert("total_source", g.source_name(total).to_string());
    vars.insert("source", g.source_name(parts[0]).to_string());
    vars.insert(
        "kind",
        match by {
            PartBy::Category => "categories",
            PartBy::Holder => "shares",
            PartBy::Place => "places",
            PartBy::Kind => "kinds",
            PartBy::Stated => "parts",
        },
    );
    Outcome { status, claims, vars, diff: None }
}

pub fn run(g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
    // (article of the parts, what narrows them, the measure) → parts and
    // the totals they point at.
    type Set = (PartBy, Vec<usize>, Vec<(usize, usize)>);
    let mut sets: BTreeMap<(usize, u8, String), Set> = BTreeMap::new();
    for (part, total, edge) in g.claim_edges() {
        if let Edge::PartOf(by) = edge {
            let doc = g.claims[part].doc;
            let measure = g.group_of(total).map(|k| g.groups[k].measure.clone()).unwrap_or_default();
            let set = sets.entry((doc, by as u8, measure)).or_insert((by, Vec::new(), Vec::new()));
            set.1.push(part);
            set.2.push((part, total));
        }
    }
    for ((doc, _, _), (by, mut parts, linked)) in sets {
        // "Three of those four": each part against the figure it names.
        if by == PartBy::Stated {
            for &(part, total) in &linked {
                let exceeds = high(g, total).is_some_and(|h| least(g, part) > h * (1.0 + params.tolerance));
                let status = if exceeds { Status::Discrepancy } else { Status::Agreement };
                out.push(outcome(g, &[part], total, (by, least(g, part)), status));
            }
            continue;
        }
        parts.sort();
        parts.dedup();
        // One figure per part: an article that repeats a part's figure
        // says it once; one that gives it different values ("two Turkish
        // pilgrims", "all four Turkish pilgrims") gives no sum to check.
        let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
        let mut torn = false;
        parts.retain(|&p| {
            let Some(k) = g.group_of(p) else { return true };
            match seen.get(&k) {
                Some(&first) => {
                    torn |= base_interval(g.claim(first), g.lexicon) != base_interval(g.claim(p), g.lexicon);
                    false
                }
                None => {
                    seen.insert(k, p);
                    true
                }
            }
        });
        if torn {
            continue;
        }
        if parts.len() < params.min_parts {
            continue;
        }
        let sum: f64 = parts.iter().map(|&p| least(g, p)).sum();
        let over = |t: usize| high(g, t).is_some_and(|h| sum > h * (1.0 + params.tolerance));
        // The parts' own article's total first: an article contradicting
        // itself is the strongest finding. Without one, the most precise
        // figure any source gives for that total at a time the parts share.
        // The totals every part is a part of.
        let of_part = |p: usize| -> Vec<usize> {
            let mut ts: Vec<usize> =
                linked.iter().filter(|l| l.0 == p).flat_map(|&(_, t)| totals_like(g, t, &parts)).collect();
            ts.sort();
            ts.dedup();
            ts
        };
        let mut candidates = of_part(parts[0]);
        for &p in &parts[1..] {
            let ts = of_part(p);
            candidates.retain(|t| ts.binary_search(t).is_ok());
        }
        let own = candidates.iter().copied().find(|&t| g.claims[t].doc == doc && over(t));
        // An article's parts are written against its own total when it
        // gives one; another source's total only when it does not, or when
        // it is the same figure told more precisely: a sum of 424 within an
        // exact 498 says more than within the article's own "nearly 500"
        // (a single part is held only against its own article's total).
        let own_any = {
            let own: Vec<usize> = candidates.iter().copied().filter(|&t| g.claims[t].doc == doc).collect();
            tightest(g, &own, doc)
        };
        let sharper = || {
            if parts.len() < 2 {
                return None;
            }
            let own_total = base_interval(g.claim(own_any?), g.lexicon)?;
            let same: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&t| {
                    // A plan ("about 14,300 jobs" affected next year) is no
                    // sharper telling of the day's total.
                    !over(t)
                        && !g.claims[t].planned()
                        && base_interval(g.claim(t), g.lexicon).is_some_and(|iv| overlap(&iv, &own_total))
                })
                .collect();
            tightest(g, &same, doc)
        };
        let Some(total) = own.or_else(sharper).or(own_any).or_else(|| tightest(g, &candidates, doc)) else {
            continue;
        };
        let exceeds = over(total);
        // Parts far above their total count something else than its parts
        // (a year's arrests against one raid's): no arithmetic to check.
        if high(g, total).is_some_and(|h| sum > h * FAR_ABOVE) {
            continue;
        }
        let single = parts.len() == 1;
        // One part alone is checked only when the text says it is a part
        // ("which includes 7,600 homes", "Of those, 7,600 were ..."), or as
        // an agreement: with another source's total ("three North American
        // plants" of the "five plants" another outlet counts), or as a
        // category of its own article's total ("eight others were being
        // treated for their wounds" of the 934 injured). A place's figure
        // merely narrower than its article's total is no claim about the
        // whole, and a part above a total counts something else. Nor is a
        // part with no least value ("nearly 6,000") any sum at all.
        let said_part = g.claim(parts[0]).referent.part || by == PartBy::Kind;
        if single && ((!said_part && (exceeds || g.claims[total].doc == doc && by != PartBy::Category)) || sum <= 0.0) {
            continue;
        }
        let status = if exceeds { Status::Discrepancy } else { Status::Agreement };
        if status == Status::Discrepancy && g.claims[total].doc != doc && single {
            // One article's part above another's total: two counts of
            // different reach, not an arithmetic error of either.
            continue;
        }
        // Parts that fit another source's total fit each other source's
        // total for it: one finding per source, so that each can be checked
        // (for several parts, when their article gives no total of its own).
        let per_source = single || own_any.is_none();
        let totals: Vec<usize> = if per_source && g.claims[total].doc != doc && !exceeds {
            let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &t in candidates.iter().filter(|&&t| g.claims[t].doc != doc && !over(t)) {
                by_source.entry(g.claims[t].doc).or_default().push(t);
            }
            let mut totals: Vec<usize> = by_source.values().filter_map(|ts| tightest(g, ts, doc)).collect();
            if totals.len() > TOTAL_SOURCES {
                let when = g.time(parts[0]).map(|t| t.first);
                let apart = |t: usize| match (when, g.time(t)) {
                    (Some(a), Some(b)) => (a - b.first).num_days().abs(),
                    _ => i64::MAX,
                };
                totals.sort_by_key(|&t| (apart(t), g.claims[t].doc));
                totals.truncate(TOTAL_SOURCES);
                totals.sort_by_key(|&t| g.claims[t].doc);
            }
            totals
        } else if single && g.claims[total].doc == doc && !exceeds {
            // A part fits each count its own article gives for the total
            // (934 injured, and 887 by another body's count): one finding
            // per count. Figures that can meet ("8,817", "more than 8,800")
            // are one count told twice.
            let mut counts = vec![total];
            for &t in candidates.iter().filter(|&&t| g.claims[t].doc == doc && !over(t)) {
                let reading = base_interval(g.claim(t), g.lexicon);
                let apart = |f: &usize| matches!((&reading, base_interval(g.claim(*f), g.lexicon)), (Some(a), Some(b)) if !overlap(a, &b));
                if counts.iter().all(apart) {
                    counts.push(t);
                }
            }
            counts
        } else {
            vec![total]
        };
        for total in totals {
            out.push(outcome(g, &parts, total, (by, sum), status));
        }
    }
}
