//! Every rule file's examples run as tests: each example's articles are
//! checked with only that rule selected, and must give what it expects.

use crosscheck::engine::{Expect, RuleSet, Status};
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};

#[test]
fn every_rule_example_gives_what_it_expects() {
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).expect("built-in lexicon loads");
    let rules = RuleSet::load(&sources).expect("built-in rules load");
    assert!(rules.rules.len() >= 8, "every built-in check has a rule");
    let mut failures = Vec::new();
    for rule in &rules.rules {
        let mut only = rules.clone();
        only.select(std::slice::from_ref(&rule.id), &[]).expect("rule exists");
        for (n, example) in rule.examples.iter().enumerate() {
            let names: Vec<String> = (0..example.docs.len()).map(|k| format!("example-{k}.txt")).collect();
            let texts: Vec<(&str, &str)> =
                names.iter().map(String::as_str).zip(example.docs.iter().map(String::as_str)).collect();
            let analysis = crosscheck::analyse_texts(&texts, &lexicon);
            let graph = ClaimGraph::build(&analysis, &lexicon);
            let findings = only.run(&graph);
            let has = |s: Status| findings.iter().any(|f| f.status == s);
            let ok = match example.expect {
                Expect::Discrepancy => has(Status::Discrepancy),
                Expect::Agreement => has(Status::Agreement) && !has(Status::Discrepancy),
                Expect::Note => has(Status::Note) && !has(Status::Discrepancy),
                Expect::Nothing => findings.is_empty(),
            };
            if !ok {
                let got: Vec<String> = findings.iter().map(|f| format!("{}: {}", f.status.name(), f.message)).collect();
                failures.push(format!("{} example {}: expected {:?}, got {:?}", rule.id, n + 1, example.expect, got));
            }
        }
    }
    assert!(failures.is_empty(), "rule examples failed:\n{}", failures.join("\n"));
}
