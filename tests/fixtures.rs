//! One fixture per built-in check, a passing and a failing case each:
//! `tests/fixtures/<check>/<case>/` holds short articles and
//! `expected.toml`, the findings the case's rule must give with only that
//! rule selected: exactly these, each named by status and claim texts.
//! `tests/fixtures/referents/` holds one case per way a figure's referent
//! was once misread (rescue workers as injuries, buyouts as job cuts, a
//! headline agreeing with its own body), each with the findings it must give.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::report::Index;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    rule: String,
    #[serde(default)]
    finding: Vec<ExpectedFinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    status: String,
    claims: Vec<String>,
}

type Found = BTreeSet<(String, Vec<String>)>;

fn run_case(dir: &Path, lexicon: &Lexicon, rules: &RuleSet) -> Result<(), String> {
    let expected: Expected = toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let mut only = rules.clone();
    only.select(std::slice::from_ref(&expected.rule), &[]).map_err(|e| e.to_string())?;
    let analysis = crosscheck::analyse(&[dir.to_path_buf()], lexicon);
    assert!(analysis.corpus.problems.is_empty(), "{:?}", analysis.corpus.problems);
    let graph = ClaimGraph::build(&analysis, lexicon);
    let index = Index::new(&analysis);
    let found: Found = only
        .run(&graph)
        .iter()
        .map(|f| {
            let mut claims: Vec<String> = f.claims.iter().map(|&c| index.claims[c].text().to_string()).collect();
            claims.sort();
            (f.status.name().to_string(), claims)
        })
        .collect();
    let want: Found = expected
        .finding
        .iter()
        .map(|f| {
            let mut claims = f.claims.clone();
            claims.sort();
            (f.status.clone(), claims)
        })
        .collect();
    if found == want { Ok(()) } else { Err(format!("expected {want:#?}\nfound {found:#?}")) }
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for check in std::fs::read_dir(&root).unwrap().flatten() {
        if !check.path().is_dir() {
            continue;
        }
        for case in std::fs::read_dir(check.path()).unwrap().flatten() {
            if case.path().join("expected.toml").is_file() {
                out.push(case.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_check_has_a_passing_and_a_failing_fixture() {
    let sources = Sources::built_in();
    let rules = RuleSet::load(&sources).unwrap();
    let cases = cases();
    for rule in &rules.rules {
        let dir = rule.check.name();
        let n = cases.iter().filter(|c| c.parent().and_then(|p| p.file_name()).is_some_and(|n| n == dir)).count();
        assert!(n >= 2, "check {dir} has {n} fixture cases; it needs one that fires and one that passes");
    }
}

#[test]
fn fixtures_give_exactly_their_expected_findings() {
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).unwrap();
    let rules = RuleSet::load(&sources).unwrap();
    let failures: Vec<String> = cases()
        .iter()
        .filter_map(|dir| run_case(dir, &lexicon, &rules).err().map(|e| format!("{}:\n{e}", dir.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A part that fits another source's total is one finding per source, so
/// that each can be checked, but no more than eight: in an archive where
/// hundreds of sources give the total, the nearest in time (here all of a
/// day, so the first read) stand for the rest.
#[test]
fn a_part_is_held_against_the_totals_of_eight_sources_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let part = "March 3, 2021\nThe brewer will shut two Canadian breweries next year.\n";
    std::fs::write(dir.path().join("a-part.txt"), part).unwrap();
    for k in 0..12 {
        let total = "March 3, 2021\nSix breweries will shut next year, the company said.\n";
        std::fs::write(dir.path().join(format!("total-{k:02}.txt")), total).unwrap();
    }
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).unwrap();
    let mut rules = RuleSet::load(&sources).unwrap();
    rules.select(&["parts-exceed-total".to_string()], &[]).unwrap();
    let analysis = crosscheck::analyse(&[dir.path().to_path_buf()], &lexicon);
    let graph = ClaimGraph::build(&analysis, &lexicon);
    let index = Index::new(&analysis);
    let totals: Vec<String> = rules
        .run(&graph)
        .iter()
        .map(|f| {
            assert_eq!(f.status.name(), "agreement");
            let docs: Vec<&str> = f.claims.iter().map(|&c| index.claims[c].doc.id.as_str()).collect();
            assert_eq!(docs.len(), 2, "{docs:?}");
            docs.into_iter().find(|d| d.starts_with("total")).unwrap().to_string()
        })
        .collect();
    let first_eight: Vec<String> = (0..8).map(|k| format!("total-{k:02}.txt")).collect();
    assert_eq!(totals, first_eight);
}
