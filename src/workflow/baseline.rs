//! The baseline: today's findings, recorded so that CI fails only on new
//! ones. A JSON file of fingerprints with the rule and message for people.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::Finding;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: not a crosscheck baseline: {message}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub status: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub tool: String,
    pub format: u32,
    pub findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// Today's agreements and discrepancies (notes change too often to pin).
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .filter(|f| f.status != crate::engine::Status::Note)
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.to_string(),
                rule: f.rule.to_string(),
                status: f.status.name().to_string(),
                message: f.message.to_string(),
            })
            .collect();
        entries.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline { tool: "crosscheck".into(), format: 1, findings: entries }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = crate::compressed::read_to_string(path)
            .map_err(|e| BaselineError::Io { path: path.to_path_buf(), message: e.to_string() })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if baseline.tool != "crosscheck" || baseline.format != 1 {
            return Err(BaselineError::Invalid {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: "unknown tool or format".into(),
            });
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serializes");
        s.push('\n');
        s
    }

    /// Marks the findings the baseline already holds.
    pub fn mark(&self, findings: &mut [Finding]) {
        let known: BTreeSet<&str> = self.findings.iter().map(|e| e.fingerprint.as_str()).collect();
        for f in findings {
            f.in_baseline = known.contains(&*f.fingerprint);
        }
    }
}
