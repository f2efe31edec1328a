//! The JSON report's wire types (CONTRACT.md): serialize-only, borrowing
//! what they show. `docs/report-format.md` documents every field.

use serde::{Serialize, Serializer};

use crate::claim::Ustr;

/// A number printed as an integer when it is one ("107", not "107.0"), and
/// otherwise to 12 significant digits, so that binary noise from interval
/// arithmetic ("46.850049999999996") does not reach the reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A whole number of at most fifteen digits is already what the
        // rounding below would give; most figures are, and it is slow.
        if self.0.fract() == 0.0 && self.0.abs() < 1.0e15 {
            return s.serialize_i64(self.0 as i64);
        }
        // Fifteen significant digits: every digit a double holds for sure,
        // without the noise of its last bits (0.1 + 0.2 is 0.3).
        let x = crate::claim::fifteen_digits(self.0);
        if x.fract() == 0.0 && x.abs() < 9.0e15 { s.serialize_i64(x as i64) } else { s.serialize_f64(x) }
    }
}

#[cfg(test)]
mod tests {
    use super::Num;

    fn json(x: f64) -> String {
        serde_json::to_string(&Num(x)).unwrap()
    }

    #[test]
    fn numbers_print_without_binary_noise() {
        assert_eq!(json(107.0), "107");
        assert_eq!(json(46.9 - 0.049_95), "46.85005");
        assert_eq!(json(19.95), "19.95");
        assert_eq!(json(0.1 + 0.2), "0.3");
        assert_eq!(json(-3.5), "-3.5");
        assert_eq!(json(1.0e20), "1e+20");
        assert_eq!(json(4_123_456_789_012.0), "4123456789012");
        assert_eq!(json(4_123_456_789_013.0), "4123456789013");
        assert_eq!(json(999_999_999_999_999.0), "999999999999999");
        assert_eq!(json(-0.0), "0");
        assert_eq!(json(1_234_567_890_123_456.0), "1234567890123460");
    }
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
    pub line: u32,
    pub column: u32,
    pub text: &'a str,
    pub value: Option<Num>,
    pub low: Option<Num>,
    pub high: Option<Num>,
    pub approx: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rounded: bool,
    pub unit: Option<&'a str>,
    pub measure: Option<&'a str>,
    pub category: Option<&'a str>,
    pub scope: Option<String>,
    pub scope_ids: Vec<&'a str>,
    pub time: Option<String>,
    pub event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<&'a str>,
    /// Every field of the referent with where it came from and how sure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referent: Option<ReferentOut<'a>>,
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

/// One referent field: its value, where it came from, how sure.
#[derive(Serialize)]
pub struct FieldOut<T: Serialize> {
    pub value: T,
    pub source: crate::claim::Source,
    pub confidence: crate::claim::Confidence,
}

impl<'a, T: Serialize> FieldOut<&'a T> {
    pub fn of(field: &'a crate::claim::Field<T>) -> Option<Self> {
        field.get().map(|value| FieldOut { value, source: field.source, confidence: field.confidence })
    }
}

/// What a quantity is about, field by field (see `claim::Referent`).
#[derive(Serialize)]
pub struct ReferentOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<FieldOut<&'a Ustr>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate: Option<FieldOut<&'a Ustr>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<FieldOut<&'a Ustr>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<FieldOut<&'a Ustr>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<FieldOut<Vec<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<FieldOut<String>>,
    pub time_kind: crate::claim::TimeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<FieldOut<&'a str>>,
    pub aspect: crate::claim::Aspect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub part: bool,
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
pub struct FindingOut<'a> {
    pub id: String,
    pub rule: &'a str,
    pub status: &'static str,
    pub severity: &'static str,
    pub claims: Vec<String>,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<&'a [crate::engine::WordChange]>,
    /// Stable across runs: what reviews and baselines refer to.
    pub fingerprint: &'a str,
    pub review: Option<&'a crate::workflow::Review>,
    pub in_baseline: bool,
}
