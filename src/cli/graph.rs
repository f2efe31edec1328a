//! `crosscheck graph PATH... --format dot`: the claim graph for Graphviz.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use crosscheck::graph::ClaimGraph;
use crosscheck::report::dot;

use super::setup::Setup;
use super::{CorpusArgs, emit, report_problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: GraphArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus.paths[0], &args.corpus.folders, &[], &[])?;
    let analysis = setup.analyse(&args.corpus.paths);
    let graph = ClaimGraph::build(&analysis, &setup.lexicon);
    let out = match args.format {
        GraphFormat::Dot => dot::render(&graph),
    };
    emit(&out, args.output.as_deref())?;
    Ok(if report_problems(&analysis.corpus.problems) { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
