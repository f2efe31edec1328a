//! What the tests that run the real binary share: the binary, started in
//! the crate's folder, and its exit status and output.
//! Each test crate uses what it needs of it.
#![allow(dead_code)]

use assert_cmd::Command;

/// The `crosscheck` binary, run from the crate's folder so that paths such
/// as `corpus/seeds` resolve.
pub fn crosscheck() -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs a command: its exit status, standard output and standard error.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
