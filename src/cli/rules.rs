//! `crosscheck rules` lists the rules; `crosscheck explain RULE` prints one
//! rule's documentation; `crosscheck rules --markdown` writes the rule
//! reference that `docs/rules.md` holds.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use crosscheck::engine::{Rule, RuleSet};
use crosscheck::report::rules_doc;

use super::CorpusFolders;
use super::setup::Setup;

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(flatten)]
    pub folders: CorpusFolders,
    /// Print the full rule reference as Markdown (the text of docs/rules.md).
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The rule's id, as `crosscheck rules` lists it.
    pub rule: String,
    #[command(flatten)]
    pub folders: CorpusFolders,
}

/// The rules as `crosscheck check` in this folder would run them: the
/// configuration's rule folders, `[severity]`, `select` and `ignore` applied.
fn load(folders: &CorpusFolders) -> anyhow::Result<RuleSet> {
    Ok(Setup::new(Path::new("."), folders, &[], &[])?.rules)
}

pub fn run(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let rules = load(&args.folders)?;
    let out = if args.markdown {
        rules_doc::render(&rules)
    } else {
        let id_width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        let check_width = rules.rules.iter().map(|r| r.check.name().len()).max().unwrap_or(0);
        rules
            .rules
            .iter()
            .map(|r: &Rule| {
                let off = if r.enabled { "" } else { " (off)" };
                format!(
                    "{:id_width$}  {:7}  {:check_width$}  {}{off}\n",
                    r.id,
                    r.severity.name(),
                    r.check.name(),
                    r.summary
                )
            })
            .collect()
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let rules = load(&args.folders)?;
    let Some(rule) = rules.get(&args.rule) else {
        let known: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        anyhow::bail!("unknown rule \"{}\"; rules: {}", args.rule, known.join(", "));
    };
    std::io::stdout().lock().write_all(rules_doc::explain(rule).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
