//! Referent groups: which quantity claims are figures for the same fact.
//!
//! Two figures are the same fact when their referents match on every field
//! either states: the measure (in one dimension, compared after unit
//! conversion), whether it is a level or a change, the category, the
//! holder, the event, what happened to the counted thing and the place. A
//! claim that leaves a field open joins the one group that fits it; when
//! several fit, its referent is too vague to say which, and it is left out
//! rather than guessed. When one article gives two different values for what
//! looks like one referent at one time, that referent is incomplete in
//! that article: its figures are left out too, never used to accuse
//! another source.
//!
//! Inside a group, figures are cut by time into slices whose times overlap
//! (the same fact at the same time) and ordered: a running count reported
//! on different days (a toll, a count of missing) is one fact at several
//! as-of times, each slice a later report of the one before.
//!
//! Cost: claims are grouped by hashed keys and sorted by time; no step
//! compares all pairs of a block.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Duration;
use rustc_hash::FxHashMap as HashMap;

use super::ClaimAt;
use super::categories::{category_keys, same_category};
use crate::claim::{Aspect, Claim, ClaimKind, DateRange, EventRef, Interval, Source, TimeKind, Ustr};
use crate::lexicon::{Lexicon, PlaceId};

/// How far apart two reports of a running count may be and still be linked
/// as one moving figure.
pub const UPDATE_HORIZON_DAYS: i64 = 60;

/// How many claims are profiled side by side before their profiles join
/// their blocks: enough to keep the cores busy, few enough that profiles
/// waiting to be placed take little room.
const PROFILED_TOGETHER: usize = 16_384;

/// Why a quantity claim is in no group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unlinked {
    /// No measure was read, or only a unit with no holder ("$235.61").
    NoReferent,
    /// "One immigrant arrested": an individual, not a figure to compare.
    Individual,
    /// Several groups fit the fields it leaves open.
    Ambiguous,
    /// A personal measure (a time, a place, an age) with no holder named,
    /// whose value meets the figures of no one holder, or of several.
    NoHolder,
    /// A personal measure with no holder named ("2:01:39" in a headline)
    /// whose value meets the figures of one holder only: it joins that
    /// holder's group, in the slice of its time.
    HolderInferred,
    /// Its article gives another value for the same referent at the same
    /// time: it joins its group's agreements, never a conflict.
    Incomplete,
    /// A part of a figure its text names ("three of those four", "Of those
    /// 13, ten ..."): held against that figure (a `part_of` edge); in its
    /// group it joins agreements, never a conflict.
    StatedPart,
    /// Some of a whole its text does not number ("two of his designated
    /// pacemakers"): it joins its group's agreements, never a conflict.
    Partitive,
    /// Counted away from a place ("two facilities outside North America"):
    /// no figure of the place, nor of the whole.
    Elsewhere,
    /// The span of a ranking ("in 25 years" of "the worst disaster in 25
    /// years"), compared with the ranking (`ranking-restated`).
    RankingSpan,
    /// What someone expected ("economists predicted 1.4 million jobs"): no
    /// report of what happened, so neither agrees nor conflicts with one.
    Forecast,
}

/// What an event field says about a claim, for comparing claims of
/// different articles: a distinctively named event is compared by name;
/// the story's own happening meets the story's happening in any article
/// (outlets name it differently: "Haj stampede", "Mina stampede"); another
/// happening named in the sentence ("the 1933 Griffith Fire") meets only
/// itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum EventClass {
    #[default]
    Unknown,
    Story,
    Named(Ustr),
    Other(Ustr),
}

impl EventClass {
    fn of(at: &ClaimAt, main: Option<&EventRef>) -> EventClass {
        match EventView::of(at, main) {
            EventView::Unknown => EventClass::Unknown,
            EventView::Story => EventClass::Story,
            EventView::Named(e) => EventClass::Named(phased_key(e)),
            EventView::Other(e) => EventClass::Other(phased_key(e)),
        }
    }

    pub fn fits(&self, other: &EventClass) -> bool {
        match (self, other) {
            (EventClass::Unknown, _) | (_, EventClass::Unknown) => true,
            (EventClass::Story, EventClass::Named(_)) | (EventClass::Named(_), EventClass::Story) => true,
            (a, b) => a == b,
        }
    }
}

/// An event's key with its phase ("safe city phase 2"), interned.
fn phased_key(e: &EventRef) -> Ustr {
    match e.phase {
        Some(p) => Ustr::from(&format!("{} phase {p}", e.key)),
        None => Ustr::from(&e.key),
    }
}

/// A claim's `EventClass` read off its event, its key not yet written out
/// and interned: the rules ask millions of times whether two claims'
/// events fit, and this tells it without making a string.
#[derive(Clone, Copy)]
enum EventView<'a> {
    Unknown,
    Story,
    Named(&'a EventRef),
    Other(&'a EventRef),
}

impl<'a> EventView<'a> {
    fn of(at: &ClaimAt<'a>, main: Option<&EventRef>) -> EventView<'a> {
        let Some(e) = at.claim.referent.event.get() else { return EventView::Unknown };
        if e.distinctive {
            EventView::Named(e)
        } else if main.is_some_and(|m| m.key == e.key) {
            EventView::Story
        } else {
            EventView::Other(e)
        }
    }

    /// `EventClass::fits` of the two classes.
    fn fits(self, other: EventView) -> bool {
        match (self, other) {
            (EventView::Unknown, _) | (_, EventView::Unknown) => true,
            (EventView::Story, EventView::Story | EventView::Named(_)) | (EventView::Named(_), EventView::Story) => {
                true
            }
            (EventView::Named(a), EventView::Named(b)) | (EventView::Other(a), EventView::Other(b)) => {
                // Keys of one phase are the same keyed alike; of two (rare),
                // as written out, as `EventClass` holds them.
                if a.phase == b.phase { a.key == b.key } else { phased_key(a) == phased_key(b) }
            }
            _ => false,
        }
    }
}

/// A claim's event class, given its document's main event.
pub fn event_class(at: &ClaimAt, main: Option<&EventRef>) -> EventClass {
    EventClass::of(at, main)
}

/// When a claim is and of what happening, read once off the claim: its
/// time and its event's class. A rule that weighs one claim against many
/// keeps these beside its indexes, so that each weighing need not reach the
/// claims again, which lie far apart in memory.
#[derive(Clone, Copy)]
pub struct Occasion<'a> {
    pub time: Option<DateRange>,
    event: EventView<'a>,
}

impl<'a> Occasion<'a> {
    /// A claim's occasion, given its document's main event.
    pub fn of(at: &ClaimAt<'a>, main: Option<&EventRef>) -> Occasion<'a> {
        Occasion { time: at.claim.referent.time.get().copied(), event: EventView::of(at, main) }
    }

    /// Whether the two can be of one happening at one time: their events
    /// fit and their times overlap, when both have one.
    pub fn related(&self, other: &Occasion) -> bool {
        let times = match (self.time, other.time) {
            (Some(x), Some(y)) => x.overlaps(&y),
            _ => true,
        };
        times && self.events_fit(other)
    }

    /// Whether their events fit (`EventClass::fits`).
    pub fn events_fit(&self, other: &Occasion) -> bool {
        self.event.fits(other.event)
    }
}

/// The fields a claim fixes its group by, and the open ones it may leave.
#[derive(Debug, Clone)]
struct Profile {
    /// A person's figure (a time, a place, an age): it needs a holder.
    personal: bool,
    /// Measure, dimension and aspect: figures of different blocks are never the same fact.
    block: (Ustr, Ustr, Aspect),
    category: Option<Ustr>,
    holder: Option<Ustr>,
    event: EventClass,
    predicate: Option<Ustr>,
    /// Places written with the figure, sorted.
    place: Option<Vec<PlaceId>>,
    /// A place named elsewhere in the figure's sentence: a hint, not a field.
    place_hint: Option<Vec<PlaceId>>,
    /// The hint only names who spoke or acted.
    weak: bool,
    /// The country the figure's article is about.
    home: Option<PlaceId>,
}

/// A group of claims that are figures for one fact, cut into time slices.
#[derive(Debug, Clone, Default)]
pub struct ReferentGroup {
    /// Global claim indices, by time.
    pub claims: Vec<usize>,
    /// Slices in time order: each a set of claims whose times overlap.
    pub slices: Vec<Slice>,
    /// The key fields every member shares, for messages and the graph export.
    pub measure: String,
    /// The dimension its values are in: a count, a convertible unit's
    /// dimension ("length"), or another unit's name.
    pub dimension: Ustr,
    pub category: Option<String>,
    pub holder: Option<String>,
    pub place: Option<Vec<PlaceId>>,
    pub predicate: Option<String>,
    pub event: EventClass,
    pub aspect: Aspect,
    /// Whether the measure adds up (counts and money), so that parts of it
    /// can be held against a total.
    pub additive: bool,
    /// Figures of an article that gives another value for this fact at the
    /// same time: another source's matching figure agrees with them, but
    /// they are never held against a figure (see `Unlinked::Incomplete`).
    pub unsure: Vec<usize>,
    /// Its figures dated after their article was published: plans ("stop
    /// production at five plants next year"), in time order.
    pub plans: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Slice {
    pub claims: Vec<usize>,
    /// The days the slice's times share; `None` for undated claims.
    pub time: Option<DateRange>,
    /// Every member's time is when a running count stood.
    pub as_of: bool,
}

/// A claim's value as an interval in its dimension's base unit ("203 square
/// miles" in square metres), so that figures in different units compare.
pub fn base_interval(claim: &Claim, lexicon: &Lexicon) -> Option<Interval> {
    let q = claim.quantity()?;
    let factor =
        q.unit.as_ref().and_then(|u| lexicon.units.by_name.get(u.as_str())).and_then(|u| u.to_base).unwrap_or(1.0);
    Some(Interval { low: q.interval.low.map(|v| v * factor), high: q.interval.high.map(|v| v * factor) })
}

/// The dimension a claim's value is in: a convertible unit's dimension, any
/// other unit's name, or a plain count.
fn dimension(claim: &Claim, lexicon: &Lexicon) -> String {
    match claim.quantity().and_then(|q| q.unit.as_ref()) {
        Some(u) => match lexicon.units.by_name.get(u.as_str()) {
            Some(unit) if unit.to_base.is_some() => unit.dimension.clone(),
            _ => u.to_string(),
        },
        None => "count".into(),
    }
}

/// The measure a figure is compared under: its own, or, when the text
/// named it only by a convertible unit ("117,000 acres", "203 square
/// miles"), the unit's dimension.
pub fn compared_measure(claim: &Claim, lexicon: &Lexicon) -> Option<String> {
    let r = &claim.referent;
    let measure = r.measure.get()?;
    let dim = dimension(claim, lexicon);
    let unit = claim.quantity().and_then(|q| q.unit.as_deref()).unwrap_or_default();
    Some(if r.measure_from_unit && dim != unit { dim } else { measure.to_string() })
}

fn additive(claim: &Claim, lexicon: &Lexicon) -> bool {
    match claim.quantity().and_then(|q| q.unit.as_ref()) {
        None => true,
        Some(u) => lexicon.units.by_name.get(u.as_str()).is_some_and(|u| u.dimension == "currency"),
    }
}

fn profile(
    at: &ClaimAt,
    (main, home): (Option<&EventRef>, Option<PlaceId>),
    lexicon: &Lexicon,
) -> Result<Profile, Unlinked> {
    let c = at.claim;
    let r = &c.referent;
    let q = c.quantity().ok_or(Unlinked::NoReferent)?;
    if q.individual {
        return Err(Unlinked::Individual);
    }
    if r.elsewhere {
        return Err(Unlinked::Elsewhere);
    }
    if r.ranking_span {
        return Err(Unlinked::RankingSpan);
    }
    if r.forecast {
        return Err(Unlinked::Forecast);
    }
    if r.measure.value.is_some() && r.measure_from_unit && r.holder().value.is_none() {
        return Err(Unlinked::NoReferent);
    }
    let measure = compared_measure(c, lexicon).ok_or(Unlinked::NoReferent)?;
    let dim = dimension(c, lexicon);
    let sorted = |p: &[PlaceId]| {
        let mut p = p.to_vec();
        p.sort();
        p.dedup();
        p
    };
    // A person's figure is theirs wherever it was set: its place only says
    // where ("Kipchoge glides to 2:01:39 in Berlin").
    let personal = crate::extract::personal(&measure, q.unit.as_deref(), lexicon);
    let high = r.scope.confidence == crate::claim::Confidence::High;
    let place = r.scope.get().filter(|_| high && !personal).map(AsRef::as_ref).map(sorted);
    // A place that only names who spoke ("Butte County sheriff said") is
    // too weak to set a partition apart; it still picks among partitions.
    let place_hint = r.scope.get().filter(|_| !high && !personal).map(AsRef::as_ref).map(sorted);
    let weak = r.scope.confidence == crate::claim::Confidence::Low;
    Ok(Profile {
        personal,
        block: (Ustr::from(&measure), Ustr::from(&dim), r.aspect),
        category: r.category.get().copied(),
        holder: r.holder().get().map(|h| Ustr::from(&h.to_lowercase())),
        event: EventClass::of(at, main),
        predicate: r.predicate().get().copied(),
        place,
        place_hint,
        weak,
        home,
    })
}

/// Groups the quantity claims of `claims`, taken in `order`, into referent
/// groups; returns the groups and, per claim, why it is in none.
pub fn group(
    claims: &[ClaimAt],
    order: &[usize],
    (mains, homes): (&[Option<Arc<EventRef>>], &[Option<PlaceId>]),
    lexicon: &Lexicon,
) -> (Vec<ReferentGroup>, BTreeMap<usize, Unlinked>) {
    use rayon::prelude::*;
    let mut unlinked = BTreeMap::new();
    let profile_of = |i: usize| {
        let at = &claims[i];
        profile(at, (mains[at.doc].as_deref(), homes[at.doc]), lexicon)
    };
    // Blocks: measure, dimension, aspect. A block holds its figures'
    // indices, not their profiles: each block's are made again as it is
    // grouped, so that an archive's profiles are never all held at once.
    let mut blocks: HashMap<(Ustr, Ustr, Aspect), Vec<usize>> = HashMap::default();
    let mut unheld: Vec<(usize, Profile)> = Vec::new();
    // Profiled side by side, a chunk at a time, and placed in order.
    for chunk in order.chunks(PROFILED_TOGETHER) {
        let profiled: Vec<(usize, Result<Profile, Unlinked>)> = chunk
            .par_iter()
            .filter(|&&i| claims[i].claim.kind == ClaimKind::Quantity)
            .map(|&i| (i, profile_of(i)))
            .collect();
        for (i, profiled) in profiled {
            match profiled {
                Ok(p) if p.personal && p.holder.is_none() => {
                    unlinked.insert(i, Unlinked::NoHolder);
                    unheld.push((i, p));
                }
                Ok(p) => blocks.entry(p.block).or_default().push(i),
                Err(why) => {
                    unlinked.insert(i, why);
                }
            }
        }
    }
    let mut keys: Vec<&(Ustr, Ustr, Aspect)> = blocks.keys().collect();
    keys.sort();
    // Blocks never share a group: each is grouped on its own, side by side,
    // and their groups are joined in the order of the blocks.
    let grouped: Vec<(Vec<ReferentGroup>, BTreeMap<usize, Unlinked>)> = keys
        .par_iter()
        .map(|key| {
            let members: Vec<(usize, Profile)> =
                blocks[*key].iter().filter_map(|&i| Some((i, profile_of(i).ok()?))).collect();
            group_block(claims, &members, lexicon)
        })
        .collect();
    let mut groups = Vec::new();
    for (block_groups, block_unlinked) in grouped {
        groups.extend(block_groups);
        unlinked.extend(block_unlinked);
    }
    // The groups of held figures by measure and aspect: a figure with no
    // holder is held against those of its own only.
    let mut held: HashMap<(Ustr, Aspect), Vec<usize>> = HashMap::default();
    for (k, g) in groups.iter().enumerate().filter(|(_, g)| g.holder.is_some()) {
        held.entry((Ustr::from(&g.measure), g.aspect)).or_default().push(k);
    }
    // Per group, its closed figures (built when first asked) and the
    // figures it takes in here, placed in time order once all are in.
    let mut closed: Vec<Option<ClosedFigures>> = (0..groups.len()).map(|_| None).collect();
    let mut taken_in: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in unheld {
        let candidates = held.get(&(p.block.0, p.block.2)).map_or(&[][..], Vec::as_slice);
        if let Some(k) = one_holder_met(claims, (&groups, candidates, &mut closed), i, &p, lexicon) {
            // It meets a figure of the holder, so any conflict it joins is
            // one the holder's own figures already have: it takes its place
            // in the slice of its time, or, with none, only agrees.
            let group = &mut groups[k];
            let time = claims[i].claim.referent.time.get();
            match group.slices.iter_mut().find(|s| matches!((s.time, time), (Some(a), Some(b)) if a.overlaps(b))) {
                Some(slice) => {
                    slice.claims.push(i);
                    taken_in.entry(k).or_default().push(i);
                    if let (Some(figures), Some(value)) = (closed[k].as_mut(), base_interval(claims[i].claim, lexicon))
                    {
                        figures.add(value);
                    }
                }
                None => group.unsure.push(i),
            }
            unlinked.insert(i, Unlinked::HolderInferred);
        }
    }
    // Dated claims stay in time order (`ClaimGraph::near` finds a time's
    // window by binary search); a figure taken in goes after those of its
    // day already there, in the order taken.
    for (k, taken) in taken_in {
        let group = &mut groups[k];
        group.claims.extend(taken);
        let start = |j: usize| claims[j].claim.referent.time.get().map(|t| t.first);
        group.claims.sort_by_key(|&j| (start(j).is_none(), start(j)));
    }
    (groups, unlinked)
}

/// The groups of one block (a measure, dimension and aspect) and why some
/// of its figures joined none.
fn group_block(
    claims: &[ClaimAt],
    members: &[(usize, Profile)],
    lexicon: &Lexicon,
) -> (Vec<ReferentGroup>, BTreeMap<usize, Unlinked>) {
    let mut groups = Vec::new();
    let mut unlinked = BTreeMap::new();
    // Identity: the same category (one contained in the other's words)
    // and the same holder; each claim joins the first fitting set. Sets are
    // indexed by holder and category key (see `category_keys`), so a
    // figure is weighed against the sets it can fit, not against all.
    let mut identities: Vec<Vec<&(usize, Profile)>> = Vec::new();
    let mut by_key: HashMap<(Option<&str>, String), Vec<usize>> = HashMap::default();
    for m in members {
        let (holder, category) = (m.1.holder.as_deref(), m.1.category.as_deref());
        let keys = category_keys(category);
        let first = keys
            .iter()
            .filter_map(|key| by_key.get(&(holder, key.clone())))
            .flatten()
            .copied()
            .filter(|&i| same_category(identities[i][0].1.category.as_deref(), category))
            .min();
        match first {
            Some(i) => identities[i].push(m),
            None => {
                for key in keys {
                    by_key.entry((holder, key)).or_default().push(identities.len());
                }
                identities.push(vec![m]);
            }
        }
    }
    // A figure with no holder is the one holder's when the block names
    // only one ("the company will cut up to 14,000 jobs" in a story
    // where only GM cuts); with several holders it stays apart. A set
    // with a holder is never merged away, so each set without one is
    // weighed against those as they stand, and joins the end of the one
    // it fits, in order.
    fn category_of<'m>(set: &[&'m (usize, Profile)]) -> Option<&'m str> {
        set[0].1.category.as_deref()
    }
    let mut held_by_key: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, set) in identities.iter().enumerate().filter(|(_, set)| set[0].1.holder.is_some()) {
        for key in category_keys(category_of(set)) {
            held_by_key.entry(key).or_default().push(i);
        }
    }
    let joins: Vec<Option<usize>> = identities
        .iter()
        .map(|set| {
            if set[0].1.holder.is_some() {
                return None;
            }
            let mut held: Vec<usize> = category_keys(category_of(set))
                .iter()
                .filter_map(|key| held_by_key.get(key))
                .flatten()
                .copied()
                .filter(|&o| same_category(category_of(&identities[o]), category_of(set)))
                .collect();
            held.sort_unstable();
            held.dedup();
            match held.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
        .collect();
    let mut sets: Vec<Option<Vec<&(usize, Profile)>>> = identities.into_iter().map(Some).collect();
    for (k, join) in joins.into_iter().enumerate() {
        if let Some(target) = join {
            let set = sets[k].take().unwrap_or_default();
            sets[target].get_or_insert_with(Vec::new).extend(set);
        }
    }
    let identities = sets.into_iter().flatten();
    for set in identities {
        partition(claims, set, lexicon, &mut groups, &mut unlinked);
    }
    (groups, unlinked)
}

/// The one group of a held personal figure that a measured figure with no
/// holder can be ("2:01:39" in a headline, "under 2:02:00"): among the
/// `candidates` of its measure and aspect, one of its category and event,
/// and the only holder's whose closed figures its value meets. None when
/// no holder's does, or several holders' do.
fn one_holder_met(
    claims: &[ClaimAt],
    (groups, candidates, closed): (&[ReferentGroup], &[usize], &mut [Option<ClosedFigures>]),
    i: usize,
    p: &Profile,
    lexicon: &Lexicon,
) -> Option<usize> {
    // A count or a rank ("came second", "the third time") meets too many
    // figures by chance: only a measured value (a time, a distance) says whose.
    if p.block.1 == "count" {
        return None;
    }
    let value = base_interval(claims[i].claim, lexicon)?;
    let mut met: Option<(usize, &str)> = None;
    for &k in candidates {
        let group = &groups[k];
        let Some(holder) = group.holder.as_deref() else { continue };
        if !same_category(group.category.as_deref(), p.category.as_deref()) || !group.event.fits(&p.event) {
            continue;
        }
        // A closed figure of the holder it meets ("2:01:39", not "under 2:02"):
        // a bound alone ("sub-2:00") would take in a goal or a rival's time.
        let figures = closed[k].get_or_insert_with(|| ClosedFigures::of(claims, &group.claims, lexicon));
        if !figures.meets(&value) {
            continue;
        }
        match met {
            None => met = Some((k, holder)),
            Some((_, other)) if other != holder => return None,
            // The same holder in two groups (two events): no one group.
            Some(_) => return None,
        }
    }
    met.map(|(k, _)| k)
}

/// A group's closed figures (both bounds stated), for asking whether any
/// meets a value: by least value, each with the highest greatest value of
/// those up to it, so that a binary search answers. Figures added later
/// wait in `added` until they are a quarter as many as the rest.
#[derive(Debug, Default)]
struct ClosedFigures {
    lows: Vec<f64>,
    reach: Vec<f64>,
    added: Vec<(f64, f64)>,
}

impl ClosedFigures {
    fn of(claims: &[ClaimAt], members: &[usize], lexicon: &Lexicon) -> ClosedFigures {
        let mut figures = ClosedFigures::default();
        let bounds = members.iter().filter_map(|&j| base_interval(claims[j].claim, lexicon));
        figures.added = bounds.filter_map(|v| Some((v.low?, v.high?))).collect();
        figures.settle();
        figures
    }

    fn add(&mut self, value: Interval) {
        if let (Some(low), Some(high)) = (value.low, value.high) {
            self.added.push((low, high));
            if self.added.len() > self.lows.len() / 4 + 64 {
                self.settle();
            }
        }
    }

    /// Sorts the added figures in with the rest.
    fn settle(&mut self) {
        let mut all: Vec<(f64, f64)> = self.lows.iter().zip(&self.reach).map(|(&l, &r)| (l, r)).collect();
        all.append(&mut self.added);
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut most = f64::NEG_INFINITY;
        self.reach = all
            .iter()
            .map(|&(_, high)| {
                most = most.max(high);
                most
            })
            .collect();
        self.lows = all.into_iter().map(|(low, _)| low).collect();
    }

    /// Whether one of the figures overlaps `value` (see `overlap`).
    fn meets(&self, value: &Interval) -> bool {
        let within = |&(low, high): &(f64, f64)| overlap(&Interval { low: Some(low), high: Some(high) }, value);
        let below = match value.high {
            Some(h) => self.lows.partition_point(|&l| l <= h),
            None => self.lows.len(),
        };
        let sorted = below > 0 && value.low.is_none_or(|l| self.reach[below - 1] >= l);
        sorted || self.added.iter().any(within)
    }
}

/// What sets a partition of an identity set apart: event, predicate, place.
type PartitionKey = (EventClass, Option<Ustr>, Option<Vec<PlaceId>>);

/// Splits one identity set by event, predicate and place: claims that state
/// all three form partitions; a claim that leaves any open joins the one
/// partition that fits it, or is ambiguous when several do.
fn partition(
    claims: &[ClaimAt],
    set: Vec<&(usize, Profile)>,
    lexicon: &Lexicon,
    groups: &mut Vec<ReferentGroup>,
    unlinked: &mut BTreeMap<usize, Unlinked>,
) {
    type Key = PartitionKey;
    // A partition a figure starts takes its sentence's place as a hint,
    // so that it does not take in every figure that leaves the place open.
    let key_of = |p: &Profile| -> Key {
        let hint = p.place_hint.clone().filter(|_| !p.weak);
        (p.event, p.predicate, p.place.clone().or(hint))
    };
    let complete = |p: &Profile| p.event != EventClass::Unknown && p.predicate.is_some() && p.place.is_some();
    let mut parts: Vec<Part> = Vec::new();
    type Member<'m> = &'m &'m (usize, Profile);
    let (full, mut open): (Vec<Member>, Vec<Member>) = set.iter().partition(|m| complete(&m.1));
    // Figures with a place of their own set up their partitions before the
    // ones that leave the place open choose among them (stable: in order).
    open.sort_by_key(|m| m.1.place.is_none());
    // A figure that fits several partitions is tried again once every
    // figure has chosen: the partitions it was torn between may since have
    // taken figures of its time.
    let mut torn: Vec<Member> = Vec::new();
    for m in full.into_iter().chain(open) {
        match choose(claims, &parts, &m.1, m.0, lexicon).as_slice() {
            [] => {
                let mut members = Members::default();
                members.add(claims, m.0);
                parts.push((key_of(&m.1), members, m.1.clone()));
            }
            [k] => join(claims, &mut parts[*k], m),
            _ => torn.push(m),
        }
    }
    for m in torn {
        match choose(claims, &parts, &m.1, m.0, lexicon).as_slice() {
            [k] => join(claims, &mut parts[*k], m),
            _ => {
                unlinked.insert(m.0, Unlinked::Ambiguous);
            }
        }
    }
    for (key, members, profile) in parts {
        let group = slice(claims, members.claims, &profile, key, lexicon, unlinked);
        if !group.claims.is_empty() || !group.unsure.is_empty() {
            groups.push(group);
        }
    }
}

/// A partition: its key, its members, the profile of the figure that began it.
type Part = (PartitionKey, Members, Profile);

/// A partition's figures, and their times.
#[derive(Default)]
struct Members {
    claims: Vec<usize>,
    times: Times,
}

impl Members {
    fn add(&mut self, claims: &[ClaimAt], i: usize) {
        self.claims.push(i);
        if let Some(t) = claims[i].claim.referent.time.get() {
            self.times.add(t);
        }
    }
}

/// Times, by the day each starts, so that the one nearest a time is found
/// by looking near it: a partition of an archive's figures answers as fast
/// as one of a story's.
#[derive(Default)]
struct Times {
    /// First day → the latest last day of the times starting then.
    last_by_first: BTreeMap<chrono::NaiveDate, chrono::NaiveDate>,
    /// The most days any time spans.
    longest: i64,
}

impl Times {
    fn add(&mut self, t: &DateRange) {
        let last = self.last_by_first.entry(t.first).or_insert(t.last);
        *last = (*last).max(t.last);
        self.longest = self.longest.max(t.days());
    }

    /// The fewest days between `t` and a time of these (0 where one
    /// overlaps it; see `DateRange::days_apart`); `None` without times.
    fn distance(&self, t: &DateRange) -> Option<i64> {
        use std::ops::Bound::{Excluded, Unbounded};
        let mut best = self
            .last_by_first
            .range((Excluded(t.last), Unbounded))
            .next()
            .map(|(&first, _)| (first - t.last).num_days());
        // Times starting by `t`'s end: walking back, a start more than the
        // longest span before `t` cannot come nearer than one already found.
        for (&first, &last) in self.last_by_first.range(..=t.last).rev() {
            let reach = (t.first - first).num_days() - self.longest;
            if best.is_some_and(|b| b == 0 || reach >= b) {
                break;
            }
            let gap = if last < t.first { (t.first - last).num_days() } else { 0 };
            best = Some(best.map_or(gap, |b| b.min(gap)));
        }
        best
    }
}

/// Whether a partition's key admits a figure's profile.
fn fits(k: &PartitionKey, p: &Profile) -> bool {
    k.0.fits(&p.event)
        && (k.1.is_none() || p.predicate.is_none() || k.1 == p.predicate)
        && (k.2.is_none() || p.place.is_none() || k.2 == p.place)
}

/// The partitions figure `i` (profile `p`) may join: those that fit it,
/// narrowed by its place hint, then by time.
fn choose(claims: &[ClaimAt], parts: &[Part], p: &Profile, i: usize, lexicon: &Lexicon) -> Vec<usize> {
    let mut fitting: Vec<usize> = (0..parts.len()).filter(|&k| fits(&parts[k].0, p)).collect();
    if (fitting.len() > 1 || fitting.iter().any(|&k| parts[k].0.2.is_some())) && p.place.is_none() {
        fitting = narrow_by_place(parts, fitting, p, lexicon);
    }
    // Still several: the one whose figures share its time ("107 people
    // in Philadelphia" in 2017 is not the 26 arrested there in 2020).
    if fitting.len() > 1
        && let Some(t) = claims[i].claim.referent.time.get()
    {
        let distance = |k: usize| parts[k].1.times.distance(t).unwrap_or(i64::MAX);
        let timed: Vec<usize> = fitting.iter().copied().filter(|&k| distance(k) == 0).collect();
        if !timed.is_empty() {
            fitting = timed;
        } else {
            // None at its time: the one nearest in time, if one is.
            let best = fitting.iter().map(|&k| distance(k)).min().unwrap_or(i64::MAX);
            let nearest: Vec<usize> = fitting.iter().copied().filter(|&k| distance(k) == best).collect();
            if nearest.len() == 1 && best <= UPDATE_HORIZON_DAYS {
                fitting = nearest;
            }
        }
    }
    fitting
}

/// Adds a figure to a partition, whose key fills in what the figure states.
fn join(claims: &[ClaimAt], part: &mut Part, m: &(usize, Profile)) {
    part.1.add(claims, m.0);
    if part.0.0 == EventClass::Unknown || part.0.0 == EventClass::Story && m.1.event != EventClass::Unknown {
        part.0.0 = m.1.event;
    }
    if part.0.1.is_none() {
        part.0.1 = m.1.predicate;
    }
    if part.0.2.is_none() {
        part.0.2.clone_from(&m.1.place);
    }
}

/// Among partitions a claim with no place of its own fits, the one its
/// sentence's place names; else the one whose place holds all the others
/// (a figure written without a place is the whole, not one of its parts).
fn narrow_by_place<P>(
    parts: &[(PartitionKey, P, Profile)],
    fitting: Vec<usize>,
    claim: &Profile,
    lexicon: &Lexicon,
) -> Vec<usize> {
    // A place named in the sentence that no partition has: the figure is
    // about that place, so it starts a partition of its own.
    if let Some(hint) = &claim.place_hint {
        let named: Vec<usize> = fitting.iter().copied().filter(|&k| parts[k].0.2.as_ref() == Some(hint)).collect();
        if !named.is_empty() || fitting.iter().all(|&k| parts[k].0.2.is_some()) {
            return named;
        }
    }
    let within = |inner: &[PlaceId], outer: &[PlaceId]| {
        inner.iter().all(|&x| outer.iter().any(|&y| x == y || lexicon.gazetteer.within(x, y)))
    };
    let placed: Vec<usize> = fitting.iter().copied().filter(|&k| parts[k].0.2.is_some()).collect();
    let unplaced: Vec<usize> = fitting.iter().copied().filter(|&k| parts[k].0.2.is_none()).collect();
    if unplaced.len() == 1 {
        return unplaced;
    }
    // With no place of its own, a figure is about its article's country
    // ("769 dead" in a story from Saudi Arabia), not about one of the
    // countries whose share is listed ("Iran: 169 dead").
    if let (None, Some(home), true) = (&claim.place_hint, claim.home, unplaced.is_empty()) {
        let at_home: Vec<usize> =
            placed.iter().copied().filter(|&k| parts[k].0.2.as_deref() == Some(&[home][..])).collect();
        if at_home.len() == 1 {
            return at_home;
        }
    }
    if claim.place_hint.is_none() && unplaced.is_empty() && placed.iter().all(|&k| !national(&parts[k].0.2, lexicon)) {
        return Vec::new();
    }
    let widest: Vec<usize> = placed
        .iter()
        .copied()
        .filter(|&k| {
            let outer = parts[k].0.2.as_deref().unwrap_or_default();
            placed.iter().all(|&o| o == k || within(parts[o].0.2.as_deref().unwrap_or_default(), outer))
        })
        .collect();
    match (widest.len(), unplaced.is_empty(), &claim.place_hint) {
        (1, true, _) => widest,
        // Places none of which holds the others ("Algeria: 8", "Iran: 169
        // dead"): a figure with no place of its own is their whole.
        (0, true, None) if placed.len() > 1 => Vec::new(),
        _ => fitting,
    }
}

/// Whether a figure dated only by its article belongs with a slice of
/// reports published the same day: "170 arrests" in a paper of September
/// 28 and "107 arrests in the operation that ended Wednesday" in another
/// of that day are one day's news about the same count, not an update.
fn same_day_report(at: &ClaimAt, s: &Slice, published: &HashMap<chrono::NaiveDate, (usize, bool)>) -> bool {
    s.as_of
        && at.claim.referent.time_kind == TimeKind::AsOf
        && at.claim.referent.time.source == Source::Document
        && at.published.and_then(|day| published.get(&day)).is_some_and(|&(doc, many)| many || doc != at.doc)
}

/// Whether a partition's place is a whole country (or several).
fn national(place: &Option<Vec<PlaceId>>, lexicon: &Lexicon) -> bool {
    place
        .as_ref()
        .is_some_and(|p| p.iter().all(|&x| lexicon.gazetteer.place(x).kind == crate::lexicon::PlaceKind::Country))
}

/// Orders a partition's claims by time and cuts them into slices; leaves
/// sets apart the figures of an article that contradicts itself inside a slice.
fn slice(
    claims: &[ClaimAt],
    members: Vec<usize>,
    profile: &Profile,
    key: PartitionKey,
    lexicon: &Lexicon,
    unlinked: &mut BTreeMap<usize, Unlinked>,
) -> ReferentGroup {
    let time = |i: usize| claims[i].claim.referent.time.get().copied();
    let some_of = |i: usize| {
        let c = claims[i].claim;
        c.referent.partitive || c.quantity().is_some_and(|q| q.whole.is_some())
    };
    let (partitives, mut members): (Vec<usize>, Vec<usize>) = members.into_iter().partition(|&i| some_of(i));
    members.sort_by_key(|&i| time(i).map(|t| (t.first, t.last)));
    let (dated, undated): (Vec<usize>, Vec<usize>) = members.into_iter().partition(|&i| time(i).is_some());
    let mut slices: Vec<Slice> = Vec::new();
    // The publication days of the current slice's articles, each with one
    // of its articles and whether it has more, so that a figure asks in
    // constant time whether another outlet reported that day.
    let mut published: HashMap<chrono::NaiveDate, (usize, bool)> = HashMap::default();
    for i in dated {
        let t = time(i).expect("dated");
        let as_of = claims[i].claim.referent.time_kind == TimeKind::AsOf;
        match slices.last_mut() {
            Some(s) if s.time.is_some_and(|st| st.overlaps(&t)) => {
                let st = s.time.expect("dated slice");
                s.time = Some(DateRange::range(st.first.max(t.first), st.last.min(t.last)));
                s.claims.push(i);
                s.as_of |= as_of;
            }
            Some(s) if same_day_report(&claims[i], s, &published) => s.claims.push(i),
            _ => {
                published.clear();
                slices.push(Slice { claims: vec![i], time: Some(t), as_of });
            }
        }
        if let Some(day) = claims[i].published {
            let entry = published.entry(day).or_insert((claims[i].doc, false));
            entry.1 |= entry.0 != claims[i].doc;
        }
    }
    // Undated figures are a slice of their own: they may agree with any
    // figure of the group, but, with no time, never conflict with one.
    if !undated.is_empty() {
        slices.push(Slice { claims: undated, time: None, as_of: false });
    }
    let mut unsure = Vec::new();
    for s in &mut slices {
        drop_incomplete(claims, s, lexicon, &mut unsure);
    }
    for &i in &unsure {
        unlinked.insert(i, Unlinked::Incomplete);
    }
    for &i in &partitives {
        let stated = claims[i].claim.quantity().is_some_and(|q| q.whole.is_some());
        unlinked.insert(i, if stated { Unlinked::StatedPart } else { Unlinked::Partitive });
    }
    unsure.extend(partitives);
    slices.retain(|s| !s.claims.is_empty());
    let first = slices.iter().flat_map(|s| &s.claims).next().copied();
    let plans = slices.iter().flat_map(|s| &s.claims).copied().filter(|&i| claims[i].planned()).collect();
    ReferentGroup {
        claims: slices.iter().flat_map(|s| s.claims.iter().copied()).collect(),
        slices,
        measure: profile.block.0.to_string(),
        dimension: profile.block.1,
        category: profile.category.map(|c| c.to_string()),
        holder: profile.holder.map(|h| h.to_string()),
        place: key.2,
        predicate: key.1.map(|p| p.to_string()),
        event: key.0,
        aspect: profile.block.2,
        additive: first.or(unsure.first().copied()).is_some_and(|i| additive(claims[i].claim, lexicon)),
        unsure,
        plans,
    }
}

/// Whether two intervals can hold one value.
pub fn overlap(a: &Interval, b: &Interval) -> bool {
    let below = matches!((a.high, b.low), (Some(h), Some(l)) if h < l);
    let above = matches!((a.low, b.high), (Some(l), Some(h)) if l > h);
    !(below || above)
}

/// Moves to `unsure` the figures of an article that gives two values for
/// this referent in one slice, unless a stated change joins them ("jumped from
/// 631 to 1,011"), different people give them ("Saudi officials said
/// 769"; "the Turkish directorate said 753"), or the article says one was
/// an earlier report ("Organizers initially put his time at 2:01:40").
fn drop_incomplete(claims: &[ClaimAt], s: &mut Slice, lexicon: &Lexicon, unsure: &mut Vec<usize>) {
    let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &s.claims {
        by_doc.entry(claims[i].doc).or_default().push(i);
    }
    let changed = |a: usize, b: usize| {
        let ch = |x: usize| claims[x].claim.quantity().and_then(|q| q.stated_change()).map(|c| c.to);
        let (da, db) = (claims[a].doc, claims[b].doc);
        da == db && (ch(a) == Some(claims[b].index as usize) || ch(b) == Some(claims[a].index as usize))
    };
    let said_apart = |a: usize, b: usize| {
        let by = |x: usize| claims[x].claim.referent.attribution.as_deref();
        matches!((by(a), by(b)), (Some(x), Some(y)) if x != y)
    };
    let superseded = |a: usize, b: usize| claims[a].claim.referent.superseded || claims[b].claim.referent.superseded;
    // A vague figure ("scores of bodies") that misses its article's precise
    // one is a description, not a count: it alone is left out.
    let vague = |i: usize| claims[i].claim.quantity().is_some_and(|q| q.value.is_none());
    let mut dropped = Vec::new();
    for members in by_doc.values() {
        // An article that gives this many figures for one referent at one
        // time (a table, a list of 10,000 numbers) is incomplete without
        // looking at every pair of them.
        if members.len() > MAX_PAIRWISE {
            dropped.extend(members.iter().copied());
            continue;
        }
        let values: Vec<Option<Interval>> = members.iter().map(|&i| base_interval(claims[i].claim, lexicon)).collect();
        let clash = |x: usize, y: usize| {
            let (Some(a), Some(b)) = (&values[x], &values[y]) else { return false };
            !overlap(a, b)
                && !changed(members[x], members[y])
                && !said_apart(members[x], members[y])
                && !superseded(members[x], members[y])
        };
        let pairs: Vec<(usize, usize)> = (0..members.len())
            .flat_map(|x| (x + 1..members.len()).map(move |y| (x, y)))
            .filter(|&(x, y)| clash(x, y))
            .collect();
        if pairs.is_empty() {
            continue;
        }
        // A figure far below the article's others ("only two of them"
        // beside a toll of 769) counts a few of them, not the whole: it
        // alone is left out when every clash is its.
        let top = values.iter().flatten().filter_map(|v| v.low.or(v.high)).fold(0.0f64, f64::max);
        let small = |x: usize| values[x].as_ref().and_then(|v| v.high.or(v.low)).is_some_and(|h| h < top * SMALL_SHARE);
        if pairs.iter().all(|&(x, y)| vague(members[x]) != vague(members[y])) {
            dropped.extend(members.iter().copied().filter(|&i| vague(i)));
        } else if pairs.iter().all(|&(x, y)| small(x) != small(y)) {
            dropped.extend((0..members.len()).filter(|&x| small(x)).map(|x| members[x]));
        } else {
            dropped.extend(members.iter().copied());
        }
    }
    let gone: rustc_hash::FxHashSet<usize> = dropped.iter().copied().collect();
    s.claims.retain(|i| !gone.contains(i));
    unsure.extend(dropped);
}

/// Below this share of an article's largest figure for a referent, a
/// figure counts a few of them ("two of them"), not the whole.
const SMALL_SHARE: f64 = 0.1;

/// The most figures of one article in one slice whose every pair is
/// checked for a contradiction.
const MAX_PAIRWISE: usize = 64;

/// Whether slice `b` is a later report of slice `a`: both report a running
/// level at as-of times, `b` later, within the horizon.
pub fn later_report(group: &ReferentGroup, a: &Slice, b: &Slice) -> bool {
    let (Some(ta), Some(tb)) = (a.time, b.time) else { return false };
    reports_level(group, a)
        && reports_level(group, b)
        && tb.first > ta.last
        && (tb.first - ta.last) <= Duration::days(UPDATE_HORIZON_DAYS)
}

/// The slices of a group that can be a report of one another (see
/// `later_report`), in time order.
pub fn reports(group: &ReferentGroup) -> Vec<&Slice> {
    group.slices.iter().filter(|s| reports_level(group, s)).collect()
}

/// Whether a slice of a group reports a running level: the group's aspect
/// is a level, and the slice is dated at as-of times.
fn reports_level(group: &ReferentGroup, s: &Slice) -> bool {
    group.aspect == Aspect::Level && s.as_of && s.time.is_some()
}

/// The source of a claim's time, for messages: stated, or its article's date.
pub fn dated_by_article(claim: &Claim) -> bool {
    claim.referent.time.source == Source::Document
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Precision;
    use chrono::NaiveDate;

    fn range(first: (u32, u32), last: (u32, u32)) -> DateRange {
        let day = |(m, d): (u32, u32)| NaiveDate::from_ymd_opt(2018, m, d).unwrap();
        DateRange { first: day(first), last: day(last), precision: Precision::Range }
    }

    #[test]
    fn two_claims_events_fit_as_their_classes_do() {
        use crate::claim::{Claim, ClaimKind, Confidence, Field, Source};
        let event = |key: &str, phase: Option<u32>, distinctive: bool| EventRef {
            key: key.into(),
            name: key.into(),
            phase,
            distinctive,
        };
        let events = [
            None,
            Some(event("harbour fire", None, false)),
            Some(event("harbour fire", Some(2), false)),
            Some(event("dock strike", None, false)),
            Some(event("operation tidewater", None, true)),
            Some(event("operation tidewater", Some(2), true)),
            // Written out, the same key as the one before.
            Some(event("operation tidewater phase 2", None, true)),
        ];
        let claims: Vec<Claim> = events
            .iter()
            .map(|e| {
                let mut claim = Claim::new(ClaimKind::Quantity, (0, 1), 0, 0);
                if let Some(e) = e {
                    claim.referent.event = Field::new(e.clone(), Source::Stated, Confidence::High);
                }
                claim
            })
            .collect();
        let mains = [None, Some(event("harbour fire", None, false))];
        let mut fitting = 0;
        for a in &claims {
            for b in &claims {
                for main_a in &mains {
                    for main_b in &mains {
                        let at = |claim| ClaimAt { doc: 0, index: 0, claim, published: None };
                        let (a, b) = ((at(a), main_a.as_ref()), (at(b), main_b.as_ref()));
                        let classes = event_class(&a.0, a.1).fits(&event_class(&b.0, b.1));
                        let fit = Occasion::of(&a.0, a.1).events_fit(&Occasion::of(&b.0, b.1));
                        assert_eq!(fit, classes, "{:?} {:?}", a.0.claim, b.0.claim);
                        fitting += usize::from(classes);
                    }
                }
            }
        }
        // Neither all nor none: the cases tell apart.
        assert!(fitting > 0 && fitting < claims.len() * claims.len() * mains.len() * mains.len());
    }

    #[test]
    fn the_nearest_time_is_the_nearest_of_all() {
        let known = [range((1, 1), (12, 31)), range((3, 1), (3, 1)), range((3, 5), (3, 9)), range((6, 20), (6, 20))];
        let asked = [range((2, 27), (2, 27)), range((3, 2), (3, 3)), range((4, 1), (4, 30)), range((6, 25), (7, 1))];
        // Every prefix of the known times: the year-long one first, then without it.
        for known in [&known[..], &known[1..], &known[2..], &known[..1]] {
            let mut times = Times::default();
            known.iter().for_each(|t| times.add(t));
            for t in &asked {
                let brute = known.iter().map(|k| k.days_apart(t)).min();
                assert_eq!(times.distance(t), brute, "{t:?} among {known:?}");
            }
        }
        assert_eq!(Times::default().distance(&asked[0]), None);
    }

    #[test]
    fn closed_figures_meet_a_value_when_one_of_them_overlaps_it() {
        let iv = |low: Option<f64>, high: Option<f64>| Interval { low, high };
        let known = [(7260.0, 7260.0), (7290.0, 7300.0), (100.0, 9000.0), (7330.0, 7331.0)];
        let asked = [
            iv(Some(7261.0), Some(7262.0)),
            iv(Some(7299.0), Some(7299.0)),
            iv(None, Some(50.0)),
            iv(Some(9500.0), None),
            iv(Some(7331.0), None),
        ];
        // Settled at once, and added one by one (most waiting in `added`).
        let mut added = ClosedFigures::default();
        for &(low, high) in &known[..2] {
            added.add(iv(Some(low), Some(high)));
        }
        added.settle();
        for &(low, high) in &known[2..] {
            added.add(iv(Some(low), Some(high)));
        }
        for value in &asked {
            let brute = known.iter().any(|&(low, high)| overlap(&iv(Some(low), Some(high)), value));
            assert_eq!(added.meets(value), brute, "{value:?}");
            let mut settled = ClosedFigures { added: known.to_vec(), ..ClosedFigures::default() };
            settled.settle();
            assert_eq!(settled.meets(value), brute, "{value:?}");
        }
    }
}
