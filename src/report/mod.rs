//! report: claims and findings rendered for people and machines.
//! Takes: an `Analysis` (and, from the engine, findings).
//! Gives: text in one format: a claims table, or the JSON report.
//! Never: computes a claim or a finding; emitters only render.

pub mod dot;
pub mod graph_json;
pub mod html;
pub mod json;
pub mod markdown;
pub mod rules_doc;
pub mod sarif;
pub mod table;
pub mod text;
mod wire;

/// Written near the top of HTML and Markdown reports, so that a report saved
/// inside the corpus folder is not read back as an article.
pub const GENERATOR_MARK: &str = "<meta name=\"generator\" content=\"crosscheck\">";

use crate::Analysis;
use crate::claim::Claim;
use crate::corpus::Document;
use crate::engine::{Finding, Severity, Status};
use crate::lexicon::Lexicon;
use crate::text::LineIndex;

/// One claim as reports show it: its id, its document and its place in
/// the file as read.
pub struct ClaimView<'a> {
    /// Its place in the report, from 1: its id is `c` and this number.
    pub number: usize,
    /// The document's index in the corpus.
    pub doc_index: usize,
    pub doc: &'a Document,
    pub claim: &'a Claim,
    /// Byte span in the file as read (the record's text for JSON records).
    pub start: usize,
    pub end: usize,
    /// 1-based line and column in that file (32 bits: an index holds a
    /// view of every claim of an archive).
    pub line: u32,
    pub column: u32,
    /// 1-based line and column just past the claim.
    pub end_line: u32,
    pub end_column: u32,
    /// Byte span of the claim's sentence in the file as read.
    pub sentence: (usize, usize),
    /// The claim's sentence's byte span in the text as analysed, the text
    /// a reader saw (markup gone, entities decoded); the claim's own is its
    /// `span`.
    pub seen_sentence: (usize, usize),
    /// For a claim read back from records, its occurrence as extracted
    /// (see `workflow::fingerprint`).
    pub occurrence: Option<u32>,
}

/// The report's id of claim `c` (global, from 0): `c1`, `c2`, ...
pub fn claim_id(c: usize) -> String {
    format!("c{}", c + 1)
}

impl ClaimView<'_> {
    /// The report's id of the claim: `c1`, `c2`, ...
    pub fn id(&self) -> String {
        claim_id(self.number - 1)
    }

    pub fn text(&self) -> &str {
        &self.doc.raw[self.start..self.end]
    }
}

/// Every claim of an analysis with its id ("c1", "c2", ... in corpus
/// order) and position, and each document's unique id.
pub struct Index<'a> {
    pub doc_ids: Vec<String>,
    /// The documents, in corpus order.
    pub docs: Vec<&'a Document>,
    pub claims: Vec<ClaimView<'a>>,
    /// For each document, the index in `claims` of its first claim.
    pub first_claim: Vec<usize>,
}

/// The ids given so far across the batches of a stream (see
/// `crate::analyse_stream`): each batch's `Index` goes on from them, so
/// that ids stay unique across the corpus.
#[derive(Debug, Default)]
pub struct Numbering {
    doc_ids: std::collections::HashSet<String>,
    claims: usize,
}

impl<'a> Index<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        Index::numbered(analysis, &mut Numbering::default())
    }

    /// The index of one batch of a stream, its ids going on from `numbering`.
    pub fn numbered(analysis: &'a Analysis, numbering: &mut Numbering) -> Self {
        let docs = &analysis.corpus.documents;
        let mut doc_ids: Vec<String> = Vec::with_capacity(docs.len());
        let seen = &mut numbering.doc_ids;
        for d in docs {
            let mut id = d.id.clone();
            let mut n = 2;
            while !seen.insert(id.clone()) {
                id = format!("{}#{n}", d.id);
                n += 1;
            }
            doc_ids.push(id);
        }
        // Sized once: grown by doubling, an archive's views would take half
        // again their room, and twice it while the last doubling copies.
        let mut claims = Vec::with_capacity(analysis.extractions.iter().map(|ex| ex.claims.len()).sum());
        let mut first_claim = Vec::with_capacity(docs.len());
        for (doc_index, (doc, ex)) in analysis.documents().enumerate() {
            first_claim.push(claims.len());
            let lines = LineIndex::new(&doc.raw);
            // Claims come in order of their starts; their ends are counted
            // on a cursor of their own, so neither is counted from scratch.
            let mut cursors = [crate::text::Cursor::new(&lines, &doc.raw), crate::text::Cursor::new(&lines, &doc.raw)];
            for (claims_of_doc, claim) in ex.claims.iter().enumerate() {
                let (start, end) = doc.raw_span(claim.span.0, claim.span.1);
                // A record's text is one JSON string: its place is the record's
                // line, and the character where the claim starts in the text.
                // A record's place is counted in its source and set where
                // the record stands in its file.
                let mut place = |offset: usize, k: usize| match doc.record_line {
                    Some(record_line) => {
                        let (l, c) = cursors[k].position(offset);
                        (record_line + l - 1, if l == 1 { doc.raw_column + c - 1 } else { c })
                    }
                    None => cursors[k].position(offset),
                };
                let (line, column) = place(start, 0);
                let (end_line, end_column) = place(end, 1);
                let (line, column, end_line, end_column) =
                    (narrow(line), narrow(column), narrow(end_line), narrow(end_column));
                let number = numbering.claims + claims.len() + 1;
                let seen_sentence = ex
                    .sentences
                    .get(claim.sentence())
                    .map_or(claim.span, |s| (s.span.start.min(claim.span.0), s.span.end.max(claim.span.1)));
                let sentence = {
                    let (s, e) = doc.raw_span(seen_sentence.0, seen_sentence.1);
                    (s.min(start), e.max(end))
                };
                claims.push(ClaimView {
                    number,
                    doc_index,
                    doc,
                    claim,
                    start,
                    end,
                    line,
                    column,
                    end_line,
                    end_column,
                    sentence,
                    seen_sentence,
                    occurrence: ex.occurrences.get(claims_of_doc).copied().flatten().map(narrow),
                });
            }
        }
        numbering.claims += claims.len();
        Index { doc_ids, docs: docs.iter().collect(), claims, first_claim }
    }

    pub fn doc_id(&self, view: &ClaimView) -> &str {
        &self.doc_ids[view.doc_index]
    }

    /// Claims gathered by the sentence they sit in, sentences in the order
    /// their first claim comes, so that a sentence holding three of them is
    /// shown once with three marks.
    pub fn by_sentence(&self, claims: &[usize]) -> Vec<Vec<&ClaimView<'a>>> {
        let mut sentences: Vec<Vec<&ClaimView>> = Vec::new();
        for &c in claims {
            let v = &self.claims[c];
            match sentences.iter_mut().find(|s| s[0].doc_index == v.doc_index && s[0].sentence == v.sentence) {
                Some(s) => s.push(v),
                None => sentences.push(vec![v]),
            }
        }
        sentences
    }

    /// How many claims document `doc` holds.
    pub fn claims_of(&self, doc: usize) -> usize {
        self.first_claim.get(doc + 1).copied().unwrap_or(self.claims.len()) - self.first_claim[doc]
    }

    /// The view of claim `k` of document `doc`.
    pub fn claim(&self, doc: usize, k: usize) -> &ClaimView<'a> {
        &self.claims[self.first_claim[doc] + k]
    }
}

/// A line, column or count as an index keeps it: 32 bits, saturating (no
/// article has four billion lines).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

static SUMMARY_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^\d+ discrepanc(y|ies) \(\d+ errors?, \d+ warnings?\), \d+ agreements?, \d+ notes? in \d+ documents?, \d+ claims?",
    )
    .expect("valid regex")
});

/// Whether a line is the text report's summary line (`Summary::line`), by
/// which a saved text report is known and never read back as an article.
pub fn is_summary_line(line: &str) -> bool {
    SUMMARY_LINE.is_match(line.trim())
}

/// Text from an article, a file name or a review as a terminal may show it:
/// control characters become their visible pictures ("ESC" is "␛"), and
/// characters that reorder or hide text become "�", so that nothing an
/// article holds can move the cursor, retitle the window or forge a line.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\t') || crate::corpus::invisible(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' if c != '\t' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Scope names for a claim, joined for display.
pub fn scope_name(claim: &Claim, lexicon: &Lexicon) -> Option<String> {
    let scope = claim.referent.scope.get().filter(|s| !s.is_empty())?;
    Some(scope.iter().map(|&p| lexicon.gazetteer.place(p).name.as_str()).collect::<Vec<_>>().join(", "))
}

/// A claim's sentence, clipped around the claim, with where the claim
/// sits in it (in characters).
pub struct Excerpt {
    pub text: String,
    pub caret_start: usize,
    pub caret_len: usize,
}

/// The sentence several claims share as a reader saw it (markup gone,
/// every run of white space one space, so carets line up), clipped to
/// `width` characters around the claims (wider when the claims themselves
/// need more), with one caret run per claim (start, length in characters),
/// in the order given.
pub struct SharedExcerpt {
    pub text: String,
    pub carets: Vec<(usize, usize)>,
}

impl SharedExcerpt {
    /// The text in runs of characters, each marked (inside a claim) or not;
    /// claims that overlap merge into one marked run.
    pub fn runs(&self) -> Vec<(bool, String)> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut marked = vec![false; chars.len()];
        for &(start, len) in &self.carets {
            marked[start.min(chars.len())..(start + len).min(chars.len())].iter_mut().for_each(|m| *m = true);
        }
        let mut runs: Vec<(bool, String)> = Vec::new();
        for (c, m) in chars.into_iter().zip(marked) {
            match runs.last_mut() {
                Some((was, run)) if *was == m => run.push(c),
                _ => runs.push((m, c.to_string())),
            }
        }
        runs
    }
}

/// Takes at least one claim; claims of different sentences get the span
/// from the first sentence's start to the last one's end.
pub fn shared_excerpt(views: &[&ClaimView], width: usize) -> SharedExcerpt {
    let (s_start, s_end) =
        views.iter().fold(views[0].seen_sentence, |(a, b), v| (a.min(v.seen_sentence.0), b.max(v.seen_sentence.1)));
    let sentence = views[0].doc.analysed(s_start..s_end);
    // The flattened sentence, and for each of its characters the byte
    // offset it came from, to place the claims in it.
    let mut flat: Vec<char> = Vec::new();
    let mut from_byte: Vec<usize> = Vec::new();
    for (at, c) in sentence.char_indices() {
        if c.is_whitespace() {
            if flat.last().is_none_or(|&l| l == ' ') {
                continue;
            }
            flat.push(' ');
        } else {
            flat.push(c);
        }
        from_byte.push(s_start + at);
    }
    while flat.last() == Some(&' ') {
        flat.pop();
        from_byte.pop();
    }
    let index_of = |byte: usize| from_byte.partition_point(|&b| b < byte);
    let spans: Vec<(usize, usize)> = views
        .iter()
        .map(|v| {
            let start = index_of(v.claim.span.0);
            (start, index_of(v.claim.span.1).saturating_sub(start).max(1))
        })
        .collect();
    let lo = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let hi = spans.iter().map(|s| s.0 + s.1).max().unwrap_or(0);
    let from = if flat.len() <= width {
        0
    } else {
        lo.saturating_sub(width.saturating_sub(hi - lo) / 2).min(flat.len().saturating_sub(width))
    };
    let to = (from + width.max(hi - from)).min(flat.len());
    let mut shown: String = flat[from..to].iter().collect();
    let shift = usize::from(from > 0);
    if from > 0 {
        shown = format!("…{shown}");
    }
    if to < flat.len() {
        shown.push('…');
    }
    let carets =
        spans.iter().map(|&(start, len)| (start - from + shift, len.min(to.saturating_sub(start)).max(1))).collect();
    SharedExcerpt { text: shown, carets }
}

/// The sentence holding a claim, on one line (line breaks and tabs become
/// spaces, so carets line up), clipped to `width` characters around the claim.
pub fn excerpt(v: &ClaimView, width: usize) -> Excerpt {
    let shared = shared_excerpt(&[v], width);
    let (caret_start, caret_len) = shared.carets[0];
    Excerpt { text: shared.text, caret_start, caret_len }
}

/// Counts for the last line of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub discrepancies: usize,
    pub errors: usize,
    pub warnings: usize,
    pub agreements: usize,
    pub notes: usize,
    pub documents: usize,
    pub claims: usize,
    pub problems: usize,
    /// Discrepancies a reviewer dismissed, and those the baseline holds.
    pub dismissed: usize,
    pub in_baseline: usize,
}

impl Summary {
    pub fn new(analysis: &Analysis, findings: &[Finding]) -> Self {
        let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
        // Errors and warnings are what can still fail the run: a dismissed
        // discrepancy or one in the baseline is counted apart, so that the
        // summary's errors match the exit status.
        let severe = |s: Severity| findings.iter().filter(|f| f.counts() && f.severity == s).count();
        Summary {
            discrepancies: count(Status::Discrepancy),
            errors: severe(Severity::Error),
            warnings: severe(Severity::Warning),
            agreements: count(Status::Agreement),
            notes: count(Status::Note),
            documents: analysis.corpus.documents.len(),
            claims: analysis.extractions.iter().map(|e| e.claims.len()).sum(),
            problems: analysis.corpus.problems.len(),
            dismissed: findings.iter().filter(|f| f.status == Status::Discrepancy && f.is_dismissed()).count(),
            in_baseline: findings.iter().filter(|f| f.status == Status::Discrepancy && f.in_baseline).count(),
        }
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut line = format!(
            "{} ({}, {}), {}, {} in {}, {}",
            plural(self.discrepancies, "discrepancy", "discrepancies"),
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.agreements, "agreement", "agreements"),
            plural(self.notes, "note", "notes"),
            plural(self.documents, "document", "documents"),
            plural(self.claims, "claim", "claims"),
        );
        if self.dismissed > 0 || self.in_baseline > 0 {
            line.push_str(&format!("; {} dismissed, {} in the baseline", self.dismissed, self.in_baseline));
        }
        if self.problems > 0 {
            line.push_str(&format!("; {} could not be read", plural(self.problems, "file", "files")));
        }
        line
    }
}

/// A quotation's word diff as one line, each step rendered by `step` (which
/// escapes and marks the words for its format).
pub fn diff_line(diff: &[crate::engine::WordChange], step: impl Fn(&crate::engine::WordChange) -> String) -> String {
    diff.iter().map(step).collect::<Vec<_>>().join(" ")
}
