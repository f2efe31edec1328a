//! `crosscheck rules` lists the rules; `crosscheck explain RULE` prints one
//! rule's documentation; `crosscheck rules --markdown` writes the rule
//! reference that `docs/rules.md` holds.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use crosscheck::engine::{Rule, RuleSet};
use crosscheck::lexicon::{Lexicon, Sources};
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
    /// Print one rule's file as crosscheck reads it, to copy and change.
    #[arg(long, value_name = "RULE", conflicts_with = "markdown")]
    pub show: Option<String>,
}

#[derive(Args, Debug)]
pub struct TestRulesArgs {
    /// A folder of rules and lexicons laid out like `rules/`.
    pub dir: std::path::PathBuf,
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
    if let Some(id) = &args.show {
        let Some(rule) = rules.get(id) else {
            let known: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
            anyhow::bail!("unknown rule \"{id}\"; rules: {}", known.join(", "));
        };
        let mut sources = Sources::built_in();
        for dir in &args.folders.rules {
            sources.add_folder(dir)?;
        }
        let name = format!("{id}.toml");
        let file = sources.folder("").into_iter().find(|f| f.relative == name);
        let text = file.map(|f| f.text.clone()).unwrap_or_else(|| format!("# {}\n", rule.origin));
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
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

/// Runs every example of the rule and lexicon files of a folder, layered
/// over the built-in ones as `--rules DIR` would; fails on any that does
/// not behave as its file says.
pub fn test_rules(args: TestRulesArgs) -> anyhow::Result<ExitCode> {
    let mut sources = Sources::built_in();
    sources.add_folder(&args.dir)?;
    let lexicon = Lexicon::load(&sources)?;
    let rules = RuleSet::load(&sources)?;
    let dir = args.dir.display().to_string();
    let mine = |origin: &str| origin.starts_with(dir.as_str());
    let rule_examples: usize = rules.rules.iter().filter(|r| mine(&r.origin)).map(|r| r.examples.len()).sum();
    let lexicon_examples = lexicon.examples.iter().filter(|e| mine(&e.file.display().to_string())).count();
    let mut failures = crosscheck::examples::failing_rule_examples(&rules, &lexicon, |r| mine(&r.origin));
    failures.extend(crosscheck::examples::failing_lexicon_examples(&lexicon, |e| mine(&e.file.display().to_string())));
    let mut out = std::io::stdout().lock();
    for f in &failures {
        writeln!(out, "fail: {}", crosscheck::report::visible(f))?;
    }
    let total = rule_examples + lexicon_examples;
    writeln!(out, "{} of {total} examples in {dir} behave as written", total - failures.len().min(total))?;
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
