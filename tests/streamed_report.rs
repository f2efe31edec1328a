//! `check --format json` reads a corpus as a stream, a batch of documents
//! at a time, keeping for comparison only what the rules read: on a corpus
//! of several batches, with a file name repeated across them and a web
//! page, a Markdown post and JSON Lines records among plain texts, its report
//! is the one the library writes from the whole corpus held at once, byte
//! for byte, and its JSON Lines report holds the same documents, claims,
//! dates and findings. A report whose file name ends in `.zst` is the same
//! report, compressed. A folder for temporary files that is not there is
//! named, and no report is written.

mod common;

use common::{crosscheck, run};
use crosscheck::engine::RuleSet;
use crosscheck::graph::ClaimGraph;
use crosscheck::lexicon::{Lexicon, Sources};
use crosscheck::report::{Index, json};

/// Article `k`: a figure that differs from the other outlets' now and then,
/// a quotation, a dated event and a list, so that every rule that reads
/// text finds something.
fn article(k: usize) -> String {
    let city = ["Denver", "Boston", "Atlanta", "Chicago"][k % 4];
    let count = if k.is_multiple_of(7) { 241 } else { 214 };
    format!(
        "date: 2017-09-{day:02}\n\nPolice arrested {count} people in {city} during the raid, officials said.\n\n\
         \"We will not back down from protecting our residents,\" Mayor Ana Ruiz said on Friday.\n\n\
         The operation ended Wednesday in six cities: Denver, Boston, Atlanta, Chicago, Miami and Dallas.\n",
        day = 25 + k % 4
    )
}

#[test]
fn a_report_read_in_batches_is_the_report_of_the_whole_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let total = crosscheck::STREAM_DOCUMENTS + 90;
    for k in 0..total {
        // The same file name in two folders: ids stay unique across batches.
        let folder = dir.path().join(if k == 300 { "b" } else { "a" });
        std::fs::create_dir_all(&folder).unwrap();
        let name = if k == 300 { "doc-00001.txt".to_string() } else { format!("doc-{k:05}.txt") };
        std::fs::write(folder.join(name), article(k)).unwrap();
    }
    // The same news as a web page, as Markdown and as JSON Lines records:
    // their analysed texts differ from the files as read.
    let html = format!(
        "<html><head><title>Raid</title></head><body><p>{}</p><p>&ldquo;We will not back down from protecting \
         our residents,&rdquo; Mayor Ana Ruiz said.</p><p>The operation ended Monday in six cities: Denver, \
         Boston, Atlanta, Chicago, Miami and Dallas.</p></body></html>",
        "Police arrested 242 people in Denver during the raid, officials said."
    );
    std::fs::write(dir.path().join("a/page.html"), html).unwrap();
    std::fs::write(dir.path().join("a/post.md"), format!("---\ndate: 2017-09-27\n---\n\n# Raid\n\n{}", article(3)))
        .unwrap();
    let records: String = (0..3)
        .map(|k| {
            serde_json::json!({ "id": format!("feed-{k}"), "date": "2017-09-26", "text": article(k + 5) }).to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dir.path().join("a/feed.jsonl"), records).unwrap();
    let total = total + 5;
    let (_, streamed, err) = run(crosscheck().args(["check", "--format", "json"]).arg(dir.path()));
    assert!(streamed.starts_with('{'), "{err}");

    let lexicon = Lexicon::load(&Sources::built_in()).unwrap();
    let rules = RuleSet::load(&Sources::built_in()).unwrap();
    let whole = crosscheck::analyse(&[dir.path().to_path_buf()], &lexicon);
    assert_eq!(whole.corpus.documents.len(), total);
    let index = Index::new(&whole);
    let mut findings = rules.run(&ClaimGraph::for_rules(&whole, &lexicon));
    crosscheck::workflow::assign_fingerprints(&mut findings, &whole, &index);
    let found: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in ["quantity-conflict", "quote-altered", "list-count-mismatch", "date-conflict"] {
        assert!(found.contains(rule), "{rule} finds something: {found:?}");
    }
    assert!(index.doc_ids.iter().any(|id| id.ends_with("#2")), "a repeated file name");
    let expected = json::render(&whole, &index, &findings, &[], &lexicon);
    assert!(streamed == expected, "the streamed report differs from the whole corpus's");

    let (_, lines, _) = run(crosscheck().args(["check", "--format", "jsonl"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&streamed).unwrap();
    let claims = report["claims"].as_array().unwrap();
    for doc in ["page.html", "post.md", "feed-1"] {
        assert!(claims.iter().any(|c| c["doc"] == doc && c["kind"] == "quantity"), "{doc} has a figure");
    }
    let findings = report["findings"].as_array().unwrap();
    let page = claims.iter().find(|c| c["doc"] == "page.html" && c["kind"] == "quantity").unwrap();
    assert!(
        findings.iter().any(|f| f["claims"].as_array().unwrap().contains(&page["id"]) && f["status"] == "discrepancy"),
        "the web page's figure is held against the others"
    );
    let mut counts = std::collections::BTreeMap::new();
    for line in lines.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        *counts.entry(value["type"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    for (kind, list) in [("document", "documents"), ("claim", "claims"), ("date", "dates"), ("finding", "findings")] {
        assert_eq!(counts.get(kind).copied().unwrap_or(0), report[list].as_array().unwrap().len(), "{kind}");
    }
}

#[test]
fn a_report_named_zst_is_the_report_of_its_inner_name_compressed() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("r.json.zst", "json"), ("r.jsonl.zst", "jsonl"), ("r.SARIF.zst", "sarif")] {
        let path = dir.path().join(name);
        let (code, _, err) = run(crosscheck().args(["check", "corpus/story", "--fail-on", "never", "-o"]).arg(&path));
        assert_eq!(code, 0, "{err}");
        let (_, plain, _) = run(crosscheck().args(["check", "corpus/story", "--fail-on", "never", "--format", format]));
        let packed = std::fs::read(&path).unwrap();
        assert!(packed.len() * 3 < plain.len(), "{name}: {} bytes for {}", packed.len(), plain.len());
        let unpacked = crosscheck::compressed::read_to_string(&path).unwrap();
        assert!(unpacked == plain, "{name} is the {format} report");
    }
}

#[test]
fn a_folder_for_temporary_files_that_is_not_there_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    std::fs::write(&report, "the report of an earlier run").unwrap();
    let missing = dir.path().join("no-such-folder");
    let (code, out, err) = run(crosscheck()
        .env("TMPDIR", &missing)
        .args(["check", "corpus/seeds", "--format", "json", "-o"])
        .arg(&report));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains(&format!("temporary file for the report in {}", missing.display())), "{err}");
    assert!(err.contains("TMPDIR"), "{err}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the report of an earlier run");
}
