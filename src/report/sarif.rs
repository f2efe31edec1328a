//! SARIF 2.1.0, which code-scanning services read: one run, the rules with
//! their help from the rule files, and one result per discrepancy with its
//! claims as primary and related locations (line and column, counted in
//! Unicode code points). Dismissed findings carry a suppression; those the
//! baseline holds are marked unchanged.

use serde_json::{Value, json};

use super::Index;
use crate::engine::{Finding, RuleSet, Severity, Status};
use crate::report::rules_doc;
use crate::workflow::Decision;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: forward slashes, unsafe bytes
/// percent-encoded, and every ":" too, so that no file name can become a
/// scheme ("javascript:alert(1).txt" is a file, not a script).
pub fn uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(index: &Index, claim: usize, id: Option<usize>) -> Value {
    let v = &index.claims[claim];
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&v.doc.path) },
            "region": {
                "startLine": v.line,
                "startColumn": v.column,
                "endLine": v.end_line,
                "endColumn": v.end_column,
                "snippet": { "text": v.text() }
            }
        },
        "message": { "text": format!("{} claim: {}", v.claim.kind.name(), v.text()) }
    });
    if let Some(id) = id {
        loc["id"] = json!(id);
    }
    loc
}

/// `submitted`, when checking submissions against a reference corpus, says
/// which documents (by index) are under review: a result is then anchored on
/// a claim of the submission, so that code-review annotations land on the
/// new article and not on the trusted one.
pub fn render(index: &Index, findings: &[Finding], rules: &RuleSet, submitted: Option<&[bool]>) -> String {
    let rule_list: Vec<Value> = rules
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.what.trim() },
                "help": {
                    "text": format!("{}\n\n{}", r.what.trim(), r.why.trim()),
                    "markdown": rules_doc::explain(r)
                },
                "defaultConfiguration": { "level": level(r.severity), "enabled": r.enabled },
                "properties": { "tags": ["crosscheck", r.check.name()] }
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .filter(|f| f.status == Status::Discrepancy)
        .map(|f| {
            let rule_index = rules.rules.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let anchor = submitted
                .and_then(|new| f.claims.iter().position(|&c| new[index.claims[c].doc_index]))
                .unwrap_or(0);
            let related: Vec<usize> =
                f.claims.iter().enumerate().filter(|&(k, _)| k != anchor).map(|(_, &c)| c).collect();
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [location(index, f.claims[anchor], None)],
                "relatedLocations": related.iter().enumerate().map(|(k, &c)| location(index, c, Some(k + 1))).collect::<Vec<_>>(),
                "partialFingerprints": { "crosscheckFinding/v1": f.fingerprint }
            });
            if let Some(r) = f.review.as_ref().filter(|r| r.decision == Decision::Dismissed) {
                let who = r.by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("dismissed{who}: {}", r.note.as_deref().unwrap_or("no note"))
                }]);
            }
            if f.in_baseline {
                result["baselineState"] = json!("unchanged");
            }
            result
        })
        .collect();
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "crosscheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/crosscheck/crosscheck",
                    "rules": rule_list
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut out = serde_json::to_string_pretty(&report).expect("SARIF serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri(std::path::Path::new("corpus/my file#1.txt")), "corpus/my%20file%231.txt");
        assert_eq!(uri(std::path::Path::new("a/b.txt")), "a/b.txt");
        assert_eq!(uri(std::path::Path::new("javascript:alert(1).txt")), "javascript%3Aalert(1).txt");
    }
}
