//! `crosscheck check PATH...`: the consistency report, and the exit code CI
//! reads.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use crosscheck::engine::{Finding, RuleSet, Severity, Status};
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::Lexicon;
use crosscheck::report::{Index, Summary, json, markdown, text};

use super::{ColorChoice, CorpusArgs, report_problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, colored on a terminal.
    Text,
    /// The JSON report (docs/report-format.md).
    Json,
    /// Markdown, for a pull-request comment or an email.
    Markdown,
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
    pub fn fails(self, findings: &[Finding]) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Never => return false,
        };
        findings.iter().any(|f| f.status == Status::Discrepancy && f.severity >= threshold)
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when a discrepancy reaches this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error, long_help = "Exit with status 1 when a discrepancy of at least this severity is found: error (the default), warning, info, or never. Agreements and notes never fail a run; unreadable input exits with 2.")]
    pub fail_on: FailOn,
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

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let sources = args.corpus.sources()?;
    let lexicon = Lexicon::load(&sources)?;
    let mut rules = RuleSet::load(&sources)?;
    rules.select(&args.select, &args.ignore).map_err(anyhow::Error::msg)?;
    let analysis = crosscheck::analyse(&args.corpus.paths, &lexicon);
    let graph = ClaimGraph::build(&analysis, &lexicon);
    let findings = rules.run(&graph);
    let index = Index::new(&analysis);
    let summary = Summary::new(&analysis, &findings);
    let out = match args.format {
        Format::Json => json::render(&analysis, &index, &findings, &lexicon),
        Format::Markdown => markdown::render(&index, &findings, &summary),
        Format::Text => text::render(&index, &findings, &summary, args.color.enabled()),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if report_problems(&analysis.corpus.problems) {
        return Ok(ExitCode::from(2));
    }
    Ok(if args.fail_on.fails(&findings) { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
    fn fail_on_defaults_to_error_and_takes_each_level() {
        let w = Wrap::try_parse_from(["x", "dir"]).unwrap();
        assert_eq!(w.check.fail_on, FailOn::Error);
        for (flag, want) in [("warning", FailOn::Warning), ("info", FailOn::Info), ("never", FailOn::Never)] {
            let w = Wrap::try_parse_from(["x", "dir", "--fail-on", flag]).unwrap();
            assert_eq!(w.check.fail_on, want);
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
    fn formats_parse_and_paths_are_required() {
        assert!(Wrap::try_parse_from(["x", "d", "--format", "markdown"]).is_ok());
        assert!(Wrap::try_parse_from(["x"]).is_err());
    }
}
