//! Blocking: quantity claims are compared only inside blocks that share a
//! measure, a unit, a scope and a holder ("Oz received ..."); a block is split by category and event
//! (claims of no named event join the event whose time they overlap), and
//! each part is cut into clusters by a sweep over the claims sorted by
//! time, so every pair inside a cluster overlaps in time and no two come
//! from one sentence or one stated change. Each cluster is therefore a set
//! of claims that count the same thing. The cost is n log n in the size of
//! the blocks, never the square of the corpus.

use std::collections::{BTreeMap, HashSet};

use super::{ClaimGraph, same_category};
use crate::claim::{ClaimKind, DateRange};
use crate::lexicon::PlaceId;

type BlockKey<'a> = (&'a str, Option<&'a str>, Vec<PlaceId>, Option<String>);

/// Claims grouped so that every pair in a group satisfies `fits` with the
/// group's first member; each claim joins the first group that takes it.
fn group_by<F: Fn(usize, usize) -> bool>(claims: Vec<usize>, fits: F) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in claims {
        match groups.iter_mut().find(|group| fits(group[0], i)) {
            Some(group) => group.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

/// A cluster being built, with what makes membership checks constant-time.
#[derive(Default)]
struct Clique {
    members: Vec<usize>,
    /// (document, sentence) of each member: two claims of one sentence never meet.
    sentences: HashSet<(usize, usize)>,
    set: HashSet<usize>,
    /// The later values of changes whose earlier values are members.
    change_targets: HashSet<usize>,
}

impl Clique {
    fn takes(&self, g: &ClaimGraph, i: usize) -> bool {
        let at = g.claims[i];
        if self.sentences.contains(&(at.doc, at.claim.sentence)) {
            return false;
        }
        let partner = changes_to(g, i);
        !partner.is_some_and(|p| self.set.contains(&p)) && !self.change_targets.contains(&i)
    }

    fn push(&mut self, g: &ClaimGraph, i: usize) {
        self.members.push(i);
        self.sentences.insert((g.claims[i].doc, g.claim(i).sentence));
        self.set.insert(i);
        self.change_targets.extend(changes_to(g, i));
    }
}

/// The later value of a change whose earlier value is claim `i`.
fn changes_to(g: &ClaimGraph, i: usize) -> Option<usize> {
    g.claim(i).quantity.as_ref().and_then(|q| q.change).map(|ch| g.global(g.claims[i].doc, ch.to))
}

/// Cuts claims into clusters whose times all overlap: a sweep over the
/// claims sorted by start, closing a cluster when a claim starts after the
/// earliest end in it. Claims with no time join the largest cluster.
fn time_cliques(g: &ClaimGraph, claims: Vec<usize>) -> Vec<Vec<usize>> {
    let (mut timed, untimed): (Vec<usize>, Vec<usize>) = claims.into_iter().partition(|&i| g.times[i].is_some());
    timed.sort_by_key(|&i| g.times[i].map(|t| (t.first, t.last)));
    let mut cliques: Vec<Clique> = Vec::new();
    let mut earliest_end: Option<chrono::NaiveDate> = None;
    for i in timed {
        let t: DateRange = g.times[i].expect("timed");
        match (cliques.last_mut(), earliest_end) {
            (Some(clique), Some(end)) if t.first <= end && clique.takes(g, i) => {
                clique.push(g, i);
                earliest_end = Some(end.min(t.last));
            }
            _ => {
                let mut clique = Clique::default();
                clique.push(g, i);
                cliques.push(clique);
                earliest_end = Some(t.last);
            }
        }
    }
    for i in untimed {
        match cliques.iter_mut().filter(|c| c.takes(g, i)).max_by_key(|c| c.members.len()) {
            Some(clique) => clique.push(g, i),
            None => {
                let mut clique = Clique::default();
                clique.push(g, i);
                cliques.push(clique);
            }
        }
    }
    cliques.into_iter().map(|c| c.members).collect()
}

/// The days every claim of a group shares, if any.
fn common_time(g: &ClaimGraph, group: &[usize]) -> Option<Option<DateRange>> {
    let mut common: Option<DateRange> = None;
    for &i in group {
        if let Some(t) = g.times[i] {
            common = Some(match common {
                None => t,
                Some(c) if c.overlaps(&t) => DateRange::range(c.first.max(t.first), c.last.min(t.last)),
                Some(_) => return None,
            });
        }
    }
    Some(common)
}

/// Clusters of comparable quantity claims: every pair inside a cluster is
/// comparable.
pub fn comparable_clusters(g: &ClaimGraph) -> Vec<Vec<usize>> {
    let mut blocks: BTreeMap<BlockKey, Vec<usize>> = BTreeMap::new();
    for i in g.of_kind(ClaimKind::Quantity) {
        let c = g.claim(i);
        let (Some(measure), Some(q)) = (c.context.measure.as_deref(), &c.quantity) else { continue };
        if q.individual || (c.context.measure_from_unit && c.context.agent.is_none()) {
            continue;
        }
        let agent = c.context.agent.as_ref().map(|a| a.to_lowercase());
        blocks.entry((measure, q.unit.as_deref(), c.context.scope.clone(), agent)).or_default().push(i);
    }
    let mut clusters = Vec::new();
    for members in blocks.into_values() {
        let by_category = group_by(members, |a, b| {
            same_category(g.claim(a).context.category.as_deref(), g.claim(b).context.category.as_deref())
        });
        for category in by_category {
            // Claims of a named event group by event; claims of none join the
            // event whose time they overlap.
            let (named, open): (Vec<usize>, Vec<usize>) = category.into_iter().partition(|&i| g.events[i].is_some());
            // One event however it is written: by key and phase, not by name
            // ("Operation Safe City" and the "Safe City" operation).
            let same_event = |a: usize, b: usize| match (&g.events[a], &g.events[b]) {
                (Some(x), Some(y)) => x.key == y.key && x.phase == y.phase,
                _ => false,
            };
            let mut by_event = group_by(named, same_event);
            let mut loose = Vec::new();
            let commons: Vec<Option<Option<DateRange>>> = by_event.iter().map(|group| common_time(g, group)).collect();
            for i in open {
                let fits = |k: usize| match (commons[k], g.times[i]) {
                    (None, _) => false,
                    (Some(Some(c)), Some(t)) => c.overlaps(&t),
                    (Some(_), _) => true,
                };
                match (0..by_event.len()).find(|&k| fits(k)) {
                    Some(k) => by_event[k].push(i),
                    None => loose.push(i),
                }
            }
            by_event.push(loose);
            for group in by_event {
                for clique in time_cliques(g, group) {
                    if clique.len() > 1 {
                        let mut clique = clique;
                        clique.sort();
                        clusters.push(clique);
                    }
                }
            }
        }
    }
    clusters.sort();
    clusters
}
