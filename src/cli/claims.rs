//! `crosscheck claims PATH...`: the extracted claims as a table for a person.

use std::process::ExitCode;

use clap::Args;
use crosscheck::report::{Index, table};

use super::setup::Setup;
use super::{ColorChoice, CorpusArgs, emit, report_problems};

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// When to color the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

pub fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus.paths[0], &args.corpus.folders, &[], &[])?;
    let analysis = setup.analyse(&args.corpus.paths);
    let index = Index::new(&analysis);
    emit(&table::render(&index, &setup.lexicon, args.color.enabled()), None)?;
    let failed = report_problems(&analysis.corpus);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
