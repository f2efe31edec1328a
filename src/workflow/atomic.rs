//! atomic: files written whole or not at all. A writer writes a temporary
//! file beside its target (`.NAME.<process id>.tmp`, hidden, so a corpus
//! walk skips it) and renames it onto the target once complete; a writer
//! killed on the way leaves the target as it was, and its temporary file
//! for the next writer to remove.

use std::path::{Path, PathBuf};

/// The start of the name of a temporary file for `target`: `.NAME.`.
fn prefix(target: &Path) -> String {
    format!(".{}.", target.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy()))
}

/// The temporary file this process writes `target` through.
pub fn temporary_file(target: &Path) -> PathBuf {
    target.with_file_name(format!("{}{}.tmp", prefix(target), std::process::id()))
}

/// The temporary files for `target` beside it, of this process or any other.
pub fn temporary_files(target: &Path) -> Vec<PathBuf> {
    let prefix = prefix(target);
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|e| e.path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_the_target_s_hidden_names_with_a_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        for name in [".report.json.12.tmp", ".report.json..tmp", ".report.json.x1.tmp", "report.json", ".other.12.tmp"]
        {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        assert_eq!(temporary_files(&target), [dir.path().join(".report.json.12.tmp")]);
        let own = temporary_file(&target);
        assert_eq!(own.parent(), Some(dir.path()));
        assert_eq!(own.file_name().unwrap().to_string_lossy(), format!(".report.json.{}.tmp", std::process::id()));
    }
}
