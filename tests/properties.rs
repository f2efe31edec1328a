//! Properties that hold for any article: spans lie inside the file on
//! character boundaries and hold the claim's text; a claim's interval holds
//! its value unless it is one-sided; adding an unrelated paragraph changes
//! no other claim's value and no finding's fingerprint; the rules find the
//! same in the graph built for them as in the whole graph, and give the
//! same findings back from temporary files as from memory; and the work
//! done on k copies of a document grows in proportion to k.

use std::sync::LazyLock;

use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::report::Index;
use proptest::prelude::*;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::load(&Sources::built_in()).unwrap());
static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(&Sources::built_in()).unwrap());

/// Pieces of news text, hostile ones among them, to build articles from.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Police made 107 arrests in Philadelphia.".to_string()),
        Just("Nearly 500 people were detained nationwide last week.".to_string()),
        Just("“We will not be intimidated,” Mayor Jim Kenney said.".to_string()),
        Just("The toll rose to 42 on Monday, up from 29.".to_string()),
        Just("Kipchoge won in 2:01:39, lowering the record by 1:18.".to_string()),
        Just("$4.2 billion, 15 per cent, 3,600 and -5 degrees".to_string()),
        Just("\"unbalanced quote with 12 items".to_string()),
        Just("Ünïcödé — café «12» ½ 名古屋 ١٢٣".to_string()),
        Just("\u{1b}[31m40\u{1b}[0m \u{200b}\u{ad}7 \u{feff}".to_string()),
        "[ -~]{0,40}".prop_map(String::from),
        (0u32..100_000).prop_map(|n| format!("{n} arrests")),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop_oneof![Just(" "), Just("\n"), Just("\n\n"), Just("\r\n")]), 1..12)
        .prop_map(|parts| parts.into_iter().map(|(p, sep)| p + sep).collect())
}

/// Each quantity claim's text and value, in order.
fn values(text: &str) -> Vec<(String, Option<f64>)> {
    let analysis = crosscheck::analyse_texts(&[("a.txt", text)], &LEXICON);
    let index = Index::new(&analysis);
    index.claims.iter().filter_map(|v| v.claim.quantity().map(|q| (v.text().to_string(), q.value))).collect()
}

/// What the rules find in a graph: each finding's rule, status, claims and
/// message, in order.
fn found(graph: &ClaimGraph) -> Vec<(String, &'static str, Vec<usize>, String)> {
    let findings = RULES.run(graph);
    findings
        .into_iter()
        .map(|f| (f.rule.to_string(), f.status.name(), f.claims.into_vec(), f.message.to_string()))
        .collect()
}

#[test]
fn the_rules_find_the_same_in_their_graph_as_in_the_whole_graph() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let analysis = crosscheck::analyse(&[seeds], &LEXICON);
    let whole = ClaimGraph::build(&analysis, &LEXICON);
    let for_rules = ClaimGraph::for_rules(&analysis, &LEXICON);
    assert!(for_rules.edge_count() < whole.edge_count(), "no documents, places, events or speakers");
    let expected = found(&whole);
    assert!(expected.iter().any(|f| f.0 == "parts-exceed-total" || f.0 == "quantity-conflict"));
    assert_eq!(found(&for_rules), expected);
}

#[test]
fn findings_written_to_temporary_files_come_back_as_the_rules_found_them() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut analysis = crosscheck::analyse(&[seeds], &LEXICON);
    let altered = crosscheck::analyse_texts(
        &[
            ("a.txt", "\"The new bridge will make the river towns safer and bring trade back,\" the governor said."),
            ("b.txt", "\"The new bridge will make the river towns safe and bring trade back,\" the governor said."),
        ],
        &LEXICON,
    );
    analysis.corpus.documents.extend(altered.corpus.documents);
    analysis.extractions.extend(altered.extractions);
    let graph = ClaimGraph::for_rules(&analysis, &LEXICON);
    let shown =
        |f: crosscheck::engine::Finding| (f.rule.to_string(), f.status.name(), f.claims.into_vec(), f.message, f.diff);
    let held: Vec<_> = RULES.run(&graph).into_iter().map(shown).collect();
    assert!(held.len() > 20, "enough findings to spill: {}", held.len());
    assert!(held.iter().any(|f| f.4.is_some()), "a word diff among them");
    for limit in [1, 3, 8] {
        let spilled: Vec<_> = RULES.run_sorted_within(&graph, limit).unwrap().map(|f| shown(f.unwrap())).collect();
        assert_eq!(spilled, held, "limit {limit}");
    }
}

fn fingerprints(texts: &[(&str, &str)]) -> Vec<String> {
    let analysis = crosscheck::analyse_texts(texts, &LEXICON);
    let graph = ClaimGraph::build(&analysis, &LEXICON);
    let mut findings = RULES.run(&graph);
    let index = Index::new(&analysis);
    crosscheck::workflow::assign_fingerprints(&mut findings, &analysis, &index);
    let mut out: Vec<String> = findings.into_iter().map(|f| f.fingerprint.into_string()).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_rules_graph_finds_what_the_whole_graph_finds(a in article(), b in article()) {
        let analysis = crosscheck::analyse_texts(&[("a.txt", &a), ("b.txt", &b)], &LEXICON);
        prop_assert_eq!(
            found(&ClaimGraph::for_rules(&analysis, &LEXICON)),
            found(&ClaimGraph::build(&analysis, &LEXICON))
        );
    }

    #[test]
    fn spans_lie_inside_the_file_and_hold_the_claims_text(text in article()) {
        let analysis = crosscheck::analyse_texts(&[("a.txt", &text)], &LEXICON);
        let index = Index::new(&analysis);
        for v in &index.claims {
            prop_assert!(v.start < v.end && v.end <= text.len(), "{}..{} of {}", v.start, v.end, text.len());
            prop_assert!(text.is_char_boundary(v.start) && text.is_char_boundary(v.end));
            prop_assert_eq!(v.text(), &text[v.start..v.end]);
            prop_assert!(v.line >= 1 && v.column >= 1);
        }
    }

    #[test]
    fn an_interval_holds_its_value_unless_it_is_one_sided(text in article()) {
        let analysis = crosscheck::analyse_texts(&[("a.txt", &text)], &LEXICON);
        for c in analysis.extractions.iter().flat_map(|e| &e.claims) {
            let Some(q) = c.quantity() else { continue };
            let (Some(v), Some(lo), Some(hi)) = (q.value, q.interval.low, q.interval.high) else { continue };
            let slack = 1e-9 * v.abs().max(1.0);
            prop_assert!(lo - slack <= v && v <= hi + slack, "{} not in {}..{}", v, lo, hi);
        }
    }

    #[test]
    fn an_unrelated_paragraph_changes_no_value_and_no_fingerprint(text in article(), other in article()) {
        let added = format!("{text}\n\nThe weather was mild along the coast, forecasters said.\n");
        let before = values(&text);
        let after = values(&added);
        prop_assert_eq!(&after[..before.len().min(after.len())], &before[..before.len().min(after.len())]);
        prop_assert_eq!(
            fingerprints(&[("a.txt", &text), ("b.txt", &other)]),
            fingerprints(&[("a.txt", &added), ("b.txt", &other)])
        );
    }
}

/// The claims and findings of k copies of one article grow in proportion
/// to k: counted work, not time, so the test cannot fail on a slow machine.
#[test]
fn work_on_k_copies_grows_in_proportion_to_k() {
    let one =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds/001_5c696416e1d3fd01.txt")).unwrap();
    let count = |k: usize| {
        let names: Vec<String> = (0..k).map(|i| format!("copy-{i}.txt")).collect();
        let texts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), one.as_str())).collect();
        let analysis = crosscheck::analyse_texts(&texts, &LEXICON);
        let graph = ClaimGraph::build(&analysis, &LEXICON);
        let claims: usize = analysis.extractions.iter().map(|e| e.claims.len()).sum();
        (claims, graph.edge_count(), RULES.run(&graph).len())
    };
    let (c1, e1, _) = count(1);
    let (c8, e8, f8) = count(8);
    assert_eq!(c8, 8 * c1, "every copy gives the same claims");
    assert!(e8 <= 8 * e1 + 8 * c1, "edges grow linearly: {e1} for one copy, {e8} for eight");
    assert!(f8 <= 8 * c1, "findings are bounded by the claims: {f8}");
}
