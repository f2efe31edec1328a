//! The whole pipeline on one article: extraction, the claim graph, every
//! rule and every report format.

use crosscheck::graph::ClaimGraph;
use crosscheck::report::Index;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let (name, rest) = crosscheck_fuzz::name_for(data);
        let text = String::from_utf8_lossy(rest);
        let lexicon = &*crosscheck_fuzz::LEXICON;
        let analysis =
            crosscheck::analyse_texts(&[(name, &text), ("b.txt", "Police made 40 arrests in Denver.")], lexicon);
        let graph = ClaimGraph::build(&analysis, lexicon);
        let mut findings = crosscheck_fuzz::RULES.run(&graph);
        let index = Index::new(&analysis);
        crosscheck::workflow::assign_fingerprints(&mut findings, &index);
        let json = crosscheck::report::json::render(&analysis, &index, &findings, &[], lexicon);
        serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report is valid JSON");
        let summary = crosscheck::report::Summary::new(&analysis, &findings);
        let text = crosscheck::report::text::render(&index, &findings, &[], &summary, false);
        assert!(!text.contains('\u{1b}'), "no escape reaches the terminal");
    });
}
