//! Hostile and careless input on the real binary: each case sits beside a
//! good article, must give a documented exit code (0 clean, 1 findings at
//! `--fail-on`, 2 a file could not be read), a message that names the file,
//! the good article still reported, and nothing from the article reaching
//! the terminal raw.

use std::path::Path;

use assert_cmd::Command;

fn crosscheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("binary builds");
    cmd.current_dir(dir);
    cmd
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(cmd: &mut Command) -> Run {
    let o = cmd.output().expect("runs");
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// A folder with one good article (40 arrests in Denver on 2017-09-28) and
/// the given files.
fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "date 2017-09-28\nPolice made 40 arrests in Denver.\n").unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("invalid JSON ({e}): {out}"))
}

#[test]
fn an_article_that_starts_with_a_signed_number_is_read_with_the_rest() {
    let dir = corpus(&[("cold.txt", b"-5 degrees was the low on Monday, when police made 40 arrests in Denver.\n")]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    let texts: Vec<&str> = report["claims"].as_array().unwrap().iter().filter_map(|c| c["text"].as_str()).collect();
    assert!(texts.contains(&"-5 degrees"), "{texts:?}");
    assert!(texts.iter().filter(|t| **t == "40 arrests").count() == 2, "{texts:?}");
}

#[test]
fn escape_sequences_in_an_article_never_reach_the_terminal() {
    let article = b"date 2017-09-28\n\x1b]0;pwned\x07Police made \x1b[31m50 arrests\x1b[0m in Denver.\x1b[2J\n";
    let dir = corpus(&[("ansi.txt", article)]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--color", "never"]));
    assert_eq!(r.code, 1, "a conflict at the default --fail-on: {}{}", r.out, r.err);
    assert!(!r.out.contains('\u{1b}') && !r.out.contains('\u{7}'), "{}", r.out);
    assert!(r.out.contains("50 (ansi.txt), 40 (good.txt)"), "the escapes are no numbers: {}", r.out);
    // The claims table and the Markdown report are as safe.
    for args in [["claims", "ansi.txt", "--color", "never"], ["check", ".", "--format", "markdown"]] {
        let r = run(crosscheck(dir.path()).args(args));
        assert!(!r.out.contains('\u{1b}'), "{args:?}: {}", r.out);
    }
}

#[test]
fn a_file_name_with_a_line_break_cannot_forge_a_line() {
    let dir = corpus(&[("evil\nerror[forged]: x.txt", b"date 2017-09-28\nPolice made 50 arrests in Denver.\n")]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--color", "never"]));
    assert!(!r.out.lines().any(|l| l.starts_with("error[forged]")), "{}", r.out);
    assert!(r.out.contains("evil\u{240a}error[forged]"), "{}", r.out);
}

#[test]
fn line_numbers_hold_for_every_line_ending_and_a_byte_order_mark() {
    let dir = corpus(&[
        ("crlf.txt", b"date 2017-09-28\r\nIntro.\r\nPolice made 40 arrests in Denver.\r\n"),
        ("cr.txt", b"date 2017-09-28\rIntro.\rPolice made 40 arrests in Denver.\r"),
        ("bom.txt", b"\xef\xbb\xbfdate 2017-09-28\nPolice made 40 arrests in Denver.\n"),
    ]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    let place = |doc: &str| {
        let c = report["claims"].as_array().unwrap().iter().find(|c| c["doc"] == doc).expect("a claim");
        (c["line"].as_u64().unwrap(), c["column"].as_u64().unwrap())
    };
    assert_eq!(place("crlf.txt"), (3, 13));
    assert_eq!(place("cr.txt"), (3, 13));
    assert_eq!(place("bom.txt"), (2, 13));
    // Every document is dated by its header line, whatever its line ends.
    let agreement = report["findings"].as_array().unwrap().iter().find(|f| f["status"] == "agreement").unwrap();
    assert_eq!(agreement["claims"].as_array().unwrap().len(), 4, "{agreement}");
}

#[test]
fn unreadable_files_beside_good_ones_are_named_and_the_rest_reported() {
    let dir = corpus(&[
        ("empty.txt", b""),
        ("latin1.txt", b"Police made 40 arr\xe9sts in Denver.\n"),
        ("binary.txt", b"\x00\x01\x02\x03PNG\x00\x00"),
        ("nul.txt", b"date 2017-09-28\nPolice made 40\x00 arrests in Denver.\n"),
    ]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("latin1.txt") && r.err.contains("not UTF-8"), "{}", r.err);
    assert!(r.err.contains("binary.txt"), "{}", r.err);
    let report = json(&r.out);
    assert!(report["claims"].as_array().unwrap().iter().any(|c| c["doc"] == "good.txt"));
}

#[test]
fn its_own_reports_are_never_read_back_as_articles() {
    let dir = corpus(&[("other.txt", b"date 2017-09-28\nPolice made 40 arrests in Denver.\n")]);
    for (format, name) in [("json", "r.json"), ("sarif", "r.sarif.json"), ("text", "r.txt"), ("markdown", "r.md")] {
        let r = run(crosscheck(dir.path()).args(["check", ".", "--format", format, "-o", name]));
        assert_eq!(r.code, 0, "{format}: {}", r.err);
    }
    // A report the shell opened before the run is empty: no article either.
    std::fs::write(dir.path().join("shell.json"), "").unwrap();
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    let docs: Vec<&str> = report["documents"].as_array().unwrap().iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(docs, ["good.txt", "other.txt"]);
    assert!(r.err.contains("r.json: a report of crosscheck's own"), "{}", r.err);
    assert!(r.err.contains("shell.json: empty"), "{}", r.err);
}

#[test]
fn a_report_is_never_written_over_an_input() {
    let dir = corpus(&[]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "-o", "good.txt"]));
    assert_eq!(r.code, 2);
    assert!(r.err.contains("good.txt") && r.err.contains("refusing"), "{}", r.err);
    let kept = std::fs::read_to_string(dir.path().join("good.txt")).unwrap();
    assert!(kept.contains("Police made 40 arrests"), "the article is untouched");
    // A JSON report is written from the start of the run, beside its target:
    // refused at the end, it leaves neither the target changed nor a trace.
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json", "-o", "good.txt"]));
    assert_eq!(r.code, 2);
    assert!(r.err.contains("good.txt") && r.err.contains("refusing"), "{}", r.err);
    assert_eq!(std::fs::read_to_string(dir.path().join("good.txt")).unwrap(), kept);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    let r = run(crosscheck(dir.path()).args(["check", ".", "-o", "missing/r.json"]));
    assert_eq!(r.code, 2);
    assert!(r.err.contains("missing: no such folder"), "{}", r.err);
}

#[test]
fn a_report_a_killed_run_left_half_written_is_cleared_by_the_next_and_a_running_ones_kept() {
    let dir = corpus(&[("other.txt", b"date 2017-09-28\nPolice made 41 arrests in Denver.\n")]);
    let out = tempfile::tempdir().unwrap();
    let abandoned = out.path().join(".report.json.4000000.tmp");
    std::fs::write(&abandoned, "{\n  \"tool\": \"crosscheck\",\n  \"version\": \"0.1.0\",\n  \"claims\": [").unwrap();
    // A run alongside holds a lock on the file it writes until it ends.
    let running = out.path().join(".report.json.4000001.tmp");
    let writing = std::fs::File::create(&running).unwrap();
    writing.lock().unwrap();
    let report = out.path().join("report.json");
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json", "-o"]).arg(&report));
    assert_eq!(r.code, 1, "{}", r.err);
    assert_eq!(json(&std::fs::read_to_string(&report).unwrap())["documents"].as_array().unwrap().len(), 2);
    assert!(!abandoned.exists(), "a killed run's file is removed");
    assert!(running.exists(), "a running one's is kept");
}

#[cfg(unix)]
#[test]
fn link_loops_read_each_article_once_and_links_out_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "date 2017-09-28\nPolice made 99 arrests in Denver.\n").unwrap();
    let dir = corpus(&[]);
    symlink(".", dir.path().join("a")).unwrap();
    symlink(".", dir.path().join("b")).unwrap();
    symlink(dir.path().join("good.txt"), dir.path().join("again.txt")).unwrap();
    symlink(outside.path(), dir.path().join("out")).unwrap();
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    assert_eq!(report["documents"].as_array().unwrap().len(), 1, "{}", r.out);
    assert!(r.err.contains("out: a link that leads out of its folder"), "{}", r.err);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json", "--follow-links"]));
    let report = json(&r.out);
    assert_eq!(report["documents"].as_array().unwrap().len(), 2, "asked to, it reads the linked folder");
}

#[test]
fn numbers_keep_their_digits_through_invisible_characters_and_size() {
    let dir = corpus(&[
        ("zwsp.txt", "date 2017-09-28\nPolice made 1\u{200b}07 arrests in Philadelphia.\n".as_bytes()),
        ("shy.txt", "date 2017-09-28\nPolice made 1\u{ad}07 arrests in Philadelphia.\n".as_bytes()),
        ("big.txt", b"date 2017-09-28\nThe fund holds $4,123,456,789,013 in assets.\n"),
    ]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    let value = |doc: &str| {
        report["claims"].as_array().unwrap().iter().find(|c| c["doc"] == doc).map(|c| c["value"].clone()).unwrap()
    };
    assert_eq!(value("zwsp.txt"), 107);
    assert_eq!(value("shy.txt"), 107);
    assert_eq!(value("big.txt").to_string(), "4123456789013");
    // The two 107s agree: no false conflict from a number split in two.
    assert!(!report["findings"].as_array().unwrap().iter().any(|f| f["status"] == "discrepancy"), "{}", r.out);
}

#[test]
fn a_byte_order_mark_before_json_lines_loses_no_record() {
    let dir = corpus(&[(
        "records.jsonl",
        "\u{feff}{\"id\": \"r1\", \"text\": \"Police made 40 arrests in Denver.\", \"date\": \"2017-09-28\"}\n{\"id\": \"r2\", \"text\": \"Officers made 40 arrests in Denver.\", \"date\": \"2017-09-28\"}\n".as_bytes(),
    )]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    let ids: Vec<&str> = report["documents"].as_array().unwrap().iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids, ["good.txt", "r1", "r2"]);
}

#[test]
fn record_spans_lines_and_columns_point_into_the_file_as_stored() {
    let jsonl = "{\"id\": \"r1\", \"date\": \"2017-09-28\", \"text\": \"\\\"Quoted\\\" \\u00e9t\\u00e9: police made 40 arrests in Denver.\"}\n\n  {\"text\": \"Line one.\\nOfficers made 40 arrests in Denver.\", \"id\": \"r2\", \"date\": \"2017-09-28\"}\n";
    let array = "[\n  {\"id\": \"a1\", \"date\": \"2017-09-28\",\n   \"text\": \"Tab\\there: 40 arrests in Denver.\"},\n  {\"id\": \"a2\", \"date\": \"2017-09-28\", \"text\": \"40 arrests in Denver.\"}\n]\n";
    let dir = corpus(&[("records.jsonl", jsonl.as_bytes()), ("records.json", array.as_bytes())]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    let report = json(&r.out);
    for (file, text) in [("records.jsonl", jsonl), ("records.json", array)] {
        let lines: Vec<&str> = text.lines().collect();
        let docs: Vec<&str> = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file))
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        assert_eq!(docs.len(), 2, "{file}");
        for c in report["claims"].as_array().unwrap().iter().filter(|c| docs.contains(&c["doc"].as_str().unwrap())) {
            let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[start..end], c["text"].as_str().unwrap(), "{file}: {c}");
            let (line, column) = (c["line"].as_u64().unwrap() as usize, c["column"].as_u64().unwrap() as usize);
            let at: String = lines[line - 1].chars().skip(column - 1).collect();
            assert!(at.starts_with(c["text"].as_str().unwrap()), "{file}:{line}:{column}: {at:?} for {c}");
        }
    }
}

#[test]
fn digits_of_other_scripts_are_reported_never_dropped_silently() {
    let dir = corpus(&[("arabic.txt", "date 2017-09-28\nقالت الشرطة إن ١٠٧ شخصا اعتقلوا و٢٠ آخرين.\n".as_bytes())]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "a warning changes no exit code: {}", r.err);
    assert!(r.err.contains("arabic.txt:2: 2 numbers written in other scripts' digits (\"١٠٧\")"), "{}", r.err);
}

#[test]
fn utf16_is_decoded_and_bad_dates_and_front_matter_are_said() {
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "date 2017-09-28\nPolice made 40 arrests in Denver.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let dir = corpus(&[
        ("wide.txt", &utf16),
        ("feb.txt", b"date 2017-02-30\nPolice made 12 arrests in Boston.\n"),
        ("open.md", b"---\ndate: 2017-09-28\nPolice made 12 arrests in Boston.\n"),
    ]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("wide.txt: read as UTF-16LE"), "{}", r.err);
    assert!(r.err.contains("feb.txt:1: \"2017-02-30\" is no date"), "{}", r.err);
    assert!(r.err.contains("open.md:1: front matter that is never closed"), "{}", r.err);
    let report = json(&r.out);
    let agreement =
        report["findings"].as_array().unwrap().iter().find(|f| f["status"] == "agreement").expect("UTF-16 read");
    assert_eq!(agreement["claims"].as_array().unwrap().len(), 2);
}

#[test]
fn a_review_note_with_escapes_never_reaches_the_terminal_raw() {
    let dir = corpus(&[("other.txt", b"date 2017-09-28\nOfficers made 40 arrests in Denver.\n")]);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--format", "json"]));
    let report = json(&r.out);
    let fp = report["findings"][0]["fingerprint"].as_str().unwrap().to_string();
    let r = run(crosscheck(dir.path()).args([
        "review",
        &fp,
        "--confirm",
        "--note",
        "ok\u{1b}]0;pwned\u{7}\u{1b}[2J",
        "--corpus",
        ".",
    ]));
    assert_eq!(r.code, 0, "{}", r.err);
    let r = run(crosscheck(dir.path()).args(["review", "--list", "--corpus", "."]));
    assert!(!r.out.contains('\u{1b}') && r.out.contains("note: ok\u{241b}]0;pwned"), "{}", r.out);
    let r = run(crosscheck(dir.path()).args(["check", ".", "--color", "never"]));
    assert!(!r.out.contains('\u{1b}'), "{}", r.out);
}
