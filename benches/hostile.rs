//! Hostile shapes of one document at size 1x and 4x: ordinary prose with
//! paragraphs and on one line, thousands of numbers in one sentence,
//! thousands of unbalanced quotation marks, deeply nested skipped HTML
//! elements, and hundreds of escape sequences. Each shape runs through
//! loading, extraction, the claim graph, every rule and the JSON report,
//! and the bench prints the time at 1x and 4x and their ratio: linear
//! growth gives 4, and a ratio above 5 fails the run.
//!
//! Run: `cargo bench --bench hostile` (the base size can be given:
//! `-- 2` doubles every shape).

use std::time::Instant;

use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::report::Index;

/// The most the time may grow when the input grows four times.
const MAX_RATIO: f64 = 5.0;

/// A small deterministic generator, so every run reads the same input.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn seed_paragraphs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus/seeds").flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .flat_map(|p| std::fs::read_to_string(p).expect("seed reads").lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| l.len() > 80)
        .collect()
}

/// Prose of about `bytes` bytes, paragraphs joined by `joint`.
fn prose(paragraphs: &[String], bytes: usize, joint: &str, rng: &mut Lcg) -> String {
    let mut out = String::from("date 2017-09-28\n");
    while out.len() < bytes {
        out.push_str(&paragraphs[rng.next() as usize % paragraphs.len()]);
        out.push_str(joint);
    }
    out
}

fn numbers(count: usize, rng: &mut Lcg) -> String {
    let list: Vec<String> = (0..count).map(|_| (1 + rng.next() % 99_999).to_string()).collect();
    format!("date 2017-09-28\nThe counts were {}.\n", list.join(", "))
}

fn quotes(count: usize, rng: &mut Lcg) -> String {
    let parts: Vec<String> = (0..count).map(|_| format!("He said \"we made {} arrests", rng.next() % 999)).collect();
    format!("date 2017-09-28\n{}\n", parts.join(" "))
}

fn nested_html(depth: usize) -> String {
    format!(
        "<html><body><p>Police made 40 arrests.</p>{}x{}</body></html>",
        "<script>".repeat(depth),
        "</script>".repeat(depth)
    )
}

fn escapes(count: usize) -> String {
    let line = "Police made \u{1b}[31m40 arrests\u{1b}[0m in Denver.\u{1b}]0;title\u{7} ";
    format!("date 2017-09-28\n{}\n", line.repeat(count))
}

/// A shape: its label, the file name it is read as, and its text at a size.
type Shape<'a> = (&'a str, &'a str, Box<dyn Fn(usize) -> String + 'a>);

/// Seconds to load, extract, link, check and report one document.
fn run(name: &str, text: &str, lexicon: &Lexicon, rules: &RuleSet) -> f64 {
    let start = Instant::now();
    let analysis = crosscheck::analyse_texts(&[(name, text)], lexicon);
    let graph = ClaimGraph::for_rules(&analysis, lexicon);
    let findings = rules.run(&graph);
    let index = Index::new(&analysis);
    let report = crosscheck::report::json::render(&analysis, &index, &findings, &[], lexicon);
    std::hint::black_box(report.len());
    start.elapsed().as_secs_f64()
}

fn main() {
    let scale: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1);
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).expect("lexicon loads");
    let rules = RuleSet::load(&sources).expect("rules load");
    let paragraphs = seed_paragraphs();
    let shapes: Vec<Shape> = vec![
        ("prose, paragraphs", "a.txt", Box::new(|k| prose(&paragraphs, 500_000 * k, "\n\n", &mut Lcg(1)))),
        ("prose, one line", "a.txt", Box::new(|k| prose(&paragraphs, 500_000 * k, " ", &mut Lcg(2)))),
        ("numbers in one sentence", "a.txt", Box::new(|k| numbers(20_000 * k, &mut Lcg(3)))),
        ("unbalanced quotes", "a.txt", Box::new(|k| quotes(10_000 * k, &mut Lcg(4)))),
        ("nested skipped HTML", "a.html", Box::new(|k| nested_html(200_000 * k))),
        ("escape sequences", "a.txt", Box::new(|k| escapes(8_000 * k))),
    ];
    println!("{:<26} {:>10} {:>10} {:>10} {:>7}", "shape", "1x bytes", "1x s", "4x s", "ratio");
    let mut failed = Vec::new();
    for (label, name, make) in &shapes {
        let small = make(scale);
        let large = make(4 * scale);
        // The best of five runs of each size: the first also warms lazy
        // statics, and the least time is the least disturbed by the machine.
        let best = |text: &str| (0..5).map(|_| run(name, text, &lexicon, &rules)).fold(f64::INFINITY, f64::min);
        let t1 = best(&small);
        let t4 = best(&large);
        let ratio = t4 / t1.max(1e-9);
        println!("{label:<26} {:>10} {t1:>10.3} {t4:>10.3} {ratio:>7.2}", small.len());
        if ratio > MAX_RATIO {
            failed.push(*label);
        }
    }
    if !failed.is_empty() {
        eprintln!("grows faster than linear (4x input, more than {MAX_RATIO}x time): {}", failed.join(", "));
        std::process::exit(1);
    }
}
