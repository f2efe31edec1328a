//! `crosscheck review FINDING --confirm | --dismiss | --needs-source`
//! records a fact-checker's decision in `crosscheck-reviews.toml` beside the
//! corpus; `crosscheck review --list` shows the decisions. FINDING is a
//! finding's fingerprint (or a unique prefix of at least six characters), as
//! every report shows it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use crosscheck::AnalysedText;
use crosscheck::workflow::{Decision, Review, Reviews, now};

use super::CorpusFolders;
use super::setup::Setup;

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("decision").args(["confirm", "dismiss", "needs_source", "list"]).required(true)))]
pub struct ReviewArgs {
    /// The finding's fingerprint, or a unique prefix of it (six characters or more).
    #[arg(required_unless_present = "list")]
    pub finding: Option<String>,
    /// The finding is right: the sources do disagree (or agree).
    #[arg(long)]
    pub confirm: bool,
    /// The finding is wrong or does not matter: it no longer fails a check.
    #[arg(long)]
    pub dismiss: bool,
    /// The finding needs a source before it can be settled.
    #[arg(long)]
    pub needs_source: bool,
    /// List the decisions recorded for the corpus.
    #[arg(long)]
    pub list: bool,
    /// Why: shown with the decision in every report.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Who decided.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// The corpus the finding comes from (default: the current folder).
    #[arg(long, value_name = "PATH", default_value = ".")]
    pub corpus: Vec<PathBuf>,
    #[command(flatten)]
    pub folders: CorpusFolders,
}

pub fn run(args: ReviewArgs) -> anyhow::Result<ExitCode> {
    let setup = Setup::new(&args.corpus[0], &args.folders, &[], &[])?;
    if args.list {
        let reviews = Reviews::read(&setup.reviews_path)?;
        if reviews.reviews.is_empty() {
            println!("no decisions recorded in {}", setup.reviews_path.display());
        }
        // The file is anyone's to edit: what it holds is shown, never acted on.
        let v = crosscheck::report::visible;
        for r in &reviews.reviews {
            let by = r.by.as_deref().map(|b| format!(" by {}", v(b))).unwrap_or_default();
            println!("{}  {:12}  {}  ({}{by})", v(&r.finding), r.decision.name(), v(&r.rule), v(&r.at));
            println!("    {}", v(&r.message));
            if let Some(note) = &r.note {
                println!("    note: {}", v(note));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args.finding.as_deref().expect("required unless --list");
    if wanted.len() < 6 {
        anyhow::bail!("\"{wanted}\" is too short: give at least six characters of the fingerprint");
    }
    let analysis = setup.analyse(&args.corpus, AnalysedText::Keep);
    let (_, findings, _) = setup.check(&analysis)?;
    let matches: Vec<_> = findings.iter().filter(|f| f.fingerprint.starts_with(wanted)).collect();
    let finding = match matches.as_slice() {
        [one] => *one,
        [] => anyhow::bail!("no finding with fingerprint {wanted} in {}", args.corpus[0].display()),
        _ => anyhow::bail!("{wanted} matches {} findings; give more of the fingerprint", matches.len()),
    };
    let decision = if args.confirm {
        Decision::Confirmed
    } else if args.dismiss {
        Decision::Dismissed
    } else {
        Decision::NeedsSource
    };
    let review = Review {
        finding: finding.fingerprint.to_string(),
        decision,
        rule: finding.rule.to_string(),
        message: finding.message.to_string(),
        note: args.note,
        by: args.by,
        at: now(),
    };
    Reviews::record(&setup.reviews_path, review)?;
    println!("{} {}: {} ({})", finding.fingerprint, decision.name(), finding.rule, setup.reviews_path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Wrap {
        #[command(flatten)]
        review: ReviewArgs,
    }

    #[test]
    fn one_decision_is_required_and_only_one() {
        assert!(Wrap::try_parse_from(["x", "abcdef12", "--dismiss", "--note", "overlap", "--by", "ana"]).is_ok());
        assert!(Wrap::try_parse_from(["x", "abcdef12"]).is_err());
        assert!(Wrap::try_parse_from(["x", "abcdef12", "--dismiss", "--confirm"]).is_err());
        assert!(Wrap::try_parse_from(["x", "--list"]).is_ok());
        assert!(Wrap::try_parse_from(["x", "--confirm"]).is_err());
    }
}
