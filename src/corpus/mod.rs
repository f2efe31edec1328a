//! corpus: the files named on the command line, read into documents.
//! Takes: paths (files or folders, walked recursively in a stable order).
//! Gives: `Corpus`: one `Document` per article (per record for JSON/JSONL),
//! each with the text to analyse, a map back to byte offsets of the file as
//! read, and metadata (date, outlet, URL) from a sidecar, front matter, the
//! record, or the text itself; plus the problems met on the way.
//! Never: guesses a date the input does not state, or stops at one bad file.

mod dating;
mod header;
mod html;
mod markdown;
mod offsets;
mod records;
mod sidecar;
mod walk;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use header::{UrlDate, url_date};
pub use offsets::OffsetMap;
pub use sidecar::{Sidecar, SidecarEntry};

use crate::lexicon::Lexicon;

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Sidecar,
    FrontMatter,
    Record,
    HtmlMeta,
    /// A leading `date YYYY-MM-DD` marker.
    Marker,
    /// A first line that is only a date ("September 28, 2017").
    Dateline,
    /// "Published ..." / "Updated ..." near the top.
    Published,
    /// The date in the article's URL.
    Url,
    /// Read from the content: the day the text narrates, anchored on the
    /// dates of the corpus's other articles (see `dating::infer`).
    Inferred,
}

/// What a newsroom knows about a document.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// One article, ready for analysis.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name, or the record's id.
    pub id: String,
    /// The file read.
    pub path: PathBuf,
    /// For a JSON/JSONL record: the 1-based line where the record starts.
    pub record_line: Option<usize>,
    /// Where `raw` starts in the file: 0, or a record's byte offset.
    pub raw_offset: usize,
    /// The 1-based column of `raw`'s first byte on `record_line`.
    pub raw_column: usize,
    /// What reading it found worth saying (a date that is none, front
    /// matter never closed): moved to the corpus's warnings.
    pub warnings: Vec<LoadWarning>,
    /// The text spans point into: the file as read, or the record's text.
    pub raw: String,
    /// The text analysed: `raw` with metadata and markup blanked out, or the
    /// visible text of an HTML page.
    pub text: String,
    /// Maps offsets of `text` back to offsets of `raw`.
    pub map: OffsetMap,
    pub meta: Metadata,
    /// Once `drop_analysed_text` has run: `text` is empty, and these are
    /// the runs of bytes where it differed from `raw` (blanked metadata,
    /// links, controls), each with the bytes it held there.
    pub blanked: Option<Vec<(usize, Box<[u8]>)>>,
    /// Once kept for comparison (`keep_excerpts`): the spans of its texts
    /// the rules read; `raw` and `text` are then empty.
    pub excerpts: Option<Box<Excerpts>>,
}

/// How far before an offset `Document::word_before` looks for the word.
pub const WORD_BEFORE_REACH: usize = 80;

/// What a document kept for comparison holds of its texts: the text of each
/// span the rules read, as read and as analysed, and nothing else.
#[derive(Debug, Default, Clone)]
pub struct Excerpts {
    raw: Spans,
    analysed: Spans,
    /// Each as the empty span at the offset it comes before.
    words_before: Spans,
}

/// Texts of spans, side by side in one string: each span (of the analysed
/// text) with where its text ends, in the spans' order.
#[derive(Debug, Default, Clone)]
struct Spans {
    text: String,
    spans: Vec<(u32, u32, u32)>,
}

impl Spans {
    /// Adds a span after those added, in order; its offsets fit 32 bits.
    fn push(&mut self, (start, end): (usize, usize), text: &str) {
        let narrow = |n: usize| u32::try_from(n).expect("a document kept for comparison is under four gigabytes");
        self.text.push_str(text);
        self.spans.push((narrow(start), narrow(end), narrow(self.text.len())));
    }

    fn get(&self, start: usize, end: usize) -> Option<&str> {
        let key = (u32::try_from(start).ok()?, u32::try_from(end).ok()?);
        let at = self.spans.binary_search_by_key(&key, |&(s, e, _)| (s, e)).ok()?;
        let from = if at == 0 { 0 } else { self.spans[at - 1].2 as usize };
        Some(&self.text[from..self.spans[at].2 as usize])
    }
}

impl Document {
    /// A document whose analysed text is its raw text (plain text, records).
    pub fn plain(id: String, path: PathBuf, raw: String) -> Document {
        Document {
            id,
            path,
            record_line: None,
            raw_offset: 0,
            raw_column: 1,
            warnings: Vec::new(),
            text: raw.clone(),
            raw,
            map: OffsetMap::identity(),
            meta: Metadata::default(),
            blanked: None,
            excerpts: None,
        }
    }

    /// Drops the analysed text of a document whose analysed text lies over
    /// its raw text byte for byte (plain text), keeping only where the two
    /// differ: once claims are extracted, reports read only a few of its
    /// sentences, and `analysed` rebuilds those from `raw`. A document
    /// whose analysed text is laid out differently (HTML, Markdown, a
    /// record) keeps it.
    pub fn drop_analysed_text(&mut self) {
        if self.blanked.is_some() || !self.map.is_identity() || self.text.len() != self.raw.len() {
            return;
        }
        let (raw, text) = (self.raw.as_bytes(), self.text.as_bytes());
        let mut runs = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == text[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < raw.len() && raw[i] != text[i] {
                i += 1;
            }
            runs.push((start, Box::from(&text[start..i])));
        }
        self.blanked = Some(runs);
        self.text = String::new();
    }

    /// Once the report has taken what it shows of the document (see
    /// `crate::comparison`): keeps of its texts only the spans the rules
    /// read, each given as a span of the analysed text: `raw`, read as
    /// `raw_text` reads them, `analysed`, as `analysed` does, and the word
    /// before each offset of `words_before`, as `word_before` does; drops
    /// the rest. A document longer than four gigabytes keeps its texts.
    pub fn keep_excerpts(
        &mut self,
        mut raw: Vec<(usize, usize)>,
        mut analysed: Vec<(usize, usize)>,
        mut words_before: Vec<usize>,
    ) {
        if u32::try_from(self.raw.len().max(self.text.len())).is_err() {
            return;
        }
        let mut excerpts = Excerpts::default();
        words_before.sort_unstable();
        words_before.dedup();
        for at in words_before {
            excerpts.words_before.push((at, at), &self.word_before(at));
        }
        raw.sort_unstable();
        raw.dedup();
        for (a, b) in raw {
            excerpts.raw.push((a, b), self.raw_text(a, b));
        }
        analysed.sort_unstable();
        analysed.dedup();
        for (a, b) in analysed {
            excerpts.analysed.push((a, b), &self.analysed(a..b));
        }
        for spans in [&mut excerpts.raw, &mut excerpts.analysed, &mut excerpts.words_before] {
            spans.text.shrink_to_fit();
            spans.spans.shrink_to_fit();
        }
        self.excerpts = Some(Box::new(excerpts));
        self.raw = String::new();
        self.text = String::new();
        self.blanked = None;
    }

    /// The last word of the analysed text before offset `at`, as written
    /// (punctuation and all), looked for in the `WORD_BEFORE_REACH` bytes
    /// before it: none when those hold no break between words and do not
    /// reach the start (a word that long is not one to read).
    pub fn word_before(&self, at: usize) -> std::borrow::Cow<'_, str> {
        if let Some(excerpts) = &self.excerpts {
            return std::borrow::Cow::Borrowed(excerpts.words_before.get(at, at).unwrap_or_default());
        }
        let near = self.analysed(at.saturating_sub(WORD_BEFORE_REACH)..at);
        if at > WORD_BEFORE_REACH && !near.trim_end().contains(char::is_whitespace) {
            return std::borrow::Cow::Borrowed("");
        }
        let word = near.split_whitespace().next_back().unwrap_or("");
        std::borrow::Cow::Owned(word.to_string())
    }

    /// The text as read of `start..end`, a span of the analysed text (see
    /// `raw_span`); of a document kept for comparison, one of the spans it
    /// kept, else nothing.
    pub fn raw_text(&self, start: usize, end: usize) -> &str {
        match &self.excerpts {
            Some(excerpts) => excerpts.raw.get(start, end).unwrap_or_default(),
            None => {
                let (s, e) = self.raw_span(start, end);
                &self.raw[s..e]
            }
        }
    }

    /// The analysed text of `range` (byte offsets of `text`, taken in to
    /// character boundaries): borrowed while the document holds it, rebuilt
    /// from `raw` once it was dropped.
    pub fn analysed(&self, range: std::ops::Range<usize>) -> std::borrow::Cow<'_, str> {
        if let Some(excerpts) = &self.excerpts {
            return std::borrow::Cow::Borrowed(excerpts.analysed.get(range.start, range.end).unwrap_or_default());
        }
        let Some(runs) = &self.blanked else {
            let start = crate::text::floor_char_boundary(&self.text, range.start);
            let end = crate::text::floor_char_boundary(&self.text, range.end).max(start);
            return std::borrow::Cow::Borrowed(&self.text[start..end]);
        };
        let end = range.end.min(self.raw.len());
        let start = range.start.min(end);
        let mut bytes = self.raw.as_bytes()[start..end].to_vec();
        // The runs that overlap the range, each copied over its overlap.
        let first = runs.partition_point(|(at, held)| at + held.len() <= start);
        for (at, held) in runs[first..].iter().take_while(|(at, _)| *at < end) {
            let (from, to) = ((*at).max(start), (at + held.len()).min(end));
            bytes[from - start..to - start].copy_from_slice(&held[from - at..to - at]);
        }
        // The bytes `text` held over `range`: a character it cuts at either
        // end shows as a replacement character.
        std::borrow::Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A span of `text` as a span of `raw`, always on character boundaries
    /// of `raw`: where a loader's map is coarse (an HTML tokenizer that
    /// rewrote line ends or NUL bytes), the span widens to whole characters
    /// rather than cut one.
    pub fn raw_span(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = self.map.to_raw(start, end);
        let mut s = s.min(self.raw.len());
        while !self.raw.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = e.clamp(s, self.raw.len());
        while !self.raw.is_char_boundary(e) {
            e += 1;
        }
        (s, e)
    }

    /// The outlet if known, else the id: how reports name the source.
    pub fn source_name(&self) -> &str {
        self.meta.outlet.as_deref().unwrap_or(&self.id)
    }
}

/// A file that could not be read, or a part of one that could not be used.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    #[error("{path}: cannot read: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like a binary file, not an article; skipped")]
    Binary { path: PathBuf },
    #[error("{path}: unsupported file type; crosscheck reads .txt, .md, .html, .json and .jsonl")]
    Unsupported { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error(
        "{path}: crosscheck failed on this document ({message}); it is left out, the others are reported; please report this bug"
    )]
    Internal { path: PathBuf, message: String },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Binary { path }
            | LoadError::Unsupported { path }
            | LoadError::Invalid { path, .. }
            | LoadError::Missing { path }
            | LoadError::Internal { path, .. } => path,
        }
    }
}

/// Something worth saying about the input that is no error: the run goes
/// on and its exit code does not change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadWarning {
    #[error("{path}: a link that leads out of its folder; not followed (use --follow-links to read it)")]
    LinkOutside { path: PathBuf },
    #[error("{path}: a report of crosscheck's own; not read as an article")]
    OwnReport { path: PathBuf },
    #[error("{path}:{line}: {count} numbers written in other scripts' digits (\"{sample}\") are not read")]
    OtherDigits { path: PathBuf, line: usize, count: usize, sample: String },
    #[error("{path}: empty; no article in it")]
    Empty { path: PathBuf },
    #[error("{path}: a folder with no article in it (.txt, .md, .html, .json, .jsonl)")]
    NoArticle { path: PathBuf },
    #[error("{path}:{line}: \"{value}\" is no date; the document is dated from its text instead")]
    BadDate { path: PathBuf, line: usize, value: String },
    #[error("{path}:1: front matter that is never closed (no second \"---\"); read as text")]
    UnclosedFrontMatter { path: PathBuf },
    #[error("{path}: read as {encoding}; its offsets count the text as UTF-8")]
    Decoded { path: PathBuf, encoding: &'static str },
}

/// Decimal digits of other scripts than Latin: Arabic-Indic, Persian,
/// Devanagari, Bengali and full-width forms.
fn other_digit(c: char) -> bool {
    matches!(c, '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}' | '\u{966}'..='\u{96f}' | '\u{9e6}'..='\u{9ef}' | '\u{ff10}'..='\u{ff19}')
}

/// A warning for the numbers a document writes in digits crosscheck does
/// not read, so that none is dropped without a word.
fn other_digits(doc: &Document) -> Option<LoadWarning> {
    let mut count = 0;
    let mut first = None;
    let mut in_run = false;
    // These digits are none of them ASCII: ASCII text, sixteen bytes at a
    // time where it can be, only ends a run.
    let bytes = doc.text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16)
            && chunk.iter().fold(true, |ascii, &b| ascii & b.is_ascii())
        {
            in_run = false;
            i += 16;
            continue;
        }
        let c = doc.text[i..].chars().next().expect("a character starts here");
        let digit = other_digit(c);
        if digit && !in_run {
            count += 1;
            first.get_or_insert(i);
        }
        in_run = digit;
        i += c.len_utf8();
    }
    let at = first?;
    let sample: String = doc.text[at..].chars().take_while(|&c| other_digit(c)).take(12).collect();
    let (raw_at, _) = doc.raw_span(at, at);
    let line = doc.record_line.unwrap_or(1) + doc.raw[..raw_at.min(doc.raw.len())].matches('\n').count();
    Some(LoadWarning::OtherDigits { path: doc.path.clone(), line, count, sample })
}

/// The documents read, and the problems met.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<LoadError>,
    /// What was skipped on purpose, said so the user knows.
    pub warnings: Vec<LoadWarning>,
}

/// Reads every article under `paths`; `extra` is source metadata from the
/// configuration, which a `sources.toml` beside the files overrides.
pub fn load(paths: &[PathBuf], lexicon: &Lexicon, extra: Option<&Sidecar>, follow_links: bool) -> Corpus {
    let mut corpus = Corpus::default();
    let mut documents = Vec::new();
    load_each(paths, lexicon, (extra, follow_links), (&mut corpus, Reading::Parallel), &mut |doc| documents.push(doc));
    corpus.documents = documents;
    corpus
}

/// How `load_each` reads its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// `READ_TOGETHER` files at a time, in parallel: for a pass that
    /// nothing else runs beside.
    Parallel,
    /// One file after another, on the caller's thread: beside extraction,
    /// which the cores are busy with.
    InTurn,
}

/// How many files `Reading::Parallel` reads at a time.
const READ_TOGETHER: usize = 64;

/// `load`, handing each document to `each` as soon as it is read instead of
/// keeping it: a stream of an archive holds a few files' documents at a
/// time. Problems and warnings go to `corpus`, whose documents are left
/// alone; all come in the order of the files, however they are read.
pub fn load_each(
    paths: &[PathBuf],
    lexicon: &Lexicon,
    (extra, follow_links): (Option<&Sidecar>, bool),
    (corpus, reading): (&mut Corpus, Reading),
    each: &mut dyn FnMut(Document),
) {
    use rayon::prelude::*;
    let files = walk::files(paths, follow_links, &mut corpus.problems, &mut corpus.warnings);
    let mut sidecars = sidecar::Sidecars::default();
    let together = if reading == Reading::Parallel { READ_TOGETHER } else { 1 };
    for chunk in files.chunks(together) {
        let sidecar_of: Vec<_> = chunk.iter().map(|file| sidecars.for_file(file)).collect();
        let reads: Vec<FileRead> = match reading {
            Reading::Parallel => chunk.par_iter().map(|file| FileRead::of(file, lexicon)).collect(),
            Reading::InTurn => chunk.iter().map(|file| FileRead::of(file, lexicon)).collect(),
        };
        for ((file, sidecar), read) in chunk.iter().zip(sidecar_of).zip(reads) {
            let sidecar = sidecar.unwrap_or_else(|e| {
                corpus.problems.push(e);
                None
            });
            match read {
                FileRead::Decoded { docs, mut problems, encoding } => {
                    corpus.warnings.push(LoadWarning::Decoded { path: file.clone(), encoding });
                    corpus.problems.append(&mut problems);
                    docs.into_iter().for_each(&mut *each);
                }
                FileRead::Empty => corpus.warnings.push(LoadWarning::Empty { path: file.clone() }),
                FileRead::OwnReport => corpus.warnings.push(LoadWarning::OwnReport { path: file.clone() }),
                FileRead::Parsed { docs, mut problems } => {
                    corpus.problems.append(&mut problems);
                    for mut doc in docs {
                        corpus.warnings.extend(other_digits(&doc));
                        corpus.warnings.append(&mut doc.warnings);
                        for layer in [extra, sidecar.as_ref()].into_iter().flatten() {
                            if let Some(entry) = layer.entry(&doc.id) {
                                entry.apply(&mut doc.meta);
                            }
                        }
                        each(doc);
                    }
                }
                FileRead::Failed(e) => corpus.problems.push(e),
            }
        }
    }
}

/// Whether the files `load_each` would read under `paths` take at most
/// `bytes` in all, by their sizes on disk: known before any is read, and
/// stopping at the first file over.
pub fn files_fit(paths: &[PathBuf], follow_links: bool, bytes: u64) -> bool {
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    let mut total: u64 = 0;
    walk::files(paths, follow_links, &mut problems, &mut warnings).iter().all(|file| {
        total += std::fs::metadata(file).map_or(0, |m| m.len());
        total <= bytes
    })
}

/// A file read and parsed, its documents not yet handed over.
enum FileRead {
    /// Decoded from UTF-16.
    Decoded {
        docs: Vec<Document>,
        problems: Vec<LoadError>,
        encoding: &'static str,
    },
    Empty,
    /// A report of this tool's, not an article.
    OwnReport,
    Parsed {
        docs: Vec<Document>,
        problems: Vec<LoadError>,
    },
    Failed(LoadError),
}

impl FileRead {
    fn of(file: &Path, lexicon: &Lexicon) -> FileRead {
        let mut problems = Vec::new();
        match read_file(file) {
            Ok((text, Some(encoding))) => {
                let docs = parse_file(file, text, lexicon, &mut problems);
                FileRead::Decoded { docs, problems, encoding }
            }
            Ok((text, None)) if text.trim().is_empty() => FileRead::Empty,
            Ok((text, None)) if is_own_report(&text) => FileRead::OwnReport,
            Ok((text, None)) => {
                let docs = parse_file(file, text, lexicon, &mut problems);
                FileRead::Parsed { docs, problems }
            }
            Err(e) => FileRead::Failed(e),
        }
    }
}

/// Reads a file as UTF-8 text, rejecting binary and non-UTF-8 content.
/// Reads a file as text: UTF-8, or UTF-16 with its byte-order mark
/// (decoded, and named as such); binary and other encodings are rejected.
fn read_file(path: &Path) -> Result<(String, Option<&'static str>), LoadError> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| LoadError::Io { path: path.into(), message: e.to_string() })?;
    let utf16 = |little: bool| {
        let units = bytes[2..].chunks(2).map(|p| {
            let pair = [p[0], p.get(1).copied().unwrap_or(0)];
            if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        });
        char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect::<String>()
    };
    match bytes.get(..2) {
        Some([0xff, 0xfe]) => return Ok((utf16(true), Some("UTF-16LE"))),
        Some([0xfe, 0xff]) => return Ok((utf16(false), Some("UTF-16BE"))),
        _ => {}
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(LoadError::Binary { path: path.into() });
    }
    String::from_utf8(bytes)
        .map(|t| (t, None))
        .map_err(|e| LoadError::NotUtf8 { path: path.into(), offset: e.utf8_error().valid_up_to() })
}

/// Blanks `text[start..end]` with spaces, keeping line breaks and every
/// byte offset: metadata and markup leave the analysed text this way.
pub(crate) fn blank(text: &mut String, start: usize, end: usize) {
    blank_spans(text, &[(start, end)]);
}

/// Blanks every span of `spans` in one pass over the text, so that a
/// document with many spans to blank costs time in its size, not in the
/// product of its size and the spans. Each span must start and end on a
/// character boundary.
pub(crate) fn blank_spans(text: &mut String, spans: &[(usize, usize)]) {
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for &(start, end) in spans {
        for b in &mut bytes[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters became ASCII spaces: the bytes are still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// Blanks what a terminal or an editor would act on rather than show: a
/// byte-order mark, ANSI escape sequences ("ESC[31m", "ESC]0;title BEL"),
/// other control characters and bidirectional overrides; a lone carriage
/// return (an old Mac line end) becomes a line break. Offsets are kept.
pub(crate) fn blank_controls(text: &mut String) {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut lone_cr = Vec::new();
    // Printable ASCII, the bulk of any text, is passed over sixteen bytes
    // at a time where it can be (a test of all sixteen at once, which the
    // compiler turns into vector instructions), else a byte at a time;
    // only other bytes are read as characters.
    let plain = |b: u8| (0x20..0x7f).contains(&b) | (b == b'\n') | (b == b'\t');
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16)
            && chunk.iter().fold(true, |all, &b| all & plain(b))
        {
            i += 16;
            continue;
        }
        if plain(bytes[i]) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        let mut next = i + c.len_utf8();
        match c {
            '\u{1b}' => {
                // CSI: ESC [ parameters final byte; OSC: ESC ] ... BEL or ESC \.
                let mut end = i + 1;
                match bytes.get(i + 1) {
                    Some(b'[') => {
                        end = i + 2;
                        while end < bytes.len() && !(0x40..=0x7e).contains(&bytes[end]) {
                            end += 1;
                        }
                        end = (end + 1).min(bytes.len());
                    }
                    Some(b']') => {
                        end = i + 2;
                        while end < bytes.len() && bytes[end] != 0x07 && bytes[end] != 0x1b {
                            end += 1;
                        }
                        end = if bytes.get(end) == Some(&0x1b) {
                            (end + 2).min(bytes.len())
                        } else {
                            (end + 1).min(bytes.len())
                        };
                    }
                    _ => {}
                }
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                spans.push((i, end));
                next = end;
            }
            '\r' if bytes.get(i + 1) != Some(&b'\n') => lone_cr.push(i),
            '\r' => {}
            c if c.is_control() || invisible(c) => spans.push((i, i + c.len_utf8())),
            _ => {}
        }
        i = next;
    }
    blank_spans(text, &spans);
    if !lone_cr.is_empty() {
        let mut bytes = std::mem::take(text).into_bytes();
        for i in lone_cr {
            bytes[i] = b'\n';
        }
        *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

/// Characters a reader does not see that change how text is shown: the
/// byte-order mark and bidirectional embeddings, overrides and isolates.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// One file's documents, by its extension.
pub fn parse_file(path: &Path, text: String, lexicon: &Lexicon, problems: &mut Vec<LoadError>) -> Vec<Document> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let mut docs = match ext.as_str() {
        "json" | "jsonl" | "ndjson" => records::parse(path, &text, ext != "json", lexicon, problems),
        "html" | "htm" => vec![html::parse(path, text, lexicon)],
        "md" | "markdown" => vec![markdown::parse(path, text, lexicon)],
        _ => {
            // Blanked before it is dated; what is blanked after leaves no control behind.
            let mut doc = Document::plain(file_name(path), path.to_path_buf(), text);
            blank_controls(&mut doc.text);
            dating::date_from_text(&mut doc, lexicon);
            blank_urls(&mut doc.text);
            blank_boilerplate(&mut doc.text, lexicon);
            return vec![doc];
        }
    };
    for doc in &mut docs {
        blank_controls(&mut doc.text);
    }
    docs
}

/// crosscheck's own reports are not articles, whatever their extension:
/// the HTML and Markdown reports carry a generator mark, the JSON and SARIF
/// reports name the tool at their start, and the text report ends on its
/// summary line.
fn is_own_report(text: &str) -> bool {
    let head = &text[..crate::text::floor_char_boundary(text, 1024)];
    // The JSON and SARIF reports are JSON objects: an article is not, and
    // is spared building the compacted head.
    let json = || {
        let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
        compact.starts_with("{\"tool\":\"crosscheck\"")
            || (compact.contains("\"$schema\"")
                && compact.contains("sarif")
                && text.contains("\"name\": \"crosscheck\""))
    };
    let tail = text.trim_end().rsplit('\n').next().unwrap_or("");
    head.contains(crate::report::GENERATOR_MARK)
        || (head.trim_start().starts_with('{') && json())
        || crate::report::is_summary_line(tail)
}

static URL: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?:https?://|www\.)[^\s<>()\[\]]+").expect("valid regex"));

/// Blanks site furniture: short lines the boilerplate lexicon marks ("Sign
/// up for our newsletter", "© 2023 … All Rights Reserved").
pub(crate) fn blank_boilerplate(text: &mut String, lexicon: &Lexicon) {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if lexicon.boilerplate.is_furniture(line) {
            spans.push((offset, offset + line.trim_end_matches(['\n', '\r']).len()));
        }
        offset += line.len();
    }
    blank_spans(text, &spans);
}

/// HTML entities in a document that is not HTML (Markdown), read: each
/// becomes its character in the analysed text, whose offset map points it
/// back at the whole entity in the file ("1&shy;07" reads as 107, "AT&amp;T"
/// as AT&T). Unknown names are left as written. Runs before any other
/// change of length, on a document whose text still maps to itself.
pub(crate) fn read_entities(doc: &mut Document) {
    let text = &doc.text;
    if !text.contains('&') {
        return;
    }
    let mut read = String::with_capacity(text.len());
    let mut map = OffsetMap::pieces();
    let mut copied = 0;
    for m in ENTITY.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let Some(c) = entity_char(&m[1]) else { continue };
        map.push(read.len(), whole.start() - copied, copied, whole.start() - copied);
        read.push_str(&text[copied..whole.start()]);
        map.push(read.len(), c.len_utf8(), whole.start(), whole.len());
        read.push(c);
        copied = whole.end();
    }
    if copied == 0 {
        return;
    }
    map.push(read.len(), text.len() - copied, copied, text.len() - copied);
    read.push_str(&text[copied..]);
    doc.text = read;
    doc.map = map;
}

static ENTITY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});").expect("valid regex")
});

/// The character an entity names: numeric ones, and the named ones news
/// text uses.
fn entity_char(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "shy" => '\u{ad}',
        "zwsp" => '\u{200b}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "percnt" => '%',
        "times" => '×',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "ccedil" => 'ç',
        _ => return None,
    })
}

/// Blanks web addresses, whose digits are never claims.
pub(crate) fn blank_urls(text: &mut String) {
    let spans: Vec<(usize, usize)> = URL.find_iter(text).map(|m| (m.start(), m.end())).collect();
    blank_spans(text, &spans);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, Sources};

    /// A corpus fits in as many bytes as its files take, not one fewer,
    /// its folders walked as `load_each` walks them.
    #[test]
    fn a_corpus_fits_in_the_bytes_its_files_take() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("inner")).expect("a folder");
        std::fs::write(dir.path().join("a.txt"), "12345").expect("written");
        std::fs::write(dir.path().join("inner/b.md"), "123").expect("written");
        let paths = [dir.path().to_path_buf()];
        assert!(files_fit(&paths, false, 8));
        assert!(!files_fit(&paths, false, 7));
        assert!(files_fit(&[dir.path().join("a.txt")], false, 5));
        assert!(files_fit(&[dir.path().join("missing.txt")], false, 0), "a missing file takes nothing");
    }

    /// Runs of other digits at every offset around the sixteen-byte steps
    /// are counted, one a run, the first found where it starts.
    #[test]
    fn runs_of_other_digits_are_counted_wherever_they_fall() {
        for at in 0..40 {
            let text = format!("{}\u{661}\u{662} and {}\u{6f3}x", "a".repeat(at), "b".repeat(40 - at));
            let doc = Document::plain("a.txt".into(), PathBuf::from("a.txt"), text);
            match other_digits(&doc) {
                Some(LoadWarning::OtherDigits { count, sample, .. }) => {
                    assert_eq!((count, sample.as_str()), (2, "\u{661}\u{662}"), "{at}");
                }
                other => panic!("{at}: {other:?}"),
            }
        }
        let plain = Document::plain("a.txt".into(), PathBuf::from("a.txt"), "digits 0123456789 only".repeat(3));
        assert!(other_digits(&plain).is_none());
    }

    /// A control character, an escape sequence or an override at every
    /// offset around the sixteen-byte steps is blanked, in place.
    #[test]
    fn controls_are_blanked_wherever_they_fall() {
        for at in 0..40 {
            for control in ["\u{7}", "\u{1b}[31m", "\u{202e}", "\u{0}"] {
                let mut text = format!("{}{control}{}", "a".repeat(at), "b".repeat(40 - at));
                blank_controls(&mut text);
                let expected = format!("{}{}{}", "a".repeat(at), " ".repeat(control.len()), "b".repeat(40 - at));
                assert_eq!(text, expected, "{at} {control:?}");
            }
        }
    }

    #[test]
    fn an_analysed_text_dropped_is_given_back_from_the_raw_text() {
        let lexicon = Lexicon::load(&Sources::built_in()).expect("the built-in lexicon loads");
        let raw = "date 2017-09-28\nICE said 107 people \u{202e}were held (see https://example.com/a/498).\nCafé owners said “nearly 500”.\n";
        let mut docs = parse_file(Path::new("a.txt"), raw.to_string(), &lexicon, &mut Vec::new());
        let mut doc = docs.remove(0);
        let text = doc.text.clone();
        assert_ne!(text, doc.raw, "the date marker, the control and the link are blanked");
        doc.drop_analysed_text();
        assert!(doc.text.is_empty());
        let bounds: Vec<usize> = (0..=text.len()).filter(|&k| text.is_char_boundary(k)).collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&end| end >= start) {
                assert_eq!(doc.analysed(start..end), &text[start..end], "{start}..{end}");
            }
        }
    }

    #[test]
    fn a_document_kept_for_comparison_keeps_the_word_before_each_offset_asked() {
        let long = "x".repeat(WORD_BEFORE_REACH + 5);
        let raw = format!("The raid ended (on) Friday. {long}Monday. Held  “Tuesday”");
        let mut doc = Document::plain("a.txt".into(), PathBuf::from("a.txt"), raw.clone());
        let offsets: Vec<usize> =
            ["Friday", "Monday", "Tuesday", "The"].iter().map(|w| raw.find(w).expect("in the text")).collect();
        let words: Vec<String> = offsets.iter().map(|&at| doc.word_before(at).into_owned()).collect();
        assert_eq!(words, ["(on)", "", "“", ""], "a word past the reach is none, as is one at the start");
        doc.keep_excerpts(Vec::new(), Vec::new(), offsets.clone());
        assert!(doc.raw.is_empty() && doc.text.is_empty());
        let kept: Vec<String> = offsets.iter().map(|&at| doc.word_before(at).into_owned()).collect();
        assert_eq!(kept, words);
        assert_eq!(doc.word_before(3), "", "an offset not asked for has no word kept");
    }

    #[test]
    fn files_read_in_parallel_come_in_the_order_read_in_turn_with_their_problems_and_warnings() {
        let lexicon = Lexicon::load(&Sources::built_in()).expect("the built-in lexicon loads");
        let dir = tempfile::tempdir().expect("a temporary folder");
        for k in 0..150 {
            let path = dir.path().join(format!("f{k:03}.txt"));
            let body: Vec<u8> = match k % 5 {
                0 => Vec::new(),
                1 => vec![0, 1, 2],
                2 => vec![b'a', 0xff, b'b'],
                _ => format!("Crews cleared {k} roads on Tuesday.").into_bytes(),
            };
            std::fs::write(path, body).expect("a file written");
        }
        let read = |reading| {
            let (mut corpus, mut ids) = (Corpus::default(), Vec::new());
            load_each(&[dir.path().to_path_buf()], &lexicon, (None, false), (&mut corpus, reading), &mut |d| {
                ids.push(d.id)
            });
            let problems: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
            (ids, problems, corpus.warnings)
        };
        let in_turn = read(Reading::InTurn);
        assert_eq!((in_turn.0.len(), in_turn.1.len(), in_turn.2.len()), (60, 60, 30));
        assert_eq!(read(Reading::Parallel), in_turn);
    }
}
