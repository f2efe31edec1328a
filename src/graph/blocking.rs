//! Blocking: quantity claims are compared only inside blocks that share a
//! measure, a unit and a scope, and inside a block only with claims whose
//! times overlap (a sweep over claims sorted by time), so the cost grows
//! with the size of the blocks, not the square of the corpus.

use std::collections::HashMap;

use super::{ClaimGraph, same_category};
use crate::claim::ClaimKind;
use crate::lexicon::PlaceId;

type BlockKey<'a> = (&'a str, Option<&'a str>, Vec<PlaceId>);

/// Whether two quantity claims count the same thing: same measure, unit,
/// category and scope, overlapping times, the same event, different
/// sentences, and neither an individual nor the other end of a change.
pub fn comparable(g: &ClaimGraph, a: usize, b: usize) -> bool {
    let (ca, cb) = (g.claim(a), g.claim(b));
    let (Some(qa), Some(qb)) = (&ca.quantity, &cb.quantity) else { return false };
    let (x, y) = (&ca.context, &cb.context);
    let same_sentence = g.claims[a].doc == g.claims[b].doc && ca.sentence == cb.sentence;
    let changes = |p: usize, q: usize| {
        g.claim(p).quantity.as_ref().and_then(|qq| qq.change).is_some_and(|ch| g.global(g.claims[p].doc, ch.to) == q)
    };
    x.measure.is_some()
        && x.measure == y.measure
        && qa.unit == qb.unit
        && !x.scope.is_empty()
        && x.scope == y.scope
        && same_category(x.category.as_deref(), y.category.as_deref())
        && !qa.individual
        && !qb.individual
        && !same_sentence
        && !changes(a, b)
        && !changes(b, a)
        && g.events_agree(a, b)
        && g.times_overlap(a, b)
}

/// Clusters of comparable quantity claims: every pair inside a cluster is
/// comparable. Claims are grouped in blocks, linked by a time sweep inside
/// each block, and each linked group is split where a pair is not comparable.
pub fn comparable_clusters(g: &ClaimGraph) -> Vec<Vec<usize>> {
    let mut blocks: HashMap<BlockKey, Vec<usize>> = HashMap::new();
    for i in g.of_kind(ClaimKind::Quantity) {
        let c = g.claim(i);
        let (Some(measure), Some(q)) = (c.context.measure.as_deref(), &c.quantity) else { continue };
        if c.context.scope.is_empty() || q.individual {
            continue;
        }
        blocks.entry((measure, q.unit.as_deref(), c.context.scope.clone())).or_default().push(i);
    }
    let mut keys: Vec<&BlockKey> = blocks.keys().collect();
    keys.sort();
    let mut clusters = Vec::new();
    for key in keys {
        let members = &blocks[key];
        let mut parent: Vec<usize> = (0..members.len()).collect();
        fn find(parent: &mut [usize], x: usize) -> usize {
            let mut r = x;
            while parent[r] != r {
                r = parent[r];
            }
            let mut y = x;
            while parent[y] != r {
                let next = parent[y];
                parent[y] = r;
                y = next;
            }
            r
        }
        // Timed claims sorted by start; a sweep pairs each with those starting before it ends.
        let mut timed: Vec<usize> = (0..members.len()).filter(|&k| g.times[members[k]].is_some()).collect();
        timed.sort_by_key(|&k| g.times[members[k]].map(|t| (t.first, t.last)));
        let untimed: Vec<usize> = (0..members.len()).filter(|&k| g.times[members[k]].is_none()).collect();
        let mut pairs = Vec::new();
        for (n, &k) in timed.iter().enumerate() {
            let end = g.times[members[k]].map(|t| t.last);
            for &l in &timed[n + 1..] {
                if g.times[members[l]].map(|t| t.first) > end {
                    break;
                }
                pairs.push((k, l));
            }
        }
        for (n, &k) in untimed.iter().enumerate() {
            for &l in timed.iter().chain(&untimed[n + 1..]) {
                pairs.push((k, l));
            }
        }
        for (k, l) in pairs {
            if comparable(g, members[k], members[l]) {
                let (rk, rl) = (find(&mut parent, k), find(&mut parent, l));
                parent[rk.max(rl)] = rk.min(rl);
            }
        }
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, &member) in members.iter().enumerate() {
            let r = find(&mut parent, k);
            groups.entry(r).or_default().push(member);
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        for group in groups {
            clusters.extend(split(g, group));
        }
    }
    clusters.sort();
    clusters
}

/// Splits a linked group into clusters whose every pair is comparable,
/// each claim joining the first cluster it fits.
fn split(g: &ClaimGraph, group: Vec<usize>) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in group {
        match out.iter_mut().find(|c| c.iter().all(|&j| comparable(g, i, j))) {
            Some(c) => c.push(i),
            None => out.push(vec![i]),
        }
    }
    out.into_iter().filter(|c| c.len() > 1).collect()
}
