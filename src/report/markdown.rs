//! The Markdown report, for a pull-request comment or an email: a summary
//! table, then discrepancies and agreements with the sentences they rest
//! on. Article text is escaped so it cannot break the Markdown or inject
//! HTML.

use super::{Index, Summary, excerpt};
use crate::engine::{Finding, Status, WordChange};
use crate::workflow::Review;

/// Escapes text for Markdown: HTML is neutralized, and characters that
/// would start formatting, links or table cells are backslashed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::visible(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text for inside a code span, where backslash escapes do not apply: a
/// backtick would end the span, so it becomes a quote.
fn code(text: &str) -> String {
    super::visible(&text.replace(['\n', '\r'], " ")).replace('`', "'")
}

fn section(out: &mut String, title: &str, index: &Index, findings: &[&Finding]) {
    if findings.is_empty() {
        return;
    }
    out.push_str(&format!("\n## {title}\n"));
    for f in findings {
        let level = match f.status {
            Status::Discrepancy if f.is_dismissed() => " (dismissed)".to_string(),
            Status::Discrepancy => format!(" ({})", f.severity.name()),
            _ => String::new(),
        };
        out.push_str(&format!("\n### `{}`{level}: {}\n\n", f.rule, escape(&f.message)));
        let mut tags = vec![format!("finding `{}`", f.fingerprint)];
        if let Some(r) = &f.review {
            let by = r.by.as_deref().map(|b| format!(" by {}", escape(b))).unwrap_or_default();
            let note = r.note.as_deref().map(|n| format!(": {}", escape(n))).unwrap_or_default();
            tags.push(format!("review: **{}**{by}{note}", r.decision.name()));
        }
        if f.in_baseline {
            tags.push("in the baseline".into());
        }
        out.push_str(&format!("{}\n\n", tags.join(" · ")));
        for &c in &f.claims {
            let v = &index.claims[c];
            let ex = excerpt(v, 240);
            let before: String = ex.text.chars().take(ex.caret_start).collect();
            let claim: String = ex.text.chars().skip(ex.caret_start).take(ex.caret_len).collect();
            let after: String = ex.text.chars().skip(ex.caret_start + ex.caret_len).collect();
            out.push_str(&format!(
                "- `{}:{}:{}`: {}**{}**{}\n",
                code(&v.doc.path.display().to_string()),
                v.line,
                v.column,
                escape(&before),
                escape(&claim),
                escape(&after)
            ));
        }
        if let Some(diff) = &f.diff {
            let words = super::diff_line(diff, |c| match c {
                WordChange::Same(w) => escape(w),
                WordChange::Removed(w) => format!("~~{}~~", escape(w)),
                WordChange::Added(w) => format!("**{}**", escape(w)),
            });
            out.push_str(&format!("\nWord diff: {words}\n"));
        }
    }
}

pub fn render(index: &Index, findings: &[Finding], stale: &[Review], summary: &Summary) -> String {
    let mut out = format!("{}\n\n# crosscheck report\n\n", super::GENERATOR_MARK);
    out.push_str("| discrepancies | agreements | notes | documents | claims |\n|---|---|---|---|---|\n");
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} |\n",
        summary.discrepancies, summary.agreements, summary.notes, summary.documents, summary.claims
    ));
    let of = |s: Status| findings.iter().filter(|f| f.status == s).collect::<Vec<_>>();
    section(&mut out, "Discrepancies", index, &of(Status::Discrepancy));
    section(&mut out, "Agreements", index, &of(Status::Agreement));
    let notes = of(Status::Note);
    if !notes.is_empty() {
        let noun = if notes.len() == 1 { "note" } else { "notes" };
        out.push_str(&format!(
            "\n<details><summary>{} {noun}: worth knowing, not conflicts</summary>\n\n",
            notes.len()
        ));
        for f in notes {
            let v = &index.claims[f.claims[0]];
            let review = f.review.as_ref().map(|r| format!(" · review: **{}**", r.decision.name())).unwrap_or_default();
            out.push_str(&format!(
                "- `{}:{}`: {} · finding `{}`{review}\n",
                code(&v.doc.path.display().to_string()),
                v.line,
                escape(&f.message),
                f.fingerprint
            ));
        }
        out.push_str("\n</details>\n");
    }
    if !stale.is_empty() {
        out.push_str("\n## Stale reviews\n\n");
        for r in stale {
            out.push_str(&format!(
                "- `{}` ({}, {}): matches no finding any more\n",
                r.finding,
                r.decision.name(),
                escape(&r.rule)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_inject_html_or_markdown() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("a|b *c* [d](e)"), "a\\|b \\*c\\* \\[d\\](e)");
    }
}
