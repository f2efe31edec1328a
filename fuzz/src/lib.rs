//! What every fuzz target shares: the built-in lexicon and rules, loaded
//! once per process (AFL++ runs each target in persistent mode).

use std::sync::LazyLock;

use crosscheck::engine::RuleSet;
use crosscheck::lexicon::{Lexicon, SourceFile, Sources};

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

/// The built-in data files with one of `files` (picked by the input's first
/// byte) replaced by the rest of the input; `None` for an empty input.
pub fn with_replaced_file(files: &[&str], data: &[u8]) -> Option<Sources> {
    let (&b, rest) = data.split_first()?;
    let relative = files[b as usize % files.len()];
    let mut sources = Sources::built_in();
    sources.add_layer(vec![SourceFile {
        relative: relative.to_string(),
        origin: std::path::Path::new("fuzz").join(relative),
        text: String::from_utf8_lossy(rest).into_owned(),
    }]);
    Some(sources)
}
