//! superlative: "more arrests than any other city" against per-place
//! numbers. The numbers come from the one source that gives the most places
//! (and the subject among them), so that all are on the same footing.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use super::{Outcome, Outcomes, Vars, sources};
use crate::claim::{ClaimKind, DateRange, Ustr, format_number};
use crate::engine::Status;
use crate::graph::{ClaimGraph, EventClass, Occasion};
use crate::lexicon::PlaceId;

/// How many documents counting a superlative's subject it is weighed
/// against, of the dated (the nearest in time first) and of the undated.
const RIVAL_SOURCES: usize = 64;

/// Things with a time (clusters, counts), by the first day of their time,
/// and those with none: those a time can overlap are found by a range over
/// the first days, not by trying them all. Times are kept apart by how long
/// they are (a day, a month, a year, longer), and each class's range reaches
/// back only as far as its own longest time: one year-long count does not
/// make every day-long query read a year of day-long counts.
#[derive(Default)]
struct ByFirstDay {
    undated: Vec<usize>,
    dated: [SpanClass; SPAN_CLASSES.len() + 1],
}

/// The longest time, in days, of each class but the last.
const SPAN_CLASSES: [i64; 3] = [1, 31, 366];

/// The dated things of one class, by first day.
#[derive(Default)]
struct SpanClass {
    by_first: BTreeMap<chrono::NaiveDate, Vec<usize>>,
    /// The most days any time of the class has spanned.
    longest: i64,
}

impl ByFirstDay {
    fn class(&mut self, t: DateRange) -> &mut SpanClass {
        let days = t.days();
        &mut self.dated[SPAN_CLASSES.iter().position(|&most| days <= most).unwrap_or(SPAN_CLASSES.len())]
    }

    fn add(&mut self, k: usize, time: Option<DateRange>) {
        match time {
            Some(t) => {
                let class = self.class(t);
                class.longest = class.longest.max(t.days());
                class.by_first.entry(t.first).or_default().push(k);
            }
            None => self.undated.push(k),
        }
    }

    fn remove(&mut self, k: usize, time: Option<DateRange>) {
        let held = match time {
            Some(t) => self.class(t).by_first.get_mut(&t.first),
            None => Some(&mut self.undated),
        };
        if let Some(held) = held {
            held.retain(|&o| o != k);
        }
    }

    /// The dated things whose time can overlap `time` (all of them when it
    /// is `None`), the latest first day first, and of one day the last
    /// added first.
    fn dated_near(&self, time: Option<DateRange>) -> impl Iterator<Item = usize> + '_ {
        let mut classes: Vec<_> = self
            .dated
            .iter()
            .map(|class| {
                let (from, to) = match time {
                    Some(t) => (t.first - chrono::Duration::days(class.longest), t.last),
                    None => (chrono::NaiveDate::MIN, chrono::NaiveDate::MAX),
                };
                class
                    .by_first
                    .range(from..=to)
                    .rev()
                    .flat_map(|(&day, ks)| ks.iter().rev().map(move |&k| (day, k)))
                    .peekable()
            })
            .collect();
        // The classes' ranges merged, latest first.
        std::iter::from_fn(move || {
            let next =
                classes.iter_mut().filter_map(|c| c.peek().copied().map(|key| (key, c))).max_by_key(|(key, _)| *key);
            next.and_then(|(_, class)| class.next()).map(|(_, k)| k)
        })
    }

    /// The clusters a superlative of `time` may join, in the order they
    /// were begun: the undated ones and those whose span can overlap `time`.
    fn candidates(&self, time: Option<DateRange>) -> Vec<usize> {
        let mut out: Vec<usize> = self.undated.iter().copied().chain(self.dated_near(time)).collect();
        out.sort_unstable();
        out
    }

    /// The documents of the counts (of `counts`) related to the occasion
    /// `lead`: at most `RIVAL_SOURCES` dated ones, the nearest in time, and
    /// as many undated ones.
    fn rival_docs(&self, counts: &[Count], lead: &Occasion) -> Vec<usize> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut pick = |near: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
            // A document already taken is passed over before its count is weighed.
            near.map(|k| &counts[k])
                .filter_map(|count| {
                    let fresh = !seen.contains(&count.doc) && lead.related(&count.occasion);
                    fresh.then(|| {
                        seen.insert(count.doc);
                        count.doc
                    })
                })
                .take(RIVAL_SOURCES)
                .collect()
        };
        let mut docs = pick(&mut self.dated_near(lead.time));
        docs.extend(pick(&mut self.undated.iter().copied()));
        // In corpus order, so that of two sources giving as many places the first is taken.
        docs.sort();
        docs
    }
}

/// A count that can stand for one place, with what the rule weighs it by
/// read off the claim once: a count is weighed for many superlatives.
struct Count<'a> {
    claim: usize,
    doc: usize,
    place: PlaceId,
    occasion: Occasion<'a>,
}

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    let gaz = &g.lexicon.gazetteer;
    let sups: Vec<usize> = g
        .of_kind(ClaimKind::Superlative)
        .filter(|&i| {
            let c = g.claim(i);
            c.superlative().is_some_and(|s| !s.record && s.subject.is_some()) && c.referent.measure.is_some()
        })
        .collect();
    // Superlatives about the same subject, measure and event form one
    // cluster, its members all related. On a line, times that overlap
    // pairwise share a span: a cluster keeps that span and its members'
    // event classes, so a superlative is weighed against a few facts of
    // each cluster of its subject, not against every member.
    struct Cluster {
        members: Vec<usize>,
        time: Option<DateRange>,
        events: Vec<EventClass>,
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_subject: HashMap<(Option<PlaceId>, Option<&str>), ByFirstDay> = HashMap::default();
    for &s in &sups {
        let c = g.claim(s);
        let key = (c.superlative().and_then(|x| x.subject), c.referent.measure.get().map(Ustr::as_str));
        let time = g.time(s);
        let event = g.event_class(s);
        let slots = by_subject.entry(key).or_default();
        let fits = |k: &Cluster| {
            let times = match (k.time, time) {
                (Some(a), Some(b)) => a.overlaps(&b),
                _ => true,
            };
            times && k.events.iter().all(|e| e.fits(&event))
        };
        match slots.candidates(time).into_iter().find(|&k| fits(&clusters[k])) {
            Some(k) => {
                let cluster = &mut clusters[k];
                cluster.members.push(s);
                let joined = match (cluster.time, time) {
                    (Some(a), Some(b)) => Some(a.intersection(&b)),
                    (a, b) => a.or(b),
                };
                if joined != cluster.time {
                    slots.remove(k, cluster.time);
                    slots.add(k, joined);
                    cluster.time = joined;
                }
                if !cluster.events.contains(&event) {
                    cluster.events.push(event);
                }
            }
            None => {
                slots.add(clusters.len(), time);
                clusters.push(Cluster { members: vec![s], time, events: vec![event] });
            }
        }
    }
    let clusters: Vec<Vec<usize>> = clusters.into_iter().map(|k| k.members).collect();
    // Counts that can stand for one place: indexed by measure and place, and
    // by document and measure, so each cluster looks only at the documents
    // that count its subject.
    let mut counts: Vec<Count> = Vec::new();
    let mut by_place: HashMap<(&str, PlaceId), ByFirstDay> = HashMap::default();
    let mut by_doc: HashMap<(usize, &str), Vec<usize>> = HashMap::default();
    for i in g.of_kind(ClaimKind::Quantity) {
        let c = g.claim(i);
        let scope = c.referent.scope.get().map(AsRef::as_ref).unwrap_or_default();
        let eligible = c.referent.category.value.is_none()
            && scope.len() == 1
            && c.quantity().is_some_and(|q| !q.individual && q.value.is_some() && q.unit.is_none());
        if let (true, Some(measure)) = (eligible, c.referent.measure.get().map(Ustr::as_str)) {
            let count = Count { claim: i, doc: g.claims[i].doc, place: scope[0], occasion: g.occasion(i) };
            by_place.entry((measure, count.place)).or_default().add(counts.len(), count.occasion.time);
            by_doc.entry((count.doc, measure)).or_default().push(counts.len());
            counts.push(count);
        }
    }
    // How many places each document counts of a measure: no more of them
    // can be related to a superlative, so a document that counts no more
    // places than the best found so far need not be weighed.
    let places_counted: HashMap<(usize, &str), usize> = by_doc
        .iter()
        .map(|(&key, ks)| {
            let mut places: Vec<PlaceId> = ks.iter().map(|&k| counts[k].place).collect();
            places.sort_unstable();
            places.dedup();
            (key, places.len())
        })
        .collect();
    for cluster in clusters {
        let lead = g.claim(cluster[0]);
        let occasion = g.occasion(cluster[0]);
        let subject = lead.superlative().and_then(|x| x.subject).expect("filtered on subject");
        let measure = lead.referent.measure.get().map(Ustr::as_str).expect("filtered on measure");
        let docs =
            by_place.get(&(measure, subject)).map(|near| near.rival_docs(&counts, &occasion)).unwrap_or_default();
        let mut best: Option<(usize, BTreeMap<PlaceId, usize>)> = None;
        for doc in docs {
            let most = places_counted.get(&(doc, measure)).copied().unwrap_or(0);
            if most < 2 || best.as_ref().is_some_and(|(_, b)| most <= b.len()) {
                continue;
            }
            let mut places: BTreeMap<PlaceId, usize> = BTreeMap::new();
            for count in by_doc.get(&(doc, measure)).map_or(&[][..], Vec::as_slice).iter().map(|&k| &counts[k]) {
                // A place's first related count stands for it: its others need not be weighed.
                if places.contains_key(&count.place) {
                    continue;
                }
                // A total that contains the subject (or a part inside it) is no rival.
                let place = count.place;
                let nested = place != subject && (gaz.within(subject, place) || gaz.within(place, subject));
                if !nested && occasion.related(&count.occasion) {
                    places.insert(place, count.claim);
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
        let subject_q = g.claim(subject_claim).quantity().expect("a quantity");
        let rivals: Vec<usize> = places.iter().filter(|(p, _)| **p != subject).map(|(_, &i)| i).collect();
        let top = rivals
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let v = |i: usize| g.claim(i).quantity().map_or(0.0, |q| q.interval.high.unwrap_or(f64::INFINITY));
                v(a).partial_cmp(&v(b)).unwrap_or(std::cmp::Ordering::Equal)
            })
            .expect("two places or more");
        let top_q = g.claim(top).quantity().expect("a quantity");
        let beaten = top_q.interval.least() > subject_q.interval.high.unwrap_or(f64::INFINITY)
            || (top_q.interval.least() >= subject_q.interval.high.unwrap_or(f64::INFINITY)
                && top_q.interval.is_point());
        let clear = subject_q.interval.least() > top_q.interval.high.unwrap_or(f64::INFINITY);
        if !beaten && !clear {
            continue;
        }
        let mut vars = Vars::new();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Precision;

    fn days(first: (u32, u32), last: (u32, u32)) -> Option<DateRange> {
        let day = |(m, d): (u32, u32)| chrono::NaiveDate::from_ymd_opt(2018, m, d).unwrap();
        Some(DateRange { first: day(first), last: day(last), precision: Precision::Range })
    }

    #[test]
    fn a_superlative_is_weighed_against_the_clusters_its_time_can_overlap() {
        // Short spans: only those starting near a time are tried.
        let mut slots = ByFirstDay::default();
        slots.add(0, None);
        slots.add(1, days((3, 1), (3, 3)));
        slots.add(2, days((6, 5), (6, 5)));
        assert_eq!(slots.candidates(days((3, 2), (3, 2))), [0, 1]);
        assert_eq!(slots.candidates(days((6, 5), (6, 5))), [0, 2]);
        assert_eq!(slots.candidates(None), [0, 1, 2]);
        // A cluster whose shared span narrows is found by its new span.
        slots.remove(1, days((3, 1), (3, 3)));
        slots.add(1, days((3, 3), (3, 3)));
        assert_eq!(slots.candidates(days((3, 3), (3, 4))), [0, 1]);
        assert_eq!(slots.candidates(days((3, 1), (3, 1))), [0]);
        // A year-long span reaches a time months after its first day.
        slots.add(3, days((1, 1), (12, 31)));
        assert!(slots.candidates(days((6, 5), (6, 5))).ends_with(&[2, 3]));
    }

    #[test]
    fn counts_near_a_time_come_latest_first_and_a_long_one_widens_only_its_class() {
        let mut counts = ByFirstDay::default();
        counts.add(0, days((1, 1), (12, 31)));
        counts.add(1, days((3, 2), (3, 2)));
        counts.add(2, days((3, 1), (3, 31)));
        counts.add(3, days((2, 27), (2, 27)));
        counts.add(4, days((3, 2), (3, 2)));
        // The day-long count of 27 February is not read for 2 March, though
        // a year-long count begins before it; of one day the last added first.
        assert_eq!(counts.dated_near(days((3, 2), (3, 2))).collect::<Vec<_>>(), [4, 1, 2, 0]);
        assert_eq!(counts.dated_near(None).collect::<Vec<_>>(), [4, 1, 2, 3, 0]);
    }
}
