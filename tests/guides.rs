//! The guides' examples, run. Every ```console block of the guides is a
//! script: each `$ ` line is run with `sh` (with this build of crosscheck
//! first on the PATH) in a scratch folder laid out as the guide's reader
//! has it (copies of folders of `corpus/`), blocks of one guide in order,
//! and what it prints
//! must be what the guide shows under it (a command shown with no output
//! is run, not compared). In a shown output `...` stands
//! for any lines, and review times are masked. A block marked with
//! `<!-- guide-test: skip ... -->` on the line before it is not run, nor
//! one that needs `jq` on a machine without it.
//!
//! `CROSSCHECK_BLESS=1 cargo test --test guides` writes what the commands
//! print into the guides, for blocks without `...`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Each guide, and its reader's folder: where each shipped folder of
/// `corpus/` stands in it.
const GUIDES: [(&str, &[(&str, &str)]); 4] = [
    ("README.md", &[("corpus/story", "corpus/story")]),
    ("docs/editors.md", &[("corpus/story", "story"), ("corpus/fixes", "fixes"), ("corpus/seeds", "corpus/seeds")]),
    ("docs/fact-checkers.md", &[("corpus/story", "story"), ("corpus/fixes", "fixes")]),
    ("docs/ci.md", &[("corpus/seeds", "corpus/trusted"), ("corpus/articles", "articles")]),
];

/// One command of a block: the line it starts on, the command, and the
/// output the guide shows for it (`start..end` lines of the guide).
struct Step {
    command: String,
    shown: Vec<String>,
    start: usize,
    end: usize,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Whether `jq`, which some examples pipe the JSON report into, is here.
fn have_jq() -> bool {
    Command::new("sh").args(["-c", "command -v jq"]).output().is_ok_and(|o| o.status.success())
}

/// The blocks a guide runs, each as its steps.
fn blocks(lines: &[String], jq: bool) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "```console" {
            i += 1;
            continue;
        }
        let skipped = i > 0 && lines[i - 1].trim_start().starts_with("<!-- guide-test: skip");
        let close = (i + 1..lines.len()).find(|&k| lines[k].trim() == "```").expect("closed block");
        let mut steps: Vec<Step> = Vec::new();
        let mut k = i + 1;
        while k < close {
            if let Some(command) = lines[k].strip_prefix("$ ") {
                let mut command = command.to_string();
                // A command continued on the next lines (a quoted jq program).
                while command.matches('\'').count() % 2 == 1 && k + 1 < close && lines[k + 1].starts_with(' ') {
                    k += 1;
                    command.push('\n');
                    command.push_str(&lines[k]);
                }
                steps.push(Step { command, shown: Vec::new(), start: k + 1, end: k + 1 });
            } else if let Some(step) = steps.last_mut() {
                step.shown.push(lines[k].clone());
                step.end = k + 1;
            }
            k += 1;
        }
        let needs_jq = steps.iter().any(|s| s.command.contains("jq "));
        if !skipped && (jq || !needs_jq) && !steps.is_empty() {
            out.push(steps);
        }
        i = close + 1;
    }
    out
}

/// Review times are not the guide's.
fn masked(lines: &[String]) -> Vec<String> {
    let time = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
    lines.iter().map(|l| time.replace_all(l, "[time]").into_owned()).collect()
}

/// Whether `actual` is what `shown` shows, `...` standing for any lines.
fn matches(shown: &[String], actual: &[String]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => (0..=actual.len()).any(|k| matches(rest, &actual[k..])),
        Some((first, rest)) => actual.first().is_some_and(|a| a == first) && matches(rest, &actual[1..]),
    }
}

fn run(step: &Step, scratch: &Path, path: &str, last_code: &mut i32) -> Vec<String> {
    let command = step.command.replace("$?", &last_code.to_string());
    let out = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .current_dir(scratch)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("CROSSCHECK_CONFIG")
        .output()
        .expect("sh runs");
    *last_code = out.status.code().unwrap_or(-1);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let here = format!("{}/", scratch.display());
    text.lines().map(|l| l.replace(&here, "").trim_end().to_string()).collect()
}

#[test]
fn the_guides_show_what_the_commands_print() {
    let bless = std::env::var("CROSSCHECK_BLESS").is_ok_and(|v| v == "1");
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_crosscheck"));
    let bin_dir = binary.parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let path = path.to_string_lossy().into_owned();
    let mut failures = Vec::new();
    let mut ran = 0;
    let jq = have_jq();
    for (guide, layout) in GUIDES {
        let file = root().join(guide);
        let mut lines: Vec<String> = std::fs::read_to_string(&file).unwrap().lines().map(String::from).collect();
        let scratch = tempfile::tempdir().unwrap();
        for (shipped, there) in layout {
            copy_dir(&root().join(shipped), &scratch.path().join(there));
        }
        let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
        let mut last_code = 0;
        for steps in blocks(&lines, jq) {
            for step in &steps {
                let actual = run(step, scratch.path(), &path, &mut last_code);
                ran += 1;
                let shown: Vec<String> = step.shown.iter().map(|l| l.trim_end().to_string()).collect();
                // A command shown without output shows how to run it, not what it prints.
                if shown.is_empty() || matches(&masked(&shown), &masked(&actual)) {
                    continue;
                }
                if bless && !shown.iter().any(|l| l == "...") {
                    rewrites.push((step.start, step.end, actual));
                } else {
                    failures.push(format!(
                        "{guide}:{}: `{}` printed:\n{}\n--- the guide shows:\n{}\n",
                        step.start,
                        step.command,
                        actual.join("\n"),
                        shown.join("\n")
                    ));
                }
            }
        }
        if !rewrites.is_empty() {
            for (start, end, actual) in rewrites.into_iter().rev() {
                lines.splice(start..end, actual);
            }
            std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        }
    }
    assert!(ran >= 10, "the guides' examples ran ({ran} commands)");
    assert!(
        failures.is_empty(),
        "{} example(s) differ (CROSSCHECK_BLESS=1 rewrites those without `...`):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
