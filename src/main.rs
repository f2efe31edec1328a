//! The `crosscheck` binary: parses the command line, runs the library and
//! maps the outcome to an exit code (0 clean, 1 findings at or above
//! `--fail-on`, 2 usage or input errors).

mod cli;

/// mimalloc rather than the system's allocator: a run allocates millions of
/// small claims, findings and messages across threads, and on a corpus of
/// 100,000 documents the graph and the rules take a quarter less time with
/// it (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The allocator's arenas committed as they are used, not whole when
/// reserved: on a corpus of 100,000 documents the run's peak resident
/// memory is a twentieth lower, in the same time (docs/benchmarks.md). Set
/// as the program is loaded, before the allocator reserves its first arena
/// (in `main` it would be too late for that one).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_AS_USED: extern "C" fn() = {
    extern "C" fn commit_as_used() {
        // `mi_option_arena_eager_commit`, numbered as in `mimalloc.h` (the
        // bindings give it no name).
        const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
        // SAFETY: options are set before any thread runs, as mimalloc asks.
        unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
    }
    commit_as_used
};

fn main() -> std::process::ExitCode {
    // A bug shows as one line naming where it happened; the document it
    // happened in is then reported as an error by the library.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("crosscheck: internal error{at}");
    }));
    cli::run()
}
