//! Review decisions: what fact-checkers decided about findings (confirmed,
//! dismissed, needs a source), kept in `crosscheck-reviews.toml` beside the
//! corpus, a readable and diffable file that later runs read back. Writes
//! take a lock, re-read the file, merge, and replace it atomically (write a
//! temporary file, then rename), so two reviewers writing at once lose
//! nothing; a file that cannot be parsed is reported, never overwritten.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::Finding;

pub const REVIEWS_FILE: &str = "crosscheck-reviews.toml";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: the reviews file cannot be read ({message}); fix it by hand, it was not changed")]
    Corrupt { path: PathBuf, line: usize, column: usize, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Confirmed,
    Dismissed,
    NeedsSource,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Confirmed => "confirmed",
            Decision::Dismissed => "dismissed",
            Decision::NeedsSource => "needs-source",
        }
    }
}

/// One decision on one finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The finding's fingerprint.
    pub finding: String,
    pub decision: Decision,
    /// The rule and message when the decision was taken, for people reading the file.
    pub rule: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, in UTC (RFC 3339).
    pub at: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewsFile {
    #[serde(default)]
    review: Vec<Review>,
}

const HEADER: &str = "# Review decisions recorded with `crosscheck review`; one [[review]] per finding,\n\
# keyed by its fingerprint. Later runs show these decisions; dismissed findings\n\
# do not fail a check. Safe to edit by hand and to diff.\n\n";

/// The decisions of one corpus.
#[derive(Debug, Default, Clone)]
pub struct Reviews {
    pub reviews: Vec<Review>,
}

fn io(path: &Path, e: impl std::fmt::Display) -> ReviewError {
    ReviewError::Io { path: path.to_path_buf(), message: e.to_string() }
}

fn parse(path: &Path, text: &str) -> Result<Reviews, ReviewError> {
    let file: ReviewsFile = toml::from_str(text).map_err(|e| {
        let (line, column) = crate::text::position(text, e.span().map_or(0, |s| s.start));
        ReviewError::Corrupt { path: path.to_path_buf(), line, column, message: e.message().trim().to_string() }
    })?;
    // Two decisions on one finding: which one holds is not for us to guess.
    let mut seen = std::collections::HashSet::new();
    for r in &file.review {
        if !seen.insert(r.finding.as_str()) {
            let second = text.match_indices(r.finding.as_str()).nth(1).map_or(0, |(at, _)| at);
            let (line, column) = crate::text::position(text, second);
            return Err(ReviewError::Corrupt {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("a second decision on finding {}; keep one", r.finding),
            });
        }
    }
    Ok(Reviews { reviews: file.review })
}

/// Removes temporary files a killed writer left beside `target`: only a
/// writer holding the lock writes one, so under the lock any is left over.
fn remove_leftovers(target: &Path) {
    for leftover in super::temporary_files(target) {
        let _ = std::fs::remove_file(leftover);
    }
}

/// Holds an exclusive lock on the reviews file's lock file while alive.
struct Lock(File);

impl Lock {
    fn take(path: &Path) -> Result<Lock, ReviewError> {
        let lock_path = path.with_file_name(format!(
            ".{}.lock",
            path.file_name().map_or_else(|| REVIEWS_FILE.into(), |n| n.to_string_lossy())
        ));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io(&lock_path, e))?;
        file.lock().map_err(|e| io(&lock_path, e))?;
        Ok(Lock(file))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

impl Reviews {
    /// Reads a reviews file; a missing file holds no decisions.
    pub fn read(path: &Path) -> Result<Reviews, ReviewError> {
        match std::fs::read_to_string(path) {
            Ok(text) => parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Reviews::default()),
            Err(e) => Err(io(path, e)),
        }
    }

    /// The decision on a finding.
    pub fn get(&self, fingerprint: &str) -> Option<&Review> {
        self.reviews.iter().find(|r| r.finding == fingerprint)
    }

    /// Records a decision, replacing any earlier one on the same finding:
    /// under a lock, re-reading the file so concurrent decisions survive,
    /// then writing a temporary file and renaming it over the old one.
    ///
    /// A reviews file that is a link is written through: the file it points
    /// at is replaced, the link stays. Temporary files of writers that were
    /// killed are removed, under the lock, by the next writer.
    pub fn record(path: &Path, review: Review) -> Result<(), ReviewError> {
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let _lock = Lock::take(&target)?;
        remove_leftovers(&target);
        let mut current = Reviews::read(&target)?;
        current.reviews.retain(|r| r.finding != review.finding);
        current.reviews.push(review);
        current.reviews.sort_by(|a, b| a.finding.cmp(&b.finding));
        let body = toml::to_string_pretty(&ReviewsFile { review: current.reviews }).map_err(|e| io(path, e))?;
        let tmp = super::temporary_file(&target);
        let written = File::create(&tmp)
            .and_then(|mut file| {
                file.write_all(HEADER.as_bytes())?;
                file.write_all(body.as_bytes())?;
                file.sync_all()
            })
            .map_err(|e| io(&tmp, e))
            .and_then(|()| std::fs::rename(&tmp, &target).map_err(|e| io(path, e)));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// Attaches decisions to the findings; gives the decisions whose finding
    /// is gone (stale), so a report can say so.
    pub fn apply(&self, findings: &mut [Finding]) -> Vec<Review> {
        for f in findings.iter_mut() {
            f.review = self.get(&f.fingerprint).cloned().map(Box::new);
        }
        self.stale(&findings.iter().map(|f| &*f.fingerprint).collect())
    }

    /// The decisions on findings whose fingerprints are not among `found`.
    pub fn stale(&self, found: &std::collections::HashSet<&str>) -> Vec<Review> {
        self.reviews.iter().filter(|r| !found.contains(r.finding.as_str())).cloned().collect()
    }
}

/// The current time in UTC, as RFC 3339.
pub fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(finding: &str, decision: Decision) -> Review {
        Review {
            finding: finding.into(),
            decision,
            rule: "r".into(),
            message: "m".into(),
            note: None,
            by: None,
            at: now(),
        }
    }

    #[test]
    fn records_merge_and_replace_by_finding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEWS_FILE);
        Reviews::record(&path, review("aaa", Decision::Confirmed)).unwrap();
        Reviews::record(&path, review("bbb", Decision::Dismissed)).unwrap();
        Reviews::record(&path, review("aaa", Decision::NeedsSource)).unwrap();
        let read = Reviews::read(&path).unwrap();
        assert_eq!(read.reviews.len(), 2);
        assert_eq!(read.get("aaa").unwrap().decision, Decision::NeedsSource);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEWS_FILE);
        std::fs::write(&path, "[[review]]\nfinding = \n").unwrap();
        let err = Reviews::record(&path, review("aaa", Decision::Confirmed)).unwrap_err();
        assert!(matches!(err, ReviewError::Corrupt { line: 2, .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[review]]\nfinding = \n");
    }
}
