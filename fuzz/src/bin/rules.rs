//! The rule parser: the input replaces a built-in rule file.

use crosscheck::engine::RuleSet;

const FILES: [&str; 3] = ["quantity-conflict.toml", "single-source.toml", "parts-exceed-total.toml"];

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some(sources) = crosscheck_fuzz::with_replaced_file(&FILES, data) else { return };
        let _ = RuleSet::load(&sources);
    });
}
