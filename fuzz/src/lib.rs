//! What every fuzz target shares: the built-in lexicon and rules, loaded
//! once per process (AFL++ runs each target in persistent mode).

use std::sync::LazyLock;

use crosscheck::engine::RuleSet;
use crosscheck::lexicon::{Lexicon, Sources};

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::load(&Sources::built_in()).expect("lexicon"));
pub static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(&Sources::built_in()).expect("rules"));

/// The file name an input is read as: its first byte picks the extension.
pub fn name_for(data: &[u8]) -> (&'static str, &[u8]) {
    const NAMES: [&str; 5] = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"];
    match data.split_first() {
        Some((&b, rest)) => (NAMES[b as usize % NAMES.len()], rest),
        None => ("a.txt", data),
    }
}
