//! Every rule file's examples run as tests: each example's articles are
//! checked with only that rule selected, and must give what it expects.

use crosscheck::engine::RuleSet;
use crosscheck::lexicon::{Lexicon, Sources};

#[test]
fn every_rule_example_gives_what_it_expects() {
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).expect("built-in lexicon loads");
    let rules = RuleSet::load(&sources).expect("built-in rules load");
    assert!(rules.rules.len() >= 8, "every built-in check has a rule");
    let failures = crosscheck::examples::failing_rule_examples(&rules, &lexicon, |_| true);
    assert!(failures.is_empty(), "rule examples failed:\n{}", failures.join("\n"));
}
