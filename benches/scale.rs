//! Whole-corpus throughput at 1,000 and 10,000 documents: load, extract,
//! build the claim graph and run every rule. Prints documents per second,
//! MB per second, claims and findings for each size (the fastest of
//! `CROSSCHECK_BENCH_REPEAT` runs, one by default), resident memory after
//! each stage, the ratio of the first and last rates (near 1 means the cost
//! grows linearly with the corpus), the largest size up to 10,000 again on
//! one thread, and the peak resident memory. With `CROSSCHECK_BENCH_HEAP`
//! set, also the bytes live on the heap after each stage and their peak
//! while it ran (each allocation then costs an atomic count).
//!
//! Run: `cargo bench --bench scale` (sizes can be given: `-- 1000 10000`).
//! With `CROSSCHECK_BENCH_SLICE=DIR`, the first 200 generated documents
//! (`CROSSCHECK_BENCH_SLICE_DOCS` sets how many) are also written to DIR,
//! for `tools/bench.sh` to time a peer extractor on the same text and for
//! `tools/scale.sh` to shard.
//! The corpus is generated from the seed articles with places, numbers,
//! operations and dates varied per document, so blocks stay realistic: many
//! documents share a measure, few share a place, a time and an event. Each
//! document also mixes in four of NewsQuant's sentences from other beats
//! (read from `../shared`, where the bench finds it), a different set each.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::Instant;

use crosscheck::comparison::Kept;
use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::{Options, STREAM_DOCUMENTS};

/// The allocator the binary uses (see `src/main.rs`), counting the bytes
/// live on the heap when `CROSSCHECK_BENCH_HEAP` is set: resident memory
/// counts what the allocator keeps besides, the heap what the run holds.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

struct Counting;

// The allocator's arenas committed as they are used, as the binary has them.
crosscheck::commit_arenas_as_used_at_load!();

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Signed: what was allocated before counting began may be freed after.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

impl Counting {
    fn grew(by: usize) {
        if COUNTING.load(Relaxed) {
            let by = by as isize;
            PEAK.fetch_max(LIVE.fetch_add(by, Relaxed) + by, Relaxed);
        }
    }

    fn shrank(by: usize) {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(by as isize, Relaxed);
        }
    }
}

// SAFETY: every call is passed on to mimalloc unchanged; counting touches
// no memory the caller owns.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counting::grew(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Counting::shrank(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match new_size.checked_sub(layout.size()) {
            Some(more) => Counting::grew(more),
            None => Counting::shrank(layout.size() - new_size),
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// With `CROSSCHECK_BENCH_HEAP`: the heap's live megabytes, and its peak
/// since the last call, which starts the next peak.
fn heap_mb() -> Option<(isize, isize)> {
    COUNTING.load(Relaxed).then(|| {
        let live = LIVE.load(Relaxed);
        (live >> 20, PEAK.swap(live, Relaxed) >> 20)
    })
}

/// Places and operation names to vary the seeds with (benchmark input only).
const CITIES: &[&str] = &[
    "Philadelphia",
    "Baltimore",
    "Denver",
    "Los Angeles",
    "Chicago",
    "Seattle",
    "Boston",
    "Houston",
    "Phoenix",
    "Dallas",
    "Atlanta",
    "Miami",
    "Detroit",
    "Portland",
    "Newark",
    "Austin",
    "Memphis",
    "Nashville",
    "Tucson",
    "Fresno",
    "Sacramento",
    "Omaha",
    "Raleigh",
    "Tulsa",
    "Cleveland",
    "Tampa",
    "Pittsburgh",
    "Cincinnati",
    "Orlando",
    "Buffalo",
    "Richmond",
    "Boise",
    "Spokane",
    "Madison",
    "Reno",
    "Toledo",
    "Lincoln",
    "Anchorage",
];
const OPERATIONS: &[&str] = &["Safe City", "Rise", "Cross Check", "Keystone", "Border Shield", "Northern Light"];

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus/seeds").flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("seed reads"))
        .collect()
}

/// Sentences of news from many beats to mix into the documents: NewsQuant's
/// (`../shared/bench/newsquant/sentences.jsonl`, read where it lies, never
/// copied), or none where it is absent.
fn news_sentences() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/newsquant/sentences.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no {}: the documents are the seeds' alone", path.display());
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| record["text"].as_str().map(str::to_string))
        .collect()
}

/// As `crosscheck check --format json` reads: the articles extracted
/// `STREAM_DOCUMENTS` at a time while the next batch is read and the last
/// kept (`extract_pipelined`), each batch's texts then dropped but for
/// what the rules read (`comparison::Kept`). The report's body, which
/// `check` writes from each batch before, is left out.
fn extract_as_check(texts: Vec<(String, String)>, lexicon: &Lexicon) -> Kept {
    let mut kept = Kept::default();
    let mut texts = texts.into_iter();
    let mut read = |submit: &mut crosscheck::Submit| loop {
        let batch: Vec<(String, String)> = texts.by_ref().take(STREAM_DOCUMENTS).collect();
        if batch.is_empty() {
            return;
        }
        submit(crosscheck::read_texts(batch, lexicon));
    };
    let mut keep = |analysis| kept.add::<()>(analysis, &mut |_, _| Ok(()));
    crosscheck::extract_pipelined(lexicon, &Options::default(), &mut read, &mut keep).expect("nothing to fail");
    kept
}

/// How many news sentences a document mixes in.
const NEWS_PER_DOCUMENT: usize = 4;

/// Document `k`: a seed with its city, operation, counts and date varied,
/// and a paragraph of news sentences from other beats, a different set for
/// each document.
fn document((seeds, news): (&[String], &[String]), k: usize) -> String {
    let seed = &seeds[k % seeds.len()];
    let city = CITIES[(k / seeds.len()) % CITIES.len()];
    let operation = OPERATIONS[(k / 7) % OPERATIONS.len()];
    let year = 2010 + (k / 97) % 12;
    let month = 1 + k % 12;
    let day = 1 + k % 28;
    let body = seed
        .replace("Philadelphia", city)
        .replace("Philly", city)
        .replace("Safe City", operation)
        .replace("107", &(60 + k % 90).to_string())
        .replace("498", &(400 + k % 150).to_string())
        .replace("2017", &year.to_string());
    // The seed's own date marker gives way to the generated one.
    let body = body.trim_start();
    let body = match body.strip_prefix("date ") {
        Some(rest) => rest.get(10..).unwrap_or(rest),
        None => body,
    };
    let mixed: Vec<&str> = if news.is_empty() {
        Vec::new()
    } else {
        (0..NEWS_PER_DOCUMENT).map(|j| news[(k * 7 + j * 131) % news.len()].as_str()).collect()
    };
    let mut text = format!(" date {year}-{month:02}-{day:02} {body}\n\n{}\n", mixed.join(" "));
    // As a file is read: no room held beyond the text.
    text.shrink_to_fit();
    text
}

/// How many generated documents a peer extractor is timed on, by default.
const SLICE: usize = 200;

/// A figure of this process's memory from `/proc/self/status`, in kB:
/// `VmHWM` the peak resident set, `VmRSS` the current one.
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()
}

/// How many rounds of every size are run, the fastest of each size
/// counting: one, or `CROSSCHECK_BENCH_REPEAT`. Every size alike, so that
/// the scaling ratio weighs like against like; on a machine whose speed
/// wanders, three rounds give steadier figures.
fn repeats() -> usize {
    std::env::var("CROSSCHECK_BENCH_REPEAT").ok().and_then(|n| n.parse().ok()).unwrap_or(1).max(1)
}

/// One run's times (seconds from its start to the end of extraction, of
/// the graph, of the rules), its size in bytes and what it found.
struct Run {
    extracted: f64,
    linked: f64,
    seconds: f64,
    bytes: usize,
    claims: usize,
    findings: usize,
}

/// Extracts, links and checks `n` generated documents; with `report`, says
/// how much memory is resident after each stage.
/// The rules run as `check` runs them: beyond a bound, each rule's findings
/// wait in temporary files; the graph is dropped; the findings are read
/// back in the report's order, here only counted.
fn findings_as_check_reads_them(rules: &RuleSet, graph: ClaimGraph) -> usize {
    let sorted = rules.run_sorted(&graph).expect("findings written to temporary files");
    drop(graph);
    let mut count = 0;
    for finding in sorted {
        finding.expect("findings read back from temporary files");
        count += 1;
    }
    count
}

fn run(n: usize, sources: (&[String], &[String]), (lexicon, rules): (&Lexicon, &RuleSet), report: bool) -> Run {
    // The generated texts are handed over, as files read would be: the
    // run holds no copy of the corpus of its own.
    let texts: Vec<(String, String)> = (0..n).map(|k| (format!("doc-{k:05}.txt"), document(sources, k))).collect();
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();
    let resident = || memory_kb("VmRSS:").map_or(0, |kb| kb / 1024);
    let before = (resident(), heap_mb());
    let start = Instant::now();
    let kept = extract_as_check(texts, lexicon);
    let analysis = &kept.analysis;
    let extracted = start.elapsed().as_secs_f64();
    let after_extraction = (resident(), heap_mb());
    let graph = ClaimGraph::for_rules(analysis, lexicon);
    let linked = start.elapsed().as_secs_f64();
    let after_graph = (resident(), heap_mb());
    let findings = findings_as_check_reads_them(rules, graph);
    let seconds = start.elapsed().as_secs_f64();
    let after_rules = (resident(), heap_mb());
    if report {
        eprintln!(
            "resident MB at {n} docs: {} with the texts generated, {} extracted, {} with the graph, {} after the rules",
            before.0, after_extraction.0, after_graph.0, after_rules.0
        );
        if let [Some(b), Some(e), Some(g), Some(r)] = [before.1, after_extraction.1, after_graph.1, after_rules.1] {
            eprintln!(
                "heap MB at {n} docs, live (peak while the stage ran): {} with the texts generated, {} ({}) extracted, {} ({}) with the graph, {} ({}) after the rules",
                b.0, e.0, e.1, g.0, g.1, r.0, r.1
            );
        }
    }
    let claims = analysis.extractions.iter().map(|e| e.claims.len()).sum();
    Run { extracted, linked, seconds, bytes, claims, findings }
}

fn main() {
    COUNTING.store(std::env::var_os("CROSSCHECK_BENCH_HEAP").is_some(), Relaxed);
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000] } else { sizes };
    let sources = Sources::built_in();
    let lexicon = Lexicon::load(&sources).expect("lexicon loads");
    let rules = RuleSet::load(&sources).expect("rules load");
    let seeds = seeds();
    let news = news_sentences();
    if let Some(dir) = std::env::var_os("CROSSCHECK_BENCH_SLICE") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("slice folder");
        let count = std::env::var("CROSSCHECK_BENCH_SLICE_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(SLICE);
        for k in 0..count {
            std::fs::write(dir.join(format!("doc-{k:05}.txt")), document((&seeds, &news), k)).expect("slice written");
        }
    }
    let mut rates = Vec::new();
    println!(
        "{:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>9}",
        "docs", "extract", "graph", "rules", "total s", "docs/s", "MB/s", "claims", "findings"
    );
    // The sizes take turns, round after round, so that a machine whose
    // speed drifts slows each size alike; the fastest run of each counts.
    let mut best: Vec<Option<Run>> = sizes.iter().map(|_| None).collect();
    for repeat in 0..repeats() {
        for (&n, best) in sizes.iter().zip(best.iter_mut()) {
            let run = run(n, (&seeds, &news), (&lexicon, &rules), repeat == 0);
            if best.as_ref().is_none_or(|b| run.seconds < b.seconds) {
                *best = Some(run);
            }
        }
    }
    for (&n, best) in sizes.iter().zip(best) {
        let Run { extracted, linked, seconds, bytes, claims, findings } = best.expect("one run at least");
        let rate = n as f64 / seconds;
        rates.push(rate);
        println!(
            "{n:>8}  {extracted:>8.3}  {:>8.3}  {:>8.3}  {seconds:>8.3}  {rate:>8.0}  {:>8.2}  {claims:>8}  {findings:>9}",
            linked - extracted,
            seconds - linked,
            bytes as f64 / 1e6 / seconds,
        );
    }
    if let Some(kb) = memory_kb("VmHWM:") {
        println!("peak RSS {kb} kB");
    }
    if rates.len() >= 2 {
        println!(
            "rate at {} docs / rate at {} docs = {:.2} (1.0 is linear; 0.1 would be quadratic)",
            sizes[sizes.len() - 1],
            sizes[0],
            rates[rates.len() - 1] / rates[0]
        );
    }
    // One thread, after the peak is taken (its own allocations would add to
    // it): the size of a run, from 10,000 documents down, on a pool of one,
    // so that what a second core adds shows.
    if let Some(&n) = sizes.iter().filter(|&&n| n <= 10_000).max() {
        let texts: Vec<(String, String)> =
            (0..n).map(|k| (format!("doc-{k:05}.txt"), document((&seeds, &news), k))).collect();
        let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool of one thread");
        let start = Instant::now();
        let findings = pool.install(|| {
            let analysis = extract_as_check(texts, &lexicon).analysis;
            findings_as_check_reads_them(&rules, ClaimGraph::for_rules(&analysis, &lexicon))
        });
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "one thread, {n} docs: {seconds:.3} s, {:.0} docs/s, {:.2} MB/s, {findings} findings",
            n as f64 / seconds,
            bytes as f64 / 1e6 / seconds
        );
    }
}
