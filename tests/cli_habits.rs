//! The command line behaves like the tools newsrooms already use: the
//! format follows the output file's extension, `--only` and `-q` keep a
//! long report short with the totals kept, `-` reads standard input, an
//! empty corpus says so, completions and a man page come from the same
//! definitions, and a user's rules folder can be tested and a built-in rule
//! printed to copy.

use std::path::Path;

mod common;

use common::{crosscheck, run};

#[test]
fn the_format_follows_the_output_files_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [("r.json", "{"), ("r.sarif", "{"), ("r.html", "<!DOCTYPE html>"), ("r.md", "<meta")] {
        let path = dir.path().join(name);
        run(crosscheck().args(["check", "corpus/seeds", "--fail-on", "never", "-o"]).arg(&path));
        let out = std::fs::read_to_string(&path).unwrap();
        assert!(out.starts_with(starts), "{name}: {}", &out[..out.len().min(80)]);
    }
    let sarif = std::fs::read_to_string(dir.path().join("r.sarif")).unwrap();
    assert!(sarif.contains("\"version\": \"2.1.0\""));
}

#[test]
fn only_and_quiet_keep_the_report_short_and_the_totals_whole() {
    let (_, all, _) = run(crosscheck().args(["check", "corpus/seeds", "--color", "never"]));
    let (code, only, _) =
        run(crosscheck().args(["check", "corpus/seeds", "--color", "never", "--only", "discrepancies"]));
    assert_eq!(code, 0);
    assert!(only.contains("warning[") && !only.contains("agreement[") && !only.contains("note["), "{only}");
    let summary = |s: &str| s.lines().last().unwrap().to_string();
    assert_eq!(summary(&only), summary(&all), "the totals stay");
    let (_, quiet, _) = run(crosscheck().args(["check", "corpus/seeds", "--color", "never", "-q"]));
    assert_eq!(quiet.trim(), summary(&all));
    // Quiet is about the terminal: a report written to a file is whole.
    let dir = tempfile::tempdir().unwrap();
    let findings = |args: &[&str]| -> usize {
        let path = dir.path().join("r.json");
        run(crosscheck().args(["check", "corpus/seeds", "-o"]).arg(&path).args(args));
        let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        report["findings"].as_array().unwrap().len()
    };
    let whole = findings(&[]);
    assert!(whole > 0);
    assert_eq!(findings(&["-q"]), whole);
    assert!(findings(&["-q", "--only", "discrepancies"]) < whole);
}

#[test]
fn a_dash_reads_standard_input_and_an_empty_corpus_exits_2() {
    let (code, out, _) = run(crosscheck().args(["claims", "-"]).write_stdin("Police made 40 arrests in Denver.\n"));
    assert_eq!(code, 0);
    assert!(out.contains("40 arrests"), "{out}");
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(crosscheck().arg("check").arg(empty.path()));
    assert_eq!(code, 2);
    assert!(err.contains("a folder with no article in it") && err.contains("no article was read"), "{err}");
}

#[test]
fn completions_and_a_man_page_come_from_the_definitions() {
    let (code, bash, _) = run(crosscheck().args(["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(bash.contains("_crosscheck") && bash.contains("--fail-on"));
    let (code, man, _) = run(crosscheck().arg("man"));
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") || man.contains(".TH crosscheck"), "{}", &man[..200]);
    let (_, help, _) = run(crosscheck().arg("--help"));
    assert!(help.contains("Exit codes:") && help.contains("Examples:"), "{help}");
}

#[test]
fn a_users_rules_folder_is_tested_and_a_built_in_rule_can_be_copied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lexicons")).unwrap();
    std::fs::write(
        dir.path().join("lexicons/measures.toml"),
        "[[measure]]\nname = \"goals\"\nnouns = [\"goals\", \"goal\"]\nexamples = [\"scored 3 goals\"]\n",
    )
    .unwrap();
    let (code, out, err) = run(crosscheck().arg("test-rules").arg(dir.path()));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 of 1 examples"), "{out}");
    std::fs::write(
        dir.path().join("lexicons/measures.toml"),
        "[[measure]]\nname = \"goals\"\nnouns = [\"goals\"]\nexamples = [\"12 points\"]\n",
    )
    .unwrap();
    let (code, out, _) = run(crosscheck().arg("test-rules").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(out.contains("fail:") && out.contains("12 points"), "{out}");
    let (code, rule, _) = run(crosscheck().args(["rules", "--show", "quantity-conflict"]));
    assert_eq!(code, 0);
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/quantity-conflict.toml")).unwrap();
    assert_eq!(rule, shipped);
}

#[test]
fn json_lines_give_one_typed_object_a_line() {
    let (code, out, _) = run(crosscheck().args(["check", "corpus/seeds", "--format", "jsonl", "--fail-on", "never"]));
    assert_eq!(code, 0);
    let types: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON")["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(types[0], "report");
    for kind in ["document", "claim", "date", "finding"] {
        assert!(types.iter().any(|t| t == kind), "{kind}");
    }
    let (code, out, _) = run(crosscheck().args(["claims", "corpus/seeds", "--format", "jsonl"]));
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    assert!(out.contains("\"type\":\"claim\"") && !out.contains("\"type\":\"finding\""));
}

#[test]
fn json_lines_give_the_findings_of_the_json_report_rule_by_rule() {
    // The findings of each rule are written as soon as it has run: the same
    // findings as the JSON report (by fingerprint, message, claims and
    // baseline), alone, with `--only`, against a reference and a baseline.
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.txt");
    std::fs::write(&new, "Sept. 29, 2017\nAgents arrested 120 people in Philadelphia.\n").unwrap();
    let baseline = dir.path().join("baseline.json");
    let (code, _, err) = run(crosscheck().args(["baseline", "corpus/seeds", "-o"]).arg(&baseline));
    assert_eq!(code, 0, "{err}");
    let (new, baseline) = (new.display().to_string(), baseline.display().to_string());
    let cases: [Vec<&str>; 4] = [
        vec!["corpus/seeds"],
        vec!["corpus/seeds", "--only", "discrepancies"],
        vec![&new, "--reference", "corpus/seeds"],
        vec!["corpus/seeds", &new, "--baseline", &baseline],
    ];
    let key = |f: &serde_json::Value| {
        format!(
            "{} {} {} {} {} {}",
            f["fingerprint"], f["rule"], f["status"], f["message"], f["claims"], f["in_baseline"]
        )
    };
    for case in cases {
        let report = |format: &str| {
            let (code, out, err) =
                run(crosscheck().args(["check", "--fail-on", "never", "--format", format]).args(&case));
            assert_eq!(code, 0, "{err}");
            out
        };
        let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
        let mut whole: Vec<String> = json["findings"].as_array().unwrap().iter().map(key).collect();
        let lines: Vec<serde_json::Value> = report("jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let findings: Vec<&serde_json::Value> = lines.iter().filter(|l| l["type"] == "finding").collect();
        let mut streamed: Vec<String> = findings.iter().map(|f| key(f)).collect();
        // A rule's findings come together.
        let mut runs: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
        runs.dedup();
        let mut rules = runs.clone();
        rules.sort_unstable();
        rules.dedup();
        assert_eq!(runs.len(), rules.len(), "{case:?}");
        whole.sort();
        streamed.sort();
        assert!(!whole.is_empty(), "{case:?}");
        assert_eq!(whole, streamed, "{case:?}");
    }
}

#[test]
fn reports_quote_the_sentence_a_reader_saw_once_with_every_claim_marked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ndate: 2017-09-28\n---\nPolice made **107 arrests** in [Philadelphia](https://x.y/1) on&nbsp;Monday, 30 in *Chicago* and 63 in Denver.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.html"),
        "<html><head><meta name=\"date\" content=\"2017-09-28\"></head><body><article><p>Police made <b>170&nbsp;arrests</b> in Philadelphia, 30 in Chicago and 63 in Denver.</p></article></body></html>",
    )
    .unwrap();
    let (_, text, _) = run(crosscheck().args(["check", "--color", "never"]).arg(dir.path()));
    for markup in ["**", "&nbsp;", "<b>", "[Philadelphia]", "(https://", "*Chicago*"] {
        assert!(!text.contains(markup), "{markup} in the text report:\n{text}");
    }
    assert!(
        text.contains("| Police made 107 arrests in Philadelphia on Monday, 30 in Chicago and 63 in Denver."),
        "{text}"
    );
    let (_, markdown, _) = run(crosscheck().args(["check", "--format", "markdown"]).arg(dir.path()));
    assert!(markdown.contains("Police made **107 arrests** in Philadelphia on Monday"), "{markdown}");
    assert!(!markdown.contains("\\*\\*") && !markdown.contains("&amp;nbsp;"), "{markdown}");
    // The conflict on Philadelphia shows each sentence once; a finding on
    // several claims of one sentence underlines them side by side.
    let conflict = text.split("\n\n").find(|f| f.starts_with("error[quantity-conflict]")).expect("the conflict");
    assert_eq!(conflict.matches("| Police made").count(), 2, "{conflict}");
    let (_, seeds, _) = run(crosscheck().args(["check", "corpus/seeds", "--color", "never"]));
    let parts = seeds.split("\n\n").find(|f| f.contains("[parts-exceed-total]")).expect("a parts finding");
    assert_eq!(parts.matches("| Nationwide, the individuals arrested included").count(), 1, "{parts}");
    let carets = parts.lines().find(|l| l.contains('^')).unwrap();
    assert_eq!(carets.split_whitespace().filter(|w| w.starts_with('^')).count(), 3, "{parts}");
}
