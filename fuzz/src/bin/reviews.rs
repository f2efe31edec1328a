//! The reviews file: read, then a decision recorded over it.

use crosscheck::workflow::{Decision, Review, Reviews};

fn main() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("crosscheck-reviews.toml");
    afl::fuzz!(|data: &[u8]| {
        std::fs::write(&path, data).expect("writes");
        if Reviews::read(&path).is_ok() {
            let review = Review {
                finding: "0123456789abcdef".into(),
                decision: Decision::Confirmed,
                rule: "r".into(),
                message: "m".into(),
                note: None,
                by: None,
                at: "2026-12-01T00:00:00Z".into(),
            };
            Reviews::record(&path, review).expect("a readable file takes a decision");
            Reviews::read(&path).expect("and stays readable");
        }
    });
}
