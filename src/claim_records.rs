//! claim_records: a corpus's claims as self-contained JSON Lines records,
//! so that extraction and comparison can run apart: extraction sharded
//! over many machines or a query engine's workers, comparison on the
//! records alone, block by block.
//! Takes: an `Analysis` (writing), or the lines `crosscheck claims --format
//! jsonl` wrote (reading).
//! Gives: per document, a `document` line whose `record` holds what
//! comparison and reports need of it (its main event, its country, the
//! sentences that hold its claims, where they stand); per claim, a `claim`
//! line whose `record` is the normalized claim in full and whose `block`
//! keys the comparisons it can take part in. Read back, an `Analysis` whose
//! documents hold only those sentences, at their offsets and lines.
//! Never: extracts again; a record is taken as written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Analysis;
use crate::claim::{Change, Claim, ClaimKind, EventRef};
use crate::corpus::{Corpus, DateSource, Document, Metadata, OffsetMap};
use crate::extract::Extraction;
use crate::graph::compared_measure;
use crate::lexicon::{Lexicon, PlaceId};
use crate::report::{Index, json};
use crate::segment::Sentence;
use crate::text::LineIndex;

/// A sentence that holds a claim: its analysed text, where it stands in
/// the analysed text, and its 1-based line and column in the document's
/// raw text (relative to a record's own start, as reports count them).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SentenceRecord {
    index: usize,
    start: usize,
    paragraph: usize,
    line: usize,
    column: usize,
    text: String,
    /// Where it starts in the raw text.
    raw_start: usize,
    /// For a document whose analysed text is not its raw text (HTML,
    /// Markdown, a JSON record): the raw text the sentence was read from,
    /// and the runs of the offset map between the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    map: Vec<(usize, usize, usize, usize)>,
}

/// What comparison and reports need of a document beyond its report line.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocumentRecord {
    /// The analysed and the raw text's lengths in bytes.
    text_len: usize,
    raw_len: usize,
    raw_offset: usize,
    raw_column: usize,
    main_event: Option<Arc<EventRef>>,
    country: Option<PlaceId>,
    sentences: Vec<SentenceRecord>,
}

/// The fields of a `document` line that reading needs.
#[derive(Debug, Deserialize)]
struct DocumentLine {
    id: String,
    path: String,
    date: Option<chrono::NaiveDate>,
    date_source: Option<DateSource>,
    record_line: Option<usize>,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    record: Option<DocumentRecord>,
}

#[derive(Debug, Deserialize)]
struct ClaimLine {
    doc: String,
    /// The claim's occurrence of its text in its document (see `workflow::fingerprint`).
    occurrence: Option<usize>,
    /// The claim's place among its document's claims when extracted.
    index: Option<usize>,
    record: Option<Claim>,
}

/// A line's kind, read before the rest of it.
#[derive(Debug, Deserialize)]
struct Kind {
    #[serde(rename = "type")]
    kind: String,
    gazetteer: Option<String>,
}

/// What a claim can be compared with, as a key a query engine can
/// partition on: claims of different blocks are never compared, so a
/// corpus's claims can be split by block and each block checked alone.
/// Quantities block by the broadest measure theirs is a kind of (homes are
/// held against structures), and so does a ranking ("more arrests than any
/// other city"), which is held against their figures; a list with the
/// count that announces it; a named record by its name; quotations and
/// dates by their kind.
pub fn block(claim: &Claim, lexicon: &Lexicon) -> String {
    let superlative = claim.superlative();
    if let Some(name) = superlative.and_then(|s| s.named.as_deref()) {
        return format!("record:{name}");
    }
    let ranking = superlative.is_some_and(|s| !s.record && s.subject.is_some());
    let measure = match claim.kind {
        // A list goes where the count it is checked against goes.
        ClaimKind::Quantity | ClaimKind::List => compared_measure(claim, lexicon),
        _ => claim.referent.measure.get().filter(|_| ranking).map(|m| m.to_string()),
    };
    match measure {
        Some(measure) => {
            let mut root = measure.as_str();
            // The lexicon's kinds form a tree; the bound only guards a cycle a user's file might make.
            for _ in 0..16 {
                match lexicon.measures.within.get(root) {
                    Some(broader) => root = broader,
                    None => break,
                }
            }
            format!("measure:{root}")
        }
        // A list with no measure goes with its count, a quantity with none.
        None if claim.kind == ClaimKind::List => ClaimKind::Quantity.name().to_string(),
        _ => claim.kind.name().to_string(),
    }
}

/// The figure a claim's change leads to, through a chain of them ("from 10
/// to 20 to 30"): a change is read against its later figure, so the two go
/// to one block, the later one's.
fn latest<'c>(claim: &'c Claim, extraction: &'c Extraction) -> &'c Claim {
    let mut at = claim;
    // A chain is a sentence's figures; the bound guards a cycle a hand-edited record might make.
    for _ in 0..extraction.claims.len() {
        match at.quantity().and_then(|q| q.stated_change()).and_then(|ch| extraction.claims.get(ch.to)) {
            Some(next) => at = next,
            None => break,
        }
    }
    at
}

/// Names the gazetteer a claim's place ids index into: records are read
/// back only with the same places in the same order.
pub fn gazetteer_fingerprint(lexicon: &Lexicon) -> String {
    let keys: Vec<u8> = lexicon.gazetteer.keys().flat_map(|k| k.bytes().chain([0])).collect();
    format!("{:016x}", crate::workflow::fnv1a(&keys))
}

/// The largest document a record may declare: a record is read as
/// written, and its lengths decide what is allocated.
const MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// Whether a document record can be rebuilt: its lengths within reason,
/// its sentences in order and inside them, its offset map too.
fn check_record(record: &DocumentRecord) -> Result<(), String> {
    let outside = |what: &str| Err(format!("a document record whose {what} lies outside its text"));
    if record.text_len > MAX_DOCUMENT_BYTES || record.raw_len > MAX_DOCUMENT_BYTES {
        return Err(format!("a document record longer than {MAX_DOCUMENT_BYTES} bytes"));
    }
    if !record.sentences.windows(2).all(|w| w[0].index < w[1].index) {
        return Err("a document record whose sentences are not in order".into());
    }
    for s in &record.sentences {
        let raw_len = s.raw.as_ref().unwrap_or(&s.text).len();
        if s.index > record.text_len
            || s.start.saturating_add(s.text.len()) > record.text_len
            || s.raw_start.saturating_add(raw_len) > record.raw_len
        {
            return outside("sentence");
        }
        let beyond = |&(t, len, r, raw_len): &(usize, usize, usize, usize)| {
            t.saturating_add(len) > record.text_len || r.saturating_add(raw_len) > record.raw_len
        };
        if s.map.iter().any(beyond) {
            return outside("offset map");
        }
    }
    Ok(())
}

fn document_record(doc: &Document, ex: &Extraction) -> DocumentRecord {
    let lines = LineIndex::new(&doc.raw);
    let mut held: BTreeMap<usize, (usize, usize, usize)> = BTreeMap::new();
    for c in &ex.claims {
        let (start, end, paragraph) = match ex.sentences.get(c.sentence()) {
            Some(s) => (s.span.start.min(c.span.0), s.span.end.max(c.span.1), s.paragraph),
            None => (c.span.0, c.span.1, c.paragraph()),
        };
        let entry = held.entry(c.sentence()).or_insert((start, end, paragraph));
        entry.0 = entry.0.min(start);
        entry.1 = entry.1.max(end);
    }
    let sentences = held
        .into_iter()
        .map(|(index, (start, end, paragraph))| {
            let (raw_start, raw_end) = doc.raw_span(start, end);
            let (line, column) = lines.position(&doc.raw, raw_start);
            let mapped = !doc.map.is_identity();
            SentenceRecord {
                index,
                start,
                paragraph,
                line,
                column,
                text: doc.text[start..end].to_string(),
                raw_start,
                raw: mapped.then(|| doc.raw[raw_start..raw_end].to_string()),
                map: if mapped { doc.map.within(start, end) } else { Vec::new() },
            }
        })
        .collect();
    DocumentRecord {
        text_len: doc.text.len(),
        raw_len: doc.raw.len(),
        raw_offset: doc.raw_offset,
        raw_column: doc.raw_column,
        main_event: ex.main_event.clone(),
        country: ex.country,
        sentences,
    }
}

/// `crosscheck claims --format jsonl`: the report's lines (see
/// `json::write_lines`), each document and claim line with its record,
/// each claim with its block; the first line names the gazetteer.
pub fn write(
    out: &mut dyn std::io::Write,
    analysis: &Analysis,
    index: &Index,
    lexicon: &Lexicon,
) -> std::io::Result<()> {
    write_sections(out, (analysis, index, lexicon), json::Sections::ALL)
}

/// `write` of some sections of the lines (see `json::Sections`): a stream
/// of batches writes the opening line once, each batch's body, and the
/// problems last.
pub fn write_sections(
    out: &mut dyn std::io::Write,
    (analysis, index, lexicon): (&Analysis, &Index, &Lexicon),
    sections: json::Sections,
) -> std::io::Result<()> {
    let occurrences = crate::workflow::occurrences(index);
    let fingerprint = gazetteer_fingerprint(lexicon);
    let mut extend = |kind: &str, n: usize, fields: &mut Vec<(&'static str, String)>| match kind {
        "report" => fields.push(("gazetteer", json(&fingerprint))),
        "document" => {
            let record = document_record(&analysis.corpus.documents[n], &analysis.extractions[n]);
            fields.push(("record", json(&record)));
        }
        "claim" => {
            let view = &index.claims[n];
            let extraction = &analysis.extractions[view.doc_index];
            fields.push(("block", json(&block(latest(view.claim, extraction), lexicon))));
            fields.push(("index", json(&(n - index.first_claim[view.doc_index]))));
            fields.push(("occurrence", json(&occurrences[n])));
            fields.push(("record", json(view.claim)));
        }
        _ => {}
    };
    json::write_sections(out, (analysis, index, lexicon), (&[], &[]), sections, &mut extend)
}

/// A record field written as JSON.
fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("records serialize")
}

/// A claims file that cannot be read back, with its place: the line, or
/// none (0) when the file itself cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}") } else { String::new() })]
pub struct RecordError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

/// A text of `len` bytes rebuilt from its pieces, each (offset, 1-based
/// line and column, text): the pieces at their offsets, blanks between them,
/// and line breaks where they put each piece on its line and column.
fn lay_out<'r>(len: usize, pieces: impl Iterator<Item = (usize, usize, usize, &'r str)>) -> String {
    let mut text = String::with_capacity(len);
    let (mut line, mut column) = (1, 1);
    for (start, at_line, at_column, piece) in pieces {
        let gap = start.saturating_sub(text.len());
        let breaks = at_line.saturating_sub(line).min(gap);
        if breaks > 0 {
            let indent = at_column.saturating_sub(1).min(gap - breaks);
            blank(&mut text, gap - breaks - indent, gap - breaks - indent);
            text.extend(std::iter::repeat_n('\n', breaks));
            blank(&mut text, indent, indent);
            (line, column) = (line + breaks, 1 + indent);
        } else {
            blank(&mut text, gap, at_column.saturating_sub(column));
            column = at_column.max(column);
        }
        // Pieces may overlap (a claim reaching past its sentence): the
        // overlap is already written, and ends on a character boundary.
        let Some(rest) = piece.get(text.len().saturating_sub(start)..) else { continue };
        if text.len() < start {
            continue;
        }
        text.push_str(rest);
        match rest.rfind('\n') {
            Some(last) => (line, column) = (line + rest.matches('\n').count(), rest[last + 1..].chars().count() + 1),
            None => column += rest.chars().count(),
        }
    }
    let rest = len.saturating_sub(text.len());
    blank(&mut text, rest, rest);
    text
}

/// Appends `bytes` bytes of blanks that a reader counts as `chars`
/// characters, as near as whitespace allows (one to three bytes each):
/// the blanks stand for text of wider characters that was left out.
fn blank(text: &mut String, bytes: usize, chars: usize) {
    let chars = chars.clamp(bytes.div_ceil(3), bytes);
    // Wider blanks first: `wide` of three bytes, `middle` of two, the rest of one.
    let extra = bytes - chars;
    let wide = extra / 2;
    let middle = extra % 2;
    text.extend(std::iter::repeat_n('\u{2003}', wide));
    text.extend(std::iter::repeat_n('\u{a0}', middle));
    text.extend(std::iter::repeat_n(' ', chars - wide - middle));
}

fn rebuild_document(line: DocumentLine, record: &DocumentRecord) -> (Document, Extraction) {
    let sentences_at = |raw: bool| {
        record.sentences.iter().map(move |s| match (raw, &s.raw) {
            (true, Some(r)) => (s.raw_start, s.line, s.column, r.as_str()),
            (true, None) => (s.raw_start, s.line, s.column, s.text.as_str()),
            (false, _) => (s.start, s.line, s.column, s.text.as_str()),
        })
    };
    let mapped = record.sentences.iter().any(|s| s.raw.is_some());
    let (text, raw, map) = if mapped {
        let mut map = OffsetMap::pieces();
        for &(t, len, r, raw_len) in record.sentences.iter().flat_map(|s| &s.map) {
            map.push(t, len, r, raw_len);
        }
        (lay_out(record.text_len, sentences_at(false)), lay_out(record.raw_len, sentences_at(true)), map)
    } else {
        let text = lay_out(record.text_len, sentences_at(false));
        (text.clone(), text, OffsetMap::identity())
    };
    let mut sentences = Vec::new();
    for s in &record.sentences {
        // Sentence indices are the claims' own: the ones holding no claim are left empty.
        sentences.resize_with(s.index, || Sentence { span: 0..0, tokens: 0..0, paragraph: s.paragraph });
        sentences.push(Sentence { span: s.start..s.start + s.text.len(), tokens: 0..0, paragraph: s.paragraph });
    }
    let doc = Document {
        id: line.id,
        path: PathBuf::from(line.path),
        record_line: line.record_line,
        raw_offset: record.raw_offset,
        raw_column: record.raw_column,
        warnings: Vec::new(),
        raw,
        text,
        map,
        meta: Metadata {
            date: line.date,
            date_source: line.date_source,
            outlet: line.outlet,
            url: line.url,
            title: line.title,
        },
        blanked: None,
        excerpts: None,
    };
    let extraction = Extraction {
        sentences,
        claims: Vec::new(),
        main_event: record.main_event.clone(),
        country: record.country,
        occurrences: Vec::new(),
    };
    (doc, extraction)
}

/// Reads back the claims files `crosscheck claims --format jsonl` wrote, in
/// order, into one analysis ready for the claim graph and the reports.
pub fn read(paths: &[PathBuf], lexicon: &Lexicon) -> Result<Analysis, RecordError> {
    let mut corpus = Corpus::default();
    let mut extractions: Vec<Extraction> = Vec::new();
    let fingerprint = gazetteer_fingerprint(lexicon);
    // Per document, each claim's index when extracted → its index here: a
    // shard holds some of a document's claims, and a change names the
    // other figure of its sentence by index.
    let mut renumbered: Vec<BTreeMap<usize, usize>> = Vec::new();
    for path in paths {
        let fail = |line: usize, message: String| RecordError { path: path.clone(), line, message };
        // Read a line at a time: a file of records is several times the
        // articles it came from, and is never held whole.
        let file = crate::compressed::open_lines(path).map_err(|e| fail(0, format!("cannot read: {e}")))?;
        // Documents of this file by id: claim lines name theirs.
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        // Claim lines wait for every document line of the file: an engine
        // that wrote the file need not have kept the lines' order.
        let mut claim_lines: Vec<(usize, ClaimLine)> = Vec::new();
        for (n, raw_line) in std::io::BufRead::lines(file).enumerate() {
            let line = n + 1;
            let raw_line = raw_line.map_err(|e| fail(line, format!("cannot read: {e}")))?;
            let raw_line = raw_line.as_str();
            if raw_line.trim().is_empty() {
                continue;
            }
            let kind: Kind = serde_json::from_str(raw_line).map_err(|e| {
                fail(
                    line,
                    format!("not a record ({e}); claim records are written by `crosscheck claims PATH --format jsonl`"),
                )
            })?;
            match kind.kind.as_str() {
                "report" => match kind.gazetteer {
                    Some(g) if g == fingerprint => {}
                    Some(g) => {
                        return Err(fail(
                            line,
                            format!(
                                "these claims were extracted with another gazetteer ({g}, these rules have {fingerprint}): extract them again with the rules used here"
                            ),
                        ));
                    }
                    None => return Err(fail(line, not_claims(path))),
                },
                "document" => {
                    let doc: DocumentLine =
                        serde_json::from_str(raw_line).map_err(|e| fail(line, format!("a document line: {e}")))?;
                    let Some(record) = doc.record.clone() else { return Err(fail(line, not_claims(path))) };
                    check_record(&record).map_err(|m| fail(line, m))?;
                    ids.insert(doc.id.clone(), corpus.documents.len());
                    renumbered.push(BTreeMap::new());
                    let (document, extraction) = rebuild_document(doc, &record);
                    // Laid out, a sentence that overlaps one before it keeps
                    // that one's text: its own bounds must still fall
                    // between characters, or a report would cut one in two.
                    let between = |k: usize| document.text.is_char_boundary(k);
                    if !extraction.sentences.iter().all(|s| between(s.span.start) && between(s.span.end)) {
                        return Err(fail(line, "a document record whose sentences cut a character in two".into()));
                    }
                    corpus.documents.push(document);
                    extractions.push(extraction);
                }
                "claim" => {
                    let claim: ClaimLine =
                        serde_json::from_str(raw_line).map_err(|e| fail(line, format!("a claim line: {e}")))?;
                    claim_lines.push((line, claim));
                }
                _ => {}
            }
        }
        let mut placed = Vec::with_capacity(claim_lines.len());
        for (line, claim) in claim_lines {
            let &doc = ids.get(&claim.doc).ok_or_else(|| {
                fail(line, format!("a claim of document \"{}\", which no document line of this file gives", claim.doc))
            })?;
            placed.push((doc, claim.index.unwrap_or(usize::MAX), line, claim));
        }
        // Each document's claims in the order they were extracted in.
        placed.sort_by_key(|&(doc, index, line, _)| (doc, index, line));
        for (doc, _, line, claim) in placed {
            let Some(record) = claim.record else { return Err(fail(line, not_claims(path))) };
            check_span(&record, &corpus.documents[doc]).map_err(|m| fail(line, m))?;
            if let Some(original) = claim.index {
                renumbered[doc].insert(original, extractions[doc].claims.len());
            }
            extractions[doc].occurrences.push(claim.occurrence);
            extractions[doc].claims.push(record);
        }
    }
    for (ex, renumbered) in extractions.iter_mut().zip(&renumbered) {
        for q in ex.claims.iter_mut().filter_map(|c| c.quantity_mut()) {
            // The change's other figure went to another shard: the change is not this shard's to read.
            q.change = q.change.take().and_then(|ch| renumbered.get(&ch.to).map(|&to| Box::new(Change { to, ..*ch })));
            q.whole = q.whole().and_then(|whole| renumbered.get(&whole)).and_then(|&w| u32::try_from(w).ok());
        }
    }
    // Documents in the order a corpus is read in (by path, then record),
    // whatever order the files and their lines came in: reports list
    // sources in that order.
    let mut documents: Vec<(Document, Extraction)> = corpus.documents.into_iter().zip(extractions).collect();
    documents.sort_by(|(a, _), (b, _)| (&a.path, a.record_line, &a.id).cmp(&(&b.path, b.record_line, &b.id)));
    let (documents, extractions) = documents.into_iter().unzip();
    corpus.documents = documents;
    Ok(Analysis { corpus, extractions })
}

fn not_claims(path: &Path) -> String {
    format!("{} holds no claim records: write them with `crosscheck claims PATH --format jsonl`", path.display())
}

/// A claim's spans must lie on character boundaries of its document's
/// rebuilt text, or reports would cut a character in two.
fn check_span(claim: &Claim, doc: &Document) -> Result<(), String> {
    let fits = |(s, e): (usize, usize)| s <= e && doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e);
    let spans = std::iter::once(claim.span)
        .chain(claim.quantity().into_iter().flat_map(|q| q.list.iter().flat_map(|l| l.iter()).copied()))
        .chain(claim.quantity().into_iter().filter_map(|q| q.change.as_ref().map(|c| c.cue)));
    for span in spans {
        if !fits(span) {
            return Err(format!("a span ({}..{}) outside its document's text", span.0, span.1));
        }
    }
    Ok(())
}
