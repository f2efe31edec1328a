//! The command line: one file per subcommand, each owning its flags and
//! their parse tests. Parsing yields plain options; the library never sees a
//! clap type.

mod baseline;
mod check;
mod claims;
mod graph;
mod review;
mod rules;
mod setup;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::compressed::{Compressor, is_compressed};

const AFTER_HELP: &str = "\
Examples:
  crosscheck check corpus/seeds                      the consistency report of a folder
  crosscheck check story/ -o report.html             a page for reviewers (format from the extension)
  crosscheck check new.txt --reference trusted/      CI: a submission against a trusted corpus
  crosscheck check corpus/ --only discrepancies      only what disagrees
  crosscheck review FINDING --dismiss --corpus story/
  cat article.txt | crosscheck claims -              an article from standard input

Exit codes:
  0  no discrepancy at or above --fail-on
  1  a discrepancy at or above --fail-on (error by default)
  2  bad usage, an unreadable input, or no article to read";

#[derive(Parser)]
#[command(name = "crosscheck", version, about = "Cross-checks factual claims across news sources", after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims and report where sources agree and disagree.
    Check(check::CheckArgs),
    /// Print the claims of a corpus as a table, one row a claim.
    Claims(claims::ClaimsArgs),
    /// Record today's findings, so that `check --baseline` fails only on new ones.
    Baseline(baseline::BaselineArgs),
    /// Record a fact-checker's decision on a finding, or list the decisions.
    Review(review::ReviewArgs),
    /// Export the claim graph (documents, claims, places, events, speakers).
    Graph(graph::GraphArgs),
    /// List the rules, or print the rule reference.
    Rules(rules::RulesArgs),
    /// Print a rule's documentation: what it checks, why, examples.
    Explain(rules::ExplainArgs),
    /// Run every example of the rule and lexicon files in a folder.
    TestRules(rules::TestRulesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions.
    Man,
}

/// When to color output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// On a terminal only.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether output to standard output gets colors.
    pub fn enabled(self) -> bool {
        match self {
            // NO_COLOR counts only when set to something (no-color.org).
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }
}

/// Folders of rules and lexicons layered over the built-in ones, and the
/// configuration file.
#[derive(clap::Args, Debug, Clone)]
pub struct CorpusFolders {
    /// A folder of extra rules and lexicons, laid out like `rules/`; repeatable.
    #[arg(
        long = "rules",
        value_name = "DIR",
        long_help = "A folder of extra rule files and lexicons, laid out like the built-in rules/ folder (rule files at its top, lexicons/, gazetteer/, events/ below). Lexicon entries add to the built-in ones; a rule file replaces the built-in rule of the same name. Repeatable; later folders win, and they come after the folders crosscheck.toml names."
    )]
    pub rules: Vec<PathBuf>,
    /// The configuration file (default: crosscheck.toml in the corpus folder or above).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also read links that lead out of a folder being read (skipped, with a warning, by default).
    #[arg(long)]
    pub follow_links: bool,
}

/// Flags every corpus-reading command shares.
#[derive(clap::Args, Debug, Clone)]
pub struct CorpusArgs {
    /// Articles, or folders of them (read recursively): .txt, .md, .html, .json, .jsonl; `-` reads one from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub folders: CorpusFolders,
}

/// Prints load warnings and problems to standard error; true when there
/// were problems (warnings change no exit code).
pub fn report_problems(corpus: &crosscheck::corpus::Corpus) -> bool {
    report_reading(corpus, corpus.documents.len())
}

/// `report_problems` for a corpus read as a stream, which kept none of its
/// `documents`.
pub fn report_reading(corpus: &crosscheck::corpus::Corpus, documents: usize) -> bool {
    for w in &corpus.warnings {
        eprintln!("crosscheck: warning: {}", crosscheck::report::visible(&w.to_string()));
    }
    for p in &corpus.problems {
        eprintln!("crosscheck: {}", crosscheck::report::visible(&p.to_string()));
    }
    if documents == 0 {
        eprintln!("crosscheck: no article was read from the paths given; nothing to check");
        return true;
    }
    !corpus.problems.is_empty()
}

/// Writes output to standard output, or atomically to a file (a temporary
/// file beside it, then renamed), so a half-written report never replaces
/// a whole one.
pub fn emit(out: &str, to: Option<&Path>) -> anyhow::Result<()> {
    emit_with(to, |w| w.write_all(out.as_bytes()))
}

/// `emit` for output written as it is made (a large JSON report), never
/// held whole in memory: to standard output, or to a temporary file beside
/// `to` that replaces it once complete.
pub fn emit_with(to: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut output = Output::open(to)?;
    write(output.writer()).map_err(|e| output.failed(e))?;
    output.finish()
}

/// Where a command's output goes while it is written, from its first byte
/// to its last: standard output, or a hidden temporary file beside the
/// target (a corpus walk skips it) renamed onto the target by `finish`,
/// and removed if the command stops before: a half-written report never
/// replaces a whole one.
pub struct Output<'p> {
    /// Taken by `finish` only.
    sink: Option<Sink>,
    target: Option<(&'p Path, PathBuf)>,
}

enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(std::io::BufWriter<std::fs::File>),
    /// A file whose name ends in `.zst`.
    Compressed(Compressor<std::io::BufWriter<std::fs::File>>),
}

impl<'p> Output<'p> {
    /// Opens standard output, or the temporary file beside `to`, written
    /// compressed when the name of `to` ends in `.zst`.
    pub fn open(to: Option<&'p Path>) -> anyhow::Result<Output<'p>> {
        let Some(path) = to else {
            let stdout = Sink::Stdout(std::io::BufWriter::new(std::io::stdout().lock()));
            return Ok(Output { sink: Some(stdout), target: None });
        };
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !dir.is_dir() {
            anyhow::bail!("{}: no such folder to write {} in", dir.display(), path.display());
        }
        remove_leftovers(path);
        let tmp = crosscheck::workflow::temporary_file(path);
        let failed = |e: std::io::Error| anyhow::anyhow!("{}: {e}", path.display());
        let file = std::fs::File::create(&tmp).and_then(|file| file.lock().map(|()| file)).map_err(failed)?;
        let file = std::io::BufWriter::new(file);
        let sink = if is_compressed(path) {
            Sink::Compressed(Compressor::new(file).map_err(failed)?)
        } else {
            Sink::File(file)
        };
        Ok(Output { sink: Some(sink), target: Some((path, tmp)) })
    }

    /// Where to write, until `finish`.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self.sink.as_mut().expect("an output is written until it is finished") {
            Sink::Stdout(out) => out,
            Sink::File(out) => out,
            Sink::Compressed(out) => out,
        }
    }

    /// Where the output goes, as errors name it.
    pub fn name(&self) -> String {
        self.target.as_ref().map_or_else(|| "standard output".to_string(), |(path, _)| path.display().to_string())
    }

    /// A failure to write, naming where the output was going.
    pub fn failed(&self, e: std::io::Error) -> anyhow::Error {
        anyhow::anyhow!("{}: {e}", self.name())
    }

    /// Flushes the output; a file is made durable and put in its place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let done = match self.sink.take() {
            Some(Sink::Stdout(mut out)) => out.flush(),
            Some(Sink::File(out)) => durable(out),
            Some(Sink::Compressed(out)) => out.finish().and_then(durable),
            None => Ok(()),
        };
        done.map_err(|e| self.failed(e))?;
        if let Some((path, tmp)) = self.target.take() {
            std::fs::rename(&tmp, path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                anyhow::anyhow!("{}: {e}", path.display())
            })?;
        }
        Ok(())
    }
}

/// Writes out what `out` holds and makes the file durable.
fn durable(out: std::io::BufWriter<std::fs::File>) -> std::io::Result<()> {
    out.into_inner().map_err(std::io::IntoInnerError::into_error).and_then(|f| f.sync_all())
}

/// Removes the temporary files that runs killed while writing `target`
/// left beside it. A run holds a lock on its temporary file until it ends,
/// however it ends: one whose lock can be taken is a leftover; one still
/// being written, by a run alongside, is left alone.
fn remove_leftovers(target: &Path) {
    for tmp in crosscheck::workflow::temporary_files(target) {
        if std::fs::File::open(&tmp).is_ok_and(|file| file.try_lock().is_ok()) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Drop for Output<'_> {
    fn drop(&mut self) {
        if let Some((_, tmp)) = &self.target {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Refuses to write output over a file the run read: a report written
/// onto an article would destroy it, and be read as one the next time.
pub fn refuse_inputs(to: Option<&Path>, analysis: &crosscheck::Analysis) -> anyhow::Result<()> {
    let read = analysis.corpus.documents.iter().map(|d| d.path.as_path());
    let failed = analysis.corpus.problems.iter().map(|p| p.path());
    refuse_paths(to, read.chain(failed))
}

/// `refuse_inputs` for files read otherwise than as articles (claim records).
pub fn refuse_paths<'p>(to: Option<&Path>, inputs: impl IntoIterator<Item = &'p Path>) -> anyhow::Result<()> {
    let Some(target) = to.and_then(|t| std::fs::canonicalize(t).ok()) else { return Ok(()) };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|i| i == target) {
            anyhow::bail!("{}: is one of the inputs; refusing to write the output over it", input.display());
        }
    }
    Ok(())
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Claims(args) => claims::run(args),
        Command::Baseline(args) => baseline::run(args),
        Command::Review(args) => review::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => rules::explain(args),
        Command::TestRules(args) => rules::test_rules(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "crosscheck", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(anyhow::Error::from)
                .and_then(|()| std::io::stdout().lock().write_all(&out).map_err(anyhow::Error::from))
                .map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("crosscheck: {e:#}");
            ExitCode::from(2)
        }
    }
}
