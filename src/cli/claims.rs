//! `crosscheck claims PATH...`: the extracted claims as a table for a
//! person, or as JSON Lines for a program (one document or claim a line).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use crosscheck::claim_records;
use crosscheck::report::json::Sections;
use crosscheck::report::{Index, Numbering, table};
use crosscheck::{AnalysedText, Analysis};

use super::setup::Setup;
use super::{ColorChoice, CorpusArgs, emit, emit_with, refuse_inputs, report_problems, report_reading};

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
    /// Write to FILE (atomically) instead of standard output; a name ending in `.zst` is written compressed.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClaimsFormat {
    Table,
    Jsonl,
}

pub fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus.paths[0], &args.corpus.folders, &[], &[])?;
    let to = args.output.as_deref();
    // Standard input can be read once only; a stream reads its files twice.
    if args.format == ClaimsFormat::Jsonl && !args.corpus.paths.iter().any(|p| p.as_os_str() == "-") {
        return stream(&setup, &args.corpus.paths, to);
    }
    let analysis = setup.analyse(&args.corpus.paths, AnalysedText::Keep);
    refuse_inputs(to, &analysis)?;
    let index = Index::new(&analysis);
    match args.format {
        ClaimsFormat::Table => {
            emit(&table::render(&index, &setup.lexicon, args.color.enabled() && to.is_none()), to)?;
        }
        ClaimsFormat::Jsonl => emit_with(to, |w| claim_records::write(w, &analysis, &index, &setup.lexicon))?,
    }
    let failed = report_problems(&analysis.corpus);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// The claim records written as their documents are extracted, a batch at
/// a time (see `crosscheck::analyse_stream`): an archive of any size is
/// held one batch at a time, and its first lines come out while the rest
/// is read. Batches go on from each other's ids; the `problem` lines of
/// reading come last. A run whose output is one of the files it reads
/// stops at that file's batch, and the file is left as it was.
fn stream(setup: &Setup, paths: &[PathBuf], to: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut streamed = None;
    let mut refused = None;
    let written = emit_with(to, |w| {
        let mut numbering = Numbering::default();
        let mut opening = true;
        // Its memory must not grow with the corpus: the files are read twice.
        let read = setup.stream(paths, 0, &mut |analysis| {
            if let Err(refusal) = refuse_inputs(to, &analysis) {
                refused = Some(refusal);
                return Err(std::io::Error::other("stopped"));
            }
            let index = Index::numbered(&analysis, &mut numbering);
            let sections = Sections { opening, body: true, problems: false };
            opening = false;
            claim_records::write_sections(w, (&analysis, &index, &setup.lexicon), sections)
        })?;
        // The problems, and the opening line if no batch wrote it.
        let rest = Analysis { corpus: read.corpus, extractions: Vec::new() };
        let sections = Sections { opening, body: false, problems: true };
        claim_records::write_sections(w, (&rest, &Index::new(&rest), &setup.lexicon), sections)?;
        streamed = Some((rest.corpus, read.documents));
        Ok(())
    });
    if let Some(refusal) = refused {
        return Err(refusal);
    }
    written?;
    let (corpus, documents) = streamed.expect("the stream ran");
    let failed = report_reading(&corpus, documents);
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
