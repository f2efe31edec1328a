//! The JSON report (CONTRACT.md): documents, claims, date expressions and
//! findings, one object, always valid JSON whatever the articles contain.

use std::io::Write;

use rayon::prelude::*;

use super::wire::{ChangeOut, ClaimOut, DateOut, DocumentOut, FieldOut, FindingOut, Num, ReferentOut};
use super::{ClaimView, Index, scope_name};
use crate::Analysis;
use crate::claim::{ClaimKind, Ustr};
use crate::corpus::LoadError;
use crate::engine::Finding;
use crate::lexicon::Lexicon;
use crate::workflow::Review;

/// A quantity's referent, field by field, for the report.
pub fn referent_out<'a>(r: &'a crate::claim::Referent, lexicon: &'a Lexicon) -> ReferentOut<'a> {
    let scope = r.scope.get().map(|ids| FieldOut {
        value: ids.iter().map(|&p| lexicon.gazetteer.place(p).name.as_str()).collect(),
        source: r.scope.source,
        confidence: r.scope.confidence,
    });
    let time =
        r.time.get().map(|t| FieldOut { value: t.render(), source: r.time.source, confidence: r.time.confidence });
    let event =
        r.event.get().map(|e| FieldOut { value: &*e.name, source: r.event.source, confidence: r.event.confidence });
    ReferentOut {
        measure: FieldOut::of(&r.measure),
        noun: r.noun.as_deref(),
        predicate: FieldOut::of(r.predicate()),
        category: FieldOut::of(&r.category),
        holder: FieldOut::of(r.holder()),
        scope,
        time,
        time_kind: r.time_kind,
        event,
        aspect: r.aspect,
        attribution: r.attribution.as_deref(),
        part: r.part,
    }
}

/// Renders the report with the rule engine's findings and the review
/// decisions whose finding is gone.
pub fn render(analysis: &Analysis, index: &Index, findings: &[Finding], stale: &[Review], lexicon: &Lexicon) -> String {
    in_memory(|out| write(out, analysis, index, findings, stale, lexicon))
}

/// What a report writer writes, as a string.
fn in_memory(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the report as `render` gives it.
pub fn write(
    out: &mut dyn Write,
    analysis: &Analysis,
    index: &Index,
    findings: &[Finding],
    stale: &[Review],
    lexicon: &Lexicon,
) -> std::io::Result<()> {
    let mut body = Body::in_memory(out)?;
    body.add((analysis, index, lexicon))?;
    let mut findings = findings.iter().map(Ok::<_, std::io::Error>);
    body.write_report(&mut findings, &mut || stale.to_vec(), &analysis.corpus.problems).map(drop)
}

/// The same report as JSON Lines: one object a line, each with a `type`
/// (`report`, `document`, `claim`, `date`, `finding`, `stale_review`,
/// `problem`), so that a large report can be read a line at a time.
pub fn render_lines(
    analysis: &Analysis,
    index: &Index,
    findings: &[Finding],
    stale: &[Review],
    lexicon: &Lexicon,
) -> String {
    in_memory(|out| write_lines(out, analysis, index, findings, stale, lexicon))
}

/// Writes the report as `render_lines` gives it, a line at a time.
pub fn write_lines(
    out: &mut dyn Write,
    analysis: &Analysis,
    index: &Index,
    findings: &[Finding],
    stale: &[Review],
    lexicon: &Lexicon,
) -> std::io::Result<()> {
    write_lines_with(out, (analysis, index, lexicon), findings, stale, &mut |_, _, _| {})
}

/// What a caller adds to a line of the JSON Lines report: given the line's
/// type and which line of that type it is (from 0), it pushes fields, each
/// a key and its value already written as JSON.
pub type Extend<'e> = dyn FnMut(&str, usize, &mut Vec<(&'static str, String)>) + 'e;

/// `write_lines`, with `extend` adding fields to each line before it is
/// written (the claim records of `crosscheck claims --format jsonl`).
pub fn write_lines_with(
    out: &mut dyn Write,
    (analysis, index, lexicon): (&Analysis, &Index, &Lexicon),
    findings: &[Finding],
    stale: &[Review],
    extend: &mut Extend,
) -> std::io::Result<()> {
    write_sections(out, (analysis, index, lexicon), (findings, stale), Sections::ALL, extend)
}

/// Which lines of the JSON Lines report a write gives: the `report` line
/// that opens it, the lines of its documents, claims, dates, findings and
/// stale reviews, and the `problem` lines that close it. A stream writes
/// the opening line once, the body of each batch, and its problems last.
#[derive(Debug, Clone, Copy)]
pub struct Sections {
    pub opening: bool,
    pub body: bool,
    pub problems: bool,
}

impl Sections {
    pub const ALL: Sections = Sections { opening: true, body: true, problems: true };
}

/// The `sections` of the JSON Lines report of one analysis.
pub fn write_sections(
    out: &mut dyn Write,
    (analysis, index, lexicon): (&Analysis, &Index, &Lexicon),
    (findings, stale): (&[Finding], &[Review]),
    sections: Sections,
    extend: &mut Extend,
) -> std::io::Result<()> {
    let mut line = Line { out, extend, buffer: Vec::with_capacity(4096), extra: Vec::new() };
    if sections.opening {
        line.write("report", 0, &opening())?;
    }
    if sections.body {
        for n in 0..analysis.corpus.documents.len() {
            line.write("document", n, &document_out(analysis, index, n))?;
        }
        for (n, v) in index.claims.iter().enumerate() {
            line.write("claim", n, &claim_out(v, index, lexicon))?;
        }
        for (n, d) in index.claims.iter().filter_map(|v| date_out(v, index)).enumerate() {
            line.write("date", n, &d)?;
        }
        for (n, f) in findings.iter().enumerate() {
            line.write("finding", n, &finding_out(n, f))?;
        }
        for (n, r) in stale.iter().enumerate() {
            line.write("stale_review", n, r)?;
        }
    }
    if sections.problems {
        write_problems(&mut line, &analysis.corpus.problems)?;
    }
    Ok(())
}

/// What the JSON Lines report's opening `report` line says.
fn opening() -> serde_json::Value {
    serde_json::json!({ "tool": "crosscheck", "version": env!("CARGO_PKG_VERSION") })
}

fn write_problems(line: &mut Line, problems: &[LoadError]) -> std::io::Result<()> {
    for (n, p) in problems.iter().enumerate() {
        line.write("problem", n, &serde_json::json!({ "message": p.to_string() }))?;
    }
    Ok(())
}

/// The opening `report` line of a JSON Lines report written a section at
/// a time.
pub fn write_opening_line(out: &mut dyn Write) -> std::io::Result<()> {
    let mut line = Line { out, extend: &mut |_, _, _| {}, buffer: Vec::new(), extra: Vec::new() };
    line.write("report", 0, &opening())
}

/// The `problem` lines that close a JSON Lines report written a section at
/// a time.
pub fn write_problem_lines(out: &mut dyn Write, problems: &[LoadError]) -> std::io::Result<()> {
    let mut line = Line { out, extend: &mut |_, _, _| {}, buffer: Vec::new(), extra: Vec::new() };
    write_problems(&mut line, problems)
}

/// Writes JSON Lines: each line an object serialized straight from its
/// type, its `type` and the caller's fields added before its closing brace.
struct Line<'o, 'e> {
    out: &'o mut dyn Write,
    extend: &'o mut Extend<'e>,
    buffer: Vec<u8>,
    extra: Vec<(&'static str, String)>,
}

impl Line<'_, '_> {
    fn write(&mut self, kind: &str, nth: usize, value: &impl serde::Serialize) -> std::io::Result<()> {
        self.buffer.clear();
        serde_json::to_writer(&mut self.buffer, value)?;
        if self.buffer.last() == Some(&b'}') {
            self.buffer.pop();
        } else {
            // Not an object: it becomes the line's `value`.
            self.buffer.splice(0..0, b"{\"value\":".iter().copied());
        }
        self.extra.clear();
        self.extra.push(("type", serde_json::to_string(kind)?));
        (self.extend)(kind, nth, &mut self.extra);
        for (key, json) in &self.extra {
            if self.buffer.len() > 1 {
                self.buffer.push(b',');
            }
            self.buffer.push(b'"');
            self.buffer.extend_from_slice(key.as_bytes());
            self.buffer.extend_from_slice(b"\":");
            self.buffer.extend_from_slice(json.as_bytes());
        }
        self.buffer.extend_from_slice(b"}\n");
        self.out.write_all(&self.buffer)
    }
}

/// Finding `f`, the `n`th of its report (from 0), as the report writes it.
fn finding_out(n: usize, f: &Finding) -> FindingOut<'_> {
    FindingOut {
        id: format!("f{}", n + 1),
        rule: &f.rule,
        status: f.status.name(),
        severity: f.severity.name(),
        claims: f.claims.iter().map(|&c| super::claim_id(c)).collect(),
        message: &f.message,
        diff: f.diff.as_deref().map(Vec::as_slice),
        fingerprint: &f.fingerprint,
        review: f.review.as_deref(),
        in_baseline: f.in_baseline,
    }
}

/// The `finding` line of finding `f`, the `n`th of its report (from 0):
/// for a report whose findings are written as they are found.
pub fn write_finding_line(out: &mut dyn Write, n: usize, f: &Finding) -> std::io::Result<()> {
    let mut line = Line { out, extend: &mut |_, _, _| {}, buffer: Vec::with_capacity(1024), extra: Vec::new() };
    line.write("finding", n, &finding_out(n, f))
}

/// The `stale_review` lines of a report whose findings were written as
/// they were found.
pub fn write_stale_lines(out: &mut dyn Write, stale: &[Review]) -> std::io::Result<()> {
    let mut line = Line { out, extend: &mut |_, _, _| {}, buffer: Vec::new(), extra: Vec::new() };
    stale.iter().enumerate().try_for_each(|(n, r)| line.write("stale_review", n, r))
}

/// Document `i` of the analysis, as the report writes it.
fn document_out<'a>(analysis: &'a Analysis, index: &'a Index, i: usize) -> DocumentOut<'a> {
    let (doc, ex) = (&analysis.corpus.documents[i], &analysis.extractions[i]);
    DocumentOut {
        id: &index.doc_ids[i],
        path: doc.path.display().to_string(),
        date: doc.meta.date.map(|d| d.format("%Y-%m-%d").to_string()),
        date_source: doc.meta.date_source,
        record_line: doc.record_line,
        outlet: doc.meta.outlet.as_deref(),
        url: doc.meta.url.as_deref(),
        title: doc.meta.title.as_deref(),
        main_event: ex.main_event.as_ref().map(|e| &*e.name),
    }
}

/// A date claim as the report's `dates` list writes it.
fn date_out<'a>(v: &'a ClaimView, index: &'a Index) -> Option<DateOut<'a>> {
    let c = v.claim;
    (c.kind == ClaimKind::Date).then(|| {
        let d = c.date();
        DateOut {
            id: v.id(),
            doc: index.doc_id(v),
            start: v.doc.raw_offset + v.start,
            end: v.doc.raw_offset + v.end,
            text: v.text(),
            value: d.and_then(|d| d.value).map(|r| r.render()),
            note: d.and_then(|d| d.note.as_deref()),
        }
    })
}

/// A claim as the report writes it.
fn claim_out<'a>(v: &'a ClaimView, index: &'a Index, lexicon: &'a Lexicon) -> ClaimOut<'a> {
    let c = v.claim;
    let q = c.quantity();
    let r = &c.referent;
    let list = q.and_then(|q| q.list.as_ref()).map(|items| {
        items
            .iter()
            .map(|&(s, e)| {
                let (s, e) = v.doc.raw_span(s, e);
                &v.doc.raw[s..e]
            })
            .collect()
    });
    let change = q
        .and_then(|q| q.stated_change())
        .map(|ch| ChangeOut { direction: ch.direction.name(), to: index.claim(v.doc_index, ch.to).id() });
    ClaimOut {
        id: v.id(),
        doc: index.doc_id(v),
        kind: c.kind.name(),
        start: v.doc.raw_offset + v.start,
        end: v.doc.raw_offset + v.end,
        line: v.line,
        column: v.column,
        text: v.text(),
        value: q.and_then(|q| q.value).map(Num),
        low: q.and_then(|q| q.interval.low).map(Num),
        high: q.and_then(|q| q.interval.high).map(Num),
        approx: q.map(|q| q.approx.as_str()),
        rounded: q.is_some_and(|q| q.rounded),
        unit: q.and_then(|q| q.unit.as_deref()),
        measure: r.measure.get().map(Ustr::as_str),
        category: r.category.get().map(Ustr::as_str),
        scope: scope_name(c, lexicon),
        scope_ids: r.scope.get().into_iter().flatten().map(|&p| lexicon.gazetteer.place(p).key.as_str()).collect(),
        time: r.time.get().map(|t| t.render()),
        event: r.event.get().map(|e| &*e.name),
        phase: r.event.get().and_then(|e| e.phase),
        holder: r.holder().get().map(Ustr::as_str),
        referent: (c.kind == ClaimKind::Quantity).then(|| referent_out(r, lexicon)),
        speaker: c.quote().and_then(|q| q.speaker.as_deref()),
        affiliation: c.quote().and_then(|q| q.affiliation.as_deref()),
        list,
        change,
        note: c.date().and_then(|d| d.note.as_deref()),
    }
}

/// How many claims one task serializes: enough to outweigh handing the
/// task to a core, few enough that a batch's claims spread over many.
const CLAIMS_SERIALIZED_TOGETHER: usize = 512;

/// How many findings the report takes from the rules before serializing
/// them, and how many of those one task serializes.
const FINDINGS_TAKEN_TOGETHER: usize = 4096;
const FINDINGS_SERIALIZED_TOGETHER: usize = 256;

/// Where a section of the report waits until the report is written: in
/// memory, or, for an archive read as a stream, in a temporary file.
pub trait Spool: Write {
    /// Writes what the section holds to `out`.
    fn copy_to(self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Spool for Vec<u8> {
    fn copy_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&self)
    }
}

/// A section spooled to an anonymous temporary file, gone when dropped.
pub struct TempSpool(std::io::BufWriter<std::fs::File>);

impl TempSpool {
    pub fn new() -> std::io::Result<TempSpool> {
        Ok(TempSpool(std::io::BufWriter::new(tempfile::tempfile()?)))
    }
}

impl Write for TempSpool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Spool for TempSpool {
    fn copy_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        use std::io::Seek;
        let mut file = self.0.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.rewind()?;
        std::io::copy(&mut file, out).map(|_| ())
    }
}

/// The elements of one list of the report, written one at a time, each
/// on a line of its own inside the report's object (after the list's
/// opening bracket), so that no list is ever built whole. A record to a
/// line keeps a large report about a third smaller than pretty-printing
/// would, and lets line tools (`grep`, `diff`) see one record at a time.
struct Elements<S> {
    out: S,
    count: usize,
    buffer: Vec<u8>,
}

impl<S: Write> Elements<S> {
    fn new(out: S) -> Elements<S> {
        Elements { out, count: 0, buffer: Vec::with_capacity(4096) }
    }

    fn push(&mut self, item: &impl serde::Serialize) -> std::io::Result<()> {
        self.buffer.clear();
        self.buffer.extend_from_slice(if self.count == 0 { &SEPARATOR[1..] } else { SEPARATOR });
        serde_json::to_writer(&mut self.buffer, item)?;
        self.out.write_all(&self.buffer)?;
        self.count += 1;
        Ok(())
    }

    /// Writes `count` elements serialized by `serialize_run`, each after
    /// `SEPARATOR`: the list's first element goes without its comma.
    fn push_run(&mut self, run: &[u8], count: usize) -> std::io::Result<()> {
        let run = if self.count == 0 { run.get(1..).unwrap_or_default() } else { run };
        self.out.write_all(run)?;
        self.count += count;
        Ok(())
    }

    /// The list's closing bracket; gives back where it was written.
    fn close(mut self) -> std::io::Result<S> {
        self.out.write_all(if self.count == 0 { b"]" } else { b"\n  ]" })?;
        Ok(self.out)
    }
}

/// What comes before each element of a list but the first.
const SEPARATOR: &[u8] = b",\n    ";

/// Elements serialized one after another, each after `SEPARATOR`, for
/// `Elements::push_run`.
fn serialize_run<T: serde::Serialize>(items: impl Iterator<Item = T>) -> std::io::Result<Vec<u8>> {
    let mut run = Vec::new();
    for item in items {
        run.extend_from_slice(SEPARATOR);
        serde_json::to_writer(&mut run, &item)?;
    }
    Ok(run)
}

/// A list of the report, after its opening bracket.
fn write_list(out: &mut dyn Write, items: impl IntoIterator<Item = impl serde::Serialize>) -> std::io::Result<()> {
    let mut list = Elements::new(out);
    for item in items {
        list.push(&item)?;
    }
    list.close().map(drop)
}

/// The report as its documents are analysed, a batch at a time, while
/// their texts are still there (the rest of the run keeps no text): its
/// opening and its claims written straight to the output, the largest
/// list, in order as they come; its documents and dates, which follow the
/// claims, held in a spool until the claims are all written.
pub struct Body<S, W> {
    claims: Elements<W>,
    documents: Elements<S>,
    dates: Elements<S>,
}

impl<W: Write> Body<Vec<u8>, W> {
    /// A body whose documents and dates wait in memory, for a report of a
    /// few articles.
    pub fn in_memory(out: W) -> std::io::Result<Body<Vec<u8>, W>> {
        Body::new(out, (Vec::new(), Vec::new()))
    }
}

impl<W: Write> Body<TempSpool, W> {
    /// A body whose documents and dates wait in temporary files, for an
    /// archive.
    pub fn spooled(out: W) -> std::io::Result<Body<TempSpool, W>> {
        Body::new(out, (TempSpool::new()?, TempSpool::new()?))
    }
}

impl<S: Spool, W: Write> Body<S, W> {
    /// Writes the report's opening to `out`, up to its list of claims.
    fn new(mut out: W, (documents, dates): (S, S)) -> std::io::Result<Body<S, W>> {
        let version = serde_json::to_string(env!("CARGO_PKG_VERSION"))?;
        write!(out, "{{\n  \"tool\": \"crosscheck\",\n  \"version\": {version},\n  \"claims\": [")?;
        Ok(Body { claims: Elements::new(out), documents: Elements::new(documents), dates: Elements::new(dates) })
    }

    /// Adds the documents, claims and dates of one batch, indexed with the
    /// ids of the whole report (`Index::numbered`).
    pub fn add(&mut self, (analysis, index, lexicon): (&Analysis, &Index, &Lexicon)) -> std::io::Result<()> {
        for i in 0..analysis.corpus.documents.len() {
            self.documents.push(&document_out(analysis, index, i))?;
        }
        // The claims, the bulk of the report, are serialized on every core,
        // a run of them at a time, and written in order: the thread that
        // reads the corpus and writes the report is the one part of a run
        // that does not grow with the cores.
        let runs: Vec<std::io::Result<Vec<u8>>> = index
            .claims
            .par_chunks(CLAIMS_SERIALIZED_TOGETHER)
            .map(|views| serialize_run(views.iter().map(|v| claim_out(v, index, lexicon))))
            .collect();
        for (run, views) in runs.into_iter().zip(index.claims.chunks(CLAIMS_SERIALIZED_TOGETHER)) {
            self.claims.push_run(&run?, views.len())?;
        }
        for d in index.claims.iter().filter_map(|v| date_out(v, index)) {
            self.dates.push(&d)?;
        }
        Ok(())
    }

    /// The rest of the report after the claims: `documents`, `dates`,
    /// `findings` (given one at a time, as read back in order), then
    /// `stale_reviews`, asked for once the findings are written (a stream
    /// knows them only then), and the `problems` of reading, then a line
    /// break. Gives back the output.
    pub fn write_report<F: std::borrow::Borrow<Finding> + Send + Sync>(
        self,
        findings: &mut dyn Iterator<Item = std::io::Result<F>>,
        stale: &mut dyn FnMut() -> Vec<Review>,
        problems: &[LoadError],
    ) -> std::io::Result<W> {
        let mut out = self.claims.close()?;
        out.write_all(b",\n  \"documents\": [")?;
        self.documents.close()?.copy_to(&mut out)?;
        out.write_all(b",\n  \"dates\": [")?;
        self.dates.close()?.copy_to(&mut out)?;
        out.write_all(b",\n  \"findings\": [")?;
        // Like the claims, the findings are serialized on every core: they
        // are taken `FINDINGS_TAKEN_TOGETHER` at a time, in their order.
        let mut list = Elements::new(&mut out);
        let mut taken: Vec<F> = Vec::with_capacity(FINDINGS_TAKEN_TOGETHER);
        loop {
            taken.clear();
            for f in (&mut *findings).take(FINDINGS_TAKEN_TOGETHER) {
                taken.push(f?);
            }
            if taken.is_empty() {
                break;
            }
            let first = list.count;
            let runs: Vec<std::io::Result<Vec<u8>>> = taken
                .par_chunks(FINDINGS_SERIALIZED_TOGETHER)
                .enumerate()
                .map(|(k, run)| {
                    let numbered = run.iter().enumerate();
                    serialize_run(
                        numbered.map(|(j, f)| finding_out(first + k * FINDINGS_SERIALIZED_TOGETHER + j, f.borrow())),
                    )
                })
                .collect();
            for (run, of) in runs.into_iter().zip(taken.chunks(FINDINGS_SERIALIZED_TOGETHER)) {
                list.push_run(&run?, of.len())?;
            }
        }
        list.close()?;
        out.write_all(b",\n  \"stale_reviews\": [")?;
        write_list(&mut out, stale())?;
        out.write_all(b",\n  \"problems\": [")?;
        write_list(&mut out, problems.iter().map(ToString::to_string))?;
        out.write_all(b"\n}\n")?;
        Ok(out)
    }
}
