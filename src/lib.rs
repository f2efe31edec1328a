//! crosscheck: cross-checks factual claims across news sources.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! files ──corpus──▶ Document ──segment──▶ sentences ──extract──▶ Claim
//!       ──graph──▶ ClaimGraph ──engine──▶ Finding ──report──▶ text | json | ...
//! ```
//!
//! [`analyse`] runs load and extraction; [`analyse_stream`] runs them a batch
//! of documents at a time, for output written as it is found; the
//! command-line interface in `src/cli/` is a thin layer over this library.

pub mod claim;
pub mod claim_records;
pub mod comparison;
pub mod compressed;
pub mod config;
pub mod corpus;
pub mod engine;
pub mod examples;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod memory;
pub mod report;
pub mod segment;
pub mod text;
pub mod tokens;
pub mod workflow;

use std::path::PathBuf;

use rayon::prelude::*;

use corpus::{Corpus, Document, Reading};
use extract::Extraction;
use lexicon::Lexicon;

/// A corpus read and its claims extracted.
#[derive(Default)]
pub struct Analysis {
    pub corpus: Corpus,
    /// One extraction per document, in the corpus's order.
    pub extractions: Vec<Extraction>,
}

impl Analysis {
    pub fn documents(&self) -> impl Iterator<Item = (&Document, &Extraction)> {
        self.corpus.documents.iter().zip(&self.extractions)
    }

    /// Once claims are extracted: drops each document's analysed text
    /// where its raw text gives it back (`Document::drop_analysed_text`),
    /// so a run that goes on to compare holds one copy of each article.
    pub fn drop_analysed_texts(&mut self) {
        self.corpus.documents.par_iter_mut().for_each(Document::drop_analysed_text);
    }
}

/// What becomes of a document's analysed text once its claims are
/// extracted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnalysedText {
    /// Kept, for commands that read the analysed text again.
    #[default]
    Keep,
    /// Dropped where the raw text gives it back
    /// (`Document::drop_analysed_text`), as each document's extraction
    /// ends: a run that goes on to compare never holds two copies of an
    /// article, not even while the last documents are extracted.
    Drop,
}

/// Analyses articles given as text, each named like a file (its extension
/// picks the format): for tests, rule examples and library users.
pub fn analyse_texts(texts: &[(&str, &str)], lexicon: &Lexicon) -> Analysis {
    analyse_owned(texts.iter().map(|(name, text)| ((*name).to_string(), (*text).to_string())), lexicon)
}

/// `analyse_texts` for texts the caller hands over: each is moved into its
/// document, never copied (a benchmark's generated corpus).
pub fn analyse_owned(texts: impl IntoIterator<Item = (String, String)>, lexicon: &Lexicon) -> Analysis {
    analyse_owned_with(texts, lexicon, &Options::default())
}

/// `analyse_owned` with options (their sources and links aside, which
/// concern files read): a progress reporter, and the analysed texts
/// dropped as extraction goes.
pub fn analyse_owned_with(
    texts: impl IntoIterator<Item = (String, String)>,
    lexicon: &Lexicon,
    options: &Options,
) -> Analysis {
    analyse_corpus(parse_texts(texts, lexicon), lexicon, options)
}

/// Texts handed over, read as files of their names would be, and the
/// undated dated from the others: a batch to extract (`extract_pipelined`).
pub fn read_texts(texts: impl IntoIterator<Item = (String, String)>, lexicon: &Lexicon) -> Corpus {
    let mut corpus = parse_texts(texts, lexicon);
    extract::infer_dates(&mut corpus, lexicon);
    corpus
}

fn parse_texts(texts: impl IntoIterator<Item = (String, String)>, lexicon: &Lexicon) -> Corpus {
    let mut corpus = Corpus::default();
    for (name, text) in texts {
        let docs = corpus::parse_file(std::path::Path::new(&name), text, lexicon, &mut corpus.problems);
        corpus.documents.extend(docs);
    }
    corpus
}

/// Reads the articles under `paths` and extracts their claims, documents in
/// parallel.
pub fn analyse(paths: &[PathBuf], lexicon: &Lexicon) -> Analysis {
    analyse_with(paths, lexicon, &Options::default())
}

/// What a caught panic says, for the error that names its document.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_string())
}

/// Told how a long run advances, for a progress bar.
pub trait Progress: Sync {
    /// The run will extract `documents` documents.
    fn start(&self, documents: usize);
    /// One more document is done.
    fn advance(&self);
}

/// What a run may add to reading a corpus.
#[derive(Default)]
pub struct Options<'a> {
    /// Source metadata from the configuration.
    pub sources: Option<&'a corpus::Sidecar>,
    pub progress: Option<&'a dyn Progress>,
    /// Follow links that lead out of a folder being read.
    pub follow_links: bool,
    pub analysed_text: AnalysedText,
    /// How many bytes of files a stream (`analyse_stream`) may keep from
    /// its first reading, so as not to read them again: a corpus of files
    /// that take no more is kept whole, a larger one read twice. None by
    /// default, for a stream whose memory must not grow with the corpus;
    /// `KEPT_FROM_FIRST_READING` where a run holds more than that anyway.
    pub first_reading_kept: u64,
}

/// `analyse` with options: extra source metadata and a progress reporter.
pub fn analyse_with(paths: &[PathBuf], lexicon: &Lexicon, options: &Options) -> Analysis {
    let corpus = corpus::load(paths, lexicon, options.sources, options.follow_links);
    analyse_corpus(corpus, lexicon, options)
}

/// A corpus read whole, its undated documents dated and its claims extracted.
fn analyse_corpus(mut corpus: Corpus, lexicon: &Lexicon, options: &Options) -> Analysis {
    extract::infer_dates(&mut corpus, lexicon);
    if let Some(progress) = options.progress {
        progress.start(corpus.documents.len());
    }
    let extractions = extract_each(&mut corpus, lexicon, options);
    Analysis { corpus, extractions }
}

/// The extractions of a corpus's documents, in parallel. Each document is
/// extracted on its own: a bug that one article triggers becomes a problem
/// named by its file (and an empty extraction), never a lost run.
fn extract_each(corpus: &mut Corpus, lexicon: &Lexicon, options: &Options) -> Vec<Extraction> {
    let results: Vec<Result<Extraction, String>> = corpus
        .documents
        .par_iter_mut()
        .map(|d| {
            let ex = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract::extract(d, lexicon)))
                .map_err(|e| panic_message(e.as_ref()));
            if options.analysed_text == AnalysedText::Drop {
                d.drop_analysed_text();
            }
            if let Some(progress) = options.progress {
                progress.advance();
            }
            ex
        })
        .collect();
    let mut extractions = Vec::with_capacity(results.len());
    for (d, r) in corpus.documents.iter().zip(results) {
        match r {
            Ok(ex) => extractions.push(ex),
            Err(message) => {
                corpus.problems.push(corpus::LoadError::Internal { path: d.path.clone(), message });
                extractions.push(Extraction::empty());
            }
        }
    }
    extractions
}

/// How many documents a stream (`analyse_stream`) reads and extracts at a
/// time: enough to keep every core busy, few enough that their texts are
/// a small part of what a run holds.
pub const STREAM_DOCUMENTS: usize = 512;

/// What a stream of analyses read: its problems and warnings, and how many
/// documents it gave.
#[derive(Debug, Default)]
pub struct Streamed {
    /// The problems and warnings of reading; no documents.
    pub corpus: Corpus,
    pub documents: usize,
}

/// What a run that keeps its claims for comparison lets a stream keep of
/// its first reading (`Options::first_reading_kept`): a corpus of files
/// this small (held twice over, as read and as analysed) is read once, not
/// twice, and reading the files again costs some 3% of such a run.
pub const KEPT_FROM_FIRST_READING: u64 = 64 << 20;

/// `analyse_with` as a stream: the documents are read, extracted and handed
/// to `each` `STREAM_DOCUMENTS` at a time, in corpus order, and dropped once
/// `each` returns, so that the texts held are one batch's, not the corpus's.
/// The files are read first for their publication dates alone, which date
/// the undated documents (see `extract::infer_dates`); a corpus whose files
/// fit in `Options::first_reading_kept` is kept from that reading, a larger
/// one read again (a part kept and then let go would leave the memory it
/// took in pieces). A batch's analysis holds no problems; they are all in what
/// the stream returns. Standard input (`-`) can be read once only: give it
/// to `analyse_with`.
pub fn analyse_stream<E>(
    paths: &[PathBuf],
    lexicon: &Lexicon,
    options: &Options,
    each: &mut dyn FnMut(Analysis) -> Result<(), E>,
) -> Result<Streamed, E> {
    let read = (options.sources, options.follow_links);
    let mut dates = Vec::new();
    let mut count = 0;
    let mut first_reading = Corpus::default();
    let fits =
        options.first_reading_kept > 0 && corpus::files_fit(paths, options.follow_links, options.first_reading_kept);
    let mut kept: Option<Vec<Document>> = fits.then(Vec::new);
    corpus::load_each(paths, lexicon, read, (&mut first_reading, Reading::Parallel), &mut |doc| {
        dates.extend(doc.meta.date);
        count += 1;
        if let Some(kept) = kept.as_mut() {
            kept.push(doc);
        }
    });
    let cycle = extract::date_cycle(dates.into_iter());
    if let Some(progress) = options.progress {
        progress.start(count);
    }
    let mut streamed = Streamed::default();
    let mut problems = Vec::new();
    let outcome = extract_pipelined(
        lexicon,
        options,
        &mut |submit| {
            let mut batch: Vec<Document> = Vec::with_capacity(STREAM_DOCUMENTS);
            let mut take = |mut doc: Document| {
                if let (None, Some(cycle)) = (doc.meta.date, cycle) {
                    extract::infer_date(&mut doc, cycle, lexicon);
                }
                streamed.documents += 1;
                batch.push(doc);
                if batch.len() == STREAM_DOCUMENTS {
                    submit(Corpus { documents: std::mem::take(&mut batch), ..Corpus::default() });
                }
            };
            match kept.take() {
                Some(docs) => {
                    streamed.corpus = std::mem::take(&mut first_reading);
                    docs.into_iter().for_each(&mut take);
                }
                // Read in turn: the cores are busy extracting the batch before.
                None => corpus::load_each(paths, lexicon, read, (&mut streamed.corpus, Reading::InTurn), &mut take),
            }
            if !batch.is_empty() {
                submit(Corpus { documents: batch, ..Corpus::default() });
            }
        },
        &mut |mut analysis| {
            problems.append(&mut analysis.corpus.problems);
            each(analysis)
        },
    );
    streamed.corpus.problems.append(&mut problems);
    outcome.map(|()| streamed)
}

/// What a pipeline's reader (see `extract_pipelined`) hands each batch to.
pub type Submit<'a> = dyn FnMut(Corpus) + 'a;

/// How many batches a pipeline (`extract_pipelined`) holds besides the one
/// being read: the one being extracted and the one waiting for it.
const BATCHES_IN_FLIGHT: usize = 2;

/// Extracts batches of documents while the next is read and the last is
/// taken: `read` hands the batches in order to the function it is given,
/// on the caller's thread, while another thread extracts them (its
/// documents in parallel), and `each` takes each batch's analysis, in the
/// order read, on the caller's thread. Reading and taking are then never
/// what the cores wait for. Once `each` fails, nothing more is extracted,
/// and its error is returned. On one thread (a pool of one), the batches
/// are extracted in turn on the caller's.
pub fn extract_pipelined<E>(
    lexicon: &Lexicon,
    options: &Options,
    read: &mut dyn FnMut(&mut Submit),
    each: &mut dyn FnMut(Analysis) -> Result<(), E>,
) -> Result<(), E> {
    let mut outcome = Ok(());
    if rayon::current_num_threads() < 2 {
        read(&mut |mut corpus| {
            if outcome.is_ok() {
                let extractions = extract_each(&mut corpus, lexicon, options);
                outcome = each(Analysis { corpus, extractions });
            }
        });
        return outcome;
    }
    std::thread::scope(|scope| {
        let (to_extract, batches) = std::sync::mpsc::sync_channel::<Corpus>(1);
        let (extracted_out, extracted) = std::sync::mpsc::channel::<Analysis>();
        scope.spawn(move || {
            for mut corpus in batches {
                let extractions = extract_each(&mut corpus, lexicon, options);
                if extracted_out.send(Analysis { corpus, extractions }).is_err() {
                    return;
                }
            }
        });
        // Whether `each` still takes analyses: once it failed (its output
        // closed), nothing more is extracted.
        let mut take = |analysis: Analysis| {
            if outcome.is_ok() {
                outcome = each(analysis);
            }
            outcome.is_ok()
        };
        let (mut in_flight, mut taking) = (0, true);
        read(&mut |corpus| {
            if !taking || to_extract.send(corpus).is_err() {
                return;
            }
            in_flight += 1;
            while in_flight >= BATCHES_IN_FLIGHT {
                let Ok(analysis) = extracted.recv() else { return };
                in_flight -= 1;
                taking = take(analysis);
            }
        });
        drop(to_extract);
        for analysis in extracted {
            take(analysis);
        }
    });
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysed_texts_dropped_as_extraction_goes_give_the_same_claims_and_sentences() {
        let lexicon = Lexicon::load(&lexicon::Sources::built_in()).expect("the built-in lexicon loads");
        let texts = [
            ("a.txt", "date 2017-09-28 ICE arrested 107 people in Philadelphia.\u{7} See https://example.com/x."),
            ("b.txt", "Officials said 498 people were arrested nationwide, including 107 in Philadelphia."),
        ];
        let owned = || texts.iter().map(|(n, t)| (n.to_string(), t.to_string()));
        let kept = analyse_owned(owned(), &lexicon);
        let options = Options { analysed_text: AnalysedText::Drop, ..Options::default() };
        let dropped = analyse_owned_with(owned(), &lexicon, &options);
        for ((kd, ke), (dd, de)) in kept.documents().zip(dropped.documents()) {
            assert!(dd.text.is_empty(), "{}: the analysed text is dropped", dd.id);
            assert_eq!(ke.claims, de.claims);
            for s in &ke.sentences {
                assert_eq!(kd.analysed(s.span.clone()), dd.analysed(s.span.clone()));
            }
        }
    }

    /// A corpus kept from the first reading and one read twice give the
    /// same documents, dates, claims, warnings and problems, in the same
    /// order: undated articles dated from the others, an empty file, a
    /// binary one, a folder of more documents than a batch holds.
    #[test]
    fn a_corpus_kept_from_its_first_reading_is_analysed_as_one_read_twice() {
        let lexicon = Lexicon::load(&lexicon::Sources::built_in()).expect("the built-in lexicon loads");
        let dir = tempfile::tempdir().expect("a temporary folder");
        for k in 0..STREAM_DOCUMENTS + 20 {
            let text = if k % 3 == 0 {
                format!("Crews cleared {k} roads near Marlow on Tuesday.")
            } else {
                format!("Published: 2021-03-{:02}\n\nCrews cleared {} roads near Marlow.", k % 7 + 1, k + 7)
            };
            std::fs::write(dir.path().join(format!("n{k:04}.txt")), text).expect("written");
        }
        std::fs::write(dir.path().join("empty.txt"), "").expect("written");
        std::fs::write(dir.path().join("binary.txt"), b"PK\x03\x04\x00\x00").expect("written");
        let paths = [dir.path().to_path_buf()];
        let read = |first_reading_kept: u64| {
            let mut seen: Vec<String> = Vec::new();
            let streamed = analyse_stream::<()>(
                &paths,
                &lexicon,
                &Options { first_reading_kept, ..Options::default() },
                &mut |analysis| {
                    for (doc, extraction) in analysis.documents() {
                        let claims: Vec<&str> =
                            extraction.claims.iter().map(|c| doc.raw_text(c.span.0, c.span.1)).collect();
                        seen.push(format!("{} {:?} {claims:?}", doc.id, doc.meta.date));
                    }
                    Ok(())
                },
            )
            .expect("nothing fails");
            (seen, streamed.documents, format!("{:?}", streamed.corpus))
        };
        let kept = read(KEPT_FROM_FIRST_READING);
        let read_twice = read(0);
        assert_eq!(kept.1, STREAM_DOCUMENTS + 20);
        assert!(kept.0[0].contains("Some(2021-03-02)"), "an undated article is dated from the others: {}", kept.0[0]);
        assert!(kept.2.contains("binary.txt") && kept.2.contains("empty.txt"), "{}", kept.2);
        assert_eq!(kept, read_twice);
    }

    #[test]
    fn a_pipeline_gives_every_batch_in_order_and_stops_extracting_once_taking_fails() {
        let lexicon = Lexicon::load(&lexicon::Sources::built_in()).expect("the built-in lexicon loads");
        let names: Vec<String> = (0..40).map(|k| format!("n{k:02}.txt")).collect();
        let batches = || {
            names.chunks(3).map(|chunk| chunk.iter().map(|n| (n.clone(), format!("Crews cleared {} roads.", n.len()))))
        };
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
            pool.install(|| {
                let (mut read, mut claims) = (Vec::new(), 0);
                let outcome = extract_pipelined::<()>(
                    &lexicon,
                    &Options::default(),
                    &mut |submit| batches().for_each(|b| submit(read_texts(b, &lexicon))),
                    &mut |analysis| {
                        read.extend(analysis.corpus.documents.iter().map(|d| d.id.clone()));
                        claims += analysis.extractions.iter().map(|e| e.claims.len()).sum::<usize>();
                        Ok(())
                    },
                );
                assert_eq!((outcome, &read, claims), (Ok(()), &names, names.len()), "{threads} threads");

                let mut taken = 0;
                let outcome = extract_pipelined(
                    &lexicon,
                    &Options::default(),
                    &mut |submit| batches().for_each(|b| submit(read_texts(b, &lexicon))),
                    &mut |_| {
                        taken += 1;
                        if taken == 2 { Err("output closed") } else { Ok(()) }
                    },
                );
                assert_eq!(
                    (outcome, taken),
                    (Err("output closed"), 2),
                    "{threads} threads: nothing taken after the failure"
                );
            });
        }
    }
}
