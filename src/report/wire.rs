//! The JSON report's wire types (CONTRACT.md): serialize-only, borrowing
//! what they show. `docs/report-format.md` documents every field.

use serde::{Serialize, Serializer};

/// A number printed as an integer when it is one ("107", not "107.0").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub tool: &'static str,
    pub version: &'static str,
    pub documents: Vec<DocumentOut<'a>>,
    pub claims: Vec<ClaimOut<'a>>,
    pub dates: Vec<DateOut<'a>>,
    pub findings: Vec<FindingOut>,
    /// Review decisions whose finding no longer appears.
    pub stale_reviews: Vec<crate::workflow::Review>,
    pub problems: Vec<String>,
}

#[derive(Serialize)]
pub struct DocumentOut<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: Option<String>,
    pub date_source: Option<crate::corpus::DateSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub main_event: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ChangeOut {
    pub direction: &'static str,
    /// The id of the later value.
    pub to: String,
}

#[derive(Serialize)]
pub struct ClaimOut<'a> {
    pub id: String,
    pub doc: &'a str,
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
    pub value: Option<Num>,
    pub low: Option<Num>,
    pub high: Option<Num>,
    pub approx: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rounded: bool,
    pub unit: Option<&'a str>,
    pub measure: Option<&'a str>,
    pub measure_source: crate::claim::Source,
    pub category: Option<&'a str>,
    pub scope: Option<String>,
    pub scope_ids: Vec<&'a str>,
    pub scope_source: crate::claim::Source,
    pub time: Option<String>,
    pub time_source: crate::claim::Source,
    pub event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<u32>,
    pub event_source: crate::claim::Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DateOut<'a> {
    pub id: String,
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FindingOut {
    pub id: String,
    pub rule: String,
    pub status: String,
    pub severity: String,
    pub claims: Vec<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Vec<crate::engine::WordChange>>,
    /// Stable across runs: what reviews and baselines refer to.
    pub fingerprint: String,
    pub review: Option<crate::workflow::Review>,
    pub in_baseline: bool,
}
