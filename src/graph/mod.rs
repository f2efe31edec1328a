//! graph: the claim graph, the engine's working structure.
//! Takes: an `Analysis` and the `Lexicon`.
//! Gives: `ClaimGraph`: a petgraph graph whose nodes are documents, claims,
//! places, events and speakers, and whose typed edges say which claims
//! are figures for the same fact at the same time (`Same`), a later report
//! of a moving figure (`LaterReport`), a part of a total (`PartOf`), a
//! change of a level (`ChangeOf`), or the earlier value of a stated change
//! (`ChangesTo`); each linking edge names the referent fields that matched.
//! The referent groups are the components of the `Same` and `LaterReport`
//! edges, in time order; every quantity claim in none says why.
//! `ClaimGraph::build` makes the whole graph, for a picture of it
//! (`crosscheck graph`); `ClaimGraph::for_rules` leaves out the documents,
//! places, events and speakers and their edges, which no rule reads: the
//! same claims, groups and claim edges in less room.
//! Never: decides agreement or discrepancy; that is the rule engine's work.

mod categories;
mod referents;
mod speakers;

use std::collections::BTreeMap;
use std::sync::Arc;

use petgraph::graph::{Graph, NodeIndex};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::Analysis;
use crate::claim::{Aspect, Claim, ClaimKind, DateRange, EventRef, Ustr};
use crate::lexicon::{Lexicon, PlaceId};

pub use categories::same_category;
pub use referents::{
    EventClass, Occasion, ReferentGroup, Slice, UPDATE_HORIZON_DAYS, Unlinked, base_interval, compared_measure,
    dated_by_article, later_report, overlap, reports,
};
pub use speakers::Speakers;

/// A node of the graph, in 32 bits and a tag: one node a claim, and an
/// archive has millions. Events and speakers are named in
/// `ClaimGraph::names`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Document(u32),
    Claim(u32),
    Place(PlaceId),
    /// An event, by its key's place in `ClaimGraph::names`.
    Event(u32),
    /// A speaker, by the canonical name's place in `ClaimGraph::names`.
    Speaker(u32),
}

/// An index the graph holds in 32 bits: a document's, a claim's or a name's.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than four billion documents, claims and names in one graph")
}

/// The entry of `group_of` of a claim in no group.
const NO_GROUP: u32 = u32::MAX;

/// How many figures of other articles a look-up for a comparable figure
/// (`ClaimGraph::near`) weighs, of the dated and of the undated each.
const NEAR_OTHERS: usize = 64;

/// The referent fields two linked claims share: why they were compared.
pub const SAME_FIELDS: &[&str] = &["measure", "unit", "aspect", "category", "holder", "event", "predicate", "place"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Document → claim.
    States,
    /// Claim → place.
    About,
    /// Claim → event.
    During,
    /// Quote → speaker.
    SaidBy,
    /// Place → the place that contains it.
    Within,
    /// Quantity ↔ quantity: the same fact at the same time (every field of
    /// `SAME_FIELDS` that either states matches, and the times overlap).
    Same,
    /// Earlier → later report of the same running figure.
    LaterReport,
    /// Part → total: the same measure, the part narrower by category,
    /// holder or place.
    PartOf(PartBy),
    /// Change ("six more") → the level it changes, at the same time.
    ChangeOf,
    /// Earlier value → later value of a stated change.
    ChangesTo,
}

/// What makes a part narrower than its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartBy {
    Category,
    Holder,
    Place,
    /// A kind of the total's measure ("homes" of "structures").
    Kind,
    /// Stated as a part of a figure given with it ("three of those four").
    Stated,
}

impl Edge {
    pub fn name(self) -> &'static str {
        match self {
            Edge::States => "states",
            Edge::About => "about",
            Edge::During => "during",
            Edge::SaidBy => "said_by",
            Edge::Within => "within",
            Edge::Same => "same_referent",
            Edge::LaterReport => "later_report",
            Edge::PartOf(_) => "part_of",
            Edge::ChangeOf => "change_of",
            Edge::ChangesTo => "changes_to",
        }
    }
}

/// One claim of the corpus, with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct ClaimAt<'a> {
    pub doc: usize,
    /// Its place among its document's claims (32 bits: one entry a claim of an archive).
    pub index: u32,
    pub claim: &'a Claim,
    /// The date its article was published, when known.
    pub published: Option<chrono::NaiveDate>,
}

impl ClaimAt<'_> {
    /// Whether it is dated after its article was published: a plan ("stop
    /// production at five plants next year").
    pub fn planned(&self) -> bool {
        let time = self.claim.referent.time.get();
        self.published.zip(time).is_some_and(|(day, t)| t.first > day)
    }
}

pub struct ClaimGraph<'a> {
    pub analysis: &'a Analysis,
    pub lexicon: &'a Lexicon,
    /// Every claim, in corpus order (the report's `c1`, `c2`, ...).
    pub claims: Vec<ClaimAt<'a>>,
    pub speakers: Speakers,
    pub graph: Graph<Node, Edge>,
    /// The names of the event and speaker nodes.
    pub names: Vec<Ustr>,
    /// Each claim's node; empty in a graph of claims alone
    /// (`Context::Left`), whose nodes are the claims, in order (see `node`).
    claim_nodes: Vec<NodeIndex>,
    /// Per document, the global index of its first claim.
    doc_first: Vec<usize>,
    /// The referent groups: components of the `Same` and `LaterReport` edges.
    pub groups: Vec<ReferentGroup>,
    /// Per claim: its group, or `NO_GROUP` (32 bits: one entry a claim of an archive).
    group_of: Vec<u32>,
    /// Per quantity claim in no group: why (empty in the rules' graph,
    /// `for_rules`).
    pub unlinked: BTreeMap<usize, Unlinked>,
}

/// What a claim graph holds besides its claims and the edges between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// The documents, places, events and speakers, and the edges to them.
    Shown,
    /// Nothing more: what the rules read.
    Left,
}

impl<'a> ClaimGraph<'a> {
    /// The whole graph: claims, documents, places, events and speakers.
    pub fn build(analysis: &'a Analysis, lexicon: &'a Lexicon) -> Self {
        ClaimGraph::with(analysis, lexicon, Context::Shown)
    }

    /// The graph the rules read: the claims, their groups and the edges
    /// between claims, without the documents, places, events and speakers
    /// (an archive's graph in half the edges) and without why figures
    /// joined no group (`unlinked`). Every rule finds the same in it as in
    /// the whole graph.
    pub fn for_rules(analysis: &'a Analysis, lexicon: &'a Lexicon) -> Self {
        ClaimGraph::with(analysis, lexicon, Context::Left)
    }

    fn with(analysis: &'a Analysis, lexicon: &'a Lexicon, context: Context) -> Self {
        // Sized once: an archive's millions of claims grown by doubling
        // would hold up to twice their room while the graph is built.
        let mut claims = Vec::with_capacity(analysis.extractions.iter().map(|ex| ex.claims.len()).sum());
        let mut doc_first = Vec::with_capacity(analysis.extractions.len());
        for (doc, (d, ex)) in analysis.documents().enumerate() {
            doc_first.push(claims.len());
            let published = d.meta.date;
            claims.extend(ex.claims.iter().zip(0..).map(|(claim, index)| ClaimAt { doc, index, claim, published }));
        }
        let mains: Vec<Option<Arc<EventRef>>> = analysis.extractions.iter().map(|e| e.main_event.clone()).collect();
        // Claims are grouped in the order of their documents' names, so
        // that the groups do not hang on the order files were given in.
        // The documents are sorted, not their claims: a claim's key is its
        // document's and then its place in it. Documents of one name (rare)
        // have their claims interleaved by place, as sorting claims would.
        let docs = &analysis.corpus.documents;
        let doc_key = |d: usize| (&docs[d].id, &docs[d].path, docs[d].record_line);
        let mut doc_order: Vec<usize> = (0..docs.len()).collect();
        doc_order.sort_by(|&a, &b| doc_key(a).cmp(&doc_key(b)));
        let mut order: Vec<usize> = Vec::with_capacity(claims.len());
        for same_name in doc_order.chunk_by(|&a, &b| doc_key(a) == doc_key(b)) {
            let from = order.len();
            for &d in same_name {
                order.extend(doc_first[d]..doc_first.get(d + 1).copied().unwrap_or(claims.len()));
            }
            if same_name.len() > 1 {
                order[from..].sort_by_key(|&i| claims[i].index);
            }
        }
        let homes: Vec<Option<PlaceId>> = analysis.extractions.iter().map(|e| e.country).collect();
        let (groups, unlinked) = referents::group(&claims, &order, (&mains, &homes), lexicon);
        drop(order);
        // Why a figure joined no group is shown, never read by a rule: the
        // rules' graph of an archive does without a million such entries.
        let unlinked = if context == Context::Shown { unlinked } else { BTreeMap::new() };
        let mut group_of = vec![NO_GROUP; claims.len()];
        for (k, g) in groups.iter().enumerate() {
            for &i in g.claims.iter().chain(&g.unsure) {
                group_of[i] = u32::try_from(k).expect("fewer groups than claims, which an index counts");
            }
        }
        let speakers = Speakers::collect(&claims);
        let mut g = ClaimGraph {
            analysis,
            lexicon,
            claims,
            speakers,
            graph: Graph::new(),
            names: Vec::new(),
            claim_nodes: Vec::new(),
            doc_first,
            groups,
            group_of,
            unlinked,
        };
        g.link_nodes(context);
        g.link_referents();
        g.link_parts();
        g.link_changes();
        // Grown by doubling, the graph would hold up to twice the room it
        // needs while the rules run.
        g.graph.shrink_to_fit();
        g
    }

    /// The global index of claim `index` of document `doc`.
    pub fn global(&self, doc: usize, index: usize) -> usize {
        self.doc_first[doc] + index
    }

    /// The referent group of claim `i`, if it is in one.
    pub fn group_of(&self, i: usize) -> Option<usize> {
        Some(self.group_of[i]).filter(|&k| k != NO_GROUP).map(|k| k as usize)
    }

    pub fn claim(&self, i: usize) -> &'a Claim {
        self.claims[i].claim
    }

    /// Global indices of the claims of one kind.
    pub fn of_kind(&self, kind: ClaimKind) -> impl Iterator<Item = usize> + '_ {
        (0..self.claims.len()).filter(move |&i| self.claims[i].claim.kind == kind)
    }

    /// The name reports give a claim's document.
    pub fn source_name(&self, i: usize) -> &str {
        self.analysis.corpus.documents[self.claims[i].doc].source_name()
    }

    /// A claim's time, if it has one.
    pub fn time(&self, i: usize) -> Option<DateRange> {
        self.claim(i).referent.time.get().copied()
    }

    /// The claims of group `k` that may be at a time comparable with `t`
    /// (see `DateRange::comparable`; every claim when `t` is `None`): those
    /// of document `doc`, then at most `NEAR_OTHERS` dated ones of other
    /// documents, the nearest in time first, then at most `NEAR_OTHERS`
    /// undated ones, which fit any time. A group keeps its dated claims in
    /// time order, so the window is found by binary search, and an archive's
    /// worth of reports of one fact costs a look-up no more than a story's.
    pub fn near(&self, k: usize, t: Option<DateRange>, doc: usize) -> Vec<usize> {
        let group = &self.groups[k];
        let claims = &group.claims;
        let starts = |j: usize| self.time(j).map(|t| t.first);
        let dated = claims.partition_point(|&j| starts(j).is_some());
        let window = t.map(|t| t.comparable_starts());
        let (from, to) = match window {
            Some((earliest, latest)) => {
                let from = claims[..dated].partition_point(|&j| starts(j).is_some_and(|d| d < earliest));
                let to = claims[..dated].partition_point(|&j| starts(j).is_some_and(|d| d <= latest));
                (from, to.max(from))
            }
            None => (0, dated),
        };
        let in_window = |j: usize| match (window, starts(j)) {
            (Some((earliest, latest)), Some(d)) => earliest <= d && d <= latest,
            _ => true,
        };
        let last = self.doc_first.get(doc + 1).copied().unwrap_or(self.claims.len());
        let own = (self.doc_first[doc]..last)
            .filter(|&j| self.group_of(j) == Some(k) && !group.unsure.contains(&j) && in_window(j));
        let other = |&j: &usize| self.claims[j].doc != doc;
        let nearest = claims[from..to].iter().rev().copied().filter(other).take(NEAR_OTHERS);
        let undated = claims[dated..].iter().copied().filter(other).take(NEAR_OTHERS);
        own.chain(nearest).chain(undated).collect()
    }

    /// Whether two claims can be about one happening at one time: their
    /// events fit (see `EventClass`) and their times overlap, when both have one.
    pub fn related(&self, a: usize, b: usize) -> bool {
        self.occasion(a).related(&self.occasion(b))
    }

    /// Whether two claims' events fit (see `EventClass`).
    pub fn events_fit(&self, a: usize, b: usize) -> bool {
        self.occasion(a).events_fit(&self.occasion(b))
    }

    /// When claim `i` is and of what happening (see `Occasion`).
    pub fn occasion(&self, i: usize) -> Occasion<'a> {
        let at = self.claims[i];
        Occasion::of(&at, self.analysis.extractions[at.doc].main_event.as_deref())
    }

    /// What happening a claim is about, for telling whether two can be one.
    pub fn event_class(&self, i: usize) -> EventClass {
        let at = self.claims[i];
        referents::event_class(&at, self.analysis.extractions[at.doc].main_event.as_deref())
    }

    /// The claims linked from claim `i` by edges of a kind, and the edges.
    pub fn linked(&self, i: usize, pick: impl Fn(Edge) -> bool) -> Vec<(usize, Edge)> {
        let node = self.node(i);
        self.graph
            .edges(node)
            .filter(|e| pick(*e.weight()))
            .filter_map(|e| {
                use petgraph::visit::EdgeRef;
                match self.graph[e.target()] {
                    Node::Claim(j) => Some((j as usize, *e.weight())),
                    _ => None,
                }
            })
            .collect()
    }

    /// Every edge between two claims: (from, to, edge).
    pub fn claim_edges(&self) -> Vec<(usize, usize, Edge)> {
        use petgraph::visit::EdgeRef;
        self.graph
            .edge_references()
            .filter_map(|e| match (&self.graph[e.source()], &self.graph[e.target()]) {
                (Node::Claim(a), Node::Claim(b)) => Some((*a as usize, *b as usize, *e.weight())),
                _ => None,
            })
            .collect()
    }

    fn edge(&mut self, a: usize, b: usize, edge: Edge) {
        self.graph.add_edge(self.node(a), self.node(b), edge);
    }

    /// Claim `i`'s node.
    fn node(&self, i: usize) -> NodeIndex {
        if self.claim_nodes.is_empty() { NodeIndex::new(i) } else { self.claim_nodes[i] }
    }

    /// Every claim's node and the edges of its stated changes; with
    /// `Context::Shown`, its document, places, event and speaker too.
    fn link_nodes(&mut self, context: Context) {
        let shown = context == Context::Shown;
        let mut places: HashMap<PlaceId, NodeIndex> = HashMap::default();
        let mut events: HashMap<String, NodeIndex> = HashMap::default();
        let mut speakers: HashMap<String, NodeIndex> = HashMap::default();
        let documents = if shown { self.analysis.corpus.documents.len() } else { 0 };
        // A node for every claim, its room taken once: an archive's millions
        // of nodes grown by doubling would hold twice their room while the
        // last doubling copies.
        self.graph.reserve_nodes(documents + self.claims.len());
        if shown {
            self.claim_nodes.reserve_exact(self.claims.len());
        }
        let docs: Vec<NodeIndex> = (0..documents).map(|d| self.graph.add_node(Node::Document(narrow(d)))).collect();
        for i in 0..self.claims.len() {
            let at = self.claims[i];
            let node = self.graph.add_node(Node::Claim(narrow(i)));
            if !shown {
                continue;
            }
            self.claim_nodes.push(node);
            self.graph.add_edge(docs[at.doc], node, Edge::States);
            for &p in at.claim.referent.scope.get().into_iter().flatten() {
                let place = place_node(&mut self.graph, &mut places, p, self.lexicon);
                self.graph.add_edge(node, place, Edge::About);
            }
            if let Some(e) = at.claim.referent.event.get() {
                let ev = *events.entry(e.key.to_string()).or_insert_with(|| {
                    self.names.push(Ustr::from(&e.key));
                    self.graph.add_node(Node::Event(narrow(self.names.len() - 1)))
                });
                self.graph.add_edge(node, ev, Edge::During);
            }
            if let Some(name) = at.claim.quote().and_then(|q| q.speaker.as_ref()) {
                let name = self.speakers.canonical(name).to_string();
                let sp = *speakers.entry(name.clone()).or_insert_with(|| {
                    self.names.push(Ustr::from(&name));
                    self.graph.add_node(Node::Speaker(narrow(self.names.len() - 1)))
                });
                self.graph.add_edge(node, sp, Edge::SaidBy);
            }
        }
        for i in 0..self.claims.len() {
            if let Some(change) = self.claims[i].claim.quantity().and_then(|q| q.stated_change()) {
                let later = self.global(self.claims[i].doc, change.to);
                self.edge(i, later, Edge::ChangesTo);
            }
        }
    }

    /// `Same` edges along each slice, `LaterReport` edges from each slice to
    /// the next when both report a running level.
    fn link_referents(&mut self) {
        let mut edges = Vec::new();
        for group in &self.groups {
            for s in &group.slices {
                for pair in s.claims.windows(2) {
                    edges.push((pair[0], pair[1], Edge::Same));
                }
            }
            for pair in group.slices.windows(2) {
                if later_report(group, &pair[0], &pair[1]) {
                    edges.push((pair[0].claims[0], pair[1].claims[0], Edge::LaterReport));
                }
            }
        }
        for (a, b, e) in edges {
            self.edge(a, b, e);
        }
    }

    /// `PartOf` edges between the groups of one measure and dimension: a
    /// group narrower by category, holder or place is a part of the broader
    /// group, at the same time. Each part claim points at one total claim:
    /// its own article's if it has one, else the first at its time. Arrests
    /// are no part of a sum of dollars, whatever measure a reading gave it.
    fn link_parts(&mut self) {
        let mut by_block: BTreeMap<(&str, &str, Aspect), Vec<usize>> = BTreeMap::new();
        for (k, g) in self.groups.iter().enumerate() {
            if g.additive {
                by_block.entry((g.measure.as_str(), g.dimension.as_str(), g.aspect)).or_default().push(k);
            }
        }
        // Each measure's parts are found side by side, and their edges
        // added in the measures' order.
        let blocks: Vec<&Vec<usize>> = by_block.values().collect();
        let mut edges: Vec<(usize, usize, Edge)> = blocks
            .par_iter()
            .flat_map_iter(|members| {
                let totals = Totals::of(&self.groups, members);
                let mut edges = Vec::new();
                for &p in members.iter() {
                    for t in totals.for_part(&self.groups[p], self.lexicon) {
                        let Some(by) = part_by(&self.groups[p], &self.groups[t], self.lexicon) else { continue };
                        for &i in &self.groups[p].claims {
                            if let Some(total) = self.total_for(i, t) {
                                edges.push((i, total, Edge::PartOf(by)));
                            }
                        }
                    }
                }
                edges
            })
            .collect();
        // A kind of a broader measure ("7,600 homes" of "8,817
        // structures", "13,000 in shelters" of "52,000 evacuated") is a
        // part of that measure's total.
        for (&(measure, dimension, aspect), parts) in &by_block {
            let Some(broader) = self.lexicon.measures.within.get(measure) else { continue };
            let Some(totals) = by_block.get(&(broader.as_str(), dimension, aspect)) else { continue };
            for &p in parts {
                for &t in totals.iter().filter(|&&t| kind_of(&self.groups[p], &self.groups[t])) {
                    for &i in &self.groups[p].claims {
                        if let Some(total) = self.total_for(i, t) {
                            edges.push((i, total, Edge::PartOf(PartBy::Kind)));
                        }
                    }
                }
            }
        }
        // "Three of those four": the text says which figure it is a part of,
        // added up in its unit, never as a share ("85% of the 1.8 million
        // customers" is none of 85 customers).
        for i in 0..self.claims.len() {
            let Some(part) = self.claim(i).quantity() else { continue };
            if let Some(whole) = part.whole() {
                let total = self.global(self.claims[i].doc, whole);
                // "Around half of the 22 million": a fraction is a share too.
                let share = part.unit.is_none() && part.interval.high.is_some_and(|h| h < 1.0);
                if !share && self.claim(total).quantity().is_some_and(|t| t.unit == part.unit) {
                    edges.push((i, total, Edge::PartOf(PartBy::Stated)));
                }
            }
        }
        for (a, b, e) in edges {
            self.edge(a, b, e);
        }
    }

    /// The plans of `group` (see `ReferentGroup::plans`) announced at a
    /// time comparable with `t`: "five plants" to stop production next
    /// year are the five of the day they were announced.
    pub fn announced(&self, group: &ReferentGroup, t: Option<DateRange>) -> Vec<usize> {
        let day = |j: usize| self.claims[j].published.map(DateRange::day);
        let fits = |j: usize| match (t, day(j)) {
            (Some(a), Some(b)) => a.comparable(&b),
            _ => true,
        };
        group.plans.iter().copied().filter(|&j| fits(j)).collect()
    }

    /// The claim of `group` that claim `i` is best compared with: one of its
    /// own article at a comparable time (see `DateRange::comparable`), else
    /// the first at a comparable time, else a plan announced then.
    fn total_for(&self, i: usize, k: usize) -> Option<usize> {
        let t = self.time(i);
        let fits = |j: usize| match (t, self.time(j)) {
            (Some(a), Some(b)) => a.comparable(&b),
            _ => true,
        };
        // In its own article, the nearest mention: "the death toll has
        // reached 29 ... increased by six" is about that toll, not the headline's.
        let doc = self.claims[i].doc;
        let sentence = self.claim(i).sentence();
        // A figure its article marks as an earlier report is no level it leads to.
        self.near(k, t, doc)
            .into_iter()
            .filter(|&j| j != i && fits(j))
            .min_by_key(|&j| {
                let own = self.claims[j].doc == doc;
                let earlier = self.claim(j).referent.superseded;
                (!own, earlier, if own { self.claim(j).sentence().abs_diff(sentence) } else { 0 }, j)
            })
            .or_else(|| self.announced(&self.groups[k], t).into_iter().find(|&j| j != i))
    }

    /// `ChangeOf` edges: a change ("eight more") to the level of the same
    /// measure, dimension, category and holder at the same time.
    fn link_changes(&mut self) {
        // Measure, dimension, category, holder → the level groups: a change
        // in dollars is no change of a count.
        type LevelKey<'k> = (&'k str, &'k str, Option<&'k str>, Option<&'k str>);
        let mut levels: HashMap<LevelKey, Vec<usize>> = HashMap::default();
        for (k, g) in self.groups.iter().enumerate() {
            if g.aspect == Aspect::Level {
                let key = (g.measure.as_str(), g.dimension.as_str(), g.category.as_deref(), g.holder.as_deref());
                levels.entry(key).or_default().push(k);
            }
        }
        // Only a running count changes by the day: a change given for a day,
        // to a level reported as of that day.
        let daily = |i: usize| {
            self.time(i).is_some_and(|t| t.first == t.last)
                && self.claim(i).quantity().is_some_and(|q| q.value.is_some())
        };
        // Each change group's levels are found side by side, and their
        // edges added in the groups' order.
        let changes: Vec<&ReferentGroup> = self.groups.iter().filter(|g| g.aspect == Aspect::Change).collect();
        let edges: Vec<(usize, usize, Edge)> = changes
            .par_iter()
            .flat_map_iter(|g| {
                let key = (g.measure.as_str(), g.dimension.as_str(), g.category.as_deref(), g.holder.as_deref());
                // A change an article states twice ("an additional 13 lives
                // ... Of those 13") is linked once, where it is first stated.
                let mut told: Vec<usize> = g.claims.iter().copied().filter(|&i| daily(i)).collect();
                told.sort();
                let mut seen = rustc_hash::FxHashSet::default();
                told.retain(|&i| {
                    let value = self.claim(i).quantity().and_then(|q| q.value).map(f64::to_bits);
                    seen.insert((self.claims[i].doc, value))
                });
                let mut edges = Vec::new();
                for &l in levels.get(&key).into_iter().flatten() {
                    for &i in &told {
                        let level = self
                            .total_for(i, l)
                            .filter(|&j| daily(j) && self.claim(j).referent.time_kind == crate::claim::TimeKind::AsOf);
                        if let Some(level) = level {
                            edges.push((i, level, Edge::ChangeOf));
                        }
                    }
                }
                edges
            })
            .collect();
        for (a, b, e) in edges {
            self.edge(a, b, e);
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Whether group `part`, of a kind of `total`'s measure, can be a part of
/// it: the same event, holder and place (or none stated), what happened
/// to it said alike or not at all, and no category of the total's that
/// the part lacks (6,453 homes are no part of 74 "multiple residence"
/// buildings).
fn kind_of(part: &ReferentGroup, total: &ReferentGroup) -> bool {
    (total.category.is_none() || total.category == part.category)
        && part.event.fits(&total.event)
        && part.holder == total.holder
        && (part.place == total.place || part.place.is_none() || total.place.is_none())
        && (part.predicate == total.predicate || part.predicate.is_none())
}

/// The groups of one block by the places they count, so that a part is
/// weighed only against the totals `part_by` can take it into, not
/// against every group of its measure.
struct Totals<'m> {
    members: &'m [usize],
    /// Per place, the positions in `members` of the groups counting it.
    by_place: HashMap<PlaceId, Vec<usize>>,
    /// The positions of the groups with no place.
    placeless: Vec<usize>,
}

impl<'m> Totals<'m> {
    fn of(groups: &[ReferentGroup], members: &'m [usize]) -> Totals<'m> {
        let mut by_place: HashMap<PlaceId, Vec<usize>> = HashMap::default();
        let mut placeless = Vec::new();
        for (k, &g) in members.iter().enumerate() {
            match &groups[g].place {
                Some(places) => places.iter().for_each(|&p| by_place.entry(p).or_default().push(k)),
                None => placeless.push(k),
            }
        }
        Totals { members, by_place, placeless }
    }

    /// The groups that may hold `part`, in the block's order: all of them
    /// for a part with a category or a holder; for one without, those with
    /// no place and those counting a place its first place lies in (a part
    /// by place lies inside its total), none for a part with no place.
    fn for_part(&self, part: &ReferentGroup, lexicon: &Lexicon) -> Vec<usize> {
        if part.category.is_some() || part.holder.is_some() {
            return self.members.to_vec();
        }
        let Some(&first) = part.place.as_ref().and_then(|p| p.first()) else { return Vec::new() };
        let mut at: Vec<usize> = self.placeless.clone();
        let mut place = Some(first);
        // The chain of places containing it; the bound only guards a cycle
        // a user's gazetteer might make.
        for _ in 0..64 {
            let Some(id) = place else { break };
            at.extend(self.by_place.get(&id).into_iter().flatten());
            place = lexicon.gazetteer.place(id).parent;
        }
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|k| self.members[k]).collect()
    }
}

/// Whether group `part` is a part of group `total`, and by what.
fn part_by(part: &ReferentGroup, total: &ReferentGroup, lexicon: &Lexicon) -> Option<PartBy> {
    let same_rest = |by: PartBy| {
        part.event.fits(&total.event)
            && (by == PartBy::Category || same_category(part.category.as_deref(), total.category.as_deref()))
            && (by == PartBy::Holder || part.holder == total.holder)
            && (by == PartBy::Place
                || part.place == total.place
                || total.place.is_none()
                || part.place.is_none() && national(total.place.as_deref(), lexicon))
            // What happened must be said alike: "employs 2,522 workers" is
            // no part of "will lay off 14,700"; a place's count that says
            // nothing of it ("similar fates for three factories in
            // Michigan") may be a part of the whole that does.
            && (part.predicate == total.predicate || by == PartBy::Place && part.predicate.is_none())
    };
    if part.category.is_some() && total.category.is_none() && same_rest(PartBy::Category) {
        return Some(PartBy::Category);
    }
    if part.holder.is_some() && total.holder.is_none() && same_rest(PartBy::Holder) {
        return Some(PartBy::Holder);
    }
    let inside = match (&part.place, &total.place) {
        (Some(p), Some(t)) => p != t && p.iter().all(|&x| t.iter().any(|&y| x == y || lexicon.gazetteer.within(x, y))),
        // A figure with no place is the whole, everywhere the story is.
        (Some(_), None) => true,
        _ => false,
    };
    (inside && same_rest(PartBy::Place)).then_some(PartBy::Place)
}

/// Whether a place is whole countries: a figure with no place may be a part of its total.
fn national(place: Option<&[PlaceId]>, lexicon: &Lexicon) -> bool {
    place.is_some_and(|p| p.iter().all(|&x| lexicon.gazetteer.place(x).kind == crate::lexicon::PlaceKind::Country))
}

/// A place node, added with the chain of places that contain it.
fn place_node(
    graph: &mut Graph<Node, Edge>,
    nodes: &mut HashMap<PlaceId, NodeIndex>,
    place: PlaceId,
    lexicon: &Lexicon,
) -> NodeIndex {
    if let Some(&n) = nodes.get(&place) {
        return n;
    }
    let n = graph.add_node(Node::Place(place));
    nodes.insert(place, n);
    if let Some(parent) = lexicon.gazetteer.place(place).parent {
        let p = place_node(graph, nodes, parent, lexicon);
        graph.add_edge(n, p, Edge::Within);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Sources;

    /// One node a claim: a node's weight keeps to 8 bytes, so that the
    /// graph holds 16 a node, not 24.
    #[test]
    fn a_node_keeps_to_eight_bytes() {
        assert!(std::mem::size_of::<Node>() <= 8, "{}", std::mem::size_of::<Node>());
    }

    #[test]
    fn a_part_is_weighed_against_every_total_that_can_hold_it() {
        let lexicon = Lexicon::load(&Sources::built_in()).expect("the built-in lexicon loads");
        let gaz = &lexicon.gazetteer;
        let group =
            |place: Option<Vec<PlaceId>>| ReferentGroup { measure: "arrests".into(), place, ..Default::default() };
        let mut groups = vec![group(None)];
        for k in (0..gaz.keys().count()).step_by(97).take(60) {
            let id = PlaceId(k as u32);
            groups.push(group(Some(vec![id])));
            if let Some(parent) = gaz.place(id).parent {
                groups.push(group(Some(vec![parent])));
                groups.push(group(Some(vec![id, parent])));
            }
        }
        groups.push(ReferentGroup { category: Some("criminal".into()), ..group(None) });
        let members: Vec<usize> = (0..groups.len()).collect();
        let totals = Totals::of(&groups, &members);
        let mut held = 0;
        for &p in &members {
            let candidates = totals.for_part(&groups[p], &lexicon);
            assert!(candidates.windows(2).all(|w| w[0] < w[1]), "in the block's order");
            for &t in &members {
                if part_by(&groups[p], &groups[t], &lexicon).is_some() {
                    held += 1;
                    assert!(candidates.contains(&t), "group {t} can hold group {p}");
                }
            }
        }
        assert!(held > 60, "places inside others and a category inside its measure: {held}");
    }
}
