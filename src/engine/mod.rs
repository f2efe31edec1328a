//! engine: rule files applied to the claim graph.
//! Takes: `rules/` (built-in and user folders) and a `ClaimGraph`.
//! Gives: `Finding`s: agreements, discrepancies and notes, each naming its
//! rule, severity, message and the claims it rests on.
//! Never: reads article text beyond its claims' own words, their lists'
//! items and the word before a date (all a document kept for comparison
//! holds), or prints; reports render findings.

pub mod checks;
mod rule;
pub mod sorted;
mod template;

use serde::{Deserialize, Serialize};

pub use checks::{Check, Outcome, Outcomes, WordChange};
pub use rule::{Expect, Maturity, Rule, RuleExample, Severity};
pub use sorted::{RuleFindings, SortedFindings};

use crate::claim::Ustr;
use crate::graph::ClaimGraph;
use crate::lexicon::{LexiconError, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Discrepancy,
    Agreement,
    Note,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Discrepancy => "discrepancy",
            Status::Agreement => "agreement",
            Status::Note => "note",
        }
    }
}

/// What a rule found.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule's id, interned: a run can hold a million findings of a
    /// dozen rules.
    pub rule: Ustr,
    pub status: Status,
    /// The rule's severity for a discrepancy; `info` for agreements and notes.
    pub severity: Severity,
    /// Global claim indices the finding rests on.
    pub claims: Box<[usize]>,
    /// Sized to its text: a run can hold a million.
    pub message: Box<str>,
    /// Boxed: only an altered quotation has one.
    pub diff: Option<Box<Vec<WordChange>>>,
    /// A stable id across runs (see `workflow::fingerprint`); empty until assigned.
    pub fingerprint: Box<str>,
    /// A fact-checker's decision on this finding, from the reviews file.
    /// Boxed: most findings have none, and a run can hold a million.
    pub review: Option<Box<crate::workflow::Review>>,
    /// The finding was recorded in the baseline: it is not new.
    pub in_baseline: bool,
}

impl Finding {
    /// Whether the finding can fail a run: a discrepancy that is neither
    /// dismissed by a reviewer nor already in the baseline.
    pub fn counts(&self) -> bool {
        self.status == Status::Discrepancy && !self.in_baseline && !self.is_dismissed()
    }

    /// Whether a reviewer dismissed it.
    pub fn is_dismissed(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.decision == crate::workflow::Decision::Dismissed)
    }
}

/// The rules of a run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// Loads every rule file at the top of the rules folders; a user file
    /// replaces the built-in rule of the same name.
    pub fn load(sources: &Sources) -> Result<RuleSet, LexiconError> {
        let mut rules = Vec::new();
        for file in sources.folder("") {
            if file.relative.ends_with(".toml") {
                rules.push(Rule::parse(file)?);
            }
        }
        Ok(RuleSet { rules })
    }

    /// Changes one rule's severity (a configuration override).
    pub fn set_severity(&mut self, id: &str, severity: Severity) -> Result<(), String> {
        match self.rules.iter_mut().find(|r| r.id == id) {
            Some(r) => {
                r.severity = severity;
                Ok(())
            }
            None => Err(format!("unknown rule \"{id}\"")),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Keeps only the rules named in `select` (all when empty), drops those
    /// in `ignore`; unknown names are returned as an error.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), String> {
        for name in select.iter().chain(ignore) {
            if self.get(name).is_none() {
                let known: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
                return Err(format!("unknown rule \"{name}\"; rules: {}", known.join(", ")));
            }
        }
        for r in &mut self.rules {
            if (!select.is_empty() && !select.contains(&r.id)) || ignore.contains(&r.id) {
                r.enabled = false;
            } else if select.contains(&r.id) {
                r.enabled = true;
            }
        }
        Ok(())
    }

    /// `run`, handing each rule's findings to `each` as soon as the rule has
    /// run, in the order `run` gives them within the rule, and keeping none:
    /// beyond `sorted::RUN_FINDINGS`, a rule's findings wait in temporary
    /// files (see `SortedFindings`).
    pub fn run_each<E: From<std::io::Error>>(
        &self,
        g: &ClaimGraph,
        each: &mut dyn FnMut(Finding) -> Result<(), E>,
    ) -> Result<(), E> {
        for rule in self.rules.iter().filter(|r| r.enabled) {
            for f in SortedFindings::merge(vec![findings_of(rule, g, sorted::RUN_FINDINGS)])? {
                each(f?)?;
            }
        }
        Ok(())
    }

    /// Runs every enabled rule; their findings in the report's order
    /// (`sorted::report_order`).
    pub fn run(&self, g: &ClaimGraph) -> Vec<Finding> {
        let held = self.run_sorted_within(g, usize::MAX).expect("findings held in memory are never written");
        held.map(|f| f.expect("findings held in memory are never read back")).collect()
    }

    /// `run`, for an archive: beyond `sorted::RUN_FINDINGS` findings a
    /// rule's findings wait in temporary files, and they are merged back
    /// into the report's order as they are read. Fails only when a
    /// temporary file cannot be written.
    pub fn run_sorted(&self, g: &ClaimGraph) -> std::io::Result<SortedFindings> {
        self.run_sorted_within(g, sorted::RUN_FINDINGS)
    }

    /// `run_sorted`, each rule holding at most `limit` findings in memory.
    pub fn run_sorted_within(&self, g: &ClaimGraph, limit: usize) -> std::io::Result<SortedFindings> {
        use rayon::prelude::*;
        // The rules read the graph and nothing else: they run side by side.
        let per_rule: Vec<RuleFindings> =
            self.rules.par_iter().filter(|r| r.enabled).map(|rule| findings_of(rule, g, limit)).collect();
        SortedFindings::merge(per_rule)
    }
}

/// One rule's findings over the graph, `limit` of them held at most.
fn findings_of(rule: &Rule, g: &ClaimGraph, limit: usize) -> RuleFindings {
    let mut findings = RuleFindings::new(limit);
    rule.check.run(g, &rule.params, &mut Outcomes::new(&mut |o| findings.push(finding(rule, o))));
    findings.seal();
    findings
}

fn finding(rule: &Rule, outcome: Outcome) -> Finding {
    let template = match outcome.status {
        Status::Discrepancy => &rule.message,
        Status::Agreement => rule.agreement.as_ref().unwrap_or(&rule.message),
        Status::Note => rule.note.as_ref().unwrap_or(&rule.message),
    };
    let severity = if outcome.status == Status::Discrepancy { rule.severity } else { Severity::Info };
    Finding {
        rule: Ustr::from(&rule.id),
        status: outcome.status,
        severity,
        claims: outcome.claims.into_boxed_slice(),
        message: template::render(template, &outcome.vars).into_boxed_str(),
        diff: outcome.diff.map(Box::new),
        fingerprint: Box::default(),
        review: None,
        in_baseline: false,
    }
}
