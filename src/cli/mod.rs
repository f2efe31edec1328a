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

#[derive(Parser)]
#[command(name = "crosscheck", version, about = "Cross-checks factual claims across news sources")]
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
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
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
    /// Articles, or folders of them (read recursively): .txt, .md, .html, .json, .jsonl.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub folders: CorpusFolders,
}

/// Prints load warnings and problems to standard error; true when there
/// were problems (warnings change no exit code).
pub fn report_problems(corpus: &crosscheck::corpus::Corpus) -> bool {
    for w in &corpus.warnings {
        eprintln!("crosscheck: warning: {}", crosscheck::report::visible(&w.to_string()));
    }
    for p in &corpus.problems {
        eprintln!("crosscheck: {}", crosscheck::report::visible(&p.to_string()));
    }
    !corpus.problems.is_empty()
}

/// Writes output to standard output, or atomically to a file (a temporary
/// file beside it, then renamed), so a half-written report never replaces
/// a whole one.
pub fn emit(out: &str, to: Option<&Path>) -> anyhow::Result<()> {
    match to {
        None => Ok(std::io::stdout().lock().write_all(out.as_bytes())?),
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if !dir.is_dir() {
                anyhow::bail!("{}: no such folder to write {} in", dir.display(), path.display());
            }
            let name = path.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            let written = std::fs::write(&tmp, out)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
                .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display())));
            if written.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            written
        }
    }
}

/// Refuses to write output over a file the run read: a report written
/// onto an article would destroy it, and be read as one the next time.
pub fn refuse_inputs(to: Option<&Path>, analysis: &crosscheck::Analysis) -> anyhow::Result<()> {
    let Some(target) = to.and_then(|t| std::fs::canonicalize(t).ok()) else { return Ok(()) };
    let read = analysis.corpus.documents.iter().map(|d| d.path.as_path());
    let failed = analysis.corpus.problems.iter().map(|p| p.path());
    for input in read.chain(failed) {
        if std::fs::canonicalize(input).is_ok_and(|i| i == target) {
            anyhow::bail!("{}: is one of the inputs; refusing to write the report over it", input.display());
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
