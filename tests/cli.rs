//! The real binary on the bundled corpus and on bad input: reports, exit
//! codes, error messages that name the file and line.

mod common;

use assert_cmd::Command;
use common::crosscheck;
use std::path::Path;

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8 output")
}

#[test]
fn text_report_of_the_seeds() {
    let out = stdout(crosscheck().args(["check", "corpus/seeds", "--color", "never"]));
    assert!(out.contains("warning[parts-exceed-total]"));
    assert!(out.contains("--> corpus/seeds/001_5c696416e1d3fd01.txt:13:47"));
    assert!(!out.contains('\u{1b}'), "no colors when piped");
    insta::assert_snapshot!("seeds_text", out);
}

#[test]
fn json_report_of_the_seeds() {
    let out = stdout(crosscheck().args(["check", "corpus/seeds", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(report["documents"].as_array().unwrap().len(), 5);
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["status"] == "discrepancy"));
    insta::assert_snapshot!("seeds_json", out);
}

#[test]
fn json_report_writes_a_record_a_line_and_every_field_is_documented() {
    let out = stdout(crosscheck().args(["check", "corpus/seeds", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    // Every line that opens a record holds that record whole.
    let lines: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.starts_with("    {"))
        .map(|l| serde_json::from_str(l.trim().trim_end_matches(',')).expect("a record a line"))
        .collect();
    let docs = std::fs::read_to_string("docs/report-format.md").unwrap();
    let mut records = Vec::new();
    let mut fields = std::collections::BTreeSet::new();
    for list in ["claims", "documents", "dates", "findings"] {
        let list = report[list].as_array().unwrap();
        assert!(!list.is_empty());
        records.extend(list);
        for record in list {
            let mut stack = vec![record];
            while let Some(value) = stack.pop() {
                if let Some(object) = value.as_object() {
                    fields.extend(object.keys().cloned());
                    stack.extend(object.values());
                }
            }
        }
    }
    assert_eq!(lines.iter().collect::<Vec<_>>(), records);
    let undocumented: Vec<_> = fields.iter().filter(|f| !docs.contains(&format!("`{f}`"))).collect();
    assert!(undocumented.is_empty(), "fields docs/report-format.md does not name: {undocumented:?}");
}

#[test]
fn markdown_report_of_the_seeds() {
    let out = stdout(crosscheck().args(["check", "corpus/seeds", "--format", "markdown"]));
    assert!(out.starts_with("<meta name=\"generator\" content=\"crosscheck\">\n\n# crosscheck report"), "{out}");
    insta::assert_snapshot!("seeds_markdown", out);
}

#[test]
fn exit_codes_follow_fail_on() {
    crosscheck().args(["check", "corpus/seeds"]).assert().code(0);
    crosscheck().args(["check", "corpus/seeds", "--fail-on", "warning"]).assert().code(1);
    crosscheck().args(["check", "corpus/seeds", "--fail-on", "never"]).assert().code(0);
    crosscheck().args(["check", "tests/fixtures/compare-values/conflict"]).assert().code(1);
    crosscheck()
        .args(["check", "tests/fixtures/compare-values/conflict", "--ignore", "quantity-conflict"])
        .assert()
        .code(0);
}

#[test]
fn usage_errors_exit_2() {
    crosscheck().args(["check"]).assert().code(2);
    crosscheck().args(["check", "corpus/seeds", "--format", "yaml"]).assert().code(2);
    let out = crosscheck().args(["check", "corpus/seeds", "--select", "no-such-rule"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule \"no-such-rule\""));
}

#[test]
fn unreadable_files_are_named_and_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "Police arrested 40 people in Denver.").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 owners counted 12 arrests.").unwrap();
    std::fs::write(dir.path().join("records.jsonl"), "{\"id\": \"r1\", \"text\": \"40 arrests\"}\n{not json}\n")
        .unwrap();
    let out = crosscheck().args(["check", "--format", "json"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.txt: looks like a binary file"), "{err}");
    assert!(err.contains("latin1.txt: not UTF-8"), "{err}");
    assert!(err.contains("records.jsonl:2:"), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the report is still whole");
    let ids: Vec<&str> = report["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good.txt", "r1"]);
}

#[test]
fn a_missing_path_is_named() {
    let out = crosscheck().args(["check", "no/such/folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder: no such file or folder"));
}

#[test]
fn a_broken_rule_file_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let rule =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/quantity-conflict.toml")).unwrap();
    let broken = rule.replace("severity = \"error\"", "severity = \"fatal\"");
    std::fs::write(dir.path().join("quantity-conflict.toml"), broken).unwrap();
    let out = crosscheck().args(["check", "corpus/seeds", "--rules"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("quantity-conflict.toml:3:1: severity \"fatal\" must be error, warning or info"), "{err}");

    assert!(rule.contains("{subject}"), "the rule's message no longer names its subject");
    std::fs::write(dir.path().join("quantity-conflict.toml"), rule.replace("{subject}", "{subjet}")).unwrap();
    let out = crosscheck().args(["rules", "--rules"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("quantity-conflict.toml:6:") && err.contains("unknown placeholder \"{subjet}\""), "{err}");
}

#[test]
fn a_user_rule_folder_changes_severity_without_recompiling() {
    let dir = tempfile::tempdir().unwrap();
    let rule =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/parts-exceed-total.toml")).unwrap();
    std::fs::write(
        dir.path().join("parts-exceed-total.toml"),
        rule.replace("severity = \"warning\"", "severity = \"error\""),
    )
    .unwrap();
    crosscheck().args(["check", "corpus/seeds", "--rules"]).arg(dir.path()).assert().code(1);
    std::fs::write(
        dir.path().join("parts-exceed-total.toml"),
        rule.replace("status = \"stable\"", "status = \"stable\"\nenabled = false"),
    )
    .unwrap();
    let out = stdout(crosscheck().args(["check", "corpus/seeds", "--fail-on", "warning", "--rules"]).arg(dir.path()));
    assert!(!out.contains("parts-exceed-total]"));
}

#[test]
fn rules_and_explain() {
    let out = stdout(crosscheck().args(["rules"]));
    assert_eq!(out.lines().count(), 16);
    assert!(out.contains("quote-altered"));
    let out = stdout(crosscheck().args(["explain", "list-count-mismatch"]));
    assert!(out.contains("### What it does") && out.contains("### Why it matters") && out.contains("Example 1"));
    crosscheck().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let generated = stdout(crosscheck().args(["rules", "--markdown"]));
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md")).unwrap();
    assert!(
        generated == committed,
        "docs/rules.md is out of date: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn claims_table_is_plain_when_piped_and_colored_on_request() {
    let plain = stdout(crosscheck().args(["claims", "corpus/seeds"]));
    assert!(!plain.contains('\u{1b}'));
    assert!(
        plain.lines().any(|l| l.contains("498 individuals") && l.contains("arrests") && l.contains("United States"))
    );
    let colored = stdout(crosscheck().args(["claims", "corpus/seeds", "--color", "always"]));
    assert!(colored.contains('\u{1b}'));
}

#[test]
fn hostile_article_text_cannot_break_reports() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<script>alert(\"x\")</script> Police arrested 40 people in Denver. \"Quote \\ with | pipes * and `ticks`,\" he said.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Police arrested 41 people in Denver.").unwrap();
    let json = stdout(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert!(report["claims"].as_array().unwrap().iter().any(|c| c["text"] == "40 people"));
    let md = stdout(crosscheck().args(["check", "--format", "markdown"]).arg(dir.path()));
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn html_is_read_as_visible_text_with_spans_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>T</title><script>var n = 999;</script></head><body><nav>Menu 12</nav>\
                <article><p>Police arrested 40&nbsp;people in Denver on Friday.</p></article></body></html>";
    let path = dir.path().join("a.html");
    std::fs::write(&path, html).unwrap();
    let json = stdout(crosscheck().args(["check", "--format", "json"]).arg(&path));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let claims: Vec<&serde_json::Value> =
        report["claims"].as_array().unwrap().iter().filter(|c| c["kind"] == "quantity").collect();
    assert_eq!(claims.len(), 1, "{claims:?}");
    let (s, e) = (claims[0]["start"].as_u64().unwrap() as usize, claims[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&html[s..e], "40&nbsp;people");
}

#[test]
fn an_entity_before_multibyte_text_is_read_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    // A bare "&" whose 12-byte entity window ends inside "é".
    let html = "<html><body><p>Tom &amp; Jerry &  éééééé agents arrested 40 people.</p></body></html>";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    let json = stdout(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(report["claims"].as_array().unwrap().iter().any(|c| c["text"] == "40 people"), "{json}");
}

#[test]
fn reports_saved_inside_the_corpus_are_not_read_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["001_5c696416e1d3fd01.txt", "002_bdfc87b530b9ac54.txt"] {
        std::fs::copy(Path::new("corpus/seeds").join(f), dir.path().join(f)).unwrap();
    }
    let before = stdout(crosscheck().args(["check", "--format", "json", "--fail-on", "never"]).arg(dir.path()));
    for (format, name) in [("html", "report.html"), ("markdown", "report.md"), ("json", "report.json")] {
        crosscheck()
            .args(["check", "--fail-on", "never", "--format", format, "-o"])
            .arg(dir.path().join(name))
            .arg(dir.path())
            .assert()
            .success();
    }
    let after = stdout(crosscheck().args(["check", "--format", "json", "--fail-on", "never"]).arg(dir.path()));
    assert_eq!(before, after);
}

#[test]
fn markdown_front_matter_gives_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(
        &path,
        "---\ntitle: A story\ndate: 2017-09-28\nsource: The Daily\n---\nThe operation ended Wednesday.\n",
    )
    .unwrap();
    let json = stdout(crosscheck().args(["check", "--format", "json"]).arg(&path));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["documents"][0]["date"], "2017-09-28");
    assert_eq!(report["documents"][0]["outlet"], "The Daily");
    assert_eq!(report["dates"][0]["value"], "2017-09-27");
}

/// A header line gives outlet and URL; an undated article takes the day its
/// text narrates, anchored on its corpus; its relative dates then resolve.
#[test]
fn an_undated_article_is_dated_from_its_content_and_its_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "a.txt",
        "date 2021-03-08 source The Courier url https://courier.example/story\n\nThe toll rose to 12 on Monday.\n",
    );
    write("b.txt", "date 2021-03-09 source The Ledger\n\nThe toll rose to 14 on Tuesday.\n");
    write(
        "c.txt",
        "date unknown source The Post url https://post.example/a/77\n\nOfficials said Sunday that 9 people died. On Sunday the river crested; it had risen since Thursday.\n",
    );
    write(
        "d.txt",
        "date unknown source The Gazette url https://gazette.example/2021/03/09/flood/\n\nThe river fell on Tuesday.\n",
    );
    let out = stdout(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let doc = |id: &str| report["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
    assert_eq!(doc("a.txt")["outlet"], "The Courier");
    assert_eq!(doc("a.txt")["url"], "https://courier.example/story");
    assert_eq!(
        (doc("c.txt")["date"].as_str(), doc("c.txt")["date_source"].as_str()),
        (Some("2021-03-07"), Some("inferred"))
    );
    assert_eq!(
        (doc("d.txt")["date"].as_str(), doc("d.txt")["date_source"].as_str()),
        (Some("2021-03-09"), Some("url"))
    );
    let thursday =
        report["dates"].as_array().unwrap().iter().find(|d| d["doc"] == "c.txt" && d["text"] == "Thursday").unwrap();
    assert_eq!(thursday["value"], "2021-03-04");
}

/// Articles a year apart are no news cycle: an undated one stays undated.
#[test]
fn an_undated_article_outside_one_news_cycle_stays_undated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "date 2019-05-01\n\nThe toll rose to 12 on Monday.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "date 2020-05-01\n\nThe toll rose to 14 on Tuesday.\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "Officials said Sunday that 9 people died.\n").unwrap();
    let out = stdout(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = report["documents"].as_array().unwrap().iter().find(|d| d["id"] == "c.txt").unwrap();
    assert!(c["date"].is_null());
}
