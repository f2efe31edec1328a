//! report: claims and findings rendered for people and machines.
//! Takes: an `Analysis` (and, from the engine, findings).
//! Gives: text in one format: a claims table, or the JSON report.
//! Never: computes a claim or a finding; emitters only render.

pub mod json;
pub mod table;
mod wire;

use crate::Analysis;
use crate::claim::Claim;
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use crate::text::LineIndex;

/// One claim as reports show it: its id, its document and its place in
/// the file as read.
pub struct ClaimView<'a> {
    pub id: String,
    /// The document's index in the corpus.
    pub doc_index: usize,
    pub doc: &'a Document,
    pub claim: &'a Claim,
    /// Byte span in the file as read (the record's text for JSON records).
    pub start: usize,
    pub end: usize,
    /// 1-based line and column in that file.
    pub line: usize,
    pub column: usize,
}

impl ClaimView<'_> {
    pub fn text(&self) -> &str {
        &self.doc.raw[self.start..self.end]
    }
}

/// Every claim of an analysis with its id ("c1", "c2", ... in corpus
/// order) and position, and each document's unique id.
pub struct Index<'a> {
    pub doc_ids: Vec<String>,
    pub claims: Vec<ClaimView<'a>>,
    /// For each document, the index in `claims` of its first claim.
    pub first_claim: Vec<usize>,
}

impl<'a> Index<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        let docs = &analysis.corpus.documents;
        let mut doc_ids: Vec<String> = Vec::with_capacity(docs.len());
        let mut seen = std::collections::HashSet::new();
        for d in docs {
            let mut id = d.id.clone();
            let mut n = 2;
            while !seen.insert(id.clone()) {
                id = format!("{}#{n}", d.id);
                n += 1;
            }
            doc_ids.push(id);
        }
        let mut claims = Vec::new();
        let mut first_claim = Vec::with_capacity(docs.len());
        for (doc_index, (doc, ex)) in analysis.documents().enumerate() {
            first_claim.push(claims.len());
            let lines = LineIndex::new(&doc.raw);
            for claim in &ex.claims {
                let (start, end) = doc.raw_span(claim.span.0, claim.span.1);
                // A record's text is one JSON string: its place is the record's
                // line, and the character where the claim starts in the text.
                let (line, column) = match doc.record_line {
                    Some(record_line) => (record_line, doc.raw[..start].chars().count() + 1),
                    None => lines.position(&doc.raw, start),
                };
                let id = format!("c{}", claims.len() + 1);
                claims.push(ClaimView { id, doc_index, doc, claim, start, end, line, column });
            }
        }
        Index { doc_ids, claims, first_claim }
    }

    pub fn doc_id(&self, view: &ClaimView) -> &str {
        &self.doc_ids[view.doc_index]
    }

    /// The view of claim `k` of document `doc`.
    pub fn claim(&self, doc: usize, k: usize) -> &ClaimView<'a> {
        &self.claims[self.first_claim[doc] + k]
    }
}

/// Scope names for a claim, joined for display.
pub fn scope_name(claim: &Claim, lexicon: &Lexicon) -> Option<String> {
    if claim.context.scope.is_empty() {
        return None;
    }
    Some(claim.context.scope.iter().map(|&p| lexicon.gazetteer.place(p).name.as_str()).collect::<Vec<_>>().join(", "))
}
