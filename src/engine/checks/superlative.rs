//! superlative: "more arrests than any other city" against per-place
//! numbers. The numbers come from the one source that gives the most places
//! (and the subject among them), so that all are on the same footing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Outcome, sources};
use crate::claim::{ClaimKind, format_number};
use crate::engine::Status;
use crate::graph::ClaimGraph;
use crate::lexicon::PlaceId;

fn related(g: &ClaimGraph, a: usize, b: usize) -> bool {
    g.related(a, b)
}

pub fn run(g: &ClaimGraph) -> Vec<Outcome> {
    let gaz = &g.lexicon.gazetteer;
    let sups: Vec<usize> = g
        .of_kind(ClaimKind::Superlative)
        .filter(|&i| {
            let c = g.claim(i);
            c.superlative.as_ref().is_some_and(|s| !s.record && s.subject.is_some()) && c.referent.measure.is_some()
        })
        .collect();
    // Superlatives about the same subject, measure and event form one cluster.
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for &s in &sups {
        let subject = g.claim(s).superlative.as_ref().and_then(|x| x.subject);
        let slot = clusters.iter_mut().find(|c| {
            let first = g.claim(c[0]);
            first.superlative.as_ref().and_then(|x| x.subject) == subject
                && first.referent.measure.value == g.claim(s).referent.measure.value
                && c.iter().all(|&o| related(g, o, s))
        });
        match slot {
            Some(c) => c.push(s),
            None => clusters.push(vec![s]),
        }
    }
    // Counts that can stand for one place: indexed by measure and place, and
    // by document and measure, so each cluster looks only at the documents
    // that count its subject.
    let mut by_place: HashMap<(&str, PlaceId), Vec<usize>> = HashMap::new();
    let mut by_doc: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    for i in g.of_kind(ClaimKind::Quantity) {
        let c = g.claim(i);
        let scope = c.referent.scope.get().map(Vec::as_slice).unwrap_or_default();
        let eligible = c.referent.category.value.is_none()
            && scope.len() == 1
            && c.quantity.as_ref().is_some_and(|q| !q.individual && q.value.is_some() && q.unit.is_none());
        if let (true, Some(measure)) = (eligible, c.referent.measure.get().map(String::as_str)) {
            by_place.entry((measure, scope[0])).or_default().push(i);
            by_doc.entry((g.claims[i].doc, measure)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for cluster in clusters {
        let lead = g.claim(cluster[0]);
        let subject = lead.superlative.as_ref().and_then(|x| x.subject).expect("filtered on subject");
        let measure = lead.referent.measure.get().map(String::as_str).expect("filtered on measure");
        let mut docs: Vec<usize> = by_place
            .get(&(measure, subject))
            .map(|v| v.iter().filter(|&&i| related(g, cluster[0], i)).map(|&i| g.claims[i].doc).collect())
            .unwrap_or_default();
        docs.dedup();
        let mut best: Option<(usize, BTreeMap<PlaceId, usize>)> = None;
        for doc in docs {
            let mut places: BTreeMap<PlaceId, usize> = BTreeMap::new();
            for &i in by_doc.get(&(doc, measure)).map_or(&[][..], Vec::as_slice) {
                let Some(place) = g.claim(i).referent.scope.get().and_then(|s| s.first().copied()) else { continue };
                // A total that contains the subject (or a part inside it) is no rival.
                let nested = place != subject && (gaz.within(subject, place) || gaz.within(place, subject));
                if !nested && related(g, cluster[0], i) {
                    places.entry(place).or_insert(i);
                }
            }
            if places.len() >= 2
                && places.contains_key(&subject)
                && best.as_ref().is_none_or(|(_, b)| places.len() > b.len())
            {
                best = Some((doc, places));
            }
        }
        let Some((_, places)) = best else { continue };
        let places = &places;
        let subject_claim = places[&subject];
        let subject_q = g.claim(subject_claim).quantity.as_ref().expect("a quantity");
        let rivals: Vec<usize> = places.iter().filter(|(p, _)| **p != subject).map(|(_, &i)| i).collect();
        let top = rivals
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let v =
                    |i: usize| g.claim(i).quantity.as_ref().map_or(0.0, |q| q.interval.high.unwrap_or(f64::INFINITY));
                v(a).partial_cmp(&v(b)).unwrap_or(std::cmp::Ordering::Equal)
            })
            .expect("two places or more");
        let top_q = g.claim(top).quantity.as_ref().expect("a quantity");
        let beaten = top_q.interval.least() > subject_q.interval.high.unwrap_or(f64::INFINITY)
            || (top_q.interval.least() >= subject_q.interval.high.unwrap_or(f64::INFINITY)
                && top_q.interval.is_point());
        let clear = subject_q.interval.least() > top_q.interval.high.unwrap_or(f64::INFINITY);
        if !beaten && !clear {
            continue;
        }
        let mut vars = BTreeMap::new();
        vars.insert("subject", gaz.place(subject).name.clone());
        vars.insert("measure", lead.referent.measure.get().cloned().unwrap_or_default());
        vars.insert("subject_value", subject_q.value.map(format_number).unwrap_or_default());
        let rival = g.claim(top).referent.scope.get().and_then(|s| s.first().copied());
        vars.insert("rival", rival.map(|p| gaz.place(p).name.clone()).unwrap_or_default());
        vars.insert("rival_value", top_q.value.map(format_number).unwrap_or_default());
        vars.insert("source", g.source_name(subject_claim).to_string());
        let mut claims: BTreeSet<usize> = cluster.iter().copied().collect();
        claims.extend(places.values().copied());
        let claims: Vec<usize> = claims.into_iter().collect();
        vars.insert("sources", sources(g, &claims));
        let status = if clear { Status::Agreement } else { Status::Discrepancy };
        out.push(Outcome { status, claims, vars, diff: None });
    }
    out
}
