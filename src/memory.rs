//! How the program's allocator holds memory. The binary and the scale
//! bench allocate with mimalloc; `commit_arenas_as_used_at_load!` has its
//! arenas committed as they are used, not whole when reserved: on a corpus
//! of 100,000 documents the run's peak resident memory is a twentieth
//! lower, in the same time (docs/benchmarks.md).

/// Sets mimalloc to commit its arenas as they are used. Called as the
/// program loads (see `commit_arenas_as_used_at_load!`): in `main` it
/// would be too late for the first arena.
pub fn commit_arenas_as_used() {
    // `mi_option_arena_eager_commit`, numbered as in `mimalloc.h` (the
    // bindings give it no name).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: the call stores a number in mimalloc's table of options and
    // takes nothing of the caller's; mimalloc reads the option as it
    // reserves its next arena.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
}

/// A constructor, run as the program is loaded and before its first
/// allocation, that calls `commit_arenas_as_used`: one line for each
/// program that allocates with mimalloc.
#[macro_export]
macro_rules! commit_arenas_as_used_at_load {
    () => {
        #[cfg(target_os = "linux")]
        #[used]
        #[unsafe(link_section = ".init_array")]
        static COMMIT_ARENAS_AS_USED: extern "C" fn() = {
            extern "C" fn commit() {
                $crate::memory::commit_arenas_as_used();
            }
            commit
        };
    };
}
