//! graph: the claim graph: documents, claims, places, events and speakers,
//! with the links that say which claims can be compared.
//! Takes: an `Analysis` and the `Lexicon`.
//! Gives: `ClaimGraph`: a petgraph graph, every claim with its effective
//! context (a document date read as a window, an event's time for undated
//! claims), and clusters of comparable quantity claims found inside blocks.
//! Never: decides agreement or discrepancy; that is the rule engine's work.

mod blocking;
mod categories;
mod speakers;

use std::collections::HashMap;

use chrono::Duration;
use petgraph::graph::{Graph, NodeIndex};

use crate::Analysis;
use crate::claim::{Claim, ClaimKind, DateRange, EventRef, Source};
use crate::lexicon::{Lexicon, PlaceId};

pub use blocking::comparable_clusters;
pub use categories::same_category;
pub use speakers::Speakers;

/// How far back a document's date reaches for a claim that inherits it: a
/// news article reports what happened in the half year before it.
pub const DOCUMENT_HORIZON_DAYS: i64 = 183;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Document(usize),
    Claim(usize),
    Place(PlaceId),
    Event(String),
    Speaker(String),
}

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
    /// Quantity ↔ quantity: same measure, category, scope, time and event.
    Comparable,
    /// Earlier value → later value of a stated change.
    ChangesTo,
}

/// One claim of the corpus, with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct ClaimAt<'a> {
    pub doc: usize,
    pub index: usize,
    pub claim: &'a Claim,
}

pub struct ClaimGraph<'a> {
    pub analysis: &'a Analysis,
    pub lexicon: &'a Lexicon,
    /// Every claim, in corpus order (the report's `c1`, `c2`, ...).
    pub claims: Vec<ClaimAt<'a>>,
    /// Per claim: the time it is compared at.
    pub times: Vec<Option<DateRange>>,
    /// Per claim: the event it is compared under: its own, or its document's
    /// main event when that event's time fits the claim's.
    pub events: Vec<Option<EventRef>>,
    /// Per event key: the span of days its dated claims cover.
    pub event_times: HashMap<String, DateRange>,
    pub speakers: Speakers,
    pub graph: Graph<Node, Edge>,
    claim_nodes: Vec<NodeIndex>,
    /// Per document, the global index of its first claim.
    doc_first: Vec<usize>,
    /// Clusters of comparable quantity claims (global indices).
    pub clusters: Vec<Vec<usize>>,
    /// Per claim: the index of its cluster, if it has one.
    pub cluster_of: Vec<Option<usize>>,
}

impl<'a> ClaimGraph<'a> {
    pub fn build(analysis: &'a Analysis, lexicon: &'a Lexicon) -> Self {
        let mut claims = Vec::new();
        let mut doc_first = Vec::new();
        for (doc, (_, ex)) in analysis.documents().enumerate() {
            doc_first.push(claims.len());
            claims.extend(ex.claims.iter().enumerate().map(|(index, claim)| ClaimAt { doc, index, claim }));
        }
        let event_times = event_times(&claims);
        let mut times: Vec<Option<DateRange>> = claims.iter().map(|c| effective_time(c.claim, &event_times)).collect();
        after_earlier_values(&claims, &doc_first, &mut times);
        let events = claims
            .iter()
            .zip(&times)
            .map(|(c, time)| {
                let ctx = &c.claim.context;
                let event = ctx.event.clone()?;
                let inherited = ctx.event_source == Source::Document;
                let clashes = match (event_times.get(&event.key), time) {
                    (Some(e), Some(t)) => !e.overlaps(t),
                    _ => false,
                };
                (!(inherited && clashes)).then_some(event)
            })
            .collect();
        let speakers = Speakers::collect(&claims);
        let mut g = ClaimGraph {
            analysis,
            lexicon,
            claims,
            times,
            events,
            event_times,
            speakers,
            graph: Graph::new(),
            claim_nodes: Vec::new(),
            doc_first,
            clusters: Vec::new(),
            cluster_of: Vec::new(),
        };
        g.link();
        g.clusters = comparable_clusters(&g);
        g.cluster_of = vec![None; g.claims.len()];
        for (k, cluster) in g.clusters.iter().enumerate() {
            for &i in cluster {
                g.cluster_of[i] = Some(k);
            }
        }
        for cluster in g.clusters.clone() {
            for pair in cluster.windows(2) {
                g.graph.add_edge(g.claim_nodes[pair[0]], g.claim_nodes[pair[1]], Edge::Comparable);
            }
        }
        g
    }

    /// The global index of claim `index` of document `doc`.
    pub fn global(&self, doc: usize, index: usize) -> usize {
        self.doc_first[doc] + index
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

    /// Whether two claims' times allow them to be about the same thing.
    pub fn times_overlap(&self, a: usize, b: usize) -> bool {
        match (self.times[a], self.times[b]) {
            (Some(x), Some(y)) => x.overlaps(&y),
            _ => true,
        }
    }

    /// Whether two claims' events allow them to be about the same thing:
    /// different named events (or phases) never are.
    pub fn events_agree(&self, a: usize, b: usize) -> bool {
        match (&self.events[a], &self.events[b]) {
            (Some(x), Some(y)) => x.key == y.key && (x.phase.is_none() || y.phase.is_none() || x.phase == y.phase),
            _ => true,
        }
    }

    /// Adds the nodes and the edges every claim has.
    fn link(&mut self) {
        let mut places: HashMap<PlaceId, NodeIndex> = HashMap::new();
        let mut events: HashMap<String, NodeIndex> = HashMap::new();
        let mut speakers: HashMap<String, NodeIndex> = HashMap::new();
        let docs: Vec<NodeIndex> =
            (0..self.analysis.corpus.documents.len()).map(|d| self.graph.add_node(Node::Document(d))).collect();
        for i in 0..self.claims.len() {
            let at = self.claims[i];
            let node = self.graph.add_node(Node::Claim(i));
            self.claim_nodes.push(node);
            self.graph.add_edge(docs[at.doc], node, Edge::States);
            for &p in &at.claim.context.scope {
                let place = place_node(&mut self.graph, &mut places, p, self.lexicon);
                self.graph.add_edge(node, place, Edge::About);
            }
            if let Some(e) = &at.claim.context.event {
                let ev =
                    *events.entry(e.key.clone()).or_insert_with(|| self.graph.add_node(Node::Event(e.key.clone())));
                self.graph.add_edge(node, ev, Edge::During);
            }
            if let Some(name) = at.claim.quote.as_ref().and_then(|q| q.speaker.as_ref()) {
                let name = self.speakers.canonical(name).to_string();
                let sp = *speakers.entry(name.clone()).or_insert_with(|| self.graph.add_node(Node::Speaker(name)));
                self.graph.add_edge(node, sp, Edge::SaidBy);
            }
        }
        for i in 0..self.claims.len() {
            if let Some(change) = self.claims[i].claim.quantity.as_ref().and_then(|q| q.change) {
                let later = self.global(self.claims[i].doc, change.to);
                self.graph.add_edge(self.claim_nodes[i], self.claim_nodes[later], Edge::ChangesTo);
            }
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
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

/// The later value of a stated change ("$85 million, up from $70 million
/// last year") comes after the earlier one: when the later value's time is
/// only its document's window, the window starts after the earlier value's
/// stated time, so "$85 million" is never compared with another source's
/// figure for last year.
fn after_earlier_values(claims: &[ClaimAt], doc_first: &[usize], times: &mut [Option<DateRange>]) {
    for (i, c) in claims.iter().enumerate() {
        let Some(change) = c.claim.quantity.as_ref().and_then(|q| q.change) else { continue };
        let later = doc_first[c.doc] + change.to;
        let stated = |k: usize| matches!(claims[k].claim.context.time_source, Source::Stated | Source::Nearby);
        if !stated(i) || claims[later].claim.context.time_source != Source::Document {
            continue;
        }
        if let (Some(earlier), Some(window)) = (times[i], times[later])
            && let Some(start) = earlier.last.succ_opt().filter(|&d| d > window.first && d <= window.last)
        {
            times[later] = Some(DateRange::range(start, window.last));
        }
    }
}

/// The days each event's dated claims cover: the hull of the times stated
/// in sentences that name the event.
fn event_times(claims: &[ClaimAt]) -> HashMap<String, DateRange> {
    let mut out: HashMap<String, DateRange> = HashMap::new();
    for c in claims {
        let ctx = &c.claim.context;
        let (Some(e), Some(t)) = (&ctx.event, ctx.time) else { continue };
        if ctx.event_source != Source::Stated || ctx.time_source != Source::Stated {
            continue;
        }
        out.entry(e.key.clone())
            .and_modify(|r| *r = DateRange::range(r.first.min(t.first), r.last.max(t.last)))
            .or_insert(t);
    }
    out
}

/// The time a claim is compared at: what its sentence states; its
/// document's date read as the year before it; else its event's time.
fn effective_time(claim: &Claim, event_times: &HashMap<String, DateRange>) -> Option<DateRange> {
    let ctx = &claim.context;
    match (ctx.time, ctx.time_source) {
        (Some(t), Source::Stated | Source::Nearby) => Some(t),
        (Some(t), Source::Document) => {
            let window = DateRange::range(t.first - Duration::days(DOCUMENT_HORIZON_DAYS), t.last);
            let event = ctx.event.as_ref().and_then(|e| event_times.get(&e.key));
            Some(match event {
                Some(e) if e.overlaps(&window) => *e,
                _ => window,
            })
        }
        _ => ctx.event.as_ref().and_then(|e| event_times.get(&e.key)).copied(),
    }
}
