//! The HTML report: one self-contained page for reviewers (no network, no
//! external assets). A summary, the sources panel (outlet, date, a link to
//! the original), then each finding: the sentences of every source side by
//! side with the claims highlighted, a chart of the figures where sources
//! differ on a number, quote changes as a word diff, the rule's explanation
//! and the review decision. A text search and filters by status, severity,
//! review state, rule and source narrow the page (also from the address:
//! `#status=discrepancy&review=unreviewed`).
//!
//! The page is built with maud, whose templates escape every value by
//! construction: a corpus containing `<script>` cannot run anything in it.

use std::collections::BTreeSet;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{ClaimView, Index, Summary, shared_excerpt};
use crate::engine::{Check, Finding, RuleSet, Status, WordChange};
use crate::workflow::Review;

mod chart;

/// How wide a sentence excerpt may be, in characters.
const EXCERPT_WIDTH: usize = 220;

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/filters.js");

/// A finding's review state, as the filter names it.
fn review_state(f: &Finding) -> &'static str {
    f.review.as_ref().map_or("unreviewed", |r| r.decision.name())
}

/// The badge's word: the severity of a discrepancy (or "dismissed"), else
/// the status.
fn badge(f: &Finding) -> (&'static str, &'static str) {
    match f.status {
        Status::Discrepancy if f.is_dismissed() => ("dismissed", "dismissed"),
        Status::Discrepancy => (f.severity.name(), f.severity.name()),
        Status::Agreement => ("agreement", "agreement"),
        Status::Note => ("note", "note"),
    }
}

/// Only web addresses become links: a `javascript:` URL in a sidecar file
/// stays text.
fn web_link(url: &str) -> Option<&str> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

fn sources_panel(index: &Index) -> Markup {
    html! {
        section.sources {
            h2 { "Sources" }
            table {
                thead { tr { th { "Source" } th { "Outlet" } th { "Date" } th { "Claims" } th { "Original" } } }
                tbody {
                    @for (i, doc) in index.docs.iter().enumerate() {
                        tr {
                            td { code { (index.doc_ids[i]) } }
                            td { (doc.meta.outlet.as_deref().unwrap_or("")) @if let Some(t) = &doc.meta.title { br; span.title { (t) } } }
                            td { (doc.meta.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())) }
                            td.num { (index.claims_of(i)) }
                            td {
                                @match doc.meta.url.as_deref().and_then(web_link) {
                                    Some(url) => a href=(url) rel="noopener noreferrer" { "original" },
                                    None => @if let Some(url) = &doc.meta.url { span.muted { (url) } } @else { span.muted { (doc.path.display().to_string()) } },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A sentence with its claims in `<mark>`: runs that overlap merge.
fn marked_sentence(views: &[&ClaimView]) -> Markup {
    let runs = shared_excerpt(views, EXCERPT_WIDTH).runs();
    html! {
        p.text { @for (m, run) in &runs { @if *m { mark { (run) } } @else { (run) } } }
    }
}

fn excerpt(index: &Index, views: &[&ClaimView]) -> Markup {
    let v = views[0];
    html! {
        article.excerpt {
            h3 { (v.doc.source_name()) @if let Some(d) = v.doc.meta.date { " · " (d.to_string()) } }
            p.where { (index.doc_ids[v.doc_index]) ":" (v.line) ":" (v.column) }
            (marked_sentence(views))
        }
    }
}

fn review_line(r: &Review) -> Markup {
    html! {
        span.review { "review: " b { (r.decision.name()) } @if let Some(by) = &r.by { " by " (by) } @if let Some(n) = &r.note { ": " (n) } }
    }
}

fn finding_html(index: &Index, f: &Finding, rules: &RuleSet) -> Markup {
    let sources: BTreeSet<&str> = f.claims.iter().map(|&c| index.doc_id(&index.claims[c])).collect();
    let (badge_class, badge_word) = badge(f);
    let severity = if f.status == Status::Discrepancy { f.severity.name() } else { "none" };
    let class = format!("finding {} {}{}", f.status.name(), severity, if f.is_dismissed() { " dismissed" } else { "" });
    // Only figures of one referent go on one axis: the values compared, or
    // a running figure's reports; never a total and its parts.
    let compares_figures = rules.get(&f.rule).is_some_and(|r| matches!(r.check, Check::CompareValues | Check::Moving));
    let chart = (f.status == Status::Discrepancy && compares_figures).then(|| chart::figures(index, f)).flatten();
    html! {
        section class=(class) id={ "f-" (f.fingerprint) }
            data-status=(f.status.name()) data-severity=(severity) data-review=(review_state(f))
            data-rule=(f.rule) data-sources=(sources.iter().copied().collect::<Vec<_>>().join("\n")) {
            h2 { span class={ "badge " (badge_class) } { (badge_word) } " " (f.message) }
            p.meta {
                code { (f.rule) } " · finding " code { (f.fingerprint) }
                @if let Some(r) = &f.review { " · " (review_line(r)) }
                @else if f.status == Status::Discrepancy { " · not reviewed" }
                @if f.in_baseline { " · in the baseline" }
            }
            @if let Some(chart) = chart { (chart) }
            div.excerpts { @for s in index.by_sentence(&f.claims) { (excerpt(index, &s)) } }
            @if let Some(diff) = &f.diff {
                p.diff { "Word diff: "
                    @for (i, step) in diff.iter().enumerate() {
                        @if i > 0 { " " }
                        @match step {
                            WordChange::Same(w) => (w),
                            WordChange::Removed(w) => del { (w) },
                            WordChange::Added(w) => ins { (w) },
                        }
                    }
                }
            }
            @if let Some(rule) = rules.get(&f.rule) {
                details {
                    summary { "About " code { (rule.id) } ": " (rule.summary) }
                    p { (rule.what.trim()) }
                    p { (rule.why.trim()) }
                }
            }
        }
    }
}

/// A `<select>` filter with "all" first.
fn select(id: &str, label: &str, values: &BTreeSet<String>) -> Markup {
    html! {
        label { (label) " " select id=(id) { option value="" { "all" } @for v in values { option value=(v) { (v) } } } }
    }
}

pub fn render(index: &Index, findings: &[Finding], stale: &[Review], rules: &RuleSet, summary: &Summary) -> String {
    let names = |f: fn(&Finding) -> String| findings.iter().map(f).collect::<BTreeSet<String>>();
    let statuses = names(|f| f.status.name().to_string());
    let severities: BTreeSet<String> =
        findings.iter().filter(|f| f.status == Status::Discrepancy).map(|f| f.severity.name().to_string()).collect();
    let reviews = names(|f| review_state(f).to_string());
    let rule_ids = names(|f| f.rule.to_string());
    let sources: BTreeSet<String> =
        findings.iter().flat_map(|f| f.claims.iter().map(|&c| index.doc_id(&index.claims[c]).to_string())).collect();
    let counts = [
        (summary.errors, "errors"),
        (summary.warnings, "warnings"),
        (summary.dismissed, "dismissed"),
        (summary.agreements, "agreements"),
        (summary.notes, "notes"),
        (summary.documents, "documents"),
        (summary.claims, "claims"),
    ];
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                (PreEscaped(super::GENERATOR_MARK))
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
                title { "crosscheck report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "crosscheck report" }
                    p.summary { (summary.line()) }
                    ul.counts { @for (n, what) in counts { li class=(what) { b { (n) } (what) } } }
                }
                main {
                    (sources_panel(index))
                    nav.filters {
                        label { "Search " input #f-q type="search" placeholder="words, figures, sources"; }
                        (select("f-status", "Status", &statuses))
                        (select("f-severity", "Severity", &severities))
                        (select("f-review", "Review", &reviews))
                        (select("f-rule", "Rule", &rule_ids))
                        (select("f-source", "Source", &sources))
                        span #shown { (findings.len()) " findings" }
                    }
                    @for f in findings { (finding_html(index, f, rules)) }
                    @if !stale.is_empty() {
                        section.stale {
                            h2 { "Stale reviews" }
                            ul { @for r in stale { li { code { (r.finding) } " " (r.decision.name()) ": " (r.rule) " (matches no finding any more)" } } }
                        }
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("https://example.com/a"), Some("https://example.com/a"));
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link(" JAVASCRIPT:alert(1)"), None);
    }
}
