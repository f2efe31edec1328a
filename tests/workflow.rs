//! Newsroom workflows on the real binary: CI against a trusted corpus,
//! SARIF, baselines, review decisions, configuration, the graph export.

use std::path::{Path, PathBuf};

mod common;

use common::{crosscheck, run};
use serde_json::Value;

const SEEDS: &str = "corpus/seeds";
const SEED_001: &str = "corpus/seeds/001_5c696416e1d3fd01.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the seeds in a scratch folder, so tests can write beside them.
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join(SEEDS)).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// A submission: seed 001 with one edit.
fn submission(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(root().join(SEED_001)).unwrap();
    assert!(text.contains(from), "the seed says {from:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("submission.txt");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, path)
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).expect("valid JSON")
}

#[test]
fn a_submission_that_changes_a_number_fails_and_names_it() {
    let (_dir, path) = submission("arrested 107 undocumented", "arrested 170 undocumented");
    let (code, out, _) = run(crosscheck().args(["check", "--color", "never", "--reference", SEEDS]).arg(&path));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[quantity-conflict]") && out.contains("170 (submission.txt)"), "{out}");
}

#[test]
fn a_submission_that_changes_a_list_fails_and_names_it() {
    let (_dir, path) = submission("six other cities", "five other cities");
    let (code, out, _) = run(crosscheck().args(["check", "--color", "never", "--reference", SEEDS]).arg(&path));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[list-count-mismatch]: the text says 5 cities but lists 6"), "{out}");
}

#[test]
fn a_submission_that_changes_a_quoted_word_fails_and_shows_the_diff() {
    let (_dir, path) = submission("does not make our city safer", "does not make our city safe");
    let (code, out, _) = run(crosscheck().args(["check", "--color", "never", "--reference", SEEDS]).arg(&path));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[quote-altered]") && out.contains("[-safer-] {+safe+}"), "{out}");
}

#[test]
fn a_submission_that_agrees_passes_and_reports_only_itself() {
    let (_dir, path) = submission("Federal immigration officials", "Federal officials");
    let (code, out, _) = run(crosscheck().args(["check", "--format", "json", "--reference", SEEDS]).arg(&path));
    assert_eq!(code, 0, "{out}");
    let report = json(&out);
    let claims: std::collections::HashMap<&str, &str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["doc"].as_str().unwrap()))
        .collect();
    for f in report["findings"].as_array().unwrap() {
        let docs: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|c| claims[c.as_str().unwrap()]).collect();
        assert!(docs.contains(&"submission.txt"), "a reported finding involves the submission: {f}");
    }
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["status"] == "agreement"));
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let (_dir, path) = submission("arrested 107 undocumented", "arrested 170 undocumented");
    let (code, out, _) = run(crosscheck().args(["check", "--format", "sarif", "--reference", SEEDS]).arg(&path));
    assert_eq!(code, 1);
    let sarif = json(&out);
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "quantity-conflict" && r["help"]["markdown"].as_str().unwrap().contains("What it does")));
    let result =
        run0["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "quantity-conflict").expect("the conflict");
    assert_eq!(result["level"], "error");
    assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
    for r in run0["results"].as_array().unwrap() {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.ends_with("submission.txt"), "anchored on the trusted corpus: {uri}");
        assert!(!r["relatedLocations"].as_array().unwrap().is_empty());
    }
    let mut broken = sarif.clone();
    broken["version"] = Value::from("2.0");
    assert!(!validator.is_valid(&broken), "the schema check can fail");
}

#[test]
fn a_baseline_silences_old_findings_and_not_new_ones() {
    let dir = seeds_copy();
    let baseline = dir.path().join("baseline.json");
    let (code, _, err) = run(crosscheck().arg("baseline").arg(dir.path()).arg("-o").arg(&baseline));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) =
        run(crosscheck().args(["check", "--fail-on", "warning", "--baseline"]).arg(&baseline).arg(dir.path()));
    assert_eq!(code, 0, "old findings are in the baseline: {out}");
    // A baseline named .zst is written compressed and read as it is.
    let packed = dir.path().join("baseline.json.zst");
    let (code, _, err) = run(crosscheck().arg("baseline").arg(dir.path()).arg("-o").arg(&packed));
    assert_eq!(code, 0, "{err}");
    assert!(!std::fs::read(&packed).unwrap().starts_with(b"{"));
    let (code, out, _) =
        run(crosscheck().args(["check", "--fail-on", "warning", "--baseline"]).arg(&packed).arg(dir.path()));
    assert_eq!(code, 0, "the compressed baseline holds the old findings: {out}");
    std::fs::remove_file(&packed).unwrap();
    // Editing an unrelated paragraph and reading the files in another order changes no fingerprint.
    let f000 = dir.path().join("000_936c3b20d744b947.txt");
    let text = std::fs::read_to_string(&f000)
        .unwrap()
        .replace("Philly has shown no interest", "Philadelphia has shown no interest at all");
    std::fs::write(&f000, text).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.reverse();
    let (code, out, _) =
        run(crosscheck().args(["check", "--fail-on", "warning", "--baseline"]).arg(&baseline).args(&files));
    assert_eq!(code, 0, "fingerprints survive unrelated edits and reordering: {out}");
    // A new discrepancy is not in the baseline.
    let text = std::fs::read_to_string(root().join(SEED_001)).unwrap().replace("six other cities", "five other cities");
    std::fs::write(dir.path().join("new.txt"), text).unwrap();
    let (code, out, _) =
        run(crosscheck().args(["check", "--color", "never", "--baseline"]).arg(&baseline).arg(dir.path()));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[list-count-mismatch]") && out.contains("in the baseline: not new"), "{out}");
}

fn findings(dir: &Path) -> Vec<Value> {
    let (_, out, _) = run(crosscheck().args(["check", "--format", "json"]).arg(dir));
    json(&out)["findings"].as_array().unwrap().clone()
}

#[test]
fn a_review_decision_survives_a_rerun_and_dismissed_findings_stop_failing() {
    let dir = seeds_copy();
    let warnings: Vec<String> = findings(dir.path())
        .iter()
        .filter(|f| f["status"] == "discrepancy")
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(warnings.len(), 2);
    let (code, _, _) = run(crosscheck().args(["check", "--fail-on", "warning"]).arg(dir.path()));
    assert_eq!(code, 1);
    for fp in &warnings {
        let (code, out, err) = run(crosscheck()
            .args(["review", &fp[..10], "--dismiss", "--note", "categories overlap", "--by", "ana", "--corpus"])
            .arg(dir.path()));
        assert_eq!(code, 0, "{out}{err}");
    }
    let reviews = std::fs::read_to_string(dir.path().join("crosscheck-reviews.toml")).unwrap();
    assert!(reviews.contains("decision = \"dismissed\"") && reviews.contains("by = \"ana\""), "{reviews}");
    let after = findings(dir.path());
    let reviewed: Vec<&Value> =
        after.iter().filter(|f| warnings.contains(&f["fingerprint"].as_str().unwrap().to_string())).collect();
    assert!(
        reviewed.iter().all(|f| f["review"]["decision"] == "dismissed" && f["review"]["note"] == "categories overlap")
    );
    let (code, out, _) = run(crosscheck().args(["check", "--fail-on", "warning", "--color", "never"]).arg(dir.path()));
    assert_eq!(code, 0, "dismissed findings no longer fail: {out}");
    assert!(out.contains("review: dismissed by ana: categories overlap"), "{out}");
    // Dismissed everywhere: the label, the summary's counts, the Markdown heading.
    assert_eq!(out.matches("dismissed[parts-exceed-total]").count(), 2, "{out}");
    assert!(!out.contains("warning[parts-exceed-total]"), "{out}");
    assert!(out.contains("(0 errors, 0 warnings)") && out.contains("2 dismissed"), "{out}");
    let (_, markdown, _) = run(crosscheck().args(["check", "--format", "markdown"]).arg(dir.path()));
    assert_eq!(markdown.matches("`parts-exceed-total` (dismissed)").count(), 2, "{markdown}");
    let (_, list, _) = run(crosscheck().args(["review", "--list", "--corpus"]).arg(dir.path()));
    let decisions: Vec<&str> = list.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(decisions.len(), 2, "{list}");
    assert!(
        decisions
            .iter()
            .all(|l| l.contains("dismissed") && l.contains("parts-exceed-total") && l.ends_with(" by ana)"))
    );
    assert_eq!(list.matches("    note: categories overlap").count(), 2, "{list}");
}

#[test]
fn concurrent_reviewers_lose_nothing() {
    let dir = seeds_copy();
    let fps: Vec<String> = findings(dir.path())
        .iter()
        .filter(|f| f["status"] == "agreement")
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .take(6)
        .collect();
    assert_eq!(fps.len(), 6);
    let bin = assert_cmd::cargo::cargo_bin("crosscheck");
    let children: Vec<std::process::Child> = fps
        .iter()
        .map(|fp| {
            std::process::Command::new(&bin)
                .current_dir(root())
                .args(["review", fp, "--confirm", "--by", "desk", "--corpus"])
                .arg(dir.path())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let reviews = std::fs::read_to_string(dir.path().join("crosscheck-reviews.toml")).unwrap();
    for fp in &fps {
        assert!(reviews.contains(fp.as_str()), "decision on {fp} kept");
    }
}

#[test]
fn a_review_whose_finding_is_gone_is_reported_stale() {
    let dir = seeds_copy();
    let fp = findings(dir.path()).iter().find(|f| f["status"] == "discrepancy").unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    run(crosscheck().args(["review", &fp, "--confirm", "--corpus"]).arg(dir.path()));
    std::fs::remove_file(dir.path().join("001_5c696416e1d3fd01.txt")).unwrap();
    let (_, out, _) = run(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    let report = json(&out);
    assert_eq!(report["stale_reviews"][0]["finding"], fp.as_str());
    let (_, text, _) = run(crosscheck().args(["check", "--color", "never"]).arg(dir.path()));
    assert!(text.contains(&format!("stale: review {fp}")), "{text}");
}

#[test]
fn a_corrupt_reviews_file_is_reported_and_never_overwritten() {
    let dir = seeds_copy();
    let path = dir.path().join("crosscheck-reviews.toml");
    std::fs::write(&path, "[[review]]\nfinding = \"abc\"\ndecision = \n").unwrap();
    let fp = "0000000000000000";
    let (code, _, err) = run(crosscheck().args(["review", fp, "--confirm", "--corpus"]).arg(dir.path()));
    assert_eq!(code, 2);
    let (code, _, err2) = run(crosscheck().arg("check").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err2.contains("crosscheck-reviews.toml:3:"), "{err2}");
    // A report written as it is made reads the decisions before its first byte.
    let (code, out, err3) = run(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(out.is_empty() && err3.contains("crosscheck-reviews.toml:3:"), "{err3}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[review]]\nfinding = \"abc\"\ndecision = \n", "{err}");
}

#[test]
fn configuration_sets_fail_on_and_severity_and_flags_override_it() {
    let dir = seeds_copy();
    let config = dir.path().join("crosscheck.toml");
    std::fs::write(&config, "fail-on = \"warning\"\n").unwrap();
    assert_eq!(run(crosscheck().arg("check").arg(dir.path())).0, 1);
    assert_eq!(run(crosscheck().args(["check", "--fail-on", "never"]).arg(dir.path())).0, 0);
    std::fs::write(&config, "[severity]\nparts-exceed-total = \"error\"\n").unwrap();
    assert_eq!(run(crosscheck().arg("check").arg(dir.path())).0, 1);
    let (_, listing, _) = run(crosscheck().arg("rules").current_dir(dir.path()));
    let line = listing.lines().find(|l| l.starts_with("parts-exceed-total ")).unwrap();
    assert!(line.contains(" error "), "`rules` shows the configured severity: {line}");
    std::fs::write(&config, "ignore = [\"parts-exceed-total\"]\nfail-on = \"warning\"\n").unwrap();
    assert_eq!(run(crosscheck().arg("check").arg(dir.path())).0, 0);
    std::fs::write(&config, "fail-on = \"warning\"\nfail_on = \"error\"\n").unwrap();
    let (code, _, err) = run(crosscheck().arg("check").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("crosscheck.toml:2:1") && err.contains("fail_on"), "{err}");
}

#[test]
fn the_graph_exports_as_dot() {
    let (code, out, _) = run(crosscheck().args(["graph", SEEDS, "--format", "dot"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph crosscheck {") && out.trim_end().ends_with('}'));
    assert!(
        out.contains("[label=\"same referent\"]")
            && out.contains("[label=\"part of\"]")
            && out.contains("[label=\"within\"]")
    );
    assert!(out.contains("shape=hexagon") && out.contains("Safe City"));
}

#[test]
fn no_progress_bar_when_not_a_terminal() {
    let (_, _, err) = run(crosscheck().arg("check").arg(SEEDS));
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_graph_exports_referents_groups_and_typed_edges_as_json() {
    let (code, out, err) = run(crosscheck().args(["graph", SEEDS, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let g = json(&out);
    let claims = g["claims"].as_array().unwrap();
    let find = |doc: &str, text: &str| {
        claims
            .iter()
            .find(|c| c["doc"].as_str().unwrap().starts_with(doc) && c["text"] == text)
            .unwrap_or_else(|| panic!("no claim {text:?} in {doc}"))
    };
    // Every referent field says what it is, where it came from and how sure.
    let arrests = find("000", "107 arrests");
    let measure = &arrests["referent"]["measure"];
    assert_eq!(measure["value"], "arrests");
    assert_eq!(measure["source"], "stated");
    assert_eq!(arrests["referent"]["scope"]["value"][0], "Philadelphia");
    assert_eq!(arrests["referent"]["time"]["source"], "document");
    // The three 2017 Philadelphia counts are one referent; the 2020 count is another.
    let group = arrests["group"].as_str().unwrap();
    assert_eq!(find("001", "107 undocumented immigrants")["group"], group);
    assert_eq!(find("003", "107 people")["group"], group);
    assert_ne!(find("002", "26 arrests")["group"], group);
    // An individual is in no group, and says why.
    assert_eq!(find("003", "One immigrant")["unlinked"], "individual");
    // Typed edges name the fields that matched.
    let edges = g["edges"].as_array().unwrap();
    let same: Vec<&Value> = edges.iter().filter(|e| e["kind"] == "same_referent").collect();
    assert!(!same.is_empty());
    assert!(same.iter().all(|e| e["because"].as_array().unwrap().iter().any(|f| f == "measure")));
    let part = edges.iter().find(|e| e["kind"] == "part_of").expect("a part_of edge");
    assert!(part["part_by"].is_string());
    // Groups list their time slices.
    let r = g["groups"].as_array().unwrap().iter().find(|r| r["id"] == group).unwrap();
    assert_eq!(r["measure"], "arrests");
    assert!(!r["slices"].as_array().unwrap().is_empty());
}
