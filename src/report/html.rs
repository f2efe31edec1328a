//! The HTML report: one self-contained page for reviewers (no network, no
//! external assets). A summary, then each finding with the excerpts of
//! every source side by side and the claims highlighted, quote changes as a
//! word diff, the rule's explanation and the review decision; filters by
//! status, rule and source (also from the address: `#status=discrepancy`).
//! All article text is escaped: a corpus containing `<script>` cannot run
//! anything in the page.

use std::collections::BTreeSet;

use super::{Index, Summary, excerpt};
use crate::engine::{Finding, RuleSet, Status, WordChange};
use crate::workflow::Review;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d2433; --muted: #5b6474; --line: #d9dee7; --bg: #f6f7f9; --card: #fff;
  --error: #b42318; --warning: #b54708; --info: #175cd3; --agree: #067647; --note: #475467; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header, nav, main, .stale { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header h1 { margin: 24px 0 4px; font-size: 24px; }
.summary { color: var(--muted); margin: 0 0 12px; }
.counts { display: flex; gap: 12px; list-style: none; padding: 0; margin: 0 0 16px; flex-wrap: wrap; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; }
.counts b { font-size: 20px; display: block; }
nav { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; padding-top: 8px; padding-bottom: 8px;
  position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--line); z-index: 1; }
nav select { font: inherit; padding: 4px 8px; }
#shown { color: var(--muted); margin-left: auto; }
.finding { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--note); border-radius: 8px; margin: 16px 0; padding: 14px 18px; }
.finding.discrepancy { border-left-color: var(--warning); }
.finding.discrepancy.error { border-left-color: var(--error); }
.finding.agreement { border-left-color: var(--agree); }
.finding h2 { font-size: 16px; margin: 0 0 6px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 10px; padding: 1px 8px; color: #fff; background: var(--note); vertical-align: 2px; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.agreement { background: var(--agree); } .badge.info { background: var(--info); }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 10px; }
.review { font-weight: 600; color: var(--ink); }
.excerpts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.excerpt { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fcfcfd; }
.excerpt h3 { font-size: 13px; margin: 0; }
.where { font: 12px ui-monospace, Menlo, monospace; color: var(--muted); margin: 0 0 4px; }
.excerpt p.text { margin: 0; }
mark { background: #fde68a; padding: 0 2px; border-radius: 3px; }
.discrepancy mark { background: #fecaca; }
.agreement mark { background: #bbf7d0; }
.diff del { background: #fecaca; text-decoration: line-through; }
.diff ins { background: #bbf7d0; text-decoration: none; }
details { margin-top: 8px; color: var(--muted); }
code { font: 13px ui-monospace, Menlo, monospace; }
.stale { color: var(--muted); padding-bottom: 40px; }
"#;

const SCRIPT: &str = r#"
(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var status = document.getElementById('f-status');
  var rule = document.getElementById('f-rule');
  var source = document.getElementById('f-source');
  var shown = document.getElementById('shown');
  function apply() {
    var n = 0;
    findings.forEach(function (f) {
      var ok = (!status.value || f.dataset.status === status.value)
        && (!rule.value || f.dataset.rule === rule.value)
        && (!source.value || f.dataset.sources.split('\n').indexOf(source.value) >= 0);
      f.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + findings.length + ' findings shown';
    var parts = [];
    if (status.value) { parts.push('status=' + encodeURIComponent(status.value)); }
    if (rule.value) { parts.push('rule=' + encodeURIComponent(rule.value)); }
    if (source.value) { parts.push('source=' + encodeURIComponent(source.value)); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname);
  }
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    if (i < 0) { return; }
    var key = kv.slice(0, i), value = decodeURIComponent(kv.slice(i + 1));
    var select = { status: status, rule: rule, source: source }[key];
    if (select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) { select.value = value; }
  });
  [status, rule, source].forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"#;

fn options(values: &BTreeSet<String>) -> String {
    values.iter().map(|v| format!("<option value=\"{0}\">{0}</option>", escape(v))).collect()
}

fn finding_html(index: &Index, f: &Finding, rules: &RuleSet) -> String {
    let status = f.status.name();
    let severity = f.severity.name();
    let sources: BTreeSet<&str> = f.claims.iter().map(|&c| index.doc_id(&index.claims[c])).collect();
    let badge = match f.status {
        Status::Discrepancy => format!("<span class=\"badge {severity}\">{severity}</span>"),
        Status::Agreement => "<span class=\"badge agreement\">agreement</span>".to_string(),
        Status::Note => "<span class=\"badge\">note</span>".to_string(),
    };
    let mut out = format!(
        "<section class=\"finding {status} {severity}\" id=\"f-{fp}\" data-status=\"{status}\" data-rule=\"{rule}\" data-sources=\"{sources}\">\n\
         <h2>{badge} <code>{rule}</code> {message}</h2>\n",
        fp = escape(&f.fingerprint),
        rule = escape(&f.rule),
        sources = escape(&sources.iter().copied().collect::<Vec<_>>().join("\n")),
        message = escape(&f.message),
    );
    let mut meta = vec![format!("finding <code>{}</code>", escape(&f.fingerprint))];
    if let Some(r) = &f.review {
        let by = r.by.as_deref().map(|b| format!(" by {}", escape(b))).unwrap_or_default();
        let note = r.note.as_deref().map(|n| format!(": {}", escape(n))).unwrap_or_default();
        meta.push(format!("<span class=\"review\">review: {}{by}{note}</span>", r.decision.name()));
    } else if f.status == Status::Discrepancy {
        meta.push("not reviewed".to_string());
    }
    if f.in_baseline {
        meta.push("in the baseline".to_string());
    }
    out.push_str(&format!("<p class=\"meta\">{}</p>\n<div class=\"excerpts\">\n", meta.join(" · ")));
    for &c in &f.claims {
        let v = &index.claims[c];
        let ex = excerpt(v, 220);
        let chars: Vec<char> = ex.text.chars().collect();
        let cut =
            |a: usize, b: usize| escape(&chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>());
        let (s, e) = (ex.caret_start, ex.caret_start + ex.caret_len);
        out.push_str(&format!(
            "<article class=\"excerpt\"><h3>{}</h3><p class=\"where\">{}:{}:{}</p><p class=\"text\">{}<mark>{}</mark>{}</p></article>\n",
            escape(v.doc.source_name()),
            escape(&v.doc.path.display().to_string()),
            v.line,
            v.column,
            cut(0, s),
            cut(s, e),
            cut(e, chars.len())
        ));
    }
    out.push_str("</div>\n");
    if let Some(diff) = &f.diff {
        let words = super::diff_line(diff, |c| match c {
            WordChange::Same(w) => escape(w),
            WordChange::Removed(w) => format!("<del>{}</del>", escape(w)),
            WordChange::Added(w) => format!("<ins>{}</ins>", escape(w)),
        });
        out.push_str(&format!("<p class=\"diff\">Word diff: {words}</p>\n"));
    }
    if let Some(rule) = rules.get(&f.rule) {
        out.push_str(&format!(
            "<details><summary>About <code>{}</code>: {}</summary><p>{}</p><p>{}</p></details>\n",
            escape(&rule.id),
            escape(&rule.summary),
            escape(rule.what.trim()),
            escape(rule.why.trim())
        ));
    }
    out.push_str("</section>\n");
    out
}

pub fn render(index: &Index, findings: &[Finding], stale: &[Review], rules: &RuleSet, summary: &Summary) -> String {
    let statuses: BTreeSet<String> = findings.iter().map(|f| f.status.name().to_string()).collect();
    let rule_ids: BTreeSet<String> = findings.iter().map(|f| f.rule.clone()).collect();
    let sources: BTreeSet<String> =
        findings.iter().flat_map(|f| f.claims.iter().map(|&c| index.doc_id(&index.claims[c]).to_string())).collect();
    let mut out = String::from("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(super::GENERATOR_MARK);
    out.push('\n');
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    out.push_str(&format!("<title>crosscheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!(
        "<header>\n<h1>crosscheck report</h1>\n<p class=\"summary\">{}</p>\n<ul class=\"counts\">\
         <li><b>{}</b>discrepancies</li><li><b>{}</b>agreements</li><li><b>{}</b>notes</li>\
         <li><b>{}</b>documents</li><li><b>{}</b>claims</li></ul>\n</header>\n",
        escape(&summary.line()),
        summary.discrepancies,
        summary.agreements,
        summary.notes,
        summary.documents,
        summary.claims
    ));
    out.push_str(&format!(
        "<nav class=\"filters\">\n<label>Status <select id=\"f-status\"><option value=\"\">all</option>{}</select></label>\n\
         <label>Rule <select id=\"f-rule\"><option value=\"\">all</option>{}</select></label>\n\
         <label>Source <select id=\"f-source\"><option value=\"\">all</option>{}</select></label>\n\
         <span id=\"shown\">{} findings</span>\n</nav>\n<main>\n",
        options(&statuses),
        options(&rule_ids),
        options(&sources),
        findings.len()
    ));
    for f in findings {
        out.push_str(&finding_html(index, f, rules));
    }
    out.push_str("</main>\n");
    if !stale.is_empty() {
        out.push_str("<section class=\"stale\"><h2>Stale reviews</h2><ul>\n");
        for r in stale {
            out.push_str(&format!(
                "<li><code>{}</code> {}: {} (matches no finding any more)</li>\n",
                escape(&r.finding),
                r.decision.name(),
                escape(&r.rule)
            ));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
