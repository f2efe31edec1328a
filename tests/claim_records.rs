//! Extraction and comparison run apart: `crosscheck claims --format jsonl`
//! writes records that `crosscheck check --claims` compares without the
//! articles, with the same findings and the same places in the files; split
//! by their `block`, the records can be checked shard by shard and the
//! shards' findings are the whole corpus's. Records that cannot be read
//! back are refused with their file and line.

use std::collections::BTreeSet;
use std::path::Path;

mod common;

use common::{crosscheck, run};
use serde_json::Value;

/// The claim records of a corpus folder, written to `dir/claims.jsonl`.
fn records(corpus: &str, dir: &Path) -> std::path::PathBuf {
    let (code, out, err) = run(crosscheck().args(["claims", corpus, "--format", "jsonl"]));
    assert_eq!(code, 0, "{err}");
    let path = dir.join("claims.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn report(args: &[&str]) -> Value {
    let (code, out, err) = run(crosscheck().args(["check", "--format", "json", "--fail-on", "never"]).args(args));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// What a finding says, by the claims it rests on (text and document).
fn findings(report: &Value) -> BTreeSet<String> {
    let claims: std::collections::HashMap<&str, &Value> =
        report["claims"].as_array().unwrap().iter().map(|c| (c["id"].as_str().unwrap(), c)).collect();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let on: Vec<String> = f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| {
                    let c = claims[id.as_str().unwrap()];
                    format!("{}@{}:{}", c["doc"], c["line"], c["column"])
                })
                .collect();
            format!("{} {} {} {} {}", f["rule"], f["status"], f["fingerprint"], f["message"], on.join(" "))
        })
        .collect()
}

#[test]
fn records_compare_like_the_articles_they_came_from() {
    let dir = tempfile::tempdir().unwrap();
    // Four formats: text, Markdown with front matter, HTML, JSON Lines records.
    let claims = records("corpus/story", dir.path());
    let direct = report(&["corpus/story"]);
    let read_back = report(&["--claims", claims.to_str().unwrap()]);
    assert!(!findings(&direct).is_empty());
    assert_eq!(findings(&direct), findings(&read_back));
    // Every claim keeps its text and its place in its file.
    let place = |r: &Value| -> Vec<String> {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("{} {} {}-{} {}:{}", c["doc"], c["text"], c["start"], c["end"], c["line"], c["column"]))
            .collect()
    };
    assert_eq!(place(&direct), place(&read_back));
    // An engine that wrote the lines in another order changes nothing.
    let reversed: String = std::fs::read_to_string(&claims).unwrap().lines().rev().map(|l| format!("{l}\n")).collect();
    let shuffled = dir.path().join("reversed.jsonl");
    std::fs::write(&shuffled, reversed).unwrap();
    assert_eq!(findings(&direct), findings(&report(&["--claims", shuffled.to_str().unwrap()])));
    // The text report quotes the same sentences.
    let text = |args: &[&str]| run(crosscheck().args(["check", "--fail-on", "never", "--color", "never"]).args(args)).1;
    assert_eq!(text(&["corpus/story"]), text(&["--claims", claims.to_str().unwrap()]));
}

#[test]
fn records_split_by_block_give_the_whole_corpus_findings_shard_by_shard() {
    let blocks = shards_give_the_whole_corpus_findings("corpus/seeds");
    assert!(blocks.contains("measure:arrests") && blocks.contains("quote"), "{blocks:?}");
    // A list goes with the count that announces it ("two of his
    // pacemakers, Tomas Berg and Ivo Lanz"), in the count's block.
    let blocks = shards_give_the_whole_corpus_findings("tests/fixtures/list-count/names-set-off");
    assert_eq!(blocks, BTreeSet::from(["measure:pacemakers".to_string()]));
}

/// Checks a corpus's records block by block, each block a shard of its
/// own with the lines of the documents its claims are of, and asserts the
/// shards' findings are the whole corpus's; gives the blocks.
fn shards_give_the_whole_corpus_findings(corpus: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let claims = records(corpus, dir.path());
    let lines: Vec<Value> =
        std::fs::read_to_string(&claims).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let blocks: BTreeSet<String> =
        lines.iter().filter(|l| l["type"] == "claim").map(|l| l["block"].as_str().unwrap().to_string()).collect();
    let mut sharded = BTreeSet::new();
    for block in &blocks {
        let of_block: Vec<&Value> = lines.iter().filter(|l| l["block"].as_str() == Some(block)).collect();
        let docs: BTreeSet<&str> = of_block.iter().map(|l| l["doc"].as_str().unwrap()).collect();
        let head = lines
            .iter()
            .filter(|l| l["type"] == "report" || (l["type"] == "document" && docs.contains(l["id"].as_str().unwrap())));
        let shard: String = head.chain(of_block).map(|l| format!("{l}\n")).collect();
        let path = dir.path().join("shard.jsonl");
        std::fs::write(&path, shard).unwrap();
        sharded.extend(findings(&report(&["--claims", path.to_str().unwrap()])));
    }
    assert_eq!(findings(&report(&[corpus])), sharded, "{corpus}");
    blocks
}

#[test]
fn records_and_articles_are_checked_together() {
    let dir = tempfile::tempdir().unwrap();
    let claims = records("corpus/seeds", dir.path());
    let both = report(&["corpus/story", "--claims", claims.to_str().unwrap()]);
    let docs = both["documents"].as_array().unwrap().len();
    let apart = report(&["corpus/story"])["documents"].as_array().unwrap().len()
        + report(&["corpus/seeds"])["documents"].as_array().unwrap().len();
    assert_eq!(docs, apart);
}

/// `bytes` as a Zstandard stream, as `zstd` or an engine writes it.
fn compressed(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut compressor = crosscheck::compressed::Compressor::new(Vec::new()).unwrap();
    compressor.write_all(bytes).unwrap();
    compressor.finish().unwrap()
}

#[test]
fn records_compressed_read_like_the_plain_ones_and_a_cut_stream_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let claims = records("corpus/story", dir.path());
    let text = std::fs::read(&claims).unwrap();
    let packed = dir.path().join("claims.jsonl.zst");
    std::fs::write(&packed, compressed(&text)).unwrap();
    assert!(std::fs::metadata(&packed).unwrap().len() * 4 < text.len() as u64);
    let plain = report(&["--claims", claims.to_str().unwrap()]);
    assert_eq!(findings(&plain), findings(&report(&["--claims", packed.to_str().unwrap()])));
    // `claims -o` writes the same records, compressed when the name says so.
    let written = dir.path().join("written.jsonl.zst");
    let (code, _, err) = run(crosscheck().args(["claims", "corpus/story", "--format", "jsonl", "-o"]).arg(&written));
    assert_eq!(code, 0, "{err}");
    assert!(crosscheck::compressed::read_to_string(&written).unwrap().as_bytes() == text);
    // Never over an article it reads.
    let corpus = dir.path().join("story");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy("corpus/story/kyw.txt", corpus.join("kyw.txt")).unwrap();
    let (code, _, err) =
        run(crosscheck().args(["claims", "--format", "jsonl"]).arg(&corpus).arg("-o").arg(corpus.join("kyw.txt")));
    assert_eq!(code, 2);
    assert!(err.contains("kyw.txt: is one of the inputs"), "{err}");
    assert_eq!(std::fs::read(corpus.join("kyw.txt")).unwrap(), std::fs::read("corpus/story/kyw.txt").unwrap());
    // A stream cut short is refused with its file and the line it broke in.
    let whole = compressed(&text);
    let cut = dir.path().join("cut.jsonl.zst");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let (code, _, err) = run(crosscheck().args(["check", "--claims"]).arg(&cut));
    assert_eq!(code, 2);
    assert!(err.contains("cut.jsonl.zst:") && err.contains("cannot read"), "{err}");
}

#[test]
fn records_that_cannot_be_read_back_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let claims = records("corpus/story", dir.path());
    let text = std::fs::read_to_string(&claims).unwrap();
    let check = |name: &str, body: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        run(crosscheck().args(["check", "--claims"]).arg(&path))
    };
    // A line that is no JSON.
    let broken: String = text.lines().take(3).chain(["{not json"]).map(|l| format!("{l}\n")).collect();
    let (code, _, err) = check("broken.jsonl", &broken);
    assert_eq!(code, 2);
    assert!(err.contains("broken.jsonl:4:") && err.contains("not a record"), "{err}");
    // Beside articles, in a report written as it is made: refused before its first byte.
    let (code, out, err) = run(crosscheck()
        .args(["check", "corpus/story", "--format", "json", "--claims"])
        .arg(dir.path().join("broken.jsonl")));
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("broken.jsonl:4:"), "{err}");
    // A report of `check --format jsonl` holds no records.
    let (_, jsonl, _) = run(crosscheck().args(["check", "corpus/story", "--format", "jsonl", "--fail-on", "never"]));
    let (code, _, err) = check("report.jsonl", &jsonl);
    assert_eq!(code, 2);
    assert!(err.contains("report.jsonl:1:") && err.contains("crosscheck claims PATH --format jsonl"), "{err}");
    // Claims of a gazetteer these rules do not have.
    let other = text.replacen("\"gazetteer\":\"", "\"gazetteer\":\"0", 1);
    let (code, _, err) = check("other.jsonl", &other);
    assert_eq!(code, 2);
    assert!(err.contains("other.jsonl:1:") && err.contains("another gazetteer"), "{err}");
    // A claim whose document no line gives.
    let orphan: String =
        text.lines().filter(|l| !l.contains("\"type\":\"document\"")).map(|l| format!("{l}\n")).collect();
    let (code, _, err) = check("orphan.jsonl", &orphan);
    assert_eq!(code, 2);
    assert!(err.contains("orphan.jsonl:2:") && err.contains("which no document line of this file gives"), "{err}");
    // A document record whose lengths or sentences cannot be: refused
    // before anything is allocated for it.
    let garbled = |field: &str, value: &str| -> String {
        text.lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                if v["type"] == "document" && v["id"] == "kyw.txt" {
                    let record = &mut v["record"];
                    match field {
                        "text_len" => record["text_len"] = serde_json::from_str(value).unwrap(),
                        _ => record["sentences"][0][field] = serde_json::from_str(value).unwrap(),
                    }
                }
                format!("{v}\n")
            })
            .collect()
    };
    for (field, value, says) in [
        ("text_len", "1000000000000000", "longer than"),
        ("index", "1000000000000", "outside its text"),
        ("start", "1000000", "outside its text"),
    ] {
        let (code, _, err) = check("garbled.jsonl", &garbled(field, value));
        assert_eq!(code, 2, "{field}: {err}");
        assert!(err.contains("garbled.jsonl:") && err.contains(says), "{field}: {err}");
    }
    // A file that is not there is named, with no line.
    let missing = dir.path().join("missing.jsonl");
    let (code, _, err) = run(crosscheck().args(["check", "--claims"]).arg(&missing));
    assert_eq!(code, 2);
    assert!(err.contains("missing.jsonl: cannot read"), "{err}");
    // The report never replaces the records it was made from.
    let (code, _, err) = run(crosscheck().args(["check", "--claims"]).arg(&claims).arg("-o").arg(&claims));
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write the output over it"), "{err}");
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), text);
}

#[test]
fn records_are_submissions_against_a_reference() {
    let dir = tempfile::tempdir().unwrap();
    let claims = records("corpus/articles", dir.path());
    let (_, out, err) = run(crosscheck()
        .args(["check", "--reference", "corpus/seeds", "--claims"])
        .arg(&claims)
        .args(["--format", "json", "--fail-on", "never"]));
    let checked: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let direct = report(&["--reference", "corpus/seeds", "corpus/articles"]);
    assert!(!findings(&direct).is_empty());
    assert_eq!(findings(&direct), findings(&checked));
}

#[test]
fn records_of_a_corpus_larger_than_a_batch_are_the_records_of_it_read_whole() {
    // More documents than one batch of the stream, some undated (dated
    // from the corpus's cycle), and one file name twice across the batches.
    let dir = tempfile::tempdir().unwrap();
    let batch = crosscheck::STREAM_DOCUMENTS;
    for k in 0..batch + 40 {
        let folder = dir.path().join(if k < batch / 2 { "early" } else { "late" });
        std::fs::create_dir_all(&folder).unwrap();
        let name = if k == batch + 7 { "early-0003.txt".to_string() } else { format!("doc-{k:04}.txt") };
        let dated = if k % 50 == 0 { String::new() } else { format!("November {}, 2018\n", 10 + k % 5) };
        let text = format!("{dated}Police arrested {} people in Denver on Monday, officials said.\n", 10 + k % 30);
        std::fs::write(folder.join(name), text).unwrap();
    }
    std::fs::rename(dir.path().join("early/doc-0003.txt"), dir.path().join("early/early-0003.txt")).unwrap();
    let (code, out, err) = run(crosscheck().args(["claims", dir.path().to_str().unwrap(), "--format", "jsonl"]));
    assert_eq!(code, 0, "{err}");

    let lexicon = crosscheck::lexicon::Lexicon::load(&crosscheck::lexicon::Sources::built_in()).unwrap();
    let analysis = crosscheck::analyse(&[dir.path().to_path_buf()], &lexicon);
    let index = crosscheck::report::Index::new(&analysis);
    let mut whole = Vec::new();
    crosscheck::claim_records::write(&mut whole, &analysis, &index, &lexicon).unwrap();
    let whole = String::from_utf8(whole).unwrap();

    let streamed: Vec<&str> = out.lines().collect();
    assert_eq!(streamed.first().copied(), whole.lines().next(), "the opening line comes first, once");
    let (mut streamed_sorted, mut whole_sorted) = (streamed.clone(), whole.lines().collect::<Vec<_>>());
    streamed_sorted.sort_unstable();
    whole_sorted.sort_unstable();
    assert_eq!(streamed_sorted, whole_sorted);
    assert!(streamed.len() > 2 * batch, "{} lines", streamed.len());
    // Batches interleave: the second batch's documents come after the first's claims.
    let first_claim = streamed.iter().position(|l| l.contains("\"type\":\"claim\"")).unwrap();
    let last_document = streamed.iter().rposition(|l| l.contains("\"type\":\"document\"")).unwrap();
    assert!(first_claim < last_document);
    assert!(out.contains("early-0003.txt#2"), "a name met again in a later batch keeps its suffix");
}
