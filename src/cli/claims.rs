//! `crosscheck claims PATH...`: the extracted claims as a table for a
//! person, or as JSON Lines for a program (one document or claim a line).

use std::process::ExitCode;

use clap::Args;
use crosscheck::claim_records;
use crosscheck::report::{Index, table};

use super::setup::Setup;
use super::{ColorChoice, CorpusArgs, emit, emit_with, report_problems};

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// When to color the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The table for a person, or JSON Lines for a program.
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
    pub format: ClaimsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClaimsFormat {
    Table,
    Jsonl,
}

pub fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus.paths[0], &args.corpus.folders, &[], &[])?;
    let analysis = setup.analyse(&args.corpus.paths);
    let index = Index::new(&analysis);
    match args.format {
        ClaimsFormat::Table => emit(&table::render(&index, &setup.lexicon, args.color.enabled()), None)?,
        ClaimsFormat::Jsonl => emit_with(None, |w| claim_records::write(w, &analysis, &index, &setup.lexicon))?,
    }
    let failed = report_problems(&analysis.corpus);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
