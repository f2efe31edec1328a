//! `crosscheck baseline PATH... -o FILE`: records today's findings so that
//! `check --baseline FILE` fails only on new ones.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use crosscheck::AnalysedText;
use crosscheck::workflow::Baseline;

use super::setup::Setup;
use super::{CorpusArgs, emit, refuse_inputs, report_problems};

#[derive(Args, Debug)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Where to write the baseline (JSON).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

pub fn run(args: BaselineArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus.paths[0], &args.corpus.folders, &[], &[])?;
    let analysis = setup.analyse(&args.corpus.paths, AnalysedText::Keep);
    let (_, findings, _) = setup.check(&analysis)?;
    let baseline = Baseline::from_findings(&findings);
    refuse_inputs(Some(&args.output), &analysis)?;
    emit(&baseline.to_json(), Some(&args.output))?;
    eprintln!("crosscheck: recorded {} findings in {}", baseline.findings.len(), args.output.display());
    Ok(if report_problems(&analysis.corpus) { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
