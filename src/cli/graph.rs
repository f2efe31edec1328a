//! `crosscheck graph PATH... --format dot|json`: the claim graph for
//! Graphviz, or as JSON for asking why two claims were or were not compared.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use crosscheck::AnalysedText;
use crosscheck::graph::ClaimGraph;
use crosscheck::report::{Index, dot, graph_json};

use super::setup::Setup;
use super::{CorpusArgs, emit, refuse_inputs, report_problems};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// JSON: every claim with its referent and group (or why it is in none),
    /// the referent groups with their time slices, and every edge with the
    /// fields it rests on.
    Json,
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
    let analysis = setup.analyse(&args.corpus.paths, AnalysedText::Keep);
    let graph = ClaimGraph::build(&analysis, &setup.lexicon);
    let out = match args.format {
        GraphFormat::Dot => dot::render(&graph),
        GraphFormat::Json => graph_json::render(&graph, &Index::new(&analysis)),
    };
    refuse_inputs(args.output.as_deref(), &analysis)?;
    emit(&out, args.output.as_deref())?;
    Ok(if report_problems(&analysis.corpus) { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
