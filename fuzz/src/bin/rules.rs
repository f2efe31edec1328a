//! The rule parser: the input replaces a built-in rule file.

use crosscheck::engine::RuleSet;
use crosscheck::lexicon::{SourceFile, Sources};

const FILES: [&str; 3] = ["quantity-conflict.toml", "single-source.toml", "parts-exceed-total.toml"];

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some((&b, rest)) = data.split_first() else { return };
        let relative = FILES[b as usize % FILES.len()];
        let mut sources = Sources::built_in();
        sources.add_layer(vec![SourceFile {
            relative: relative.to_string(),
            origin: std::path::Path::new("fuzz").join(relative),
            text: String::from_utf8_lossy(rest).into_owned(),
        }]);
        let _ = RuleSet::load(&sources);
    });
}
