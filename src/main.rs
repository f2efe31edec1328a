//! The `crosscheck` binary: parses the command line, runs the library and
//! maps the outcome to an exit code (0 clean, 1 findings at or above
//! `--fail-on`, 2 usage or input errors).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
