//! workflow: what persists between runs: finding fingerprints, the
//! baseline of known findings, and fact-checkers' review decisions.
//! Takes: findings and the claim index of a run; baseline and reviews files.
//! Gives: findings marked with their fingerprint, review and baseline state;
//! stale reviews; files written atomically under a lock.
//! Never: changes what the rules found.

mod atomic;
mod baseline;
mod fingerprint;
mod reviews;

pub use atomic::{temporary_file, temporary_files};
pub use baseline::{Baseline, BaselineError};
pub use fingerprint::{ClaimKeys, assign as assign_fingerprints, fnv1a, occurrences};
pub use reviews::{Decision, REVIEWS_FILE, Review, ReviewError, Reviews, now};
