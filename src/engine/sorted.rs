//! Findings in the report's order, held in memory up to a bound and beyond
//! it written to temporary files in sorted runs, then merged back as they
//! are read: an archive's million findings are never held at once.
//! Takes: each rule's findings as its check finds them.
//! Gives: every finding, in the order of status, then claims, then rule;
//! findings alike in all three keep the order their rule gave them.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use serde::{Deserialize, Serialize};

use super::{Finding, Severity, Status, WordChange};
use crate::claim::Ustr;

/// How many findings a rule holds before it writes them out as a run:
/// with two rules running side by side and each rule's last run held, a
/// few tens of megabytes at most, and no file at all for a corpus of a
/// few hundred articles.
pub const RUN_FINDINGS: usize = 1 << 15;

/// The order of a report's findings.
pub fn report_order(a: &Finding, b: &Finding) -> Ordering {
    (a.status, &a.claims, &a.rule).cmp(&(b.status, &b.claims, &b.rule))
}

/// A finding as a run stores it, one JSON array a line: the fields a rule
/// gives (fingerprints, reviews and baselines come later, from the report).
#[derive(Serialize, Deserialize)]
struct Stored(Status, Severity, Ustr, Box<[usize]>, Box<str>, Option<Vec<WordChange>>);

/// One rule's findings: those found since its last run, and the runs
/// written so far.
pub struct RuleFindings {
    limit: usize,
    held: Vec<Finding>,
    runs: Vec<File>,
    /// The first failure to write a run; nothing is written after it.
    failed: Option<std::io::Error>,
}

impl RuleFindings {
    pub fn new(limit: usize) -> RuleFindings {
        RuleFindings { limit, held: Vec::new(), runs: Vec::new(), failed: None }
    }

    pub fn push(&mut self, finding: Finding) {
        if self.failed.is_some() {
            return;
        }
        self.held.push(finding);
        if self.held.len() >= self.limit {
            self.spill();
        }
    }

    /// Writes the held findings, sorted, to a temporary file of their own.
    fn spill(&mut self) {
        match write_run(&mut self.held) {
            Ok(file) => self.runs.push(file),
            Err(e) => self.failed = Some(e),
        }
        self.held.clear();
    }

    /// The rule is done: a rule that wrote runs writes what it holds too,
    /// so that only rules small enough never to spill stay in memory while
    /// the other rules run.
    pub fn seal(&mut self) {
        if !self.runs.is_empty() && !self.held.is_empty() {
            self.spill();
        }
        self.held.shrink_to_fit();
    }

    fn finish(mut self) -> std::io::Result<(Vec<File>, Vec<Finding>)> {
        self.seal();
        match self.failed {
            Some(e) => Err(e),
            None => {
                self.held.sort_by(report_order);
                Ok((self.runs, self.held))
            }
        }
    }
}

fn write_run(findings: &mut [Finding]) -> std::io::Result<File> {
    findings.sort_by(report_order);
    let mut out = BufWriter::new(tempfile::tempfile()?);
    for f in findings.iter_mut() {
        let stored = Stored(
            f.status,
            f.severity,
            f.rule,
            std::mem::take(&mut f.claims),
            std::mem::take(&mut f.message),
            f.diff.take().map(|d| *d),
        );
        serde_json::to_writer(&mut out, &stored)?;
        out.write_all(b"\n")?;
    }
    let mut file = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    file.rewind()?;
    Ok(file)
}

/// Every rule's findings, merged into the report's order as they are read.
pub struct SortedFindings {
    sources: Vec<Source>,
    /// The next finding of each source that has one, least first.
    heads: BinaryHeap<Head>,
    len: usize,
}

enum Source {
    Run { lines: BufReader<File>, line: String },
    Held(std::vec::IntoIter<Finding>),
}

impl Source {
    fn next(&mut self) -> std::io::Result<Option<Finding>> {
        match self {
            Source::Held(findings) => Ok(findings.next()),
            Source::Run { lines, line } => {
                line.clear();
                if lines.read_line(line)? == 0 {
                    return Ok(None);
                }
                let Stored(status, severity, rule, claims, message, diff) = serde_json::from_str(line)?;
                Ok(Some(Finding {
                    rule,
                    status,
                    severity,
                    claims,
                    message,
                    diff: diff.map(Box::new),
                    fingerprint: Box::default(),
                    review: None,
                    in_baseline: false,
                }))
            }
        }
    }
}

/// A source's next finding; the heap's greatest is the report's first,
/// and of findings alike, the one from the earlier source.
struct Head {
    finding: Finding,
    source: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Head) -> Ordering {
        report_order(&other.finding, &self.finding).then(other.source.cmp(&self.source))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl SortedFindings {
    /// The findings of each rule, rules in their order.
    pub fn merge(rules: Vec<RuleFindings>) -> std::io::Result<SortedFindings> {
        let mut sources = Vec::new();
        let mut len = 0;
        for rule in rules {
            let (runs, held) = rule.finish()?;
            for file in runs {
                sources.push(Source::Run { lines: BufReader::new(file), line: String::new() });
            }
            len += held.len();
            sources.push(Source::Held(held.into_iter()));
        }
        let mut heads = BinaryHeap::with_capacity(sources.len());
        for (source, s) in sources.iter_mut().enumerate() {
            if let Some(finding) = s.next()? {
                heads.push(Head { finding, source });
            }
        }
        Ok(SortedFindings { sources, heads, len })
    }

    /// How many findings were held in memory, not written to runs: all of
    /// them for a corpus whose rules never spilled.
    pub fn held(&self) -> usize {
        self.len
    }
}

impl Iterator for SortedFindings {
    type Item = std::io::Result<Finding>;

    fn next(&mut self) -> Option<Self::Item> {
        let Head { finding, source } = self.heads.pop()?;
        match self.sources[source].next() {
            Ok(Some(next)) => self.heads.push(Head { finding: next, source }),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(finding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, status: Status, claims: &[usize], message: &str) -> Finding {
        Finding {
            rule: Ustr::from(rule),
            status,
            severity: Severity::Info,
            claims: claims.into(),
            message: message.into(),
            diff: (message == "diff").then(|| Box::new(vec![WordChange::Removed("a \"b\"\n".into())])),
            fingerprint: Box::default(),
            review: None,
            in_baseline: false,
        }
    }

    fn rule_findings(limit: usize, findings: &[Finding]) -> RuleFindings {
        let mut r = RuleFindings::new(limit);
        for f in findings {
            r.push(f.clone());
        }
        r
    }

    fn shown(f: &Finding) -> String {
        format!("{} {:?} {:?} {} {:?}", f.rule, f.status, f.claims, f.message, f.diff)
    }

    #[test]
    fn runs_written_and_merged_give_the_order_of_a_sort_in_memory() {
        let statuses = [Status::Discrepancy, Status::Agreement, Status::Note];
        let rules: Vec<Vec<Finding>> = ["b-rule", "a-rule", "c-rule"]
            .iter()
            .enumerate()
            .map(|(r, id)| {
                (0..50)
                    .map(|i| {
                        let claims = [(i * 7 + r) % 13, (i * 3) % 5 + 20];
                        let message = if i % 17 == 0 { "diff".to_string() } else { format!("{id} says {i}") };
                        finding(id, statuses[(i + r) % 3], &claims, &message)
                    })
                    .collect()
            })
            .collect();
        let mut expected: Vec<Finding> = rules.concat();
        expected.sort_by(report_order);
        for limit in [1, 4, 7, 50, usize::MAX] {
            let merged = SortedFindings::merge(rules.iter().map(|r| rule_findings(limit, r)).collect()).unwrap();
            let held = merged.held();
            let got: Vec<Finding> = merged.collect::<std::io::Result<_>>().unwrap();
            assert_eq!(got.iter().map(shown).collect::<Vec<_>>(), expected.iter().map(shown).collect::<Vec<_>>());
            assert_eq!(
                held,
                if limit > 50 { 150 } else { 0 },
                "limit {limit}: what a rule that spilled holds is written too"
            );
        }
    }

    #[test]
    fn findings_alike_keep_their_rules_order_across_runs() {
        let alike: Vec<Finding> = (0..9).map(|i| finding("r", Status::Note, &[1, 2], &format!("{i}"))).collect();
        let merged = SortedFindings::merge(vec![rule_findings(2, &alike)]).unwrap();
        let messages: Vec<String> = merged.map(|f| f.unwrap().message.to_string()).collect();
        assert_eq!(messages, ["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
    }
}
