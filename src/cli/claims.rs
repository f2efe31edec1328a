//! `crosscheck claims PATH...`: the extracted claims as a table for a person.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use crosscheck::report::{Index, table};

use super::{ColorChoice, CorpusArgs, report_problems};

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// When to color the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

pub fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let lexicon = args.corpus.lexicon()?;
    let analysis = crosscheck::analyse(&args.corpus.paths, &lexicon);
    let index = Index::new(&analysis);
    let out = table::render(&index, &lexicon, args.color.enabled());
    std::io::stdout().lock().write_all(out.as_bytes())?;
    let failed = report_problems(&analysis.corpus.problems);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
