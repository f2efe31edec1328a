//! Rule files: one TOML file per rule in `rules/`, its id the file stem.
//! A rule names a built-in check, its parameters, a severity, message
//! templates and its documentation with examples that run as tests. A file
//! that lacks a required key, names an unknown key, check or placeholder,
//! or has a bad value does not load: the error names its file and line.

use std::collections::BTreeMap;

use serde::Serialize;
use toml::Value;

use super::checks::{Check, Params};
use super::template;
use crate::lexicon::{LexiconError, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Whether a rule has held up on real corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Maturity {
    Stable,
    Preview,
}

/// What an example expects the rule to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    Discrepancy,
    Agreement,
    Note,
    Nothing,
}

/// One example: short articles, and what the rule finds in them.
#[derive(Debug, Clone, Serialize)]
pub struct RuleExample {
    pub docs: Vec<String>,
    pub expect: Expect,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub check: Check,
    pub severity: Severity,
    pub status: Maturity,
    pub enabled: bool,
    pub summary: String,
    /// The message of a discrepancy (or of the rule's one outcome).
    pub message: String,
    /// The message when sources agree.
    pub agreement: Option<String>,
    /// The message of a note.
    pub note: Option<String>,
    pub what: String,
    pub why: String,
    #[serde(skip)]
    pub params: Params,
    pub params_text: BTreeMap<String, String>,
    pub examples: Vec<RuleExample>,
    /// Where the rule was read.
    pub origin: String,
}

const KEYS: &[&str] = &[
    "id",
    "check",
    "severity",
    "status",
    "enabled",
    "summary",
    "message",
    "agreement",
    "note",
    "what",
    "why",
    "params",
    "examples",
];

fn key_offset(file: &SourceFile, key: &str) -> usize {
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with(['=', ']']) {
            return offset + (line.len() - t.len());
        }
        if t.starts_with('[') && t.trim_start_matches('[').starts_with(key) {
            return offset + (line.len() - t.len());
        }
        offset += line.len();
    }
    0
}

fn err(file: &SourceFile, key: &str, message: impl Into<String>) -> LexiconError {
    LexiconError::at(file, key_offset(file, key), message)
}

fn string(file: &SourceFile, table: &toml::Table, key: &str, required: bool) -> Result<Option<String>, LexiconError> {
    match table.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
        Some(Value::String(_)) => Err(err(file, key, format!("\"{key}\" is empty"))),
        Some(other) => Err(err(file, key, format!("\"{key}\" must be a string, not {}", other.type_str()))),
        None if required => Err(LexiconError::at(file, 0, format!("missing required key \"{key}\""))),
        None => Ok(None),
    }
}

fn check_template(file: &SourceFile, key: &str, text: &str, check: Check) -> Result<(), LexiconError> {
    let names = template::placeholders(text).map_err(|(_, m)| err(file, key, m))?;
    for (_, name) in names {
        if !check.placeholders().contains(&name) {
            return Err(err(
                file,
                key,
                format!(
                    "unknown placeholder \"{{{name}}}\" in \"{key}\"; check \"{}\" offers: {}",
                    check.name(),
                    check.placeholders().join(", ")
                ),
            ));
        }
    }
    Ok(())
}

impl Rule {
    /// Parses and validates one rule file; its id is the file stem.
    pub fn parse(file: &SourceFile) -> Result<Rule, LexiconError> {
        let stem = file.relative.rsplit('/').next().unwrap_or(&file.relative).trim_end_matches(".toml").to_string();
        let table: toml::Table = crate::lexicon::parse_toml(file)?;
        for key in table.keys() {
            if !KEYS.contains(&key.as_str()) {
                return Err(err(file, key, format!("unknown key \"{key}\"; a rule file has: {}", KEYS.join(", "))));
            }
        }
        if let Some(id) = string(file, &table, "id", false)?
            && id != stem
        {
            return Err(err(
                file,
                "id",
                format!("id \"{id}\" differs from the file name \"{stem}\"; the id is the file stem"),
            ));
        }
        let check_name = string(file, &table, "check", true)?.expect("required");
        let check = Check::parse(&check_name).ok_or_else(|| {
            err(
                file,
                "check",
                format!("unknown check \"{check_name}\"; built-in checks: {}", Check::names().join(", ")),
            )
        })?;
        let severity_name = string(file, &table, "severity", true)?.expect("required");
        let severity = Severity::parse(&severity_name).ok_or_else(|| {
            err(file, "severity", format!("severity \"{severity_name}\" must be error, warning or info"))
        })?;
        let status_name = string(file, &table, "status", true)?.expect("required");
        let status = match status_name.as_str() {
            "stable" => Maturity::Stable,
            "preview" => Maturity::Preview,
            other => return Err(err(file, "status", format!("status \"{other}\" must be stable or preview"))),
        };
        let enabled = match table.get("enabled") {
            None => true,
            Some(Value::Boolean(b)) => *b,
            Some(_) => return Err(err(file, "enabled", "\"enabled\" must be true or false")),
        };
        let summary = string(file, &table, "summary", true)?.expect("required");
        let message = string(file, &table, "message", true)?.expect("required");
        let agreement = string(file, &table, "agreement", false)?;
        let note = string(file, &table, "note", false)?;
        for (key, text) in [("message", Some(&message)), ("agreement", agreement.as_ref()), ("note", note.as_ref())] {
            if let Some(t) = text {
                check_template(file, key, t, check)?;
            }
        }
        let what = string(file, &table, "what", true)?.expect("required");
        let why = string(file, &table, "why", true)?.expect("required");
        let empty = toml::Table::new();
        let params_table = match table.get("params") {
            None => &empty,
            Some(Value::Table(t)) => t,
            Some(_) => return Err(err(file, "params", "\"params\" must be a table")),
        };
        let params = check.params(params_table).map_err(|(key, m)| err(file, &key, m))?;
        let params_text = params_table.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
        let examples = parse_examples(file, &table)?;
        let agreements_only = check.agreements_only(&params);
        let fires = examples.iter().any(|e| {
            e.expect == Expect::Discrepancy
                || (check.notes_only() && e.expect == Expect::Note)
                || (agreements_only && e.expect == Expect::Agreement)
        });
        let passes =
            examples.iter().any(|e| e.expect == Expect::Nothing || (!agreements_only && e.expect == Expect::Agreement));
        if !fires || !passes {
            let message = if agreements_only {
                "a rule that only finds agreements needs at least one example that finds one (expect = \"agreement\") and one that finds nothing (\"nothing\")"
            } else {
                "a rule needs at least one example that fires (expect = \"discrepancy\") and one that passes (\"agreement\" or \"nothing\")"
            };
            return Err(err(file, "examples", message));
        }
        Ok(Rule {
            id: stem,
            check,
            severity,
            status,
            enabled,
            summary,
            message,
            agreement,
            note,
            what,
            why,
            params,
            params_text,
            examples,
            origin: file.origin.display().to_string(),
        })
    }
}

fn parse_examples(file: &SourceFile, table: &toml::Table) -> Result<Vec<RuleExample>, LexiconError> {
    let Some(Value::Array(items)) = table.get("examples") else {
        return Err(err(file, "examples", "missing \"examples\": a list of { docs = [...], expect = \"...\" }"));
    };
    let mut out = Vec::new();
    for item in items {
        let Value::Table(t) = item else {
            return Err(err(file, "examples", "each example is a table { docs = [...], expect = \"...\" }"));
        };
        for key in t.keys() {
            if key != "docs" && key != "expect" {
                return Err(err(
                    file,
                    "examples",
                    format!("unknown example key \"{key}\"; an example has docs and expect"),
                ));
            }
        }
        let docs = match t.get("docs") {
            Some(Value::Array(d)) if !d.is_empty() => d
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| err(file, "examples", "example docs must be strings"))?,
            _ => return Err(err(file, "examples", "an example needs docs = [\"article text\", ...]")),
        };
        let expect = match t.get("expect").and_then(Value::as_str) {
            Some("discrepancy") => Expect::Discrepancy,
            Some("agreement") => Expect::Agreement,
            Some("note") => Expect::Note,
            Some("nothing") => Expect::Nothing,
            _ => return Err(err(file, "examples", "expect must be discrepancy, agreement, note or nothing")),
        };
        out.push(RuleExample { docs, expect });
    }
    Ok(out)
}
