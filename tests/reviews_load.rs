//! Review decisions under load: many writers at once lose none, a writer
//! killed at any point leaves the old file or the new one (never a torn
//! one) and its temporary file is cleaned up by the next writer, a reviews
//! file that is a link is written through, and two decisions on one
//! finding are refused with their line.

use std::path::Path;
use std::time::Duration;

use crosscheck::workflow::{Decision, REVIEWS_FILE, Review, Reviews};

fn review(finding: String) -> Review {
    Review {
        finding,
        decision: Decision::Confirmed,
        rule: "quantity-conflict".into(),
        message: "a message".into(),
        note: Some("checked by phone".into()),
        by: Some("desk".into()),
        at: "2026-12-01T00:00:00Z".into(),
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn twenty_writers_and_a_thousand_decisions_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(REVIEWS_FILE);
    std::thread::scope(|s| {
        for w in 0..20 {
            let path = &path;
            s.spawn(move || {
                for k in 0..50 {
                    Reviews::record(path, review(format!("{w:02}{k:014}"))).unwrap();
                }
            });
        }
    });
    let reviews = Reviews::read(&path).expect("the file always parses");
    for w in 0..20 {
        for k in 0..50 {
            assert!(reviews.get(&format!("{w:02}{k:014}")).is_some(), "decision {w}/{k} kept");
        }
    }
    assert!(leftovers(dir.path()).is_empty());
}

/// Run by `killed_writers_leave_the_old_file_or_the_new_one` in a child
/// process: records decisions until it is killed.
#[test]
fn writer_until_killed() {
    let Some(path) = std::env::var_os("CROSSCHECK_REVIEWS_WRITER") else { return };
    for k in 0u64.. {
        Reviews::record(Path::new(&path), review(format!("{k:016}"))).unwrap();
    }
}

#[test]
fn killed_writers_leave_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(REVIEWS_FILE);
    let me = std::env::current_exe().unwrap();
    let mut seed = 7u64;
    for _ in 0..200 {
        let mut child = std::process::Command::new(&me)
            .args(["writer_until_killed", "--exact", "--test-threads", "1"])
            .env("CROSSCHECK_REVIEWS_WRITER", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        std::thread::sleep(Duration::from_millis(2 + (seed >> 33) % 25));
        child.kill().unwrap();
        child.wait().unwrap();
        if path.exists() {
            Reviews::read(&path).expect("never a torn file");
        }
    }
    // The next writer removes what the killed ones left behind.
    Reviews::record(&path, review("f".repeat(16))).unwrap();
    assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
}

#[cfg(unix)]
#[test]
fn a_reviews_file_that_is_a_link_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared-reviews.toml");
    let link = dir.path().join(REVIEWS_FILE);
    Reviews::record(&shared, review("a".repeat(16))).unwrap();
    std::os::unix::fs::symlink(&shared, &link).unwrap();
    Reviews::record(&link, review("b".repeat(16))).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    let reviews = Reviews::read(&shared).unwrap();
    assert!(reviews.get(&"a".repeat(16)).is_some() && reviews.get(&"b".repeat(16)).is_some());
}

#[test]
fn two_decisions_on_one_finding_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(REVIEWS_FILE);
    let entry = |decision: &str| {
        format!(
            "[[review]]\nfinding = \"0123456789abcdef\"\ndecision = \"{decision}\"\nrule = \"r\"\nmessage = \"m\"\nat = \"2026-12-01T00:00:00Z\"\n\n"
        )
    };
    std::fs::write(&path, entry("dismissed") + &entry("confirmed")).unwrap();
    let err = Reviews::read(&path).unwrap_err().to_string();
    assert!(err.contains(&format!("{}:9:", path.display())), "the second finding line: {err}");
    assert!(err.contains("a second decision on finding 0123456789abcdef"), "{err}");
}
