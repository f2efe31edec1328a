//! `crosscheck check PATH...`: the consistency report.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::Lexicon;
use crosscheck::report::{Index, json, table};

use super::{ColorChoice, CorpusArgs, report_problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, colored on a terminal.
    Text,
    /// The JSON report (see docs/report-format.md).
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to color text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let sources = args.corpus.sources()?;
    let lexicon = Lexicon::load(&sources)?;
    let rules = RuleSet::load(&sources)?;
    let analysis = crosscheck::analyse(&args.corpus.paths, &lexicon);
    let graph = ClaimGraph::build(&analysis, &lexicon);
    let findings = rules.run(&graph);
    let index = Index::new(&analysis);
    let out = match args.format {
        Format::Json => json::render(&analysis, &index, &findings, &lexicon),
        Format::Text => table::render(&index, &lexicon, args.color.enabled()),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    let failed = report_problems(&analysis.corpus.problems);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
