//! What every corpus command sets up: the configuration file, the rule and
//! lexicon folders, the rules selected, the reviews file; then the run
//! itself: read (with a progress bar on a terminal), link, check, and mark
//! findings with fingerprints and review decisions.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use crosscheck::config::{self, Loaded};
use crosscheck::engine::{Finding, RuleSet, Severity};
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::report::Index;
use crosscheck::workflow::{REVIEWS_FILE, Review, Reviews, assign_fingerprints};
use crosscheck::{AnalysedText, Analysis, Options, Progress, Streamed};
use indicatif::{ProgressBar, ProgressStyle};

use super::CorpusFolders;

/// Documents from which a run shows a progress bar.
const PROGRESS_FROM: usize = 200;

pub struct Setup {
    pub config: Option<Loaded>,
    pub lexicon: Lexicon,
    pub rules: RuleSet,
    /// Where review decisions are kept.
    pub reviews_path: PathBuf,
    /// Read links that lead out of a folder.
    pub follow_links: bool,
}

/// The folder a set of paths is about: a folder itself, or a file's folder.
fn base_dir(path: &Path) -> PathBuf {
    if path.is_dir() { path.to_path_buf() } else { path.parent().unwrap_or(Path::new(".")).to_path_buf() }
}

impl Setup {
    /// Finds the configuration from the first path (or the one given), loads
    /// the rules and lexicons, and selects rules: flags over configuration.
    pub fn new(first: &Path, folders: &CorpusFolders, select: &[String], ignore: &[String]) -> anyhow::Result<Setup> {
        let config_path = match &folders.config {
            Some(p) => Some(p.clone()),
            None => config::find(first),
        };
        let config = config_path.map(|p| config::load(&p)).transpose()?;
        let mut sources = Sources::built_in();
        for dir in config.iter().flat_map(|c| c.rule_folders()).chain(folders.rules.iter().cloned()) {
            sources.add_folder(&dir)?;
        }
        let lexicon = Lexicon::load(&sources)?;
        let mut rules = RuleSet::load(&sources)?;
        if let Some(c) = &config {
            for (rule, severity) in &c.config.severity {
                let severity = Severity::parse(severity).expect("validated when loaded");
                rules.set_severity(rule, severity).map_err(|e| c.error_at(&format!("{rule} ="), e))?;
            }
        }
        let (select, ignore) = match &config {
            Some(c) if select.is_empty() && ignore.is_empty() => (c.config.select.clone(), c.config.ignore.clone()),
            _ => (select.to_vec(), ignore.to_vec()),
        };
        rules.select(&select, &ignore).map_err(anyhow::Error::msg)?;
        let reviews_dir = config.as_ref().map_or_else(|| base_dir(first), |c| c.dir().to_path_buf());
        Ok(Setup {
            config,
            lexicon,
            rules,
            reviews_path: reviews_dir.join(REVIEWS_FILE),
            follow_links: folders.follow_links,
        })
    }

    /// The `fail-on` of the configuration, if it has one.
    pub fn fail_on(&self) -> Option<&str> {
        self.config.as_ref().and_then(|c| c.config.fail_on.as_deref())
    }

    /// Reads and extracts the corpus, with a progress bar on a terminal.
    pub fn analyse(&self, paths: &[PathBuf], analysed_text: AnalysedText) -> Analysis {
        let bar = Bar::new();
        let options = Options {
            sources: self.config.as_ref().map(|c| &c.sources),
            progress: Some(&bar),
            follow_links: self.follow_links,
            analysed_text,
            ..Options::default()
        };
        let analysis = crosscheck::analyse_with(paths, &self.lexicon, &options);
        bar.0.finish_and_clear();
        analysis
    }

    /// `analyse` as a stream (see `crosscheck::analyse_stream`): each batch
    /// of documents, extracted, goes to `each` and is then dropped. A corpus
    /// of files taking at most `first_reading_kept` bytes is kept from the
    /// first reading of its files (see `Options::first_reading_kept`).
    pub fn stream<E>(
        &self,
        paths: &[PathBuf],
        first_reading_kept: u64,
        each: &mut dyn FnMut(Analysis) -> Result<(), E>,
    ) -> Result<Streamed, E> {
        let bar = Bar::new();
        let options = Options {
            sources: self.config.as_ref().map(|c| &c.sources),
            progress: Some(&bar),
            follow_links: self.follow_links,
            analysed_text: AnalysedText::Keep,
            first_reading_kept,
        };
        let streamed = crosscheck::analyse_stream(paths, &self.lexicon, &options, each);
        bar.0.finish_and_clear();
        streamed
    }

    /// Runs the rules; gives the findings with fingerprints and review
    /// decisions, and the decisions whose finding is gone.
    pub fn check<'a>(&self, analysis: &'a Analysis) -> anyhow::Result<(Index<'a>, Vec<Finding>, Vec<Review>)> {
        let graph = ClaimGraph::for_rules(analysis, &self.lexicon);
        let mut findings = self.rules.run(&graph);
        // The report reads the claims through the index, never the graph:
        // an archive's graph and index are not held at once.
        drop(graph);
        let index = Index::new(analysis);
        assign_fingerprints(&mut findings, analysis, &index);
        let reviews = Reviews::read(&self.reviews_path).with_context(|| "reading review decisions")?;
        let stale = reviews.apply(&mut findings);
        Ok((index, findings, stale))
    }

    /// The review decisions recorded beside the corpus.
    pub fn reviews(&self) -> anyhow::Result<Reviews> {
        Reviews::read(&self.reviews_path).with_context(|| "reading review decisions")
    }
}

/// A progress bar on standard error, drawn only on a terminal and for runs
/// long enough to need one.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{spinner} reading {pos}/{len} documents [{bar:30}] {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, documents: usize) {
        if documents >= PROGRESS_FROM && std::io::stderr().is_terminal() {
            self.0.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.0.set_length(documents as u64);
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}
