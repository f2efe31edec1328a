//! The text report: findings as compiler-style diagnostics, discrepancies
//! first, then agreements, then notes one line each; every claim a finding
//! rests on shown at file:line:column with its line and the claim
//! underlined; a summary line at the end. Colored on a terminal.

use colored::{ColoredString, Colorize};

use super::{Index, SharedExcerpt, Summary, shared_excerpt, visible};
use crate::engine::{Finding, Severity, Status, WordChange};
use crate::workflow::Review;

/// How wide the excerpt of a sentence may be, in characters.
const EXCERPT_WIDTH: usize = 160;

fn label(f: &Finding) -> ColoredString {
    if f.is_dismissed() {
        return "dismissed".dimmed().bold();
    }
    match (f.status, f.severity) {
        (Status::Discrepancy, Severity::Error) => "error".red().bold(),
        (Status::Discrepancy, Severity::Warning) => "warning".yellow().bold(),
        (Status::Discrepancy, Severity::Info) => "info".cyan().bold(),
        (Status::Agreement, _) => "agreement".green().bold(),
        (Status::Note, _) => "note".blue().bold(),
    }
}

fn underline(f: &Finding, s: String) -> ColoredString {
    if f.is_dismissed() {
        return s.dimmed();
    }
    match f.status {
        Status::Discrepancy => s.red().bold(),
        Status::Agreement => s.green(),
        Status::Note => s.blue(),
    }
}

/// The underline row under a shared sentence: one `^` run per claim, side
/// by side, up to the last of them.
fn carets(f: &Finding, excerpt: &SharedExcerpt) -> String {
    let mut runs = excerpt.runs();
    while runs.last().is_some_and(|(marked, _)| !marked) {
        runs.pop();
    }
    runs.iter()
        .map(|(marked, run)| {
            let width = run.chars().count();
            if *marked { underline(f, "^".repeat(width)).to_string() } else { " ".repeat(width) }
        })
        .collect()
}

/// Renders the findings for a person.
pub fn render(index: &Index, findings: &[Finding], stale: &[Review], summary: &Summary, color: bool) -> String {
    colored::control::set_override(color);
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.status != Status::Note) {
        out.push_str(&format!("{}{}: {}\n", label(f), format!("[{}]", f.rule).bold(), visible(&f.message).bold()));
        let gutter = f.claims.iter().map(|&c| index.claims[c].line).max().unwrap_or(1).to_string().len();
        let pad = " ".repeat(gutter);
        for sentence in index.by_sentence(&f.claims) {
            let v = sentence[0];
            let ex = shared_excerpt(&sentence, EXCERPT_WIDTH);
            out.push_str(&format!(
                "{pad}{} {}:{}:{}\n",
                "-->".blue().bold(),
                visible(&v.doc.path.display().to_string()),
                v.line,
                v.column
            ));
            out.push_str(&format!("{pad} {}\n", "|".blue().bold()));
            out.push_str(&format!(
                "{:>gutter$} {} {}\n",
                v.line.to_string().blue().bold(),
                "|".blue().bold(),
                visible(&ex.text)
            ));
            out.push_str(&format!("{pad} {} {}\n", "|".blue().bold(), carets(f, &ex)));
        }
        if let Some(diff) = &f.diff {
            let words = super::diff_line(diff, |c| match c {
                WordChange::Same(w) => visible(w).into_owned(),
                WordChange::Removed(w) => format!("[-{}-]", visible(w)).red().to_string(),
                WordChange::Added(w) => format!("{{+{}+}}", visible(w)).green().to_string(),
            });
            out.push_str(&format!("{pad} {} diff: {words}\n", "=".blue().bold()));
        }
        if let Some(r) = &f.review {
            let by = r.by.as_deref().map(|b| format!(" by {}", visible(b))).unwrap_or_default();
            let note = r.note.as_deref().map(|n| format!(": {}", visible(n))).unwrap_or_default();
            out.push_str(&format!("{pad} {} review: {}{by}{note}\n", "=".blue().bold(), r.decision.name().bold()));
        }
        if f.in_baseline {
            out.push_str(&format!("{pad} {} in the baseline: not new\n", "=".blue().bold()));
        }
        out.push_str(&format!(
            "{pad} {} rule: {} (crosscheck explain {}); finding {}\n\n",
            "=".blue().bold(),
            f.rule,
            f.rule,
            f.fingerprint
        ));
    }
    for f in findings.iter().filter(|f| f.status == Status::Note) {
        let v = &index.claims[f.claims[0]];
        let review = f.review.as_ref().map(|r| format!("; {}", r.decision.name())).unwrap_or_default();
        out.push_str(&format!(
            "{}{}: {}:{}:{}: {} {}\n",
            label(f),
            format!("[{}]", f.rule).bold(),
            visible(&v.doc.path.display().to_string()),
            v.line,
            v.column,
            visible(&f.message),
            format!("(finding {}{review})", f.fingerprint).dimmed()
        ));
    }
    if findings.iter().any(|f| f.status == Status::Note) {
        out.push('\n');
    }
    for r in stale {
        out.push_str(&format!(
            "{}: review {} ({}: {}) matches no finding any more\n",
            "stale".magenta().bold(),
            visible(&r.finding),
            r.decision.name(),
            visible(&r.rule)
        ));
    }
    out.push_str(&summary.line().bold().to_string());
    out.push('\n');
    out
}
