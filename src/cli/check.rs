//! `crosscheck check PATH...`: the consistency report, and the exit code CI
//! reads. With `--reference DIR`, PATH are new submissions checked against a
//! trusted corpus: only findings that involve them are reported.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck::claim_records;
use crosscheck::comparison::Kept;
use crosscheck::engine::{Finding, Severity, Status};
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::Lexicon;
use crosscheck::report::json::Sections;
use crosscheck::report::json::TempSpool;
use crosscheck::report::{Index, Summary, html, json, markdown, sarif, text};
use crosscheck::workflow::{Baseline, Review, Reviews};
use crosscheck::{AnalysedText, Analysis};

use super::setup::Setup;
use super::{ColorChoice, CorpusFolders, Output, emit, refuse_inputs, refuse_paths, report_problems};

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
    /// (also `.sarif.json`), `.md`, `.html`, each also compressed (`.json.zst`);
    /// anything else is text.
    pub fn of_path(path: &Path) -> Format {
        let name = crosscheck::compressed::inner_name(path);
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
    /// Print only the summary line (and problems); a report written to a file (-o) stays whole, and the exit code is unchanged.
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
    let format = args.format.unwrap_or_else(|| args.output.as_deref().map_or(Format::Text, Format::of_path));
    if matches!(format, Format::Json | Format::Jsonl) {
        return check_kept(&args, &setup, &all, format);
    }
    let (analysis, from_records) = analyse(&setup, &all, &args.claims, args.output.as_deref())?;
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
    kept: &'a Kept,
    reviews: Reviews,
    baseline: Option<Baseline>,
    submitted: Option<Vec<bool>>,
    fail_on: FailOn,
    /// The fingerprints of the reviews some finding took.
    taken: HashSet<String>,
    fails: bool,
}

impl<'a> Triage<'a> {
    /// The triage of the findings of `kept`, with the review decisions and
    /// the baseline, read before the report began.
    fn new(
        (args, setup): (&'a CheckArgs, &Setup),
        kept: &'a Kept,
        from_records: usize,
        (reviews, baseline): (Reviews, Option<Baseline>),
    ) -> Triage<'a> {
        Triage {
            args,
            kept,
            reviews,
            baseline,
            submitted: submissions(args, &kept.analysis, from_records),
            fail_on: fail_on(args, setup),
            taken: HashSet::new(),
            fails: false,
        }
    }

    /// The finding, its fingerprint assigned, as the report shows it, or
    /// `None` when it is not shown.
    fn take(&mut self, mut f: Finding) -> Option<Finding> {
        if let Some(review) = self.reviews.get(&f.fingerprint) {
            self.taken.insert(review.finding.clone());
            f.review = Some(Box::new(review.clone()));
        }
        if self.submitted.as_ref().is_some_and(|new| !f.claims.iter().any(|&c| new[self.kept.keys.doc_of(c)])) {
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

/// Where the report's documents, claims and dates go while the rest of the
/// corpus is read: the JSON report's body (claims to the output, documents
/// and dates to temporary files until the claims are written), or the JSON
/// Lines report's lines, to the output as they come.
enum Streamed<'w> {
    Json(json::Body<TempSpool, &'w mut dyn Write>),
    Lines(&'w mut dyn Write),
}

impl Streamed<'_> {
    fn show(&mut self, batch: &Analysis, index: &Index, lexicon: &Lexicon) -> std::io::Result<()> {
        match self {
            Streamed::Json(body) => body.add((batch, index, lexicon)),
            Streamed::Lines(lines) => {
                let body = Sections { opening: false, body: true, problems: false };
                json::write_sections(*lines, (batch, index, lexicon), (&[], &[]), body, &mut |_, _, _| {})
            }
        }
    }
}

/// `check --format json` and `--format jsonl`: the articles are read as a
/// stream, a batch at a time (see `crosscheck::analyse_stream`); each
/// batch's claims (and for JSON Lines its documents and dates) are written
/// to the output while its texts are there, the JSON report's documents and
/// dates to temporary files, and only what comparison reads is kept
/// (`comparison::Kept`). The claims files, if any, come last, as one
/// batch. The rules then run; their findings go through the triage as they
/// are written: for JSON read back in the report's order
/// (`RuleSet::run_sorted`), for JSON Lines rule by rule, as each rule has
/// run (`RuleSet::run_each`), in the JSON report's order within a rule. An
/// archive's texts, its report's index and its findings are never held
/// whole, nor the graph with any of them. What can fail on the user's
/// files (claims files, reviews, the baseline) is read before the first
/// byte is written.
fn check_kept(args: &CheckArgs, setup: &Setup, articles: &[PathBuf], format: Format) -> anyhow::Result<ExitCode> {
    let to = args.output.as_deref();
    refuse_paths(to, args.claims.iter().map(PathBuf::as_path))?;
    let lexicon = &setup.lexicon;
    let records = if args.claims.is_empty() { None } else { Some(claim_records::read(&args.claims, lexicon)?) };
    let decisions = (setup.reviews()?, args.baseline.as_deref().map(Baseline::read).transpose()?);
    let mut output = Output::open(to)?;
    let temp = || format!("(temporary files in {}; set TMPDIR to change it)", temp_dir());
    let name = output.name();
    let failed = |e: std::io::Error| anyhow::anyhow!("{name}: {e}").context(format!("writing the report {}", temp()));
    let (kept, fails) = {
        let w = output.writer();
        let mut streamed = match format {
            Format::Json => Streamed::Json(json::Body::spooled(w).with_context(|| {
                format!("creating a temporary file for the report in {} (set TMPDIR to change it)", temp_dir())
            })?),
            _ => {
                json::write_opening_line(w).map_err(failed)?;
                Streamed::Lines(w)
            }
        };
        let mut kept = Kept::default();
        let mut show = |batch: &Analysis, index: &Index| streamed.show(batch, index, lexicon);
        // Standard input can be read once only; a stream reads its files
        // twice, unless they take at most `KEPT_FROM_FIRST_READING` bytes.
        let read: std::io::Result<()> = if articles.iter().any(|p| p.as_os_str() == "-") {
            kept.add(setup.analyse(articles, AnalysedText::Drop), &mut show)
        } else if !articles.is_empty() {
            let first_reading_kept = crosscheck::KEPT_FROM_FIRST_READING;
            setup.stream(articles, first_reading_kept, &mut |batch| kept.add(batch, &mut show)).map(|read| {
                kept.analysis.corpus.problems.extend(read.corpus.problems);
                kept.analysis.corpus.warnings.extend(read.corpus.warnings);
            })
        } else {
            Ok(())
        };
        let from_records = records.as_ref().map_or(0, |r| r.corpus.documents.len());
        let read = read.and_then(|()| records.map_or(Ok(()), |records| kept.add(records, &mut show)));
        read.map_err(failed)?;
        refuse_inputs(to, &kept.analysis)?;
        let graph = ClaimGraph::for_rules(&kept.analysis, lexicon);
        let triage = RefCell::new(Triage::new((args, setup), &kept, from_records, decisions));
        let written = match streamed {
            Streamed::Json(body) => setup
                .rules
                .run_sorted(&graph)
                .with_context(|| format!("writing findings to temporary files {}", temp()))
                .and_then(|sorted| {
                    drop(graph);
                    // The findings are triaged as they are written, and the
                    // stale reviews asked for once they all are.
                    let fingerprinted = kept.keys.assign_each(sorted, &kept.analysis);
                    let mut findings = fingerprinted.filter_map(|f| f.map(|f| triage.borrow_mut().take(f)).transpose());
                    let mut stale = || triage.borrow().stale();
                    body.write_report(&mut findings, &mut stale, &kept.analysis.corpus.problems)
                        .map(drop)
                        .map_err(failed)
                }),
            Streamed::Lines(w) => {
                let mut written = 0;
                let mut triage = triage.borrow_mut();
                setup
                    .rules
                    .run_each::<std::io::Error>(&graph, &mut |mut f| {
                        kept.keys.assign(&mut f, &kept.analysis);
                        if let Some(f) = triage.take(f) {
                            json::write_finding_line(w, written, &f)?;
                            written += 1;
                        }
                        Ok(())
                    })
                    .and_then(|()| json::write_stale_lines(w, &triage.stale()))
                    .and_then(|()| json::write_problem_lines(w, &kept.analysis.corpus.problems))
                    .map_err(failed)
            }
        };
        written?;
        let fails = triage.into_inner().fails;
        (kept, fails)
    };
    output.finish()?;
    exit_code(&kept.analysis, fails)
}

/// Where temporary files go: `TMPDIR`, else the system's folder.
fn temp_dir() -> String {
    std::env::temp_dir().display().to_string()
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

/// Whether a finding is shown: none printed with `--quiet` (a report
/// written to a file keeps them all), and with `--only`, those of the
/// statuses asked for.
fn shown(args: &CheckArgs, f: &Finding) -> bool {
    (!args.quiet || args.output.is_some())
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
