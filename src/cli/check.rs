//! `crosscheck check PATH...`: the consistency report, and the exit code CI
//! reads. With `--reference DIR`, PATH are new submissions checked against a
//! trusted corpus: only findings that involve them are reported.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck::claim_records;
use crosscheck::engine::{Finding, Severity, Status};
use crosscheck::graph::ClaimGraph;
use crosscheck::report::json::Sections;
use crosscheck::report::{Index, Summary, html, json, markdown, sarif, text};
use crosscheck::workflow::{Baseline, ClaimKeys, Review, Reviews};
use crosscheck::{AnalysedText, Analysis};

use super::setup::Setup;
use super::{ColorChoice, CorpusFolders, emit, emit_with, refuse_inputs, refuse_paths, report_problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, colored on a terminal.
    Text,
    /// The JSON report (docs/report-format.md).
    Json,
    /// The same report as JSON Lines: one document, claim or finding a line.
    Jsonl,
    /// Markdown, for a pull-request comment or an email.
    Markdown,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// One self-contained HTML page for reviewers.
    Html,
}

/// Which findings a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Discrepancies,
    Agreements,
    Notes,
}

impl Format {
    /// The format a report file's extension names: `.json`, `.sarif`
    /// (also `.sarif.json`), `.md`, `.html`; anything else is text.
    pub fn of_path(path: &Path) -> Format {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
            Format::Sarif
        } else if name.ends_with(".json") {
            Format::Json
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Format::Jsonl
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            Format::Markdown
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// The least severity that makes the run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on findings (input errors still exit 2).
    Never,
}

impl FailOn {
    fn parse(s: &str) -> Option<FailOn> {
        FailOn::from_str(s, false).ok()
    }

    /// Whether a finding that counts (a discrepancy, neither dismissed nor
    /// in the baseline) reaches this level.
    pub fn fails(self, findings: &[Finding]) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Never => return false,
        };
        findings.iter().any(|f| f.counts() && f.severity >= threshold)
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Articles, or folders of them (read recursively): .txt, .md, .html, .json, .jsonl; `-` reads one from standard input.
    #[arg(value_name = "PATH", required_unless_present = "claims")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub folders: CorpusFolders,
    /// Claims already extracted, as `crosscheck claims --format jsonl` writes them (one or more files).
    #[arg(
        long,
        value_name = "FILE",
        num_args = 1..,
        long_help = "Claims already extracted, as `crosscheck claims PATH --format jsonl` writes them (one or more files; give PATH before them): they are compared without their articles being read again, alone or with PATH. Extraction can so run in shards, and the claims of one comparison block (the `block` field of each claim line) be checked together; see docs/scale.md. The rules must be the ones the claims were extracted with."
    )]
    pub claims: Vec<PathBuf>,
    /// A trusted corpus to check PATH against; only findings involving PATH are reported.
    #[arg(
        long,
        value_name = "DIR",
        long_help = "A trusted corpus (a folder or file; repeatable). PATH are then new submissions: they are checked together with the reference, and only findings that involve at least one claim of PATH are reported and can fail the run."
    )]
    pub reference: Vec<PathBuf>,
    /// Fail only on findings that are not in this baseline (see `crosscheck baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Output format (default: from the -o file's extension, else text).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Show only these findings: discrepancies, agreements or notes (comma-separated or repeated); the totals stay.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub only: Vec<Only>,
    /// Print only the summary line (and problems); the exit code is unchanged.
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a discrepancy reaches this severity.
    #[arg(
        long,
        value_enum,
        long_help = "Exit with status 1 when a discrepancy of at least this severity is found: error (the default), warning, info, or never. Agreements and notes never fail a run, nor do discrepancies a reviewer dismissed or that the baseline holds; unreadable input exits with 2. Overrides fail-on in crosscheck.toml."
    )]
    pub fail_on: Option<FailOn>,
    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Skip these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// When to color text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Whether a document read from `doc` came from one of `paths`.
fn from_paths(doc: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| doc == p || doc.starts_with(p))
}

/// The articles read and the claims files read back, as one analysis
/// (the documents of the claims files last), and how many came from those.
fn analyse(
    setup: &Setup,
    articles: &[PathBuf],
    claims: &[PathBuf],
    output: Option<&Path>,
) -> anyhow::Result<(Analysis, usize)> {
    refuse_paths(output, claims.iter().map(PathBuf::as_path))?;
    let mut analysis =
        if articles.is_empty() { Analysis::default() } else { setup.analyse(articles, AnalysedText::Drop) };
    let from_records = if claims.is_empty() {
        0
    } else {
        let mut read = claim_records::read(claims, &setup.lexicon)?;
        // The articles' analysed texts went as they were extracted; the
        // records' documents are rebuilt whole.
        read.drop_analysed_texts();
        let from_records = read.corpus.documents.len();
        analysis.corpus.documents.extend(read.corpus.documents);
        analysis.extractions.extend(read.extractions);
        from_records
    };
    Ok((analysis, from_records))
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let first =
        args.reference.iter().chain(&args.paths).chain(&args.claims).next().expect("clap requires PATH or --claims");
    let setup = Setup::new(first, &args.folders, &args.select, &args.ignore)?;
    let all: Vec<PathBuf> = args.reference.iter().chain(&args.paths).cloned().collect();
    let (analysis, from_records) = analyse(&setup, &all, &args.claims, args.output.as_deref())?;
    let format = args.format.unwrap_or_else(|| args.output.as_deref().map_or(Format::Text, Format::of_path));
    if format == Format::Jsonl {
        return stream_lines(&args, &setup, &analysis, from_records);
    }
    if format == Format::Json {
        return write_json(&args, &setup, &analysis, from_records);
    }
    let (index, mut findings, stale) = setup.check(&analysis)?;
    let submitted = submissions(&args, &analysis, from_records);
    if let Some(new) = &submitted {
        findings.retain(|f| f.claims.iter().any(|&c| new[index.claims[c].doc_index]));
    }
    if let Some(path) = &args.baseline {
        Baseline::read(path)?.mark(&mut findings);
    }
    let summary = Summary::new(&analysis, &findings);
    let fails = fail_on(&args, &setup).fails(&findings);
    // What is shown; the summary and the exit code count everything.
    findings.retain(|f| shown(&args, f));
    refuse_inputs(args.output.as_deref(), &analysis)?;
    let to = args.output.as_deref();
    match format {
        Format::Json | Format::Jsonl => unreachable!("written as a stream above"),
        Format::Markdown => emit(&markdown::render(&index, &findings, &stale, &summary), to)?,
        Format::Text => {
            let colored = args.color.enabled() && to.is_none();
            emit(&text::render(&index, &findings, &stale, &summary, colored), to)?;
        }
        Format::Sarif => emit(&sarif::render(&index, &findings, &setup.rules, submitted.as_deref()), to)?,
        Format::Html => emit(&html::render(&index, &findings, &stale, &setup.rules, &summary), to)?,
    }
    exit_code(&analysis, fails)
}

/// The exit code: 2 when input could not be read, else 1 when a finding
/// fails the run.
fn exit_code(analysis: &Analysis, fails: bool) -> anyhow::Result<ExitCode> {
    if report_problems(&analysis.corpus) {
        return Ok(ExitCode::from(2));
    }
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// What a report streamed from the rules does with each finding as it
/// comes: gives it its fingerprint and review, keeps it only when it
/// involves a submission, marks it when the baseline holds it, notes
/// whether it fails the run, and says whether it is shown. It remembers
/// only which reviews a finding took, for the reviews gone stale.
struct Triage<'a> {
    args: &'a CheckArgs,
    index: &'a Index<'a>,
    keys: ClaimKeys<'a>,
    reviews: Reviews,
    baseline: Option<Baseline>,
    submitted: Option<Vec<bool>>,
    fail_on: FailOn,
    /// The fingerprints of the reviews some finding took.
    taken: HashSet<String>,
    fails: bool,
}

impl<'a> Triage<'a> {
    fn new(
        (args, setup): (&'a CheckArgs, &Setup),
        analysis: &Analysis,
        index: &'a Index<'a>,
        from_records: usize,
    ) -> anyhow::Result<Triage<'a>> {
        Ok(Triage {
            args,
            index,
            keys: ClaimKeys::new(index),
            reviews: setup.reviews()?,
            baseline: args.baseline.as_deref().map(Baseline::read).transpose()?,
            submitted: submissions(args, analysis, from_records),
            fail_on: fail_on(args, setup),
            taken: HashSet::new(),
            fails: false,
        })
    }

    /// The finding as the report shows it, or `None` when it is not shown.
    fn take(&mut self, mut f: Finding) -> Option<Finding> {
        self.keys.assign(&mut f);
        if let Some(review) = self.reviews.get(&f.fingerprint) {
            self.taken.insert(review.finding.clone());
            f.review = Some(Box::new(review.clone()));
        }
        if self.submitted.as_ref().is_some_and(|new| !f.claims.iter().any(|&c| new[self.index.claims[c].doc_index])) {
            return None;
        }
        if let Some(baseline) = &self.baseline {
            baseline.mark(std::slice::from_mut(&mut f));
        }
        self.fails |= self.fail_on.fails(std::slice::from_ref(&f));
        shown(self.args, &f).then_some(f)
    }

    /// The review decisions no finding took.
    fn stale(&self) -> Vec<Review> {
        self.reviews.stale(&self.taken.iter().map(String::as_str).collect())
    }
}

/// `check --format json`: the report written as it is serialized, its
/// findings read back in order from where the rules left them
/// (`RuleSet::run_sorted`), so that an archive's findings are never held
/// all at once. The claim graph is dropped before the report's index is
/// built: the two are never held together.
fn write_json(args: &CheckArgs, setup: &Setup, analysis: &Analysis, from_records: usize) -> anyhow::Result<ExitCode> {
    refuse_inputs(args.output.as_deref(), analysis)?;
    let graph = ClaimGraph::for_rules(analysis, &setup.lexicon);
    let sorted = setup.rules.run_sorted(&graph).context("writing findings to a temporary file")?;
    drop(graph);
    let index = Index::new(analysis);
    // The findings are triaged as they are written, and the stale reviews
    // asked for once they are all written: both go through the triage.
    let triage = RefCell::new(Triage::new((args, setup), analysis, &index, from_records)?);
    emit_with(args.output.as_deref(), |w| {
        let mut findings = sorted.filter_map(|f| f.map(|f| triage.borrow_mut().take(f)).transpose());
        let mut stale = || triage.borrow().stale();
        json::write_streamed(w, (analysis, &index, &setup.lexicon), &mut findings, &mut stale)
    })?;
    exit_code(analysis, triage.into_inner().fails)
}

/// `check --format jsonl`: the report's lines, each rule's findings
/// written as soon as the rule has run and kept no longer (see
/// `RuleSet::run_each`), so that a program reading the report starts on
/// the findings while later rules run, and an archive's findings are never
/// held all at once. Within a rule they come in the order of the JSON
/// report; the rules come in their order.
fn stream_lines(args: &CheckArgs, setup: &Setup, analysis: &Analysis, from_records: usize) -> anyhow::Result<ExitCode> {
    refuse_inputs(args.output.as_deref(), analysis)?;
    let graph = ClaimGraph::for_rules(analysis, &setup.lexicon);
    let index = Index::new(analysis);
    let mut triage = Triage::new((args, setup), analysis, &index, from_records)?;
    emit_with(args.output.as_deref(), |w| {
        let body = Sections { opening: true, body: true, problems: false };
        json::write_sections(w, (analysis, &index, &setup.lexicon), (&[], &[]), body, &mut |_, _, _| {})?;
        let mut written = 0;
        setup.rules.run_each::<std::io::Error>(&graph, &mut |f| {
            if let Some(f) = triage.take(f) {
                json::write_finding_line(w, written, &f, &index)?;
                written += 1;
            }
            Ok(())
        })?;
        json::write_stale_lines(w, &triage.stale())?;
        let problems = Sections { opening: false, body: false, problems: true };
        json::write_sections(w, (analysis, &index, &setup.lexicon), (&[], &[]), problems, &mut |_, _, _| {})
    })?;
    exit_code(analysis, triage.fails)
}

/// Which documents are submissions, when there is a reference: the
/// articles of PATH, and every document of the claims files.
fn submissions(args: &CheckArgs, analysis: &Analysis, from_records: usize) -> Option<Vec<bool>> {
    let read_from_articles = analysis.corpus.documents.len() - from_records;
    (!args.reference.is_empty()).then(|| {
        let documents = analysis.corpus.documents.iter().enumerate();
        documents.map(|(i, d)| i >= read_from_articles || from_paths(&d.path, &args.paths)).collect()
    })
}

/// The level at which the run fails: the flag's, else the configuration's, else errors.
fn fail_on(args: &CheckArgs, setup: &Setup) -> FailOn {
    match (args.fail_on, setup.fail_on()) {
        (Some(f), _) => f,
        (None, Some(name)) => FailOn::parse(name).expect("validated when the configuration loaded"),
        (None, None) => FailOn::Error,
    }
}

/// Whether a finding is shown: none with `--quiet`, and with `--only`,
/// those of the statuses asked for.
fn shown(args: &CheckArgs, f: &Finding) -> bool {
    !args.quiet
        && (args.only.is_empty()
            || args.only.iter().any(|o| match o {
                Only::Discrepancies => f.status == Status::Discrepancy,
                Only::Agreements => f.status == Status::Agreement,
                Only::Notes => f.status == Status::Note,
            }))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Wrap {
        #[command(flatten)]
        check: CheckArgs,
    }

    #[test]
    fn fail_on_is_unset_unless_given_and_takes_each_level() {
        let w = Wrap::try_parse_from(["x", "dir"]).unwrap();
        assert_eq!(w.check.fail_on, None);
        for (flag, want) in
            [("error", FailOn::Error), ("warning", FailOn::Warning), ("info", FailOn::Info), ("never", FailOn::Never)]
        {
            let w = Wrap::try_parse_from(["x", "dir", "--fail-on", flag]).unwrap();
            assert_eq!(w.check.fail_on, Some(want));
        }
        assert!(Wrap::try_parse_from(["x", "dir", "--fail-on", "sometimes"]).is_err());
    }

    #[test]
    fn select_and_ignore_split_on_commas() {
        let w = Wrap::try_parse_from(["x", "d", "--select", "a,b", "--ignore", "c", "--ignore", "d"]).unwrap();
        assert_eq!(w.check.select, ["a", "b"]);
        assert_eq!(w.check.ignore, ["c", "d"]);
    }

    #[test]
    fn reference_baseline_output_and_formats_parse() {
        let w = Wrap::try_parse_from([
            "x",
            "new.txt",
            "--reference",
            "seeds",
            "--baseline",
            "b.json",
            "-o",
            "r.html",
            "--format",
            "html",
        ])
        .unwrap();
        assert_eq!(w.check.reference, [PathBuf::from("seeds")]);
        assert_eq!(w.check.baseline, Some(PathBuf::from("b.json")));
        assert_eq!(w.check.output, Some(PathBuf::from("r.html")));
        assert_eq!(w.check.format, Some(Format::Html));
        assert!(Wrap::try_parse_from(["x", "d", "--format", "sarif"]).is_ok());
        assert!(Wrap::try_parse_from(["x"]).is_err());
    }

    #[test]
    fn documents_come_from_the_paths_that_hold_them() {
        let paths = [PathBuf::from("new"), PathBuf::from("extra/a.txt")];
        assert!(from_paths(Path::new("new/b/c.txt"), &paths));
        assert!(from_paths(Path::new("extra/a.txt"), &paths));
        assert!(!from_paths(Path::new("seeds/a.txt"), &paths));
    }
}
